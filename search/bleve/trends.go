package bleve

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// Bleve has no nested aggregations: Trend reads the matching metric
// documents and computes the buckets in Go (search.AggregateTrend), Catalog
// uses term facets per key.

// metricQuery is the query for metric documents with these filters.
func metricQuery(key, articleID, district, province, unit string, from, to time.Time) (query.Query, error) {
	fs := []query.Query{term(fKind, kindMetric, 1)}
	if key != "" {
		fs = append(fs, term(fKey, key, 1))
	}
	if articleID != "" {
		fs = append(fs, term(fArticleID, articleID, 1))
	}
	fs = append(fs, keywordFilters(map[string]string{fDistrict: district, fProvince: province})...)
	if unit != "" {
		fs = append(fs, term(fUnitCodes, unit, 1)) // unit codes are exact: no normalisation
	}
	dq, err := dateFilter(from, to)
	if err != nil {
		return nil, err
	}
	if dq != nil {
		fs = append(fs, dq)
	}
	return query.NewConjunctionQuery(fs), nil
}

func (s *Store) searchLocked(ctx context.Context, req *blevesearch.SearchRequest) (*blevesearch.SearchResult, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, errClosed
	}
	return s.idx.SearchInContext(ctx, req)
}

func metricSort() bsearch.SortOrder {
	return bsearch.SortOrder{
		&bsearch.SortField{Field: fPublished, Type: bsearch.SortFieldAsDate, Missing: bsearch.SortFieldMissingLast},
		&bsearch.SortDocID{},
	}
}

func decodeMetrics(hits bsearch.DocumentMatchCollection) ([]search.MetricRecord, error) {
	out := make([]search.MetricRecord, 0, len(hits))
	for _, h := range hits {
		raw, ok := h.Fields[fMetric].(string)
		if !ok {
			return nil, fmt.Errorf("metric %s has no stored record", h.ID)
		}
		var r search.MetricRecord
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			return nil, fmt.Errorf("decode metric %s: %w", h.ID, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Metrics lists metric documents; see search.MetricQuery.
func (s *Store) Metrics(ctx context.Context, q search.MetricQuery) (search.MetricResult, error) {
	orig := q
	size, err := q.Check()
	if err != nil {
		return search.MetricResult{}, err
	}
	mq, err := metricQuery(q.Key, q.ArticleID, q.District, q.Province, q.Unit, q.From, q.To)
	if err != nil {
		return search.MetricResult{}, err
	}
	req := blevesearch.NewSearchRequestOptions(mq, size, q.Offset, false)
	req.Fields = []string{fMetric}
	req.SortByCustom(metricSort())
	res, err := s.searchLocked(ctx, req)
	if err != nil {
		return search.MetricResult{}, fmt.Errorf("metrics: %w", err)
	}
	recs, err := decodeMetrics(res.Hits)
	if err != nil {
		return search.MetricResult{}, fmt.Errorf("metrics: %w", err)
	}
	return search.MetricResult{Total: int(res.Total), Metrics: recs,
		Next: search.NextMetricCursor(orig, q.Offset, len(recs), int(res.Total))}, nil
}

// Trend computes a key's series; see search.Trends.
func (s *Store) Trend(ctx context.Context, q search.TrendQuery) (search.TrendResult, error) {
	if err := q.Check(); err != nil {
		return search.TrendResult{}, err
	}
	// From and To bound the periods, which AggregateTrend places.
	mq, err := metricQuery(q.Key, "", q.District, q.Province, q.Unit, time.Time{}, time.Time{})
	if err != nil {
		return search.TrendResult{}, err
	}
	var all []search.MetricRecord
	err = eachPage(ctx, s.searchLocked, mq, 5000, []string{fMetric}, func(hits bsearch.DocumentMatchCollection) error {
		recs, err := decodeMetrics(hits)
		all = append(all, recs...)
		return err
	})
	if err != nil {
		return search.TrendResult{}, fmt.Errorf("trend %s: %w", q.Key, err)
	}
	return search.AggregateTrend(q, all), nil
}

// Catalog lists every metric key; see search.Trends.
func (s *Store) Catalog(ctx context.Context) ([]search.CatalogEntry, error) {
	req := blevesearch.NewSearchRequestOptions(term(fKind, kindMetric, 1), 0, 0, false)
	req.AddFacet("keys", blevesearch.NewFacetRequest(fKey, 100000))
	res, err := s.searchLocked(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	out := []search.CatalogEntry{}
	if fr := res.Facets["keys"]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			e, err := s.catalogEntry(ctx, t.Term)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b search.CatalogEntry) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}

func (s *Store) catalogEntry(ctx context.Context, key string) (search.CatalogEntry, error) {
	mq, _ := metricQuery(key, "", "", "", "", time.Time{}, time.Time{})
	e := search.CatalogEntry{Key: key}
	for _, desc := range []bool{false, true} {
		req := blevesearch.NewSearchRequestOptions(mq, 1, 0, false)
		req.Fields = []string{fMetric}
		req.SortByCustom(bsearch.SortOrder{
			&bsearch.SortField{Field: fPublished, Type: bsearch.SortFieldAsDate, Desc: desc, Missing: bsearch.SortFieldMissingLast},
			&bsearch.SortDocID{},
		})
		if !desc {
			req.AddFacet("unit", blevesearch.NewFacetRequest(fUnit, 1000))
			req.AddFacet("district", blevesearch.NewFacetRequest(fDistrict, 10000))
			req.AddFacet("province", blevesearch.NewFacetRequest(fProvince, 1000))
		}
		res, err := s.searchLocked(ctx, req)
		if err != nil {
			return e, fmt.Errorf("catalog %s: %w", key, err)
		}
		recs, err := decodeMetrics(res.Hits)
		if err != nil {
			return e, fmt.Errorf("catalog %s: %w", key, err)
		}
		var at *time.Time
		if len(recs) > 0 && recs[0].PublishedAt != nil {
			t := recs[0].PublishedAt.In(vietnamese.TimeZone)
			at = &t
		}
		if len(recs) > 0 && e.Measure == "" {
			e.Measure = recs[0].Measure // a key has one measure (the taxonomy's)
		}
		if desc {
			e.Last = at
			continue
		}
		e.First = at
		e.Count = int(res.Total)
		e.Units = facetTerms(res, "unit")
		e.Districts = facetTerms(res, "district")
		e.Provinces = facetTerms(res, "province")
	}
	return e, nil
}

func facetTerms(res *blevesearch.SearchResult, name string) []string {
	out := []string{}
	if fr := res.Facets[name]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			out = append(out, t.Term)
		}
	}
	slices.Sort(out)
	return out
}
