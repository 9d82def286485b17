package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/web"
)

func init() { register(sourcesCmd) }

func sourcesCmd(rs *rootState) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List, validate and show the portals of a sources file, and push them into the cluster",
		Args:  cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&file, "sources", env(EnvSources, "sources.yaml"), "sources YAML file (env "+EnvSources+")")
	list := &cobra.Command{
		Use:   "list [FILE]",
		Short: "List the sources: id, district, province, schedule, start URL",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := fileArg(file, args)
			srcs, err := crawler.LoadSources(file)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tDISTRICT\tPROVINCE\tSCHEDULE\tDELAY\tSTART URL")
			for _, s := range srcs {
				sched := s.Schedule
				if sched == "" {
					sched = "(--crawl-interval)"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.District, s.Province, sched, s.Politeness.Delay, s.StartURLs[0])
			}
			return w.Flush()
		},
	}
	validate := &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a sources file, reporting every problem at once",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := fileArg(file, args)
			srcs, err := crawler.LoadSources(file)
			if err != nil {
				return fmt.Errorf("%s:\n%w", file, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d sources, all valid\n", file, len(srcs))
			return nil
		},
	}
	cmd.AddCommand(list, validate, sourcesShowCmd(), sourcesPushCmd(rs))
	return cmd
}

// sourcesPushCmd stores a validated sources file in the cluster's sources
// bucket, which schedulers and workers follow.
func sourcesPushCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	cmd := &cobra.Command{
		Use:   "push FILE",
		Short: "Validate a sources file and make it the cluster's sources (KV bucket " + crawler.SourcesBucket + ")",
		Long: `Validate a sources file and store it in the JetStream KV bucket ` + crawler.SourcesBucket + `, one key
per source: new and changed sources are written, unchanged ones left, and sources no longer
in the file removed. Nothing is written if a source is invalid. "dra crawl" without
--sources takes its sources from the bucket and follows its changes (a changed schedule is
planned again at once, a worker crawls a source as the bucket has it now); with --sources
FILE it uses the file, and its workers still take a job for a source the file lacks from
the bucket instead of dead-lettering it.`,
		Example: `  dra sources push sources.yaml --nats-url nats://nats-1:4222 --replicas 3`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			srcs, err := crawler.LoadSources(args[0])
			if err != nil {
				return fmt.Errorf("%s:\n%w", args[0], err)
			}
			ctx := cmd.Context()
			conn, closeBus, err := o.openBus(ctx, "dra-sources", nil)
			if err != nil {
				return err
			}
			defer closeBus()
			cat, err := crawler.OpenCatalog(ctx, conn.JS, o.replicas)
			if err != nil {
				return err
			}
			res, err := cat.Push(ctx, srcs)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d sources in %s: %d added, %d updated, %d unchanged, %d removed\n",
				args[0], len(srcs), crawler.SourcesBucket, len(res.Added), len(res.Updated), len(res.Unchanged), len(res.Removed))
			for _, l := range []struct {
				what string
				ids  []string
			}{{"added", res.Added}, {"updated", res.Updated}, {"removed", res.Removed}} {
				if len(l.ids) > 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "  %s: %s\n", l.what, strings.Join(l.ids, " "))
				}
			}
			return nil
		},
	}
	o.bindNATS(cmd, false)
	return cmd
}

// sourcesShowCmd prints one source's crawl state and learned page template
// through a running API (dra run, demo or serve).
func sourcesShowCmd() *cobra.Command {
	var apiURL string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a source's last crawl and the page template the processor learned for it",
		Long: `Show one source as a running API (dra run, dra demo, dra serve) knows it: its last crawl,
and the page template the processor learned from its pages: where the title, publish date,
category, views, byline and body are, on how many of the sampled pages each was found there,
and whether the view counter is the site's own (the same on every page) rather than the
article's. A template is learned from a source's first pages, kept in the DRA_PROFILES
bucket (it survives restarts), versioned, and learned again when a portal is rebuilt and
its pages stop fitting. Sources with CSS selectors are read with them and learn none.`,
		Example: `  dra sources show thanhtri
  dra sources show sontay --api-url http://127.0.0.1:8080`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var body struct {
				Sources []web.SourceStatus `json:"sources"`
			}
			if err := apiGet(apiURL, "/api/v1/sources", nil, &body); err != nil {
				return err
			}
			for _, s := range body.Sources {
				if s.ID != args[0] {
					continue
				}
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "%s  %s  (%s, %s)\n", s.ID, s.Name, orDash(s.District), orDash(s.Province))
				fmt.Fprintf(w, "articles: %d\n", s.Articles)
				if s.LastCompleted != nil {
					fmt.Fprintf(w, "last crawl completed: %s\n", s.LastCompleted.Format(time.RFC3339))
				}
				if s.Selectors {
					fmt.Fprintln(w, "template: read with its CSS selectors (sources.yaml); none is learned")
					return nil
				}
				if s.Template == nil {
					fmt.Fprintf(w, "template: none learned yet (the first %d pages of a source without selectors are sampled)\n", page.MinSamples)
					return nil
				}
				fmt.Fprint(w, s.Template.Describe())
				return nil
			}
			return fmt.Errorf("source %q is not one of the API's sources (dra sources list)", args[0])
		},
	}
	cmd.Flags().StringVar(&apiURL, "api-url", env(EnvAPIURL, "http://127.0.0.1:8080"), "URL of the dra API (env "+EnvAPIURL+")")
	return cmd
}

// fileArg is the sources file: the argument when given, else --sources.
func fileArg(flag string, args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return flag
}
