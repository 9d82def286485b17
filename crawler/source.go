package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Source is one portal to crawl.
type Source struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	District string `yaml:"district"`
	Province string `yaml:"province"`
	// StartURLs are the home and listing pages the crawl starts from.
	StartURLs []string `yaml:"start_urls"`
	// AllowedHosts bounds the crawl; default: the hosts of StartURLs.
	AllowedHosts []string `yaml:"allowed_hosts"`
	// ListingPattern and ArticlePattern are regular expressions on the
	// absolute URL. Links matching neither are not followed.
	ListingPattern string `yaml:"listing_pattern"`
	ArticlePattern string `yaml:"article_pattern"`
	// AllowPrivate permits loopback and private addresses (the simulated
	// portal); off by default so a source cannot make DRA probe a LAN.
	AllowPrivate bool          `yaml:"allow_private"`
	UserAgent    string        `yaml:"user_agent"`
	Delay        time.Duration `yaml:"delay"`
	Parallelism  int           `yaml:"parallelism"`
	MaxPages     int           `yaml:"max_pages"`
	MaxBodyBytes int           `yaml:"max_body_bytes"`
	// UnitCodes are the administrative units the source reports for.
	UnitCodes []string `yaml:"unit_codes"`

	listing, article *regexp.Regexp
}

// DefaultUserAgent identifies DRA to portal operators.
const DefaultUserAgent = "DRA-archiver/0.1 (+https://github.com/dra-archive/dra; archive of district reports)"

// Compile validates the source and fills defaults. Every problem is
// reported at once.
func (s *Source) Compile() error {
	var errs []error
	if s.ID == "" {
		errs = append(errs, errors.New("id is required"))
	}
	if len(s.StartURLs) == 0 {
		errs = append(errs, errors.New("start_urls is required"))
	}
	for _, u := range s.StartURLs {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errs = append(errs, fmt.Errorf("start url %q is not an absolute http(s) URL", u))
			continue
		}
		if len(s.AllowedHosts) == 0 || !contains(s.AllowedHosts, p.Hostname()) {
			s.AllowedHosts = append(s.AllowedHosts, p.Hostname())
		}
	}
	var err error
	if s.listing, err = compilePattern("listing_pattern", s.ListingPattern); err != nil {
		errs = append(errs, err)
	}
	if s.article, err = compilePattern("article_pattern", s.ArticlePattern); err != nil {
		errs = append(errs, err)
	}
	if s.UserAgent == "" {
		s.UserAgent = DefaultUserAgent
	}
	if s.Parallelism <= 0 {
		s.Parallelism = 2
	}
	if s.MaxBodyBytes <= 0 {
		s.MaxBodyBytes = 20 << 20
	}
	if len(errs) > 0 {
		return fmt.Errorf("source %q: %w", s.ID, errors.Join(errs...))
	}
	return nil
}

func compilePattern(field, p string) (*regexp.Regexp, error) {
	if p == "" {
		return nil, fmt.Errorf("%s is required", field)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	return re, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if strings.EqualFold(v, x) {
			return true
		}
	}
	return false
}

// IsArticle reports whether a canonical URL is an article page.
func (s *Source) IsArticle(u string) bool { return s.article.MatchString(u) }

// IsListing reports whether a canonical URL is a listing page.
func (s *Source) IsListing(u string) bool { return s.listing.MatchString(u) }

// Canonical returns the canonical form of u: lowercase scheme and host, no
// default port, no fragment, path "/" when empty.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("url %q is not absolute", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}
