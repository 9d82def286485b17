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
	index "github.com/blevesearch/bleve_index_api"

	"github.com/dra-archive/dra/search"
)

var _ search.Store = (*Store)(nil)

// defaultSize is the page size when search.Query.Size is 0.
const defaultSize = 10

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
	// package comment).
	config := map[string]any{"unsafe_batch": false}

	var idx blevesearch.Index
	_, err := os.Stat(filepath.Join(path, "index_meta.json"))
	switch {
	case path != "" && err == nil:
		idx, err = blevesearch.OpenUsing(path, config)
		if err != nil {
			return nil, fmt.Errorf("open index %s: %w", path, err)
		}
		v, err := idx.GetInternal(mappingVersionKey)
		if err == nil && string(v) != mappingVersion {
			err = fmt.Errorf("index has layout %q, want %q: rebuild it", v, mappingVersion)
		}
		if err != nil {
			return nil, errors.Join(fmt.Errorf("open index %s: %w", path, err), idx.Close())
		}
		log.Debug("index opened")
	case path != "" && !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("open index %s: %w", path, err)
	default:
		m, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		idx, err = blevesearch.NewUsing(path, m, scorch.Name, scorch.Name, config)
		if err != nil {
			return nil, fmt.Errorf("create index %q: %w", path, err)
		}
		if err := idx.SetInternal(mappingVersionKey, []byte(mappingVersion)); err != nil {
			return nil, errors.Join(fmt.Errorf("create index %q: %w", path, err), idx.Close())
		}
		log.Debug("index created")
	}
	return &Store{idx: idx, path: path, log: log}, nil
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
	for i, a := range docs {
		if a.ID == "" {
			errs[i] = fmt.Errorf("document %d: empty id", i)
			continue
		}
		cur, ok := latest[a.ID]
		if !ok {
			v, found, err := s.storedVersion(a.ID)
			if err != nil {
				return nil, fmt.Errorf("read version of %s: %w", a.ID, err)
			}
			cur, ok = v, found
		}
		if ok && a.Version < cur {
			s.log.Debug("older version ignored", "article_id", a.ID, "version", a.Version, "stored_version", cur)
			latest[a.ID] = cur
			continue
		}
		doc, err := indexDoc(a)
		if err == nil {
			err = batch.Index(a.ID, doc)
		}
		if err != nil {
			errs[i] = fmt.Errorf("document %s: %w", a.ID, err)
			continue
		}
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
	doc, err := s.idx.Document(id)
	if err != nil || doc == nil {
		return nil, err
	}
	var raw []byte
	doc.VisitFields(func(f index.Field) {
		if f.Name() == fArticle {
			raw = append([]byte(nil), f.Value()...)
		}
	})
	if raw == nil {
		return nil, fmt.Errorf("document %s has no stored article", id)
	}
	return raw, nil
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
	var a search.Article
	if err := json.Unmarshal(raw, &a); err != nil {
		return search.Article{}, fmt.Errorf("decode %s: %w", id, err)
	}
	return a, nil
}

// Search runs q; see search.Query for the semantics.
func (s *Store) Search(ctx context.Context, q search.Query) (search.Result, error) {
	p, err := search.ParseText(q.Text)
	if err != nil {
		return search.Result{}, err
	}
	if q.Offset < 0 || q.Size < 0 {
		return search.Result{}, fmt.Errorf("%w: negative size or offset", search.ErrBadQuery)
	}
	bq, err := buildQuery(p, q)
	if err != nil {
		return search.Result{}, err
	}
	size := q.Size
	if size == 0 {
		size = defaultSize
	}
	size = min(size, search.MaxSize)
	req := blevesearch.NewSearchRequestOptions(bq, size, q.Offset, false)
	req.Fields = []string{fArticle}
	switch q.Sort {
	case search.SortRelevance, "":
		req.SortBy([]string{"-_score", "_id"}) // _id: stable pages among equal scores
	case search.SortDate:
		req.SortByCustom(bsearch.SortOrder{
			&bsearch.SortField{Field: fPublished, Type: bsearch.SortFieldAsDate, Desc: true, Missing: bsearch.SortFieldMissingLast},
			&bsearch.SortDocID{},
		})
	default:
		return search.Result{}, fmt.Errorf("%w: unknown sort %q", search.ErrBadQuery, q.Sort)
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return search.Result{}, errClosed
	}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	out := search.Result{Total: int(res.Total), Hits: make([]search.Hit, 0, len(res.Hits))}
	hasText := len(p.Terms)+len(p.Phrases)+len(p.Codes) > 0
	for _, h := range res.Hits {
		raw, ok := h.Fields[fArticle].(string)
		if !ok {
			return search.Result{}, fmt.Errorf("search: hit %s has no stored article", h.ID)
		}
		var a search.Article
		if err := json.Unmarshal([]byte(raw), &a); err != nil {
			return search.Result{}, fmt.Errorf("search: decode %s: %w", h.ID, err)
		}
		hit := search.Hit{
			ID: a.ID, Score: h.Score, URL: a.URL, Title: a.Title, SourceID: a.SourceID,
			District: a.District, Province: a.Province, Category: a.Category,
			Authors: a.Authors, PublishedAt: a.PublishedAt,
		}
		if hasText {
			hit.Highlights = search.Highlight(a.Body, p, highlightFragments)
			if len(hit.Highlights) == 0 {
				hit.Highlights = search.Highlight(a.Title, p, highlightFragments)
			}
		}
		out.Hits = append(out.Hits, hit)
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
	n, err := s.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return int(n), nil
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
