package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// pacer spaces one crawl's requests to each host: every attempt (robots.txt,
// sitemaps, pages, retries, redirect hops) waits for the host's next slot,
// gap(host) after the last one. It is the floor under Colly's limit rules,
// which see only the pages Colly requests; seeded from a host lease's
// NotBefore, it also spaces this crawl's first request from the last one
// of the crawl that held the host before, in any process.
type pacer struct {
	mu   sync.Mutex
	next map[string]time.Time
	gap  func(host string) time.Duration
	now  func() time.Time
}

func newPacer(gap func(string) time.Duration, now func() time.Time) *pacer {
	return &pacer{next: map[string]time.Time{}, gap: gap, now: now}
}

// wait reserves host's next slot and sleeps until it.
func (p *pacer) wait(ctx context.Context, host string, sleep func(context.Context, time.Duration) error) error {
	p.mu.Lock()
	now := p.now()
	at := later(now, p.next[host])
	p.next[host] = at.Add(p.gap(host))
	p.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return sleep(ctx, d)
	}
	return nil
}

// notBefore moves host's next slot to t at the earliest.
func (p *pacer) notBefore(host string, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next[host] = later(p.next[host], t)
}

// nextSlot is host's next free slot (zero if it was never requested).
func (p *pacer) nextSlot(host string) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.next[host]
}

// gap is the spacing of requests to host: its delay (politeness.delay or
// Crawl-delay) over its parallelism (1 under a Crawl-delay), so the pacer
// allows what the source's limit rules allow and no more.
func (cr *crawl) gap(host string) time.Duration {
	cr.mu.Lock()
	d, ok := cr.rep.Delays[host]
	cr.mu.Unlock()
	if ok && d > cr.src.Politeness.Delay {
		return d // Crawl-delay: parallelism 1
	}
	return cr.src.Politeness.Delay / time.Duration(max(cr.src.Politeness.Parallelism, 1))
}

// WithServerLimit turns on the per-server limit: a crawl also holds a lease
// on every IP address its start hosts resolve to, so the portals one server
// hosts (commune portals on their province's server) are crawled one at a
// time across the fleet. Off by default: portals behind one CDN address
// would wait for each other for nothing.
func WithServerLimit() Option { return func(c *Crawler) { c.serverLimit = true } }

// hostLeases are the host (and server) leases a crawl holds.
type hostLeases struct {
	hosts   map[string]*lease // by host[:port]
	servers map[string]*lease // by IP address
	serving map[string][]string
}

// holdHosts takes the leases on the hosts of src's start URLs (and, with
// the per-server limit, on their IP addresses) in one global order, waiting
// while another crawl holds one, and seeds the pacer with the hand-off
// time each one carries. The returned context is cancelled if a lease is
// lost; release hands the leases off with the pacer's next slots.
func (c *Crawler) holdHosts(ctx context.Context, src *Source, pc *pacer) (context.Context, func(), error) {
	if c.state == nil {
		return ctx, func() {}, nil
	}
	var hosts []string
	seen := map[string]bool{}
	for _, s := range src.StartURLs {
		u, err := url.Parse(s)
		if err != nil || seen[u.Host] {
			continue
		}
		seen[u.Host] = true
		hosts = append(hosts, u.Host)
	}
	sort.Strings(hosts)
	hl := &hostLeases{hosts: map[string]*lease{}, servers: map[string]*lease{}, serving: map[string][]string{}}
	if c.serverLimit {
		for _, h := range hosts {
			name := h
			if hn, _, err := net.SplitHostPort(h); err == nil {
				name = hn
			}
			ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", name)
			if err != nil {
				return ctx, func() {}, fmt.Errorf("server of %s: %w", name, err)
			}
			for _, ip := range ips {
				a := ip.Unmap().String()
				hl.serving[a] = append(hl.serving[a], h)
			}
		}
	}
	lctx, cancel := context.WithCancelCause(ctx)
	release := func() {
		for h, l := range hl.hosts {
			l.handOff(pc.nextSlot(h))
		}
		for ip, l := range hl.servers {
			var next time.Time
			for _, h := range hl.serving[ip] {
				next = later(next, pc.nextSlot(h))
			}
			l.handOff(next)
		}
		cancel(nil)
	}
	take := func(key string) (*lease, error) {
		l, err := c.state.acquireLease(ctx, key, newHolder(), c.leaseTTL, c.now, func(r leaseRecord) {
			c.logger.Info("waiting for another crawl of the host to end", "source", src.ID, "lease", key,
				"holder", r.Holder, "expires", r.Expires)
		})
		if err != nil {
			return nil, fmt.Errorf("lease %s: %w", key, err)
		}
		l.keep(cancel)
		return l, nil
	}
	for _, h := range hosts {
		l, err := take(hostLeaseKey(h))
		if err != nil {
			release()
			return ctx, func() {}, err
		}
		hl.hosts[h] = l
		pc.notBefore(h, l.rec.NotBefore)
	}
	ips := make([]string, 0, len(hl.serving))
	for ip := range hl.serving {
		ips = append(ips, ip)
	}
	sort.Strings(ips)
	for _, ip := range ips {
		l, err := take(serverLeaseKey(ip))
		if err != nil {
			release()
			return ctx, func() {}, err
		}
		hl.servers[ip] = l
		for _, h := range hl.serving[ip] {
			pc.notBefore(h, l.rec.NotBefore)
		}
	}
	return lctx, release, nil
}

// rateRecord is rate.<host> in the state bucket: the next free request
// slot of a web archive host, shared by every process.
type rateRecord struct {
	Next time.Time `json:"next"`
}

// waitRate reserves the next request slot of host across the fleet (a
// compare-and-set on rate.<host>) and sleeps until it: every process that
// reads one web archive shares one limiter.
func (s *State) waitRate(ctx context.Context, host string, interval time.Duration, now func() time.Time,
	sleep func(context.Context, time.Duration) error) error {
	key := "rate." + keyToken(host)
	for {
		e, err := s.kv.Get(ctx, key)
		var cur rateRecord
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
		case err != nil:
			return fmt.Errorf("kv get %s: %w", key, err)
		default:
			_ = json.Unmarshal(e.Value(), &cur)
		}
		t := now()
		at := later(t, cur.Next)
		val, _ := json.Marshal(rateRecord{Next: at.Add(interval)})
		if e == nil {
			_, err = s.kv.Create(ctx, key, val)
		} else {
			_, err = s.kv.Update(ctx, key, val, e.Revision())
		}
		if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			continue // another process took this slot
		}
		if err != nil {
			return fmt.Errorf("kv update %s: %w", key, err)
		}
		if d := at.Sub(t); d > 0 {
			return sleep(ctx, d)
		}
		return nil
	}
}

// later is the later of two times.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
