// Package event holds the wire contracts between DRA's stages: the events on
// NATS JetStream, their subjects and schema versions, and their encoding.
//
// Every event carries a schema version "MAJOR.MINOR". A consumer accepts any
// minor version of the major it knows (new fields are ignored) and rejects an
// unknown major with ErrUnknownMajor, which the consumer dead-letters.
package event

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Subjects and streams.
const (
	SubjectFetched    = "dra.article.fetched"
	SubjectProcessed  = "dra.article.processed"
	SubjectDeadLetter = "dra.deadletter" // + "." + stage
	SubjectCrawlJobs  = "dra.crawl.jobs" // + "." + source ID

	StreamFetched    = "DRA_FETCHED"
	StreamProcessed  = "DRA_PROCESSED"
	StreamDeadLetter = "DRA_DEADLETTER"
	StreamCrawlJobs  = "DRA_CRAWL_JOBS"
)

// Schema versions this build writes. Readers accept any minor of the same major.
const (
	FetchedVersion   = "1.1"
	ProcessedVersion = "1.3"
)

// Errors returned by Decode. Both are permanent: a redelivery cannot fix them.
var (
	ErrUnknownMajor = errors.New("unknown schema major version")
	ErrInvalid      = errors.New("invalid event")
)

// ArticleID is the stable ID of an article: a hash of its canonical URL's
// identity key (see IdentityKey), so the same page reached again at another
// scheme, port or "www." host keeps its ID. It is the JetStream message ID
// prefix and the document ID in the search store.
func ArticleID(canonicalURL string) string { return KeyID(IdentityKey(canonicalURL)) }

// KeyID is the article ID of an identity key.
func KeyID(identityKey string) string {
	sum := sha256.Sum256([]byte(identityKey))
	return hex.EncodeToString(sum[:16])
}

// IdentityKey is what identifies an article page across the ways one portal
// is reached: the canonical URL without its scheme, its port and a leading
// "www." ("thanhtri.hanoi.gov.vn/tin-tuc/-/view_content/1-x.html"). A
// crawler that knows a portal's other host names (a source's aliases) maps
// them to the portal's own host before taking the key; see
// ArticleFetched.IdentityKey. A string that is not an absolute URL is its
// own key.
func IdentityKey(canonicalURL string) string {
	rest, ok := strings.CutPrefix(canonicalURL, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(canonicalURL, "http://"); !ok {
			return canonicalURL
		}
	}
	host, path := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	return IdentityHost(host) + path
}

// IdentityHost is a host as identity keys use it: lowercase, without a port
// and a leading "www.".
func IdentityHost(host string) string {
	host = strings.ToLower(host)
	if strings.HasPrefix(host, "[") { // IPv6 literal, maybe with a port
		if i := strings.IndexByte(host, ']'); i >= 0 {
			host = host[:i+1]
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return strings.TrimPrefix(host, "www.")
}

// IdentityPath is the part of an identity key after the host: the path and
// query.
func IdentityPath(key string) string {
	if i := strings.IndexAny(key, "/?"); i >= 0 {
		return key[i:]
	}
	return ""
}

// ContentHash is the hash of a fetched body, used to tell changed pages apart.
func ContentHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// WARCRef points at the archived response of a fetch. File is the
// location of the WARC object or file holding it, a URI (nats-os://BUCKET/KEY,
// s3://BUCKET/KEY, file:///PATH) or, as written by earlier builds, a bare
// file name under the writing node's <data-dir>/warc; Offset is where the
// record's gzip member starts in it.
type WARCRef struct {
	File     string `json:"file"`
	Offset   int64  `json:"offset"`
	RecordID string `json:"record_id"`
}

// Capture is the provenance of a page fetched from a web archive.
type Capture struct {
	ArchiveURL string    `json:"archive_url"`
	Timestamp  time.Time `json:"timestamp"`
}

// ArticleFetched is published by the crawler for each new or changed article page.
type ArticleFetched struct {
	SchemaVersion string `json:"schema_version"`
	ArticleID     string `json:"article_id"`
	// URL is the canonical URL; FetchURL the one requested, if different.
	URL      string `json:"url"`
	FetchURL string `json:"fetch_url,omitempty"`
	// IdentityKey is what ArticleID hashes when it is not IdentityKey(URL):
	// the page was fetched from one of its source's aliases (another host
	// name of the same portal) and the key names the portal's own host
	// (schema 1.1). Its path and query are URL's.
	IdentityKey string `json:"identity_key,omitempty"`
	SourceID    string `json:"source_id"`
	District    string `json:"district,omitempty"`
	Province    string `json:"province,omitempty"`
	// FetchedAt orders versions of the same article: newer wins everywhere.
	FetchedAt    time.Time `json:"fetched_at"`
	StatusCode   int       `json:"status_code"`
	ContentType  string    `json:"content_type,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	// ContentSHA256 is the hash of Body.
	ContentSHA256 string `json:"content_sha256"`
	// Body is the page as UTF-8 NFC text (decoded from its original charset).
	Body    string   `json:"body"`
	WARC    *WARCRef `json:"warc,omitempty"`
	Capture *Capture `json:"capture,omitempty"`
	// UnitCodes are the administrative units the source reports for.
	UnitCodes []string `json:"unit_codes,omitempty"`
	// Selectors are the source's CSS selectors for the article's fields, if
	// it has any; the processor falls back to generic extraction without.
	Selectors *Selectors `json:"selectors,omitempty"`
}

// Selectors are CSS selectors for an article's fields on one portal. An
// empty field means generic extraction. Exclude lists blocks (injected spam,
// share bars) to remove before extracting the body.
// The same type is a source's selectors in sources.yaml and the
// processor's extraction options.
type Selectors struct {
	Title    string   `json:"title,omitempty" yaml:"title,omitempty"`
	Category string   `json:"category,omitempty" yaml:"category,omitempty"`
	Date     string   `json:"date,omitempty" yaml:"date,omitempty"`
	Body     string   `json:"body,omitempty" yaml:"body,omitempty"`
	Byline   string   `json:"byline,omitempty" yaml:"byline,omitempty"`
	Exclude  []string `json:"exclude,omitempty" yaml:"exclude,omitempty"`
}

// IsZero reports whether no selector is set.
func (s Selectors) IsZero() bool {
	return s.Title == "" && s.Category == "" && s.Date == "" && s.Body == "" && s.Byline == "" && len(s.Exclude) == 0
}

// OrNil is a pointer to a copy of s, or nil when no selector is set (the
// event then carries none).
func (s Selectors) OrNil() *Selectors {
	if s.IsZero() {
		return nil
	}
	return &s
}

// Author is a person (and unit) credited with an article.
type Author struct {
	Name string `json:"name"`
	Unit string `json:"unit,omitempty"`
}

// Document is a document cited by an article (a resolution, a decision...).
type Document struct {
	Code   string `json:"code"`
	Type   string `json:"type,omitempty"`
	Issuer string `json:"issuer,omitempty"`
	Number string `json:"number,omitempty"`
	Year   int    `json:"year,omitempty"`
	Date   string `json:"date,omitempty"` // YYYY-MM-DD
}

// Period kinds: what span of time a figure reports on.
const (
	PeriodYear       = "year"        // a calendar year: "năm 2019"
	PeriodHalf       = "half"        // "6 tháng đầu năm", "6 tháng cuối năm"
	PeriodNineMonths = "nine_months" // "9 tháng đầu năm"
	PeriodTenMonths  = "ten_months"  // "10 tháng"
	PeriodQuarter    = "quarter"     // "quý I/2019"
	PeriodMonth      = "month"       // "tháng 5/2019"
	PeriodTerm       = "term"        // several years: "nhiệm kỳ 2015-2020", "giai đoạn 2016-2020"
	PeriodSchoolYear = "school_year" // "năm học 2019-2020"
	PeriodDate       = "date"        // a level on a day: "tính đến 31/12/2019", "hiện có"
	PeriodCumulative = "cumulative"  // from a start to a date: "lũy kế", "từ đầu năm đến nay"
)

// Where a period was found, most specific first.
const (
	FoundSentence  = "sentence"  // the figure's own sentence
	FoundParagraph = "paragraph" // an earlier sentence of its paragraph
	FoundTitle     = "title"     // the article's title
	FoundArticle   = "article"   // elsewhere in the article (a term named once)
	FoundPublished = "published" // nothing stated: the publish date
)

// Period is the span of time a figure reports on (schema 1.2). Start and
// End are days (YYYY-MM-DD, inclusive) in Asia/Ho_Chi_Minh; for a date and
// a cumulative figure End is the day of the level. Label names it the way
// trends do: "2019", "2019-H1", "2019-9M", "2019-10M", "2019-Q3",
// "2019-05", "2015-2020", "2019-2020" (school year), "2019-12-31".
type Period struct {
	Kind  string `json:"kind"`
	Start string `json:"start,omitempty"`
	End   string `json:"end"`
	Label string `json:"label"`
	Found string `json:"found"`
}

// Measures: what a metric key counts.
const (
	MeasureFlow  = "flow"  // counted over a period: new members, revenue
	MeasureStock = "stock" // a level at a date: poor households, party members
	MeasureRate  = "rate"  // a ratio at a date or over a period: poverty rate
)

// Metric is one figure reported in an article. Start and End are rune
// offsets into the article body; Text is the body between them.
type Metric struct {
	Value       float64  `json:"value"`
	Kind        string   `json:"kind"`
	Unit        string   `json:"unit"`
	Key         string   `json:"key,omitempty"`
	Target      *float64 `json:"target"`
	PlanPercent *float64 `json:"plan_percent"`
	Qualifier   string   `json:"qualifier,omitempty"`
	Change      string   `json:"change,omitempty"`
	Text        string   `json:"text"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	// Period is what the figure reports on; nil when neither the text nor
	// a publish date tells (schema 1.2).
	Period *Period `json:"period,omitempty"`
	// Estimate marks a figure stated as an estimate ("ước đạt", "ước cả
	// năm"), which a later report may correct (schema 1.2).
	Estimate bool `json:"estimate,omitempty"`
	// Measure is the key's semantics (MeasureFlow, MeasureStock,
	// MeasureRate); empty without a key (schema 1.2).
	Measure string `json:"measure,omitempty"`
}

// ArticleProcessed is published by the processor: the article and its facts.
type ArticleProcessed struct {
	SchemaVersion string    `json:"schema_version"`
	ArticleID     string    `json:"article_id"`
	URL           string    `json:"url"`
	SourceID      string    `json:"source_id"`
	FetchedAt     time.Time `json:"fetched_at"`
	ProcessedAt   time.Time `json:"processed_at"`
	ContentSHA256 string    `json:"content_sha256"`

	Title       string     `json:"title"`
	Category    string     `json:"category,omitempty"`
	PublishedAt *time.Time `json:"published_at"`
	Views       *int       `json:"views"`
	District    string     `json:"district,omitempty"`
	Province    string     `json:"province,omitempty"`
	Byline      string     `json:"byline,omitempty"`
	Authors     []Author   `json:"authors"`
	Documents   []Document `json:"documents"`
	Periods     []string   `json:"periods"`
	// ReportPeriod is the period the article reports on, read from its
	// title ("tổng kết công tác năm 2016"); nil when the title names none
	// (schema 1.2). A figure of that period is the report's own figure.
	ReportPeriod *Period  `json:"report_period,omitempty"`
	Metrics      []Metric `json:"metrics"`
	// MetricsDropped counts figures beyond the processor's per-article
	// bound that Metrics leaves out (schema 1.1).
	MetricsDropped int      `json:"metrics_dropped,omitempty"`
	Body           string   `json:"body"`
	UnitCodes      []string `json:"unit_codes,omitempty"`
	WARC           *WARCRef `json:"warc,omitempty"`
	Capture        *Capture `json:"capture,omitempty"`
	// Template names the source's learned page template the article was
	// read with ("sontay@v2"); empty when it was read with the source's
	// selectors or the generic extractor (schema 1.3).
	Template string `json:"template,omitempty"`
}

// Encode writes an event as compact JSON without HTML escaping.
func Encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// DecodeFetched decodes and validates an ArticleFetched.
func DecodeFetched(data []byte) (ArticleFetched, error) {
	var e ArticleFetched
	if err := decode(data, FetchedVersion, &e, &e.SchemaVersion); err != nil {
		return e, err
	}
	return e, e.Validate()
}

// DecodeProcessed decodes and validates an ArticleProcessed.
func DecodeProcessed(data []byte) (ArticleProcessed, error) {
	var e ArticleProcessed
	if err := decode(data, ProcessedVersion, &e, &e.SchemaVersion); err != nil {
		return e, err
	}
	return e, e.Validate()
}

// decode reads data into v, whose schema version lands in *version, and
// checks its major version against known's. The payload is parsed once;
// only when it does not fit v (another major may change field types) is
// its version read alone, to tell an unknown major from an invalid event.
func decode(data []byte, known string, v any, version *string) error {
	if err := json.Unmarshal(data, v); err != nil {
		var head struct {
			SchemaVersion string `json:"schema_version"`
		}
		if json.Unmarshal(data, &head) == nil {
			if merr := checkMajor(head.SchemaVersion, known); merr != nil {
				return merr
			}
		}
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return checkMajor(*version, known)
}

// checkMajor returns nil if version has known's major, ErrUnknownMajor for
// another major, ErrInvalid for no version at all.
func checkMajor(version, known string) error {
	got, err := major(version)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	want, _ := major(known)
	if got != want {
		return fmt.Errorf("%w: %q (this build reads %d.x)", ErrUnknownMajor, version, want)
	}
	return nil
}

func major(version string) (int, error) {
	if version == "" {
		return 0, errors.New("schema_version missing")
	}
	m, _, _ := strings.Cut(version, ".")
	n, err := strconv.Atoi(m)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("schema_version %q is not MAJOR.MINOR", version)
	}
	return n, nil
}

// MaxMetrics is the most metrics an ArticleProcessed may carry; the
// processor keeps at most processor.MaxMetrics (the same bound) and counts
// the rest in MetricsDropped.
const MaxMetrics = 1000

// Bounds of the event times: FetchedAt becomes the store's version in Unix
// nanoseconds, which int64 holds from 1678 to 2262.
var (
	minTime = time.Unix(0, 0).UTC()
	maxTime = time.Unix(0, math.MaxInt64).UTC()
)

// checkID reports an article ID that is not 32 lowercase hex digits (what
// KeyID makes): it is a document ID, a message ID prefix and a URL path
// segment, so "../x" or "abc#m000" must never get through.
func checkID(id string) error {
	if id == "" {
		return errors.New("article_id missing")
	}
	if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		return fmt.Errorf("article_id %.40q is not 32 lowercase hex digits", id)
	}
	return nil
}

// checkURL reports a URL that does not parse as an absolute http or https
// URL with a host (no javascript:, data: or file: link reaches a page).
func checkURL(field, raw string) error {
	if raw == "" {
		return fmt.Errorf("%s missing", field)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%s does not parse: %w", field, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s %.60q is not http or https", field, raw)
	}
	if u.Host == "" {
		return fmt.Errorf("%s %.60q has no host", field, raw)
	}
	return nil
}

// checkTime reports a time outside what the store can order (see minTime).
func checkTime(field string, t time.Time) error {
	if t.Before(minTime) || t.After(maxTime) {
		return fmt.Errorf("%s %s outside %d-%d", field, t.Format(time.RFC3339), minTime.Year(), maxTime.Year())
	}
	return nil
}

// Validate checks the fields every consumer relies on.
func (e ArticleFetched) Validate() error {
	var errs []error
	if err := checkID(e.ArticleID); err != nil {
		errs = append(errs, err)
	}
	if e.FetchURL != "" {
		if err := checkURL("fetch_url", e.FetchURL); err != nil {
			errs = append(errs, err)
		}
	}
	if e.StatusCode < 0 || e.StatusCode > 999 {
		errs = append(errs, fmt.Errorf("status_code %d out of range", e.StatusCode))
	}
	switch {
	case e.URL == "":
		errs = append(errs, errors.New("url missing"))
	case checkURL("url", e.URL) != nil:
		errs = append(errs, checkURL("url", e.URL))
	case e.IdentityKey != "":
		if IdentityPath(e.IdentityKey) != IdentityPath(IdentityKey(e.URL)) {
			errs = append(errs, fmt.Errorf("identity_key %q is not the page of url %q", e.IdentityKey, e.URL))
		} else if e.ArticleID != "" && KeyID(e.IdentityKey) != e.ArticleID {
			errs = append(errs, fmt.Errorf("article_id %s does not match identity_key", e.ArticleID))
		}
	case e.ArticleID != "" && ArticleID(e.URL) != e.ArticleID:
		errs = append(errs, fmt.Errorf("article_id %s does not match url", e.ArticleID))
	}
	if e.SourceID == "" {
		errs = append(errs, errors.New("source_id missing"))
	}
	if e.FetchedAt.IsZero() {
		errs = append(errs, errors.New("fetched_at missing"))
	} else if err := checkTime("fetched_at", e.FetchedAt); err != nil {
		errs = append(errs, err)
	}
	if !utf8.ValidString(e.Body) {
		errs = append(errs, errors.New("body is not valid UTF-8"))
	}
	if e.ContentSHA256 != "" && e.ContentSHA256 != ContentHash([]byte(e.Body)) {
		errs = append(errs, errors.New("content_sha256 does not match body"))
	}
	return wrapInvalid(errs)
}

// Validate checks the fields every consumer relies on.
func (e ArticleProcessed) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkID(e.ArticleID))
	add(checkURL("url", e.URL))
	if e.FetchedAt.IsZero() {
		errs = append(errs, errors.New("fetched_at missing"))
	} else {
		add(checkTime("fetched_at", e.FetchedAt))
	}
	if !e.ProcessedAt.IsZero() {
		add(checkTime("processed_at", e.ProcessedAt))
	}
	if e.PublishedAt != nil {
		add(checkTime("published_at", *e.PublishedAt))
	}
	if e.Views != nil && *e.Views < 0 {
		errs = append(errs, fmt.Errorf("views %d negative", *e.Views))
	}
	if e.MetricsDropped < 0 {
		errs = append(errs, fmt.Errorf("metrics_dropped %d negative", e.MetricsDropped))
	}
	if len(e.Metrics) > MaxMetrics {
		errs = append(errs, fmt.Errorf("%d metrics, more than %d", len(e.Metrics), MaxMetrics))
	}
	for i, d := range e.Documents {
		if d.Year < 0 || d.Year > 9999 {
			errs = append(errs, fmt.Errorf("document %d: year %d out of range", i, d.Year))
		}
	}
	if !utf8.ValidString(e.Body) {
		errs = append(errs, errors.New("body is not valid UTF-8"))
	}
	bodyLen := utf8.RuneCountInString(e.Body)
	for i, m := range e.Metrics {
		if m.Start < 0 || m.End < m.Start || m.End > bodyLen {
			errs = append(errs, fmt.Errorf("metric %d: offsets [%d,%d) outside the body", i, m.Start, m.End))
			if len(errs) > 10 {
				break
			}
		}
	}
	return wrapInvalid(errs)
}

func wrapInvalid(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
}
