package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
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
// index must not be open elsewhere.
func Reindex(ctx context.Context, path string) (ReindexReport, error) {
	var rep ReindexReport
	if path == "" {
		return rep, errors.New("reindex: an in-memory index cannot be re-indexed")
	}
	old, err := blevesearch.OpenUsing(path, map[string]any{"unsafe_batch": false})
	if err != nil {
		return rep, fmt.Errorf("reindex: open %s: %w", path, err)
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
