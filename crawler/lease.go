package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultLeaseTTL is how long a crawl's lease on its source outlives the
// last heartbeat of its holder (a killed or frozen process).
const DefaultLeaseTTL = 30 * time.Second

// ErrLeaseLost ends a crawl whose lease on its source was taken over (its
// heartbeats stopped for longer than the TTL).
var ErrLeaseLost = errors.New("crawl lease lost")

// leaseRecord is a lease in the state bucket: lease.<source>,
// hostlease.<host> or serverlease.<ip> (see hostLeaseKey). Holder holds it
// until Expires unless renewed. NotBefore, left by the last holder of a
// host or server lease on release, is when the next request to it may go:
// the politeness delay outlives the crawl that made the last request.
type leaseRecord struct {
	Holder    string    `json:"holder"`
	Expires   time.Time `json:"expires"`
	NotBefore time.Time `json:"not_before,omitzero"`
}

func leaseKey(source string) string { return "lease." + source }

// hostLeaseKey is the key of the lease on a host ("name" or "name:port"):
// one crawl at a time requests it, whichever its source and process.
func hostLeaseKey(host string) string { return "hostlease." + keyToken(host) }

// serverLeaseKey is the key of the lease on a server's IP address (the
// optional per-server limit, WithServerLimit).
func serverLeaseKey(ip string) string { return "serverlease." + keyToken(ip) }

// keyToken writes a host, host:port or IP address with the characters of
// a KV key: lowercase, ':' as '_', IPv6 brackets dropped.
func keyToken(h string) string {
	return strings.NewReplacer("[", "", "]", "", ":", "_").Replace(strings.ToLower(h))
}

// lease is a held lease.
type lease struct {
	s      *State
	key    string
	rec    leaseRecord
	rev    uint64
	ttl    time.Duration
	now    func() time.Time
	stop   chan struct{}
	done   chan struct{}
	cancel context.CancelCauseFunc
	// fence is when the holder stops using the lease unless a renewal
	// succeeds first (UnixNano; see fenceFor).
	fence atomic.Int64
}

func newLease(s *State, key string, rec leaseRecord, rev uint64, ttl time.Duration, now func() time.Time) *lease {
	l := &lease{s: s, key: key, rec: rec, rev: rev, ttl: ttl, now: now}
	l.fence.Store(l.fenceFor(rec.Expires).UnixNano())
	return l
}

// fenceFor is the fence of a lease that expires at expires: a quarter of
// the TTL before. Another crawl takes an expired lease over; a holder whose
// renewals stopped reaching the bucket (a frozen or suspended process, a
// lost connection) stops its requests before that, so the two never
// request the host or server at once.
func (l *lease) fenceFor(expires time.Time) time.Time { return expires.Add(-l.ttl / 4) }

// lapsed is ErrLeaseLost once the holder may no longer use the lease
// (its last renewal ran out: the fence is past), else nil.
func (l *lease) lapsed() error {
	if l.now().Before(time.Unix(0, l.fence.Load())) {
		return nil
	}
	return fmt.Errorf("%w: %s not renewed in time", ErrLeaseLost, l.key)
}

// newHolder names a crawl for its lease: host, process and a random part.
func newHolder() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), uuid.NewString()[:8])
}

// acquireLease takes the crawl lease of source, waiting while another
// crawl holds it (onWait is told who, once per holder) or until ctx is
// done. An expired lease (its holder stopped renewing it) is taken over.
func (s *State) acquireLease(ctx context.Context, key, holder string, ttl time.Duration, now func() time.Time,
	onWait func(leaseRecord)) (*lease, error) {
	poll := min(ttl/4, 250*time.Millisecond)
	told := ""
	for {
		rec := leaseRecord{Holder: holder, Expires: now().Add(ttl)}
		val, _ := json.Marshal(rec)
		e, err := s.kv.Get(ctx, key)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
			rev, err := s.kv.Create(ctx, key, val)
			if err == nil {
				return newLease(s, key, rec, rev, ttl, now), nil
			}
			if !errors.Is(err, jetstream.ErrKeyExists) {
				return nil, fmt.Errorf("kv create %s: %w", key, err)
			}
			continue
		case err != nil:
			return nil, fmt.Errorf("kv get %s: %w", key, err)
		}
		var cur leaseRecord
		if json.Unmarshal(e.Value(), &cur) != nil || !now().Before(cur.Expires) {
			rec.NotBefore = cur.NotBefore // released with a hand-off, or expired
			val, _ = json.Marshal(rec)
			rev, err := s.kv.Update(ctx, key, val, e.Revision())
			if err == nil {
				return newLease(s, key, rec, rev, ttl, now), nil
			}
			continue // another crawl took it first
		}
		if onWait != nil && told != cur.Holder {
			told = cur.Holder
			onWait(cur)
		}
		if err := sleepCtx(ctx, min(poll, max(time.Millisecond, cur.Expires.Sub(now())))); err != nil {
			return nil, err
		}
	}
}

// keep renews the lease every third of its TTL until release, and every
// twelfth while a renewal fails. If it is lost (another crawl took it over
// after missed renewals), or not renewed by its fence (the renewals did not
// reach the bucket for three quarters of the TTL), cancel is called with
// ErrLeaseLost.
func (l *lease) keep(cancel context.CancelCauseFunc) {
	l.stop, l.done, l.cancel = make(chan struct{}), make(chan struct{}), cancel
	go func() {
		defer close(l.done)
		renew := time.NewTimer(l.ttl / 3)
		defer renew.Stop()
		fence := time.NewTimer(time.Unix(0, l.fence.Load()).Sub(l.now()))
		defer fence.Stop()
		for {
			select {
			case <-l.stop:
				return
			case <-fence.C:
				if err := l.lapsed(); err != nil {
					l.cancel(err)
					return
				}
				fence.Reset(time.Unix(0, l.fence.Load()).Sub(l.now()))
				continue
			case <-renew.C:
			}
			rec := leaseRecord{Holder: l.rec.Holder, Expires: l.now().Add(l.ttl), NotBefore: l.rec.NotBefore}
			val, _ := json.Marshal(rec)
			// A renewal that hangs gives up at the fence, which then ends
			// the crawl at its time.
			ctx, cancelPut := context.WithTimeout(context.Background(),
				max(min(l.ttl/3, time.Unix(0, l.fence.Load()).Sub(l.now())), time.Millisecond))
			rev, err := l.s.kv.Update(ctx, l.key, val, l.rev)
			if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
				// A renewal whose answer was lost (a busy server) moved the
				// revision on: the lease is still this crawl's if it names it.
				rev, err = l.s.ownRevision(ctx, l.key, l.rec.Holder)
			}
			cancelPut()
			if errors.Is(err, jetstream.ErrKeyRevisionMismatch) || errors.Is(err, jetstream.ErrKeyNotFound) {
				l.cancel(fmt.Errorf("%w: %s", ErrLeaseLost, l.key))
				return
			}
			if err != nil { // a transient error: try again soon, within the fence
				renew.Reset(max(l.ttl/12, time.Millisecond))
				continue
			}
			l.rec, l.rev = rec, rev
			l.fence.Store(l.fenceFor(rec.Expires).UnixNano())
			renew.Reset(l.ttl / 3)
		}
	}()
}

// ownRevision is the revision of key if holder holds it, else
// ErrKeyRevisionMismatch.
func (s *State) ownRevision(ctx context.Context, key, holder string) (uint64, error) {
	e, err := s.kv.Get(ctx, key)
	if err != nil {
		return 0, err
	}
	var cur leaseRecord
	if json.Unmarshal(e.Value(), &cur) != nil || cur.Holder != holder {
		return 0, jetstream.ErrKeyRevisionMismatch
	}
	return e.Revision(), nil
}

// release stops the renewals and deletes the lease if it is still this
// crawl's.
func (l *lease) release() {
	l.stopKeeping()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := l.s.kv.Delete(ctx, l.key, jetstream.LastRevision(l.rev))
	if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		if rev, err := l.s.ownRevision(ctx, l.key, l.rec.Holder); err == nil {
			_ = l.s.kv.Delete(ctx, l.key, jetstream.LastRevision(rev))
		}
	}
}

func (l *lease) stopKeeping() {
	if l.stop != nil {
		close(l.stop)
		<-l.done
		l.stop = nil
	}
}

// handOff releases the lease if it is still this crawl's, leaving the time
// the next request to its host or server may go (expired at once: the
// next crawl takes it over without waiting for a TTL).
func (l *lease) handOff(notBefore time.Time) {
	l.stopKeeping()
	rec := leaseRecord{Holder: l.rec.Holder, Expires: l.now(), NotBefore: notBefore}
	val, _ := json.Marshal(rec)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := l.s.kv.Update(ctx, l.key, val, l.rev)
	if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		if rev, err := l.s.ownRevision(ctx, l.key, l.rec.Holder); err == nil {
			_, _ = l.s.kv.Update(ctx, l.key, val, rev)
		}
	}
}
