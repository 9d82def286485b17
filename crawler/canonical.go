package crawler

import (
	"fmt"
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
	for range 4 {
		next, err := canonicalOnce(out)
		if err != nil || next == out {
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
	return u.String(), nil
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
