package crawler

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robots answers robots.txt questions for one crawl: whether a URL may be
// fetched and the host's Crawl-delay, which Colly does not read. The file
// is fetched once per host (through the fetcher, so it is archived, retried
// and bounded like any page). A robots.txt that cannot be fetched (network
// error, 5xx after retries) disallows the whole host for this crawl.
type robots struct {
	client *http.Client
	agent  string
	ignore bool

	mu    sync.Mutex
	hosts map[string]*robotsHost
}

type robotsHost struct {
	once  sync.Once
	group *robotstxt.Group
	// sitemaps are the file's Sitemap lines.
	sitemaps []string
	err      error
}

func newRobots(client *http.Client, agent string, ignore bool) *robots {
	return &robots{client: client, agent: agent, ignore: ignore, hosts: map[string]*robotsHost{}}
}

func (r *robots) host(ctx context.Context, u *url.URL) *robotsHost {
	key := u.Scheme + "://" + u.Host
	r.mu.Lock()
	h, ok := r.hosts[key]
	if !ok {
		h = &robotsHost{}
		r.hosts[key] = h
	}
	r.mu.Unlock()
	h.once.Do(func() {
		status, body := http.StatusServiceUnavailable, []byte(nil)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, key+"/robots.txt", nil)
		if err == nil {
			req.Header.Set("User-Agent", r.agent)
			var resp *http.Response
			if resp, err = r.client.Do(req); err == nil {
				status = resp.StatusCode
				body, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
		}
		h.err = err
		data, perr := robotstxt.FromStatusAndBytes(status, body)
		if perr != nil || err != nil {
			data, _ = robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil) // disallow all
		}
		h.group = data.FindGroup(r.agent)
		h.sitemaps = data.Sitemaps
	})
	return h
}

// allowed reports whether u may be fetched.
func (r *robots) allowed(ctx context.Context, u *url.URL) bool {
	if r.ignore || u.Path == "/robots.txt" {
		return true
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return r.host(ctx, u).group.Test(path)
}

// delay is the host's Crawl-delay (0 if none).
func (r *robots) delay(ctx context.Context, u *url.URL) time.Duration {
	if r.ignore {
		return 0
	}
	return r.host(ctx, u).group.CrawlDelay
}

// sitemaps are the Sitemap lines of u's host's robots.txt (fetched even
// when robots.txt is ignored: they are only a hint of where to look).
func (r *robots) sitemaps(ctx context.Context, u *url.URL) []string {
	return r.host(ctx, u).sitemaps
}
