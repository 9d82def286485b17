package cli

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/internal/testenv"
)

// buildDRA builds the dra binary for tests that run it as a child process.
func buildDRA(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dra")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/dra-archive/dra/cmd/dra").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string { return testenv.FreeAddr(t) }

// TestKillMidCrawlLosesNothing kills "dra run" with SIGKILL in the middle of
// a crawl, restarts it on the same data directory, and then finds every
// portal article in the store exactly once.
func TestKillMidCrawlLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the dra binary")
	}
	bin := buildDRA(t)
	p := startPortal(t, portalsim.Config{Seed: 3, District: "sontay", Articles: 200, PageSize: 10,
		Faults: portalsim.Faults{Latency: 20 * time.Millisecond}})
	dir := t.TempDir()
	srcs, err := crawler.MarshalSources([]crawler.Source{crawler.HanoiSource("sontay", "Sơn Tây", "Hà Nội", p.URL(), true)})
	if err != nil {
		t.Fatal(err)
	}
	sourcesFile := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(sourcesFile, srcs, 0o644); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(dir, "data")
	addr := freeAddr(t)
	start := func(logName string) *exec.Cmd {
		cmd := exec.Command(bin, "run", "--sources", sourcesFile, "--data-dir", dataDir, "--http-addr", addr, "--crawl-interval", "0")
		logf, err := os.Create(filepath.Join(dir, logName))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { logf.Close() })
		cmd.Stdout, cmd.Stderr = logf, logf
		cmd.Env = append(os.Environ(), "DRA_NATS_URL=", "DRA_ES_URL=")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}

	first := start("first.log")
	// Kill once a third of the article pages have been fetched.
	articles := len(p.Articles())
	deadline := time.Now().Add(time.Minute)
	for countArticleRequests(p) < articles/3 {
		if time.Now().After(deadline) {
			_ = first.Process.Kill()
			t.Fatalf("crawl did not progress: %d article requests", countArticleRequests(p))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	killedAt := countArticleRequests(p)
	if killedAt >= articles {
		t.Fatalf("the crawl had finished (%d article requests) before the kill", killedAt)
	}
	t.Logf("killed after %d of %d article pages", killedAt, articles)

	second := start("second.log")
	waitTotal(t, "http://"+addr, articles, 2*time.Minute)
	// The indexed articles' archived originals are there, byte for byte,
	// though the process was killed with records being written (one in
	// four is asked for: the API's per-client rate limit bounds a burst).
	for i, a := range p.Articles() {
		if i%4 != 0 {
			continue
		}
		resp, err := http.Get("http://" + addr + "/api/v1/articles/" + articleID(t, a) + "/archive")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, portalBytes(t, a.URL)) {
			t.Errorf("%s: archived original %s, %d bytes: not what the portal serves", a.URL, resp.Status, len(body))
		}
	}
	if err := second.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := second.Wait(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "second.log"))
		t.Fatalf("graceful shutdown: %v\n%s", err, log)
	}
	checkStore(t, dataDir, p)
}

func countArticleRequests(p *portalsim.Portal) int {
	n := 0
	for _, r := range p.RequestLog() {
		if strings.Contains(r, "/-/view_content/") {
			n++
		}
	}
	return n
}
