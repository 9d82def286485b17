package crawler

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that only track where a click came
// from; the same page with and without them is one page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true, "msclkid": true,
	"yclid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true,
	"zarsrc": true, "ref_src": true, "spm": true,
}

func isTracking(key string) bool {
	k := strings.ToLower(key)
	return trackingParams[k] || strings.HasPrefix(k, "utm_")
}

// Canonical returns the canonical form of an absolute URL: lowercase
// scheme and host, no default port, no user info, no fragment, "/" for an
// empty path, tracking parameters (utm_*, fbclid, gclid, ...) removed and
// the remaining query parameters sorted by key (stable for equal keys).
// Canonical is idempotent.
func Canonical(raw string) (string, error) {
	out, err := canonicalOnce(raw)
	if err != nil {
		return "", err
	}
	// A few inputs (stray spaces or escapes that url.URL rewrites) need
	// another round to reach a fixed point.
	// A canonical form that does not canonicalise again is refused.
	for range 4 {
		next, err := canonicalOnce(out)
		if err != nil {
			return "", fmt.Errorf("url %q: canonical form %q: %w", raw, out, err)
		}
		if next == out {
			return out, nil
		}
		out = next
	}
	return "", fmt.Errorf("url %q has no stable canonical form", raw)
}

func canonicalOnce(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	if u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("url %q is not absolute", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", fmt.Errorf("url %q has no host", raw)
	}
	if !ValidHost(host) {
		return "", fmt.Errorf("url %q: host %q is neither a host name nor an IP address", raw, host)
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	u.ForceQuery = false
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	u.RawQuery = canonicalQuery(u.RawQuery)
	out := u.String()
	if _, err := url.Parse(out); err != nil {
		return "", fmt.Errorf("url %q: canonical form does not parse: %w", raw, err)
	}
	return out, nil
}

// ValidHost reports whether h (a URL's Hostname, without brackets or port)
// is an IP address or a host name: no empty label, nothing of a port, a
// path, user info, a query or a space.
func ValidHost(h string) bool {
	if h == "" {
		return false
	}
	if strings.Contains(h, ":") {
		_, err := netip.ParseAddr(h)
		return err == nil
	}
	return !strings.ContainsAny(h, "/:@?#[]%\\ \t\r\n") && !strings.Contains(h, "..") && !strings.HasPrefix(h, ".")
}

// CheckURL is the one check of a URL a source names (its start URLs), made
// by validation and by the crawl alike: an absolute http or https URL
// whose host is a host name or an IP address, with a canonical form. It
// returns the canonical form.
func CheckURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("url %q is not an absolute http(s) URL", raw)
	}
	return Canonical(raw)
}

// canonicalQuery drops tracking parameters and sorts the rest by key,
// keeping each pair's original encoding.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, raw string }
	var pairs []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, _, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		if isTracking(key) {
			continue
		}
		pairs = append(pairs, pair{key, part})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}
