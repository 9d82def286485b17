// Package facts reads the facts of an article's text: Vietnamese numbers,
// metrics with their canonical keys (taxonomy.yaml), the period each
// figure reports on, authors from the byline, cited documents and places.
// It knows nothing of pages: package page finds the title, date and body,
// and package processor puts the two together.
package facts

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/place"
	"github.com/dra-archive/dra/vietnamese"
)

// Input is what the facts are read from: an article's text and what its
// page and source say about it.
type Input struct {
	Title, Body, Byline string
	PublishedAt         *time.Time
	// URL, District and Province are the page's address and its source's
	// place, when known; the source's place wins over the text's.
	URL, District, Province string
}

// Facts are the facts of one article.
type Facts struct {
	Authors   []event.Author
	Documents []event.Document
	// Periods are the multi-year periods the article names ("2015-2020").
	Periods []string
	// ReportPeriod is the period the title says the article reports on.
	ReportPeriod *event.Period
	Metrics      []event.Metric
	District     string
	Province     string
}

// Read reads the facts of an article.
func Read(in Input) Facts {
	// The body is normalised once for documents, metrics and places.
	normBody := vietnamese.NormalizeQuick(in.Body)
	f := Facts{
		Authors:   ParseByline(in.Byline),
		Documents: extractDocuments(normBody),
		Periods:   ExtractPeriods(in.Body),
	}
	tax := DefaultTaxonomy()
	valid := utf8.ValidString(in.Body)
	lowBody := "" // the body normalised and lowercased
	if valid {
		f.Metrics, lowBody = tax.extractChunked(in.Body, normBody)
	} else {
		f.Metrics = ExtractMetrics(in.Body)
	}
	for i := range f.Metrics {
		f.Metrics[i].Measure = tax.Measure(f.Metrics[i].Key)
	}
	normTitle := vietnamese.NormalizeQuick(in.Title)
	if valid {
		if lowBody == "" {
			lowBody = strings.ToLower(normBody)
		}
		f.ReportPeriod = attributePeriods(f.Metrics, lowBody, strings.ToLower(normTitle), in.PublishedAt)
	}
	postReform := in.PublishedAt != nil && !in.PublishedAt.Before(place.ReformDate)
	f.District, f.Province = places(in.District, in.Province, in.URL, normTitle, normBody, postReform)
	if f.Authors == nil {
		f.Authors = []event.Author{}
	}
	if f.Metrics == nil {
		f.Metrics = []event.Metric{}
	}
	return f
}

// chunkBytes bounds the text the metric scanner holds at once: a long body
// is read paragraph group by paragraph group, so a 26 MB page costs the
// scanner's working memory of 256 KB, not 40 times the page.
const chunkBytes = 256 << 10

// extractChunked is extract over a body cut at paragraph breaks into
// pieces of at most chunkBytes (a paragraph longer than that is one
// piece): figures never reach across a paragraph, so the pieces give the
// figures of the whole, with offsets shifted to the body's.
// It returns the view a body of one chunk was matched on too
// (extractView's); "" for a longer body.
func (t *Taxonomy) extractChunked(body, normBody string) ([]event.Metric, string) { // normBody: NormalizeQuick(body)
	if len(body) <= chunkBytes {
		return t.extractView(body, normBody)
	}
	var out []event.Metric
	runeAt := 0
	for start := 0; start < len(body); {
		end := start + chunkBytes
		if end >= len(body) {
			end = len(body)
		} else if i := strings.LastIndex(body[start:end], "\n"); i > 0 {
			end = start + i + 1
		} else if j := strings.IndexByte(body[end:], '\n'); j >= 0 {
			end += j + 1
		} else {
			end = len(body)
		}
		// Normalisation works word by word, and a line break ends a word:
		// each piece is normalised alone.
		piece := body[start:end]
		for _, m := range t.extract(piece, vietnamese.NormalizeQuick(piece)) {
			m.Start += runeAt
			m.End += runeAt
			out = append(out, m)
		}
		runeAt += utf8.RuneCountInString(body[start:end])
		start = end
	}
	return out, ""
}
