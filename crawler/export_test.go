package crawler

import "net/netip"

// CheckDial is the dial-time decision of a source without allow_private.
var CheckDial = checkDial

// SetRestricted replaces the dial-time address rule until restore is
// called (a test lets the loopback portal through to test the rest).
func SetRestricted(fn func(netip.Addr) bool) (restore func()) {
	old := restricted
	restricted = fn
	return func() { restricted = old }
}
