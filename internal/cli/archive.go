package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
)

func init() { register(archiveCmd) }

func archiveCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	cmd := &cobra.Command{
		Use:   "archive",
		Short: "Read the WARC archive of fetched pages",
		Args:  cobra.NoArgs,
	}
	var headers bool
	var sourcesFile string
	get := &cobra.Command{
		Use:   "get ARTICLE_ID",
		Short: "Print the archived original of an article, byte for byte as the portal sent it",
		Long: `Print the body of the latest archived 200 response of an article, byte for byte (in
the portal's own charset). The record is found in the crawl state bucket (KV
` + crawler.StateBucket + `) when --nats-url is set, else by scanning the WARC files
under <data-dir>/warc; the scan knows the article IDs of pages fetched at a
source's aliases from --sources.`,
		Example: `  dra archive get 599fa1669ce0fd2f8df34ddb7428edde > original.html
  dra archive get --nats-url nats://127.0.0.1:4222 --headers 599fa1669ce0fd2f8df34ddb7428edde`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			warcDir := filepath.Join(o.dataDir, "warc")
			var srcs []crawler.Source
			if o.natsURL == "" { // only the scan needs them
				var err error
				if srcs, err = loadSources(sourcesFile); err != nil {
					return err
				}
			}
			ref, err := o.findArchived(cmd.Context(), warcDir, id, srcs)
			if err != nil {
				return err
			}
			h, body, err := crawler.ReadArchived(warcDir, ref)
			if err != nil {
				return err
			}
			if headers {
				if err := h.Write(cmd.ErrOrStderr()); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "\n(record %s in %s at offset %d)\n", ref.RecordID, ref.File, ref.Offset)
			}
			_, err = cmd.OutOrStdout().Write(body)
			return err
		},
	}
	get.Flags().BoolVar(&headers, "headers", false, "also print the archived HTTP headers and the record to stderr")
	get.Flags().StringVar(&sourcesFile, "sources", env(EnvSources, ""), "sources YAML file whose hosts and aliases identify articles in the WARC scan (env "+EnvSources+")")
	get.Flags().StringVar(&o.natsURL, "nats-url", env(EnvNATSURL, ""), "NATS server URL to look the record up in the state bucket; empty scans the WARC files (env "+EnvNATSURL+")")
	cmd.PersistentFlags().StringVar(&o.dataDir, "data-dir", env(EnvDataDir, "data"), "data directory holding warc/ (env "+EnvDataDir+")")
	cmd.AddCommand(get)
	return cmd
}

func (o *options) findArchived(ctx context.Context, warcDir, id string, srcs []crawler.Source) (event.WARCRef, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.natsURL == "" {
		return crawler.FindArchived(warcDir, id, srcs...)
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	nc, err := nats.Connect(o.natsURL, nats.Name("dra-archive"))
	if err != nil {
		return event.WARCRef{}, fmt.Errorf("nats at %s: %w", o.natsURL, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return event.WARCRef{}, err
	}
	state, err := crawler.ExistingState(cctx, js)
	if err != nil {
		return event.WARCRef{}, err
	}
	p, err := state.Article(cctx, id)
	if err != nil {
		return event.WARCRef{}, err
	}
	if p.WARC == nil {
		return event.WARCRef{}, fmt.Errorf("article %s: %w", id, errors.Join(crawler.ErrNotArchived, errors.New("no WARC record (fetched without an archive)")))
	}
	return *p.WARC, nil
}
