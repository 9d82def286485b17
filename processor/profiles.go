package processor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/page"
)

// Learned templates, one per source (see package page, "Site-level
// template learning"), kept in the KV bucket ProfileBucket so every
// processor process applies the same one and a restart keeps it:
//
//	profile.<source>  the current page.Profile; Version counts the learnings
//	samples.<source>  the pages learning collects (sampleSet)
//
// A source without a profile is extracted generically while its first
// pages are sampled; with MinSamples of them the template is learned, and
// the sampled pages are processed again with it (read back from the
// fetched stream by sequence), so no page keeps the generic extraction. A
// page that does not fit the profile is extracted generically and
// sampled; MinSamples such pages in a row (a portal rebuild) are learned
// again, and those pages processed again. A page that fits ends a run of
// pages that did not. Sources with explicit selectors are read with them
// and never learned.

// ProfileBucket is the KV bucket of the learned templates.
const ProfileBucket = "DRA_PROFILES"

// maxSamples bounds a source's sample set.
const maxSamples = 12

// sampleSet is what learning collects for one source.
type sampleSet struct {
	// Samples are pages extracted without a profile that fit, newest last.
	Samples []sample `json:"samples"`
}

type sample struct {
	page.Sample
	// Seq is the page's fetched event in event.StreamFetched.
	Seq uint64 `json:"seq"`
}

// Profiles reads and learns the sources' templates.
type Profiles struct {
	kv     jetstream.KeyValue
	conn   *bus.Conn
	logger *slog.Logger
	now    func() time.Time

	mu    sync.Mutex
	cache map[string]cachedProfile
	// observing serialises Observe per source within this process: the
	// pages of a batch are processed at once, and two of them learning
	// from the same samples would store two versions of one template.
	observing map[string]*sync.Mutex
}

// sourceLock is the Observe lock of a source.
func (ps *Profiles) sourceLock(sourceID string) *sync.Mutex {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	l, ok := ps.observing[sourceID]
	if !ok {
		l = &sync.Mutex{}
		ps.observing[sourceID] = l
	}
	return l
}

type cachedProfile struct {
	p  *page.Profile
	at time.Time
}

// profileTTL is how long a process trusts its copy of a profile before it
// reads the bucket again (another process may have learned a newer one).
const profileTTL = 10 * time.Second

// OpenProfiles creates or opens the profile bucket, retrying like every
// other set-up call (a cluster still electing its leaders answers late)
// until ctx ends.
func OpenProfiles(ctx context.Context, conn *bus.Conn, logger *slog.Logger) (*Profiles, error) {
	kv, err := bus.EnsureKeyValue(ctx, conn.JS, logger, jetstream.KeyValueConfig{
		Bucket: ProfileBucket, Description: "learned page templates of the sources and their samples",
		History: 5, Storage: jetstream.FileStorage, Replicas: conn.Replicas(),
	})
	if err != nil {
		return nil, fmt.Errorf("kv %s: %w", ProfileBucket, err)
	}
	return &Profiles{kv: kv, conn: conn, logger: logger, now: time.Now, cache: map[string]cachedProfile{}, observing: map[string]*sync.Mutex{}}, nil
}

// ReadProfile reads a source's current profile from the bucket; nil when
// the source has none (or the bucket does not exist yet).
func ReadProfile(ctx context.Context, js jetstream.JetStream, sourceID string) (*page.Profile, error) {
	kv, err := js.KeyValue(ctx, ProfileBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p, _, err := getProfile(ctx, kv, sourceID)
	return p, err
}

func getProfile(ctx context.Context, kv jetstream.KeyValue, sourceID string) (*page.Profile, uint64, error) {
	e, err := kv.Get(ctx, "profile."+sourceID)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	var p page.Profile
	if err := json.Unmarshal(e.Value(), &p); err != nil {
		return nil, 0, fmt.Errorf("profile of %s: %w", sourceID, err)
	}
	return &p, e.Revision(), nil
}

// Current is the source's profile, nil when it has none.
func (ps *Profiles) Current(ctx context.Context, sourceID string) *page.Profile {
	ps.mu.Lock()
	c, ok := ps.cache[sourceID]
	ps.mu.Unlock()
	if ok && ps.now().Sub(c.at) < profileTTL {
		return c.p
	}
	p, _, err := getProfile(ctx, ps.kv, sourceID)
	if err != nil {
		ps.logger.Warn("profile", "source", sourceID, "err", err)
		return c.p // keep using what this process had
	}
	ps.mu.Lock()
	ps.cache[sourceID] = cachedProfile{p: p, at: ps.now()}
	ps.mu.Unlock()
	return p
}

// Observe records how a page of f's source was extracted: fitted says it
// fitted the profile, readWith is the version of the profile it was read
// with (0: none). A page that did not fit a profile older than the
// source's current one is not sampled: it was read while another page of
// its batch learned the template, and is read again with it. It samples the pages extracted without one and
// learns when enough are in; it returns the new profile when it learned
// one, with the samples to process again.
func (ps *Profiles) Observe(ctx context.Context, f event.ArticleFetched, seq uint64, fitted bool, readWith int) (*page.Profile, []uint64, error) {
	l := ps.sourceLock(f.SourceID)
	l.Lock()
	defer l.Unlock()
	if now := ps.Current(ctx, f.SourceID); !fitted && now != nil && now.Version > readWith {
		return nil, nil, nil
	}
	key := "samples." + f.SourceID
	if fitted {
		// A page that fits ends a run of pages that did not.
		return nil, nil, ps.update(ctx, key, func(set *sampleSet) bool {
			if len(set.Samples) == 0 {
				return false
			}
			set.Samples = nil
			return true
		})
	}
	s, err := page.Observe([]byte(f.Body), Options{URL: f.URL})
	if err != nil || s == nil {
		return nil, nil, err
	}
	var learnFrom []sample
	err = ps.update(ctx, key, func(set *sampleSet) bool {
		for _, old := range set.Samples {
			if old.Seq == seq || old.URL == s.URL {
				return false // a redelivery or a page seen again
			}
		}
		set.Samples = append(set.Samples, sample{Sample: *s, Seq: seq})
		if len(set.Samples) > maxSamples {
			set.Samples = set.Samples[len(set.Samples)-maxSamples:]
		}
		learnFrom = nil
		if len(set.Samples) >= page.MinSamples {
			learnFrom = set.Samples
		}
		return true
	})
	if err != nil || learnFrom == nil {
		return nil, nil, err
	}
	return ps.learn(ctx, f.SourceID, learnFrom)
}

// learn learns a source's template from samples and stores it as the next
// version; the samples are cleared. It returns nil when the samples do not
// show a template learning trusts: the body on most pages, and the title
// too unless the body is on nearly all of them (then the title comes from
// the generic extractor, as before, and the rest from the template).
func (ps *Profiles) learn(ctx context.Context, sourceID string, samples []sample) (*page.Profile, []uint64, error) {
	pages := make([]page.Sample, len(samples))
	seqs := make([]uint64, len(samples))
	for i, s := range samples {
		pages[i], seqs[i] = s.Sample, s.Seq
	}
	p, ok := page.Learn(sourceID, pages)
	if !ok || p.Confidence["body"] < 0.5 || p.Confidence["title"] < 0.5 && p.Confidence["body"] < 0.8 {
		ps.logger.Info("no template learned yet", "source", sourceID, "pages", len(pages),
			"title", p.Confidence["title"], "body", p.Confidence["body"])
		return nil, nil, nil
	}
	old, rev, err := getProfile(ctx, ps.kv, sourceID)
	if err != nil {
		return nil, nil, err
	}
	p.Version, p.LearnedAt = 1, ps.now().UTC()
	if old != nil {
		p.Version = old.Version + 1
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, nil, err
	}
	if old == nil {
		_, err = ps.kv.Create(ctx, "profile."+sourceID, b)
	} else {
		_, err = ps.kv.Update(ctx, "profile."+sourceID, b, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) || isWrongSequence(err) {
		return nil, nil, nil // another process learned it first
	}
	if err != nil {
		return nil, nil, fmt.Errorf("store profile of %s: %w", sourceID, err)
	}
	if err := ps.update(ctx, "samples."+sourceID, func(set *sampleSet) bool {
		set.Samples = nil
		return true
	}); err != nil {
		ps.logger.Warn("clear samples", "source", sourceID, "err", err)
	}
	ps.mu.Lock()
	ps.cache[sourceID] = cachedProfile{p: &p, at: ps.now()}
	ps.mu.Unlock()
	ps.logger.Info("template learned", "source", sourceID, "version", p.Version, "pages", len(pages),
		"title", p.Confidence["title"], "published_at", p.Confidence["published_at"], "body", p.Confidence["body"])
	return &p, seqs, nil
}

func isWrongSequence(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence
}

// update changes a sample set with compare-and-set, trying again when
// another process changed it first; change returns false to leave it.
func (ps *Profiles) update(ctx context.Context, key string, change func(*sampleSet) bool) error {
	for attempt := 0; ; attempt++ {
		var set sampleSet
		var rev uint64
		e, err := ps.kv.Get(ctx, key)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			rev = e.Revision()
			if err := json.Unmarshal(e.Value(), &set); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		if !change(&set) {
			return nil
		}
		b, err := json.Marshal(set)
		if err != nil {
			return err
		}
		if rev == 0 {
			_, err = ps.kv.Create(ctx, key, b)
		} else {
			_, err = ps.kv.Update(ctx, key, b, rev)
		}
		if err == nil {
			return nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) && !isWrongSequence(err) || attempt == 9 {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
}

// reprocessMsgID is the message ID of a page processed again with a newer
// template: the first processing's ID would be dropped as a duplicate.
func reprocessMsgID(p event.ArticleProcessed, version int) string {
	return p.ArticleID + "@" + strconv.FormatInt(p.FetchedAt.UnixNano(), 10) + "@t" + strconv.Itoa(version)
}
