// Package processor is the stage that consumes dra.article.fetched and
// publishes dra.article.processed, and the record it publishes: package
// page finds the page's title, date, views and body, package facts reads
// the figures, periods, authors, documents and places of the text.
package processor

import (
	"strconv"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/place"
)

// Options tune extraction for one page: its URL, its source's place and
// selectors (see page.Options).
type Options = page.Options

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
	// Template names the learned template the page was read with
	// ("sontay@v2"); empty for selectors or the generic extractor.
	Template string `json:"-"`
}

// ExtractRecord extracts the full record from an HTML page or a
// plain-text article: the page layer, then the facts.
func ExtractRecord(raw []byte, opts Options) (Record, error) {
	a, err := page.ExtractWith(raw, opts)
	if err != nil {
		return Record{}, err
	}
	return Facts(a, opts), nil
}

// Facts reads the facts of an extracted page.
func Facts(a page.Article, opts Options) Record {
	f := facts.Read(facts.Input{Title: a.Title, Body: a.Body, Byline: a.Byline, PublishedAt: a.PublishedAt,
		URL: opts.URL, District: opts.District, Province: opts.Province})
	return Record{
		Title: a.Title, Category: a.Category, PublishedAt: a.PublishedAt, Views: a.Views,
		Body: a.Body, Byline: a.Byline,
		Authors: f.Authors, Documents: f.Documents, Periods: f.Periods, ReportPeriod: f.ReportPeriod,
		Metrics: f.Metrics, District: f.District, Province: f.Province, Template: templateName(opts, a),
	}
}

// templateName names the profile a page was read with, "" when none.
func templateName(opts Options, a page.Article) string {
	if opts.Profile == nil || !a.Templated {
		return ""
	}
	return opts.Profile.SourceID + "@v" + strconv.Itoa(opts.Profile.Version)
}

// UnitTag is a unit an article reports for; see facts.TagUnits.
type UnitTag = facts.UnitTag

// TagUnits tags a record with the units it reports for and makes its
// district and province names consistent with them (facts.TagUnits).
func TagUnits(r *Record, sourceCodes []string, fallback place.Era) []UnitTag {
	l := facts.Located{Title: r.Title, Body: r.Body, PublishedAt: r.PublishedAt, District: r.District, Province: r.Province}
	tags := facts.TagUnits(&l, sourceCodes, fallback)
	r.District, r.Province = l.District, l.Province
	return tags
}

// UnitCodes returns the codes of tags.
func UnitCodes(tags []UnitTag) []string { return facts.UnitCodes(tags) }
