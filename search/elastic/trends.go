package elastic

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// The metric side runs on the metrics alias with core aggregations only
// (terms, min/max); trends are aggregated in Go (see Trend).

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

// Trend computes a key's series; see search.Trends. The matching metric
// documents are read in pages (search_after on the id) and aggregated in Go
// by search.AggregateTrend: choosing one figure per place and period by the
// ranking rule is not something core aggregations can do, and one
// implementation keeps both backends' answers the same.
func (s *Store) Trend(ctx context.Context, q search.TrendQuery) (search.TrendResult, error) {
	if err := q.Check(); err != nil {
		return search.TrendResult{}, err
	}
	query := metricFilter(q.Key, "", q.District, q.Province, q.Unit, time.Time{}, time.Time{})
	var all []search.MetricRecord
	var after []any
	const page = 5000
	for {
		body := map[string]any{
			"query": query, "size": page, "track_total_hits": false,
			"sort": []any{map[string]any{"id": "asc"}},
		}
		if after != nil {
			body["search_after"] = after
		}
		var res struct {
			Hits struct {
				Hits []struct {
					Source search.MetricRecord `json:"_source"`
					Sort   []any               `json:"sort"`
				} `json:"hits"`
			} `json:"hits"`
		}
		if _, err := s.do(ctx, http.MethodPost, "/"+s.metricsAlias+"/_search", nil, body, &res); err != nil {
			return search.TrendResult{}, fmt.Errorf("elastic: trend %s: %w", q.Key, err)
		}
		for _, h := range res.Hits.Hits {
			all = append(all, h.Source)
		}
		if len(res.Hits.Hits) < page {
			return search.AggregateTrend(q, all), nil
		}
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
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
				"measures": map[string]any{"terms": map[string]any{"field": "measure", "size": 1}},
				"first":    map[string]any{"min": map[string]any{"field": "published_at"}},
				"last":     map[string]any{"max": map[string]any{"field": "published_at"}},
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
					Measures  keys   `json:"measures"`
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
		measure := ""
		if len(b.Measures.Buckets) > 0 {
			measure = b.Measures.Buckets[0].Key
		}
		out = append(out, search.CatalogEntry{Measure: measure,
			Key: b.Key, Count: b.DocCount, Units: list(b.Units), Districts: list(b.Districts),
			Provinces: list(b.Provinces), First: at(b.First.Value), Last: at(b.Last.Value),
		})
	}
	slices.SortFunc(out, func(a, b search.CatalogEntry) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}
