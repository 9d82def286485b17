// Package search is DRA's search store contract. Two backends implement it:
// search/bleve (embedded, the default) and search/elastic (production). One
// conformance suite, search/searchtest, runs against both.
//
// Both backends index the views that package vietnamese prepares and apply
// only their simplest built-in analysis on top (tokenise, lowercase,
// shingles), so they answer the same way. The query semantics every backend
// implements are described on Query.
package search

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode"

	"github.com/dra-archive/dra/event"
)

// Errors shared by the backends.
var (
	ErrNotFound = errors.New("not found")
	// ErrBadQuery wraps errors in user input; an API answers it with 400.
	ErrBadQuery = errors.New("bad query")
	// ErrTransient marks a failure worth retrying (the engine is unreachable,
	// overloaded). Item errors that do not wrap it are permanent.
	ErrTransient = errors.New("transient")
)

// Article is the stored form of a processed article.
type Article struct {
	ID string `json:"id"`
	// Version orders writes of the same ID: a write with a lower Version than
	// the stored one is ignored; an equal one replaces it (idempotent).
	// It is the fetch time in Unix nanoseconds.
	Version     int64      `json:"version"`
	URL         string     `json:"url"`
	SourceID    string     `json:"source_id"`
	District    string     `json:"district,omitempty"`
	Province    string     `json:"province,omitempty"`
	Category    string     `json:"category,omitempty"`
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	Byline      string     `json:"byline,omitempty"`
	Authors     []string   `json:"authors,omitempty"`
	Documents   []string   `json:"documents,omitempty"` // document codes, kept whole
	PublishedAt *time.Time `json:"published_at,omitempty"`
	FetchedAt   time.Time  `json:"fetched_at"`
	Views       *int       `json:"views,omitempty"`
	// UnitCodes are the administrative units the article reports for
	// (ArticleProcessed.UnitCodes: "old:district:020", "new:province:01").
	// Metric documents carry them for unit trends.
	UnitCodes []string `json:"unit_codes,omitempty"`
	// Metrics are the figures the processor extracted. The store keeps one
	// metric document per figure besides the article (see MetricRecords),
	// and replaces them all when a newer version of the article is written.
	Metrics []Metric `json:"metrics,omitempty"`
	// Record is the full ArticleProcessed as JSON, kept so the store can be
	// rebuilt and the API can show everything the processor found.
	Record []byte `json:"record,omitempty"`
	// Trimmed is set when the body was cut to the indexer's size limit
	// (the page itself stays whole in the WARC archive).
	Trimmed bool `json:"trimmed,omitempty"`
}

// FromProcessed maps an ArticleProcessed to the stored Article.
func FromProcessed(p event.ArticleProcessed) (Article, error) {
	rec, err := event.Encode(p)
	if err != nil {
		return Article{}, err
	}
	a := Article{
		ID: p.ArticleID, Version: p.FetchedAt.UnixNano(), URL: p.URL, SourceID: p.SourceID,
		District: p.District, Province: p.Province, Category: p.Category,
		Title: p.Title, Body: p.Body, Byline: p.Byline, PublishedAt: p.PublishedAt,
		FetchedAt: p.FetchedAt, Views: p.Views, Record: rec, UnitCodes: p.UnitCodes,
	}
	for _, au := range p.Authors {
		a.Authors = append(a.Authors, au.Name)
	}
	for _, d := range p.Documents {
		a.Documents = append(a.Documents, d.Code)
	}
	for _, m := range p.Metrics {
		a.Metrics = append(a.Metrics, Metric{
			Key: m.Key, Kind: m.Kind, Unit: m.Unit, Value: m.Value, Target: m.Target,
			PlanPercent: m.PlanPercent, Qualifier: m.Qualifier, Change: m.Change, Text: m.Text,
			Period: m.Period, Estimate: m.Estimate, Measure: m.Measure,
			ReportOn: m.Period != nil && p.ReportPeriod != nil && m.Period.Label == p.ReportPeriod.Label,
		})
	}
	return a, nil
}

// Rebuild returns the article to re-index from a stored one: mapped again
// from its Record when that is a valid ArticleProcessed of the same article
// and version (so a changed mapping reaches old articles), else as stored.
func Rebuild(a Article) Article {
	if len(a.Record) == 0 {
		return a
	}
	p, err := event.DecodeProcessed(a.Record)
	if err != nil || p.ArticleID != a.ID {
		return a
	}
	b, err := FromProcessed(p)
	if err != nil || b.Version != a.Version {
		return a
	}
	b.Trimmed = a.Trimmed
	return b
}

// Sort orders search results.
type Sort string

const (
	SortRelevance Sort = "relevance" // the default
	SortDate      Sort = "date"      // newest published first
)

// Query is a search. Semantics, the same in every backend:
//
//   - Text is parsed by ParseText (see QuerySyntax for what it accepts) into
//     words, quoted phrases, document codes, OR groups, exclusions and field
//     prefixes. Phrases, codes, OR groups and prefixes must match; of the
//     bare words at least MinShouldMatch(n) of the n distinct ones must
//     (all of one or two words, all but one of three to five, ...).
//     Words and phrases match on the folded views (diacritics and tone
//     placement ignored) of the title, the body and the article's names:
//     its authors and byline (their units), district and province, and the
//     document codes it cites. Codes match the document-code keyword field
//     or the folded text. Empty Text matches every article.
//   - Ranking: an article with every word ranks above one missing some;
//     then exact-view matches (the text as typed, normalised) score above
//     folded-only matches; the title counts more than the body; phrase and
//     shingle matches count more than scattered terms; words typed as a
//     name that signs the article (or names its place) count too.
//   - Filters (District, Province, Category, Author) match whole values,
//     compared by FilterKey: any case, with or without diacritics, either
//     tone placement, punctuation ignored ("son tay" = "Sơn Tây"). SourceID
//     and Document are exact keywords. From and To bound PublishedAt
//     inclusively (From <= published_at <= To). Articles without a publish
//     date never pass a date filter. When a filter value matches no article
//     at all, Result.Suggestions names the closest values (Suggest).
//   - Highlights are fragments of the original body (or title, or byline)
//     with the matched words wrapped in <mark>...</mark>: the sentences with
//     the most query words first (see Highlight).
//   - Pages: Offset+Size may not pass MaxWindow; deeper pages follow
//     Result.Next, an opaque cursor passed back as After (with Offset 0 and
//     the same query). A cursor from another query is an ErrBadQuery.
//   - Facets names the facet counts to return (FacetDistrict, FacetCategory,
//     FacetYear, FacetAuthor), counted over every match, not only the page.
type Query struct {
	Text     string
	SourceID string
	District string
	Province string
	Category string
	Author   string
	Document string
	From, To time.Time
	Sort     Sort
	Size     int // default 10, at most MaxSize
	Offset   int
	After    string   // a Result.Next cursor: the page after it
	Facets   []string // facet names to count
}

// Check validates what every backend checks the same way — size and
// offset, facets, cursor or offset, sort, the MaxWindow — and returns the
// page size to use. Decoding the cursor and the date bounds are the
// backend's.
func (q Query) Check() (int, error) {
	size, err := pageSize(q.Size, q.Offset)
	if err != nil {
		return 0, err
	}
	if err := CheckFacets(q.Facets); err != nil {
		return 0, err
	}
	if q.After != "" && q.Offset != 0 {
		return 0, fmt.Errorf("%w: give either a cursor or an offset, not both", ErrBadQuery)
	}
	if q.Sort != "" && q.Sort != SortRelevance && q.Sort != SortDate {
		return 0, fmt.Errorf("%w: unknown sort %q", ErrBadQuery, q.Sort)
	}
	if q.Offset+size > MaxWindow {
		return 0, fmt.Errorf("%w: offset %d is beyond the first %d results; follow the next cursor or narrow the query",
			ErrBadQuery, q.Offset, MaxWindow)
	}
	return size, nil
}

// pageSize checks a page's size and offset and returns the size to use:
// 10 for 0, at most MaxSize.
func pageSize(size, offset int) (int, error) {
	switch {
	case size < 0 || offset < 0:
		return 0, fmt.Errorf("%w: negative size or offset", ErrBadQuery)
	case size == 0:
		return 10, nil
	}
	return min(size, MaxSize), nil
}

// MaxSize bounds one page of results.
const MaxSize = 100

// MaxWindow bounds Offset+Size: beyond it, pages are reached with cursors.
// It is Elasticsearch's default index.max_result_window.
const MaxWindow = 10000

// Facet names.
const (
	FacetDistrict = "district"
	FacetCategory = "category"
	FacetYear     = "year" // year of published_at in Asia/Ho_Chi_Minh
	FacetAuthor   = "author"
)

// FacetNames lists every facet.
var FacetNames = []string{FacetDistrict, FacetCategory, FacetYear, FacetAuthor}

// FacetSize is the most values one facet returns.
const FacetSize = 50

// FacetCount is one value of a facet and the number of matching articles
// with it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Hit is one search result.
type Hit struct {
	ID          string     `json:"id"`
	Score       float64    `json:"score"`
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	SourceID    string     `json:"source_id"`
	District    string     `json:"district,omitempty"`
	Province    string     `json:"province,omitempty"`
	Category    string     `json:"category,omitempty"`
	Authors     []string   `json:"authors,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Highlights  []string   `json:"highlights,omitempty"`
}

// Result is a page of hits and the total number of matches.
type Result struct {
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
	// Next is the cursor of the following page; empty on the last page.
	Next string `json:"next,omitempty"`
	// Facets holds the requested facets: by name, values ordered by count
	// (then value), years in ascending order.
	Facets map[string][]FacetCount `json:"facets,omitempty"`
	// Suggestions holds, for each filter whose value matches no article at
	// all ("district", "province", "category", "author"; a district: prefix
	// counts as "district"), the closest values the store has, best first.
	Suggestions map[string][]string `json:"suggestions,omitempty"`
}

// Store is the search store. Implementations are safe for concurrent use.
type Store interface {
	// Upsert writes a batch. The returned slice is aligned with docs: nil
	// for a document written (or ignored as older than the stored one), an
	// error for a document that failed; it wraps ErrTransient when a retry
	// may succeed. A non-nil error means the whole batch failed and nothing
	// may be assumed written. When Upsert returns, written documents are
	// durable and visible to Search.
	Upsert(ctx context.Context, docs []Article) ([]error, error)
	// Get returns one article or ErrNotFound.
	Get(ctx context.Context, id string) (Article, error)
	Search(ctx context.Context, q Query) (Result, error)
	Count(ctx context.Context) (int, error)
	// Ping reports whether the store is reachable and ready.
	Ping(ctx context.Context) error
	Close() error
	Trends
}

// Words splits text into the words both backends' tokenisers produce
// (Unicode word boundaries): runs of letters and digits, where a '.' or ','
// between two digits stays inside the number ("1.599", "159,9").
func Words(text string) []string {
	rs := []rune(text)
	var out []string
	start := -1
	for i := range rs {
		inWord := InWord(rs, i)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, string(rs[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}

// InWord reports whether rs[i] belongs to a word under the rule of Words.
// Backends use it to prepare text their tokenisers split the same way.
func InWord(rs []rune, i int) bool {
	r := rs[i]
	if isLetterOrDigit(r) || r == '_' {
		return true
	}
	return (r == '.' || r == ',') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
}

func isLetterOrDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.IsDigit(r)
}
