// Package bleve is the embedded search store: search.Store on a Bleve v2
// (scorch) index on local disk, or in memory.
//
// It indexes the views package vietnamese prepares (exact and folded title
// and body, folded body shingles) plus keyword fields, and keeps the article
// itself as a stored JSON field, so Get returns what was upserted.
//
// Durability: on disk, an index is opened with scorch's "unsafe_batch" set to
// false (the default, set explicitly so it cannot drift). Index.Batch then
// returns only after scorch's persister has written the batch's segment
// (fsynced) and committed and fsynced the root bolt file that points at it.
// So when Upsert returns, the documents survive the process being killed
// (TestDurableAfterKill does that with SIGKILL). No extra flush or
// close-and-reopen is needed. An in-memory index (path "") is not durable.
//
// Newer-wins: writes are serialised per Store; before a document is indexed
// its stored version is read, and a lower Version is ignored (an equal one
// replaces). One process owns an index directory (scorch locks it), so the
// check is race-free.
package bleve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/dra-archive/dra/search"
)

var _ search.Store = (*Store)(nil)

// highlightFragments is the most fragments a hit carries.
const highlightFragments = 3

var errClosed = errors.New("bleve store closed")

// Option configures Open.
type Option func(*options)

type options struct {
	log *slog.Logger
}

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.log = l
		}
	}
}

// Store is a search.Store on a Bleve index. It is safe for concurrent use.
type Store struct {
	idx  blevesearch.Index
	path string
	log  *slog.Logger

	parts int // document-number ranges a search runs in; 0: by CPUs and size (see collect)

	writeMu sync.Mutex   // serialises Upsert: version check, then write
	mu      sync.RWMutex // guards closed; Close waits for calls in flight
	closed  bool
}

// Open creates or opens the index at path; "" is an in-memory index.
func Open(path string, opts ...Option) (*Store, error) {
	o := options{log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	log := o.log.With("component", "search.bleve", "path", path)
	// unsafe_batch false: Batch waits until the batch is persisted (see the
	// package comment). bolt_timeout: an index another process holds is an
	// error (ErrHeld), not a wait without end.
	config := map[string]any{"unsafe_batch": false, "bolt_timeout": boltTimeout}

	var idx blevesearch.Index
	_, err := os.Stat(filepath.Join(path, "index_meta.json"))
	if path != "" && err == nil {
		if _, merr := os.Stat(path + ".creating"); merr == nil {
			err = os.ErrNotExist // a creation was interrupted: create again
		}
	}
	switch {
	case path != "" && err == nil:
		idx, err = blevesearch.OpenUsing(path, config)
		if err != nil {
			return nil, openError(path, err)
		}
		v, err := idx.GetInternal(mappingVersionKey)
		if err == nil && string(v) != mappingVersion {
			err = fmt.Errorf("index has layout %q, want %q: rebuild it with dra reindex", v, mappingVersion)
		}
		if err != nil {
			return nil, errors.Join(fmt.Errorf("open index %s: %w", path, err), idx.Close())
		}
		log.Debug("index opened")
	case path != "" && !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("open index %s: %w", path, err)
	case path != "":
		if err := create(path, config); err != nil {
			return nil, err
		}
		if idx, err = blevesearch.OpenUsing(path, config); err != nil {
			return nil, fmt.Errorf("open new index %s: %w", path, err)
		}
		log.Debug("index created")
	default:
		m, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		if idx, err = blevesearch.NewUsing(path, m, scorch.Name, scorch.Name, config); err != nil {
			return nil, fmt.Errorf("create index %q: %w", path, err)
		}
		if err := idx.SetInternal(mappingVersionKey, []byte(mappingVersion)); err != nil {
			return nil, errors.Join(fmt.Errorf("create index %q: %w", path, err), idx.Close())
		}
	}
	return &Store{idx: idx, path: path, log: log}, nil
}

// Errors of an index that does not open.
var (
	// ErrHeld: another process has the index open.
	ErrHeld = errors.New("the index is held by another process")
	// ErrUnreadable: the index is damaged (its mapping, metadata or root
	// do not read); dra reindex rebuilds it from the DRA_PROCESSED stream.
	ErrUnreadable = errors.New("the index is unreadable")
)

// boltTimeout bounds the wait for the lock on an index's root file.
const boltTimeout = "10s"

// openError says why the index at path did not open and what to do.
func openError(path string, err error) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("open index %s: %w (%v): stop the process that uses it", path, ErrHeld, err)
	}
	return fmt.Errorf("open index %s: %w (%v): rebuild it with dra reindex, which moves it aside and "+
		"re-indexes the articles from the DRA_PROCESSED stream (see docs/design.md, Store)", path, ErrUnreadable, err)
}

// create makes a new, empty index at path crash-safely. A marker file
// next to it (path + ".creating") is written and synced before the
// creation starts and removed once the index, with its mapping, is
// persisted; Open finding the marker removes the half-made index and
// creates it again. (Building the index in a temporary directory and
// renaming it into place does not work: a scorch index renamed after
// creation no longer opens, "error parsing mapping JSON".)
func create(path string, config map[string]any) error {
	parent := filepath.Dir(filepath.Clean(path))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create index %s: %w", path, err)
	}
	marker := path + ".creating"
	err := func() error {
		if _, err := os.Stat(marker); err == nil {
			// A creation was interrupted: what it left is not an index.
			if err := os.RemoveAll(path); err != nil {
				return err
			}
		} else if err := writeSynced(marker); err != nil {
			return err
		}
		if err := syncDir(parent); err != nil {
			return err
		}
		m, err := newMapping()
		if err != nil {
			return fmt.Errorf("index mapping: %w", err)
		}
		idx, err := blevesearch.NewUsing(path, m, scorch.Name, scorch.Name, config)
		if err != nil {
			return err
		}
		err = idx.SetInternal(mappingVersionKey, []byte(mappingVersion))
		if err == nil {
			// Scorch persists the internal values (the mapping, the
			// layout version) with the next segment, and a batch of
			// internal values alone makes none: write a document and
			// delete it, each batch waiting until it is persisted.
			err = persistInternal(idx)
		}
		if err = errors.Join(err, idx.Close()); err != nil {
			return err
		}
		if err := os.Remove(marker); err != nil {
			return err
		}
		return syncDir(parent)
	}()
	if err != nil {
		return fmt.Errorf("create index %s: %w", path, err)
	}
	return nil
}

func writeSynced(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

func persistInternal(idx blevesearch.Index) error {
	const id = "_dra_create"
	if err := idx.Index(id, map[string]any{fKind: "create"}); err != nil {
		return err
	}
	return idx.Delete(id)
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// Upsert writes docs in one Bleve batch. A document without an ID, or one
// Bleve cannot map, is an item error; a document older than the stored one is
// ignored (nil). When Upsert returns, the batch is persisted (see the package
// comment) and searchable.
func (s *Store) Upsert(ctx context.Context, docs []search.Article) ([]error, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, errClosed
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	errs := make([]error, len(docs))
	batch := s.idx.NewBatch()
	// latest is the version each ID will have after this batch: the stored
	// one, or a newer one earlier in the batch.
	latest := make(map[string]int64, len(docs))
	// metrics holds the metric document IDs an article has after this
	// batch so far; an article written again in the batch drops them.
	metrics := make(map[string][]string, len(docs))
	for i, a := range docs {
		if a.ID == "" {
			errs[i] = fmt.Errorf("document %d: empty id", i)
			continue
		}
		cur, ok := latest[a.ID]
		stored := ok
		if !ok {
			v, found, err := s.storedVersion(a.ID)
			if err != nil {
				return nil, fmt.Errorf("read version of %s: %w", a.ID, err)
			}
			cur, ok, stored = v, found, found
		}
		if ok && a.Version < cur {
			s.log.Debug("older version ignored", "article_id", a.ID, "version", a.Version, "stored_version", cur)
			latest[a.ID] = cur
			continue
		}
		doc, mdocs, err := documents(a)
		if err != nil {
			errs[i] = fmt.Errorf("document %s: %w", a.ID, err)
			continue
		}
		// Metric documents are written with their article, so only a
		// stored article can have some.
		old, seen := metrics[a.ID]
		if !seen && stored {
			if old, err = s.metricIDs(ctx, a.ID); err != nil {
				return nil, fmt.Errorf("metrics of %s: %w", a.ID, err)
			}
		}
		// Deleting every old metric document first and indexing the new
		// ones after is safe: within a batch the last operation on an ID wins.
		for _, id := range old {
			batch.Delete(id)
		}
		if err := batch.Index(a.ID, doc); err != nil {
			errs[i] = fmt.Errorf("document %s: %w", a.ID, err)
			continue
		}
		ids := make([]string, 0, len(mdocs))
		for _, md := range mdocs {
			if err := batch.Index(md.id, md.doc); err != nil {
				return nil, fmt.Errorf("metric %s: %w", md.id, err)
			}
			ids = append(ids, md.id)
		}
		metrics[a.ID] = ids
		latest[a.ID] = a.Version
	}
	if batch.Size() == 0 {
		return errs, nil
	}
	if err := s.idx.Batch(batch); err != nil {
		return nil, fmt.Errorf("index batch of %d: %w", batch.Size(), err)
	}
	return errs, nil
}

type idDoc struct {
	id  string
	doc map[string]any
}

// documents prepares an article's document and its metric documents.
func documents(a search.Article) (map[string]any, []idDoc, error) {
	doc, err := indexDoc(a)
	if err != nil {
		return nil, nil, err
	}
	var mdocs []idDoc
	for _, r := range search.MetricRecords(a) {
		md, err := metricDoc(r)
		if err != nil {
			return nil, nil, fmt.Errorf("metric %s: %w", r.ID, err)
		}
		mdocs = append(mdocs, idDoc{r.ID, md})
	}
	return doc, mdocs, nil
}

// metricIDs returns the IDs of the stored metric documents of an article.
func (s *Store) metricIDs(ctx context.Context, articleID string) ([]string, error) {
	q := query.NewConjunctionQuery([]query.Query{term(fKind, kindMetric, 1), term(fArticleID, articleID, 1)})
	var ids []string
	err := eachPage(ctx, s.idx.SearchInContext, q, 100, nil, func(hits bsearch.DocumentMatchCollection) error {
		for _, h := range hits {
			ids = append(ids, h.ID)
		}
		return nil
	})
	return ids, err
}

// eachPage runs q through search page hits at a time in _id order, each
// page resuming after the last _id of the one before (search_after: no page
// collects again the hits before it), and passes every page to visit.
func eachPage(ctx context.Context, search func(context.Context, *blevesearch.SearchRequest) (*blevesearch.SearchResult, error),
	q query.Query, page int, fields []string, visit func(bsearch.DocumentMatchCollection) error) error {
	var after []string
	for {
		req := blevesearch.NewSearchRequestOptions(q, page, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		req.SearchAfter = after
		res, err := search(ctx, req)
		if err != nil {
			return err
		}
		if err := visit(res.Hits); err != nil {
			return err
		}
		if len(res.Hits) < page {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// storedVersion returns the Version of the stored article id, if any.
func (s *Store) storedVersion(id string) (int64, bool, error) {
	raw, err := s.stored(id)
	if err != nil || raw == nil {
		return 0, false, err
	}
	var v struct {
		Version int64 `json:"version"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, false, err
	}
	return v.Version, true, nil
}

// stored returns the stored article JSON of id, or nil.
func (s *Store) stored(id string) ([]byte, error) {
	return storedField(s.idx, id, fArticle) // nil: not an article (a metric document)
}

// Get returns the article id as it was upserted.
func (s *Store) Get(ctx context.Context, id string) (search.Article, error) {
	if err := ctx.Err(); err != nil {
		return search.Article{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return search.Article{}, errClosed
	}
	raw, err := s.stored(id)
	if err != nil {
		return search.Article{}, fmt.Errorf("get %s: %w", id, err)
	}
	if raw == nil {
		return search.Article{}, fmt.Errorf("article %s: %w", id, search.ErrNotFound)
	}
	a, err := decodeStored(raw)
	if err != nil {
		return search.Article{}, fmt.Errorf("decode %s: %w", id, err)
	}
	return a, nil
}

// Search runs q; see search.Query for the semantics. Deep pages: Bleve has
// no result window, so its cursor is the offset of the next page (Bleve's
// own search_after cannot resume after a hit without a publish date).
func (s *Store) Search(ctx context.Context, q search.Query) (search.Result, error) {
	p, err := search.ParseText(q.Text)
	if err != nil {
		return search.Result{}, err
	}
	size, err := q.Check()
	if err != nil {
		return search.Result{}, err
	}
	offset := q.Offset
	if q.After != "" {
		if offset, err = search.DecodeOffsetCursor(q.After, search.CursorKey(q)); err != nil {
			return search.Result{}, err
		}
	}
	bq, refine, err := buildQuery(p, q)
	if err != nil {
		return search.Result{}, err
	}
	r := collectRequest{query: bq, size: size, skip: offset, stored: fArticle, refine: refine}
	switch q.Sort {
	case search.SortRelevance, "":
		// _id: stable pages among equal scores
		r.sort = bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}}
	case search.SortDate:
		r.sort = bsearch.SortOrder{
			&bsearch.SortField{Field: fPublished, Type: bsearch.SortFieldAsDate, Desc: true, Missing: bsearch.SortFieldMissingLast},
			&bsearch.SortDocID{},
		}
	default:
		return search.Result{}, fmt.Errorf("%w: unknown sort %q", search.ErrBadQuery, q.Sort) // q.Check refused it already
	}
	facetField := map[string]string{search.FacetDistrict: fDistrict, search.FacetCategory: fCategory,
		search.FacetYear: fYear, search.FacetAuthor: fAuthors}
	if len(q.Facets) > 0 {
		r.facets = map[string]string{}
		for _, name := range q.Facets {
			r.facets[name] = facetField[name]
		}
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return search.Result{}, errClosed
	}
	res, err := s.collect(ctx, r, s.parts)
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	out := search.Result{Total: int(res.total), Hits: make([]search.Hit, 0, len(res.hits))}
	for _, h := range res.hits {
		if h.stored == nil {
			return search.Result{}, fmt.Errorf("search: hit %s has no stored article", h.id)
		}
		var a hitFields
		if err := json.Unmarshal(h.stored, &a); err != nil {
			return search.Result{}, fmt.Errorf("search: decode %s: %w", h.id, err)
		}
		hit := search.Hit{
			ID: a.ID, Score: h.score, URL: a.URL, Title: a.Title, SourceID: a.SourceID,
			District: a.District, Province: a.Province, Category: a.Category,
			Authors: a.Authors, PublishedAt: a.PublishedAt,
		}
		hit.Highlights = search.HitHighlights(a.Title, a.Body, a.Byline, p, highlightFragments)
		out.Hits = append(out.Hits, hit)
	}
	if next := offset + len(out.Hits); len(out.Hits) == size && next < out.Total {
		out.Next = search.EncodeOffsetCursor(search.CursorKey(q), next)
	}
	if len(q.Facets) > 0 {
		out.Facets = map[string][]search.FacetCount{}
		for _, name := range q.Facets {
			var fc []search.FacetCount
			if fr := res.facets[name]; fr != nil && fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					fc = append(fc, search.FacetCount{Value: t.Term, Count: t.Count})
				}
			}
			out.Facets[name] = search.SortFacet(name, fc)
		}
	}
	if out.Total == 0 {
		if typed := search.FilterValues(q, p); len(typed) > 0 {
			known, err := s.values(ctx, typed)
			if err != nil {
				return search.Result{}, fmt.Errorf("search: suggestions: %w", err)
			}
			out.Suggestions = search.Suggestions(typed, known)
		}
	}
	return out, nil
}

// filterFields are the keyword fields holding the values of the filters
// that suggestions are given for.
var filterFields = map[string]string{search.FilterDistrict: fDistrict, search.FilterProvince: fProvince,
	search.FilterCategory: fCategory, search.FilterAuthor: fAuthors}

// values returns the values the articles have for each named filter (at
// most the facetSize most frequent), for suggestions.
func (s *Store) values(ctx context.Context, filters map[string][]string) (map[string][]string, error) {
	r := collectRequest{query: term(fKind, kindArticle, 1), size: 0, facets: map[string]string{}}
	for name := range filters {
		r.facets[name] = filterFields[name]
	}
	res, err := s.collect(ctx, r, s.parts)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for name := range filters {
		if fr := res.facets[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				out[name] = append(out[name], t.Term)
			}
		}
	}
	return out, nil
}

// Count returns the number of articles.
func (s *Store) Count(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, errClosed
	}
	req := blevesearch.NewSearchRequestOptions(term(fKind, kindArticle, 1), 0, 0, false)
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return int(res.Total), nil
}

// Ping reports whether the index is open and readable.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.Count(ctx)
	return err
}

// Close closes the index, after the calls in flight. It is safe to call twice.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if err := s.idx.Close(); err != nil {
		return fmt.Errorf("close index %q: %w", s.path, err)
	}
	return nil
}
