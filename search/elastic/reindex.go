package elastic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/dra-archive/dra/search"
)

// ReindexReport says what Reindex did.
type ReindexReport struct {
	Articles int      // articles written into the new indices
	Metrics  int      // metric documents they carry
	From     []string // indices the aliases led to before (kept: delete them when satisfied)
	To       []string // the indices the aliases lead to now
	UpToDate bool     // nothing to do: both aliases already lead to this build's indices
}

// Reindex moves the store to this build's mapping versions: it creates the
// versioned indices this build uses, re-indexes every article from DRA's own
// records (the stored Article JSON; its Record, the ArticleProcessed event,
// is mapped again with search.FromProcessed when it decodes, so a changed
// mapping of events reaches old articles too), writes their metric
// documents, and then moves both aliases in one atomic _aliases call. It
// uses no _reindex API (not in the Elasticsearch server core).
//
// Old indices are kept. Run it with the indexers stopped (a new build's
// indexers refuse to start until it is done); articles processed meanwhile
// wait in JetStream. Running it again after a failure is safe: writes are
// versioned.
func Reindex(ctx context.Context, cfg Config) (ReindexReport, error) {
	var rep ReindexReport
	if cfg.Index == "" {
		cfg.Index = DefaultIndex
	}
	if cfg.Shards <= 0 {
		cfg.Shards = 1
	}
	s, err := newStore(cfg)
	if err != nil {
		return rep, err
	}
	defer s.Close()

	current := map[string]bool{}
	var sources []string
	for _, f := range s.families() {
		vs, err := s.mappingVersions(ctx, f.alias)
		if err != nil {
			return rep, fmt.Errorf("elastic: reindex: %s: %w", f.alias, err)
		}
		if _, plain := vs[f.alias]; plain {
			return rep, fmt.Errorf("elastic: reindex: %s is an index, not an alias; DRA needs the alias name: "+
				"move the index aside (clone it under another name) and run dra reindex from it", f.alias)
		}
		current[f.alias] = len(vs) == 1 && vs[f.index] == f.version
		for idx := range vs {
			rep.From = append(rep.From, idx)
			if f.alias == s.alias {
				sources = append(sources, idx)
			}
		}
		if err := s.putTemplate(ctx, f); err != nil {
			return rep, err
		}
	}
	slices.Sort(rep.From)
	rep.To = []string{s.index, s.metricsIndex}
	if current[s.alias] && current[s.metricsAlias] {
		rep.UpToDate = true
		return rep, nil
	}
	for _, idx := range []string{s.index, s.metricsIndex} {
		if slices.Contains(rep.From, idx) {
			continue // already behind its alias, at this build's version
		}
		_, err := s.do(ctx, http.MethodPut, "/"+idx, nil, map[string]any{}, nil)
		var ae *apiError
		if err != nil && !(errors.As(err, &ae) && ae.Type == "resource_already_exists_exception") {
			return rep, fmt.Errorf("elastic: reindex: create %s: %w", idx, err)
		}
	}

	// The writer goes straight to the new indices, without refreshing each
	// batch; one refresh at the end.
	wcfg := s.cfg
	wcfg.Refresh = "false"
	w, err := newStore(wcfg)
	if err != nil {
		return rep, err
	}
	defer w.Close()
	w.alias, w.metricsAlias = s.index, s.metricsIndex

	if len(sources) > 0 {
		err = s.scroll(ctx, sources, func(batch []search.Article) error {
			errs, err := w.Upsert(ctx, batch)
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
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("elastic: reindex: %w", err)
		}
	}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.index+","+s.metricsIndex+"/_refresh", nil, nil, nil); err != nil {
		return rep, fmt.Errorf("elastic: reindex: refresh: %w", err)
	}

	var actions []any
	for _, f := range s.families() {
		vs, err := s.mappingVersions(ctx, f.alias)
		if err != nil {
			return rep, err
		}
		for idx := range vs {
			if idx != f.index {
				actions = append(actions, map[string]any{"remove": map[string]any{"index": idx, "alias": f.alias}})
			}
		}
		actions = append(actions, map[string]any{"add": map[string]any{"index": f.index, "alias": f.alias, "is_write_index": true}})
	}
	if _, err := s.do(ctx, http.MethodPost, "/_aliases", nil, map[string]any{"actions": actions}, nil); err != nil {
		return rep, fmt.Errorf("elastic: reindex: switch aliases: %w", err)
	}
	s.log.Info("reindexed", "articles", rep.Articles, "metrics", rep.Metrics, "from", rep.From, "to", rep.To)
	return rep, nil
}

// scroll reads every stored article of the indices in batches. An article
// whose Record decodes as an ArticleProcessed is mapped again from it.
func (s *Store) scroll(ctx context.Context, indices []string, fn func([]search.Article) error) error {
	type page struct {
		ScrollID string `json:"_scroll_id"`
		Hits     struct {
			Hits []struct {
				Source storedDoc `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	var p page
	body := map[string]any{"size": 500, "sort": []string{"_doc"}, "_source": []string{fieldArticle, fieldRecordBody}}
	idx := strings.Join(indices, ",")
	if _, err := s.do(ctx, http.MethodPost, "/"+idx+"/_search", url.Values{"scroll": {"5m"}}, body, &p); err != nil {
		return fmt.Errorf("scroll %s: %w", idx, err)
	}
	defer func() {
		if p.ScrollID != "" {
			_, _ = s.do(context.WithoutCancel(ctx), http.MethodDelete, "/_search/scroll", nil, map[string]any{"scroll_id": p.ScrollID}, nil)
		}
	}()
	for len(p.Hits.Hits) > 0 {
		batch := make([]search.Article, 0, len(p.Hits.Hits))
		for _, h := range p.Hits.Hits {
			a, err := decodeArticle(h.Source)
			if err != nil {
				return fmt.Errorf("decode stored article: %w", err)
			}
			batch = append(batch, search.Rebuild(a))
		}
		if err := fn(batch); err != nil {
			return err
		}
		id := p.ScrollID
		p = page{}
		if _, err := s.do(ctx, http.MethodPost, "/_search/scroll", nil, map[string]any{"scroll": "5m", "scroll_id": id}, &p); err != nil {
			return fmt.Errorf("scroll %s: %w", idx, err)
		}
	}
	return nil
}
