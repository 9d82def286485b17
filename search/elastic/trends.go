package elastic

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// The metric side runs on the metrics alias with core aggregations only:
// terms, date_histogram (calendar intervals in Asia/Ho_Chi_Minh), stats,
// min/max, missing and top_hits.

// metricFilter is the bool filter of metric documents with these filters.
func metricFilter(key, articleID, district, province, unit string, from, to time.Time) map[string]any {
	var filter []any
	for _, f := range []struct{ field, value string }{
		{"key", key}, {"article_id", articleID}, {"unit_codes", unit},
		{"district", vietnamese.Normalize(district)}, {"province", vietnamese.Normalize(province)},
	} {
		if f.value != "" {
			filter = append(filter, term(f.field, f.value, 0))
		}
	}
	if !from.IsZero() || !to.IsZero() {
		r := map[string]any{}
		if !from.IsZero() {
			r["gte"] = esTime(from)
		}
		if !to.IsZero() {
			r["lte"] = esTime(to)
		}
		filter = append(filter, map[string]any{"range": map[string]any{"published_at": r}})
	}
	if len(filter) == 0 {
		return map[string]any{"match_all": map[string]any{}}
	}
	return map[string]any{"bool": map[string]any{"filter": filter}}
}

// Metrics lists metric documents; see search.MetricQuery.
func (s *Store) Metrics(ctx context.Context, q search.MetricQuery) (search.MetricResult, error) {
	orig := q
	size, err := q.Check()
	if err != nil {
		return search.MetricResult{}, err
	}
	body := map[string]any{
		"query": metricFilter(q.Key, q.ArticleID, q.District, q.Province, q.Unit, q.From, q.To),
		"sort": []any{
			map[string]any{"published_at": map[string]any{"order": "asc", "missing": "_last"}},
			map[string]any{"id": "asc"},
		},
		"from": q.Offset, "size": size, "track_total_hits": true,
	}
	var res struct {
		Hits struct {
			Total struct {
				Value int `json:"value"`
			} `json:"total"`
			Hits []struct {
				Source search.MetricRecord `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.metricsAlias+"/_search", nil, body, &res); err != nil {
		return search.MetricResult{}, fmt.Errorf("elastic: metrics: %w", err)
	}
	out := search.MetricResult{Total: res.Hits.Total.Value, Metrics: make([]search.MetricRecord, 0, len(res.Hits.Hits))}
	for _, h := range res.Hits.Hits {
		out.Metrics = append(out.Metrics, h.Source)
	}
	out.Next = search.NextMetricCursor(orig, q.Offset, len(out.Metrics), out.Total)
	return out, nil
}

type statsAgg struct {
	Count int      `json:"count"`
	Min   *float64 `json:"min"`
	Max   *float64 `json:"max"`
	Avg   *float64 `json:"avg"`
	Sum   float64  `json:"sum"`
}

type histAgg struct {
	Buckets []struct {
		Key         int64    `json:"key"`
		DocCount    int      `json:"doc_count"`
		Value       statsAgg `json:"value"`
		Target      statsAgg `json:"target"`
		PlanPercent statsAgg `json:"plan_percent"`
		Partial     struct {
			Buckets []struct {
				Key      string `json:"key"`
				DocCount int    `json:"doc_count"`
			} `json:"buckets"`
		} `json:"partial"`
		Latest struct {
			Hits struct {
				Hits []struct {
					Source struct {
						Value       float64   `json:"value"`
						ArticleID   string    `json:"article_id"`
						PublishedAt time.Time `json:"published_at"`
					} `json:"_source"`
				} `json:"hits"`
			} `json:"hits"`
		} `json:"latest"`
	} `json:"buckets"`
}

// Trend computes a key's series with aggregations; see search.Trends.
func (s *Store) Trend(ctx context.Context, q search.TrendQuery) (search.TrendResult, error) {
	if err := q.Check(); err != nil {
		return search.TrendResult{}, err
	}
	hist := map[string]any{
		"date_histogram": map[string]any{
			"field": "published_at", "calendar_interval": string(q.Interval), "time_zone": timeZone, "min_doc_count": 1,
		},
		"aggs": map[string]any{
			"value":        map[string]any{"stats": map[string]any{"field": "value"}},
			"target":       map[string]any{"stats": map[string]any{"field": "target"}},
			"plan_percent": map[string]any{"stats": map[string]any{"field": "plan_percent"}},
			"latest": map[string]any{"top_hits": map[string]any{
				"size": 1,
				"sort": []any{
					map[string]any{"published_at": map[string]any{"order": "desc"}},
					map[string]any{"id": map[string]any{"order": "desc"}},
				},
				"_source": []string{"value", "article_id", "published_at"},
			}},
		},
	}
	aggs := map[string]any{
		"units":   map[string]any{"terms": map[string]any{"field": "unit", "size": 1000}},
		"undated": map[string]any{"missing": map[string]any{"field": "published_at"}},
	}
	if prefix := q.SplitBy.UnitPrefix(); prefix != "" {
		// A figure counts under every code of the level its article
		// carries; figures without one make the "" group.
		include := regexp.QuoteMeta(prefix) + ".*"
		unitHist := maps.Clone(hist)
		subs := maps.Clone(hist["aggs"].(map[string]any))
		subs["partial"] = map[string]any{"terms": map[string]any{"field": "partial_units", "include": include, "size": 10000}}
		unitHist["aggs"] = subs
		aggs["groups"] = map[string]any{
			"terms": map[string]any{"field": "unit_codes", "include": include, "size": 10000},
			"aggs":  map[string]any{"hist": unitHist},
		}
		aggs["nogroup"] = map[string]any{
			"filter": map[string]any{"bool": map[string]any{"must_not": []any{
				map[string]any{"prefix": map[string]any{"unit_codes": prefix}},
			}}},
			"aggs": map[string]any{"hist": hist},
		}
	} else if q.SplitBy != search.SplitNone {
		aggs["groups"] = map[string]any{
			"terms": map[string]any{"field": string(q.SplitBy), "size": 10000, "missing": ""},
			"aggs":  map[string]any{"hist": hist},
		}
	} else {
		aggs["hist"] = hist
	}
	body := map[string]any{
		"size": 0, "track_total_hits": false,
		"query": metricFilter(q.Key, "", q.District, q.Province, q.Unit, q.From, q.To),
		"aggs":  aggs,
	}
	var res struct {
		Aggregations struct {
			Units struct {
				Buckets []struct {
					Key string `json:"key"`
				} `json:"buckets"`
			} `json:"units"`
			Undated struct {
				DocCount int `json:"doc_count"`
			} `json:"undated"`
			Hist    histAgg `json:"hist"`
			NoGroup struct {
				Hist histAgg `json:"hist"`
			} `json:"nogroup"`
			Groups struct {
				Buckets []struct {
					Key  string  `json:"key"`
					Hist histAgg `json:"hist"`
				} `json:"buckets"`
			} `json:"groups"`
		} `json:"aggregations"`
	}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.metricsAlias+"/_search", nil, body, &res); err != nil {
		return search.TrendResult{}, fmt.Errorf("elastic: trend %s: %w", q.Key, err)
	}
	out := search.TrendResult{Key: q.Key, Interval: q.Interval, SplitBy: q.SplitBy, Units: []string{},
		Series: []search.TrendSeries{}, Undated: res.Aggregations.Undated.DocCount}
	for _, b := range res.Aggregations.Units.Buckets {
		out.Units = append(out.Units, b.Key)
	}
	slices.Sort(out.Units)
	if q.SplitBy == search.SplitNone {
		if s := series("", res.Aggregations.Hist, q.Interval); len(s.Buckets) > 0 {
			out.Series = append(out.Series, s)
		}
	} else {
		for _, g := range res.Aggregations.Groups.Buckets {
			if s := series(g.Key, g.Hist, q.Interval); len(s.Buckets) > 0 {
				out.Series = append(out.Series, s)
			}
		}
		if q.SplitBy.UnitPrefix() != "" {
			if s := series("", res.Aggregations.NoGroup.Hist, q.Interval); len(s.Buckets) > 0 {
				out.Series = append(out.Series, s)
			}
		}
		slices.SortFunc(out.Series, func(a, b search.TrendSeries) int { return cmp.Compare(a.Group, b.Group) })
	}
	search.FinishUnitSeries(&out)
	return out, nil
}

func series(group string, h histAgg, iv search.Interval) search.TrendSeries {
	ts := search.TrendSeries{Group: group}
	for _, hb := range h.Buckets {
		if hb.DocCount == 0 || hb.Value.Count == 0 {
			continue
		}
		b := search.NewBucket(time.UnixMilli(hb.Key), iv)
		b.Count = hb.Value.Count
		b.Sum = hb.Value.Sum
		b.Min, b.Max, b.Avg = deref(hb.Value.Min), deref(hb.Value.Max), deref(hb.Value.Avg)
		if hits := hb.Latest.Hits.Hits; len(hits) > 0 {
			b.Latest = hits[0].Source.Value
			b.LatestAt = hits[0].Source.PublishedAt.In(vietnamese.TimeZone)
			b.LatestArticle = hits[0].Source.ArticleID
		}
		if hb.Target.Count > 0 {
			v := hb.Target.Sum
			b.TargetSum, b.TargetCount = &v, hb.Target.Count
		}
		if hb.PlanPercent.Count > 0 {
			v := deref(hb.PlanPercent.Avg)
			b.PlanPercent, b.PlanPercentCount = &v, hb.PlanPercent.Count
		}
		for _, p := range hb.Partial.Buckets {
			if p.Key == group {
				b.PartialCount = p.DocCount
			}
		}
		ts.Buckets = append(ts.Buckets, b)
	}
	return ts
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

// Catalog lists every metric key; see search.Trends.
func (s *Store) Catalog(ctx context.Context) ([]search.CatalogEntry, error) {
	terms := func(field string) map[string]any {
		return map[string]any{"terms": map[string]any{"field": field, "size": 10000}}
	}
	body := map[string]any{
		"size": 0, "track_total_hits": false,
		"aggs": map[string]any{"keys": map[string]any{
			"terms": map[string]any{"field": "key", "size": 10000},
			"aggs": map[string]any{
				"units": terms("unit"), "districts": terms("district"), "provinces": terms("province"),
				"first": map[string]any{"min": map[string]any{"field": "published_at"}},
				"last":  map[string]any{"max": map[string]any{"field": "published_at"}},
			},
		}},
	}
	type keys struct {
		Buckets []struct {
			Key string `json:"key"`
		} `json:"buckets"`
	}
	var res struct {
		Aggregations struct {
			Keys struct {
				Buckets []struct {
					Key       string `json:"key"`
					DocCount  int    `json:"doc_count"`
					Units     keys   `json:"units"`
					Districts keys   `json:"districts"`
					Provinces keys   `json:"provinces"`
					First     struct {
						Value *float64 `json:"value"`
					} `json:"first"`
					Last struct {
						Value *float64 `json:"value"`
					} `json:"last"`
				} `json:"buckets"`
			} `json:"keys"`
		} `json:"aggregations"`
	}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.metricsAlias+"/_search", nil, body, &res); err != nil {
		return nil, fmt.Errorf("elastic: catalog: %w", err)
	}
	list := func(k keys) []string {
		out := []string{}
		for _, b := range k.Buckets {
			out = append(out, b.Key)
		}
		slices.Sort(out)
		return out
	}
	at := func(v *float64) *time.Time {
		if v == nil {
			return nil
		}
		t := time.UnixMilli(int64(*v)).In(vietnamese.TimeZone)
		return &t
	}
	out := []search.CatalogEntry{}
	for _, b := range res.Aggregations.Keys.Buckets {
		out = append(out, search.CatalogEntry{
			Key: b.Key, Count: b.DocCount, Units: list(b.Units), Districts: list(b.Districts),
			Provinces: list(b.Provinces), First: at(b.First.Value), Last: at(b.Last.Value),
		})
	}
	slices.SortFunc(out, func(a, b search.CatalogEntry) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}
