package portalsim

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// FleetConfig describes a fleet of simulated portals served on one
// listener, told apart by the Host header: the national fleet (3,355
// province and commune portals) without 3,355 ports.
type FleetConfig struct {
	Portals  int   // portals (3355 when 0)
	Articles int   // articles each portal has at start (10 when 0; -1 for none)
	PageSize int   // articles per listing page (10 when 0)
	Seed     int64 // same Seed, same fleet
	// Domain is the parent domain of the portals' host names,
	// "p0001.<Domain>" ... ("fleet.test" when empty).
	Domain string
	// Latency is added before every response (the server's time).
	Latency time.Duration
	// Interval is the portals' politeness: a request to a host sooner than
	// Interval after the previous one started (less a tenth for arrival
	// jitter) is answered 429 with Retry-After and counted in
	// FleetStats.TooSoon. 0: no limit.
	Interval time.Duration
	// Addr is the address Start listens on ("127.0.0.1:0" when empty): a
	// fleet on 127.0.0.2 is another server than one on 127.0.0.1.
	Addr string
	// NoKeepAlive closes every connection after its response, as many
	// portals do: a client connects anew for every request.
	NoKeepAlive bool
}

// FleetStats counts what the fleet served.
type FleetStats struct {
	Requests    int64 // every request
	NotModified int64 // 304 answers to conditional requests
	TooSoon     int64 // requests refused for coming sooner than Interval
	Articles    int64 // article pages served with a body
	// MaxPerHost is the most requests one host served.
	MaxPerHost int64
	// MaxInFlight is the most requests the fleet's server had in flight at
	// once (Meter).
	MaxInFlight int
}

// Fleet is a fleet of simulated portals in the Hanoi template's URL layout
// (so crawler.HanoiSource reads them), each page made when requested: the
// home page with the newest articles, category listings with pages,
// articles, robots.txt and a sitemap with lastmod and an ETag. Every page
// has an ETag and answers 304 to a request naming it.
type Fleet struct {
	cfg     FleetConfig
	portals []*fleetPortal
	hostIdx map[string]int

	requests, notModified, tooSoon, articles atomic.Int64
	meter                                    Meter

	life   sync.Mutex
	srv    *http.Server
	served chan struct{}
	addr   string
	closed bool
}

type fleetPortal struct {
	name string // host name, without port

	mu       sync.Mutex
	arts     []fleetArticle // newest first
	next     int            // the next article number
	last     time.Time      // the last request's arrival
	requests int64
}

type fleetArticle struct {
	id    int
	cat   string
	title string
	at    time.Time // publish time (the sitemap's lastmod)
}

var fleetCategories = []string{"tin-tuc-su-kien", "kinh-te", "van-hoa-xa-hoi", "dang-doan-the"}

// NewFleet builds a fleet.
func NewFleet(cfg FleetConfig) (*Fleet, error) {
	if cfg.Portals < 0 || cfg.PageSize < 0 || cfg.Latency < 0 || cfg.Interval < 0 {
		return nil, errors.New("portalsim: negative fleet setting")
	}
	if cfg.Portals == 0 {
		cfg.Portals = 3355
	}
	if cfg.Articles == 0 {
		cfg.Articles = 10
	}
	cfg.Articles = max(cfg.Articles, 0)
	if cfg.PageSize == 0 {
		cfg.PageSize = 10
	}
	if cfg.Domain == "" {
		cfg.Domain = "fleet.test"
	}
	f := &Fleet{cfg: cfg, hostIdx: make(map[string]int, cfg.Portals)}
	start := time.Date(2025, 7, 1, 8, 0, 0, 0, hcm)
	for i := range cfg.Portals {
		p := &fleetPortal{name: fmt.Sprintf("p%04d.%s", i+1, cfg.Domain), next: 1000 + int(hash64(fmt.Sprint(cfg.Seed), strconv.Itoa(i))%1000)}
		for k := range cfg.Articles {
			p.add(start.Add(time.Duration(k) * time.Hour))
		}
		f.portals = append(f.portals, p)
		f.hostIdx[p.name] = i
	}
	return f, nil
}

func (p *fleetPortal) add(at time.Time) {
	id := p.next
	p.next += 1 + id%7
	a := fleetArticle{id: id, cat: fleetCategories[id%len(fleetCategories)], at: at,
		title: fmt.Sprintf("Báo cáo kết quả công tác số %d của %s", id, strings.SplitN(p.name, ".", 2)[0])}
	p.arts = append([]fleetArticle{a}, p.arts...)
}

// Hosts are the portals' host names, in order.
func (f *Fleet) Hosts() []string {
	out := make([]string, len(f.portals))
	for i, p := range f.portals {
		out[i] = p.name
	}
	return out
}

// Publish adds n new articles to every portal, as a day of news does;
// they are the newest, dated now.
func (f *Fleet) Publish(n int) {
	now := time.Now()
	for _, p := range f.portals {
		p.mu.Lock()
		for k := range n {
			p.add(now.Add(time.Duration(k) * time.Millisecond))
		}
		p.mu.Unlock()
	}
}

// ArticleCount is the number of articles of every portal together.
func (f *Fleet) ArticleCount() int {
	n := 0
	for _, p := range f.portals {
		p.mu.Lock()
		n += len(p.arts)
		p.mu.Unlock()
	}
	return n
}

// Stats counts what was served so far.
func (f *Fleet) Stats() FleetStats {
	s := FleetStats{Requests: f.requests.Load(), NotModified: f.notModified.Load(), TooSoon: f.tooSoon.Load(),
		Articles: f.articles.Load(), MaxInFlight: f.meter.MaxInFlight()}
	for _, p := range f.portals {
		p.mu.Lock()
		s.MaxPerHost = max(s.MaxPerHost, p.requests)
		p.mu.Unlock()
	}
	return s
}

// Handler serves the fleet, counted by its Meter.
func (f *Fleet) Handler() http.Handler { return f.meter.Wrap(http.HandlerFunc(f.serveHTTP)) }

// Meter is what the fleet's server served: its requests in flight at once
// and every request's arrival, by host.
func (f *Fleet) Meter() *Meter { return &f.meter }

// Start listens on FleetConfig.Addr (127.0.0.1 on a free port by default)
// and returns the address (host:port) every portal is served at.
func (f *Fleet) Start() (string, error) {
	f.life.Lock()
	defer f.life.Unlock()
	if f.closed || f.srv != nil {
		return "", errors.New("portalsim: fleet already started or closed")
	}
	addr := f.cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("portalsim: listen: %w", err)
	}
	f.srv = &http.Server{Handler: f.Handler(), ReadHeaderTimeout: 10 * time.Second}
	f.srv.SetKeepAlivesEnabled(!f.cfg.NoKeepAlive)
	f.served = make(chan struct{})
	f.addr = ln.Addr().String()
	go func() {
		defer close(f.served)
		_ = f.srv.Serve(ln)
	}()
	return f.addr, nil
}

// Close stops the server; it is safe to call twice.
func (f *Fleet) Close() error {
	f.life.Lock()
	defer f.life.Unlock()
	if f.closed {
		return nil
	}
	f.closed = true
	if f.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := f.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, f.srv.Close())
	}
	<-f.served
	return err
}

func (f *Fleet) serveHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	i, ok := f.hostIdx[strings.ToLower(host)]
	if !ok {
		http.Error(w, "no such portal", http.StatusMisdirectedRequest)
		return
	}
	p := f.portals[i]
	now := time.Now()
	p.mu.Lock()
	p.requests++
	soon := f.cfg.Interval > 0 && !p.last.IsZero() && now.Sub(p.last) < f.cfg.Interval-f.cfg.Interval/10
	if !soon {
		p.last = now
	}
	p.mu.Unlock()
	if soon {
		f.tooSoon.Add(1)
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(f.cfg.Interval.Seconds()))))
		http.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)
		return
	}
	if d := f.cfg.Latency; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	body, ctype, article, ok := f.render(p, r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	pg := newPage(body, ctype, article)
	if r.Header.Get("If-None-Match") == pg.etag {
		f.notModified.Add(1)
	} else if article {
		f.articles.Add(1)
	}
	pg.serve(w, r)
}

// render makes the page r asks for.
func (f *Fleet) render(p *fleetPortal, r *http.Request) (body []byte, ctype string, article, ok bool) {
	p.mu.Lock()
	arts := p.arts // newest first; add prepends, so this slice is never written
	p.mu.Unlock()
	path := r.URL.Path
	var b strings.Builder
	head := func(title string) {
		b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + esc(title) +
			` - Cổng thông tin điện tử ` + esc(p.name) + "</title></head><body>\n")
	}
	link := func(a fleetArticle) {
		fmt.Fprintf(&b, `<li><a href="/%s/-/view_content/%d-bao-cao-%d.html">%s</a></li>`+"\n", a.cat, a.id, a.id, esc(a.title))
	}
	switch {
	case path == "/robots.txt":
		fmt.Fprintf(&b, "User-agent: *\nDisallow: /admin/\n\nSitemap: http://%s/sitemap.xml\n", r.Host)
		return []byte(b.String()), "text/plain; charset=utf-8", false, true
	case path == "/sitemap.xml":
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, a := range arts {
			fmt.Fprintf(&b, "<url><loc>http://%s/%s/-/view_content/%d-bao-cao-%d.html</loc><lastmod>%s</lastmod></url>\n",
				esc(r.Host), a.cat, a.id, a.id, a.at.UTC().Format(time.RFC3339))
		}
		b.WriteString("</urlset>\n")
		return []byte(b.String()), "application/xml; charset=utf-8", false, true
	case path == "/":
		head("Trang chủ")
		b.WriteString(`<ul class="menu">`)
		for _, c := range fleetCategories {
			fmt.Fprintf(&b, `<li><a href="/%s">%s</a></li>`, c, c)
		}
		b.WriteString("</ul>\n<ul class=\"latest\">\n")
		for _, a := range arts[:min(10, len(arts))] {
			link(a)
		}
		b.WriteString("</ul></body></html>\n")
		return []byte(b.String()), htmlUTF8, false, true
	}
	seg := strings.TrimPrefix(path, "/")
	for _, c := range fleetCategories {
		if seg == c { // a listing page
			var in []fleetArticle
			for _, a := range arts {
				if a.cat == c {
					in = append(in, a)
				}
			}
			n, _ := strconv.Atoi(r.URL.Query().Get("page"))
			n = max(n, 1)
			from := (n - 1) * f.cfg.PageSize
			if from > 0 && from >= len(in) {
				return nil, "", false, false
			}
			head(c)
			b.WriteString("<ul class=\"list\">\n")
			for _, a := range in[from:min(from+f.cfg.PageSize, len(in))] {
				link(a)
			}
			b.WriteString("</ul>\n")
			if from+f.cfg.PageSize < len(in) {
				fmt.Fprintf(&b, `<a class="next" href="/%s?page=%d">Trang sau</a>`+"\n", c, n+1)
			}
			b.WriteString("</body></html>\n")
			return []byte(b.String()), htmlUTF8, false, true
		}
		rest, ok := strings.CutPrefix(seg, c+"/-/view_content/")
		if !ok {
			continue
		}
		idText, _, _ := strings.Cut(rest, "-")
		id, err := strconv.Atoi(idText)
		if err != nil {
			return nil, "", false, false
		}
		for _, a := range arts {
			if a.id == id && a.cat == c {
				head(a.title)
				fmt.Fprintf(&b, `<div class="journal-content-article"><h1 class="title">%s</h1><div class="category">%s</div>`+
					`<div class="date-view">Ngày đăng %s | View count: %d</div><div class="content">`,
					esc(a.title), c, a.at.In(hcm).Format("02/01/2006 | 15:04"), 100+a.id%900)
				h := fnv.New64a()
				h.Write([]byte(p.name))
				for k := range 6 {
					fmt.Fprintf(&b, "<p>Trong kỳ, %s đã hoàn thành %d/%d chỉ tiêu, đạt %d,%d%% kế hoạch năm; "+
						"thu ngân sách ước đạt %d tỷ đồng, kết nạp %d đảng viên mới.</p>\n",
						strings.SplitN(p.name, ".", 2)[0], 10+k, 12+k, 80+(id+k)%40, (id*7+k)%10, 50+(id*k+int(h.Sum64()%97))%900, 5+(id+k)%60)
				}
				b.WriteString("<p>Ban Biên tập</p></div></div></body></html>\n")
				return []byte(b.String()), htmlUTF8, true, true
			}
		}
		return nil, "", false, false
	}
	return nil, "", false, false
}
