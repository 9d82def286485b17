package crawler

import (
	"bytes"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// resolver turns the links of one page into canonical absolute URLs.
//
// Colly's Request.AbsoluteURL runs the WHATWG URL parser twice per link
// (the base, then the reference), and Canonical parses the result again: on
// a listing page of 50 article links that was a fifth of the crawl's CPU.
// The base is known once per page, and most links of a portal are plain
// relative or same-origin references in a few ASCII characters, for which
// RFC 3986 resolution by string operations gives the very URL the WHATWG
// parser and Canonical give. Every other link (another scheme or host, a
// scheme-relative link, spaces, backslashes, non-ASCII, "%2e", quotes ...)
// goes the long way, through the WHATWG parser and Canonical.
type resolver struct {
	// origin is the canonical base's scheme and host ("http://h:8080"),
	// dir its path up to the last "/", path and query its path and query;
	// origin is "" when the base is not an http(s) URL (no fast path).
	origin, dir, path, query string
	host                     string // the base's host name, for AllowsHost
	slow                     func(href string) string
}

// newResolver returns the resolver of a page whose links resolve against
// base (the response URL or the page's <base href>, as Colly resolves
// them); slow is the long way (Colly's AbsoluteURL).
func newResolver(base string, slow func(href string) string) *resolver {
	r := &resolver{slow: slow}
	// A base with a byte either parser rewrites (the WHATWG parser strips
	// leading tabs and spaces that Go's net/url refuses) goes the long way,
	// as a link with one does.
	if !plainRef(base) {
		return r
	}
	cb, err := Canonical(base)
	if err != nil {
		return r
	}
	u, err := url.Parse(cb)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return r
	}
	rest := strings.TrimPrefix(cb, u.Scheme+"://"+u.Host)
	if rest == cb || !strings.HasPrefix(rest, "/") {
		return r
	}
	r.path, r.query, _ = strings.Cut(rest, "?")
	// A base path with dot segments ("/.", "/a/../b") is one the WHATWG
	// parser rewrites before resolving against it ("?" of "http://h/." is
	// "http://h/?"): the long way.
	if !plainPath(r.path) || removeDots(r.path) != r.path || !plainQuery(r.query) || !plainHost(u.Hostname()) || !plainPort(u.Port()) {
		return r
	}
	r.origin, r.host = u.Scheme+"://"+u.Host, u.Hostname()
	r.dir = r.path[:strings.LastIndexByte(r.path, '/')+1]
	return r
}

// resolve returns the canonical absolute URL of href and, when it is on
// the base's host, that host name (else ""). It returns "" for a link to
// be ignored: a fragment of the page, or one that does not resolve.
func (r *resolver) resolve(href string) (abs, host string) {
	if r.origin != "" {
		if u, ok := r.fast(href); ok {
			return u, r.host
		}
	}
	a := r.slow(href)
	if a == "" {
		return "", ""
	}
	u, err := Canonical(a)
	if err != nil {
		return "", ""
	}
	return u, ""
}

// fast resolves href by string operations when it is a plain reference:
// path-absolute, path-relative, query-only or absolute on the base's own
// origin, in unreserved and sub-delimiter characters only.
func (r *resolver) fast(href string) (string, bool) {
	if href == "" || href[0] == '#' || !plainRef(href) {
		return "", false // "" and "#..." as Colly: the long way decides
	}
	if rest, ok := strings.CutPrefix(href, r.origin); ok {
		if rest != "" && rest[0] != '/' && rest[0] != '?' && rest[0] != '#' {
			return "", false // "http://host:80" + "80/": another port
		}
		if rest == "" || rest[0] != '/' {
			rest = "/" + rest
		}
		href = rest
	} else if strings.HasPrefix(href, "//") {
		return "", false // scheme-relative: another authority
	} else if i := strings.IndexAny(href, ":/?#"); i >= 0 && href[i] == ':' {
		return "", false // a scheme (mailto:, javascript:, another origin)
	}
	href, _, _ = strings.Cut(href, "#")
	p, q, hasQ := strings.Cut(href, "?")
	switch {
	case p == "":
		p = r.path
		if !hasQ {
			q = r.query
		}
	case p[0] == '/':
		p = removeDots(p)
	default:
		p = removeDots(r.dir + p)
	}
	q = canonicalQuery(q)
	if q == "" {
		return r.origin + p, true
	}
	return r.origin + p + "?" + q, true
}

// removeDots removes the "." and ".." segments of an absolute path
// (RFC 3986 section 5.2.4, which the WHATWG parser agrees with for these
// paths).
func removeDots(p string) string {
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	return "/" + strings.Join(out, "/")
}

// plainRef reports whether every byte of href is one that neither the
// WHATWG parser nor Go's net/url rewrites: letters, digits, "-._~",
// "!$&()*+,;=:@", the delimiters "/?#", and "%" with two hex digits (but
// not an encoded dot, which the WHATWG parser reads as a dot segment).
func plainRef(href string) bool {
	for i := 0; i < len(href); i++ {
		c := href[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&()*+,;=:@/?#", c) >= 0:
		case c == '%':
			if i+2 >= len(href) || !isHex(href[i+1]) || !isHex(href[i+2]) || (href[i+1] == '2' && (href[i+2] == 'e' || href[i+2] == 'E')) {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// plainPort reports whether p is a port the WHATWG parser keeps as
// written: none, or a number up to 65535 without a leading zero (it writes
// ":00" as ":0" and refuses a base whose port is out of range).
func plainPort(p string) bool {
	if p == "" {
		return true
	}
	n, err := strconv.Atoi(p)
	return err == nil && p[0] != '0' && n <= 65535
}

// plainHost reports whether h is a host the WHATWG parser leaves as it is:
// a lowercase ASCII name whose last label does not start with a digit, or an IPv4 or
// IPv6 address in its canonical form. Punycode labels ("xn--"), which it
// validates, are left to it.
func plainHost(h string) bool {
	if ip, err := netip.ParseAddr(h); err == nil {
		return ip.Zone() == "" && ip.String() == h
	}
	if h == "" || strings.Contains(h, "..") || h[0] == '.' || h[len(h)-1] == '.' || h[0] == '-' {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	for label := range strings.SplitSeq(h, ".") {
		if strings.HasPrefix(label, "xn--") {
			return false
		}
	}
	// A last label that starts with a digit is left to the parser: it
	// reads "1.2.3" and "0x7f.1" as IPv4 addresses, and the one Colly uses
	// even reads "127.0.0-1" as 126.255.255.255. No real top-level domain
	// starts with a digit.
	last := h[strings.LastIndexByte(h, '.')+1:]
	return last != "" && !('0' <= last[0] && last[0] <= '9')
}

// hasBaseTag reports whether an HTML page may have a <base> element (any
// case): then its links resolve against it, which Colly finds.
func hasBaseTag(body []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if len(body)-i >= 4 && bytes.EqualFold(body[i:i+4], []byte("base")) {
			return true
		}
	}
}

func plainPath(p string) bool  { return !strings.ContainsAny(p, "?#") && plainRef(p) }
func plainQuery(q string) bool { return !strings.Contains(q, "#") && plainRef(q) }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
