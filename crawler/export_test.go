package crawler

import (
	"context"
	"net/http"
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

// BaseTransport is the HTTP transport a crawl of a source uses (idle
// connections per host, dial timeouts, no content coding, the dial-time
// address guard unless allowPrivate): the benchmarks' bare Colly baseline
// runs on the same one.
func BaseTransport(allowPrivate bool) *http.Transport { return baseTransport(allowPrivate) }

// WaitRate reserves a web archive host's next request slot across the
// fleet and waits for it.
func (s *State) WaitRate(ctx context.Context, host string, interval time.Duration) error {
	return s.waitRate(ctx, host, interval, time.Now, sleepCtx)
}
