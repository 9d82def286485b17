package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
)

// StateBucket is the JetStream KV bucket of crawl state. Keys:
//
//	page.<source>.<id>   PageState: validators, content hash and WARC record of an article
//	fail.<source>.<id>   Failure: the last failure of a URL, removed when it is fetched again
//	source.<source>      SourceState: when crawls started and completed, the last report
//	sched.<source>       the last cron slot a scheduler published a job for (RFC 3339)
//
// <id> is the source's ArticleID of the canonical URL (the hash of its
// identity key, see Source.IdentityKey), so page.*.<article_id> finds an
// article's archived original, and a page reached again at another scheme,
// port, "www." host or alias of its source is the page already known.
// Records written before identity keys (<id> = the hash of the whole
// canonical URL) are moved to their identity keys at the source's next
// crawl (see SourceState.IdentityKeys).
const StateBucket = "DRA_CRAWL_STATE"

// PageState is what DRA knows about one fetched article page.
type PageState struct {
	// URL is the canonical URL the page was last fetched or checked at.
	URL          string         `json:"url"`
	ETag         string         `json:"etag,omitempty"`
	LastModified string         `json:"last_modified,omitempty"`
	SHA256       string         `json:"sha256"`
	FetchedAt    time.Time      `json:"fetched_at"` // last 200
	CheckedAt    time.Time      `json:"checked_at"` // last 200 or 304
	WARC         *event.WARCRef `json:"warc,omitempty"`
	// Digest is the web archive's digest of the capture last seen (wayback
	// sources): a capture with the same digest is not fetched again. For
	// a wayback source FetchedAt is the capture time of the published
	// version and CheckedAt that of the latest capture seen.
	Digest string `json:"digest,omitempty"`
	// Captures are the records of the versions published before WARC,
	// oldest first, at most MaxCaptures of them (the researcher's list of
	// an article's captures).
	Captures []event.WARCRef `json:"captures,omitempty"`
}

// MaxCaptures bounds the earlier versions a page's state remembers.
const MaxCaptures = 100

// withEarlier returns p with the capture prev had published added to its
// earlier captures, when p replaces it with another record.
func (p PageState) withEarlier(prev PageState) PageState {
	caps := prev.Captures
	if prev.WARC != nil && (p.WARC == nil || p.WARC.RecordID != prev.WARC.RecordID) {
		caps = append(slices.Clone(caps), *prev.WARC)
	}
	if len(caps) > MaxCaptures {
		caps = caps[len(caps)-MaxCaptures:]
	}
	p.Captures = caps
	return p
}

// Failure records a URL the crawler gave up on, and why.
type Failure struct {
	URL    string `json:"url"`
	Reason string `json:"reason"` // one of the Result* values
	Status int    `json:"status,omitempty"`
	// Attempts is the number of requests made (1 + retries).
	Attempts int       `json:"attempts,omitempty"`
	Error    string    `json:"error,omitempty"`
	At       time.Time `json:"at"`
}

// SourceState is the crawl history of a source.
type SourceState struct {
	LastStarted   time.Time `json:"last_started"`
	LastCompleted time.Time `json:"last_completed"`
	LastReport    *Report   `json:"last_report,omitempty"`
	// IdentityKeys is set once the source's page and failure records are
	// kept under identity keys (records of earlier builds were moved).
	IdentityKeys bool `json:"identity_keys,omitempty"`
	// Sitemaps are the validators of the sitemaps the last recrawl that
	// read them completed with, by URL (see Recrawl.Sitemap).
	Sitemaps map[string]SitemapState `json:"sitemaps,omitempty"`
}

// State is the crawl state in a JetStream KV bucket; it survives restarts
// and is shared by every crawler process.
type State struct {
	kv jetstream.KeyValue
}

// OpenState creates or opens the state bucket, retrying transient failures
// (a cluster still electing its leaders) until ctx ends. replicas is 1 on
// one node.
func OpenState(ctx context.Context, js jetstream.JetStream, replicas int) (*State, error) {
	kv, err := bus.EnsureKeyValue(ctx, js, nil, jetstream.KeyValueConfig{
		Bucket: StateBucket, Description: "crawler state: validators, hashes, failures, schedules",
		History: 1, Storage: jetstream.FileStorage, Replicas: max(replicas, 1),
	})
	if err != nil {
		return nil, fmt.Errorf("kv %s: %w", StateBucket, err)
	}
	return &State{kv: kv}, nil
}

// ExistingState opens the state bucket without creating or changing it
// (for readers such as dra archive get).
func ExistingState(ctx context.Context, js jetstream.JetStream) (*State, error) {
	kv, err := js.KeyValue(ctx, StateBucket)
	if err != nil {
		return nil, fmt.Errorf("kv %s: %w", StateBucket, err)
	}
	return &State{kv: kv}, nil
}

func pageKey(source, id string) string { return "page." + source + "." + id }
func failKey(source, id string) string { return "fail." + source + "." + id }

func (s *State) getJSON(ctx context.Context, key string, v any) (uint64, bool, error) {
	e, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("kv get %s: %w", key, err)
	}
	if err := json.Unmarshal(e.Value(), v); err != nil {
		return 0, false, fmt.Errorf("kv %s: %w", key, err)
	}
	return e.Revision(), true, nil
}

func (s *State) putJSON(ctx context.Context, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := s.kv.Put(ctx, key, b); err != nil {
		return fmt.Errorf("kv put %s: %w", key, err)
	}
	return nil
}

// Pages loads every known article page of a source, by canonical URL.
func (s *State) Pages(ctx context.Context, source string) (map[string]PageState, error) {
	byID, err := s.pagesByID(ctx, source)
	if err != nil {
		return nil, err
	}
	out := make(map[string]PageState, len(byID))
	for _, p := range byID {
		out[p.URL] = p
	}
	return out, nil
}

// pagesByID loads every known article page of a source, by article ID
// (the last part of its key).
func (s *State) pagesByID(ctx context.Context, source string) (map[string]PageState, error) {
	out := map[string]PageState{}
	w, err := s.kv.WatchFiltered(ctx, []string{"page." + source + ".>"}, jetstream.IgnoreDeletes())
	if err != nil {
		return nil, fmt.Errorf("kv watch: %w", err)
	}
	defer w.Stop()
	for e := range w.Updates() {
		if e == nil { // initial values done
			break
		}
		var p PageState
		if err := json.Unmarshal(e.Value(), &p); err != nil {
			return nil, fmt.Errorf("kv %s: %w", e.Key(), err)
		}
		out[keyID(e.Key())] = p
	}
	return out, nil
}

// keyID is the last part of a page.<source>.<id> or fail.<source>.<id> key
// (source IDs have no dots).
func keyID(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }

// PutPage records an article page under its article ID (Source.ArticleID).
func (s *State) PutPage(ctx context.Context, source, id string, p PageState) error {
	return s.putJSON(ctx, pageKey(source, id), p)
}

// migrateKeys moves a source's page and failure records kept under the keys
// of earlier builds, <id> = the hash of the whole canonical URL, to the keys
// of src.ArticleID. A record already under the new key stays; the old one
// goes. It returns the number of records moved or dropped.
func (s *State) migrateKeys(ctx context.Context, src *Source) (int, error) {
	w, err := s.kv.WatchFiltered(ctx, []string{pageKey(src.ID, ">"), failKey(src.ID, ">")}, jetstream.IgnoreDeletes())
	if err != nil {
		return 0, fmt.Errorf("kv watch: %w", err)
	}
	type move struct {
		from, to string
		val      []byte
	}
	var moves []move
	for e := range w.Updates() {
		if e == nil {
			break
		}
		var rec struct {
			URL string `json:"url"`
		}
		if json.Unmarshal(e.Value(), &rec) != nil || event.IdentityKey(rec.URL) == rec.URL {
			continue // not an absolute URL: not a record of an earlier build
		}
		if id := keyID(e.Key()); id != event.KeyID(rec.URL) {
			continue
		}
		to := strings.TrimSuffix(e.Key(), keyID(e.Key())) + src.ArticleID(rec.URL)
		moves = append(moves, move{from: e.Key(), to: to, val: e.Value()})
	}
	w.Stop()
	for i, m := range moves {
		if _, err := s.kv.Create(ctx, m.to, m.val); err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
			return i, fmt.Errorf("kv create %s: %w", m.to, err)
		}
		if err := s.kv.Delete(ctx, m.from); err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
			return i, fmt.Errorf("kv delete %s: %w", m.from, err)
		}
	}
	return len(moves), nil
}

// Article finds the state of an article by its ID, whatever its source.
func (s *State) Article(ctx context.Context, articleID string) (PageState, error) {
	var p PageState
	lister, err := s.kv.ListKeysFiltered(ctx, "page.*."+articleID)
	if err != nil {
		return p, fmt.Errorf("kv list: %w", err)
	}
	var key string
	for k := range lister.Keys() {
		key = k
	}
	if key == "" {
		return p, fmt.Errorf("article %s: %w", articleID, ErrNotArchived)
	}
	if _, ok, err := s.getJSON(ctx, key, &p); err != nil || !ok {
		return p, errors.Join(err, fmt.Errorf("article %s: %w", articleID, ErrNotArchived))
	}
	return p, nil
}

// ErrNotArchived is returned for an article DRA has no archived record of.
var ErrNotArchived = errors.New("not archived")

// PutFailure records the failure of a URL under its ID (Source.ArticleID).
func (s *State) PutFailure(ctx context.Context, source, id string, f Failure) error {
	return s.putJSON(ctx, failKey(source, id), f)
}

// ClearFailure removes the failure of the URL with this ID once it has been
// fetched.
func (s *State) ClearFailure(ctx context.Context, source, id string) error {
	err := s.kv.Delete(ctx, failKey(source, id))
	if err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
		return fmt.Errorf("kv delete: %w", err)
	}
	return nil
}

// Failures lists the recorded failures of a source, by URL.
func (s *State) Failures(ctx context.Context, source string) ([]Failure, error) {
	w, err := s.kv.WatchFiltered(ctx, []string{"fail." + source + ".>"}, jetstream.IgnoreDeletes())
	if err != nil {
		return nil, fmt.Errorf("kv watch: %w", err)
	}
	defer w.Stop()
	var out []Failure
	for e := range w.Updates() {
		if e == nil {
			break
		}
		var f Failure
		if err := json.Unmarshal(e.Value(), &f); err != nil {
			return nil, fmt.Errorf("kv %s: %w", e.Key(), err)
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}

// Source returns a source's crawl history.
func (s *State) Source(ctx context.Context, source string) (SourceState, error) {
	var st SourceState
	_, _, err := s.getJSON(ctx, "source."+source, &st)
	return st, err
}

// PutSource records a source's crawl history.
func (s *State) PutSource(ctx context.Context, source string, st SourceState) error {
	return s.putJSON(ctx, "source."+source, st)
}

// lastSlot returns the last slot a job was published for (zero if none).
func (s *State) lastSlot(ctx context.Context, source string) (time.Time, error) {
	e, err := s.kv.Get(ctx, "sched."+source)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("kv get sched.%s: %w", source, err)
	}
	t, _ := time.Parse(time.RFC3339, strings.TrimSpace(string(e.Value())))
	return t, nil
}

// advanceSlot records that a job was published for slot, unless a later or
// equal slot already was (a compare-and-set on the key's revision, so
// concurrent schedulers only ever move it forward).
func (s *State) advanceSlot(ctx context.Context, source string, slot time.Time) (bool, error) {
	key := "sched." + source
	for range 5 {
		e, err := s.kv.Get(ctx, key)
		val := []byte(slot.UTC().Format(time.RFC3339))
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
			if _, err := s.kv.Create(ctx, key, val); err == nil {
				return true, nil
			} else if !errors.Is(err, jetstream.ErrKeyExists) {
				return false, fmt.Errorf("kv create %s: %w", key, err)
			}
			continue
		case err != nil:
			return false, fmt.Errorf("kv get %s: %w", key, err)
		}
		last, _ := time.Parse(time.RFC3339, strings.TrimSpace(string(e.Value())))
		if !slot.After(last) {
			return false, nil
		}
		if _, err := s.kv.Update(ctx, key, val, e.Revision()); err == nil {
			return true, nil
		}
	}
	return false, fmt.Errorf("kv %s: too much contention", key)
}
