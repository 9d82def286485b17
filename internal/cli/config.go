// Package cli is the dra command line: the subcommands, their flags and
// environment variables, and the wiring of the stages for each of them.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/internal/bus"
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
)

// EnvNames lists every environment variable dra reads.
var EnvNames = []string{EnvDataDir, EnvNATSURL, EnvESURL, EnvHTTPAddr, EnvAPIURL, EnvLogLevel, EnvSources, EnvReplicas, EnvInterval, EnvMetricsAddr, EnvAdminToken,
	EnvProcesses, EnvMaxJobsInFlight, EnvProcessBatch, EnvProcessMaxPending, EnvIndexBatch, EnvIndexMaxPending}

// envOnly are variables with no flag: secrets stay out of process listings.
var envOnly = []string{EnvAdminToken}

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
	httpAddr string
	replicas int
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
	f.StringVar(&o.esURL, "es-url", env(EnvESURL, ""), "Elasticsearch URL; empty uses the embedded Bleve index in the data directory (env "+EnvESURL+")")
}

func (o *options) bindNATS(cmd *cobra.Command, embeddedDefault bool) {
	def, help := "nats://127.0.0.1:4222", "NATS server URL (env "+EnvNATSURL+")"
	if embeddedDefault {
		def, help = "", "NATS server URL; empty starts an embedded NATS server with JetStream in the data directory (env "+EnvNATSURL+")"
	}
	cmd.Flags().StringVar(&o.natsURL, "nats-url", env(EnvNATSURL, def), help)
	cmd.Flags().IntVar(&o.replicas, "replicas", envInt(EnvReplicas, 1), "replicas for streams and consumers: 1 on one node, 3 in a cluster (env "+EnvReplicas+")")
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
		s, err := elastic.Open(ctx, elastic.Config{URL: o.esURL, Logger: o.log()})
		if err != nil {
			return nil, fmt.Errorf("elasticsearch at %s: %w", o.esURL, err)
		}
		return s, nil
	}
	dir := filepath.Join(o.dataDir, "bleve")
	if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
		return nil, err
	}
	s, err := bleve.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("bleve index %s: %w (only one dra process can hold it; use --es-url to split stages into processes)", dir, err)
	}
	return s, nil
}
