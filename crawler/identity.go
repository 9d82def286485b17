package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/dra-archive/dra/event"
)

// identity is a source's Host and Aliases, parsed.
type identity struct {
	name     string // Host, lowercase; an IPv6 literal in brackets
	host     string // the host in identity keys: event.IdentityHost(name)
	hostname string // the host name for AllowedHosts (no brackets)
	aliases  []alias
}

// alias is one entry of Source.Aliases.
type alias struct {
	host     string // as in identity keys: lowercase, no "www.", IPv6 in brackets
	port     string // "" matches every port
	hostname string // for AllowedHosts
}

// IdentityKey is the identity key of a canonical URL of this source (see
// event.IdentityKey): when the URL's host, with or without its port and a
// leading "www.", is the source's Host or one of its Aliases, the key names
// Host; any other URL keeps its own host. So an article keeps its ID when
// the portal is reached at another scheme, port or "www." host, at an old
// domain, or at the loopback address a simulation serves it on. It is the
// one place the crawler derives an article's identity: the article ID, the
// crawl state keys and the WARC lookup all use it.
//
// A source that was not compiled (Compile) is read as it stands, with
// invalid hosts ignored.
func (s *Source) IdentityKey(canonicalURL string) string {
	key := event.IdentityKey(canonicalURL)
	id := s.identity()
	if id.host == "" {
		return key
	}
	u, err := url.Parse(canonicalURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return key
	}
	if id.owns(u) {
		return id.host + event.IdentityPath(key)
	}
	return key
}

// ArticleID is the ID of the article at a canonical URL of this source: the
// hash of its IdentityKey.
func (s *Source) ArticleID(canonicalURL string) string {
	return event.KeyID(s.IdentityKey(canonicalURL))
}

// KeyForID returns the identity key under which articleID was given to the
// page at canonicalURL by this source: the key of the URL as it stands, or
// the key naming the source's Host (the page was reached at an alias,
// perhaps one the source no longer lists, such as an earlier port of a
// simulated portal). ok is false when neither hashes to articleID: the ID
// is from before identity keys, or the source's Host changed since.
func (s *Source) KeyForID(articleID, canonicalURL string) (key string, ok bool) {
	own := event.IdentityKey(canonicalURL)
	if event.KeyID(own) == articleID {
		return own, true
	}
	if h := s.identity().host; h != "" && own != canonicalURL {
		if k := h + event.IdentityPath(own); event.KeyID(k) == articleID {
			return k, true
		}
	}
	return "", false
}

// owns reports whether u's host is the source's Host or one of its Aliases.
func (id *identity) owns(u *url.URL) bool {
	host := event.IdentityHost(u.Host)
	if host == id.host {
		return true
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	for _, a := range id.aliases {
		if host == a.host && (a.port == "" || a.port == port) {
			return true
		}
	}
	return false
}

// identity is the compiled identity, or one parsed now for a source that
// was not compiled.
func (s *Source) identity() *identity {
	if s.ident != nil {
		return s.ident
	}
	id, _ := s.parseIdentity()
	return id
}

// parseIdentity reads Host (default: the first start URL's host) and
// Aliases. Invalid entries are reported and left out.
func (s *Source) parseIdentity() (*identity, []error) {
	var errs []error
	id := &identity{}
	name := strings.ToLower(strings.TrimSpace(s.Host))
	switch {
	case name != "":
		host, port, err := splitHostPort(name)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("host %q: %w", s.Host, err))
			name = ""
		case port != "":
			errs = append(errs, fmt.Errorf("host %q: a host name without a port (list host:port under aliases)", s.Host))
			name = ""
		default:
			name = host
		}
	case len(s.StartURLs) > 0:
		if u, err := url.Parse(s.StartURLs[0]); err == nil && u.Hostname() != "" {
			name = strings.ToLower(u.Hostname())
			if strings.Contains(name, ":") {
				name = "[" + name + "]"
			}
		}
	}
	if name != "" {
		id.name, id.host, id.hostname = name, event.IdentityHost(name), strings.Trim(name, "[]")
	}
	for _, a := range s.Aliases {
		host, port, err := splitHostPort(strings.ToLower(strings.TrimSpace(a)))
		if err != nil {
			errs = append(errs, fmt.Errorf("alias %q: %w", a, err))
			continue
		}
		id.aliases = append(id.aliases, alias{host: event.IdentityHost(host), port: port, hostname: strings.Trim(host, "[]")})
	}
	return id, errs
}

// splitHostPort reads "host", "host:port", "[v6]" or "[v6]:port": a host
// name, an IPv4 address or a bracketed IPv6 address, and an optional port;
// no scheme, user, path, query or fragment. The host comes back lowercase,
// an IPv6 address in brackets.
func splitHostPort(s string) (host, port string, err error) {
	if s == "" {
		return "", "", errors.New("empty")
	}
	if strings.Contains(s, "://") || strings.ContainsAny(s, "/?#@ \t") {
		return "", "", errors.New("want a host name with an optional port, without scheme, user or path")
	}
	s = strings.ToLower(s)
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", errors.New("unclosed IPv6 bracket")
		}
		host, rest := s[:end+1], s[end+1:]
		if inner := host[1:end]; net.ParseIP(inner) == nil || !strings.Contains(inner, ":") {
			return "", "", fmt.Errorf("%s is not an IPv6 address", host)
		}
		if rest != "" {
			p, ok := strings.CutPrefix(rest, ":")
			if !ok {
				return "", "", fmt.Errorf("unexpected %q after the address", rest)
			}
			if port, err = checkPort(p); err != nil {
				return "", "", err
			}
		}
		return host, port, nil
	}
	host = s
	if i := strings.IndexByte(s, ':'); i >= 0 {
		if strings.Count(s, ":") > 1 {
			return "", "", fmt.Errorf("an IPv6 address needs brackets: [%s]", s)
		}
		host = s[:i]
		if port, err = checkPort(s[i+1:]); err != nil {
			return "", "", err
		}
	}
	if !validHostname(host) {
		return "", "", fmt.Errorf("%q is not a host name", host)
	}
	return host, port, nil
}

func checkPort(p string) (string, error) {
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 || p[0] == '0' {
		return "", fmt.Errorf("port %q is not a number from 1 to 65535", p)
	}
	return p, nil
}

// validHostname accepts DNS names (ASCII labels of letters, digits, '-'
// and '_', not starting or ending with '-'; IDNs in their xn-- form) and
// IPv4 addresses.
func validHostname(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
