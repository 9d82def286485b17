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
const mappingVersion = 1

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
	subShingles          = "shingles" // multi-field of the folded views
	fieldArticle         = "article"
)

// Analysis uses only what the Elasticsearch server core has: the standard
// tokenizer and the lowercase and shingle filters. Everything
// Vietnamese-specific (normalisation, folding) was done in Go.
func indexSettings(shards, replicas int) map[string]any {
	return map[string]any{
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
		// upserted, and the views can always be rebuilt from it.
		"_source": map[string]any{"excludes": []string{fieldTitleExact, fieldTitleFolded, fieldBodyExact, fieldBodyFolded}},
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
			fieldPublishedAt: map[string]any{"type": "date"},
			fieldTitleExact:  text,
			fieldTitleFolded: textWithShingles,
			fieldBodyExact:   text,
			fieldBodyFolded:  textWithShingles,
			fieldArticle:     map[string]any{"type": "object", "enabled": false},
		},
	}
}

// setup checks what the alias leads to, then makes sure the template, the
// versioned index and the alias exist.
func (s *Store) setup(ctx context.Context) error {
	versions, err := s.mappingVersions(ctx, s.alias)
	if err != nil {
		return fmt.Errorf("elastic: open %s: %w", s.alias, err)
	}
	for idx, v := range versions {
		if idx == s.alias {
			return fmt.Errorf("elastic: open: %s is an index, not an alias: DRA reads and writes through an alias to %s; "+
				"move its data into %s (the coming `dra reindex`) or delete it if it can be rebuilt", s.alias, s.index, s.index)
		}
		if err := s.checkVersion(idx, v); err != nil {
			return err
		}
	}

	template := map[string]any{
		"index_patterns": []string{s.alias + "-v*"},
		"priority":       200,
		"template": map[string]any{
			"settings": indexSettings(s.cfg.Shards, s.cfg.Replicas),
			"mappings": indexMappings(),
		},
		"_meta": map[string]any{"managed_by": "dra", metaVersionKey: mappingVersion},
	}
	if _, err := s.do(ctx, http.MethodPut, "/_index_template/"+s.alias, nil, template, nil); err != nil {
		return fmt.Errorf("elastic: put index template %s: %w", s.alias, err)
	}

	create := map[string]any{"aliases": map[string]any{s.alias: map[string]any{"is_write_index": true}}}
	_, err = s.do(ctx, http.MethodPut, "/"+s.index, nil, create, nil)
	var ae *apiError
	switch {
	case err == nil:
		s.log.Info("created index", "index", s.index, "alias", s.alias, "mapping_version", mappingVersion)
	case errors.As(err, &ae) && ae.Type == "resource_already_exists_exception":
		// Created earlier, or concurrently by another process. It may have
		// lost its alias or come from another build: check it, then alias it.
		v, err := s.mappingVersions(ctx, s.index)
		if err != nil {
			return fmt.Errorf("elastic: open %s: %w", s.index, err)
		}
		if err := s.checkVersion(s.index, v[s.index]); err != nil {
			return err
		}
		actions := map[string]any{"actions": []any{
			map[string]any{"add": map[string]any{"index": s.index, "alias": s.alias, "is_write_index": true}},
		}}
		if _, err := s.do(ctx, http.MethodPost, "/_aliases", nil, actions, nil); err != nil {
			return fmt.Errorf("elastic: alias %s to %s: %w", s.alias, s.index, err)
		}
	default:
		return fmt.Errorf("elastic: create index %s: %w", s.index, err)
	}
	return nil
}

func (s *Store) checkVersion(index string, v int) error {
	if v == mappingVersion {
		return nil
	}
	return fmt.Errorf("elastic: open %s: index %s has mapping version %d, this build uses version %d: %w; "+
		"re-index into %s from DRA's records (the coming `dra reindex`), or delete %s if it can be rebuilt",
		s.alias, index, v, mappingVersion, ErrMappingVersion, s.index, index)
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
