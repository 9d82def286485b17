package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dra-archive/dra/event"
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
	// Period, Estimate and Measure are event.Metric's.
	Period   *event.Period `json:"period,omitempty"`
	Estimate bool          `json:"estimate,omitempty"`
	Measure  string        `json:"measure,omitempty"`
	// ReportOn is set when the figure's period is the one its article
	// reports on (event.ArticleProcessed.ReportPeriod): the report's own
	// figure, not a passing mention.
	ReportOn bool `json:"report_on,omitempty"`
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
	// Measure is the key's semantics (event.MeasureFlow, MeasureStock,
	// MeasureRate); Estimate marks a figure stated as an estimate.
	Measure  string `json:"measure,omitempty"`
	Estimate bool   `json:"estimate,omitempty"`
	// PeriodKind .. PeriodFound are the figure's event.Period: what it
	// reports on (days YYYY-MM-DD); empty when no period is known.
	PeriodKind  string `json:"period_kind,omitempty"`
	PeriodStart string `json:"period_start,omitempty"`
	PeriodEnd   string `json:"period_end,omitempty"`
	PeriodLabel string `json:"period_label,omitempty"`
	PeriodFound string `json:"period_found,omitempty"`
	// ReportOn is set when the figure is its article's own report on that
	// period (see Metric.ReportOn).
	ReportOn bool `json:"report_on,omitempty"`
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
			Measure: m.Measure, Estimate: m.Estimate, ReportOn: m.ReportOn,
		})
		if p := m.Period; p != nil {
			r := &out[len(out)-1]
			r.PeriodKind, r.PeriodStart, r.PeriodEnd, r.PeriodLabel, r.PeriodFound = p.Kind, p.Start, p.End, p.Label, p.Found
		}
	}
	return out
}

// Trends is the metric side of the store.
//
// A trend answers, for one key, each group and each period of the
// interval, the figure reported for that period (see TrendQuery and
// docs/design.md, "Trends"): figures are placed by the period they report
// on (MetricRecord.Period*), not by the article's publish date; the
// figures of one place, key and period are one Observation however many
// articles repeat them; sums and averages run over observations.
type Trends interface {
	// Catalog lists every metric key with its count, units and districts.
	Catalog(ctx context.Context) ([]CatalogEntry, error)
	// Trend is one key's series by period, optionally split by district,
	// province or unit.
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
	// Measure is what the key counts: event.MeasureFlow, MeasureStock or
	// MeasureRate (the most common among its figures).
	Measure string `json:"measure,omitempty"`
}

// Interval is a trend bucket width.
type Interval string

const (
	IntervalYear    Interval = "year"
	IntervalHalf    Interval = "half"
	IntervalQuarter Interval = "quarter"
	IntervalMonth   Interval = "month"
	IntervalTerm    Interval = "term" // multi-year totals: "nhiệm kỳ 2015-2020"
)

// Intervals lists the valid intervals, for messages and help.
var Intervals = []Interval{IntervalYear, IntervalHalf, IntervalQuarter, IntervalMonth, IntervalTerm}

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

// TrendQuery asks for one key's series. From and To bound the start of
// the periods (buckets) inclusively; District and Province are exact keywords; Unit is a unit
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
	if !slices.Contains(Intervals, q.Interval) {
		names := make([]string, len(Intervals))
		for i, n := range Intervals {
			names[i] = string(n)
		}
		return fmt.Errorf("%w: interval must be one of %s, not %q", ErrBadQuery, strings.Join(names, ", "), q.Interval)
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
	Key      string   `json:"key"`
	Interval Interval `json:"interval"`
	SplitBy  SplitBy  `json:"split_by,omitempty"`
	// Measure is the key's semantics (event.MeasureFlow, ...): a flow's
	// buckets hold figures over exactly that period; a stock's and a
	// rate's also the level on a day in the period's last month.
	Measure string        `json:"measure"`
	Units   []string      `json:"units"`
	Series  []TrendSeries `json:"series"`
	// Undated counts the matching figures with no period at all (no period
	// in the text and no publish date): they are in no bucket.
	Undated int `json:"undated"`
	// OtherPeriods counts the matching figures whose period does not fit the
	// interval, by period kind ("term": 3, "half": 12): a term total is not
	// a year's figure. Ask for them with their own interval.
	OtherPeriods map[string]int `json:"other_periods"`
}

// TrendSeries is the buckets of one group, oldest first. Between its first
// and last bucket every period of the interval is listed, with no Value
// where no figure was reported (a gap, not a zero); term buckets are listed
// only where figures are.
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

// Bucket is one period of a series: the observations of the group in it.
type Bucket struct {
	Label string    `json:"label"` // "2020", "2020-H1", "2020-Q1", "2020-03", "2015-2020"
	Start time.Time `json:"start"`
	End   time.Time `json:"end"` // exclusive
	// Value is the figure reported for the group and this period: set when
	// the bucket holds exactly one observation (one place reported), absent
	// when none was reported or several places were (then see Sum, Avg).
	Value *float64 `json:"value,omitempty"`
	// Count is the number of observations (places with a figure), Mentions
	// the number of figures behind them (repeats in several articles).
	Count    int `json:"count"`
	Mentions int `json:"mentions"`
	// Sum, Min, Max and Avg run over the observations' values; 0 when Count
	// is 0.
	Sum float64 `json:"sum"`
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	Avg float64 `json:"avg"`
	// TargetSum adds up the plan targets of the TargetCount observations
	// that state one; PlanPercent averages the PlanPercentCount stated
	// percentages of plan. Both nil when no observation states one.
	TargetSum        *float64 `json:"target_sum,omitempty"`
	TargetCount      int      `json:"target_count"`
	PlanPercent      *float64 `json:"plan_percent,omitempty"`
	PlanPercentCount int      `json:"plan_percent_count"`
	// Conflict is set when the sources of an observation disagree (figures
	// that are neither estimates nor approximate give different values);
	// Estimate when an observation's figure is an estimate no report has
	// corrected yet.
	Conflict bool `json:"conflict,omitempty"`
	Estimate bool `json:"estimate,omitempty"`
	// Partial is set when PartialCount of the observations are of old units
	// that went only in part into the group's unit: each is counted whole,
	// not divided, so the bucket is not that unit's exact figure.
	Partial      bool `json:"partial,omitempty"`
	PartialCount int  `json:"partial_count,omitempty"`
	// Observations are the bucket's observations by place.
	Observations []Observation `json:"observations"`
}

// Observation is one place's figure for one key and period, however many
// articles report it. Value is the figure chosen by the rule on
// RankSources; Sources lists every figure behind it, the chosen one first.
type Observation struct {
	// Place names who reported it: "Thanh Trì, Hà Nội", or the unit codes
	// when the articles name no district or province.
	Place       string   `json:"place"`
	Value       float64  `json:"value"`
	Target      *float64 `json:"target,omitempty"`
	PlanPercent *float64 `json:"plan_percent,omitempty"`
	Estimate    bool     `json:"estimate,omitempty"`
	Conflict    bool     `json:"conflict,omitempty"`
	Partial     bool     `json:"partial,omitempty"`
	Sources     []Source `json:"sources"`
}

// Source is one figure behind an observation, with the article it is in.
type Source struct {
	MetricID    string     `json:"metric_id"`
	ArticleID   string     `json:"article_id"`
	URL         string     `json:"url"`
	Title       string     `json:"title,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Value       float64    `json:"value"`
	Estimate    bool       `json:"estimate,omitempty"`
	Qualifier   string     `json:"qualifier,omitempty"`
	// Period is the figure's own period label (a stock's may be a day in
	// the bucket); Found says where it was read (event.FoundSentence, ...).
	Period   string `json:"period"`
	Found    string `json:"found"`
	ReportOn bool   `json:"report_on,omitempty"`
	Snippet  string `json:"snippet,omitempty"`
}

// BucketStart returns the start of t's bucket in Asia/Ho_Chi_Minh (year,
// half, quarter or month; a term has no start of its own).
func BucketStart(t time.Time, iv Interval) time.Time {
	t = t.In(vietnamese.TimeZone)
	switch iv {
	case IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, vietnamese.TimeZone)
	case IntervalQuarter:
		return time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, vietnamese.TimeZone)
	case IntervalHalf:
		return time.Date(t.Year(), (t.Month()-1)/6*6+1, 1, 0, 0, 0, 0, vietnamese.TimeZone)
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
	case IntervalHalf:
		return start.AddDate(0, 6, 0)
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
	case IntervalHalf:
		return fmt.Sprintf("%d-H%d", start.Year(), (int(start.Month())-1)/6+1)
	}
	return strconv.Itoa(start.Year())
}

// NewBucket returns an empty bucket starting at start.
func NewBucket(start time.Time, iv Interval) Bucket {
	start = start.In(vietnamese.TimeZone)
	return Bucket{Label: BucketLabel(start, iv), Start: start, End: BucketEnd(start, iv), Observations: []Observation{}}
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
