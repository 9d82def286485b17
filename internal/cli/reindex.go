package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

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
Bleve: write a new index next to the old one and swap the directories.
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
	return cmd
}
