package portalsim_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/internal/portalsim"
)

// fleetClient connects every request to the fleet's one address, whatever
// the host name, as DNS pointing the portals' names at one server would.
func fleetClient(addr string) *http.Client {
	d := &net.Dialer{}
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		}}}
}

func fleetGet(t *testing.T, c *http.Client, u, etag string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// TestFleet checks the fleet: each host name its own portal on one
// listener, a request sooner than the interval refused and counted, pages
// with ETags answering 304, new articles in the sitemap.
func TestFleet(t *testing.T) {
	const interval = 200 * time.Millisecond
	f, err := portalsim.NewFleet(portalsim.FleetConfig{Portals: 3, Articles: 4, Interval: interval})
	if err != nil {
		t.Fatal(err)
	}
	addr, err := f.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := fleetClient(addr)
	hosts := f.Hosts()
	if len(hosts) != 3 || hosts[0] == hosts[1] {
		t.Fatalf("hosts %v", hosts)
	}
	_, port, _ := net.SplitHostPort(addr)
	base := func(i int) string { return "http://" + hosts[i] + ":" + port }

	code, sm0, _ := fleetGet(t, c, base(0)+"/sitemap.xml", "")
	if code != 200 || strings.Count(sm0, "<loc>") != 4 || !strings.Contains(sm0, hosts[0]) {
		t.Fatalf("sitemap of %s: %d\n%s", hosts[0], code, sm0)
	}
	_, sm1, _ := fleetGet(t, c, base(1)+"/sitemap.xml", "") // another host: not too soon
	if sm1 == sm0 || !strings.Contains(sm1, hosts[1]) {
		t.Error("two hosts serve the same portal")
	}
	if code, _, h := fleetGet(t, c, base(0)+"/", ""); code != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
		t.Errorf("a request sooner than the interval: %d", code)
	}
	if st := f.Stats(); st.TooSoon != 1 || st.Requests != 3 {
		t.Errorf("stats %+v, want 3 requests, 1 too soon", st)
	}
	time.Sleep(interval)
	code, home, h := fleetGet(t, c, base(0)+"/", "")
	if code != 200 || strings.Count(home, "/-/view_content/") != 4 {
		t.Fatalf("home: %d\n%s", code, home)
	}
	time.Sleep(interval)
	if code, _, _ := fleetGet(t, c, base(0)+"/", h.Get("ETag")); code != http.StatusNotModified {
		t.Errorf("conditional request: %d, want 304", code)
	}
	f.Publish(2)
	if f.ArticleCount() != 3*6 {
		t.Errorf("%d articles after publishing 2 per portal, want 18", f.ArticleCount())
	}
	time.Sleep(interval)
	if _, sm, _ := fleetGet(t, c, base(0)+"/sitemap.xml", ""); strings.Count(sm, "<loc>") != 6 {
		t.Errorf("sitemap after publishing lists %d articles, want 6", strings.Count(sm, "<loc>"))
	}
	if code, _, _ := fleetGet(t, c, "http://nosuch.fleet.test:"+port+"/", ""); code != http.StatusMisdirectedRequest {
		t.Errorf("unknown host: %d", code)
	}
}
