package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
)

// startBus starts a real embedded NATS server with the DRA topology.
func startBus(t *testing.T) (*bus.Embedded, *bus.Conn) {
	t.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "test", bus.DefaultTopology(), nil)
	if err != nil {
		srv.Shutdown()
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(); srv.Shutdown() })
	return srv, conn
}

func writeSources(t *testing.T, srcs ...crawler.Source) string {
	t.Helper()
	data, err := crawler.MarshalSources(srcs)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sources.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fetchedIDs reads every dra.article.fetched message in the stream and
// counts them by article ID.
func fetchedIDs(t *testing.T, conn *bus.Conn) map[string]int {
	t.Helper()
	ctx := context.Background()
	s, err := conn.JS.Stream(ctx, event.StreamFetched)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	if info.State.Msgs == 0 {
		return out
	}
	cons, err := conn.JS.OrderedConsumer(ctx, event.StreamFetched, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for n := uint64(0); n < info.State.Msgs; n++ {
		m, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if m.Headers().Get(bus.HeaderPayloadRef) != "" {
			t.Fatalf("large payload in a small portal")
		}
		e, err := event.DecodeFetched(m.Data())
		if err != nil {
			t.Fatal(err)
		}
		out[e.ArticleID]++
	}
	return out
}

func streamMsgs(conn *bus.Conn, stream string) uint64 {
	s, err := conn.JS.Stream(context.Background(), stream)
	if err != nil {
		return 0
	}
	info, err := s.Info(context.Background())
	if err != nil {
		return 0
	}
	return info.State.Msgs
}

// TestWorkersShareJobsAndSurviveKill runs one scheduler and two worker
// processes of the built binary against three simulated portals and an
// embedded NATS server hosted by the test. One worker is killed with
// SIGKILL in the middle of a job; its job is redelivered to the other,
// and every article is published exactly once.
func TestWorkersShareJobsAndSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the dra binary")
	}
	bin := buildDRA(t)
	srv, conn := startBus(t)
	var srcs []crawler.Source
	var portals []*portalsim.Portal
	total := 0
	for i, d := range []string{"thanhtri", "sontay", "thuongtin"} {
		p := startPortal(t, portalsim.Config{Seed: int64(30 + i), District: d, Articles: 60, PageSize: 10,
			Faults: portalsim.Faults{Latency: 15 * time.Millisecond}})
		portals = append(portals, p)
		total += len(p.Articles())
		src := crawler.HanoiSource(d, p.District().Name, "Hà Nội", p.URL(), true)
		src.Politeness.Parallelism = 2
		srcs = append(srcs, src)
	}
	sourcesFile := writeSources(t, srcs...)
	dir := t.TempDir()
	start := func(name string, args ...string) *exec.Cmd {
		args = append([]string{"crawl", "--sources", sourcesFile, "--nats-url", srv.ClientURL(),
			"--data-dir", filepath.Join(dir, name), "--crawl-interval", "0", "--job-ack-wait", "2s", "--workers", "1"}, args...)
		cmd := exec.Command(bin, args...)
		logf, err := os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { logf.Close() })
		cmd.Stdout, cmd.Stderr = logf, logf
		cmd.Env = append(os.Environ(), "DRA_NATS_URL=", "DRA_LOG_LEVEL=info")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		return cmd
	}
	articleRequests := func() int {
		n := 0
		for _, p := range portals {
			n += countArticleRequests(p)
		}
		return n
	}
	victim := start("worker-a", "--role", "worker")
	survivor := start("worker-b", "--role", "worker")
	scheduler := start("scheduler", "--role", "scheduler")

	deadline := time.Now().Add(time.Minute)
	for articleRequests() < total/5 {
		if time.Now().After(deadline) {
			t.Fatalf("crawl did not progress: %d article requests", articleRequests())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = victim.Wait()
	if killedAt := articleRequests(); killedAt >= total {
		t.Fatalf("the crawl had finished (%d article requests) before the kill", killedAt)
	}

	// Done when every article is in the stream and the work queue is empty.
	deadline = time.Now().Add(2 * time.Minute)
	for streamMsgs(conn, event.StreamFetched) < uint64(total) || streamMsgs(conn, event.StreamCrawlJobs) != 0 {
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "worker-b.log"))
			t.Fatalf("%d of %d articles published, %d jobs left\n%s", streamMsgs(conn, event.StreamFetched), total,
				streamMsgs(conn, event.StreamCrawlJobs), log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, c := range []*exec.Cmd{survivor, scheduler} {
		if err := c.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := c.Wait(); err != nil {
			t.Errorf("graceful shutdown: %v", err)
		}
	}
	ids := fetchedIDs(t, conn)
	for _, p := range portals {
		for _, a := range p.Articles() {
			u, _ := crawler.Canonical(a.URL)
			if n := ids[event.ArticleID(u)]; n != 1 {
				t.Errorf("%s published %d times", a.URL, n)
			}
		}
	}
	if len(ids) != total {
		t.Errorf("%d articles published, want %d", len(ids), total)
	}
	if dl, err := conn.DeadLetters(context.Background(), ""); err != nil || len(dl) != 0 {
		t.Errorf("dead letters: %v %v", dl, err)
	}
	log, _ := os.ReadFile(filepath.Join(dir, "worker-b.log"))
	if !bytes.Contains(log, []byte("delivery=2")) {
		t.Errorf("the killed worker's job was not redelivered to the other worker:\n%s", log)
	}
}

// TestCrawlOnceAndArchiveGet runs "dra crawl --once" in-process, then
// prints archived originals with "dra archive get": on another node (a
// data directory of its own) through the state bucket and the JetStream
// object store, and on the crawling node by scanning its WARC files when
// it archived to local files (--archive file://).
func TestCrawlOnceAndArchiveGet(t *testing.T) {
	srv, conn := startBus(t)
	p := startPortal(t, portalsim.Config{Seed: 41, District: "thuongtin", Articles: 36, Faults: portalsim.Faults{Windows1258: true}})
	sourcesFile := writeSources(t, crawler.HanoiSource("thuongtin", "Thường Tín", "Hà Nội", p.URL(), true))
	dataDir := t.TempDir()
	var out, errb bytes.Buffer
	if code := Execute([]string{"crawl", "--once", "--source", "thuongtin", "--sources", sourcesFile, "--nats-url", srv.ClientURL(),
		"--data-dir", dataDir, "--log-level", "error"}, &out, &errb); code != 0 {
		t.Fatalf("crawl --once: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if files, _ := filepath.Glob(filepath.Join(dataDir, "warc", "*")); len(files) != 0 {
		t.Errorf("local WARC files %v: the default archive is the object store", files)
	}
	if want := "articles published"; !strings.Contains(out.String(), want) {
		t.Errorf("summary %q lacks %q", out.String(), want)
	}
	if got := streamMsgs(conn, event.StreamFetched); got != uint64(len(p.Articles())) {
		t.Errorf("%d fetched events, want %d", got, len(p.Articles()))
	}
	a := p.Articles()[3]
	u, _ := crawler.Canonical(a.URL)
	id := event.ArticleID(u)
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"state bucket, object store, another node", []string{"--nats-url", srv.ClientURL(), "--data-dir", t.TempDir()}},
		{"state bucket, object store", []string{"--nats-url", srv.ClientURL(), "--data-dir", dataDir}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"archive", "get", id}, tt.args...)
			if code := Execute(args, &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("archive get printed %d bytes, not the %d the portal sent", out.Len(), len(want))
			}
		})
	}
	var errb2 bytes.Buffer
	if code := Execute([]string{"archive", "get", "0000", "--data-dir", dataDir, "--nats-url", ""}, io.Discard, &errb2); code == 0 ||
		!strings.Contains(errb2.String(), crawler.ErrNotArchived.Error()) {
		t.Errorf("unknown article: exit %d, %q", code, errb2.String())
	}
}

func TestSourcesCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"list", []string{"sources", "list", "--sources", "../../sources.yaml"}, 0, []string{"thanhtri", "Thanh Trì", "Ứng Hòa", "https://hoankiem.hanoi.gov.vn/"}},
		{"validate", []string{"sources", "validate", "--sources", "../../sources.yaml"}, 0, []string{"34 sources, all valid"}},
		{"invalid", []string{"sources", "validate", "--sources", "testdata-missing.yaml"}, 1, []string{"testdata-missing.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Execute(tt.args, &out, &errb)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tt.wantCode, errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String()+errb.String(), w) {
					t.Errorf("output lacks %q:\n%s%s", w, out.String(), errb.String())
				}
			}
		})
	}
}
