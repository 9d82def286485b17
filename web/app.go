package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/search"
)

// Extras wires what the researcher-facing side needs beyond Config: the
// archive, the sources and their crawl state, the admin actions and the rate
// limit. Every field is optional; a missing one makes its endpoint answer
// with a message saying what is not configured, never a 500.
type Extras struct {
	// Archive returns the archived original of an article: the HTTP header
	// and body byte for byte as fetched. ref is the article's WARC record
	// when its processed record names one, else nil (the reader may search
	// for it). An error wrapping search.ErrNotFound answers 404.
	Archive ArchiveFunc
	// Captures lists the archived fetches of an article's page, oldest
	// first; the archive endpoint answers any of them (?record=). Nil: an
	// article has one capture, the one its record names.
	Captures func(ctx context.Context, a search.Article) ([]Capture, error)
	// Sources lists the configured sources with their crawl state.
	Sources func(ctx context.Context) ([]SourceStatus, error)

	// AdminToken guards the admin endpoints (DRA_ADMIN_TOKEN). Empty: the
	// admin endpoints answer 403 and never run.
	AdminToken string
	// Crawl queues a crawl of one source (full: walk the whole site). An
	// error wrapping search.ErrNotFound answers 404 (unknown source).
	Crawl func(ctx context.Context, source string, full bool) error
	// Reprocess runs the processor again on an article's archived original.
	Reprocess func(ctx context.Context, a search.Article) error

	// RatePerSecond and Burst bound each client IP's requests to /api/
	// (token bucket). Zero: 20 per second, bursts of 60. Negative: no limit.
	RatePerSecond float64
	Burst         int
	// Now is the clock (time.Now when nil); tests set it.
	Now func() time.Time
}

// ArchiveFunc reads an article's archived original.
type ArchiveFunc func(ctx context.Context, articleID string, ref *event.WARCRef) (http.Header, []byte, error)

// Capture is one archived fetch of an article's page.
type Capture struct {
	// At is when the page was fetched (the WARC-Date of its record).
	At time.Time `json:"at"`
	// URL is the URL fetched; Status its HTTP status.
	URL    string `json:"url"`
	Status int    `json:"status"`
	// Via is the web archive's replay URL when the page was fetched from
	// a web archive (WARC-Source-URI), empty when from the portal itself.
	Via       string `json:"via,omitempty"`
	Truncated bool   `json:"truncated,omitempty"`
	// Ref is the WARC record; the API names it by its record ID.
	Ref event.WARCRef `json:"-"`
}

// SourceStatus is one source and its last crawl.
type SourceStatus struct {
	ID        string   `json:"id"`
	Name      string   `json:"name,omitempty"`
	District  string   `json:"district,omitempty"`
	Province  string   `json:"province,omitempty"`
	Schedule  string   `json:"schedule,omitempty"` // cron expression; empty: the crawl interval
	StartURLs []string `json:"start_urls"`
	// Articles is the number of articles of the source in the store.
	Articles int `json:"articles"`
	// LastStarted and LastCompleted are nil when the source was never
	// crawled (or the crawl state is out of reach: see StateError).
	LastStarted   *time.Time `json:"last_started,omitempty"`
	LastCompleted *time.Time `json:"last_completed,omitempty"`
	// LastReport is the crawler's report of the last completed crawl.
	LastReport any    `json:"last_report,omitempty"`
	StateError string `json:"state_error,omitempty"`
	// Template is the page template the processor learned for the source
	// (where each field is on its pages, and how sure it is); absent
	// before learning or for a source read with selectors.
	Template *page.Profile `json:"template,omitempty"`
	// Selectors is set when the source has CSS selectors: they are used
	// and no template is learned.
	Selectors bool `json:"selectors,omitempty"`
}

// App returns the whole HTTP surface: the API of Handler plus the article,
// archive, sources, export, OpenAPI and admin endpoints, and the web UI at
// /. Every /api/ request is rate-limited per client IP.
func App(cfg Config, x Extras) http.Handler {
	a := newAPI(cfg, x)
	api := a.apiMux()
	mux := http.NewServeMux()
	a.mount(mux)
	// Handler's routes: search, the catalogue, trends, health, readiness
	// and Prometheus.
	for _, p := range []string{"/api/v1/search", "/api/v1/metrics", "/api/v1/metrics/", "/api/v1/trends", "/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, api)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		// A path the API serves with other methods is a 405, not a 404.
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			other := r.Clone(r.Context())
			other.Method = m
			if _, p := mux.Handler(other); p != "/api/" && p != "" && m != r.Method {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+
				strings.Join(allow, ", ")+"; the API is described at /api/v1/openapi.json")
			return
		}
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+"; the API is described at /api/v1/openapi.json")
	})
	rl := newRateLimiter(a.x.RatePerSecond, a.x.Burst, a.x.Now)
	return securityHeaders(rl.middleware(limits(jsonStatus(mux))))
}

// jsonStatus turns the plain-text 405 answer of http.ServeMux (a known path
// asked with another method) into the API's JSON error, keeping its Allow
// header.
func jsonStatus(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&statusWriter{ResponseWriter: w, r: r}, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	r       *http.Request
	swallow bool // the mux's text body is being replaced
}

func (s *statusWriter) WriteHeader(code int) {
	h := s.Header()
	if code == http.StatusMethodNotAllowed && strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		s.swallow = true
		h.Del("X-Content-Type-Options")
		h.Del("Content-Length")
		writeError(s.ResponseWriter, code, "method "+s.r.Method+" is not allowed on "+s.r.URL.Path+"; allowed: "+h.Get("Allow")+
			"; the API is described at /api/v1/openapi.json")
		return
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.swallow {
		return len(b), nil
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Mount registers the routes of this file's siblings on mux: the article
// and archive endpoints, sources, exports, the OpenAPI document, the admin
// endpoints and the UI. App calls it; a caller with its own mux can too.
func Mount(mux *http.ServeMux, cfg Config, x Extras) { newAPI(cfg, x).mount(mux) }

func (a *api) mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
	mux.HandleFunc("GET /api/v1/articles", a.articleSummaries)
	mux.HandleFunc("GET /api/v1/articles/{id}", a.article)
	mux.HandleFunc("GET /api/v1/articles/{id}/archive", a.archive)
	mux.HandleFunc("GET /api/v1/articles/{id}/captures", a.captures)
	mux.HandleFunc("GET /api/v1/sources", a.sources)
	mux.HandleFunc("GET /api/v1/export/search", a.exportSearch)
	mux.HandleFunc("GET /api/v1/export/trends", a.exportTrends)
	mux.HandleFunc("POST /api/v1/admin/sources/{id}/crawl", a.admin(a.crawl))
	mux.HandleFunc("POST /api/v1/admin/articles/{id}/reprocess", a.admin(a.reprocess))
	mountUI(mux)
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
