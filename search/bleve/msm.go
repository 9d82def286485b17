package bleve

import (
	"context"
	"reflect"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// msmQuery matches the documents that match at least min of clauses, scored
// as the sum of the matching clauses' scores (Elasticsearch's bool query
// with minimum_should_match, no coord), plus all when every clause matches
// (the constant_score clause of the Elasticsearch query, counted here from
// the same clause matches instead of a second conjunction over them).
//
// Bleve's disjunction with a minimum reads every posting of every clause.
// A document with at least min of n clauses has one of the n-min+1 clauses
// with the fewest documents (Lucene's MinShouldMatchSumScorer does the
// same): only those lead, and the others are advanced to their candidates.
type msmQuery struct {
	clauses []query.Query
	min     int
	all     float64
}

func (q *msmQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	options.IncludeTermVectors = false
	ss := make([]bsearch.Searcher, 0, len(q.clauses))
	for _, c := range q.clauses {
		s, err := c.Searcher(ctx, i, m, options)
		if err != nil {
			for _, o := range ss {
				_ = o.Close()
			}
			return nil, err
		}
		ss = append(ss, s)
	}
	if len(ss) < q.min {
		for _, o := range ss {
			_ = o.Close()
		}
		return searcher.NewMatchNoneSearcher(i)
	}
	// The rarest clauses lead.
	slices.SortStableFunc(ss, func(a, b bsearch.Searcher) int {
		switch ca, cb := a.Count(), b.Count(); {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	})
	return &msmSearcher{s: ss, lead: len(ss) - q.min + 1, min: q.min, all: q.all,
		cur: make([]*bsearch.DocumentMatch, len(ss)), done: make([]bool, len(ss))}, nil
}

type msmSearcher struct {
	s    []bsearch.Searcher // lead clauses first
	lead int
	min  int
	all  float64
	cur  []*bsearch.DocumentMatch // current match of each clause; nil: to read
	done []bool
}

var reflectStaticSizeMSMSearcher = int(reflect.TypeOf(msmSearcher{}).Size())

func (s *msmSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.next(ctx, nil)
}

func (s *msmSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	for i, c := range s.cur {
		if c != nil && c.IndexInternalID.Compare(id) < 0 {
			ctx.DocumentMatchPool.Put(c)
			s.cur[i] = nil
		}
	}
	return s.next(ctx, id)
}

// next returns the first document at or after target (nil: the next one)
// that at least min clauses match.
func (s *msmSearcher) next(ctx *bsearch.SearchContext, target index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	for {
		var cand index.IndexInternalID
		for i := 0; i < s.lead; i++ {
			if s.cur[i] == nil && !s.done[i] {
				var dm *bsearch.DocumentMatch
				var err error
				if target != nil {
					dm, err = s.s[i].Advance(ctx, target)
				} else {
					dm, err = s.s[i].Next(ctx)
				}
				if err != nil {
					return nil, err
				}
				s.cur[i], s.done[i] = dm, dm == nil
			}
			if c := s.cur[i]; c != nil && (cand == nil || c.IndexInternalID.Compare(cand) < 0) {
				cand = c.IndexInternalID
			}
		}
		if cand == nil {
			return nil, nil
		}
		target = nil
		n := 0
		first := -1
		for i := range s.s {
			if i >= s.lead && !s.done[i] && (s.cur[i] == nil || s.cur[i].IndexInternalID.Compare(cand) < 0) {
				if s.cur[i] != nil {
					ctx.DocumentMatchPool.Put(s.cur[i])
				}
				dm, err := s.s[i].Advance(ctx, cand)
				if err != nil {
					return nil, err
				}
				s.cur[i], s.done[i] = dm, dm == nil
			}
			if c := s.cur[i]; c != nil && c.IndexInternalID.Equals(cand) {
				n++
				if first < 0 {
					first = i
				}
			}
		}
		// cand may be freed with the matches below: keep a copy.
		cand = append(index.IndexInternalID(nil), cand...)
		var out *bsearch.DocumentMatch
		if n >= s.min {
			out = s.cur[first]
			s.cur[first] = nil
			if n == len(s.s) {
				out.Score += s.all
			}
		}
		for i, c := range s.cur {
			if c != nil && c.IndexInternalID.Equals(cand) {
				if out != nil {
					out.Score += c.Score
				}
				ctx.DocumentMatchPool.Put(c)
				s.cur[i] = nil
			}
		}
		if out != nil {
			out.FieldTermLocations = out.FieldTermLocations[:0]
			return out, nil
		}
	}
}

func (s *msmSearcher) Weight() float64 {
	w := 0.0
	for _, o := range s.s {
		w += o.Weight()
	}
	return w
}

func (s *msmSearcher) SetQueryNorm(qnorm float64) {
	for _, o := range s.s {
		o.SetQueryNorm(qnorm)
	}
}

func (s *msmSearcher) Count() uint64 {
	var n uint64
	for _, o := range s.s[:s.lead] {
		n += o.Count()
	}
	return n
}

func (s *msmSearcher) Min() int { return 0 }

func (s *msmSearcher) Close() error {
	var err error
	for _, o := range s.s {
		if e := o.Close(); err == nil {
			err = e
		}
	}
	return err
}

func (s *msmSearcher) Size() int {
	n := reflectStaticSizeMSMSearcher
	for _, o := range s.s {
		n += o.Size()
	}
	return n
}

func (s *msmSearcher) DocumentMatchPoolSize() int {
	n := 1
	for _, o := range s.s {
		n += 1 + o.DocumentMatchPoolSize()
	}
	return n
}
