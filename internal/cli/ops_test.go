package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
)

// startNATS starts a real embedded NATS server for a test.
func startNATS(t *testing.T) *bus.Embedded {
	t.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return srv
}

// execute runs the dra command line in this process.
func execute(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Execute(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestConflictingConsumerStopsTheProcess: a stage whose consumer cannot be
// set up (the durable exists with another ack policy) stops its process
// with a non-zero exit code naming the stage, instead of idling.
func TestConflictingConsumerStopsTheProcess(t *testing.T) {
	srv := startNATS(t)
	ctx := context.Background()
	conn, err := bus.Connect(ctx, srv.ClientURL(), "test", bus.DefaultTopology(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.JS.CreateOrUpdateConsumer(ctx, event.StreamFetched, jetstream.ConsumerConfig{
		Durable: "processor", AckPolicy: jetstream.AckNonePolicy}); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := execute(t, "process", "--nats-url", srv.ClientURL(), "--log-level", "error")
	if code != ExitError {
		t.Errorf("exit code %d, want %d (stderr: %s)", code, ExitError, stderr)
	}
	if !strings.Contains(stderr, "processor") {
		t.Errorf("stderr does not name the stage: %s", stderr)
	}
}

// TestUnreachableNATSFailsFast: with nothing at --nats-url, a stage exits
// with ExitUnavailable and says which flag to fix and that dra run embeds
// NATS.
func TestUnreachableNATSFailsFast(t *testing.T) {
	addr := freeAddr(t) // nothing listens there any more
	for _, args := range [][]string{
		{"process"},
		{"index", "--data-dir", t.TempDir()},
		{"serve", "--data-dir", t.TempDir(), "--http-addr", "127.0.0.1:0"},
	} {
		t.Run(args[0], func(t *testing.T) {
			t.Parallel()
			code, _, stderr := execute(t, append(args, "--nats-url", "nats://"+addr, "--log-level", "error")...)
			if code != ExitUnavailable {
				t.Errorf("exit code %d, want %d", code, ExitUnavailable)
			}
			for _, want := range []string{"--nats-url", "dra run", addr} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q: %s", want, stderr)
				}
			}
		})
	}
}

// TestDataDirInUse: a second process on a data directory in use fails at
// once naming the holder; a lock left by a dead process is taken over.
func TestDataDirInUse(t *testing.T) {
	t.Setenv(EnvESURL, "") // Bleve, in the data directory
	held := t.TempDir()
	l, err := lockDataDir(held)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	stale := t.TempDir()
	dead, _ := json.Marshal(lockHolder{PID: 999999999, Host: "gone", Command: "dra demo"})
	if err := os.WriteFile(filepath.Join(stale, LockFile), dead, 0o644); err != nil {
		t.Fatal(err)
	}
	nats := startNATS(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"run beside a running process", []string{"run", "--data-dir", held, "--http-addr", "127.0.0.1:0"}, ExitUnavailable},
		{"demo beside a running process", []string{"demo", "--data-dir", held, "--http-addr", "127.0.0.1:0", "--articles", "1"}, ExitUnavailable},
		{"reindex beside a running process", []string{"reindex", "--data-dir", held}, ExitUnavailable},
		{"index on Bleve beside a running process", []string{"index", "--data-dir", held, "--nats-url", nats.ClientURL()}, ExitUnavailable},
	}
	t.Run("a stale lock is taken over", func(t *testing.T) {
		l, err := lockDataDir(stale)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		data, _ := os.ReadFile(filepath.Join(stale, LockFile))
		var h lockHolder
		if err := json.Unmarshal(data, &h); err != nil || h.PID != os.Getpid() {
			t.Errorf("lock file names %+v (%v), want this process", h, err)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, append(tt.args, "--log-level", "error")...)
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d (stderr: %s)", code, tt.wantCode, stderr)
			}
			if tt.wantCode == ExitOK {
				return
			}
			for _, want := range []string{"in use", "pid " + itoa(os.Getpid()), held} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q: %s", want, stderr)
				}
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestCrawlOnceUnreachableFailsFast: a crawl that fetched nothing exits
// with ExitNothingFetched and the reason, and a name that does not resolve
// or a refused connection is not retried.
func TestCrawlOnceUnreachableFailsFast(t *testing.T) {
	nats := startNATS(t)
	tests := []struct {
		name, base, reason string
	}{
		{"name does not resolve", "http://thanhtri.invalid", "no such host"},
		{"connection refused", "http://" + freeAddr(t), "refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", tt.base, true)
			data, err := crawler.MarshalSources([]crawler.Source{src})
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "sources.yaml")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := execute(t, "crawl", "--once", "--sources", file, "--data-dir", dir,
				"--nats-url", nats.ClientURL(), "--log-level", "error")
			if code != ExitNothingFetched {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, ExitNothingFetched, stdout, stderr)
			}
			if !strings.Contains(stderr, "nothing fetched") || !strings.Contains(stderr, tt.reason) {
				t.Errorf("stderr does not give the reason %q: %s", tt.reason, stderr)
			}
			if !strings.Contains(stdout, " 0 retries") {
				t.Errorf("the failure was retried: %s", stdout)
			}
		})
	}
}

// TestUsageErrorsExit2 checks the exit code of command-line mistakes.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"unknown command", []string{"frobnicate"}, ExitUsage},
		{"unknown flag", []string{"process", "--no-such-flag"}, ExitUsage},
		{"extra argument", []string{"process", "extra"}, ExitUsage},
		{"bad log level", []string{"version", "--log-level", "loud"}, ExitUsage},
		{"version", []string{"version"}, ExitOK},
		{"--version", []string{"--version"}, ExitOK},
		{"help", []string{"--help"}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, stderr := execute(t, tt.args...)
			if got != tt.want {
				t.Errorf("exit code %d, want %d (stderr: %s)", got, tt.want, stderr)
			}
		})
	}
}

// TestVersionNamesCommitAndGo: dra version and --version print the module
// version, the VCS commit (when the build has it) and the Go version.
func TestVersionNamesCommitAndGo(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		_, out, _ := execute(t, args...)
		b := readBuildInfo()
		for _, want := range []string{"dra ", b.Version, "commit ", b.Go} {
			if !strings.Contains(out, want) {
				t.Errorf("%v prints %q, without %q", args, out, want)
			}
		}
	}
}

// TestOpsEndpoints: --metrics-addr serves /metrics, /healthz and /readyz.
func TestOpsEndpoints(t *testing.T) {
	reg := newRegistry()
	r := newReadiness()
	h := opsHandler(reg, r)
	get := func(path string) int {
		req, _ := http.NewRequest("GET", path, nil)
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, req)
		return rec.code
	}
	if got := get("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz before start-up = %d, want 503", got)
	}
	r.started.Store(true)
	for _, p := range []string{"/readyz", "/healthz", "/metrics"} {
		if got := get(p); got != http.StatusOK {
			t.Errorf("%s = %d, want 200", p, got)
		}
	}
}

type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = 200
	}
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(c int) {
	if r.code == 0 {
		r.code = c
	}
}
