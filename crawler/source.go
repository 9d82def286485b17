package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/dra-archive/dra/event"
)

// Source is one portal to crawl, as configured in sources.yaml.
type Source struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	District string `yaml:"district"`
	Province string `yaml:"province"`
	// StartURLs are the home and listing pages the crawl starts from; they
	// are fetched on every crawl.
	StartURLs []string `yaml:"start_urls"`
	// AllowedHosts bounds the crawl; default: the hosts of StartURLs. No
	// request, redirect included, goes to any other host. Host and the
	// host names of Aliases are always allowed: they name the same portal.
	AllowedHosts []string `yaml:"allowed_hosts,omitempty"`
	// Host is the portal's own host name, by which its articles are
	// identified (see IdentityKey); default: the host of the first start
	// URL. A leading "www." makes no difference.
	Host string `yaml:"host,omitempty"`
	// Aliases are other host names of the same portal, each optionally
	// with a port ("old.hanoi.gov.vn", "127.0.0.1:8080"): a domain it
	// moved from or to, or the address a simulation or mirror serves it
	// on. A page reached at an alias keeps the ID it has at Host. An alias
	// without a port matches every port.
	Aliases []string `yaml:"aliases,omitempty"`
	// ListingPattern and ArticlePattern are regular expressions on the
	// canonical URL. Links matching neither are not followed.
	ListingPattern string `yaml:"listing_pattern"`
	ArticlePattern string `yaml:"article_pattern"`
	// Selectors are optional CSS selectors for the article's fields, carried
	// to the processor in ArticleFetched.
	Selectors Selectors `yaml:"selectors,omitempty"`
	// Schedule is a cron expression (5 fields, or a descriptor such as
	// "@daily") in Asia/Ho_Chi_Minh time; empty: the scheduler's interval.
	Schedule   string     `yaml:"schedule,omitempty"`
	Politeness Politeness `yaml:"politeness,omitempty"`
	Limits     Limits     `yaml:"limits,omitempty"`
	Recrawl    Recrawl    `yaml:"recrawl,omitempty"`
	// UserAgent must name DRA and a contact; default DefaultUserAgent.
	UserAgent string `yaml:"user_agent,omitempty"`
	// AllowPrivate permits loopback and private addresses (the simulated
	// portal); off by default so a source cannot make DRA probe a LAN.
	AllowPrivate bool `yaml:"allow_private,omitempty"`
	// UnitCodes are the administrative units the source reports for, as
	// "<era>:<level>:<official code>" ("new:commune:00118", "new:province:01",
	// "old:district:020"); each must exist in the gazetteer (place.Lookup).
	// They travel in ArticleFetched.UnitCodes. A source with unit codes
	// needs no district (commune, ward and province portals).
	UnitCodes []string `yaml:"unit_codes,omitempty"`
	// Kind is "live" (default: crawl the portal itself) or "wayback" (read
	// the portal's captures from a web archive, see Archive and wayback.go).
	Kind string `yaml:"kind,omitempty"`
	// Archive configures a wayback source; it is required for one and
	// refused for any other kind.
	Archive *ArchiveConfig `yaml:"archive,omitempty"`
	// Disabled sources are validated but never scheduled; an explicit
	// crawl (dra crawl <id>, a published job) still runs them. For
	// example sources whose URLs are not confirmed.
	Disabled bool `yaml:"disabled,omitempty"`

	listing, article *regexp.Regexp
	schedule         cron.Schedule
	// ident is the parsed Host and Aliases, set by Compile.
	ident *identity
}

// Selectors are CSS selectors for an article's fields; empty fields fall
// back to generic extraction. Exclude removes blocks (injected spam, share
// bars) from the body before extraction.
type Selectors = event.Selectors

// Politeness is how gently a source is crawled. The zero value gets
// defaults that suit a small government server.
type Politeness struct {
	// Delay between two requests to one host (per parallel slot); a larger
	// Crawl-delay in robots.txt wins.
	Delay time.Duration `yaml:"delay,omitempty"`
	// Parallelism is the number of requests in flight per host (default 2;
	// 1 when a delay is set by robots.txt).
	Parallelism int `yaml:"parallelism,omitempty"`
	// Timeout bounds one request, body included (default 30s).
	Timeout time.Duration `yaml:"timeout,omitempty"`
	// Retries after a network error, a 5xx or a 429 (default 3).
	Retries int `yaml:"retries,omitempty"`
	// Backoff is the first wait before a retry; it doubles (default 2s).
	// A Retry-After header, when longer, is honoured.
	Backoff time.Duration `yaml:"backoff,omitempty"`
	// MaxWait caps one wait; a Retry-After beyond it ends the retries
	// (default 5m).
	MaxWait time.Duration `yaml:"max_wait,omitempty"`
	// IgnoreRobots disables robots.txt; only for portals whose operator
	// agreed. Off by default.
	IgnoreRobots bool `yaml:"ignore_robots,omitempty"`
}

// Limits bound one crawl of a source.
type Limits struct {
	MaxPages     int `yaml:"max_pages,omitempty"`      // requests per crawl; 0: no limit
	MaxDepth     int `yaml:"max_depth,omitempty"`      // link hops from a start URL; 0: no limit
	MaxBodyBytes int `yaml:"max_body_bytes,omitempty"` // larger pages are recorded as too_large (default 20 MiB)
}

// Recrawl configures incremental recrawls.
type Recrawl struct {
	// KnownDepth is how many listing pages with no new article the walk
	// goes on past before it stops following their links (default 1). A
	// negative value always walks the whole site.
	KnownDepth int `yaml:"known_depth,omitempty"`
	// Revisit is how long a known article is left alone: on a recrawl it
	// is requested again (conditionally) only once it was last checked
	// longer ago than Revisit (spread per article up to half as long again,
	// so a site checked in one night does not fall due in one night), or
	// when the sitemap says it changed since. Default 7 days; a negative
	// value checks every known article reached on every recrawl.
	Revisit time.Duration `yaml:"revisit,omitempty"`
	// Sitemap is where a recrawl learns what is new: "auto" (default) reads
	// the Sitemap lines of the start hosts' robots.txt, an absolute URL names
	// the sitemap (or sitemap index), "off" walks the listing pages. When
	// every sitemap answers (200, or 304 to a conditional request), an
	// incremental recrawl requests only the new, changed and due articles
	// and walks no listing page; otherwise it walks the listings as before.
	Sitemap string `yaml:"sitemap,omitempty"`
}

// RecrawlSitemapAuto and RecrawlSitemapOff are the keywords of
// Recrawl.Sitemap.
const (
	RecrawlSitemapAuto = "auto"
	RecrawlSitemapOff  = "off"
)

// DefaultUserAgent identifies DRA to portal operators, with a contact.
const DefaultUserAgent = "DRA-archiver/0.1 (+https://github.com/dra-archive/dra; archive of district reports)"

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Compile validates the source and fills defaults. Every problem is
// reported at once.
func (s *Source) Compile() error {
	var errs []error
	if s.ID == "" {
		errs = append(errs, errors.New("id is required"))
	} else if !idPattern.MatchString(s.ID) {
		errs = append(errs, fmt.Errorf("id %q: use lowercase letters, digits, '-' and '_' (it names a NATS subject)", s.ID))
	}
	if s.District == "" && len(s.UnitCodes) == 0 {
		errs = append(errs, errors.New("district is required (or unit_codes, for a commune, ward or province portal)"))
	}
	errs = append(errs, checkUnitCodes(s.UnitCodes)...)
	switch s.Kind {
	case "", KindLive:
		s.Kind = KindLive
		if s.Archive != nil {
			errs = append(errs, errors.New("archive: only for kind wayback"))
		}
	case KindWayback:
		if s.Archive == nil {
			errs = append(errs, errors.New("archive is required for kind wayback"))
		} else {
			errs = append(errs, s.Archive.compile()...)
		}
	default:
		errs = append(errs, fmt.Errorf("kind %q: want %q or %q", s.Kind, KindLive, KindWayback))
	}
	if len(s.StartURLs) == 0 {
		errs = append(errs, errors.New("start_urls is required"))
	}
	for _, h := range s.AllowedHosts {
		if !ValidHost(h) {
			errs = append(errs, fmt.Errorf("allowed host %q is not a host name or IP address", h))
		}
	}
	for _, u := range s.StartURLs {
		c, err := CheckURL(u) // the crawl's own check of its start URLs
		if err != nil {
			errs = append(errs, fmt.Errorf("start url: %w", err))
			continue
		}
		p, _ := url.Parse(c)
		s.allowHost(p.Hostname())
	}
	ident, identErrs := s.parseIdentity()
	errs = append(errs, identErrs...)
	if len(identErrs) == 0 && ident.host != "" {
		s.Host = ident.name
		s.ident = ident
		s.allowHost(ident.hostname)
		for _, a := range ident.aliases {
			s.allowHost(a.hostname)
		}
	}
	var err error
	if s.Kind == KindWayback && s.ListingPattern == "" {
		// Optional for a web archive: the CDX index lists the articles.
		s.listing = regexp.MustCompile(`^$`)
	} else if s.listing, err = compilePattern("listing_pattern", s.ListingPattern); err != nil {
		errs = append(errs, err)
	}
	if s.article, err = compilePattern("article_pattern", s.ArticlePattern); err != nil {
		errs = append(errs, err)
	}
	if s.Schedule != "" {
		if s.schedule, err = cronParser.Parse(s.Schedule); err != nil {
			errs = append(errs, fmt.Errorf("schedule %q: %w", s.Schedule, err))
		}
	}
	if s.UserAgent == "" {
		s.UserAgent = DefaultUserAgent
	} else if !strings.Contains(s.UserAgent, "http") && !strings.Contains(s.UserAgent, "@") {
		errs = append(errs, fmt.Errorf("user_agent %q has no contact (a URL or an e-mail address)", s.UserAgent))
	}
	p := &s.Politeness
	switch {
	case p.Delay < 0, p.Timeout < 0, p.Backoff < 0, p.MaxWait < 0, p.Parallelism < 0, p.Retries < 0:
		errs = append(errs, errors.New("politeness: negative value"))
	}
	if p.Parallelism == 0 {
		p.Parallelism = 2
	}
	if p.Timeout == 0 {
		p.Timeout = 30 * time.Second
	}
	if p.Retries == 0 {
		p.Retries = 3
	}
	if p.Backoff == 0 {
		p.Backoff = 2 * time.Second
	}
	if p.MaxWait == 0 {
		p.MaxWait = 5 * time.Minute
	}
	l := &s.Limits
	if l.MaxPages < 0 || l.MaxDepth < 0 || l.MaxBodyBytes < 0 {
		errs = append(errs, errors.New("limits: negative value"))
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = 20 << 20
	}
	if s.Recrawl.KnownDepth == 0 {
		s.Recrawl.KnownDepth = 1
	}
	if s.Recrawl.Revisit == 0 {
		s.Recrawl.Revisit = DefaultRevisit
	}
	switch sm := s.Recrawl.Sitemap; sm {
	case "":
		s.Recrawl.Sitemap = RecrawlSitemapAuto
	case RecrawlSitemapAuto, RecrawlSitemapOff:
	default:
		if _, err := CheckURL(sm); err != nil {
			errs = append(errs, fmt.Errorf("recrawl.sitemap: want %q, %q or an absolute URL: %w", RecrawlSitemapAuto,
				RecrawlSitemapOff, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("source %q: %w", s.ID, errors.Join(errs...))
	}
	return nil
}

// cronParser reads 5-field cron expressions and descriptors (@daily, @every 6h).
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

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

// allowHost adds a host name to AllowedHosts unless it is there.
func (s *Source) allowHost(h string) {
	if h != "" && !contains(s.AllowedHosts, h) {
		s.AllowedHosts = append(s.AllowedHosts, strings.ToLower(h))
	}
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
func (s *Source) IsArticle(u string) bool { return s.article != nil && s.article.MatchString(u) }

// IsListing reports whether a canonical URL is a listing page.
func (s *Source) IsListing(u string) bool { return s.listing != nil && s.listing.MatchString(u) }

// AllowsHost reports whether host (without port) is one of the source's.
func (s *Source) AllowsHost(host string) bool { return contains(s.AllowedHosts, host) }
