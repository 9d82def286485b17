// Package elastic is the Elasticsearch search store, DRA's production
// backend. It uses only what the Elasticsearch server core offers (index
// templates, mappings, bulk, bool/match/match_phrase/multi_match/term/range
// queries), so it runs on any 8.x cluster, including the module-less test
// distribution that scripts/elasticsearch.sh starts.
//
// Vietnamese analysis happens in Go (package vietnamese): the store indexes an
// exact and a folded view of title and body and lets Elasticsearch only
// tokenise, lowercase and build shingles on top.
//
// Layout: documents live in a versioned index (<Index>-v<N>) reached through
// the alias <Index>; an index template <Index> holds its settings and mappings.
// Open refuses an index written by another mapping version rather than
// silently using it.
package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/elastic/go-elasticsearch/v8"

	"github.com/dra-archive/dra/search"
)

// DefaultIndex is the default alias name; the versioned index behind it is
// DefaultIndex-v<mappingVersion>.
const DefaultIndex = "dra-articles"

// DefaultMetricsIndex is the default alias of the metric documents.
const DefaultMetricsIndex = "dra-metrics"

// Config configures Open.
type Config struct {
	// URL of the Elasticsearch nodes, e.g. http://127.0.0.1:9200, or
	// several separated by commas (http://es1:9200,http://es2:9200): every
	// request goes to one of them in turn, and a request that cannot reach
	// its node (refused, reset) or that gets a 502, 503 or 504 is sent
	// again to another, up to MaxRetries times. User information in the
	// first URL (https://user:pass@host) is used for basic auth.
	URL string
	// MaxRetries is how many times a request is sent again to another node
	// (default 3; at least the number of nodes is better).
	MaxRetries int
	// Index is the base name: the alias that reads and writes go through,
	// and the name of the index template. Default DefaultIndex.
	Index string
	// MetricsIndex is the alias of the metric documents: default
	// DefaultMetricsIndex with the default Index, else Index + "-metrics".
	MetricsIndex string
	// Refresh is the refresh parameter of writes: "false" (the default:
	// Upsert returns once the writes are durable, and they become
	// searchable at the index's next scheduled refresh, RefreshInterval),
	// "wait_for" (Upsert also waits for that refresh: a bulk then takes up
	// to a refresh interval longer) or "true" (refresh now: quicker for
	// small test batches, costly under load). Durability does not depend
	// on it: see Upsert.
	Refresh string
	// Shards and Replicas of a newly created index (set by the index
	// template): default 1 and 0. A cluster that must survive losing a node
	// needs Replicas >= 1.
	Shards, Replicas int
	// RefreshInterval is the index.refresh_interval of a newly created
	// index (set by the index template): how soon a write becomes
	// searchable, e.g. "1s", "30s", or "-1" (only explicit refreshes).
	// Empty keeps Elasticsearch's default (1s, and no refresh while the
	// index gets no searches).
	RefreshInterval string
	// UpdateSettings makes Open also apply Replicas and RefreshInterval to
	// the existing indices (both are dynamic settings); without it they
	// only shape indices created from now on.
	UpdateSettings bool
	// APIKey, if set, authenticates every request (base64 "id:key").
	APIKey string
	// Logger receives lifecycle messages; default: discarded.
	Logger *slog.Logger
}

// Store is the Elasticsearch search store. It is safe for concurrent use.
type Store struct {
	es        *elasticsearch.Client
	transport *http.Transport
	alias     string // what reads and writes go through
	index     string // the concrete, versioned index
	// metricsAlias and metricsIndex are the same for metric documents.
	metricsAlias, metricsIndex string
	cfg                        Config
	log                        *slog.Logger
	// maxBulkBytes bounds one _bulk request; a bigger batch is sent in
	// several requests.
	maxBulkBytes int

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

var _ search.Store = (*Store)(nil)

var errClosed = errors.New("elastic: store closed")

// Open connects to Elasticsearch and makes sure the index template, the
// versioned index and the alias exist (creating what is missing, so calling
// it again is harmless). An index of another mapping version behind the alias
// is an error wrapping ErrMappingVersion. Connection failures wrap
// search.ErrTransient.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if _, err := nodeURLs(cfg.URL); err != nil {
		return nil, err
	}
	if cfg.Index == "" {
		cfg.Index = DefaultIndex
	}
	cfg.MetricsIndex = metricsAliasOf(cfg)
	for _, name := range []string{cfg.Index, cfg.MetricsIndex} {
		if err := validIndexName(name); err != nil {
			return nil, err
		}
	}
	if cfg.MetricsIndex == cfg.Index {
		return nil, errors.New("elastic: the metrics index must differ from the article index")
	}
	switch cfg.Refresh {
	case "":
		cfg.Refresh = "false"
	case "wait_for", "true", "false":
	default:
		return nil, fmt.Errorf("elastic: refresh %q: want false, wait_for or true", cfg.Refresh)
	}
	if cfg.Shards <= 0 {
		cfg.Shards = 1
	}
	if cfg.Replicas < 0 {
		return nil, fmt.Errorf("elastic: negative replica count %d", cfg.Replicas)
	}
	if err := validInterval(cfg.RefreshInterval); err != nil {
		return nil, err
	}
	s, err := newStore(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.setup(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

func metricsAliasOf(cfg Config) string {
	switch {
	case cfg.MetricsIndex != "":
		return cfg.MetricsIndex
	case cfg.Index == DefaultIndex:
		return DefaultMetricsIndex
	}
	return cfg.Index + "-metrics"
}

// newStore builds a store for cfg (defaults applied) without touching
// Elasticsearch.
func newStore(cfg Config) (*Store, error) {
	cfg.MetricsIndex = metricsAliasOf(cfg)
	if cfg.Refresh == "" {
		cfg.Refresh = "false"
	}
	urls, err := nodeURLs(cfg.URL)
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 2 * time.Minute,
		ForceAttemptHTTP2:     true,
	}
	retries := cfg.MaxRetries
	if retries <= 0 {
		retries = max(3, len(urls))
	}
	es, err := elasticsearch.NewClient(elasticsearch.Config{
		Addresses:  urls,
		APIKey:     cfg.APIKey,
		Transport:  tr,
		MaxRetries: retries,
		// A request that found its node gone is sent to the next one at
		// once; a cluster answering 503 (a primary being promoted) gets a
		// moment.
		RetryBackoff: func(attempt int) time.Duration { return time.Duration(attempt) * 50 * time.Millisecond },
	})
	if err != nil {
		return nil, fmt.Errorf("elastic: client: %w", err)
	}
	s := &Store{
		es: es, transport: tr,
		alias: cfg.Index, index: versionedIndex(cfg.Index, mappingVersion),
		metricsAlias: cfg.MetricsIndex, metricsIndex: versionedIndex(cfg.MetricsIndex, metricsMappingVersion),
		cfg: cfg, log: logger.With("component", "search", "backend", "elasticsearch"),
		maxBulkBytes: defaultMaxBulkBytes,
	}
	return s, nil
}

// nodeURLs splits the comma-separated node URLs of Config.URL and checks
// each.
func nodeURLs(list string) ([]string, error) {
	var out []string
	for _, raw := range strings.Split(list, ",") {
		raw = strings.TrimRight(strings.TrimSpace(raw), "/")
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("elastic: url: %w", errors.Unwrap(err)) // the URL may hold a password
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("elastic: url %q: want http(s)://host:port", u.Redacted())
		}
		out = append(out, raw)
	}
	if len(out) == 0 {
		return nil, errors.New("elastic: no URL")
	}
	return out, nil
}

// validInterval checks an index.refresh_interval value: empty, -1 or a
// time value such as 500ms, 1s, 2m.
func validInterval(v string) error {
	if v == "" || v == "-1" {
		return nil
	}
	i := strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	if i > 0 {
		switch v[i:] {
		case "ms", "s", "m", "h", "d", "nanos", "micros":
			return nil
		}
	}
	return fmt.Errorf("elastic: refresh interval %q: want a time such as 1s, 500ms or 30s, or -1", v)
}

// Index returns the concrete versioned index the store writes to.
func (s *Store) Index() string { return s.index }

// Alias returns the alias reads and writes go through.
func (s *Store) Alias() string { return s.alias }

// MetricsIndex returns the concrete versioned index of the metric documents.
func (s *Store) MetricsIndex() string { return s.metricsIndex }

// Refresh makes every write so far searchable (after bulk loading with
// Config.Refresh "false").
func (s *Store) Refresh(ctx context.Context) error {
	if _, err := s.do(ctx, http.MethodPost, "/"+s.alias+","+s.metricsAlias+"/_refresh", nil, nil, nil); err != nil {
		return fmt.Errorf("elastic: refresh: %w", err)
	}
	return nil
}

// Ping reports whether the cluster answers and the store's index is at least
// yellow (every primary shard allocated).
func (s *Store) Ping(ctx context.Context) error {
	var h struct {
		Status   string `json:"status"`
		TimedOut bool   `json:"timed_out"`
	}
	q := url.Values{"wait_for_status": {"yellow"}, "timeout": {"1s"}}
	status, err := s.do(ctx, http.MethodGet, "/_cluster/health/"+s.alias+","+s.metricsAlias, q, nil, &h)
	if err != nil && status != http.StatusRequestTimeout {
		return fmt.Errorf("elastic: ping: %w", err)
	}
	if h.Status != "green" && h.Status != "yellow" {
		return fmt.Errorf("elastic: ping: index %s is %s: %w", s.alias, h.Status, search.ErrTransient)
	}
	return nil
}

// Count returns the number of articles.
func (s *Store) Count(ctx context.Context) (int, error) {
	var res struct {
		Count int `json:"count"`
	}
	if _, err := s.do(ctx, http.MethodGet, "/"+s.alias+"/_count", nil, nil, &res); err != nil {
		return 0, fmt.Errorf("elastic: count: %w", err)
	}
	return res.Count, nil
}

// Get returns the article as it was upserted, or search.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (search.Article, error) {
	// _mget takes the ID in the body, so no ID needs escaping into a path.
	var res struct {
		Docs []struct {
			Found  bool        `json:"found"`
			Source *storedDoc  `json:"_source"`
			Error  *errorCause `json:"error"`
		} `json:"docs"`
	}
	q := url.Values{"_source_includes": {fieldArticle + "," + fieldRecordBody}}
	body := map[string]any{"ids": []string{id}}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.alias+"/_mget", q, body, &res); err != nil {
		return search.Article{}, fmt.Errorf("elastic: get %s: %w", id, err)
	}
	if len(res.Docs) != 1 {
		return search.Article{}, fmt.Errorf("elastic: get %s: %d docs in the answer", id, len(res.Docs))
	}
	d := res.Docs[0]
	if d.Error != nil {
		return search.Article{}, fmt.Errorf("elastic: get %s: %s", id, d.Error)
	}
	if !d.Found || d.Source == nil {
		return search.Article{}, fmt.Errorf("elastic: get %s: %w", id, search.ErrNotFound)
	}
	a, err := decodeArticle(*d.Source)
	if err != nil {
		return search.Article{}, fmt.Errorf("elastic: get %s: decode: %w", id, err)
	}
	return a, nil
}

// Close releases the client's connections. It is safe to call twice.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.es.Close(ctx); err != nil && !errors.Is(err, elasticsearch.ErrAlreadyClosed) {
			s.closeErr = fmt.Errorf("elastic: close: %w", err)
		}
		s.transport.CloseIdleConnections()
	})
	return s.closeErr
}

// apiError is an error answer from Elasticsearch.
type apiError struct {
	Status int
	Type   string
	Reason string
}

func (e *apiError) Error() string {
	if e.Type == "" {
		return fmt.Sprintf("status %d: %s", e.Status, e.Reason)
	}
	return fmt.Sprintf("status %d: %s: %s", e.Status, e.Type, e.Reason)
}

// Is makes overload and server errors match search.ErrTransient.
func (e *apiError) Is(target error) bool {
	return target == search.ErrTransient && transientStatus(e.Status)
}

func transientStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500
}

// errorCause is the "error" object of an Elasticsearch answer.
type errorCause struct {
	Type     string      `json:"type"`
	Reason   string      `json:"reason"`
	CausedBy *errorCause `json:"caused_by"`
}

func (c *errorCause) String() string {
	if c == nil {
		return ""
	}
	s := c.Type
	if c.Reason != "" {
		s += ": " + c.Reason
	}
	if c.CausedBy != nil {
		s += " (caused by " + c.CausedBy.String() + ")"
	}
	return s
}

// do sends one request. body is JSON-encoded unless it is an io.Reader
// (NDJSON for _bulk). A 2xx answer is decoded into out (if not nil); any
// other status is an *apiError. Failures to reach Elasticsearch wrap
// search.ErrTransient. The HTTP status is returned when there was an answer.
func (s *Store) do(ctx context.Context, method, path string, query url.Values, body, out any) (int, error) {
	if s.closed.Load() {
		return 0, errClosed
	}
	var r io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case nil:
	case io.Reader:
		r = b
		contentType = "application/x-ndjson"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return 0, fmt.Errorf("encode request: %w", err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://elasticsearch"+path, r)
	if err != nil {
		return 0, err
	}
	req.URL.RawQuery = query.Encode()
	if r != nil {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	res, err := s.es.Perform(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("%s %s: %w", method, path, ctx.Err())
		}
		if errors.Is(err, elasticsearch.ErrClosed) {
			return 0, errClosed
		}
		return 0, fmt.Errorf("%s %s: %w: %w", method, path, search.ErrTransient, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, fmt.Errorf("%s %s: read answer: %w: %w", method, path, search.ErrTransient, err)
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, decodeAPIError(res.StatusCode, data, out)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: decode answer: %w", method, path, err)
		}
	}
	return res.StatusCode, nil
}

// decodeAPIError turns an error answer into an *apiError. The body is also
// decoded into out when possible, for answers (like a timed-out health check)
// that carry data with an error status.
func decodeAPIError(status int, data []byte, out any) error {
	if out != nil {
		_ = json.Unmarshal(data, out)
	}
	var body struct {
		Error json.RawMessage `json:"error"`
	}
	e := &apiError{Status: status}
	if json.Unmarshal(data, &body) == nil && len(body.Error) > 0 {
		var c errorCause
		if json.Unmarshal(body.Error, &c) == nil && c.Type != "" {
			e.Type = c.Type
			e.Reason = c.Reason
			if c.CausedBy != nil {
				e.Reason += " (caused by " + c.CausedBy.String() + ")"
			}
			return e
		}
		var msg string
		if json.Unmarshal(body.Error, &msg) == nil {
			e.Reason = msg
			return e
		}
	}
	e.Reason = strings.TrimSpace(string(data))
	if len(e.Reason) > 500 {
		e.Reason = e.Reason[:500] + "…"
	}
	if e.Reason == "" {
		e.Reason = http.StatusText(status)
	}
	return e
}

// validIndexName checks the rules Elasticsearch applies to index names, so a
// bad Config fails early with a clear message.
func validIndexName(name string) error {
	bad := name == "." || name == ".." || strings.HasPrefix(name, "-") || strings.HasPrefix(name, "_") ||
		strings.HasPrefix(name, "+") || strings.ToLower(name) != name || len(name) > 200 ||
		strings.ContainsAny(name, `\/*?"<>| ,#:`)
	if bad {
		return fmt.Errorf("elastic: invalid index name %q (lowercase, no \\/*?\"<>| ,#:, not starting with - _ +)", name)
	}
	return nil
}
