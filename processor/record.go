package processor

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/place"
)

// Record is everything extraction finds in one article: the page's
// metadata and body, and the facts read from the body. ArticleProcessed
// carries the same record; `dra extract` prints it.
type Record struct {
	Title       string           `json:"title"`
	Category    string           `json:"category"`
	PublishedAt *time.Time       `json:"published_at"`
	Views       *int             `json:"views"`
	District    string           `json:"district"`
	Province    string           `json:"province"`
	Authors     []event.Author   `json:"authors"`
	Documents   []event.Document `json:"documents"`
	Periods     []string         `json:"periods"`
	// ReportPeriod is the period the article reports on, from its title.
	ReportPeriod *event.Period  `json:"report_period"`
	Metrics      []event.Metric `json:"metrics"`
	Body         string         `json:"body"`
	// Byline is the raw byline line the authors were read from.
	Byline string `json:"-"`
}

// ExtractRecord extracts the full record from an HTML page or a
// plain-text article.
func ExtractRecord(page []byte, opts Options) (Record, error) {
	a, err := ExtractWith(page, opts)
	if err != nil {
		return Record{}, err
	}
	return Facts(a, opts), nil
}

// Facts reads the facts of an extracted article.
func Facts(a Article, opts Options) Record {
	// The body is normalised once for documents, metrics and places.
	normBody := normalize(a.Body)
	r := Record{
		Title: a.Title, Category: a.Category, PublishedAt: a.PublishedAt, Views: a.Views,
		Body: a.Body, Byline: a.Byline,
		Authors:   ParseByline(a.Byline),
		Documents: extractDocuments(normBody),
		Periods:   ExtractPeriods(a.Body),
	}
	tax := DefaultTaxonomy()
	if utf8.ValidString(a.Body) {
		r.Metrics = tax.extract(a.Body, normBody)
	} else {
		r.Metrics = ExtractMetrics(a.Body)
	}
	for i := range r.Metrics {
		r.Metrics[i].Measure = tax.Measure(r.Metrics[i].Key)
	}
	if utf8.ValidString(a.Body) {
		r.ReportPeriod = attributePeriods(r.Metrics, strings.ToLower(normBody), strings.ToLower(normalize(a.Title)), a.PublishedAt)
	}
	postReform := a.PublishedAt != nil && !a.PublishedAt.Before(place.ReformDate)
	r.District, r.Province = places(opts.District, opts.Province, opts.URL, normalize(a.Title), normBody, postReform)
	if r.Authors == nil {
		r.Authors = []event.Author{}
	}
	if r.Metrics == nil {
		r.Metrics = []event.Metric{}
	}
	return r
}
