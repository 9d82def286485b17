package cli

import (
	"context"
	"errors"
	"strings"

	"github.com/dra-archive/dra/internal/run"
)

// Exit codes of the dra binary. Scripts, container runtimes and CI read
// them; README ("Exit codes") lists them.
const (
	// ExitOK: the command did what it was asked, or stopped on a signal.
	ExitOK = 0
	// ExitError: a stage failed while running (it stops its whole process),
	// or a command failed.
	ExitError = 1
	// ExitUsage: the command line is wrong (unknown command or flag, bad
	// arguments or values).
	ExitUsage = 2
	// ExitNothingFetched: a crawl ran and fetched nothing (every request
	// failed): the portal is unreachable or blocks us.
	ExitNothingFetched = 3
	// ExitUnavailable: the process could not start: NATS or Elasticsearch
	// out of reach, the data directory in use by another process, the
	// streams or consumers could not be set up.
	ExitUnavailable = 4
	// ExitForced: a second SIGINT/SIGTERM forced the exit mid-shutdown.
	ExitForced = 130
)

// exitError carries an exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

func usageError(err error) error { return withCode(ExitUsage, err) }

// exitCode says which exit code err ends the process with.
func exitCode(err error) int {
	var ee *exitError
	var se *run.StartError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &se):
		return ExitUnavailable
	case errors.Is(err, context.Canceled):
		return ExitOK
	case isUsage(err):
		return ExitUsage
	}
	return ExitError
}

// isUsage recognises cobra's own command-line errors, which it returns
// untyped.
func isUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "flag needs an argument", "invalid argument"} {
		if strings.HasPrefix(msg, p) || strings.Contains(msg, ": "+p) {
			return true
		}
	}
	return false
}
