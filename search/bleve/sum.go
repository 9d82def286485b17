package bleve

import (
	"context"
	"reflect"

	"math"
	"sync/atomic"

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
// The refine clauses are optional clauses too, but they only reorder the
// top candidates (see Store.rescore): the searcher builds theirs, so that the
// query norm, and so every other clause's score, is that of the whole query,
// but never reads them. It records the query norm its parents set in the
// refineNorm the context carries, for the refinement to score the refine
// clauses as the whole query would.
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
	refine []query.Query
	// root: the query is the whole search, with no Bleve boolean query
	// above to set the query norm, so the searcher sets it as that
	// boolean query would (1/sqrt of its weight): the scores are the same
	// with or without the layer (see buildQuery).
	root bool
}

// refineNorm is the query norm of a search's sumSearcher, once set.
type refineNorm struct {
	bits atomic.Uint64
	set  atomic.Bool
}

func (n *refineNorm) store(qnorm float64) {
	n.bits.Store(math.Float64bits(qnorm))
	n.set.Store(true)
}

// load returns the norm and whether one was recorded.
func (n *refineNorm) load() (float64, bool) {
	return math.Float64frombits(n.bits.Load()), n.set.Load()
}

type refineNormKey struct{}

func withRefineNorm(ctx context.Context, n *refineNorm) context.Context {
	return context.WithValue(ctx, refineNormKey{}, n)
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
	var opt, idle []bsearch.Searcher
	closeAll := func() {
		_ = must.Close()
		for _, o := range append(opt, idle...) {
			_ = o.Close()
		}
	}
	for k, sq := range append(q.should[:len(q.should):len(q.should)], q.refine...) {
		s, err := sq.Searcher(ctx, i, m, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		if _, ok := s.(*searcher.MatchNoneSearcher); ok {
			_ = s.Close()
			continue
		}
		if k >= len(q.should) {
			idle = append(idle, s)
			continue
		}
		opt = append(opt, s)
	}
	norm, _ := ctx.Value(refineNormKey{}).(*refineNorm)
	var out bsearch.Searcher = must
	if len(opt) > 0 || len(idle) > 0 || norm != nil {
		out = &sumSearcher{must: must, opt: opt, idle: idle, cur: make([]*bsearch.DocumentMatch, len(opt)),
			state: make([]uint8, len(opt)), locations: options.IncludeTermVectors, norm: norm}
	}
	if q.root {
		out.SetQueryNorm(1 / math.Sqrt(out.Weight()))
	}
	return out, nil
}

// refineSearcher adds to documents the scores of q's refine clauses, as
// the whole query scores them (its query norm qnorm, when set).
func (q *sumQuery) refineSearcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	qnorm float64, setNorm bool) (*sumSearcher, error) {
	s := &sumSearcher{}
	for _, rq := range q.refine {
		o, err := rq.Searcher(ctx, i, m, bsearch.SearcherOptions{})
		if err != nil {
			_ = s.Close()
			return nil, err
		}
		if setNorm {
			o.SetQueryNorm(qnorm)
		}
		s.opt = append(s.opt, o)
	}
	s.cur, s.state = make([]*bsearch.DocumentMatch, len(s.opt)), make([]uint8, len(s.opt))
	return s, nil
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
	idle      []bsearch.Searcher // refine clauses not read: weights only
	cur       []*bsearch.DocumentMatch
	state     []uint8
	locations bool
	one       [1]*bsearch.DocumentMatch
	norm      *refineNorm // records the query norm at the first read
	qnorm     float64
}

var reflectStaticSizeSumSearcher = int(reflect.TypeOf(sumSearcher{}).Size())

func (s *sumSearcher) record() {
	if s.norm != nil {
		s.norm.store(s.qnorm)
		s.norm = nil
	}
}

func (s *sumSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	s.record()
	dm, err := s.must.Next(ctx)
	if err != nil || dm == nil {
		return nil, err
	}
	return s.score(ctx, dm)
}

func (s *sumSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	s.record()
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
	var err error
	if s.must != nil {
		err = s.must.Close()
	}
	for _, o := range append(s.opt, s.idle...) {
		if e := o.Close(); err == nil {
			err = e
		}
	}
	return err
}

func (s *sumSearcher) Weight() float64 {
	w := s.must.Weight()
	for _, o := range append(s.opt, s.idle...) {
		w += o.Weight()
	}
	return w
}

func (s *sumSearcher) SetQueryNorm(qnorm float64) {
	s.qnorm = qnorm
	s.must.SetQueryNorm(qnorm)
	for _, o := range append(s.opt, s.idle...) {
		o.SetQueryNorm(qnorm)
	}
}

func (s *sumSearcher) Count() uint64 { return s.must.Count() }

func (s *sumSearcher) Min() int { return 0 }

func (s *sumSearcher) Size() int {
	n := reflectStaticSizeSumSearcher + s.must.Size()
	for _, o := range append(s.opt, s.idle...) {
		n += o.Size()
	}
	return n
}

func (s *sumSearcher) DocumentMatchPoolSize() int {
	n := 1
	if s.must != nil { // nil: a refineSearcher
		n += s.must.DocumentMatchPoolSize()
	}
	for _, o := range s.opt {
		n += 1 + o.DocumentMatchPoolSize()
	}
	return n
}
