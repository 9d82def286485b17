// Package cli is the dra command line: the subcommands, their flags and
// environment variables, and the wiring of the stages for each of them.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/warcstore"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/elastic"
)

// Environment variables the binary reads. Every flag of the same meaning
// defaults to its variable.
const (
	EnvDataDir  = "DRA_DATA_DIR"
	EnvNATSURL  = "DRA_NATS_URL"
	EnvESURL    = "DRA_ES_URL"
	EnvHTTPAddr = "DRA_HTTP_ADDR"
	EnvAPIURL   = "DRA_API_URL"
	EnvLogLevel = "DRA_LOG_LEVEL"
	EnvSources  = "DRA_SOURCES"
	EnvReplicas = "DRA_REPLICAS"
	EnvInterval = "DRA_CRAWL_INTERVAL"
	EnvArchive  = "DRA_ARCHIVE"
	// S3-compatible storage for --archive s3://...; the keys are read
	// from the environment only.
	EnvS3Endpoint  = "DRA_S3_ENDPOINT"
	EnvS3Region    = "DRA_S3_REGION"
	EnvS3AccessKey = "DRA_S3_ACCESS_KEY"
	EnvS3SecretKey = "DRA_S3_SECRET_KEY"

	EnvESShards          = "DRA_ES_SHARDS"
	EnvESReplicas        = "DRA_ES_REPLICAS"
	EnvESRefresh         = "DRA_ES_REFRESH"
	EnvESRefreshInterval = "DRA_ES_REFRESH_INTERVAL"
)

// EnvNames lists every environment variable dra reads.
var EnvNames = []string{EnvDataDir, EnvNATSURL, EnvESURL, EnvHTTPAddr, EnvAPIURL, EnvLogLevel, EnvSources, EnvReplicas, EnvInterval, EnvPerServer, EnvMetricsAddr, EnvAdminToken,
	EnvArchive, EnvS3Endpoint, EnvS3Region, EnvS3AccessKey, EnvS3SecretKey,
	EnvESShards, EnvESReplicas, EnvESRefresh, EnvESRefreshInterval,
	EnvProcesses, EnvMaxJobsInFlight, EnvProcessBatch, EnvProcessMaxPending, EnvIndexBatch, EnvIndexMaxPending, EnvIndexConcurrency}

// envOnly are variables with no flag: secrets stay out of process listings.
var envOnly = []string{EnvAdminToken, EnvS3AccessKey, EnvS3SecretKey}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// rootState is what the root command sets up for every subcommand.
type rootState struct {
	logger *slog.Logger
	// out is the logger's output (stderr), shared with progress bars.
	out *logOutput
}

// options are one subcommand's settings. Each subcommand has its own, so
// flag defaults of one never leak into another.
type options struct {
	rs       *rootState
	dataDir  string
	natsURL  string
	esURL    string
	es       esOptions
	httpAddr string
	replicas int
	// archiveURL is where WARC records go: nats-os://BUCKET[/PREFIX],
	// s3://BUCKET[/PREFIX] or file:///DIR.
	archiveURL string
	s3         warcstore.S3Config
	// metricsAddr, when set, serves /metrics, /healthz and /readyz.
	metricsAddr string
}

func (o *options) bindMetrics(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.metricsAddr, "metrics-addr", env(EnvMetricsAddr, ""), "address serving /metrics, /healthz and /readyz for this process, e.g. 127.0.0.1:9090; empty: none (env "+EnvMetricsAddr+")")
}

func (o *options) log() *slog.Logger { return o.rs.logger }

func (o *options) bindStorage(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.dataDir, "data-dir", env(EnvDataDir, "data"), "directory for the embedded NATS store, the Bleve index and crawl state (env "+EnvDataDir+")")
	f.StringVar(&o.esURL, "es-url", env(EnvESURL, ""), "Elasticsearch node URLs, separated by commas (a request that cannot reach one node is sent to another); empty uses the embedded Bleve index in the data directory (env "+EnvESURL+")")
	f.IntVar(&o.es.shards, "es-shards", envInt(EnvESShards, 1), "primary shards of a newly created Elasticsearch index (env "+EnvESShards+")")
	f.IntVar(&o.es.replicas, "es-replicas", envInt(EnvESReplicas, 0), "replicas of each Elasticsearch shard: 0 on one node, 1 or more in a cluster that must survive losing a node; applied to existing indices too when given (env "+EnvESReplicas+")")
	f.StringVar(&o.es.refresh, "es-refresh", env(EnvESRefresh, "false"), "refresh parameter of the indexer's bulk writes: false (ack once durable; searchable at the next scheduled refresh), wait_for or true (env "+EnvESRefresh+")")
	f.StringVar(&o.es.refreshInterval, "es-refresh-interval", env(EnvESRefreshInterval, ""), "index.refresh_interval of the Elasticsearch indices, e.g. 1s or 30s; empty keeps Elasticsearch's default (1s); applied to existing indices too when given (env "+EnvESRefreshInterval+")")
	o.es.flags = f
}

// esOptions are the Elasticsearch settings of the storage flags.
type esOptions struct {
	shards, replicas         int
	refresh, refreshInterval string
	flags                    *pflag.FlagSet
}

// esConfig is the Elasticsearch store configuration of the flags.
func (o *options) esConfig() elastic.Config {
	cfg := elastic.Config{
		URL: o.esURL, Logger: o.log(),
		Shards: o.es.shards, Replicas: o.es.replicas,
		Refresh: o.es.refresh, RefreshInterval: o.es.refreshInterval,
	}
	// Settings given explicitly are applied to the existing indices too;
	// defaults never override what an operator set on a running cluster.
	if o.es.flags != nil {
		for _, name := range []string{"es-replicas", "es-refresh-interval"} {
			if o.es.flags.Changed(name) {
				cfg.UpdateSettings = true
			}
		}
	}
	for _, name := range []string{EnvESReplicas, EnvESRefreshInterval} {
		if env(name, "") != "" {
			cfg.UpdateSettings = true
		}
	}
	return cfg
}

func (o *options) bindNATS(cmd *cobra.Command, embeddedDefault bool) {
	def, help := "nats://127.0.0.1:4222", "NATS server URL (env "+EnvNATSURL+")"
	if embeddedDefault {
		def, help = "", "NATS server URL; empty starts an embedded NATS server with JetStream in the data directory (env "+EnvNATSURL+")"
	}
	cmd.Flags().StringVar(&o.natsURL, "nats-url", env(EnvNATSURL, def), help)
	cmd.Flags().IntVar(&o.replicas, "replicas", envInt(EnvReplicas, 1), "replicas for streams and consumers: 1 on one node, 3 in a cluster (env "+EnvReplicas+")")
}

func (o *options) bindArchive(cmd *cobra.Command, persistent bool) {
	f := cmd.Flags()
	if persistent {
		f = cmd.PersistentFlags()
	}
	f.StringVar(&o.archiveURL, "archive", env(EnvArchive, warcstore.DefaultURL), "where WARC records are archived, readable from every node: nats-os://BUCKET[/PREFIX] (the JetStream object store, replicated with --replicas), s3://BUCKET[/PREFIX] (S3-compatible storage at --s3-endpoint), or file:///DIR (local files, one machine only) (env "+EnvArchive+")")
	f.StringVar(&o.s3.Endpoint, "s3-endpoint", env(EnvS3Endpoint, ""), "S3-compatible endpoint URL for s3:// archives, e.g. https://s3.example.org or http://127.0.0.1:9000; keys from "+EnvS3AccessKey+" and "+EnvS3SecretKey+" (env "+EnvS3Endpoint+")")
	f.StringVar(&o.s3.Region, "s3-region", env(EnvS3Region, ""), "S3 region, if the server wants one (env "+EnvS3Region+")")
}

// s3Config is the S3 settings with the keys from the environment
// (DRA_S3_*, else the AWS_* variables).
func (o *options) s3Config() warcstore.S3Config {
	c := o.s3
	c.AccessKey = env(EnvS3AccessKey, os.Getenv("AWS_ACCESS_KEY_ID"))
	c.SecretKey = env(EnvS3SecretKey, os.Getenv("AWS_SECRET_ACCESS_KEY"))
	if c.Region == "" {
		c.Region = os.Getenv("AWS_REGION")
	}
	return c
}

// archiveTarget parses --archive; a relative file: path is taken under
// the working directory.
func (o *options) archiveTarget() (warcstore.Target, error) {
	u := o.archiveURL
	if u == "" {
		u = warcstore.DefaultURL
	}
	t, err := warcstore.ParseTarget(u)
	if err != nil {
		return t, usageError(fmt.Errorf("--archive: %w", err))
	}
	return t, nil
}

// warcDir is this node's local WARC directory: the --archive file:///DIR,
// else <data-dir>/warc (where WARC files were written before the archive
// moved to a shared store).
func (o *options) warcDir() string {
	if t, err := o.archiveTarget(); err == nil && t.Scheme == warcstore.SchemeFile {
		return t.Dir
	}
	return filepath.Join(o.dataDir, "warc")
}

// archiveReader reads records of every location: the shared stores
// through js and S3, and this node's local files, falling back to their
// migrated copies in the --archive store.
func (o *options) archiveReader(ctx context.Context, js jetstream.JetStream) *warcstore.Reader {
	rd := &warcstore.Reader{Dir: o.warcDir(), JS: js, S3: o.s3Config()}
	t, err := o.archiveTarget()
	if err != nil {
		return rd
	}
	switch t.Scheme {
	case warcstore.SchemeNATS:
		if js != nil {
			if s, err := warcstore.ExistingNATS(ctx, js, t.Bucket); err == nil {
				rd.Migrated, rd.MigratedPrefix = s, t.Prefix
			}
		}
	case warcstore.SchemeS3:
		if s, err := warcstore.OpenS3(ctx, rd.S3, t.Bucket, false); err == nil {
			rd.Migrated, rd.MigratedPrefix = s, t.Prefix
		}
	}
	return rd
}

func (o *options) bindHTTP(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.httpAddr, "http-addr", env(EnvHTTPAddr, "127.0.0.1:8080"), "address of the HTTP API (env "+EnvHTTPAddr+")")
}

func envInt(name string, def int) int {
	var n int
	if _, err := fmt.Sscan(env(name, fmt.Sprint(def)), &n); err != nil {
		return def
	}
	return n
}

// envBool reads a boolean variable (1, t, true, 0, f, false, any case);
// unset, empty or unreadable gives def.
func envBool(name string, def bool) bool {
	b, err := strconv.ParseBool(env(name, strconv.FormatBool(def)))
	if err != nil {
		return def
	}
	return b
}

func envDuration(name string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(env(name, def.String()))
	if err != nil {
		return def
	}
	return d
}

func newLogger(level string, w io.Writer) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		return nil, usageError(fmt.Errorf("log level %q: use debug, info, warn or error", level))
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// natsConnectWait bounds the wait for a first connection to NATS: an
// address where nothing answers fails within seconds.
var natsConnectWait = 10 * time.Second

// natsSetupWait bounds the set-up of streams, consumers and buckets, which
// a fresh cluster may need a while for (its leaders are being elected).
const natsSetupWait = 75 * time.Second

// openBus connects to NATS, starting the embedded server when no URL is set.
// The returned close function drains the connection, then stops the server.
func (o *options) openBus(ctx context.Context, name string, reg prometheus.Registerer) (*bus.Conn, func() error, error) {
	var emb *bus.Embedded
	url := o.natsURL
	if url == "" {
		dir := filepath.Join(o.dataDir, "nats")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, err
		}
		var err error
		if emb, err = bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: dir}, o.log()); err != nil {
			return nil, nil, err
		}
		url = emb.ClientURL()
	}
	topo := bus.DefaultTopology()
	topo.Replicas = o.replicas
	cctx, cancel := context.WithTimeout(ctx, natsSetupWait)
	defer cancel()
	opts := []bus.Option{bus.WithConnectWait(natsConnectWait)}
	if reg != nil {
		opts = append(opts, bus.WithRegisterer(reg))
	}
	conn, err := bus.Connect(cctx, url, name, topo, o.log(), opts...)
	if err != nil {
		if emb != nil {
			emb.Shutdown()
		}
		if errors.Is(err, bus.ErrNoServer) {
			return nil, nil, fmt.Errorf("nats at %s (--nats-url, env %s): %w; start NATS there, or run every stage in one process with `dra run`, which embeds NATS", url, EnvNATSURL, err)
		}
		return nil, nil, fmt.Errorf("nats at %s (--nats-url): %w", url, err)
	}
	return conn, func() error {
		err := conn.Close()
		if emb != nil {
			emb.Shutdown()
		}
		return err
	}, nil
}

// openStore opens Elasticsearch when a URL is set, else the Bleve index.
func (o *options) openStore(ctx context.Context) (search.Store, error) {
	if o.esURL != "" {
		s, err := elastic.Open(ctx, o.esConfig())
		if err != nil {
			return nil, fmt.Errorf("elasticsearch at %s: %w", redactURLs(o.esURL), err)
		}
		return s, nil
	}
	dir := filepath.Join(o.dataDir, "bleve")
	if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
		return nil, err
	}
	s, err := bleve.Open(dir)
	if err != nil {
		if errors.Is(err, bleve.ErrHeld) {
			return nil, fmt.Errorf("bleve index %s: %w (only one dra process can hold it; use --es-url to split stages into processes)", dir, err)
		}
		return nil, fmt.Errorf("bleve index %s: %w", dir, err)
	}
	return s, nil
}

// redactURLs hides the passwords of a comma-separated URL list.
func redactURLs(list string) string {
	parts := strings.Split(list, ",")
	for i, p := range parts {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil {
			parts[i] = u.Redacted()
		}
	}
	return strings.Join(parts, ",")
}
