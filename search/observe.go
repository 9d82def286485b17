package search

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// This file is the semantics of a trend, the same for every backend: the
// backends read the matching metric records and call AggregateTrend.
//
// Placing a figure in a period of the interval (placement):
//   - a flow (counted over a period) is placed only by a period of exactly
//     the interval's kind: a yearly trend of new members holds full-year
//     figures, never a half-year, a term total or a cumulative figure;
//   - a stock (a level) is placed by the day of its level, the end of its
//     period, when that day falls in the last month of a period of the
//     interval ("tính đến 31/12/2019" and "cuối năm 2019" are 2019's
//     level); a stock stated for a period of the interval's own kind is
//     placed there too;
//   - a rate is placed like a flow when it is stated for a span and like a
//     stock when it is stated for a day.
// A figure placed nowhere counts in TrendResult.OtherPeriods (or Undated
// when it has no period at all).
//
// Observations: the figures of one place, key and period are one
// observation; its value is its first source by RankSources.

// dayLayout is the layout of period days.
const dayLayout = "2006-01-02"

// day parses a period day in Asia/Ho_Chi_Minh.
func day(s string) (time.Time, bool) {
	t, err := time.ParseInLocation(dayLayout, s, vietnamese.TimeZone)
	return t, err == nil
}

// intervalKind is the period kind a flow needs for an interval.
func intervalKind(iv Interval) string {
	switch iv {
	case IntervalHalf:
		return event.PeriodHalf
	case IntervalQuarter:
		return event.PeriodQuarter
	case IntervalMonth:
		return event.PeriodMonth
	case IntervalTerm:
		return event.PeriodTerm
	}
	return event.PeriodYear
}

// levelKinds are the period kinds whose end day is a stock's level day.
var levelKinds = []string{event.PeriodDate, event.PeriodYear, event.PeriodHalf, event.PeriodNineMonths,
	event.PeriodTenMonths, event.PeriodQuarter, event.PeriodMonth}

// placeFigure returns the bucket a figure of measure falls in under iv: its
// start, its label and its exclusive end; ok false when the figure's period
// does not fit the interval.
func placeFigure(r MetricRecord, measure string, iv Interval) (start time.Time, label string, end time.Time, ok bool) {
	ps, okS := day(r.PeriodStart)
	pe, okE := day(r.PeriodEnd)
	if r.PeriodKind == intervalKind(iv) {
		if iv == IntervalTerm {
			if !okS || !okE {
				return time.Time{}, "", time.Time{}, false
			}
			return ps, r.PeriodLabel, pe.AddDate(0, 0, 1), true
		}
		if okS {
			start = BucketStart(ps, iv)
			return start, BucketLabel(start, iv), BucketEnd(start, iv), true
		}
	}
	levelByDay := measure == event.MeasureStock && slices.Contains(levelKinds, r.PeriodKind) ||
		measure == event.MeasureRate && r.PeriodKind == event.PeriodDate
	if !levelByDay || !okE || iv == IntervalTerm {
		return time.Time{}, "", time.Time{}, false
	}
	start = BucketStart(pe, iv)
	end = BucketEnd(start, iv)
	if lastMonth := end.AddDate(0, -1, 0); pe.Before(lastMonth) {
		return time.Time{}, "", time.Time{}, false // a level from inside the period, not at its end
	}
	return start, BucketLabel(start, iv), end, true
}

// legacyPeriod gives a figure recorded before periods were read (schema
// 1.1) the one period it can have: the level on its publish date.
func legacyPeriod(r *MetricRecord) {
	if r.PeriodKind != "" || r.PublishedAt == nil {
		return
	}
	d := r.PublishedAt.In(vietnamese.TimeZone).Format(dayLayout)
	r.PeriodKind, r.PeriodStart, r.PeriodEnd, r.PeriodLabel, r.PeriodFound = event.PeriodDate, d, d, d, event.FoundPublished
}

// PlaceOf names who reported a figure: its district and province, else its
// unit codes, else its source.
func PlaceOf(r MetricRecord) string {
	switch {
	case r.District != "" && r.Province != "":
		return r.District + ", " + r.Province
	case r.District != "" || r.Province != "":
		return r.District + r.Province
	case len(r.UnitCodes) > 0:
		return strings.Join(r.UnitCodes, " ")
	}
	return r.SourceID
}

// RankSources orders the figures of one observation, the one a trend shows
// first:
//  1. a final figure before an estimate ("ước đạt" is corrected by the
//     report that follows);
//  2. the report about that period (the article's title names the period)
//     before a passing mention in another article;
//  3. a period stated in the text before one taken from the publish date;
//  4. for a level, the later day (the level nearest the period's end);
//  5. the later publish date (a later report corrects an earlier one);
//  6. the greater metric ID, so the order is total.
func RankSources(recs []MetricRecord) {
	slices.SortStableFunc(recs, func(a, b MetricRecord) int {
		if a.Estimate != b.Estimate {
			return boolFirst(!a.Estimate)
		}
		if a.ReportOn != b.ReportOn {
			return boolFirst(a.ReportOn)
		}
		ea, eb := a.PeriodFound != event.FoundPublished, b.PeriodFound != event.FoundPublished
		if ea != eb {
			return boolFirst(ea)
		}
		if c := cmp.Compare(b.PeriodEnd, a.PeriodEnd); c != 0 {
			return c
		}
		if c := comparePublished(b.PublishedAt, a.PublishedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
}

func boolFirst(aFirst bool) int {
	if aFirst {
		return -1
	}
	return 1
}

// comparePublished compares publish dates, nil before any date.
func comparePublished(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Compare(*b)
}

// sameValue reports whether two figures state the same value.
func sameValue(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// observe makes one observation of the figures of one place in one bucket.
// group is the unit code of a unit split, for the partial flag.
func observe(where, group string, recs []MetricRecord) Observation {
	RankSources(recs)
	first := recs[0]
	o := Observation{Place: where, Value: first.Value, Target: first.Target, PlanPercent: first.PlanPercent,
		Estimate: first.Estimate, Partial: group != "" && slices.Contains(first.PartialUnits, group)}
	var stated *float64
	for _, r := range recs {
		o.Sources = append(o.Sources, Source{
			MetricID: r.ID, ArticleID: r.ArticleID, URL: r.URL, Title: r.Title, PublishedAt: r.PublishedAt,
			Value: r.Value, Estimate: r.Estimate, Qualifier: r.Qualifier, Period: r.PeriodLabel, Found: r.PeriodFound,
			ReportOn: r.ReportOn, Snippet: r.Snippet,
		})
		if r.Estimate || r.Qualifier != "" {
			continue // an estimate or an approximate figure does not contradict the report
		}
		if stated == nil {
			stated = &r.Value
		} else if !sameValue(*stated, r.Value) {
			o.Conflict = true
		}
	}
	return o
}

// AggregateTrend computes a trend from metric records that match q's key,
// district, province and unit filters (not its dates: From and To bound
// the buckets). Every backend answers with it.
func AggregateTrend(q TrendQuery, recs []MetricRecord) TrendResult {
	res := TrendResult{Key: q.Key, Interval: q.Interval, SplitBy: q.SplitBy, Measure: trendMeasure(recs),
		Units: []string{}, Series: []TrendSeries{}, OtherPeriods: map[string]int{}}
	type bucketKey struct {
		group string
		start int64
		label string
	}
	type bucketAcc struct {
		b      Bucket
		places map[string][]MetricRecord
	}
	buckets := map[bucketKey]*bucketAcc{}
	units := map[string]bool{}
	for _, r := range recs {
		if r.Unit != "" {
			units[r.Unit] = true
		}
		legacyPeriod(&r)
		if r.PeriodKind == "" {
			res.Undated++
			continue
		}
		start, label, end, ok := placeFigure(r, res.Measure, q.Interval)
		if !ok {
			res.OtherPeriods[r.PeriodKind]++
			continue
		}
		if !q.From.IsZero() && start.Before(q.From) || !q.To.IsZero() && start.After(q.To) {
			continue
		}
		for _, g := range recordGroups(q.SplitBy, r) {
			k := bucketKey{g, start.Unix(), label}
			a := buckets[k]
			if a == nil {
				a = &bucketAcc{b: Bucket{Label: label, Start: start, End: end, Observations: []Observation{}},
					places: map[string][]MetricRecord{}}
				buckets[k] = a
			}
			p := PlaceOf(r)
			a.places[p] = append(a.places[p], r)
		}
	}
	for u := range units {
		res.Units = append(res.Units, u)
	}
	slices.Sort(res.Units)
	series := map[string]*TrendSeries{}
	for k, a := range buckets {
		b := a.b
		for p, rs := range a.places {
			b.Observations = append(b.Observations, observe(p, k.group, rs))
		}
		slices.SortFunc(b.Observations, func(x, y Observation) int { return cmp.Compare(x.Place, y.Place) })
		summarise(&b)
		s := series[k.group]
		if s == nil {
			s = &TrendSeries{Group: k.group}
			series[k.group] = s
		}
		s.Buckets = append(s.Buckets, b)
	}
	for _, s := range series {
		slices.SortFunc(s.Buckets, func(x, y Bucket) int {
			if c := x.Start.Compare(y.Start); c != 0 {
				return c
			}
			return cmp.Compare(x.Label, y.Label)
		})
		if q.Interval != IntervalTerm {
			s.Buckets = fillGaps(s.Buckets, q.Interval)
		}
		res.Series = append(res.Series, *s)
	}
	slices.SortFunc(res.Series, func(x, y TrendSeries) int { return cmp.Compare(x.Group, y.Group) })
	FinishUnitSeries(&res)
	return res
}

// summarise fills a bucket's figures from its observations.
func summarise(b *Bucket) {
	b.Count = len(b.Observations)
	var tsum, psum float64
	for i, o := range b.Observations {
		b.Mentions += len(o.Sources)
		b.Sum += o.Value
		if i == 0 || o.Value < b.Min {
			b.Min = o.Value
		}
		if i == 0 || o.Value > b.Max {
			b.Max = o.Value
		}
		if o.Target != nil {
			b.TargetCount++
			tsum += *o.Target
		}
		if o.PlanPercent != nil {
			b.PlanPercentCount++
			psum += *o.PlanPercent
		}
		b.Conflict = b.Conflict || o.Conflict
		b.Estimate = b.Estimate || o.Estimate
		if o.Partial {
			b.PartialCount++
		}
	}
	if b.Count > 0 {
		b.Avg = b.Sum / float64(b.Count)
	}
	if b.Count == 1 {
		v := b.Observations[0].Value
		b.Value = &v
	}
	if b.TargetCount > 0 {
		b.TargetSum = &tsum
	}
	if b.PlanPercentCount > 0 {
		v := psum / float64(b.PlanPercentCount)
		b.PlanPercent = &v
	}
}

// fillGaps lists every period between a series' first and last bucket,
// empty ones (no value) where nothing was reported.
func fillGaps(bs []Bucket, iv Interval) []Bucket {
	if len(bs) < 2 {
		return bs
	}
	out := make([]Bucket, 0, len(bs))
	for i, b := range bs {
		if i > 0 {
			for t := BucketEnd(out[len(out)-1].Start, iv); t.Before(b.Start); t = BucketEnd(t, iv) {
				out = append(out, NewBucket(t, iv))
			}
		}
		out = append(out, b)
	}
	return out
}

// trendMeasure is the measure most of a key's figures carry (flow when
// none does).
func trendMeasure(recs []MetricRecord) string {
	n := map[string]int{}
	for _, r := range recs {
		if r.Measure != "" {
			n[r.Measure]++
		}
	}
	best := event.MeasureFlow
	for _, m := range []string{event.MeasureFlow, event.MeasureStock, event.MeasureRate} {
		if n[m] > n[best] {
			best = m
		}
	}
	return best
}

// TrendRows is a trend as a table (CSV exports of the CLI and the API):
// one row per bucket, with its value, flags and the source articles of its
// observations (chosen figures first).
func TrendRows(res TrendResult) [][]string {
	rows := [][]string{{"key", "group", "name", "period", "start", "end", "value", "count", "mentions", "sum", "min",
		"max", "avg", "target_sum", "plan_percent", "conflict", "estimate", "partial", "source_articles", "source_urls"}}
	for _, s := range res.Series {
		for _, b := range s.Buckets {
			var ids, urls []string
			for _, o := range b.Observations {
				for _, src := range o.Sources {
					ids = append(ids, src.ArticleID)
					urls = append(urls, src.URL)
				}
			}
			rows = append(rows, []string{res.Key, s.Group, s.Name, b.Label, csvDay(b.Start), csvDay(b.End.AddDate(0, 0, -1)),
				csvNumP(b.Value), strconv.Itoa(b.Count), strconv.Itoa(b.Mentions), csvNum(b.Sum), csvNum(b.Min), csvNum(b.Max),
				csvNum(b.Avg), csvNumP(b.TargetSum), csvNumP(b.PlanPercent), strconv.FormatBool(b.Conflict),
				strconv.FormatBool(b.Estimate), strconv.FormatBool(b.Partial), strings.Join(ids, " "), strings.Join(urls, " ")})
		}
	}
	return rows
}

// ObservationRows is one row per figure behind a trend: every source of
// every observation, the chosen one first, with its article.
func ObservationRows(res TrendResult) [][]string {
	rows := [][]string{{"key", "group", "period", "place", "value", "chosen", "figure", "estimate", "conflict",
		"figure_period", "found", "article_id", "published_at", "title", "url"}}
	for _, s := range res.Series {
		for _, b := range s.Buckets {
			for _, o := range b.Observations {
				for i, src := range o.Sources {
					pub := ""
					if src.PublishedAt != nil {
						pub = src.PublishedAt.In(vietnamese.TimeZone).Format(time.RFC3339)
					}
					rows = append(rows, []string{res.Key, s.Group, b.Label, o.Place, csvNum(o.Value), strconv.FormatBool(i == 0),
						csvNum(src.Value), strconv.FormatBool(src.Estimate), strconv.FormatBool(o.Conflict), src.Period, src.Found,
						src.ArticleID, pub, src.Title, src.URL})
				}
			}
		}
	}
	return rows
}

func csvDay(t time.Time) string { return t.In(vietnamese.TimeZone).Format(time.DateOnly) }

func csvNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func csvNumP(f *float64) string {
	if f == nil {
		return ""
	}
	return csvNum(*f)
}
