package bleve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/facet"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/sync/errgroup"
)

// Concurrent search. Bleve runs one query on one goroutine. Search instead
// splits the snapshot's document numbers into as many ranges as there are
// CPUs (at most maxParts), runs the same query on each range concurrently
// over the same snapshot, and merges the ranges' top hits, totals and facet
// counts: Lucene's concurrent segment search, done by document-number range.
// Every range reads the same snapshot, so scores (BM25 statistics included)
// and results are exactly those of one sequential search; only the wall time
// changes. A small index is searched in one piece, where splitting costs
// more than it saves.
const (
	maxParts = 4
	// minDocsPerPart is the fewest document numbers a range gets.
	minDocsPerPart = 20000
)

// collectRequest is one search to run on the index.
type collectRequest struct {
	query  query.Query
	sort   bsearch.SortOrder
	size   int               // hits wanted after skip
	skip   int               // hits skipped (the offset)
	facets map[string]string // facet name -> keyword field
	stored string            // the stored field to load for each hit
	// refine holds the query's refine clauses (see sumQuery), nil when
	// there are none. Sorted by relevance, the first refineWindow hits get
	// their scores and are reordered; sorted by date, the page's hits get
	// theirs.
	refine *sumQuery
}

// refineWindow is how many of the top candidates (by every clause but the
// refine ones) the refine clauses reorder: Elasticsearch's rescore window.
const refineWindow = 100

// collectedHit is one hit: its document ID, score and stored field.
type collectedHit struct {
	id     string
	score  float64
	stored []byte
}

type collected struct {
	total  uint64
	hits   []collectedHit
	facets bsearch.FacetResults
}

// collect runs r on one snapshot of the index, in parts ranges of document
// numbers (0: as many as the CPUs and the index size suggest).
func (s *Store) collect(ctx context.Context, r collectRequest, parts int) (_ collected, err error) {
	ix, err := s.idx.Advanced()
	if err != nil {
		return collected{}, err
	}
	reader, err := ix.Reader()
	if err != nil {
		return collected{}, fmt.Errorf("open index reader: %w", err)
	}
	defer func() { err = errors.Join(err, reader.Close()) }()

	// As Bleve's own search sets it up: the scoring model the mapping
	// names (BM25); each range gets a fresh term-searcher counter.
	model := index.DefaultScoringModel
	if im, ok := s.idx.Mapping().(*mapping.IndexMappingImpl); ok && im.ScoringModel != "" {
		model = im.ScoringModel
	}
	ctx = context.WithValue(ctx, bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return model }))

	// Refined by relevance: the candidates are the top window at least,
	// from the first, and the page is cut after the refinement.
	byScore := len(r.sort) > 0 && r.sort.CacheIsScore()[0]
	cr := r
	if r.refine != nil && byScore {
		cr.size, cr.skip = max(refineWindow, r.skip+r.size), 0
	}
	norm := new(refineNorm)
	if r.refine != nil {
		ctx = withRefineNorm(ctx, norm)
	}
	bounds := splitDocNumbers(reader, parts)
	results := make([]*collector.TopNCollector, len(bounds))
	g, gctx := errgroup.WithContext(ctx)
	for i, b := range bounds {
		g.Go(func() error {
			c, err := s.collectRange(gctx, cr, reader, b)
			results[i] = c
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return collected{}, err
	}

	var out collected
	var all bsearch.DocumentMatchCollection
	for i, c := range results {
		out.total += c.Total()
		all = append(all, c.Results()...)
		if i == 0 {
			out.facets = c.FacetResults()
		} else {
			out.facets.Merge(c.FacetResults())
		}
	}
	cachedScoring, cachedDesc := r.sort.CacheIsScore(), r.sort.CacheDescending()
	order := func(dms bsearch.DocumentMatchCollection) {
		slices.SortStableFunc(dms, func(a, b *bsearch.DocumentMatch) int {
			return r.sort.Compare(cachedScoring, cachedDesc, a, b)
		})
	}
	if len(results) > 1 {
		order(all)
		for name := range r.facets {
			out.facets.Fixup(name, facetSize)
		}
		all = all[min(cr.skip, len(all)):]
	}
	switch {
	case r.refine != nil && byScore:
		window := all[:min(refineWindow, len(all))]
		if err := s.rescore(ctx, r.refine, norm, reader, window); err != nil {
			return collected{}, err
		}
		order(window)
		all = all[min(r.skip, len(all)):]
		all = all[:min(r.size, len(all))]
	case r.refine != nil:
		all = all[:min(r.size, len(all))]
		if err := s.rescore(ctx, r.refine, norm, reader, all); err != nil {
			return collected{}, err
		}
	default:
		all = all[:min(r.size, len(all))]
	}
	for _, dm := range all {
		h := collectedHit{id: dm.ID, score: dm.Score}
		if r.stored != "" {
			if h.stored, err = storedField(reader, dm.ID, r.stored); err != nil {
				return collected{}, err
			}
		}
		out.hits = append(out.hits, h)
	}
	return out, nil
}

// rescore adds to each of dms the scores of q's refine clauses: their
// searchers, with the query norm the search recorded, read at those
// documents only.
func (s *Store) rescore(ctx context.Context, q *sumQuery, norm *refineNorm, reader index.IndexReader, dms bsearch.DocumentMatchCollection) error {
	if len(dms) == 0 {
		return nil
	}
	qnorm, set := norm.load()
	sr, err := q.refineSearcher(bsearch.ContextWithTermSearchersCounter(ctx), reader, s.idx.Mapping(), qnorm, set)
	if err != nil {
		return err
	}
	defer sr.Close()
	byID := slices.Clone(dms)
	slices.SortFunc(byID, func(a, b *bsearch.DocumentMatch) int { return a.IndexInternalID.Compare(b.IndexInternalID) })
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0), IndexReader: reader}
	for _, dm := range byID {
		if _, err := sr.score(sctx, dm); err != nil {
			return err
		}
	}
	return nil
}

// facetSize is the most values a facet counts.
const facetSize = 1000

// collectRange collects the top skip+size hits of r among the document
// numbers in b.
func (s *Store) collectRange(ctx context.Context, r collectRequest, reader index.IndexReader, b docRange) (*collector.TopNCollector, error) {
	ctx = bsearch.ContextWithTermSearchersCounter(ctx)
	searcher, err := r.query.Searcher(ctx, reader, s.idx.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	var sr bsearch.Searcher = searcher
	if !b.all() {
		sr = &rangeSearcher{Searcher: searcher, lo: b.lo, hi: b.hi}
	}
	// One range returns its first skip+size hits, for the merge to skip
	// over; one piece skips itself.
	size, skip := r.size+r.skip, 0
	if b.all() {
		size, skip = r.size, r.skip
	}
	// A sort order keeps the values of the document being compared: each
	// range needs its own.
	c := collector.NewTopNCollector(size, skip, r.sort.Copy())
	if len(r.facets) > 0 {
		// A range counts every value: a value outside one range's top
		// facetSize would lose that range's count in the merge, which
		// keeps the top facetSize of the sums.
		n := facetSize
		if !b.all() {
			n = math.MaxInt
		}
		fb := bsearch.NewFacetsBuilder(reader)
		for name, field := range r.facets {
			fb.Add(name, facet.NewTermsFacetBuilder(field, n))
		}
		c.SetFacetsBuilder(fb)
	}
	if err := c.Collect(ctx, sr, reader); err != nil {
		return nil, err
	}
	return c, nil
}

// docRange is a range of document numbers [lo, hi); hi 0 is no upper bound.
type docRange struct{ lo, hi uint64 }

func (b docRange) all() bool { return b.lo == 0 && b.hi == 0 }

// splitDocNumbers cuts the reader's document numbers into parts ranges of
// equal size (0 parts: by CPUs and size, see minDocsPerPart).
func splitDocNumbers(reader index.IndexReader, parts int) []docRange {
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return []docRange{{}}
	}
	var n uint64 // document numbers run over every segment, deleted ones included
	for _, ss := range snap.Segments() {
		n += ss.Segment().Count()
	}
	if parts <= 0 {
		parts = min(runtime.GOMAXPROCS(0), maxParts, int(n/minDocsPerPart))
	}
	if parts <= 1 || n < uint64(parts) {
		return []docRange{{}}
	}
	out := make([]docRange, parts)
	for i := range out {
		out[i] = docRange{lo: n * uint64(i) / uint64(parts), hi: n * uint64(i+1) / uint64(parts)}
	}
	out[parts-1].hi = 0
	return out
}

// rangeSearcher passes on the matches of its searcher whose document numbers
// are in [lo, hi) (hi 0: no upper bound).
type rangeSearcher struct {
	bsearch.Searcher
	lo, hi  uint64
	started bool
	buf     [8]byte
}

var reflectStaticSizeRangeSearcher = int(reflect.TypeOf(rangeSearcher{}).Size())

func (r *rangeSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !r.started {
		return r.Advance(ctx, index.NewIndexInternalID(r.buf[:], r.lo))
	}
	dm, err := r.Searcher.Next(ctx)
	return r.bound(ctx, dm, err)
}

func (r *rangeSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	r.started = true
	if len(id) == 8 && id.Value() < r.lo {
		id = index.NewIndexInternalID(r.buf[:], r.lo)
	}
	dm, err := r.Searcher.Advance(ctx, id)
	return r.bound(ctx, dm, err)
}

// bound ends the range at the first match at or past hi.
func (r *rangeSearcher) bound(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if err != nil || dm == nil {
		return nil, err
	}
	if r.hi != 0 && dm.IndexInternalID.Value() >= r.hi {
		ctx.DocumentMatchPool.Put(dm)
		return nil, nil
	}
	return dm, nil
}

func (r *rangeSearcher) Size() int { return reflectStaticSizeRangeSearcher + r.Searcher.Size() }

// storedField returns the stored field of document id, or nil.
func storedField(reader interface {
	Document(id string) (index.Document, error)
}, id, field string) ([]byte, error) {
	doc, err := reader.Document(id)
	if err != nil || doc == nil {
		return nil, err
	}
	var raw []byte
	doc.VisitFields(func(f index.Field) {
		if f.Name() == field {
			raw = append([]byte(nil), f.Value()...)
		}
	})
	return raw, nil
}
