// Package web serves DRA's HTTP API: search, the metric catalogue, trends
// and their drill-down, health, readiness and Prometheus metrics.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// ReadyFunc reports whether a dependency is ready to serve.
type ReadyFunc func(ctx context.Context) error

// Config wires the API.
type Config struct {
	Store    search.Store
	Ready    map[string]ReadyFunc // name -> check, all must pass for /readyz
	Gatherer prometheus.Gatherer
	Logger   *slog.Logger
}

// Handler returns the API's routes.
func Handler(cfg Config) http.Handler { return limits(jsonStatus(newAPI(cfg, Extras{}).apiMux())) }

// api serves every endpoint: Handler's and Mount's.
type api struct {
	cfg Config
	x   Extras
}

func newAPI(cfg Config, x Extras) *api {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if x.Now == nil {
		x.Now = time.Now
	}
	return &api{cfg: cfg, x: x}
}

// apiMux has Handler's routes: search, the catalogue, trends, health,
// readiness and Prometheus (without limits: the caller adds them once).
func (a *api) apiMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/search", a.search)
	mux.HandleFunc("GET /api/v1/metrics", a.catalog)
	mux.HandleFunc("GET /api/v1/metrics/{key}", a.metrics)
	mux.HandleFunc("GET /api/v1/trends", a.trends)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", a.ready)
	if a.cfg.Gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(a.cfg.Gatherer, promhttp.HandlerOpts{}))
	}
	return mux
}

// errorBody is every error response: a message a person can act on.
type errorBody struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

// ParseQuery reads a search.Query from URL parameters: q, source, district,
// province, category, author, document, from, to (YYYY-MM-DD, Asia/Ho_Chi_Minh
// days, inclusive), sort (relevance|date), size, offset, after (the next
// cursor of the previous page; size=0 answers the total and facets without
// hits) and facets (comma-separated: district,
// category, year, author).
func ParseQuery(r *http.Request) (search.Query, error) {
	v := r.URL.Query()
	q := search.Query{
		Text: v.Get("q"), SourceID: v.Get("source"), District: v.Get("district"), Province: v.Get("province"),
		Category: v.Get("category"), Author: v.Get("author"), Document: v.Get("document"),
		Sort: search.Sort(v.Get("sort")), After: v.Get("after"),
	}
	if f := v.Get("facets"); f != "" {
		for _, name := range strings.Split(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				q.Facets = append(q.Facets, name)
			}
		}
		if err := search.CheckFacets(q.Facets); err != nil {
			return q, err
		}
	}
	switch q.Sort {
	case "", search.SortRelevance, search.SortDate:
	default:
		return q, fmt.Errorf("sort must be relevance or date, not %q", q.Sort)
	}
	var err error
	if q.Size, err = intParam(v.Get("size"), 10, 0, search.MaxSize, "size"); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v.Get("offset"), 0, 0, 10000, "offset"); err != nil {
		return q, err
	}
	if q.From, q.To, err = dateRange(v); err != nil {
		return q, err
	}
	return q, nil
}

// dateRange reads from and to (YYYY-MM-DD, whole days in Asia/Ho_Chi_Minh,
// inclusive).
func dateRange(v url.Values) (from, to time.Time, err error) {
	if s := v.Get("from"); s != "" {
		t, err := time.ParseInLocation(time.DateOnly, s, vietnamese.TimeZone)
		if err != nil || t.Year() < 1900 || t.Year() > 2200 {
			return from, to, fmt.Errorf("from must be a date like 2020-03-18, not %q", s)
		}
		from = t
	}
	if s := v.Get("to"); s != "" {
		t, err := time.ParseInLocation(time.DateOnly, s, vietnamese.TimeZone)
		if err != nil || t.Year() < 1900 || t.Year() > 2200 {
			return from, to, fmt.Errorf("to must be a date like 2020-03-18, not %q", s)
		}
		to = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return from, to, nil
}

// ParseTrendQuery reads a search.TrendQuery from URL parameters: key,
// interval (year|half|quarter|month|term), by (district|province by name, or
// old_district|old_province|new_province|new_commune by unit code; see
// search.SplitBy), district, province, unit (a unit code such as
// old:district:020), from, to.
func ParseTrendQuery(r *http.Request) (search.TrendQuery, error) {
	v := r.URL.Query()
	q := search.TrendQuery{Key: v.Get("key"), Interval: search.Interval(v.Get("interval")),
		SplitBy: search.SplitBy(v.Get("by")), District: v.Get("district"), Province: v.Get("province"),
		Unit: v.Get("unit")}
	var err error
	if q.From, q.To, err = dateRange(v); err != nil {
		return q, err
	}
	if err := q.Check(); err != nil {
		return q, err
	}
	return q, nil
}

// ParseMetricQuery reads a search.MetricQuery for the metric key from URL
// parameters: article, district, province, unit, from, to, size, after.
func ParseMetricQuery(key string, r *http.Request) (search.MetricQuery, error) {
	v := r.URL.Query()
	q := search.MetricQuery{Key: key, ArticleID: v.Get("article"), District: v.Get("district"),
		Province: v.Get("province"), Unit: v.Get("unit"), After: v.Get("after")}
	var err error
	if q.Size, err = intParam(v.Get("size"), 10, 0, search.MaxSize, "size"); err != nil {
		return q, err
	}
	if q.From, q.To, err = dateRange(v); err != nil {
		return q, err
	}
	return q, nil
}

func intParam(s string, def, lo, hi int, name string) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be a whole number from %d to %d, not %q", name, lo, hi, s)
	}
	return n, nil
}

func (a *api) search(w http.ResponseWriter, r *http.Request) {
	q, err := ParseQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	// size=0 asks for the total and the facets only; the store's zero size
	// is its default page, so it is asked for one hit, which is dropped.
	countOnly := r.URL.Query().Get("size") == "0"
	if countOnly {
		q.Size = 1
	}
	res, err := a.cfg.Store.Search(r.Context(), q)
	if a.storeError(w, "search", err) {
		return
	}
	if countOnly {
		res.Hits, res.Next = nil, ""
	}
	if res.Hits == nil {
		res.Hits = []search.Hit{}
	}
	writeJSON(w, http.StatusOK, res)
}

// storeError answers a store error: 400 for bad input, 503 otherwise. It
// reports whether there was one.
func (a *api) storeError(w http.ResponseWriter, op string, err error, attrs ...any) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, search.ErrBadQuery):
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		a.cfg.Logger.Error(op, append([]any{"component", "web", "err", err}, attrs...)...)
		writeError(w, http.StatusServiceUnavailable, "the search store is not answering; try again shortly")
	}
	return true
}

// catalogBody is the answer of GET /api/v1/metrics.
type catalogBody struct {
	Metrics []CatalogItem `json:"metrics"`
}

func (a *api) catalog(w http.ResponseWriter, r *http.Request) {
	c, err := a.cfg.Store.Catalog(r.Context())
	if a.storeError(w, "catalog", err) {
		return
	}
	body := catalogBody{Metrics: make([]CatalogItem, len(c))}
	for i, e := range c {
		body.Metrics[i] = CatalogItem{CatalogEntry: e, Name: nameOf(e.Key, e.Units...)}
	}
	writeJSON(w, http.StatusOK, body)
}

// metrics lists the metric documents of a key: the drill-down from a trend
// bucket (pass its start and end days as from and to) to its articles.
func (a *api) metrics(w http.ResponseWriter, r *http.Request) {
	q, err := ParseMetricQuery(r.PathValue("key"), r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := a.cfg.Store.Metrics(r.Context(), q)
	if a.storeError(w, "metrics", err) {
		return
	}
	if res.Metrics == nil {
		res.Metrics = []search.MetricRecord{}
	}
	writeJSON(w, http.StatusOK, res)
}

func (a *api) trends(w http.ResponseWriter, r *http.Request) {
	q, err := ParseTrendQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := a.cfg.Store.Trend(r.Context(), q)
	if a.storeError(w, "trend", err) {
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (a *api) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	status := map[string]string{}
	code := http.StatusOK
	for name, check := range a.cfg.Ready {
		if err := check(ctx); err != nil {
			status[name] = err.Error()
			code = http.StatusServiceUnavailable
			continue
		}
		status[name] = "ok"
	}
	writeJSON(w, code, status)
}

// limits bounds request size and time for every route.
func limits(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery) > 4096 {
			writeError(w, http.StatusRequestURITooLong, "query string longer than 4096 bytes")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// NewServer returns an http.Server with sane timeouts.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
}
