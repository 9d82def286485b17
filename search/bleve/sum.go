package bleve

import (
	"context"
	"reflect"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// sumQuery matches what must matches and scores it as must's score plus the
// score of every optional clause that matches the same document: the sum of
// Elasticsearch's bool query, without the coord Bleve's disjunction applies.
//
// It scores exactly as a chain of Bleve boolean queries, each adding one
// optional clause to the one before (must, then must+should[0], ...), but
// advances every optional searcher from one loop instead of through a
// boolean layer per clause, and drops the optional clauses' term locations
// (phrase positions), which no caller reads, unless term vectors are asked
// for.
type sumQuery struct {
	must   query.Query
	should []query.Query
}

func (q *sumQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	must, err := q.must.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	if _, ok := must.(*searcher.MatchNoneSearcher); ok {
		return must, nil
	}
	var opt []bsearch.Searcher
	for _, sq := range q.should {
		s, err := sq.Searcher(ctx, i, m, options)
		if err != nil {
			_ = must.Close()
			for _, o := range opt {
				_ = o.Close()
			}
			return nil, err
		}
		if _, ok := s.(*searcher.MatchNoneSearcher); ok {
			_ = s.Close()
			continue
		}
		opt = append(opt, s)
	}
	if len(opt) == 0 {
		return must, nil
	}
	return &sumSearcher{must: must, opt: opt, cur: make([]*bsearch.DocumentMatch, len(opt)),
		state: make([]uint8, len(opt)), locations: options.IncludeTermVectors}, nil
}

// Optional searcher states.
const (
	optFresh uint8 = iota // not yet read
	optOpen               // cur holds its current match
	optDone               // exhausted
)

type sumSearcher struct {
	must      bsearch.Searcher
	opt       []bsearch.Searcher
	cur       []*bsearch.DocumentMatch
	state     []uint8
	locations bool
	one       [1]*bsearch.DocumentMatch
}

var reflectStaticSizeSumSearcher = int(reflect.TypeOf(sumSearcher{}).Size())

func (s *sumSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Next(ctx)
	if err != nil || dm == nil {
		return nil, err
	}
	return s.score(ctx, dm)
}

func (s *sumSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	if err != nil || dm == nil {
		return nil, err
	}
	return s.score(ctx, dm)
}

// score adds to dm the score of every optional clause matching its document.
func (s *sumSearcher) score(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch) (*bsearch.DocumentMatch, error) {
	id := dm.IndexInternalID
	for i, o := range s.opt {
		c := s.cur[i]
		switch s.state[i] {
		case optDone:
			continue
		case optOpen:
			if c.IndexInternalID.Compare(id) >= 0 {
				break
			}
			ctx.DocumentMatchPool.Put(c)
			fallthrough
		case optFresh:
			var err error
			c, err = o.Advance(ctx, id)
			if err != nil {
				return nil, err
			}
			s.cur[i] = c
			if c == nil {
				s.state[i] = optDone
				continue
			}
			s.state[i] = optOpen
		}
		if c.IndexInternalID.Equals(id) {
			dm.Score += c.Score
			if s.locations {
				s.one[0] = c
				dm.FieldTermLocations = bsearch.MergeFieldTermLocations(dm.FieldTermLocations, s.one[:])
			}
		}
	}
	return dm, nil
}

func (s *sumSearcher) Close() error {
	err := s.must.Close()
	for _, o := range s.opt {
		if e := o.Close(); err == nil {
			err = e
		}
	}
	return err
}

func (s *sumSearcher) Weight() float64 {
	w := s.must.Weight()
	for _, o := range s.opt {
		w += o.Weight()
	}
	return w
}

func (s *sumSearcher) SetQueryNorm(qnorm float64) {
	s.must.SetQueryNorm(qnorm)
	for _, o := range s.opt {
		o.SetQueryNorm(qnorm)
	}
}

func (s *sumSearcher) Count() uint64 { return s.must.Count() }

func (s *sumSearcher) Min() int { return 0 }

func (s *sumSearcher) Size() int {
	n := reflectStaticSizeSumSearcher + s.must.Size()
	for _, o := range s.opt {
		n += o.Size()
	}
	return n
}

func (s *sumSearcher) DocumentMatchPoolSize() int {
	n := 1 + s.must.DocumentMatchPoolSize()
	for _, o := range s.opt {
		n += 1 + o.DocumentMatchPoolSize()
	}
	return n
}
