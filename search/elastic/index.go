package elastic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// mappingVersion is the version of the index layout below. Change it with
// every mapping or analysis change that existing indices cannot take: a new
// version means a new index (<alias>-v<N>), filled from DRA's own records.
const mappingVersion = 4 // 2: place_folded; 3: names views, authors_folded, filter keys; 4: body stored once (record_body), trimmed

// ErrMappingVersion is returned by Open when the alias leads to an index
// written with another mapping version than this build's.
var ErrMappingVersion = errors.New("index mapping version mismatch")

// metaVersionKey is the _meta key that records the mapping version.
const metaVersionKey = "dra_mapping_version"

func versionedIndex(alias string, v int) string { return alias + "-v" + strconv.Itoa(v) }

// Field names of the indexed document.
const (
	fieldID              = "id"
	fieldSourceID        = "source_id"
	fieldDistrict        = "district"
	fieldProvince        = "province"
	fieldCategory        = "category"
	fieldAuthors         = "authors"
	fieldDocuments       = "documents"
	fieldDocumentsFolded = "documents_folded"
	fieldPublishedAt     = "published_at"
	fieldTitleExact      = "title_exact"
	fieldTitleFolded     = "title_folded"
	fieldBodyExact       = "body_exact"
	fieldBodyFolded      = "body_folded"
	fieldPlaceFolded     = "place_folded"   // district and province, folded: query words naming the article's place rank it up
	fieldNamesExact      = "names_exact"    // search.NamesText: byline, authors, places, codes, exact view
	fieldNamesFolded     = "names_folded"   // and folded
	fieldAuthorsFolded   = "authors_folded" // the authors, folded, for author:
	fieldDistrictKey     = "district_key"   // search.FilterKey(district): the forgiving filters
	fieldProvinceKey     = "province_key"
	fieldCategoryKey     = "category_key"
	fieldAuthorsKey      = "authors_key"
	subShingles          = "shingles" // multi-field of the folded views
	fieldArticle         = "article"
	fieldRecordBody      = "record_body" // the article's Record is stored without its body, which is the article's
	fieldTrimmed         = "trimmed"     // the body was cut to fit (search.Article.Trimmed)
)

// Analysis uses only what the Elasticsearch server core has: the standard
// tokenizer and the lowercase and shingle filters. Everything
// Vietnamese-specific (normalisation, folding) was done in Go.
func indexSettings(shards, replicas int, refreshInterval string) map[string]any {
	m := map[string]any{
		"number_of_shards":   shards,
		"number_of_replicas": replicas,
		"analysis": map[string]any{
			"analyzer": map[string]any{
				"dra_text": map[string]any{
					"type": "custom", "tokenizer": "standard", "filter": []string{"lowercase"},
				},
				"dra_shingles": map[string]any{
					"type": "custom", "tokenizer": "standard", "filter": []string{"lowercase", "dra_shingle"},
				},
			},
			"filter": map[string]any{
				"dra_shingle": map[string]any{
					"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3,
					"output_unigrams": false,
				},
			},
			"normalizer": map[string]any{
				"dra_lowercase": map[string]any{"type": "custom", "filter": []string{"lowercase"}},
			},
		},
	}
	if refreshInterval != "" {
		m["refresh_interval"] = refreshInterval
	}
	return m
}

// metricsMappingVersion is the version of the metrics index layout.
const metricsMappingVersion = 2 // 2: period, measure, estimate, report_on

// metricsMappings maps the metric documents: search.MetricRecord as it is.
func metricsMappings() map[string]any {
	keyword := map[string]any{"type": "keyword", "ignore_above": 1024}
	stored := map[string]any{"type": "text", "index": false}
	return map[string]any{
		"dynamic": "strict",
		"_meta":   map[string]any{metaVersionKey: metricsMappingVersion},
		"properties": map[string]any{
			"id": keyword, "article_id": keyword, "version": map[string]any{"type": "long"},
			"key": keyword, "kind": keyword, "unit": keyword, "qualifier": keyword,
			"value": map[string]any{"type": "double"}, "target": map[string]any{"type": "double"},
			"plan_percent": map[string]any{"type": "double"},
			"source_id":    keyword, "district": keyword, "province": keyword,
			"unit_codes": keyword, "partial_units": keyword,
			"published_at": map[string]any{"type": "date"},
			"title":        stored, "url": stored, "snippet": stored,
			"measure": keyword, "estimate": map[string]any{"type": "boolean"},
			"report_on": map[string]any{"type": "boolean"}, "period_kind": keyword, "period_label": keyword,
			"period_found": keyword, "period_start": keyword, "period_end": keyword,
		},
	}
}

func indexMappings() map[string]any {
	keyword := map[string]any{"type": "keyword", "ignore_above": 1024}
	text := map[string]any{"type": "text", "analyzer": "dra_text"}
	textWithShingles := map[string]any{
		"type": "text", "analyzer": "dra_text",
		"fields": map[string]any{
			subShingles: map[string]any{"type": "text", "analyzer": "dra_shingles"},
		},
	}
	return map[string]any{
		"dynamic": "strict",
		"_meta":   map[string]any{metaVersionKey: mappingVersion},
		// The views are indexed but not kept: _source holds the article as
		// upserted, with its body once (see storeArticle), and the views can
		// always be rebuilt from it.
		"_source": map[string]any{"excludes": []string{fieldTitleExact, fieldTitleFolded, fieldBodyExact, fieldBodyFolded, fieldPlaceFolded,
			fieldNamesExact, fieldNamesFolded, fieldAuthorsFolded, fieldDistrictKey, fieldProvinceKey, fieldCategoryKey, fieldAuthorsKey}},
		"properties": map[string]any{
			fieldID:       map[string]any{"type": "keyword"},
			fieldSourceID: keyword,
			fieldDistrict: keyword,
			fieldProvince: keyword,
			fieldCategory: keyword,
			fieldAuthors:  keyword,
			fieldDocuments: map[string]any{
				"type": "keyword", "ignore_above": 1024,
			},
			fieldDocumentsFolded: map[string]any{
				"type": "keyword", "ignore_above": 1024, "normalizer": "dra_lowercase",
			},
			fieldPublishedAt:   map[string]any{"type": "date"},
			fieldTitleExact:    text,
			fieldTitleFolded:   textWithShingles,
			fieldBodyExact:     text,
			fieldBodyFolded:    textWithShingles,
			fieldPlaceFolded:   text,
			fieldNamesExact:    text,
			fieldNamesFolded:   text,
			fieldAuthorsFolded: text,
			fieldDistrictKey:   keyword,
			fieldProvinceKey:   keyword,
			fieldCategoryKey:   keyword,
			fieldAuthorsKey:    keyword,
			fieldArticle:       map[string]any{"type": "object", "enabled": false},
			fieldRecordBody:    map[string]any{"type": "boolean", "index": false, "doc_values": false},
			fieldTrimmed:       map[string]any{"type": "boolean"},
		},
	}
}

// family is one kind of document: an alias, the versioned index behind it
// and the template that makes it.
type family struct {
	alias, index string
	version      int
	mappings     func() map[string]any
}

func (s *Store) families() []family {
	return []family{
		{s.alias, s.index, mappingVersion, indexMappings},
		{s.metricsAlias, s.metricsIndex, metricsMappingVersion, metricsMappings},
	}
}

// setup makes sure both families exist: articles and metrics.
func (s *Store) setup(ctx context.Context) error {
	for _, f := range s.families() {
		if err := s.setupFamily(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// putTemplate writes the index template of f.
func (s *Store) putTemplate(ctx context.Context, f family) error {
	template := map[string]any{
		"index_patterns": []string{f.alias + "-v*"},
		"priority":       200,
		"template": map[string]any{
			"settings": indexSettings(s.cfg.Shards, s.cfg.Replicas, s.cfg.RefreshInterval),
			"mappings": f.mappings(),
		},
		"_meta": map[string]any{"managed_by": "dra", metaVersionKey: f.version},
	}
	if _, err := s.do(ctx, http.MethodPut, "/_index_template/"+f.alias, nil, template, nil); err != nil {
		return fmt.Errorf("elastic: put index template %s: %w", f.alias, err)
	}
	return nil
}

// setupFamily checks what the alias leads to, then makes sure the template,
// the versioned index and the alias exist.
func (s *Store) setupFamily(ctx context.Context, f family) error {
	versions, err := s.mappingVersions(ctx, f.alias)
	if err != nil {
		return fmt.Errorf("elastic: open %s: %w", f.alias, err)
	}
	for idx, v := range versions {
		if idx == f.alias {
			return fmt.Errorf("elastic: open: %s is an index, not an alias: DRA reads and writes through an alias to %s; "+
				"move its data into %s (dra reindex) or delete it if it can be rebuilt", f.alias, f.index, f.index)
		}
		if err := checkVersion(f, idx, v); err != nil {
			return err
		}
	}
	if err := s.putTemplate(ctx, f); err != nil {
		return err
	}
	create := map[string]any{"aliases": map[string]any{f.alias: map[string]any{"is_write_index": true}}}
	_, err = s.do(ctx, http.MethodPut, "/"+f.index, nil, create, nil)
	var ae *apiError
	switch {
	case err == nil:
		s.log.Info("created index", "index", f.index, "alias", f.alias, "mapping_version", f.version)
	case errors.As(err, &ae) && ae.Type == "resource_already_exists_exception":
		if s.cfg.UpdateSettings {
			if err := s.updateSettings(ctx, f.index); err != nil {
				return err
			}
		}
		// Created earlier, or concurrently by another process. It may have
		// lost its alias or come from another build: check it, then alias it.
		v, err := s.mappingVersions(ctx, f.index)
		if err != nil {
			return fmt.Errorf("elastic: open %s: %w", f.index, err)
		}
		if err := checkVersion(f, f.index, v[f.index]); err != nil {
			return err
		}
		actions := map[string]any{"actions": []any{
			map[string]any{"add": map[string]any{"index": f.index, "alias": f.alias, "is_write_index": true}},
		}}
		if _, err := s.do(ctx, http.MethodPost, "/_aliases", nil, actions, nil); err != nil {
			return fmt.Errorf("elastic: alias %s to %s: %w", f.alias, f.index, err)
		}
	default:
		return fmt.Errorf("elastic: create index %s: %w", f.index, err)
	}
	return nil
}

func checkVersion(f family, index string, v int) error {
	if v == f.version {
		return nil
	}
	return fmt.Errorf("elastic: open %s: index %s has mapping version %d, this build uses version %d: %w; "+
		"run dra reindex to re-index into %s from DRA's records, or delete %s if it can be rebuilt",
		f.alias, index, v, f.version, ErrMappingVersion, f.index, index)
}

// mappingVersions returns the mapping version of each index that name (an
// index or alias) leads to; nothing if it does not exist. An index without a
// DRA version has version 0.
func (s *Store) mappingVersions(ctx context.Context, name string) (map[string]int, error) {
	var res map[string]struct {
		Mappings struct {
			Meta map[string]any `json:"_meta"`
		} `json:"mappings"`
	}
	status, err := s.do(ctx, http.MethodGet, "/"+name+"/_mapping", nil, nil, &res)
	if status == http.StatusNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(res))
	for idx, m := range res {
		v := 0
		if f, ok := m.Mappings.Meta[metaVersionKey].(float64); ok {
			v = int(f)
		}
		out[idx] = v
	}
	return out, nil
}

// updateSettings applies the dynamic settings of the configuration
// (replicas, refresh interval) to an existing index.
func (s *Store) updateSettings(ctx context.Context, index string) error {
	settings := map[string]any{"number_of_replicas": s.cfg.Replicas}
	if s.cfg.RefreshInterval != "" {
		settings["refresh_interval"] = s.cfg.RefreshInterval
	}
	if _, err := s.do(ctx, http.MethodPut, "/"+index+"/_settings", nil, map[string]any{"index": settings}, nil); err != nil {
		return fmt.Errorf("elastic: settings of %s: %w", index, err)
	}
	s.log.Info("index settings applied", "index", index, "replicas", s.cfg.Replicas, "refresh_interval", s.cfg.RefreshInterval)
	return nil
}
