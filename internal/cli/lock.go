package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// LockFile is the file in a data directory that names the process using it.
const LockFile = "dra.lock"

// lockHolder is what the lock file says about the process holding it.
type lockHolder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"`
	Started time.Time `json:"started"`
}

func (h lockHolder) String() string {
	return fmt.Sprintf("pid %d on %s (%q, started %s)", h.PID, h.Host, h.Command, h.Started.Format(time.RFC3339))
}

// ErrDataDirInUse is returned when another process holds a data directory.
var ErrDataDirInUse = errors.New("data directory in use")

// dirLock is a held data directory lock.
type dirLock struct {
	f    *os.File
	path string
}

// lockDataDir takes the data directory for this process at once, or fails
// naming the process that holds it. The lock is an flock(2) on
// <dir>/dra.lock: the kernel releases it when its holder dies, so the lock
// file of a killed process is taken over without a word; its content only
// names the holder.
func lockDataDir(dir string) (*dirLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		holder := "another process"
		var h lockHolder
		if data, rerr := os.ReadFile(path); rerr == nil && json.Unmarshal(data, &h) == nil && h.PID != 0 {
			holder = h.String()
		}
		return nil, fmt.Errorf("%w: %s is used by %s; stop it, or give this process another --data-dir", ErrDataDirInUse, dir, holder)
	}
	host, _ := os.Hostname()
	h := lockHolder{PID: os.Getpid(), Host: host, Command: strings.Join(commandLine(), " "), Started: time.Now().UTC().Truncate(time.Second)}
	data, _ := json.Marshal(h)
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt(append(data, '\n'), 0)
	}
	return &dirLock{f: f, path: path}, nil
}

// commandLine is the process's command line, for the lock file.
func commandLine() []string {
	args := append([]string{filepath.Base(os.Args[0])}, os.Args[1:]...)
	return args
}

// Close releases the lock. Safe to call twice.
func (l *dirLock) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	_ = f.Truncate(0)
	return f.Close() // closing the descriptor releases the flock
}
