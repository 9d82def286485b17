package crawler_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
)

func TestSourceIdentityKey(t *testing.T) {
	src := crawler.Source{
		ID: "thanhtri", District: "Thanh Trì", StartURLs: []string{"http://127.0.0.1:8080/"},
		ListingPattern: "/", ArticlePattern: "view_content",
		Host:    "thanhtri.hanoi.gov.vn",
		Aliases: []string{"127.0.0.1:8080", "Thanhtri-Old.example", "[::1]:9090", "www.moved.example:8443"},
	}
	const path = "/kinh-te/-/view_content/1234-thu-ngan-sach.html?page=2"
	own := "thanhtri.hanoi.gov.vn" + path
	tests := []struct {
		name, url, want string
	}{
		{"host itself", "https://thanhtri.hanoi.gov.vn" + path, own},
		{"other scheme", "http://thanhtri.hanoi.gov.vn" + path, own},
		{"www.", "https://www.thanhtri.hanoi.gov.vn" + path, own},
		{"port on the host", "http://thanhtri.hanoi.gov.vn:8081" + path, own},
		{"alias with its port", "http://127.0.0.1:8080" + path, own},
		{"alias host at another port", "http://127.0.0.1:8081" + path, "127.0.0.1" + path},
		{"alias without port, any port", "http://thanhtri-old.example:3000" + path, own},
		{"alias without port, www. and https", "https://www.thanhtri-old.example" + path, own},
		{"alias with port, www. in the alias", "https://moved.example:8443" + path, own},
		{"alias with port 8443, default port", "https://moved.example" + path, "moved.example" + path},
		{"ipv6 alias", "http://[::1]:9090" + path, own},
		{"ipv6 at another port", "http://[::1]:9091" + path, "[::1]" + path},
		{"unrelated host", "https://sontay.hanoi.gov.vn" + path, "sontay.hanoi.gov.vn" + path},
		{"suffix of the host is not the host", "https://x-thanhtri.hanoi.gov.vn" + path, "x-thanhtri.hanoi.gov.vn" + path},
		{"not a URL", "thanhtri.hanoi.gov.vn" + path, "thanhtri.hanoi.gov.vn" + path},
	}
	compiled := src
	if err := compiled.Compile(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, s := range map[string]*crawler.Source{"compiled": &compiled, "as written": &src} {
				if got := s.IdentityKey(tt.url); got != tt.want {
					t.Errorf("%s: IdentityKey(%q) = %q, want %q", name, tt.url, got, tt.want)
				}
				if got, want := s.ArticleID(tt.url), event.KeyID(tt.want); got != want {
					t.Errorf("%s: ArticleID(%q) = %s, want %s", name, tt.url, got, want)
				}
			}
		})
	}
}

func TestSourceHostDefault(t *testing.T) {
	tests := []struct {
		name, start, url, want string
	}{
		{"first start URL's host", "https://www.sontay.hanoi.gov.vn/", "http://sontay.hanoi.gov.vn:81/a", "sontay.hanoi.gov.vn/a"},
		{"loopback: the port does not count", "http://127.0.0.1:8080/", "http://127.0.0.1:9090/a", "127.0.0.1/a"},
		{"ipv6", "http://[::1]:8080/", "http://[::1]/a", "[::1]/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := crawler.Source{ID: "x", District: "Sơn Tây", StartURLs: []string{tt.start}, ListingPattern: "/", ArticlePattern: "a"}
			if got := s.IdentityKey(tt.url); got != tt.want {
				t.Errorf("IdentityKey(%q) = %q, want %q", tt.url, got, tt.want)
			}
			if err := s.Compile(); err != nil {
				t.Fatal(err)
			}
			if got := s.IdentityKey(tt.url); got != tt.want {
				t.Errorf("compiled: IdentityKey(%q) = %q, want %q", tt.url, got, tt.want)
			}
			if s.Host == "" {
				t.Error("Compile left Host empty")
			}
		})
	}
}

func TestSourceKeyForID(t *testing.T) {
	src := crawler.Source{StartURLs: []string{"http://127.0.0.1:9999/"}, Host: "thanhtri.hanoi.gov.vn", Aliases: []string{"127.0.0.1:9999"}}
	const path = "/kinh-te/-/view_content/1-a.html"
	tests := []struct {
		name, id, url, want string
		ok                  bool
	}{
		{"alias listed now", event.KeyID("thanhtri.hanoi.gov.vn" + path), "http://127.0.0.1:9999" + path, "thanhtri.hanoi.gov.vn" + path, true},
		{"an earlier port", event.KeyID("thanhtri.hanoi.gov.vn" + path), "http://127.0.0.1:4444" + path, "thanhtri.hanoi.gov.vn" + path, true},
		{"the URL's own key", event.ArticleID("http://127.0.0.1:4444" + path), "http://127.0.0.1:4444" + path, "127.0.0.1" + path, true},
		{"an ID of an earlier build", event.KeyID("http://127.0.0.1:4444" + path), "http://127.0.0.1:4444" + path, "", false},
		{"another page", event.KeyID("thanhtri.hanoi.gov.vn/other"), "http://127.0.0.1:9999" + path, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := src.KeyForID(tt.id, tt.url)
			if got != tt.want || ok != tt.ok {
				t.Errorf("KeyForID = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSourceHostAndAliasesValidation(t *testing.T) {
	data := []byte(`sources:
  - id: bad
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
    host: "https://thanhtri.hanoi.gov.vn/"
    aliases: ["old.example/path", "127.0.0.1:0", "::1", "[::1", "user@old.example", "bad_host!.vn", "", "x.vn:99999"]
  - id: port-on-host
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
    host: "thanhtri.hanoi.gov.vn:8080"
`)
	_, err := crawler.ParseSources(data)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`host "https://thanhtri.hanoi.gov.vn/"`, `alias "old.example/path"`, `alias "127.0.0.1:0"`,
		`alias "::1": an IPv6 address needs brackets`, `alias "[::1"`, `alias "user@old.example"`, `alias "bad_host!.vn"`, `alias ""`,
		`alias "x.vn:99999"`, `host "thanhtri.hanoi.gov.vn:8080": a host name without a port`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}

	ok := []byte(`sources:
  - id: moved
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
    host: ThanhTri-Old.Example
    aliases: ["thanhtri.hanoi.gov.vn", "127.0.0.1:8080", "[::1]:8080", "www.mirror.example"]
`)
	srcs, err := crawler.ParseSources(ok)
	if err != nil {
		t.Fatal(err)
	}
	s := srcs[0]
	if s.Host != "thanhtri-old.example" {
		t.Errorf("host = %q", s.Host)
	}
	// The host and the aliases' hosts are the portal's: requests to them are allowed.
	for _, h := range []string{"thanhtri.hanoi.gov.vn", "thanhtri-old.example", "127.0.0.1", "::1", "www.mirror.example"} {
		if !s.AllowsHost(h) {
			t.Errorf("%s is not an allowed host: %v", h, s.AllowedHosts)
		}
	}
}

// portalSource is the source of a simulated portal as the demo builds it:
// identified by the real portal's host, served at a loopback alias.
func portalSource(p *portalsim.Portal) crawler.Source {
	s := hanoiSource(p.District().Slug, p.URL())
	s.Host = p.District().Host
	s.Aliases = []string{strings.TrimPrefix(p.URL(), "http://")}
	return s
}

// wantIDs are the article IDs of a portal's articles, from its own list:
// the hash of the real host and the path.
func wantIDs(p *portalsim.Portal) map[string]string {
	out := map[string]string{}
	for _, a := range p.Articles() {
		out[event.KeyID(p.District().Host+a.Path)] = a.Path
	}
	return out
}

// checkIDs checks that the published events are exactly the want articles,
// each named by the portal's host in its identity key.
func checkIDs(t *testing.T, evs []event.ArticleFetched, want map[string]string, host string) {
	t.Helper()
	got := map[string]bool{}
	for _, e := range evs {
		if got[e.ArticleID] {
			t.Errorf("%s published twice", e.ArticleID)
		}
		got[e.ArticleID] = true
		path, ok := want[e.ArticleID]
		if !ok {
			t.Errorf("published %s (%s), which is not an article of the portal at %s", e.ArticleID, e.URL, host)
			continue
		}
		if e.IdentityKey != host+path || !strings.HasSuffix(e.URL, path) {
			t.Errorf("%s: url %s, identity key %q, want %q", e.ArticleID, e.URL, e.IdentityKey, host+path)
		}
		if err := e.Validate(); err != nil {
			t.Errorf("%s: %v", e.URL, err)
		}
	}
	if len(got) != len(want) {
		t.Errorf("published %d articles, want the portal's %d", len(got), len(want))
	}
}

// TestSamePortalAtAnotherPort crawls a simulated portal, then the same
// portal (same seed) served on another port, with the crawl state kept
// across a NATS restart: the second crawl knows every article and
// publishes nothing; and a crawl without state gives every article the ID
// it had at the first port.
func TestSamePortalAtAnotherPort(t *testing.T) {
	ctx := context.Background()
	cfg := portalsim.Config{Seed: 9, District: "thanhtri", Articles: 36}
	dir := t.TempDir()

	p1 := startPortal(t, cfg)
	want := wantIDs(p1)
	host := p1.District().Host
	n := startNATS(t, dir)
	rec := &recorder{}
	rep, err := crawler.New(rec, quiet, nil, crawler.WithState(n.state(t))).Crawl(ctx, portalSource(p1))
	n.stop()
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, rec.events(), want, host)
	if rep.Published != int64(len(want)) || rep.Failed != 0 {
		t.Fatalf("first crawl: %+v", rep.Stats)
	}

	p2 := startPortal(t, cfg) // started before the first closes: another port
	if err := p1.Close(); err != nil {
		t.Fatal(err)
	}
	n = startNATS(t, dir)
	state := n.state(t)
	rec.reset()
	rep, err = crawler.New(rec, quiet, nil, crawler.WithState(state)).Crawl(ctx, portalSource(p2), crawler.Full())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Published != 0 || len(rec.events()) != 0 || rep.Unchanged != int64(len(want)) || rep.Failed != 0 {
		t.Errorf("second crawl at %s: %+v, %d events; want every article unchanged", p2.URL(), rep.Stats, len(rec.events()))
	}
	if p2.ConditionalRequests() < len(want) {
		t.Errorf("%d conditional requests at the new port, want one per known article (%d)", p2.ConditionalRequests(), len(want))
	}
	pages, err := state.Pages(ctx, "thanhtri")
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(want) {
		t.Errorf("the state holds %d pages, want %d", len(pages), len(want))
	}
	for u := range pages {
		if !strings.HasPrefix(u, p2.URL()+"/") {
			t.Errorf("page state at %s, not at the port it was checked at (%s)", u, p2.URL())
		}
	}

	// Without any state, the IDs at the new port are those of the first.
	rec.reset()
	if _, err := crawler.New(rec, quiet, nil).Crawl(ctx, portalSource(p2)); err != nil {
		t.Fatal(err)
	}
	checkIDs(t, rec.events(), want, host)
}

// TestStateKeysOfEarlierBuildsMove writes the crawl state as builds before
// identity keys kept it (page.<source>.<hash of the whole URL>), then
// crawls again: the records move to their identity keys and the known
// articles are not published again.
func TestStateKeysOfEarlierBuildsMove(t *testing.T) {
	ctx := context.Background()
	p := startPortal(t, portalsim.Config{Seed: 13, District: "sontay", Articles: 36})
	n := startNATS(t, "")
	state := n.state(t)
	src := hanoiSource("sontay", p.URL())
	rec := &recorder{}
	c := crawler.New(rec, quiet, nil, crawler.WithState(state))
	if _, err := c.Crawl(ctx, src); err != nil {
		t.Fatal(err)
	}
	want := len(rec.events())

	kv, err := n.conn.JS.KeyValue(ctx, crawler.StateBucket)
	if err != nil {
		t.Fatal(err)
	}
	keys := func() []string {
		t.Helper()
		l, err := kv.ListKeysFiltered(ctx, "page.sontay.>")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for k := range l.Keys() {
			out = append(out, k)
		}
		return out
	}
	for _, k := range keys() {
		e, err := kv.Get(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		var pg crawler.PageState
		if err := json.Unmarshal(e.Value(), &pg); err != nil {
			t.Fatal(err)
		}
		if _, err := kv.Put(ctx, "page.sontay."+event.KeyID(pg.URL), e.Value()); err != nil {
			t.Fatal(err)
		}
		if err := kv.Delete(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	hist, err := state.Source(ctx, "sontay")
	if err != nil {
		t.Fatal(err)
	}
	hist.IdentityKeys = false
	if err := state.PutSource(ctx, "sontay", hist); err != nil {
		t.Fatal(err)
	}

	rec.reset()
	rep, err := c.Crawl(ctx, src, crawler.Full())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Published != 0 || rep.Unchanged != int64(want) {
		t.Errorf("after the move: %+v, want all %d articles unchanged", rep.Stats, want)
	}
	got := keys()
	if len(got) != want {
		t.Errorf("%d page records, want %d", len(got), want)
	}
	pages, err := state.Pages(ctx, "sontay")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for u := range pages {
		ids["page.sontay."+src.ArticleID(u)] = true
	}
	for _, k := range got {
		if !ids[k] {
			t.Errorf("record %s is not under its identity key", k)
		}
	}
}

// TestLiveAndArchiveAgree crawls a simulated portal on loopback and a web
// archive that captured it at an old domain (www., http, another host
// listed as an alias): both give every article the same ID.
func TestLiveAndArchiveAgree(t *testing.T) {
	ctx := context.Background()
	p := startPortal(t, portalsim.Config{Seed: 17, District: "thanhtri", Articles: 40})
	want := wantIDs(p)
	host := p.District().Host
	live := &recorder{}
	if _, err := crawler.New(live, quiet, nil).Crawl(ctx, portalSource(p)); err != nil {
		t.Fatal(err)
	}
	checkIDs(t, live.events(), want, host)

	wa, err := portalsim.NewWebArchive(p, portalsim.WebArchiveConfig{Seed: 4, Origin: "http://www.thanhtri-old.example"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wa.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = wa.Close() })
	src := waybackSource(wa)
	src.Host = host
	src.Aliases = []string{"thanhtri-old.example"}
	arch := &recorder{}
	rep, err := crawler.New(arch, quiet, nil).Crawl(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Published == 0 {
		t.Fatalf("the archive crawl published nothing: %+v", rep)
	}
	for _, e := range arch.events() {
		path, ok := want[e.ArticleID]
		if !ok {
			t.Errorf("archive: %s has ID %s, which no article of the live portal has", e.URL, e.ArticleID)
			continue
		}
		if !strings.HasPrefix(e.URL, "http://www.thanhtri-old.example/") || e.IdentityKey != host+path {
			t.Errorf("archive: %s, identity key %q", e.URL, e.IdentityKey)
		}
	}
}
