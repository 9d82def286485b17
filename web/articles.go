package web

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/search"
)

// ArticleView is an article with everything the processor found: the text,
// its metrics with their rune offsets into Body, authors, cited documents,
// the source URL and the link to the archived original.
type ArticleView struct {
	ID          string           `json:"id"`
	URL         string           `json:"url"`
	SourceID    string           `json:"source_id"`
	District    string           `json:"district,omitempty"`
	Province    string           `json:"province,omitempty"`
	Category    string           `json:"category,omitempty"`
	Title       string           `json:"title"`
	Body        string           `json:"body"`
	Byline      string           `json:"byline,omitempty"`
	Authors     []event.Author   `json:"authors"`
	Documents   []event.Document `json:"documents"`
	Periods     []string         `json:"periods"`
	PublishedAt *time.Time       `json:"published_at,omitempty"`
	FetchedAt   time.Time        `json:"fetched_at"`
	Views       *int             `json:"views,omitempty"`
	// Metrics are the extracted figures; Start and End are rune (code
	// point) offsets into Body, and Text is Body between them (the clause);
	// FigureStart and FigureEnd place the figure itself. Offsets is false
	// when the stored record has none (then all four are 0).
	Metrics []MetricView `json:"metrics"`
	Offsets bool         `json:"offsets"`
	// ArchiveURL is the API path of the archived original; empty when the
	// article was fetched without an archive.
	ArchiveURL  string         `json:"archive_url,omitempty"`
	WARC        *event.WARCRef `json:"warc,omitempty"`
	Capture     *event.Capture `json:"capture,omitempty"`
	ProcessedAt *time.Time     `json:"processed_at,omitempty"`
}

// ArticleSummary is what a search result list shows besides the hit: the
// metric keys an article reports and its cited documents.
type ArticleSummary struct {
	ID         string         `json:"id"`
	MetricKeys []MetricKeyUse `json:"metric_keys"`
	Documents  []string       `json:"documents"`
	Authors    []string       `json:"authors"`
}

// MetricKeyUse is a metric key and how many figures of an article have it.
type MetricKeyUse struct {
	Key   string     `json:"key"`
	Count int        `json:"count"`
	Name  MetricName `json:"name"`
}

// summariesBody is the answer of GET /api/v1/articles.
type summariesBody struct {
	Articles []ArticleSummary `json:"articles"`
	Missing  []string         `json:"missing"`
}

// idRe bounds article IDs: hex hashes in production, slugs in fixtures.
var idRe = regexp.MustCompile(`^[A-Za-z0-9_.\-]{1,128}$`)

func checkID(id string) error {
	if !idRe.MatchString(id) {
		return errors.New("article id must be 1 to 128 letters, digits, '.', '_' or '-' (the id field of a search hit)")
	}
	return nil
}

// viewOf builds the view of a stored article, from its processed record
// when it has a valid one.
func viewOf(a search.Article) ArticleView {
	v := ArticleView{ID: a.ID, URL: a.URL, SourceID: a.SourceID, District: a.District, Province: a.Province,
		Category: a.Category, Title: a.Title, Body: a.Body, Byline: a.Byline, PublishedAt: a.PublishedAt,
		FetchedAt: a.FetchedAt, Views: a.Views,
		Authors: []event.Author{}, Documents: []event.Document{}, Periods: []string{}}
	var metrics []event.Metric
	if p, err := event.DecodeProcessed(a.Record); err == nil && p.ArticleID == a.ID && p.Body == a.Body {
		v.Offsets = true
		v.Authors = append(v.Authors, p.Authors...)
		v.Documents = append(v.Documents, p.Documents...)
		v.Periods = append(v.Periods, p.Periods...)
		metrics = append(metrics, p.Metrics...)
		v.WARC, v.Capture = p.WARC, p.Capture
		if !p.ProcessedAt.IsZero() {
			t := p.ProcessedAt
			v.ProcessedAt = &t
		}
	} else {
		for _, n := range a.Authors {
			v.Authors = append(v.Authors, event.Author{Name: n})
		}
		for _, d := range a.Documents {
			v.Documents = append(v.Documents, event.Document{Code: d})
		}
		for _, m := range a.Metrics {
			metrics = append(metrics, event.Metric{Value: m.Value, Kind: m.Kind, Unit: m.Unit, Key: m.Key,
				Target: m.Target, PlanPercent: m.PlanPercent, Qualifier: m.Qualifier, Change: m.Change, Text: m.Text})
		}
	}
	// Offsets the body cannot hold are dropped rather than passed on.
	n := utf8.RuneCountInString(v.Body)
	for i, m := range metrics {
		if m.Start < 0 || m.End < m.Start || m.End > n {
			metrics[i].Start, metrics[i].End = 0, 0
		}
	}
	v.Metrics = metricViews(metrics, v.Offsets)
	return v
}

func (a *api) getArticle(w http.ResponseWriter, r *http.Request) (search.Article, bool) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return search.Article{}, false
	}
	art, err := a.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, search.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no article with id "+id+"; ids come from the id field of /api/v1/search hits")
		return art, false
	}
	if a.storeError(w, "get article", err, "article_id", id) {
		return art, false
	}
	return art, true
}

func (a *api) article(w http.ResponseWriter, r *http.Request) {
	art, ok := a.getArticle(w, r)
	if !ok {
		return
	}
	v := viewOf(art)
	if a.x.Archive != nil && (v.WARC != nil || v.Capture == nil) {
		v.ArchiveURL = "/api/v1/articles/" + art.ID + "/archive"
	}
	writeJSON(w, http.StatusOK, v)
}

// articleSummaries answers GET /api/v1/articles?ids=a,b,c.
func (a *api) articleSummaries(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("ids")
	if raw == "" {
		writeError(w, http.StatusBadRequest, "ids is required: comma-separated article ids (at most 100)")
		return
	}
	ids := strings.Split(raw, ",")
	if len(ids) > search.MaxSize {
		writeError(w, http.StatusBadRequest, "at most "+strconv.Itoa(search.MaxSize)+" ids at once")
		return
	}
	for i, id := range ids {
		ids[i] = strings.TrimSpace(id)
		if err := checkID(ids[i]); err != nil {
			writeError(w, http.StatusBadRequest, "ids: "+err.Error())
			return
		}
	}
	body := summariesBody{Articles: []ArticleSummary{}, Missing: []string{}}
	for _, id := range ids {
		art, err := a.cfg.Store.Get(r.Context(), id)
		if errors.Is(err, search.ErrNotFound) {
			body.Missing = append(body.Missing, id)
			continue
		}
		if a.storeError(w, "get article", err, "article_id", id) {
			return
		}
		s := ArticleSummary{ID: id, MetricKeys: []MetricKeyUse{}, Documents: append([]string{}, art.Documents...),
			Authors: append([]string{}, art.Authors...)}
		for _, m := range art.Metrics {
			if m.Key == "" {
				continue
			}
			if i := slices.IndexFunc(s.MetricKeys, func(u MetricKeyUse) bool { return u.Key == m.Key }); i >= 0 {
				s.MetricKeys[i].Count++
			} else {
				s.MetricKeys = append(s.MetricKeys, MetricKeyUse{Key: m.Key, Count: 1, Name: nameOf(m.Key, m.Unit)})
			}
		}
		body.Articles = append(body.Articles, s)
	}
	writeJSON(w, http.StatusOK, body)
}

// archivedArticle is getArticle for the handlers that read the archive:
// it answers 404 first when the server has no archive.
func (a *api) archivedArticle(w http.ResponseWriter, r *http.Request) (search.Article, bool) {
	if a.x.Archive == nil {
		writeError(w, http.StatusNotFound, "this server has no archive configured (run it with a data directory holding warc/)")
		return search.Article{}, false
	}
	return a.getArticle(w, r)
}

// archiveCSP keeps an archived page inert in the UI's origin: no scripts,
// no plugins, no forms, no network; it is rendered in a unique origin.
const archiveCSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"

// archive answers the archived original, byte for byte, with its original
// content type, served so that nothing in it can run in the UI's origin.
func (a *api) archive(w http.ResponseWriter, r *http.Request) {
	art, ok := a.archivedArticle(w, r)
	if !ok {
		return
	}
	var ref *event.WARCRef
	if p, err := event.DecodeProcessed(art.Record); err == nil {
		ref = p.WARC
	}
	if rec := r.URL.Query().Get("record"); rec != "" {
		cs, ok := a.listCaptures(w, r, art)
		if !ok {
			return
		}
		i := slices.IndexFunc(cs, func(c Capture) bool { return c.Ref.RecordID == rec })
		if i < 0 {
			writeError(w, http.StatusNotFound, "article "+art.ID+" has no capture "+rec+"; its captures are listed at /api/v1/articles/"+art.ID+"/captures")
			return
		}
		ref = &cs[i].Ref
	}
	h, body, err := a.x.Archive(r.Context(), art.ID, ref)
	if err != nil {
		if errors.Is(err, search.ErrNotFound) {
			writeError(w, http.StatusNotFound, "article "+art.ID+" has no archived original (it was fetched without a WARC archive); the source page is "+art.URL)
			return
		}
		a.cfg.Logger.Error("read archive", "component", "web", "article_id", art.ID, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the archived original could not be read; try again shortly or ask an operator to check the WARC files")
		return
	}
	ct := h.Get("Content-Type")
	if _, _, err := mime.ParseMediaType(ct); err != nil || ct == "" {
		ct = "application/octet-stream"
	}
	out := w.Header()
	out.Set("Content-Type", ct)
	out.Set("Content-Security-Policy", archiveCSP)
	out.Set("X-Content-Type-Options", "nosniff")
	// The UI's banner page shows it in a sandboxed frame of this origin.
	out.Set("X-Frame-Options", "SAMEORIGIN")
	out.Set("Cross-Origin-Resource-Policy", "same-origin")
	out.Set("Cache-Control", "private, max-age=3600")
	out.Set("Content-Disposition", `inline; filename="`+art.ID+archiveExt(ct)+`"`)
	out.Set("Link", "<"+art.URL+`>; rel="original"`)
	if ref != nil {
		out.Set("X-Dra-Warc-Record", ref.RecordID)
	}
	out.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func archiveExt(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return ".html"
	case "application/pdf":
		return ".pdf"
	case "text/plain":
		return ".txt"
	}
	return ".bin"
}

// CaptureView is a capture as the API lists it.
type CaptureView struct {
	Capture
	RecordID string `json:"record_id"`
	// ArchiveURL is the API path of this capture's archived original.
	ArchiveURL string `json:"archive_url"`
	// Current marks the capture the article's text was read from.
	Current bool `json:"current"`
}

// capturesBody is the answer of GET /api/v1/articles/{id}/captures.
type capturesBody struct {
	ArticleID string        `json:"article_id"`
	URL       string        `json:"url"`
	SourceID  string        `json:"source_id"`
	District  string        `json:"district,omitempty"`
	Captures  []CaptureView `json:"captures"`
}

// listCaptures lists an article's captures; without a Captures function,
// the one its record names. ok is false when it answered an error.
func (a *api) listCaptures(w http.ResponseWriter, r *http.Request, art search.Article) ([]Capture, bool) {
	if a.x.Captures == nil {
		p, err := event.DecodeProcessed(art.Record)
		if err != nil || p.WARC == nil {
			return nil, true
		}
		return []Capture{{At: art.FetchedAt, URL: art.URL, Status: http.StatusOK, Ref: *p.WARC}}, true
	}
	cs, err := a.x.Captures(r.Context(), art)
	if err != nil {
		a.cfg.Logger.Error("list captures", "component", "web", "article_id", art.ID, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the archive could not be read; try again shortly or ask an operator to check the WARC files")
		return nil, false
	}
	return cs, true
}

// captures answers the archived fetches of an article's page, oldest
// first, each with the link to its archived original: the timeline of
// the page.
func (a *api) captures(w http.ResponseWriter, r *http.Request) {
	art, ok := a.archivedArticle(w, r)
	if !ok {
		return
	}
	cs, ok := a.listCaptures(w, r, art)
	if !ok {
		return
	}
	var current string
	if p, err := event.DecodeProcessed(art.Record); err == nil && p.WARC != nil {
		current = p.WARC.RecordID
	}
	body := capturesBody{ArticleID: art.ID, URL: art.URL, SourceID: art.SourceID, District: art.District, Captures: []CaptureView{}}
	for _, c := range cs {
		body.Captures = append(body.Captures, CaptureView{Capture: c, RecordID: c.Ref.RecordID,
			ArchiveURL: "/api/v1/articles/" + art.ID + "/archive?record=" + url.QueryEscape(c.Ref.RecordID),
			Current:    c.Ref.RecordID == current})
	}
	writeJSON(w, http.StatusOK, body)
}
