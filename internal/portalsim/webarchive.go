package portalsim

import (
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// WebArchiveConfig describes a simulated web archive of one portal.
type WebArchiveConfig struct {
	Seed int64 // same Seed and portal Config give the same captures
	// Origin is the base URL the portal was captured at (default
	// https://<slug>.hanoi.gov.vn): the captures' original URLs.
	Origin string
	// Rounds is the number of capture dates (default 3), Every days apart
	// (default 90 days) from First (default 30 days after the portal's
	// newest article).
	Rounds int
	Every  time.Duration
	First  time.Time
	// Fail503 answers the first Fail503 replay requests of each capture with
	// 503 and Retry-After: 1 (an archive under load).
	Fail503 int
}

// ArchiveCapture is one capture the simulated archive holds, as its CDX
// index lists it.
type ArchiveCapture struct {
	URLKey    string
	Timestamp string    // yyyyMMddhhmmss UTC
	At        time.Time // Timestamp parsed
	Original  string
	MIMEType  string
	Status    int
	Digest    string // base32 SHA-1 of the body, as the Wayback Machine's
	Length    int
	Path      string // the original's path (and query)
	// Article is set for captures of a portal article page (Path is an
	// Article's Path); Changed when its content differs from the previous
	// capture of the same URL.
	Article  bool
	Changed  bool
	Location string // for a 3xx capture

	body  []byte
	ctype string
}

// WebArchive serves the captures of one simulated portal on loopback: a
// CDX server (/cdx/search/cdx, the Wayback Machine's CDX server format:
// url with matchType exact|prefix|host, from, to, filter, collapse,
// output=json, limit, showResumeKey and resumeKey) and a replay endpoint
// (/web/<timestamp>id_/<original>, the bytes as captured; an inexact
// timestamp redirects to the nearest capture). Captures are made when it is
// created, from portals built from the same Config, so the portal's own
// server may be closed: the portal is dead, the archive remembers it.
//
// Across its capture rounds, some articles change (a correction appended),
// most are captured more than once with the same content (the same digest
// twice), some are never captured (gaps), and the index also holds
// captured redirects (301 from old article URLs, 302 from /trang-chu),
// captured 404 and 500 pages at article URLs, robots.txt and an image.
type WebArchive struct {
	cfg    WebArchiveConfig
	caps   []*ArchiveCapture // CDX order: urlkey, then timestamp
	gaps   []string          // article paths never captured
	origin string

	mu   sync.Mutex
	hits map[string]int // replay requests per capture
	cdx  int
	rep  int
	at   []time.Time // arrival of every request, in order

	life   sync.Mutex
	srv    *http.Server
	served chan struct{}
	base   string
	closed bool
}

// NewWebArchive captures the portal p (as configured; runtime changes to p
// are not seen) at cfg.Rounds dates.
func NewWebArchive(p *Portal, cfg WebArchiveConfig) (*WebArchive, error) {
	if cfg.Rounds < 0 || cfg.Every < 0 || cfg.Fail503 < 0 {
		return nil, errors.New("portalsim: negative web archive setting")
	}
	if cfg.Rounds == 0 {
		cfg.Rounds = 3
	}
	if cfg.Every == 0 {
		cfg.Every = 90 * 24 * time.Hour
	}
	if cfg.Origin == "" {
		cfg.Origin = "https://" + p.prof.info.Slug + ".hanoi.gov.vn"
	}
	cfg.Origin = strings.TrimRight(cfg.Origin, "/")
	if u, err := url.Parse(cfg.Origin); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("portalsim: origin %q is not an http(s) base URL", cfg.Origin)
	}
	pc := p.cfg
	pc.Faults = Faults{HugeArticleBytes: pc.Faults.HugeArticleBytes, Windows1258: pc.Faults.Windows1258,
		Decomposed: pc.Faults.Decomposed, MalformedHTML: pc.Faults.MalformedHTML}
	base, err := New(pc)
	if err != nil {
		return nil, err
	}
	if cfg.First.IsZero() {
		cfg.First = base.arts[0].sortAt.Add(30 * 24 * time.Hour)
	}
	cfg.First = cfg.First.UTC().Truncate(time.Second)
	r := rand.New(rand.NewPCG(uint64(cfg.Seed), hash64(p.prof.info.Slug, "webarchive")))

	// Plan: gaps, change rounds, capture rounds per article.
	paths := make([]string, len(base.arts))
	for i, a := range base.arts {
		paths[i] = a.Path
	}
	sort.Strings(paths)
	gap := map[string]bool{}
	changeAt := map[string]int{} // round from which the article carries a correction
	rounds := map[string][]int{}
	for _, path := range paths {
		if r.IntN(12) == 0 {
			gap[path] = true
			continue
		}
		var rs []int
		for k := range cfg.Rounds {
			if r.IntN(10) < 7 {
				rs = append(rs, k)
			}
		}
		if len(rs) == 0 {
			rs = []int{r.IntN(cfg.Rounds)}
		}
		rounds[path] = rs
		if cfg.Rounds > 1 && r.IntN(6) == 0 {
			changeAt[path] = 1 + r.IntN(cfg.Rounds-1)
		}
	}
	if len(gap) == 0 { // always at least one gap
		g := paths[len(paths)/2]
		gap[g] = true
		delete(rounds, g)
		delete(changeAt, g)
	}
	a := &WebArchive{cfg: cfg, origin: cfg.Origin, hits: map[string]int{}}
	for g := range gap {
		a.gaps = append(a.gaps, g)
	}
	sort.Strings(a.gaps)

	var listings []string
	listings = append(listings, "/")
	for _, c := range categories {
		listings = append(listings, "/"+c.Slug)
	}
	for k := range cfg.Rounds {
		site := base
		if k > 0 {
			if site, err = New(pc); err != nil {
				return nil, err
			}
		}
		changed := false
		for _, art := range site.arts {
			if ck, ok := changeAt[art.Path]; ok && k >= ck {
				art.Paragraphs = append(slices.Clone(art.Paragraphs),
					fmt.Sprintf("Đính chính ngày %s: số liệu đã được cập nhật theo báo cáo mới.", cfg.First.Add(time.Duration(ck)*cfg.Every).In(hcm).Format("02/01/2006")))
				changed = true
			}
		}
		if changed {
			if err := site.build(); err != nil {
				return nil, err
			}
		}
		at := cfg.First.Add(time.Duration(k) * cfg.Every)
		step := 0
		next := func() time.Time { step++; return at.Add(time.Duration(step*37) * time.Second) }
		snap := func(path string, article bool) {
			rec := httptest.NewRecorder()
			site.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			a.add(path, next(), rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Location"), rec.Body.Bytes(), article)
		}
		for _, l := range listings {
			snap(l, false)
		}
		for _, path := range paths {
			if slices.Contains(rounds[path], k) {
				snap(path, true)
			}
		}
		if k == 0 {
			snap("/robots.txt", false)
			a.add("/images/logo.png", next(), 200, "image/png", "", []byte("\x89PNG\r\n\x1a\nsimulated"), false)
			// Captured redirects: old article URLs and an old home page.
			for i, path := range paths[:min(2, len(paths))] {
				old := strings.TrimSuffix(path, ".html") + "-cu.html"
				if i == 1 {
					old = fmt.Sprintf("/tin-tuc-su-kien/-/view_content/%d-bai-cu.html", 8000000+i)
				}
				a.add(old, next(), http.StatusMovedPermanently, htmlUTF8, cfg.Origin+path, []byte("<html><body>Moved</body></html>"), false)
			}
			a.add("/trang-chu", next(), http.StatusFound, htmlUTF8, cfg.Origin+"/", []byte("<html><body>Found</body></html>"), false)
		}
		if k == cfg.Rounds-1 {
			// Captured error pages at article URLs that never had a 200.
			for i, code := range []int{http.StatusNotFound, http.StatusNotFound, http.StatusInternalServerError} {
				path := fmt.Sprintf("/kinh-te/-/view_content/%d-bai-da-xoa-%d.html", 9000000+i, i)
				if code == http.StatusNotFound {
					snap(path, false)
					continue
				}
				a.add(path, next(), code, htmlUTF8, "", []byte("<html><body><h1>500 Internal Server Error</h1></body></html>"), false)
			}
		}
	}
	sort.SliceStable(a.caps, func(i, j int) bool {
		if a.caps[i].URLKey != a.caps[j].URLKey {
			return a.caps[i].URLKey < a.caps[j].URLKey
		}
		return a.caps[i].Timestamp < a.caps[j].Timestamp
	})
	last := map[string]string{}
	for _, c := range a.caps {
		if c.Article && c.Status == http.StatusOK {
			prev, ok := last[c.URLKey]
			c.Changed = ok && prev != c.Digest
			last[c.URLKey] = c.Digest
		}
	}
	return a, nil
}

func (a *WebArchive) add(path string, at time.Time, status int, ctype, location string, body []byte, article bool) {
	orig := a.origin + path
	sum := sha1.Sum(body)
	mt, _, _ := strings.Cut(ctype, ";")
	if mt == "" {
		mt = "unk"
	}
	a.caps = append(a.caps, &ArchiveCapture{URLKey: SURT(orig), Timestamp: at.UTC().Format("20060102150405"), At: at.UTC(),
		Original: orig, MIMEType: strings.TrimSpace(mt), Status: status, Digest: base32.StdEncoding.EncodeToString(sum[:]),
		Length: len(body), Path: path, Article: article, Location: location, body: slices.Clone(body), ctype: ctype})
}

// SURT is the sort-friendly form of a URL CDX indexes use as urlkey:
// "https://www.thanhtri.hanoi.gov.vn/a?x=1" is "vn,gov,hanoi,thanhtri)/a?x=1"
// (scheme and "www." dropped, host reversed, lowercase).
func SURT(raw string) string {
	s := raw
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	host, rest := s, "/"
	if i := strings.IndexAny(s, "/?"); i >= 0 {
		host, rest = s[:i], s[i:]
		if strings.HasPrefix(rest, "?") {
			rest = "/" + rest
		}
	}
	host = strings.ToLower(host)
	if h, port, err := net.SplitHostPort(host); err == nil && (port == "80" || port == "443") {
		host = h
	}
	host = strings.TrimPrefix(host, "www.")
	parts := strings.Split(host, ".")
	slices.Reverse(parts)
	return strings.Join(parts, ",") + ")" + strings.ToLower(rest)
}

// Captures returns every capture in the index, in CDX order.
func (a *WebArchive) Captures() []ArchiveCapture {
	out := make([]ArchiveCapture, len(a.caps))
	for i, c := range a.caps {
		out[i] = *c
		out[i].body = nil
	}
	return out
}

// Body returns the captured bytes of a capture.
func (a *WebArchive) Body(c ArchiveCapture) []byte {
	for _, x := range a.caps {
		if x.URLKey == c.URLKey && x.Timestamp == c.Timestamp {
			return slices.Clone(x.body)
		}
	}
	return nil
}

// Gaps are the article paths the archive never captured.
func (a *WebArchive) Gaps() []string { return slices.Clone(a.gaps) }

// Origin is the base URL the portal was captured at.
func (a *WebArchive) Origin() string { return a.origin }

// Requests counts the CDX and replay requests served.
func (a *WebArchive) Requests() (cdx, replay int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cdx, a.rep
}

// RequestTimes are the arrival times of every request served, in order.
func (a *WebArchive) RequestTimes() []time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.at)
}

// Handler serves the CDX server and the replay endpoint.
func (a *WebArchive) Handler() http.Handler { return http.HandlerFunc(a.serveHTTP) }

// Start listens on 127.0.0.1 on a free port and returns the base URL.
func (a *WebArchive) Start() (string, error) {
	a.life.Lock()
	defer a.life.Unlock()
	if a.closed || a.srv != nil {
		return "", errors.New("portalsim: web archive already started or closed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("portalsim: listen: %w", err)
	}
	a.srv = &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	a.served = make(chan struct{})
	a.base = "http://" + ln.Addr().String()
	go func() {
		defer close(a.served)
		_ = a.srv.Serve(ln)
	}()
	return a.base, nil
}

// URL is the base URL once started, else "".
func (a *WebArchive) URL() string {
	a.life.Lock()
	defer a.life.Unlock()
	return a.base
}

// CDXURL is the CDX server's URL once started.
func (a *WebArchive) CDXURL() string { return a.URL() + "/cdx/search/cdx" }

// ReplayURL is the replay prefix once started.
func (a *WebArchive) ReplayURL() string { return a.URL() + "/web" }

// Close stops the server; it is safe to call twice.
func (a *WebArchive) Close() error {
	a.life.Lock()
	defer a.life.Unlock()
	if a.closed {
		return nil
	}
	a.closed = true
	if a.srv == nil {
		return nil
	}
	err := a.srv.Close()
	<-a.served
	return err
}

func (a *WebArchive) serveHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	a.at = append(a.at, time.Now())
	a.mu.Unlock()
	switch {
	case r.URL.Path == "/cdx/search/cdx":
		a.mu.Lock()
		a.cdx++
		a.mu.Unlock()
		a.serveCDX(w, r)
	case strings.HasPrefix(r.URL.Path, "/web/"):
		a.mu.Lock()
		a.rep++
		a.mu.Unlock()
		a.serveReplay(w, r)
	default:
		http.NotFound(w, r)
	}
}

var cdxFieldNames = []string{"urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"}

func (c *ArchiveCapture) field(name string) string {
	switch name {
	case "urlkey":
		return c.URLKey
	case "timestamp":
		return c.Timestamp
	case "original":
		return c.Original
	case "mimetype":
		return c.MIMEType
	case "statuscode":
		return strconv.Itoa(c.Status)
	case "digest":
		return c.Digest
	case "length":
		return strconv.Itoa(c.Length)
	}
	return ""
}

func (a *WebArchive) serveCDX(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	target := q.Get("url")
	if target == "" {
		http.Error(w, "missing url", http.StatusBadRequest)
		return
	}
	if !strings.Contains(target, "://") {
		target = "http://" + target
	}
	key := SURT(target)
	hostKey, _, _ := strings.Cut(key, ")")
	match := func(c *ArchiveCapture) bool { return c.URLKey == key }
	switch q.Get("matchType") {
	case "", "exact":
	case "prefix":
		match = func(c *ArchiveCapture) bool { return strings.HasPrefix(c.URLKey, key) }
	case "host":
		match = func(c *ArchiveCapture) bool { return strings.HasPrefix(c.URLKey, hostKey+")") }
	default:
		http.Error(w, "unsupported matchType", http.StatusBadRequest)
		return
	}
	from, to := q.Get("from"), q.Get("to")
	from += strings.Repeat("0", max(0, 14-len(from)))
	to += strings.Repeat("9", max(0, 14-len(to)))
	type filter struct {
		field string
		neg   bool
		re    *regexp.Regexp
	}
	var filters []filter
	for _, f := range q["filter"] {
		neg := strings.HasPrefix(f, "!")
		name, expr, ok := strings.Cut(strings.TrimPrefix(f, "!"), ":")
		re, err := regexp.Compile("^(?:" + expr + ")$")
		if !ok || err != nil || !slices.Contains(cdxFieldNames, name) {
			http.Error(w, "bad filter "+f, http.StatusBadRequest)
			return
		}
		filters = append(filters, filter{name, neg, re})
	}
	collapse := q.Get("collapse")
	if collapse != "" && !slices.Contains(cdxFieldNames, collapse) {
		http.Error(w, "bad collapse", http.StatusBadRequest)
		return
	}
	var rows []*ArchiveCapture
	var prev *ArchiveCapture
	for _, c := range a.caps {
		if !match(c) || c.Timestamp < from || c.Timestamp > to {
			continue
		}
		ok := true
		for _, f := range filters {
			if f.re.MatchString(c.field(f.field)) == f.neg {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// collapse drops a row equal in that field to the previous row
		// kept, of the same URL.
		if collapse != "" && prev != nil && prev.URLKey == c.URLKey && prev.field(collapse) == c.field(collapse) {
			continue
		}
		prev = c
		rows = append(rows, c)
	}
	if rk := q.Get("resumeKey"); rk != "" {
		i := sort.Search(len(rows), func(i int) bool { return rows[i].URLKey+" "+rows[i].Timestamp > rk })
		rows = rows[i:]
	}
	resume := ""
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 && len(rows) > n {
		rows = rows[:n]
		if q.Get("showResumeKey") == "true" {
			resume = rows[n-1].URLKey + " " + rows[n-1].Timestamp
		}
	}
	if q.Get("output") == "json" {
		w.Header().Set("Content-Type", "application/json")
		if len(rows) == 0 {
			w.Write([]byte("[]\n"))
			return
		}
		out := [][]string{cdxFieldNames}
		for _, c := range rows {
			row := make([]string, len(cdxFieldNames))
			for i, f := range cdxFieldNames {
				row[i] = c.field(f)
			}
			out = append(out, row)
		}
		if resume != "" {
			out = append(out, []string{}, []string{resume})
		}
		_ = json.NewEncoder(w).Encode(out)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	var b strings.Builder
	for _, c := range rows {
		for i, f := range cdxFieldNames {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c.field(f))
		}
		b.WriteByte('\n')
	}
	if resume != "" {
		b.WriteString("\n" + resume + "\n")
	}
	w.Write([]byte(b.String()))
}

// serveReplay serves /web/<timestamp>[id_]/<original>.
func (a *WebArchive) serveReplay(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/web/")
	ts, orig, ok := strings.Cut(rest, "/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	ts = strings.TrimSuffix(ts, "id_")
	if r.URL.RawQuery != "" {
		orig += "?" + r.URL.RawQuery
	}
	key := SURT(orig)
	var best *ArchiveCapture
	for _, c := range a.caps {
		if c.URLKey != key {
			continue
		}
		if best == nil || distance(c.Timestamp, ts) < distance(best.Timestamp, ts) {
			best = c
		}
	}
	if best == nil {
		http.Error(w, "not in archive", http.StatusNotFound)
		return
	}
	if best.Timestamp != ts {
		http.Redirect(w, r, "/web/"+best.Timestamp+"id_/"+best.Original, http.StatusFound)
		return
	}
	if a.cfg.Fail503 > 0 {
		a.mu.Lock()
		a.hits[key+" "+ts]++
		n := a.hits[key+" "+ts]
		a.mu.Unlock()
		if n <= a.cfg.Fail503 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "archive busy", http.StatusServiceUnavailable)
			return
		}
	}
	h := w.Header()
	h.Set("Memento-Datetime", best.At.Format(http.TimeFormat))
	if best.ctype != "" {
		h.Set("Content-Type", best.ctype)
	}
	if best.Location != "" {
		h.Set("Location", best.Location)
	}
	h.Set("Content-Length", strconv.Itoa(len(best.body)))
	w.WriteHeader(best.Status)
	w.Write(best.body)
}

// distance between two timestamps (prefixes are padded with zeros).
func distance(a, b string) int64 {
	pa, _ := time.Parse("20060102150405", (a + "00000000000000")[:14])
	pb, err := time.Parse("20060102150405", (b + "00000000000000")[:14])
	if err != nil {
		return 0
	}
	d := pa.Sub(pb)
	if d < 0 {
		d = -d
	}
	return int64(d)
}
