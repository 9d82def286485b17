package crawler

import (
	"context"
	"net/netip"
	"time"
)

// CheckDial is the dial-time decision of a source without allow_private.
var CheckDial = checkDial

// SetRestricted replaces the dial-time address rule until restore is
// called (a test lets the loopback portal through to test the rest).
func SetRestricted(fn func(netip.Addr) bool) (restore func()) {
	old := restricted
	restricted = fn
	return func() { restricted = old }
}

// WaitRate reserves a web archive host's next request slot across the
// fleet and waits for it.
func (s *State) WaitRate(ctx context.Context, host string, interval time.Duration) error {
	return s.waitRate(ctx, host, interval, time.Now, sleepCtx)
}
