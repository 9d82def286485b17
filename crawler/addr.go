package crawler

import (
	"net/netip"
)

// specialPrefixes are the blocks of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (RFC 6890 and their later entries), and multicast,
// that a source without allow_private never connects to: none holds a
// public web server, and several hold what a crawler must not reach (cloud
// metadata services in 100.64.0.0/10 and 169.254.0.0/16, a LAN, the host
// itself, NAT64 gateways to those). A few blocks of the registries that are
// globally reachable (AS112, AMT anycast) are left out.
var specialPrefixes = mustPrefixes(
	// IPv4
	"0.0.0.0/8",          // "this network"
	"10.0.0.0/8",         // private
	"100.64.0.0/10",      // shared address space (CGNAT)
	"127.0.0.0/8",        // loopback
	"169.254.0.0/16",     // link local
	"172.16.0.0/12",      // private
	"192.0.0.0/24",       // IETF protocol assignments
	"192.0.2.0/24",       // documentation (TEST-NET-1)
	"192.88.99.0/24",     // 6to4 relay anycast (deprecated)
	"192.168.0.0/16",     // private
	"198.18.0.0/15",      // benchmarking
	"198.51.100.0/24",    // documentation (TEST-NET-2)
	"203.0.113.0/24",     // documentation (TEST-NET-3)
	"224.0.0.0/4",        // multicast
	"240.0.0.0/4",        // reserved
	"255.255.255.255/32", // limited broadcast
	// IPv6
	"::/128",         // unspecified
	"::1/128",        // loopback
	"::/96",          // IPv4-compatible (deprecated)
	"64:ff9b::/96",   // NAT64 well-known prefix
	"64:ff9b:1::/48", // NAT64 local use
	"100::/64",       // discard only
	"2001::/23",      // IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)
	"2001:db8::/32",  // documentation
	"3fff::/20",      // documentation
	"5f00::/16",      // SRv6 SIDs
	"fc00::/7",       // unique local
	"fe80::/10",      // link local
	"fec0::/10",      // site local (deprecated)
	"ff00::/8",       // multicast
)

// globalUnicast6 is the IPv6 block allocated for global unicast; no other
// IPv6 address is a public server's.
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// sixToFour is 2002::/16, whose addresses embed an IPv4 address.
var sixToFour = netip.MustParsePrefix("2002::/16")

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// Restricted reports whether a source without allow_private must not
// connect to ip: an address of a special-purpose block, an IPv6 address
// outside global unicast, or an address that embeds a restricted IPv4
// address (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002:AABB:CCDD::).
func Restricted(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	ip = ip.WithZone("")
	if ip.Is4In6() {
		return Restricted(ip.Unmap())
	}
	for _, p := range specialPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	if ip.Is6() {
		if !globalUnicast6.Contains(ip) {
			return true
		}
		if sixToFour.Contains(ip) {
			b := ip.As16()
			return Restricted(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	return false
}
