package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dra-archive/dra/search"
)

// ReindexReport says what Reindex did.
type ReindexReport struct {
	Articles int
	Metrics  int
	Old      string // where the old index was moved (delete it when satisfied)
	UpToDate bool
}

// Reindex rebuilds the index at path in this build's layout from the
// articles stored in it (each mapped again from its Record when that
// decodes, see search.Rebuild): it writes a new index next to it, then moves
// the old one aside to path.old-<unix time> and the new one into place. The
// index must not be open elsewhere. An index that does not open is an
// ErrUnreadable (or ErrHeld): RebuildFrom rebuilds it from other records.
func Reindex(ctx context.Context, path string) (ReindexReport, error) {
	var rep ReindexReport
	if path == "" {
		return rep, errors.New("reindex: an in-memory index cannot be re-indexed")
	}
	old, err := blevesearch.OpenUsing(path, map[string]any{"unsafe_batch": false, "bolt_timeout": boltTimeout})
	if err != nil {
		return rep, fmt.Errorf("reindex: %w", openError(path, err))
	}
	v, err := old.GetInternal(mappingVersionKey)
	if err == nil && string(v) == mappingVersion {
		rep.UpToDate = true
		return rep, old.Close()
	}
	tmp := path + ".reindex"
	if err := os.RemoveAll(tmp); err != nil {
		return rep, errors.Join(err, old.Close())
	}
	nw, err := Open(tmp)
	if err != nil {
		return rep, errors.Join(err, old.Close())
	}
	err = copyArticles(ctx, old, nw, &rep)
	err = errors.Join(err, old.Close(), nw.Close())
	if err != nil {
		_ = os.RemoveAll(tmp)
		return rep, fmt.Errorf("reindex %s: %w", path, err)
	}
	rep.Old = path + ".old-" + strconv.FormatInt(time.Now().Unix(), 10)
	if err := os.Rename(path, rep.Old); err != nil {
		return rep, fmt.Errorf("reindex: move the old index aside: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return rep, fmt.Errorf("reindex: move the new index into place (the old one is at %s): %w", rep.Old, err)
	}
	return rep, nil
}

// copyArticles writes every stored article of old into nw, in _id order.
func copyArticles(ctx context.Context, old blevesearch.Index, nw *Store, rep *ReindexReport) error {
	return eachPage(ctx, old.SearchInContext, query.NewMatchAllQuery(), 500, []string{fArticle}, func(hits bsearch.DocumentMatchCollection) error {
		var batch []search.Article
		for _, h := range hits {
			raw, ok := h.Fields[fArticle].(string)
			if !ok {
				continue // a metric document: rebuilt from its article
			}
			a, err := decodeStored([]byte(raw))
			if err != nil {
				return fmt.Errorf("decode %s: %w", h.ID, err)
			}
			batch = append(batch, search.Rebuild(a))
		}
		if len(batch) > 0 {
			errs, err := nw.Upsert(ctx, batch)
			if err != nil {
				return err
			}
			for i, e := range errs {
				if e != nil {
					return fmt.Errorf("article %s: %w", batch[i].ID, e)
				}
				rep.Articles++
				rep.Metrics += len(batch[i].Metrics)
			}
		}
		return nil
	})
}

// RebuildFrom builds a new index at path from the articles fill writes
// (through the Store it is given: newer versions win, so the order does not
// matter) in place of the one there, which may be unreadable: the new index
// is written next to it, then the old one is moved aside to
// path.damaged-<unix time> (when there is one) and the new one into place.
func RebuildFrom(ctx context.Context, path string, fill func(context.Context, *Store) error) (ReindexReport, error) {
	var rep ReindexReport
	if path == "" {
		return rep, errors.New("rebuild: an in-memory index cannot be rebuilt")
	}
	tmp := path + ".reindex"
	if err := os.RemoveAll(tmp); err != nil {
		return rep, err
	}
	nw, err := Open(tmp)
	if err != nil {
		return rep, err
	}
	err = fill(ctx, nw)
	if err == nil {
		rep.Articles, err = nw.Count(ctx)
	}
	if err == nil {
		var m search.MetricResult
		m, err = nw.Metrics(ctx, search.MetricQuery{Size: 1})
		rep.Metrics = m.Total
	}
	if err = errors.Join(err, nw.Close()); err != nil {
		_ = os.RemoveAll(tmp)
		return rep, fmt.Errorf("rebuild %s: %w", path, err)
	}
	if _, err := os.Stat(path); err == nil {
		rep.Old = path + ".damaged-" + strconv.FormatInt(time.Now().Unix(), 10)
		if err := os.Rename(path, rep.Old); err != nil {
			return rep, fmt.Errorf("rebuild: move the old index aside: %w", err)
		}
	}
	// A creation marker left by an interrupted start belongs to the old index.
	if err := os.Remove(path + ".creating"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return rep, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return rep, fmt.Errorf("rebuild: move the new index into place (the old one is at %s): %w", rep.Old, err)
	}
	return rep, syncDir(filepath.Dir(filepath.Clean(path)))
}
