// Package bus is DRA's NATS JetStream plumbing: an embedded server for
// single-process runs and tests, the streams and durable consumers every
// stage relies on, publishing with de-duplication and a claim check for
// large payloads, and a consumer loop with explicit ack, nak with backoff and
// a dead-letter stream.
package bus

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// EmbeddedConfig configures an in-process NATS server.
type EmbeddedConfig struct {
	// StoreDir holds the JetStream file store; it survives restarts.
	StoreDir string
	// Host and Port to listen on; Port -1 picks a free port. Default 127.0.0.1:-1.
	Host string
	Port int
}

// Embedded is a real nats-server with JetStream running in this process.
type Embedded struct {
	ns   *server.Server
	once sync.Once
}

// StartEmbedded starts a NATS server with JetStream and a file store.
func StartEmbedded(cfg EmbeddedConfig, logger *slog.Logger) (*Embedded, error) {
	if cfg.StoreDir == "" {
		return nil, errors.New("embedded nats: store dir is required")
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if cfg.Port == 0 {
		cfg.Port = -1
	}
	opts := &server.Options{
		ServerName: "dra-embedded",
		Host:       cfg.Host,
		Port:       cfg.Port,
		JetStream:  true,
		StoreDir:   cfg.StoreDir,
		NoSigs:     true,
		NoLog:      true,
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, errors.New("embedded nats: not ready after 30s")
	}
	if logger != nil {
		logger.Info("embedded nats started", "component", "bus", "url", ns.ClientURL(), "store", cfg.StoreDir)
	}
	return &Embedded{ns: ns}, nil
}

// ClientURL is the URL clients connect to.
func (e *Embedded) ClientURL() string { return e.ns.ClientURL() }

// Shutdown stops the server and waits for it. Safe to call twice.
func (e *Embedded) Shutdown() {
	e.once.Do(func() {
		e.ns.Shutdown()
		e.ns.WaitForShutdown()
	})
}
