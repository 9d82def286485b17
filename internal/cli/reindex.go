package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/elastic"
)

func init() { register(reindexCmd) }

func reindexCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search store in this build's index layout from DRA's own records",
		Long: `Rebuild the search store after a mapping change. Elasticsearch: create this build's
versioned indices, re-index every stored article (and its metric documents) into them,
then move the dra-articles and dra-metrics aliases in one step; the old indices are kept.
Bleve: write a new index next to the old one and swap the directories. A Bleve index
that does not open (damaged: its mapping, metadata or root file unreadable) is rebuilt
from the DRA_PROCESSED stream instead, every article it still holds (the stream keeps
them for its max age, 14 days by default), and moved aside to <index>.damaged-<time>.
Stop the indexers first; articles processed meanwhile wait in JetStream.`,
		Example: `  dra reindex --es-url http://127.0.0.1:9200
  dra reindex --data-dir data`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signalContext(o.log())
			defer stop()
			w := cmd.OutOrStdout()
			if o.esURL != "" {
				rep, err := elastic.Reindex(ctx, o.esConfig())
				if err != nil {
					return err
				}
				if rep.UpToDate {
					fmt.Fprintf(w, "already up to date: %s\n", strings.Join(rep.To, ", "))
					return nil
				}
				fmt.Fprintf(w, "re-indexed %d articles and %d metrics into %s\n", rep.Articles, rep.Metrics, strings.Join(rep.To, ", "))
				if len(rep.From) > 0 {
					fmt.Fprintf(w, "the old indices are kept: %s (delete them when satisfied)\n", strings.Join(rep.From, ", "))
				}
				return nil
			}
			lock, err := lockDataDir(o.dataDir)
			if err != nil {
				return withCode(ExitUnavailable, err)
			}
			defer lock.Close()
			dir := filepath.Join(o.dataDir, "bleve")
			rep, err := bleve.Reindex(ctx, dir)
			if errors.Is(err, bleve.ErrUnreadable) {
				fmt.Fprintf(cmd.ErrOrStderr(), "%v\nrebuilding it from the DRA_PROCESSED stream\n", err)
				return rebuildFromStream(ctx, o, dir, w)
			}
			if err != nil {
				return err
			}
			if rep.UpToDate {
				fmt.Fprintf(w, "already up to date: %s\n", dir)
				return nil
			}
			fmt.Fprintf(w, "re-indexed %d articles and %d metrics into %s; the old index is at %s (delete it when satisfied)\n",
				rep.Articles, rep.Metrics, dir, rep.Old)
			return nil
		},
	}
	o.bindStorage(cmd)
	o.bindNATS(cmd, true)
	return cmd
}

// rebuildFromStream rebuilds the Bleve index at dir from every article
// still in the DRA_PROCESSED stream, each stored as the indexer stores it.
func rebuildFromStream(ctx context.Context, o *options, dir string, w io.Writer) error {
	conn, closeBus, err := o.openBus(ctx, "dra-reindex", nil)
	if err != nil {
		return withCode(ExitUnavailable, err)
	}
	defer closeBus()
	var events, skipped int
	rep, err := bleve.RebuildFrom(ctx, dir, func(ctx context.Context, s *bleve.Store) error {
		st, err := conn.JS.Stream(ctx, event.StreamProcessed)
		if err != nil {
			return fmt.Errorf("stream %s: %w", event.StreamProcessed, err)
		}
		info, err := st.Info(ctx)
		if err != nil {
			return fmt.Errorf("stream %s: %w", event.StreamProcessed, err)
		}
		var batch []search.Article
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			errs, err := s.Upsert(ctx, batch)
			if err != nil {
				return err
			}
			for i, e := range errs {
				if e != nil {
					skipped++
					o.log().Warn("article not re-indexed", "article_id", batch[i].ID, "error", e)
				}
			}
			batch = batch[:0]
			return nil
		}
		for seq := info.State.FirstSeq; seq > 0 && seq <= info.State.LastSeq; seq++ {
			m, err := conn.Get(ctx, event.StreamProcessed, seq)
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue // deleted from the stream
			}
			if err != nil {
				return err
			}
			events++
			p, err := event.DecodeProcessed(m.Data)
			if err != nil {
				skipped++
				o.log().Warn("event not re-indexed", "seq", seq, "error", err)
				continue
			}
			doc, _, err := indexer.Document(p, indexer.DefaultMaxBody)
			if err != nil {
				skipped++
				o.log().Warn("event not re-indexed", "seq", seq, "article_id", p.ArticleID, "error", err)
				continue
			}
			if batch = append(batch, doc); len(batch) == 500 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "rebuilt %s from %d events of %s: %d articles and %d metrics (%d events skipped)\n",
		dir, events, event.StreamProcessed, rep.Articles, rep.Metrics, skipped)
	if rep.Old != "" {
		fmt.Fprintf(w, "the damaged index is at %s (delete it when satisfied); articles older than the stream's max age "+
			"need re-processing from the WARC archive or a re-crawl\n", rep.Old)
	}
	return nil
}
