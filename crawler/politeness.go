package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
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
// time across the fleet. The addresses are those the crawl connects to
// (WithResolve's answer when it has one, else DNS), looked up once when the
// leases are taken; the crawl then connects to a start host only at those
// addresses, so a host whose address changes during the crawl is not
// requested on a server the crawl holds no lease on. Off by default:
// portals behind one CDN address would wait for each other for nothing.
func WithServerLimit() Option { return func(c *Crawler) { c.serverLimit = true } }

// hostLeases are the host (and server) leases a crawl holds.
type hostLeases struct {
	hosts   map[string]*lease // by host[:port]
	servers map[string]*lease // by IP address
	serving map[string][]string
	// pins are the addresses ("ip:port") a start host ("host:port",
	// lowercase) is connected to under the per-server limit: the ones its
	// server leases cover.
	pins   map[string][]string
	cancel context.CancelCauseFunc
}

// check ends the crawl (ErrLeaseLost) once one of its leases is past its
// fence, before the lease could expire and be taken over: no request goes
// on a lease the holder may no longer have (its process was frozen, or its
// renewals did not reach the bucket).
func (hl *hostLeases) check() error {
	for _, m := range []map[string]*lease{hl.hosts, hl.servers} {
		for _, l := range m {
			if err := l.lapsed(); err != nil {
				hl.cancel(err)
				return err
			}
		}
	}
	return nil
}

// route is where a crawl connects for a host:port: the addresses its
// server leases pinned, else WithResolve's answer, else nil (the name, as
// the dialer resolves it).
func (hl *hostLeases) route(resolve func(string) string) func(string) []string {
	return func(addr string) []string {
		if to, ok := hl.pins[strings.ToLower(addr)]; ok {
			return to
		}
		if resolve != nil {
			if to := resolve(addr); to != "" {
				return []string{to}
			}
		}
		return nil
	}
}

// startHostPort is a URL's host:port, the scheme's default port when it
// has none, lowercase: the address an HTTP transport dials for it.
func startHostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return strings.ToLower(net.JoinHostPort(u.Hostname(), port))
}

// serverAddrs are the addresses a crawl connects to for hostport:
// WithResolve's answer when it has one, else the host's DNS addresses.
func (c *Crawler) serverAddrs(ctx context.Context, hostport string) ([]netip.AddrPort, error) {
	target := hostport
	if c.resolve != nil {
		if to := c.resolve(hostport); to != "" {
			target = to
		}
	}
	name, portText, err := net.SplitHostPort(target)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("port of %s: %w", target, err)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(name); err == nil {
		ips = []netip.Addr{ip}
	} else if ips, err = net.DefaultResolver.LookupNetIP(ctx, "ip", name); err != nil {
		return nil, err
	}
	out := make([]netip.AddrPort, 0, len(ips))
	for _, ip := range ips {
		out = append(out, netip.AddrPortFrom(ip.Unmap(), uint16(port)))
	}
	return out, nil
}

// holdHosts takes the leases on the hosts of src's start URLs (and, with
// the per-server limit, on their IP addresses) in one global order, waiting
// while another crawl holds one, and seeds the pacer with the hand-off
// time each one carries. The returned context is cancelled if a lease is
// lost; release hands the leases off with the pacer's next slots.
func (c *Crawler) holdHosts(ctx context.Context, src *Source, pc *pacer) (context.Context, *hostLeases, func(), error) {
	lctx, cancel := context.WithCancelCause(ctx)
	hl := &hostLeases{hosts: map[string]*lease{}, servers: map[string]*lease{}, serving: map[string][]string{},
		pins: map[string][]string{}, cancel: cancel}
	if c.state == nil {
		return lctx, hl, func() { cancel(nil) }, nil
	}
	var hosts []string
	ports := map[string][]string{} // host[:port] -> host:port dialled
	for _, s := range src.StartURLs {
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		if _, ok := ports[u.Host]; !ok {
			hosts = append(hosts, u.Host)
		}
		if hp := startHostPort(u); !slices.Contains(ports[u.Host], hp) {
			ports[u.Host] = append(ports[u.Host], hp)
		}
	}
	sort.Strings(hosts)
	if c.serverLimit {
		for _, h := range hosts {
			for _, hp := range ports[h] {
				addrs, err := c.serverAddrs(ctx, hp)
				if err != nil {
					cancel(nil)
					return ctx, hl, func() {}, fmt.Errorf("server of %s: %w", h, err)
				}
				for _, a := range addrs {
					ip := a.Addr().WithZone("").String()
					if !slices.Contains(hl.serving[ip], h) {
						hl.serving[ip] = append(hl.serving[ip], h)
					}
					hl.pins[hp] = append(hl.pins[hp], a.String())
				}
			}
		}
	}
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
			return ctx, hl, func() {}, err
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
			return ctx, hl, func() {}, err
		}
		hl.servers[ip] = l
		for _, h := range hl.serving[ip] {
			pc.notBefore(h, l.rec.NotBefore)
		}
	}
	return lctx, hl, release, nil
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
