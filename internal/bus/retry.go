package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Retry bounds for the set-up calls (streams, consumers, buckets) and for
// publishes: each attempt has a short timeout of its own, and failed
// attempts are retried with jittered exponential backoff while ctx lasts.
const (
	attemptTimeout = 5 * time.Second
	// setupFirstTimeout is the first set-up attempt's timeout; each retry
	// doubles it up to attemptTimeout. A request sent before a fresh
	// cluster has a metadata leader, or one that repeats a create another
	// process has in flight, may never be answered: waiting the full
	// attemptTimeout for each of a dozen set-up calls made six processes on
	// a fresh three-node cluster take 30 s to start, over a minute on a
	// loaded machine.
	setupFirstTimeout = time.Second
	retryBase         = 100 * time.Millisecond
	retryMax          = 3 * time.Second
	// publishAttempts bounds the publishes of one message: a node lost in a
	// cluster is replaced within a few seconds.
	publishAttempts = 8
)

// Transient reports whether err may succeed if tried again: the server
// timed out or did not answer, JetStream is still electing its leaders or
// placing replicas (a fresh cluster, a lost node), or another process
// created the same stream or consumer at the same moment. A configuration
// conflict (a consumer bound elsewhere, a stream with other subjects) is
// not transient.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		if apiErr.Code == http.StatusServiceUnavailable || apiErr.Code == http.StatusRequestTimeout {
			return true
		}
		switch apiErr.ErrorCode {
		case 10004, // incomplete results
			10005, // no suitable peers for placement (yet)
			10007, // cluster not assigned to this server
			10008, // JetStream system temporarily unavailable
			10009, // cluster can not handle request (no leader)
			10023, // insufficient resources (peers not known yet)
			10039, // JetStream not enabled for account (yet)
			10076: // JetStream not enabled (yet)
			return true
		}
		return false
	}
	return true // no answer, a timeout, a connection being re-established
}

// jitter returns d scaled by a random factor in [0.5, 1.5).
func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.5 + rand.Float64()))
}

// retry calls fn with a per-attempt timeout until it succeeds, fails for a
// reason that is not Transient, makes maxAttempts attempts (0: no bound),
// or ctx ends. what names the call in logs.
func retry(ctx context.Context, logger *slog.Logger, what string, maxAttempts int, fn func(ctx context.Context) error) error {
	return retryWith(ctx, logger, what, maxAttempts, func(int) time.Duration { return attemptTimeout }, fn)
}

// retrySetup is retry for idempotent set-up calls (streams, consumers,
// buckets), with no bound on attempts and a first attempt timeout of
// setupFirstTimeout that doubles with each attempt up to attemptTimeout.
func retrySetup(ctx context.Context, logger *slog.Logger, what string, fn func(ctx context.Context) error) error {
	return retryWith(ctx, logger, what, 0, setupTimeout, fn)
}

// setupTimeout is the timeout of a set-up call's attempt (counted from 1).
func setupTimeout(attempt int) time.Duration {
	return min(setupFirstTimeout<<min(attempt-1, 8), attemptTimeout)
}

func retryWith(ctx context.Context, logger *slog.Logger, what string, maxAttempts int, timeout func(attempt int) time.Duration, fn func(ctx context.Context) error) error {
	delay := retryBase
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, timeout(attempt))
		err := fn(actx)
		cancel()
		if err == nil {
			return nil
		}
		if !Transient(err) || ctx.Err() != nil || (maxAttempts > 0 && attempt >= maxAttempts) {
			if ctx.Err() != nil && Transient(err) {
				return gaveUp(ctx, what, attempt, err)
			}
			return err
		}
		wait := jitter(delay)
		logger.Info("retrying", "component", "bus", "call", what, "attempt", attempt, "in", wait.Round(time.Millisecond), "err", err)
		select {
		case <-ctx.Done():
			return gaveUp(ctx, what, attempt, err)
		case <-time.After(wait):
		}
		delay = min(delay*2, retryMax)
	}
}

// Retry calls fn, each attempt with a short timeout of its own, until it
// succeeds, fails for a reason that is not Transient, or ctx ends: for
// set-up calls outside this package (the crawl state bucket).
func Retry(ctx context.Context, logger *slog.Logger, what string, fn func(ctx context.Context) error) error {
	if logger == nil {
		logger = slog.Default()
	}
	return retrySetup(ctx, logger, what, fn)
}

// gaveUp is the error of a call abandoned because ctx ended: it wraps
// ctx's error too, so a process stopped by a signal during set-up stops
// cleanly (context.Canceled) instead of failing with the last attempt's
// timeout.
func gaveUp(ctx context.Context, what string, attempts int, last error) error {
	return fmt.Errorf("%s: gave up after %d attempts: %w (%w)", what, attempts, last, ctx.Err())
}
