// Package run is the lifecycle of every dra process: an ordered group of
// units, each opened in order, run together, and stopped in reverse order.
//
// It plays the part of github.com/oklog/run, with two differences DRA needs:
// units stop one after the other in reverse order (the crawler stops before
// the consumers drain, the consumers before the store closes, the store
// before NATS drains), where oklog/run interrupts every actor at once; and
// a unit may have a start-up step, so a failed start-up closes what was
// opened before it, in reverse order too.
package run

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// Unit is one part of a process: a stage, the HTTP server, a connection.
type Unit struct {
	// Name identifies the unit in errors and logs ("nats", "indexer").
	Name string
	// Start, if set, runs before any unit's Run, in the order the units were
	// added. When it fails, the units started before it are closed in
	// reverse order and Group.Run returns a *StartError.
	Start func(ctx context.Context) error
	// Run, if set, blocks until its context is cancelled (it should then
	// return nil) or it fails. A unit with no Run holds a resource between
	// Start and Close.
	Run func(ctx context.Context) error
	// Close, if set, runs once the unit's Run has returned (or, without a
	// Run, when the unit's turn to stop comes), in reverse order.
	Close func() error
}

// Group runs units. The zero value is ready to use.
type Group struct {
	units  []Unit
	Logger *slog.Logger
	// Started, if set, is called once every unit has started and every Run
	// is running (readiness).
	Started func()
}

// Add appends a unit: it starts after and stops before every unit added
// before it.
func (g *Group) Add(u Unit) { g.units = append(g.units, u) }

// StartError is a unit's failed start-up.
type StartError struct {
	Unit string
	Err  error
}

func (e *StartError) Error() string { return fmt.Sprintf("start %s: %v", e.Unit, e.Err) }
func (e *StartError) Unwrap() error { return e.Err }

// UnitError is the error a unit's Run returned, or ErrStopped when it
// returned nil while the group was still running.
type UnitError struct {
	Unit string
	Err  error
}

func (e *UnitError) Error() string { return fmt.Sprintf("%s: %v", e.Unit, e.Err) }
func (e *UnitError) Unwrap() error { return e.Err }

// ErrStopped is the cause when a unit's Run returned nil before the group
// was told to stop: a stage that stops stops its process.
var ErrStopped = errors.New("stopped on its own")

// Finished, returned by a Run, ends the group cleanly: the unit's work is
// done (a one-shot crawl) and the process may exit 0.
var Finished = errors.New("finished")

// Run starts the units in order, runs them until ctx is done or one of them
// returns, then stops them in reverse order: each unit's Run is cancelled
// and waited for, then its Close runs, before the previous unit's turn. It
// returns nil after a clean stop (ctx done, or a unit returned Finished),
// the first failure otherwise (a *StartError or a *UnitError), joined with
// any error of Close.
func (g *Group) Run(ctx context.Context) error {
	log := g.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	n := len(g.units)
	for i, u := range g.units {
		if u.Start == nil {
			continue
		}
		if err := u.Start(ctx); err != nil {
			serr := &StartError{Unit: u.Name, Err: err}
			return errors.Join(serr, g.closeFrom(i-1, log))
		}
	}
	type exit struct {
		i   int
		err error
	}
	exits := make(chan exit, n)
	cancels := make([]context.CancelFunc, n)
	done := make([]chan struct{}, n)
	for i, u := range g.units {
		uctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		cancels[i] = cancel
		done[i] = make(chan struct{})
		if u.Run == nil {
			close(done[i])
			continue
		}
		go func() {
			defer close(done[i])
			exits <- exit{i, u.Run(uctx)}
		}()
	}
	if g.Started != nil {
		g.Started()
	}
	var cause error
	select {
	case <-ctx.Done():
		log.Info("stopping", "component", "run", "reason", "signal")
	case e := <-exits:
		switch {
		case errors.Is(e.err, Finished):
			log.Info("stopping", "component", "run", "reason", "finished", "unit", g.units[e.i].Name)
		case e.err == nil:
			cause = &UnitError{Unit: g.units[e.i].Name, Err: ErrStopped}
		default:
			cause = &UnitError{Unit: g.units[e.i].Name, Err: e.err}
		}
		if cause != nil {
			// The error itself is returned, not logged.
			log.Info("stopping", "component", "run", "reason", "failure", "unit", g.units[e.i].Name)
		}
	}
	var errs []error
	for i := n - 1; i >= 0; i-- {
		u := g.units[i]
		cancels[i]()
		<-done[i]
		if u.Close != nil {
			if err := u.Close(); err != nil {
				errs = append(errs, fmt.Errorf("close %s: %w", u.Name, err))
			}
		}
		log.Debug("stopped", "component", "run", "unit", u.Name)
	}
	// Errors of units that failed while stopping are reported too.
	close(exits)
	for e := range exits {
		if e.err != nil && !errors.Is(e.err, Finished) && !errors.Is(e.err, context.Canceled) {
			if ue, ok := cause.(*UnitError); !ok || ue.Unit != g.units[e.i].Name {
				errs = append(errs, &UnitError{Unit: g.units[e.i].Name, Err: e.err})
			}
		}
	}
	return errors.Join(append([]error{cause}, errs...)...)
}

// closeFrom closes units i, i-1, ..., 0 (after a failed start-up).
func (g *Group) closeFrom(i int, log *slog.Logger) error {
	var errs []error
	for ; i >= 0; i-- {
		u := g.units[i]
		if u.Close != nil {
			if err := u.Close(); err != nil {
				errs = append(errs, fmt.Errorf("close %s: %w", u.Name, err))
			}
		}
		log.Debug("closed", "component", "run", "unit", u.Name)
	}
	return errors.Join(errs...)
}
