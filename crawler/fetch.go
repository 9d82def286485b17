package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Errors a fetch can end with; a Failure's Reason names them.
var (
	// ErrPrivateAddress is returned when a source without allow_private
	// would connect to a loopback, private or other special-purpose
	// address (see Restricted).
	ErrPrivateAddress = errors.New("private, loopback or special-purpose address not allowed for this source")
	// ErrOffHost is returned for a request to a host outside the source's
	// allowed hosts; no connection is made.
	ErrOffHost = errors.New("host not allowed for this source")
	// ErrTooLarge is returned for a body larger than the source's limit.
	ErrTooLarge = errors.New("body larger than the limit")
	// ErrTooManyRedirects ends a redirect chain (or loop).
	ErrTooManyRedirects = errors.New("too many redirects")
)

// maxRedirects is the longest redirect chain followed.
const maxRedirects = 5

// Internal response headers the fetcher adds for the collector callbacks;
// they are never archived nor sent.
const (
	hdrWARC        = "X-Dra-Warc"
	hdrContentType = "X-Dra-Content-Type"
	hdrAttempts    = "X-Dra-Attempts"
)

// fetchError is a fetch that failed after its retries.
type fetchError struct {
	Reason   string
	Status   int // the response's, when there was one
	Attempts int
	Err      error
}

func (e *fetchError) Error() string {
	return fmt.Sprintf("%s after %d attempt(s): %v", e.Reason, e.Attempts, e.Err)
}
func (e *fetchError) Unwrap() error { return e.Err }

// fetcher is the crawler's http.RoundTripper: it refuses hosts outside the
// source, retries network errors, 5xx and 429 with exponential backoff
// (honouring Retry-After) up to the source's maximum, bounds every attempt
// by the source's timeout and the body by its size limit, archives every
// response with its request, and decodes HTML to UTF-8 NFC for the collector.
type fetcher struct {
	src     *Source
	base    *http.Transport
	archive *Archive
	sleep   func(ctx context.Context, d time.Duration) error
	now     func() time.Time
	onRetry func(reason string, wait time.Duration)
	// before, if set, is waited on before every attempt (a web archive's
	// rate limit).
	before func(ctx context.Context, host string) error
	// delay, if set, is the host's wait between requests (politeness.delay
	// or Crawl-delay): waited before a redirect hop and at least before a
	// retry, which Colly's limit rules do not space.
	delay func(host string) time.Duration
}

func newFetcher(src *Source, archive *Archive, sleep func(context.Context, time.Duration) error, now func() time.Time, onRetry func(string, time.Duration)) *fetcher {
	return &fetcher{src: src, base: baseTransport(src.AllowPrivate), archive: archive, sleep: sleep, now: now,
		onRetry: onRetry}
}

// baseTransport refuses restricted addresses (see Restricted) unless
// allowed, checked in the dialer on the very address each connection is
// made to: every answer of a DNS lookup that is tried, every redirect hop,
// no DNS rebinding around it. With the guard on no proxy from the
// environment is used: through one the address could not be checked.
func baseTransport(allowPrivate bool) *http.Transport {
	d := &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error { return checkDial(address) }
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = d.DialContext
	if !allowPrivate {
		t.Proxy = nil
	}
	t.MaxIdleConnsPerHost = 16
	// The archive keeps the bytes as sent: ask for no content coding.
	t.DisableCompression = true
	return t
}

// restricted is the dial-time decision (tests replace it).
var restricted = Restricted

// checkDial is the dial-time decision for a source without allow_private:
// address is the "ip:port" the dialer is about to connect to.
func checkDial(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || restricted(ip) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	return nil
}

func (f *fetcher) close() { f.base.CloseIdleConnections() }

func (f *fetcher) RoundTrip(req *http.Request) (*http.Response, error) {
	if !f.src.AllowsHost(req.URL.Hostname()) {
		return nil, &fetchError{Reason: ResultOffHost, Err: fmt.Errorf("%w: %s", ErrOffHost, req.URL.Host)}
	}
	return f.do(req)
}

func (f *fetcher) do(req *http.Request) (*http.Response, error) {
	p := f.src.Politeness
	var delay time.Duration
	if f.delay != nil {
		delay = f.delay(req.URL.Host)
	}
	if req.Response != nil && delay > 0 { // a redirect hop: the client follows it at once
		if err := f.sleep(req.Context(), delay); err != nil {
			return nil, err
		}
	}
	for attempt := 1; ; attempt++ {
		resp, err := f.attempt(req, attempt)
		retryable := false
		var wait time.Duration
		reason := ""
		switch {
		case err != nil:
			if req.Context().Err() != nil {
				return nil, req.Context().Err()
			}
			var fe *fetchError
			if errors.As(err, &fe) || errors.Is(err, ErrPrivateAddress) {
				if errors.Is(err, ErrPrivateAddress) {
					return nil, &fetchError{Reason: ResultPrivate, Attempts: attempt, Err: err}
				}
				return nil, err
			}
			if unreachable(err) {
				// The name does not resolve or nothing listens: trying
				// again in a few seconds cannot help; fail at once.
				return nil, &fetchError{Reason: ResultNetworkError, Attempts: attempt, Err: err}
			}
			retryable, reason = true, "network"
			if isTimeout(err) {
				reason = "timeout"
			}
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			retryable, reason = true, strconv.Itoa(resp.StatusCode)
			wait = retryAfter(resp.Header.Get("Retry-After"), f.now())
		}
		if !retryable {
			return resp, nil
		}
		if attempt > p.Retries || wait > p.MaxWait {
			if err != nil {
				r := ResultNetworkError
				if reason == "timeout" {
					r = ResultTimeout
				}
				return nil, &fetchError{Reason: r, Attempts: attempt, Err: err}
			}
			resp.Header.Set(hdrAttempts, strconv.Itoa(attempt))
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		backoff := p.Backoff << (attempt - 1)
		if backoff <= 0 || backoff > p.MaxWait {
			backoff = p.MaxWait
		}
		wait = max(wait, backoff, delay)
		if f.onRetry != nil {
			f.onRetry(reason, wait)
		}
		if err := f.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

// unreachable reports a failure that retrying within the crawl cannot fix:
// a host name that does not resolve, or a connection refused.
func unreachable(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsNotFound || !dnsErr.IsTemporary && !dnsErr.IsTimeout
	}
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// attempt makes one request within the source's timeout, reads the body up
// to the size limit, archives the exchange and returns a response whose
// body is in memory (decoded to UTF-8 NFC for HTML and text).
func (f *fetcher) attempt(req *http.Request, n int) (out *http.Response, err error) {
	ctx, cancel := context.WithTimeout(req.Context(), f.src.Politeness.Timeout)
	defer cancel()
	var remote string
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		if host, _, err := net.SplitHostPort(ci.Conn.RemoteAddr().String()); err == nil {
			remote = host
		}
	}})
	r := req.Clone(ctx)
	if f.before != nil {
		if err := f.before(ctx, r.URL.Host); err != nil {
			return nil, err
		}
	}
	at := f.now()
	resp, err := f.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	limit := int64(f.src.Limits.MaxBodyBytes)
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	truncated := int64(len(body)) > limit
	if truncated {
		body = body[:limit]
	}
	// The exchange is compressed and written on the archive's workers while
	// the body is decoded here; an article (or capture) waits for it to be
	// durable before it goes on to be published. A listing does not wait:
	// nothing is published from it, and Archive.Close writes it out.
	var pending *Pending
	capt, _ := req.Context().Value(captureKey{}).(*captureInfo)
	if f.archive != nil && (capt == nil || !capt.noArchive) {
		x := Exchange{Request: r, Response: resp, Body: body, Truncated: truncated, RemoteIP: remote, At: at}
		if capt != nil {
			x.Original, x.CaptureAt = capt.original, capt.at
		}
		pending = f.archive.Submit(x)
		if capt == nil && !f.src.IsArticle(canonicalOr(r.URL.String())) {
			pending = nil
		}
	}
	if truncated {
		return nil, &fetchError{Reason: ResultTooLarge, Status: resp.StatusCode, Attempts: n,
			Err: fmt.Errorf("%w: more than %d bytes (archived truncated)", ErrTooLarge, limit)}
	}
	h := resp.Header.Clone()
	defer func() {
		if pending == nil {
			return
		}
		wr, werr := pending.Wait(req.Context())
		if werr != nil {
			out, err = nil, &fetchError{Reason: ResultArchiveError, Attempts: n, Err: werr}
			return
		}
		if out != nil {
			out.Header.Set(hdrWARC, wr.File+" "+strconv.FormatInt(wr.Offset, 10)+" "+wr.RecordID)
		}
	}()
	ct := h.Get("Content-Type")
	h.Set(hdrContentType, ct)
	// The body is inflated here, within the limit, whatever its type: left
	// compressed, Colly would inflate it without one (a gzip bomb).
	if strings.EqualFold(strings.TrimSpace(h.Get("Content-Encoding")), "gzip") {
		plain, err := gunzip(body, limit)
		if err != nil {
			return nil, &fetchError{Reason: ResultTooLarge, Status: resp.StatusCode, Attempts: n, Err: err}
		}
		body = plain
		h.Del("Content-Encoding")
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 && isText(ct) {
		body = DecodeHTML(body, ct)
		h.Set("Content-Type", mediaType(ct)+"; charset=utf-8")
	}
	h.Del("Content-Length")
	return &http.Response{Status: resp.Status, StatusCode: resp.StatusCode, Proto: resp.Proto,
		ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor, Header: h,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: req}, nil
}

// gunzip inflates a gzip body of at most limit bytes once inflated; a
// larger one is ErrTooLarge (its compressed bytes are archived as sent).
// A body that is not gzip is returned as it is, a corrupt stream as far as
// it inflates: either way nothing is left for Colly to inflate.
func gunzip(body []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return body, nil
	}
	plain, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if int64(len(plain)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes once inflated (archived compressed)", ErrTooLarge, limit)
	}
	_ = err // a corrupt or cut stream: what inflated is the body
	return plain, nil
}

func isText(ct string) bool {
	mt := mediaType(ct)
	return mt == "" || strings.HasPrefix(mt, "text/") || strings.Contains(mt, "html") || strings.Contains(mt, "xml")
}

func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	if mt == "" {
		return "text/html"
	}
	return mt
}

// canonicalOr is the canonical form of u, or u when it has none.
func canonicalOr(u string) string {
	if c, err := Canonical(u); err == nil {
		return c
	}
	return u
}

// parseWARCRef reads the internal header the fetcher set.
func parseWARCRef(h http.Header) (file string, offset int64, id string, ok bool) {
	parts := strings.SplitN(h.Get(hdrWARC), " ", 3)
	if len(parts) != 3 {
		return "", 0, "", false
	}
	off, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return "", 0, "", false
	}
	return parts[0], off, parts[2], true
}

// WithResolve makes every crawl connect to resolve(host:port) instead of
// host:port when it answers an address, as curl's --resolve does: a
// simulated or mirrored fleet of portals served on one address and told
// apart by the Host header. The address guard applies to the address
// dialled.
func WithResolve(resolve func(hostport string) string) Option {
	return func(c *Crawler) { c.resolve = resolve }
}

// dialVia routes the fetcher's connections: route(host:port) is the
// addresses to connect to instead, tried in order (nil: host:port itself).
func (f *fetcher) dialVia(route func(string) []string) {
	dial := f.base.DialContext
	f.base.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		to := route(addr)
		if len(to) == 0 {
			return dial(ctx, network, addr)
		}
		var errs []error
		for _, a := range to {
			conn, err := dial(ctx, network, a)
			if err == nil {
				return conn, nil
			}
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
		return nil, errors.Join(errs...)
	}
}
