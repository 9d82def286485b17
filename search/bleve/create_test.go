package bleve_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dra-archive/dra/search/bleve"
)

const createEnv = "DRA_TEST_BLEVE_CREATE"

// TestKillAtFirstStart kills a child process while it creates a new index,
// at a different moment each round: afterwards the index opens (the
// creation finished) or is absent (it is created anew) — never half made.
func TestKillAtFirstStart(t *testing.T) {
	if path := os.Getenv(createEnv); path != "" {
		os.Stdout.WriteString("creating\n")
		s, err := bleve.Open(path)
		if err != nil {
			panic(err)
		}
		os.Stdout.WriteString("created\n")
		_ = s.Close()
		time.Sleep(time.Minute) // wait to be killed
		return
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	interrupted := 0
	for round := range 12 {
		path := filepath.Join(t.TempDir(), "bleve")
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestKillAtFirstStart$")
		cmd.Env = append(os.Environ(), createEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(out)
		if line, err := r.ReadString('\n'); err != nil || line != "creating\n" {
			t.Fatalf("round %d: child said %q, %v", round, line, err)
		}
		// The kill lands somewhere in the creation (it takes a few ms).
		time.Sleep(time.Duration(round) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()

		if _, err := os.Stat(path + ".creating"); err == nil {
			interrupted++
		}
		s, err := bleve.Open(path)
		if err != nil {
			t.Fatalf("round %d (killed %d ms into the creation): %v", round, round, err)
		}
		if n, err := s.Count(context.Background()); err != nil || n != 0 {
			t.Errorf("round %d: count %d, %v", round, n, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("12 kills at first start, %d of them mid-creation: every index opened", interrupted)
}
