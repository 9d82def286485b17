package portalsim_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
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
	// The requests above went one after another: the meter saw one in
	// flight at most, and each host's arrivals.
	if got := f.Stats().MaxInFlight; got != 1 {
		t.Errorf("max in flight %d after requests made one at a time, want 1", got)
	}
	for host, want := range map[string]int{hosts[0]: 5, hosts[1]: 1, hosts[2]: 0, "nosuch.fleet.test": 1, "": 7} {
		if got := len(f.Meter().Times(host)); got != want {
			t.Errorf("meter: %d requests for %q, want %d", got, host, want)
		}
	}
}

// TestMeterInFlight holds n requests in the handler until all n have
// arrived: the meter counts n in flight, and a response is sent whole.
func TestMeterInFlight(t *testing.T) {
	const n = 5
	var m portalsim.Meter
	arrived := make(chan struct{}, n)
	release := make(chan struct{})
	srv := httptest.NewServer(m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		w.Header().Set("X-Path", r.URL.Path)
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "body of "+r.URL.Path)
	})))
	defer srv.Close()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := srv.Client().Get(srv.URL + "/" + strconv.Itoa(i))
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusTeapot || resp.Header.Get("X-Path") != "/"+strconv.Itoa(i) ||
				string(b) != "body of /"+strconv.Itoa(i) {
				t.Errorf("response %d %q %q", resp.StatusCode, resp.Header.Get("X-Path"), b)
			}
		}()
	}
	for range n {
		<-arrived
	}
	close(release)
	wg.Wait()
	if got := m.MaxInFlight(); got != n {
		t.Errorf("max in flight %d, want %d", got, n)
	}
	if got := len(m.Times("")); got != n {
		t.Errorf("%d arrivals, want %d", got, n)
	}
	// One more, alone: the maximum stays.
	resp, err := srv.Client().Get(srv.URL + "/last")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := m.MaxInFlight(); got != n {
		t.Errorf("max in flight %d after one more request, want %d", got, n)
	}
}
