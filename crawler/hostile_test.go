package crawler_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// TestGzipBombBoundedMemory crawls, in a child process, a portal whose
// article page is 1 MiB of gzip that inflates to 1 GiB with a
// non-text content type. The crawler's peak RSS (its peak heap under the
// race detector) must stay under 200 MB,
// the page must be recorded as too_large (not lost silently) and every
// article still published.
func TestGzipBombBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 GiB gzip bomb")
	}
	const bomb = "/tai-lieu/-/view_content/999-bom.html" // an article URL
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 10,
		Faults: portalsim.Faults{GzipBombPath: bomb}})
	dir := t.TempDir()
	n := startNATS(t, filepath.Join(dir, "nats"))
	const id = "bomb"
	res, rss, _ := runChild(t, envChild+"=dra", envChildBase+"="+p.URL(), envChildNATS+"="+n.srv.ClientURL(),
		envChildDir+"="+filepath.Join(dir, "warc"), envChildID+"="+id)
	t.Logf("crawl of a gzip bomb: %.1fs, peak RSS %.0f MB, peak heap %.0f MB, %d published, %d failed",
		res.Seconds, rss, res.HeapMB, res.Published, res.Failed)
	if p.Requests(bomb) == 0 {
		t.Fatalf("the bomb was never requested")
	}
	switch {
	case raceEnabled && res.HeapMB >= 200:
		// The race detector's shadow memory multiplies RSS: bound the heap.
		t.Errorf("crawler peak heap %.0f MB, want < 200 MB", res.HeapMB)
	case !raceEnabled && rss >= 200:
		t.Errorf("crawler peak RSS %.0f MB, want < 200 MB", rss)
	}
	if want := int64(len(p.Articles())); res.Published != want {
		t.Errorf("published %d articles, want %d", res.Published, want)
	}
	fails, err := n.state(t).Failures(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var got *crawler.Failure
	for i, f := range fails {
		if strings.HasSuffix(f.URL, bomb) {
			got = &fails[i]
		}
	}
	if got == nil || got.Reason != crawler.ResultTooLarge {
		t.Fatalf("bomb failure %+v, want a %s failure (failures %+v)", got, crawler.ResultTooLarge, fails)
	}
}

// TestReadArchivedBounded: a record over MaxArchivedRecord is refused by
// ReadArchived and ScanWARC instead of being read whole; one under it reads.
func TestReadArchivedBounded(t *testing.T) {
	dir := t.TempDir()
	a, err := crawler.OpenArchive(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://example.vn/a.html", nil)
	resp := &http.Response{Status: "200 OK", StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html"}}}
	body := bytes.Repeat([]byte("x"), 64<<10)
	ref, err := a.Write(crawler.Exchange{Request: req, Response: resp, Body: body, At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, got, err := crawler.ReadArchived(dir, ref); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("ReadArchived: %d bytes, %v", len(got), err)
	}
	old := crawler.MaxArchivedRecord
	crawler.MaxArchivedRecord = 32 << 10
	t.Cleanup(func() { crawler.MaxArchivedRecord = old })
	if _, _, err := crawler.ReadArchived(dir, ref); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("ReadArchived of a record over the limit: %v, want refused", err)
	}
	if err := crawler.ScanWARC(filepath.Join(dir, filepath.Base(ref.File)), nil); err == nil {
		t.Errorf("ScanWARC of a record over the limit: no error")
	}
}

// TestRestricted checks an address of every special-purpose block, and
// public addresses next to them.
func TestRestricted(t *testing.T) {
	tests := []struct {
		name string
		ip   string
		want bool
	}{
		{"this network", "0.1.2.3", true},
		{"private 10/8", "10.20.30.40", true},
		{"CGNAT, cloud metadata", "100.100.100.200", true},
		{"CGNAT low", "100.64.0.1", true},
		{"CGNAT high", "100.127.255.254", true},
		{"loopback", "127.0.0.1", true},
		{"loopback other", "127.1.2.3", true},
		{"link local, metadata", "169.254.169.254", true},
		{"private 172.16/12", "172.31.255.1", true},
		{"IETF protocol assignments", "192.0.0.8", true},
		{"TEST-NET-1", "192.0.2.1", true},
		{"6to4 relay anycast", "192.88.99.1", true},
		{"private 192.168/16", "192.168.1.1", true},
		{"benchmarking", "198.18.0.1", true},
		{"benchmarking high", "198.19.255.255", true},
		{"TEST-NET-2", "198.51.100.7", true},
		{"TEST-NET-3", "203.0.113.9", true},
		{"multicast", "224.0.0.251", true},
		{"reserved 240/4", "240.0.0.1", true},
		{"reserved high", "254.255.255.255", true},
		{"broadcast", "255.255.255.255", true},
		{"public v4", "8.8.8.8", false},
		{"public next to CGNAT", "100.128.0.1", false},
		{"public next to 172.16/12", "172.32.0.1", false},
		{"public next to benchmarking", "198.20.0.1", false},
		{"public gov.vn", "203.162.0.1", false},
		{"unspecified v6", "::", true},
		{"loopback v6", "::1", true},
		{"IPv4-mapped loopback", "::ffff:127.0.0.1", true},
		{"IPv4-mapped CGNAT", "::ffff:100.100.100.200", true},
		{"IPv4-mapped public", "::ffff:8.8.8.8", false},
		{"IPv4-compatible", "::127.0.0.1", true},
		{"NAT64 of metadata", "64:ff9b::a9fe:a9fe", true},
		{"NAT64 of public", "64:ff9b::808:808", true},
		{"NAT64 local use", "64:ff9b:1::1", true},
		{"discard", "100::1", true},
		{"Teredo", "2001:0:4136:e378::1", true},
		{"benchmarking v6", "2001:2::1", true},
		{"ORCHIDv2", "2001:20::1", true},
		{"documentation v6", "2001:db8::1", true},
		{"documentation 3fff::/20", "3fff::1", true},
		{"6to4 of loopback", "2002:7f00:1::1", true},
		{"6to4 of 10/8", "2002:a00:1::1", true},
		{"6to4 of public", "2002:808:808::1", false},
		{"SRv6 SID", "5f00::1", true},
		{"unique local", "fd00::1", true},
		{"link local v6", "fe80::1", true},
		{"link local with zone", "fe80::1%eth0", true},
		{"site local", "fec0::1", true},
		{"multicast v6", "ff02::1", true},
		{"outside global unicast", "4000::1", true},
		{"public v6", "2606:4700::1111", false},
		{"public v6 in 2001::/16", "2001:4860:4860::8888", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := crawler.Restricted(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("Restricted(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
}

// TestCheckDial is the decision the dialer makes before every connection.
func TestCheckDial(t *testing.T) {
	for _, addr := range []string{"100.100.100.200:80", "[64:ff9b::a9fe:a9fe]:443", "198.18.0.1:80", "240.0.0.1:80",
		"[::ffff:100.64.0.1]:80", "[2002:a9fe:a9fe::1]:80"} {
		if err := crawler.CheckDial(addr); !errors.Is(err, crawler.ErrPrivateAddress) {
			t.Errorf("CheckDial(%s) = %v, want ErrPrivateAddress", addr, err)
		}
	}
	if err := crawler.CheckDial("8.8.8.8:443"); err != nil {
		t.Errorf("CheckDial(8.8.8.8:443) = %v", err)
	}
}

// TestRedirectToRestrictedAddress: a source without allow_private whose
// portal redirects to http://100.100.100.200/ (allowed as a host, so only
// the address guard stands in the way) records a private_address failure;
// the redirect hop is checked at dial time like any request. The loopback
// portal itself is let through by the test.
func TestRedirectToRestrictedAddress(t *testing.T) {
	t.Cleanup(crawler.SetRestricted(func(ip netip.Addr) bool {
		return ip != netip.MustParseAddr("127.0.0.1") && crawler.Restricted(ip)
	}))
	const hop = "/tai-lieu/-/view_content/998-chuyen-huong.html"
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 5,
		Faults: portalsim.Faults{RedirectPath: hop, RedirectTarget: "http://100.100.100.200/latest/meta-data/"}})
	src := hanoiSource("guard", p.URL())
	src.AllowPrivate = false
	src.AllowedHosts = []string{"100.100.100.200"}
	rec := &recorder{}
	c := crawler.New(rec, quiet, nil)
	rep, err := c.Crawl(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	var got *crawler.Failure
	for i, f := range rep.Failures {
		if strings.HasSuffix(f.URL, hop) {
			got = &rep.Failures[i]
		}
	}
	if got == nil || got.Reason != crawler.ResultPrivate || !strings.Contains(got.Error, "100.100.100.200") {
		t.Fatalf("redirect failure %+v, want %s naming 100.100.100.200 (failures %+v)", got, crawler.ResultPrivate, rep.Failures)
	}
	if want := int64(len(p.Articles())); rep.Published != want {
		t.Errorf("published %d, want %d", rep.Published, want)
	}
}

// TestIPv6StartURL: a source with an IPv6-literal start URL that
// validation accepts (Compile, as `dra sources validate` runs it) is
// crawled, not refused (Crawl compiles it again), and its limits apply.
func TestIPv6StartURL(t *testing.T) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "thanhtri", Articles: 5})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: p.Handler()}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	src := hanoiSource("ipv6", "http://"+ln.Addr().String())
	src.Politeness.Parallelism = 1
	if err := src.Compile(); err != nil { // what validation does
		t.Fatalf("validate: %v", err)
	}
	rep, err := crawler.New(&recorder{}, quiet, nil).Crawl(context.Background(), src)
	if err != nil {
		t.Fatalf("crawl of a source that validated: %v", err)
	}
	if want := int64(len(p.Articles())); rep.Published != want || rep.Failed != 0 {
		t.Errorf("published %d (want %d), failed %d: %+v", rep.Published, want, rep.Failed, rep.Failures)
	}
	if got := p.MaxInFlight(); got > 1 {
		t.Errorf("%d requests in flight, want at most the parallelism 1", got)
	}
}

// TestCheckURL: validation and crawl refuse the same start URLs.
func TestCheckURL(t *testing.T) {
	tests := []struct {
		name, raw string
		ok        bool
	}{
		{"http", "http://x.vn/a", true},
		{"IPv6 literal", "http://[::1]:8080/", true},
		{"IPv6 with zone", "http://[fe80::1%25eth0]/", true},
		{"not http", "ftp://x.vn/", false},
		{"relative", "/a/b", false},
		{"host of colons", "http://::0/", false},
		{"bad IPv6", "http://[::g]/", false},
		{"empty host", "http:///a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := crawler.CheckURL(tt.raw)
			if got := err == nil; got != tt.ok {
				t.Errorf("CheckURL(%q) = %v, want ok %v", tt.raw, err, tt.ok)
			}
			src := hanoiSource("check", "http://x.vn")
			src.StartURLs = []string{tt.raw}
			if got := src.Compile() == nil; got != tt.ok {
				t.Errorf("Compile with start url %q: ok %v, want %v", tt.raw, got, tt.ok)
			}
		})
	}
}

// TestOneCrawlPerSource: two crawls of one source started at once by two
// crawlers (two processes) sharing the state bucket never have more than
// the source's parallelism in flight at the portal; the second waits for
// the first and then runs.
func TestOneCrawlPerSource(t *testing.T) {
	n := startNATS(t, "")
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 20,
		Faults: portalsim.Faults{Latency: 5 * time.Millisecond}})
	src := hanoiSource("lease", p.URL())
	src.Politeness.Parallelism = 2
	var wg sync.WaitGroup
	reps := make([]crawler.Report, 2)
	errs := make([]error, 2)
	for i := range 2 {
		c := crawler.New(&recorder{}, quiet, nil, crawler.WithState(n.state(t)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			reps[i], errs[i] = c.Crawl(context.Background(), src, crawler.Full())
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("crawl %d: %v", i, err)
		}
		if reps[i].Failed != 0 || reps[i].Pages == 0 {
			t.Errorf("crawl %d: %+v", i, reps[i].Stats)
		}
	}
	if got := p.MaxInFlight(); got > src.Politeness.Parallelism {
		t.Errorf("%d requests in flight at once, want at most the parallelism %d", got, src.Politeness.Parallelism)
	}
}

// TestLeaseOfDeadCrawl: the lease a crawl left when its process died
// (written here as that process left it, renewed no more) holds the next
// crawl back, which says so and for whom, until it expires; then the next
// crawl takes it over and runs.
func TestLeaseOfDeadCrawl(t *testing.T) {
	n := startNATS(t, "")
	_ = n.state(t) // creates the bucket
	kv, err := n.conn.JS.KeyValue(context.Background(), crawler.StateBucket)
	if err != nil {
		t.Fatal(err)
	}
	ghost := fmt.Sprintf(`{"holder":"ghost/1/dead","expires":%q}`, time.Now().Add(time.Second).Format(time.RFC3339Nano))
	if _, err := kv.Put(context.Background(), "lease.dead", []byte(ghost)); err != nil {
		t.Fatal(err)
	}
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 5})
	logs := &lockedBuffer{}
	c := crawler.New(&recorder{}, slog.New(slog.NewTextHandler(logs, nil)), nil, crawler.WithState(n.state(t)),
		crawler.WithLeaseTTL(time.Second))
	rep, err := c.Crawl(context.Background(), hanoiSource("dead", p.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "waiting for another crawl") || !strings.Contains(logs.String(), "ghost/1/dead") {
		t.Errorf("no log of the wait for the dead crawl's lease:\n%s", logs.String())
	}
	if want := int64(len(p.Articles())); rep.Published != want {
		t.Errorf("published %d, want %d", rep.Published, want)
	}
	if _, err := kv.Get(context.Background(), "lease.dead"); !errors.Is(err, jetstream.ErrKeyNotFound) {
		t.Errorf("lease after the crawl: %v, want released", err)
	}
}

// lockedBuffer is a bytes.Buffer safe for a logger and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
