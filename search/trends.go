package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dra-archive/dra/vietnamese"
)

// Metric is one figure of an article, as the processor extracted it
// (event.Metric without the offsets).
type Metric struct {
	Key         string   `json:"key,omitempty"`
	Kind        string   `json:"kind,omitempty"`
	Unit        string   `json:"unit,omitempty"`
	Value       float64  `json:"value"`
	Target      *float64 `json:"target,omitempty"`
	PlanPercent *float64 `json:"plan_percent,omitempty"`
	Qualifier   string   `json:"qualifier,omitempty"`
	Change      string   `json:"change,omitempty"`
	Text        string   `json:"text,omitempty"`
}

// MetricRecord is a metric document: one figure, with what it needs from
// its article to be filtered, bucketed and traced back.
type MetricRecord struct {
	ID        string `json:"id"` // MetricID(ArticleID, position)
	ArticleID string `json:"article_id"`
	// Version is the article's Version: metric documents follow the same
	// newer-wins rule as their article.
	Version     int64      `json:"version"`
	Key         string     `json:"key,omitempty"`
	Kind        string     `json:"kind,omitempty"`
	Unit        string     `json:"unit,omitempty"`
	Value       float64    `json:"value"`
	Target      *float64   `json:"target,omitempty"`
	PlanPercent *float64   `json:"plan_percent,omitempty"`
	Qualifier   string     `json:"qualifier,omitempty"`
	SourceID    string     `json:"source_id,omitempty"`
	District    string     `json:"district,omitempty"`
	Province    string     `json:"province,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Title       string     `json:"title,omitempty"`
	URL         string     `json:"url,omitempty"`
	Snippet     string     `json:"snippet,omitempty"` // the text that carries the figure
	// UnitCodes are the article's unit codes ("old:district:020",
	// "new:province:01"; see processor's "Unit codes"), sorted and unique:
	// unit splits and the Unit filter match them exactly.
	UnitCodes []string `json:"unit_codes,omitempty"`
	// PartialUnits are the new-era codes among UnitCodes under which the
	// figure is partial: it is the figure of an old unit that went only in
	// part into that new unit (see PartialUnits).
	PartialUnits []string `json:"partial_units,omitempty"`
}

// MetricID is the document ID of an article's i-th metric. IDs are
// deterministic, so writing an article again overwrites its metric documents
// instead of adding to them.
func MetricID(articleID string, i int) string { return fmt.Sprintf("%s#m%03d", articleID, i) }

// MetricRecords returns the metric documents of an article. District,
// province and key are normalised as keywords are everywhere in the store.
func MetricRecords(a Article) []MetricRecord {
	out := make([]MetricRecord, 0, len(a.Metrics))
	if len(a.Metrics) == 0 {
		return out
	}
	codes := CleanUnitCodes(a.UnitCodes)
	partial := PartialUnits(codes)
	district, province := vietnamese.Normalize(a.District), vietnamese.Normalize(a.Province)
	for i, m := range a.Metrics {
		out = append(out, MetricRecord{
			ID: MetricID(a.ID, i), ArticleID: a.ID, Version: a.Version,
			Key: strings.TrimSpace(m.Key), Kind: m.Kind, Unit: vietnamese.Normalize(m.Unit), Value: m.Value,
			Target: m.Target, PlanPercent: m.PlanPercent, Qualifier: m.Qualifier,
			SourceID: a.SourceID, District: district, Province: province,
			PublishedAt: a.PublishedAt, Title: a.Title, URL: a.URL, Snippet: m.Text,
			UnitCodes: codes, PartialUnits: partial,
		})
	}
	return out
}

// Trends is the metric side of the store.
//
// Time buckets are calendar years, quarters or months in Asia/Ho_Chi_Minh
// (vietnamese.TimeZone), by the article's PublishedAt: the date the report
// was published, the one date every article with a figure has in common
// (the period a figure covers is often not stated). A metric without a
// publish date is in no time bucket, but counts in the catalogue and in
// TrendResult.Undated.
type Trends interface {
	// Catalog lists every metric key with its count, units and districts.
	Catalog(ctx context.Context) ([]CatalogEntry, error)
	// Trend buckets one key's figures by time, optionally split by district
	// or province.
	Trend(ctx context.Context, q TrendQuery) (TrendResult, error)
	// Metrics lists metric documents (with their article IDs): the
	// drill-down from a bucket to the articles behind it.
	Metrics(ctx context.Context, q MetricQuery) (MetricResult, error)
}

// CatalogEntry is one metric key in the store.
type CatalogEntry struct {
	Key       string     `json:"key"`
	Count     int        `json:"count"`
	Units     []string   `json:"units"`
	Districts []string   `json:"districts"`
	Provinces []string   `json:"provinces"`
	First     *time.Time `json:"first,omitempty"` // earliest published_at
	Last      *time.Time `json:"last,omitempty"`  // latest published_at
}

// Interval is a trend bucket width.
type Interval string

const (
	IntervalYear    Interval = "year"
	IntervalQuarter Interval = "quarter"
	IntervalMonth   Interval = "month"
)

// SplitBy names what a trend is split by.
//
// SplitDistrict and SplitProvince group by the article's district and
// province names. The unit splits group by the article's unit codes of one
// era and level (see UnitPrefix): a figure is counted, whole, under every
// code of that level its article carries (the processor tags an article
// with its units and, going forward, the new units that took them over).
// Group is the code ("new:province:01"), or "" for figures whose article
// carries no code of that level; TrendSeries.Name names the unit.
//
// Old district and old province series are exact. An old province went
// wholly into one new province, so new province series built from old
// province or district figures are exact too, unless an old unit's
// territory went into several new provinces. A new commune series holds
// exact figures of new communes (post-reform reports) and of old units that
// went wholly into it; the figure of an old unit split among several new
// units cannot be attributed to one of them, and is not divided: it is
// counted whole under each, and its buckets and series are marked partial.
type SplitBy string

const (
	SplitNone        SplitBy = ""
	SplitDistrict    SplitBy = "district"
	SplitProvince    SplitBy = "province"
	SplitOldDistrict SplitBy = "old_district"
	SplitOldProvince SplitBy = "old_province"
	SplitNewProvince SplitBy = "new_province"
	SplitNewCommune  SplitBy = "new_commune"
)

// SplitNames lists the valid splits, for messages and help.
var SplitNames = []SplitBy{SplitDistrict, SplitProvince, SplitOldDistrict, SplitOldProvince, SplitNewProvince, SplitNewCommune}

// UnitPrefix is the unit-code prefix a unit split groups by
// ("old:district:"), or "" for the other splits.
func (s SplitBy) UnitPrefix() string {
	switch s {
	case SplitOldDistrict:
		return "old:district:"
	case SplitOldProvince:
		return "old:province:"
	case SplitNewProvince:
		return "new:province:"
	case SplitNewCommune:
		return "new:commune:"
	}
	return ""
}

// TrendQuery asks for one key's series. From and To bound PublishedAt
// inclusively; District and Province are exact keywords; Unit is a unit
// code the figure's article must carry ("old:district:020").
type TrendQuery struct {
	Key      string
	Interval Interval // default year
	SplitBy  SplitBy
	District string
	Province string
	Unit     string
	From, To time.Time
}

// Check validates q and fills in the default interval.
func (q *TrendQuery) Check() error {
	q.Key = strings.TrimSpace(q.Key)
	if q.Key == "" {
		return fmt.Errorf("%w: a metric key is required", ErrBadQuery)
	}
	if len(q.Key) > 200 {
		return fmt.Errorf("%w: metric key longer than 200 bytes", ErrBadQuery)
	}
	if q.Interval == "" {
		q.Interval = IntervalYear
	}
	switch q.Interval {
	case IntervalYear, IntervalQuarter, IntervalMonth:
	default:
		return fmt.Errorf("%w: interval must be year, quarter or month, not %q", ErrBadQuery, q.Interval)
	}
	if q.SplitBy != SplitNone && !slices.Contains(SplitNames, q.SplitBy) {
		names := make([]string, len(SplitNames))
		for i, n := range SplitNames {
			names[i] = string(n)
		}
		return fmt.Errorf("%w: split must be one of %s, not %q", ErrBadQuery, strings.Join(names, ", "), q.SplitBy)
	}
	if err := checkUnit(&q.Unit); err != nil {
		return err
	}
	return checkRange(q.From, q.To)
}

func checkRange(from, to time.Time) error {
	for _, t := range []time.Time{from, to} {
		if !t.IsZero() && (t.Year() <= 1677 || t.Year() >= 2262) {
			return fmt.Errorf("%w: date %v out of range", ErrBadQuery, t)
		}
	}
	return nil
}

// TrendResult is a key's series: one per group (one with an empty Group
// without a split), groups in ascending order.
type TrendResult struct {
	Key      string        `json:"key"`
	Interval Interval      `json:"interval"`
	SplitBy  SplitBy       `json:"split_by,omitempty"`
	Units    []string      `json:"units"`
	Series   []TrendSeries `json:"series"`
	// Undated counts the matching figures without a publish date (in no
	// bucket). Zero when From or To is set: those cannot match.
	Undated int `json:"undated"`
}

// TrendSeries is the buckets of one group, oldest first; empty buckets are
// left out.
type TrendSeries struct {
	Group string `json:"group"`
	// Name names the unit of a unit split's group: "Hà Nội (new)",
	// "Huyện Thanh Trì (old)". Empty otherwise.
	Name string `json:"name,omitempty"`
	// Partial is set when some of the series' figures are of old units that
	// went only in part into the group's unit (see SplitBy); PartialReason
	// says so in words.
	Partial       bool     `json:"partial,omitempty"`
	PartialReason string   `json:"partial_reason,omitempty"`
	Buckets       []Bucket `json:"buckets"`
}

// Bucket summarises the figures published in [Start, End).
type Bucket struct {
	Label string    `json:"label"` // "2020", "2020-Q1", "2020-03"
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Count int       `json:"count"`
	Sum   float64   `json:"sum"`
	Min   float64   `json:"min"`
	Max   float64   `json:"max"`
	Avg   float64   `json:"avg"`
	// Latest is the value of the most recently published figure (ties: the
	// greatest metric ID), LatestArticle its article.
	Latest        float64   `json:"latest"`
	LatestAt      time.Time `json:"latest_at"`
	LatestArticle string    `json:"latest_article"`
	// TargetSum adds up the plan targets of the TargetCount figures that
	// state one; PlanPercent averages the PlanPercentCount stated
	// percentages of plan. Both nil when no figure states one.
	TargetSum        *float64 `json:"target_sum,omitempty"`
	TargetCount      int      `json:"target_count"`
	PlanPercent      *float64 `json:"plan_percent,omitempty"`
	PlanPercentCount int      `json:"plan_percent_count"`
	// Partial is set when PartialCount of the figures are of old units that
	// went only in part into the group's unit: each is counted whole, not
	// divided, so the bucket is not that unit's exact figure.
	Partial      bool `json:"partial,omitempty"`
	PartialCount int  `json:"partial_count,omitempty"`
}

// BucketStart returns the start of t's bucket in Asia/Ho_Chi_Minh.
func BucketStart(t time.Time, iv Interval) time.Time {
	t = t.In(vietnamese.TimeZone)
	switch iv {
	case IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, vietnamese.TimeZone)
	case IntervalQuarter:
		return time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, vietnamese.TimeZone)
	}
	return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, vietnamese.TimeZone)
}

// BucketEnd returns the exclusive end of the bucket starting at start.
func BucketEnd(start time.Time, iv Interval) time.Time {
	switch iv {
	case IntervalMonth:
		return start.AddDate(0, 1, 0)
	case IntervalQuarter:
		return start.AddDate(0, 3, 0)
	}
	return start.AddDate(1, 0, 0)
}

// BucketLabel names the bucket starting at start.
func BucketLabel(start time.Time, iv Interval) string {
	start = start.In(vietnamese.TimeZone)
	switch iv {
	case IntervalMonth:
		return start.Format("2006-01")
	case IntervalQuarter:
		return fmt.Sprintf("%d-Q%d", start.Year(), (int(start.Month())-1)/3+1)
	}
	return strconv.Itoa(start.Year())
}

// NewBucket returns an empty bucket starting at start.
func NewBucket(start time.Time, iv Interval) Bucket {
	start = start.In(vietnamese.TimeZone)
	return Bucket{Label: BucketLabel(start, iv), Start: start, End: BucketEnd(start, iv)}
}

// AggregateTrend computes a trend from metric records that already match
// q's filters. Backends without aggregations use it; it also states the
// semantics every backend's aggregations must match.
func AggregateTrend(q TrendQuery, recs []MetricRecord) TrendResult {
	res := TrendResult{Key: q.Key, Interval: q.Interval, SplitBy: q.SplitBy, Units: []string{}, Series: []TrendSeries{}}
	type acc = trendAcc
	groups := map[string]map[int64]*acc{}
	units := map[string]bool{}
	for _, r := range recs {
		if r.Unit != "" {
			units[r.Unit] = true
		}
		if r.PublishedAt == nil {
			res.Undated++
			continue
		}
		for _, g := range recordGroups(q.SplitBy, r) {
			if groups[g] == nil {
				groups[g] = map[int64]*acc{}
			}
			start := BucketStart(*r.PublishedAt, q.Interval)
			a := groups[g][start.Unix()]
			if a == nil {
				a = &acc{b: NewBucket(start, q.Interval)}
				a.b.Min, a.b.Max = math.Inf(1), math.Inf(-1)
				groups[g][start.Unix()] = a
			}
			if g != "" && slices.Contains(r.PartialUnits, g) {
				a.b.PartialCount++
			}
			a.add(r)
		}
	}
	for u := range units {
		res.Units = append(res.Units, u)
	}
	slices.Sort(res.Units)
	for g, bs := range groups {
		s := TrendSeries{Group: g}
		for _, a := range bs {
			b := a.b
			b.Avg = b.Sum / float64(b.Count)
			b.LatestAt = b.LatestAt.In(vietnamese.TimeZone)
			if b.TargetCount > 0 {
				b.TargetSum = &a.tsum
			}
			if b.PlanPercentCount > 0 {
				v := a.pps / float64(b.PlanPercentCount)
				b.PlanPercent = &v
			}
			s.Buckets = append(s.Buckets, b)
		}
		slices.SortFunc(s.Buckets, func(x, y Bucket) int { return x.Start.Compare(y.Start) })
		res.Series = append(res.Series, s)
	}
	slices.SortFunc(res.Series, func(x, y TrendSeries) int { return cmp.Compare(x.Group, y.Group) })
	FinishUnitSeries(&res)
	return res
}

// trendAcc accumulates one bucket.
type trendAcc struct {
	b         Bucket
	latestID  string
	tsum, pps float64
}

func (a *trendAcc) add(r MetricRecord) {
	b := &a.b
	b.Count++
	b.Sum += r.Value
	b.Min = math.Min(b.Min, r.Value)
	b.Max = math.Max(b.Max, r.Value)
	if p := *r.PublishedAt; b.LatestAt.IsZero() || p.After(b.LatestAt) || (p.Equal(b.LatestAt) && r.ID > a.latestID) {
		b.Latest, b.LatestAt, b.LatestArticle, a.latestID = r.Value, p, r.ArticleID, r.ID
	}
	if r.Target != nil {
		b.TargetCount++
		a.tsum += *r.Target
	}
	if r.PlanPercent != nil {
		b.PlanPercentCount++
		a.pps += *r.PlanPercent
	}
}

// recordGroups returns the groups a figure is counted in under split.
func recordGroups(split SplitBy, r MetricRecord) []string {
	switch split {
	case SplitDistrict:
		return []string{r.District}
	case SplitProvince:
		return []string{r.Province}
	case SplitNone:
		return []string{""}
	}
	var out []string
	prefix := split.UnitPrefix()
	for _, c := range r.UnitCodes {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// MetricQuery lists metric documents: every filter is optional and exact
// (From and To bound PublishedAt inclusively). Results come oldest first
// (undated last), then by ID.
type MetricQuery struct {
	Key       string
	ArticleID string
	District  string
	Province  string
	Unit      string // a unit code the figure's article carries
	From, To  time.Time
	Size      int    // default 10, at most MaxSize
	Offset    int    // Offset+Size at most MaxWindow
	After     string // a MetricResult.Next cursor
}

// Check validates q and returns the page size to use.
func (q *MetricQuery) Check() (int, error) {
	size, err := pageSize(q.Size, q.Offset)
	if err != nil {
		return 0, err
	}
	if q.After != "" {
		if q.Offset != 0 {
			return 0, fmt.Errorf("%w: give either a cursor or an offset, not both", ErrBadQuery)
		}
		if q.Offset, err = DecodeOffsetCursor(q.After, metricCursorKey(*q)); err != nil {
			return 0, err
		}
	}
	if err := checkUnit(&q.Unit); err != nil {
		return 0, err
	}
	if q.Offset+size > MaxWindow {
		return 0, fmt.Errorf("%w: offset %d is beyond the first %d metrics; narrow the query", ErrBadQuery, q.Offset, MaxWindow)
	}
	return size, checkRange(q.From, q.To)
}

// NextMetricCursor is the cursor of the page after one that started at
// offset and held n records of total.
func NextMetricCursor(q MetricQuery, offset, n, total int) string {
	if n == 0 || offset+n >= total || offset+n >= MaxWindow {
		return ""
	}
	return EncodeOffsetCursor(metricCursorKey(q), offset+n)
}

func metricCursorKey(q MetricQuery) string {
	return strings.Join([]string{"metrics", q.Key, q.ArticleID, q.District, q.Province, strings.TrimSpace(q.Unit),
		q.From.UTC().String(), q.To.UTC().String()}, "\x00")
}

// MetricResult is a page of metric documents.
type MetricResult struct {
	Total   int            `json:"total"`
	Metrics []MetricRecord `json:"metrics"`
	Next    string         `json:"next,omitempty"`
}

// SortFacet orders one facet's counts (count descending then value; years
// ascending) and keeps the first FacetSize.
func SortFacet(name string, fc []FacetCount) []FacetCount {
	if name == FacetYear {
		slices.SortFunc(fc, func(a, b FacetCount) int { return cmp.Compare(a.Value, b.Value) })
	} else {
		slices.SortFunc(fc, func(a, b FacetCount) int {
			if c := cmp.Compare(b.Count, a.Count); c != 0 {
				return c
			}
			return cmp.Compare(a.Value, b.Value)
		})
	}
	if len(fc) > FacetSize {
		fc = fc[:FacetSize]
	}
	if fc == nil {
		fc = []FacetCount{}
	}
	return fc
}

// CheckFacets validates facet names.
func CheckFacets(names []string) error {
	for _, n := range names {
		if !slices.Contains(FacetNames, n) {
			return fmt.Errorf("%w: unknown facet %q (known: %s)", ErrBadQuery, n, strings.Join(FacetNames, ", "))
		}
	}
	return nil
}

// PublishedYear is the FacetYear value of an article.
func PublishedYear(t *time.Time) string {
	if t == nil {
		return ""
	}
	return strconv.Itoa(t.In(vietnamese.TimeZone).Year())
}
