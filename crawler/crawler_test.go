package crawler_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
)

func TestMain(m *testing.M) {
	if benchChild() { // a crawl child of BenchmarkCrawlProcess
		return
	}
	// nats.go v1.55.0 leaves one goroutine per JetStream context that made
	// an async publish (the object store's Put does) blocked on a status
	// channel it reads after the connection's close has set it to nil.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/nats-io/nats.go/jetstream.(*jetStream).resetPendingAcksOnReconnect"))
}

var quiet = slog.New(slog.DiscardHandler)

// recorder keeps what the crawler published, by message ID.
type recorder struct {
	mu    sync.Mutex
	msgs  map[string]event.ArticleFetched
	byURL map[string]int
	n     int
}

func (r *recorder) Publish(_ context.Context, subject, msgID string, payload []byte) error {
	e, err := event.DecodeFetched(payload)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.msgs == nil {
		r.msgs, r.byURL = map[string]event.ArticleFetched{}, map[string]int{}
	}
	r.msgs[msgID] = e
	r.byURL[e.URL]++
	r.n++
	return nil
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs, r.byURL, r.n = nil, nil, 0
}

func (r *recorder) events() []event.ArticleFetched {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []event.ArticleFetched
	for _, e := range r.msgs {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

func hanoiSource(id, base string) crawler.Source {
	s := crawler.HanoiSource(id, "Thanh Trì", "Hà Nội", base, true)
	s.Politeness.Backoff = 10 * time.Millisecond
	s.Politeness.Timeout = 10 * time.Second
	return s
}

func startPortal(t *testing.T, cfg portalsim.Config) *portalsim.Portal {
	t.Helper()
	p, err := portalsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// natsEnv is a real embedded NATS server with the DRA topology.
type natsEnv struct {
	dir  string
	srv  *bus.Embedded
	conn *bus.Conn
}

func startNATS(t *testing.T, dir string) *natsEnv {
	t.Helper()
	e := startNATSB(t, dir)
	t.Cleanup(e.stop)
	return e
}

func startNATSB(t testing.TB, dir string) *natsEnv {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "test", bus.DefaultTopology(), quiet)
	if err != nil {
		srv.Shutdown()
		t.Fatal(err)
	}
	return &natsEnv{dir: dir, srv: srv, conn: conn}
}

func (e *natsEnv) stop() {
	if e.conn != nil {
		_ = e.conn.Close()
		e.srv.Shutdown()
		e.conn = nil
	}
}

func (e *natsEnv) state(t *testing.T) *crawler.State {
	t.Helper()
	st, err := crawler.OpenState(context.Background(), e.conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// waits records the waits before retries; the test does not sleep them.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func canonicalURLs(t *testing.T, arts []portalsim.Article, keep func(portalsim.Article) bool) []string {
	t.Helper()
	var out []string
	for _, a := range arts {
		if keep != nil && !keep(a) {
			continue
		}
		u, err := crawler.Canonical(a.URL)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// checkPublished checks that exactly the want URLs were published, each once.
func checkPublished(t *testing.T, rec *recorder, want []string) {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var got []string
	for u, n := range rec.byURL {
		got = append(got, u)
		if n != 1 {
			t.Errorf("%s published %d times", u, n)
		}
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("published %d articles, want %d\nmissing: %v\nextra: %v", len(got), len(want), diff(want, got), diff(got, want))
	}
}

func diff(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

func TestCrawlPublishesEveryArticleOnce(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 40})
	n := startNATS(t, "")
	rec := &recorder{}
	archive, err := crawler.OpenArchive(filepath.Join(t.TempDir(), "warc"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer archive.Close()
	c := crawler.New(rec, quiet, nil, crawler.WithState(n.state(t)), crawler.WithArchive(archive))
	rep, err := c.Crawl(context.Background(), hanoiSource("thanhtri", p.URL()))
	if err != nil {
		t.Fatal(err)
	}
	want := canonicalURLs(t, p.Articles(), nil)
	checkPublished(t, rec, want)
	if rep.Published != int64(len(want)) || rep.Failed != 0 || rep.Incremental {
		t.Errorf("report = %+v", rep.Stats)
	}
	for _, e := range rec.events() {
		if e.ArticleID != event.ArticleID(e.URL) || e.SourceID != "thanhtri" || e.District != "Thanh Trì" || e.StatusCode != 200 {
			t.Errorf("event fields wrong: %+v", e)
		}
		if e.WARC == nil || e.Selectors == nil || e.Selectors.Body == "" {
			t.Errorf("%s: WARC %v, selectors %v", e.URL, e.WARC, e.Selectors)
		}
	}
	for _, path := range []string{"/tim-kiem", "/admin/"} {
		if n := p.Requests(path); n != 0 {
			t.Errorf("robots.txt disallows %s but it was fetched %d times", path, n)
		}
	}
	if n := p.Requests("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

func TestSourcesFileInRepo(t *testing.T) {
	srcs, err := crawler.LoadSources("../sources.yaml")
	if err != nil {
		t.Fatal(err)
	}
	districts := 0
	seen := map[string]bool{}
	for _, s := range srcs {
		seen[s.ID] = true
		if s.Kind == crawler.KindLive && s.District != "" {
			districts++
		}
		if s.Province != "Hà Nội" || !strings.HasSuffix("."+s.AllowedHosts[0], ".hanoi.gov.vn") {
			t.Errorf("%s: province %q, hosts %v", s.ID, s.Province, s.AllowedHosts)
		}
	}
	if districts != 30 {
		t.Errorf("%d live district sources, want the 30 district-level units of Hà Nội", districts)
	}
	for _, id := range []string{"thanhtri", "sontay", "thuongtin", "haibatrung", "phuxuyen", "hoankiem", "badinh", "dongda", "caugiay",
		"thanhtri-wayback", "hanoi", "phuong-bode"} {
		if !seen[id] {
			t.Errorf("source %s missing", id)
		}
	}
}

func TestParseSourcesReportsEveryError(t *testing.T) {
	data := []byte(`sources:
  - id: Bad ID
    start_urls: ["ftp://x"]
    listing_pattern: "("
    article_pattern: ""
    schedule: "every day"
    user_agent: "anonymous"
  - id: ok
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
  - id: ok
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
`)
	_, err := crawler.ParseSources(data)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"id \"Bad ID\"", "district is required", "ftp://x", "listing_pattern", "article_pattern is required",
		"schedule", "user_agent", "duplicate id"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestMarshalSourcesRoundTrip(t *testing.T) {
	src := hanoiSource("thanhtri", "http://127.0.0.1:8080")
	src.Schedule = "0 */6 * * *"
	src.Politeness.Delay = 1500 * time.Millisecond
	data, err := crawler.MarshalSources([]crawler.Source{src})
	if err != nil {
		t.Fatal(err)
	}
	got, err := crawler.ParseSources(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if got[0].Politeness.Delay != src.Politeness.Delay || got[0].Selectors.Body != src.Selectors.Body || got[0].Schedule != src.Schedule {
		t.Errorf("round trip lost fields:\n%s", data)
	}
}

func TestWARCArchive(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 2, District: "thuongtin", Articles: 36, Faults: portalsim.Faults{Windows1258: true}})
	dir := filepath.Join(t.TempDir(), "warc")
	archive, err := crawler.OpenArchive(dir, 64<<10) // small files: rotation
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	c := crawler.New(rec, quiet, nil, crawler.WithArchive(archive))
	rep, err := c.Crawl(context.Background(), hanoiSource("thuongtin", p.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if err := archive.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) < 2 {
		t.Errorf("%d WARC files, want rotation into several", len(files))
	}
	types := map[string]int{}
	for _, f := range files {
		if err := crawler.ScanWARC(f, func(r crawler.WARCRecord) error { types[r.Type]++; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// One response and one request per response received, robots.txt included.
	if types["response"] != int(rep.Pages)+1 || types["request"] != types["response"] || types["warcinfo"] != len(files) {
		t.Errorf("records %v for %d pages in %d files", types, rep.Pages, len(files))
	}
	for _, e := range rec.events() {
		h, body, err := crawler.ReadArchived(dir, *e.WARC)
		if err != nil {
			t.Fatal(err)
		}
		want := rawGet(t, e.URL)
		if string(body) != string(want) {
			t.Fatalf("%s: archived body differs from what the portal serves", e.URL)
		}
		if h.Get("Content-Type") != "text/html; charset=windows-1258" || e.ContentType != h.Get("Content-Type") {
			t.Errorf("archived content type %q, event %q", h.Get("Content-Type"), e.ContentType)
		}
	}
	for _, loc := range []string{"../x.warc.gz", "file:///etc/passwd", "file://" + dir + "/../x.warc.gz"} {
		if _, _, err := crawler.ReadArchived(dir, event.WARCRef{File: loc}); err == nil {
			t.Errorf("%s: a path outside the WARC directory was read", loc)
		}
	}
}

func rawGet(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := httpClient.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := readAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStateSurvivesRestart(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 5, District: "sontay", Articles: 36})
	dir := t.TempDir()
	n := startNATS(t, dir)
	rec := &recorder{}
	src := hanoiSource("sontay", p.URL())
	if _, err := crawler.New(rec, quiet, nil, crawler.WithState(n.state(t))).Crawl(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	n.stop()
	n = startNATS(t, dir)
	rec.reset()
	rep, err := crawler.New(rec, quiet, nil, crawler.WithState(n.state(t))).Crawl(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	// Every article is known from the state kept on disk: none is due.
	if rep.Published != 0 || !rep.Incremental || rep.Results[crawler.ResultNotDue] != int64(len(p.Articles())) {
		t.Errorf("after a restart: %+v incremental=%v results %v", rep.Stats, rep.Incremental, rep.Results)
	}
}

// httpClient keeps no idle connections, so no goroutine outlives a test.
var httpClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}

var readAll = io.ReadAll
