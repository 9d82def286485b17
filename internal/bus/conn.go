package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/errgroup"

	"github.com/dra-archive/dra/event"
)

// Topology is what every stage expects on the server. Replicas is 1 on one
// node and 3 in a cluster.
type Topology struct {
	Replicas int
	// MaxAge bounds how long fetched and processed events (and large
	// payloads) are kept for replay. Dead letters are kept until removed.
	MaxAge time.Duration
	// Duplicates is the de-duplication window for message IDs.
	Duplicates time.Duration
}

// DefaultTopology suits one node.
func DefaultTopology() Topology {
	return Topology{Replicas: 1, MaxAge: 14 * 24 * time.Hour, Duplicates: 10 * time.Minute}
}

// Bucket names.
const (
	// PayloadBucket holds payloads too large for one message (the claim check).
	PayloadBucket = "DRA_PAYLOADS"
	// AttemptsBucket counts how many times a redelivered message was
	// handled alone (see Consume), so a crash loop is counted against the
	// message that causes it.
	AttemptsBucket = "DRA_ATTEMPTS"
)

// Conn is a NATS connection with its JetStream context.
type Conn struct {
	NC       *nats.Conn
	JS       jetstream.JetStream
	topo     Topology
	logger   *slog.Logger
	payloads jetstream.ObjectStore
	attempts jetstream.KeyValue
	// inlineMax is the largest payload published inline; larger ones go to
	// the payload bucket. Below the server's max payload with room for headers.
	inlineMax int
	m         *metrics

	// settingUp counts the consumers Consume is still creating, by
	// durable name: the process is not ready until they exist.
	mu        sync.Mutex
	settingUp map[string]int
}

// Option configures Connect.
type Option func(*connectOptions)

type connectOptions struct {
	connectWait time.Duration
	reg         prometheus.Registerer
}

// WithConnectWait bounds how long Connect waits for a first connection to
// the server before it gives up (default 10s): an address where no NATS
// answers fails fast. The topology set-up that follows is bounded by ctx.
func WithConnectWait(d time.Duration) Option { return func(o *connectOptions) { o.connectWait = d } }

// WithRegisterer registers the bus metrics (dead letters per stage and
// reason, publish retries, consumer pending and redelivered counts) with reg.
func WithRegisterer(reg prometheus.Registerer) Option { return func(o *connectOptions) { o.reg = reg } }

// ErrNoServer is returned when no NATS server answered at the URL.
var ErrNoServer = errors.New("no NATS server answered")

// Connect dials NATS (retrying for the connect wait while the server comes
// up, reconnecting forever afterwards) and ensures the topology exists,
// retrying each call while JetStream is not ready (a fresh cluster).
func Connect(ctx context.Context, url, name string, topo Topology, logger *slog.Logger, opts ...Option) (*Conn, error) {
	if logger == nil {
		logger = slog.Default()
	}
	co := connectOptions{connectWait: 10 * time.Second}
	for _, o := range opts {
		o(&co)
	}
	nopts := []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.RetryOnFailedConnect(true),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Warn("nats disconnected", "component", "bus", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			logger.Info("nats reconnected", "component", "bus", "url", nc.ConnectedUrl())
		}),
	}
	nc, err := nats.Connect(url, nopts...)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", url, err)
	}
	// RetryOnFailedConnect returns at once: wait for the first connection.
	wait := time.NewTimer(co.connectWait)
	defer wait.Stop()
	for !nc.IsConnected() {
		select {
		case <-ctx.Done():
			nc.Close()
			return nil, fmt.Errorf("connect %s: %w", url, ctx.Err())
		case <-wait.C:
			nc.Close()
			return nil, fmt.Errorf("connect %s: %w within %s", url, ErrNoServer, co.connectWait)
		case <-time.After(50 * time.Millisecond):
		}
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	c := &Conn{NC: nc, JS: js, topo: topo, logger: logger, m: newMetrics()}
	if co.reg != nil {
		if err := c.m.register(co.reg, c); err != nil {
			nc.Close()
			return nil, err
		}
	}
	c.inlineMax = int(nc.MaxPayload()) - 64*1024
	if c.inlineMax < 64*1024 {
		c.inlineMax = int(nc.MaxPayload()) / 2
	}
	if err := c.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// ensure creates or updates the streams and buckets, all at once.
// Idempotent, and safe for several processes at once: each call looks up
// first, has a short timeout and is retried with jitter while it fails for
// a transient reason, until ctx ends.
func (c *Conn) ensure(ctx context.Context) error {
	t := c.topo
	if t.Replicas <= 0 {
		t.Replicas = 1
	}
	streams := []jetstream.StreamConfig{
		{Name: event.StreamFetched, Subjects: []string{event.SubjectFetched}, MaxAge: t.MaxAge},
		{Name: event.StreamProcessed, Subjects: []string{event.SubjectProcessed}, MaxAge: t.MaxAge},
		{Name: event.StreamDeadLetter, Subjects: []string{event.SubjectDeadLetter + ".>"}},
		{Name: event.StreamCrawlJobs, Subjects: []string{event.SubjectCrawlJobs + ".>"}, Retention: jetstream.WorkQueuePolicy},
	}
	var g errgroup.Group
	for _, sc := range streams {
		sc.Storage = jetstream.FileStorage
		sc.Replicas = t.Replicas
		sc.Duplicates = t.Duplicates
		g.Go(func() error {
			if err := c.ensureStream(ctx, sc); err != nil {
				return fmt.Errorf("stream %s: %w", sc.Name, err)
			}
			return nil
		})
	}
	g.Go(func() error {
		cfg := jetstream.ObjectStoreConfig{
			Bucket: PayloadBucket, Description: "payloads larger than one NATS message",
			TTL: t.MaxAge, Storage: jetstream.FileStorage, Replicas: t.Replicas,
		}
		err := retrySetup(ctx, c.logger, "object store "+PayloadBucket, func(ctx context.Context) error {
			if os, err := c.JS.ObjectStore(ctx, PayloadBucket); err == nil && sameObjectStore(ctx, os, cfg) {
				c.payloads = os
				return nil
			}
			os, err := c.JS.CreateOrUpdateObjectStore(ctx, cfg)
			c.payloads = os
			return err
		})
		if err != nil {
			return fmt.Errorf("object store %s: %w", PayloadBucket, err)
		}
		return nil
	})
	g.Go(func() error {
		kv, err := EnsureKeyValue(ctx, c.JS, c.logger, jetstream.KeyValueConfig{
			Bucket: AttemptsBucket, Description: "attempts at redelivered messages handled alone",
			TTL: t.MaxAge, Storage: jetstream.FileStorage, Replicas: t.Replicas,
		})
		c.attempts = kv
		if err != nil {
			return fmt.Errorf("bucket %s: %w", AttemptsBucket, err)
		}
		return nil
	})
	return g.Wait()
}

// Ready reports whether the connection is up, JetStream answers and every
// consumer Consume was asked for exists (a stage is not ready while it is
// still creating its consumer on a cluster electing leaders).
func (c *Conn) Ready(ctx context.Context) error {
	if !c.NC.IsConnected() {
		return errors.New("nats not connected")
	}
	if _, err := c.JS.AccountInfo(ctx); err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for durable, n := range c.settingUp {
		if n > 0 {
			return fmt.Errorf("consumer %s not created yet", durable)
		}
	}
	return nil
}

// settingUpConsumer counts a consumer being created (delta 1) or done
// (delta -1) for Ready.
func (c *Conn) settingUpConsumer(durable string, delta int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.settingUp == nil {
		c.settingUp = map[string]int{}
	}
	c.settingUp[durable] += delta
}

// Close drains the connection: pending publishes and subscriptions finish.
func (c *Conn) Close() error {
	if c.NC.IsClosed() {
		return nil
	}
	if err := c.NC.Drain(); err != nil {
		c.NC.Close()
		return err
	}
	for i := 0; i < 100 && !c.NC.IsClosed(); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	c.NC.Close()
	return nil
}
