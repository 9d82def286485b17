package cli

import (
	"fmt"
	"io"
	"os"

	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
)

// NewRoot returns the dra command tree.
func NewRoot() *cobra.Command {
	var logLevel string
	root := &cobra.Command{
		Use:   "dra",
		Short: "DRA, the District Reports Archive: crawl, extract and search Vietnamese district government reports",
		Long: `DRA crawls Vietnamese district portals, keeps what it fetched, extracts the facts
(metrics, authors, cited documents, dates, places) and makes the archive searchable
in Vietnamese, with or without diacritics.

Start with "dra demo": it serves simulated district portals on loopback and runs the
whole pipeline against them. "dra run" runs every stage in one process (embedded NATS
and Bleve by default); crawl, process, index and serve run one stage each, for production.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionLine(),
	}
	root.SetVersionTemplate("dra {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.PersistentFlags().StringVar(&logLevel, "log-level", env(EnvLogLevel, "info"), "debug, info, warn or error (env "+EnvLogLevel+")")
	rs := &rootState{out: &logOutput{w: os.Stderr}}
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		l, err := newLogger(logLevel, rs.out)
		if err != nil {
			return err
		}
		rs.logger = l
		return nil
	}
	root.AddCommand(runCmd(rs), demoCmd(rs), processCmd(rs), indexCmd(rs), serveCmd(rs), searchCmd())
	for _, newCmd := range registered {
		root.AddCommand(newCmd(rs))
	}
	markUsageErrors(root)
	return root
}

// markUsageErrors makes every command's argument check return a usage
// error (exit code ExitUsage).
func markUsageErrors(c *cobra.Command) {
	if args := c.Args; args != nil {
		c.Args = func(cmd *cobra.Command, a []string) error { return usageError(args(cmd, a)) }
	}
	for _, sub := range c.Commands() {
		markUsageErrors(sub)
	}
}

// registered are subcommands that files of this package add with register,
// so that each command lives in its own file.
var registered []func(*rootState) *cobra.Command

func register(newCmd func(*rootState) *cobra.Command) { registered = append(registered, newCmd) }

// Execute runs the command line and returns the process exit code.
func Execute(args []string, stdout, stderr io.Writer) int {
	root := NewRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	code := exitCode(err)
	if err != nil && code != ExitOK {
		fmt.Fprintln(stderr, "dra:", err)
		if code == ExitUsage {
			fmt.Fprintln(stderr, `run "dra --help" or "dra COMMAND --help" for the commands and their flags`)
		}
	}
	return code
}

func loadSources(path string) ([]crawler.Source, error) {
	if path == "" {
		return nil, nil
	}
	return crawler.LoadSources(path)
}

func runCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var conc concurrency
	var sourcesFile string
	var interval time.Duration
	var cf crawlFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run every stage in one process: crawl, process, index and serve",
		Long: `Run every stage in one process, on the same code paths as the separate services.
Without --nats-url an embedded NATS server with JetStream keeps its store in the data
directory; without --es-url the embedded Bleve index does. Sources come from --sources.`,
		Example: `  dra run --sources sources.yaml
  dra run --nats-url nats://nats:4222 --es-url http://elasticsearch:9200 --sources sources.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srcs, err := loadSources(sourcesFile)
			if err != nil {
				return err
			}
			if len(srcs) == 0 {
				o.log().Warn("no sources: nothing will be crawled (pass --sources FILE)")
			}
			ctx, stop := signalContext(o.log())
			defer stop()
			return o.runPipeline(ctx, stages{crawl: len(srcs) > 0, process: true, index: true, serve: true, sources: srcs,
				interval: interval, crawlFlags: cf, conc: conc})
		},
	}
	o.bindStorage(cmd)
	o.bindNATS(cmd, true)
	o.bindHTTP(cmd)
	o.bindMetrics(cmd)
	o.bindArchive(cmd, false)
	bindConcurrency(cmd, &conc, false, true, true)
	cmd.Flags().StringVar(&sourcesFile, "sources", env(EnvSources, ""), "sources YAML file (env "+EnvSources+")")
	cmd.Flags().DurationVar(&interval, "crawl-interval", envDuration(EnvInterval, 6*time.Hour), "time between crawls of sources without a schedule; 0 crawls them once at start-up (env "+EnvInterval+")")
	cmd.Flags().IntVar(&cf.workers, "workers", DefaultRunWorkers, "crawl jobs (sources) crawled at once; each source keeps its own per-host politeness")
	bindWARCCompression(cmd, &cf)
	return cmd
}

// DefaultRunWorkers is how many sources `dra run` crawls at once.
const DefaultRunWorkers = 4

func processCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var conc concurrency
	cmd := &cobra.Command{
		Use:   "process",
		Short: "Run the processor stage: dra.article.fetched to dra.article.processed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signalContext(o.log())
			defer stop()
			return o.runPipeline(ctx, stages{process: true, conc: conc})
		},
	}
	bindConcurrency(cmd, &conc, false, true, false)
	o.bindNATS(cmd, false)
	o.bindMetrics(cmd)
	return cmd
}

func indexCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var conc concurrency
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Run the indexer stage: write dra.article.processed to the search store",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signalContext(o.log())
			defer stop()
			return o.runPipeline(ctx, stages{index: true, conc: conc})
		},
	}
	bindConcurrency(cmd, &conc, false, false, true)
	o.bindNATS(cmd, false)
	o.bindMetrics(cmd)
	o.bindStorage(cmd)
	return cmd
}

func serveCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json, /healthz, /readyz, /metrics)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signalContext(o.log())
			defer stop()
			return o.runPipeline(ctx, stages{serve: true})
		},
	}
	o.bindNATS(cmd, false)
	o.bindStorage(cmd)
	o.bindHTTP(cmd)
	o.bindMetrics(cmd)
	o.bindArchive(cmd, false)
	return cmd
}
