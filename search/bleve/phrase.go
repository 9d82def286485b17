package bleve

import (
	"context"
	"math"
	"reflect"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches the words of text, analysed as field is, standing
// next to each other in field: what Bleve's MatchPhraseQuery matches, scored
// as it scores (the sum of the words' term scores, computed by the same
// conjunction of term searchers), found with less work.
//
// Bleve's phrase searcher turns every candidate's term locations into maps
// (DocumentMatch.Complete) before it checks the positions; on a 100k-article
// index a phrase of common words has thousands of candidates per query and
// those maps were a fifth of a search's time and most of its garbage. This
// one checks the positions on the flat location list, reusing its buffers,
// and passes on no locations (nothing downstream reads them: DRA highlights
// in Go). A text whose tokens are not at consecutive positions (no DRA
// analyser makes one) is left to Bleve's MatchPhraseQuery.
type phraseQuery struct {
	field string
	text  string
	boost float64
}

func (q *phraseQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	tokens := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field)).Analyze([]byte(q.text))
	if len(tokens) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	terms := make([]string, len(tokens))
	for k, t := range tokens {
		if t.Position != tokens[0].Position+k {
			bp := query.NewMatchPhraseQuery(q.text)
			bp.SetField(q.field)
			bp.SetBoost(q.boost)
			return bp.Searcher(ctx, i, m, options)
		}
		terms[k] = string(t.Term)
	}
	// As Bleve's phrase searcher: term searchers with their positions, in a
	// conjunction, its query norm computed once here (a parent may set
	// another).
	options.IncludeTermVectors = true
	ts := make([]bsearch.Searcher, 0, len(terms))
	closeAll := func() {
		for _, s := range ts {
			_ = s.Close()
		}
	}
	for _, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, i, t, q.field, q.boost, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		ts = append(ts, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, i, ts, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	conj.SetQueryNorm(1 / math.Sqrt(conj.Weight()))
	return &phraseSearcher{conj: conj, field: q.field, terms: terms, pos: make([][]int, len(terms))}, nil
}

// phraseSearcher passes on the matches of conj in which terms stand at
// consecutive positions of field. Positions are compared without array
// positions: DRA's phrase fields hold one string each.
type phraseSearcher struct {
	conj  bsearch.Searcher
	field string
	terms []string
	pos   [][]int // per phrase word, its positions in the current document
	// done: conj is exhausted. Asked again (a parent disjunction advances
	// its exhausted children too), conj's term readers would start over
	// from the first document, as Bleve's phrase searcher never lets them.
	done bool
}

var reflectStaticSizePhraseSearcher = int(reflect.TypeOf(phraseSearcher{}).Size())

func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	dm, err := s.conj.Next(ctx)
	return s.first(ctx, dm, err)
}

func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	dm, err := s.conj.Advance(ctx, id)
	return s.first(ctx, dm, err)
}

// first returns dm or, if the phrase is not in it, the next candidate that
// has it.
func (s *phraseSearcher) first(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for ; err == nil && dm != nil; dm, err = s.conj.Next(ctx) {
		if s.adjacent(dm.FieldTermLocations) {
			dm.FieldTermLocations = dm.FieldTermLocations[:0]
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
	s.done = err == nil
	return nil, err
}

// adjacent reports whether the locations hold the phrase: word k at
// position p+k for some p.
func (s *phraseSearcher) adjacent(locs []bsearch.FieldTermLocation) bool {
	for k := range s.pos {
		s.pos[k] = s.pos[k][:0]
	}
	for _, l := range locs {
		if l.Field != s.field {
			continue
		}
		for k, t := range s.terms { // a word typed twice is at two k
			if t == l.Term {
				s.pos[k] = append(s.pos[k], int(l.Location.Pos))
			}
		}
	}
	for k := range s.pos {
		slices.Sort(s.pos[k])
	}
next:
	for _, p := range s.pos[0] {
		for k := 1; k < len(s.pos); k++ {
			if _, ok := slices.BinarySearch(s.pos[k], p+k); !ok {
				continue next
			}
		}
		return true
	}
	return false
}

func (s *phraseSearcher) Weight() float64            { return s.conj.Weight() }
func (s *phraseSearcher) SetQueryNorm(qnorm float64) { s.conj.SetQueryNorm(qnorm) }
func (s *phraseSearcher) Count() uint64              { return s.conj.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Close() error               { return s.conj.Close() }
func (s *phraseSearcher) Size() int                  { return reflectStaticSizePhraseSearcher + s.conj.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.conj.DocumentMatchPoolSize() + 1 }
