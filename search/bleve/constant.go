package bleve

import (
	"context"
	"reflect"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// constQuery matches what q matches with a constant score: Elasticsearch's
// constant_score query.
type constQuery struct {
	q     query.Query
	score float64
}

func (c *constQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	options.IncludeTermVectors = false
	s, err := c.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &constSearcher{s: s, score: c.score}, nil
}

type constSearcher struct {
	s     bsearch.Searcher
	score float64
}

var reflectStaticSizeConstSearcher = int(reflect.TypeOf(constSearcher{}).Size())

func (c *constSearcher) set(dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if dm != nil {
		dm.Score = c.score
		dm.FieldTermLocations = dm.FieldTermLocations[:0]
	}
	return dm, err
}

func (c *constSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return c.set(c.s.Next(ctx))
}

func (c *constSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return c.set(c.s.Advance(ctx, id))
}

// Weight is 0: a constant takes no part in the query norm.
func (c *constSearcher) Weight() float64            { return 0 }
func (c *constSearcher) SetQueryNorm(float64)       {}
func (c *constSearcher) Count() uint64              { return c.s.Count() }
func (c *constSearcher) Min() int                   { return 0 }
func (c *constSearcher) Close() error               { return c.s.Close() }
func (c *constSearcher) Size() int                  { return reflectStaticSizeConstSearcher + c.s.Size() }
func (c *constSearcher) DocumentMatchPoolSize() int { return c.s.DocumentMatchPoolSize() }
