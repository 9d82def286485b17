package indexer_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/internal/testenv"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/elastic"
)

// cutProxy is a TCP proxy on loopback that can be cut (every open
// connection dropped, new ones refused) and restored.
type cutProxy struct {
	ln     net.Listener
	target string
	cut    atomic.Bool
	cuts   atomic.Int32 // connections refused or dropped while cut

	mu    sync.Mutex
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		ln.Close()
		p.dropAll()
		p.wg.Wait()
	})
	return p
}

func (p *cutProxy) URL() string { return "http://" + p.ln.Addr().String() }

func (p *cutProxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.cut.Load() {
			p.cuts.Add(1)
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.track(c, up)
		p.wg.Add(2)
		go p.pipe(c, up)
		go p.pipe(up, c)
	}
}

func (p *cutProxy) track(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		p.conns[c] = true
	}
}

func (p *cutProxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

func (p *cutProxy) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
		p.cuts.Add(1)
	}
}

// Cut drops every connection and refuses new ones until Restore.
func (p *cutProxy) Cut() {
	p.cut.Store(true)
	p.dropAll()
}

func (p *cutProxy) Restore() { p.cut.Store(false) }

// withMetrics gives processed(i) two figures.
func withMetrics(i int) event.ArticleProcessed {
	p := processed(i)
	pub := time.Date(2016+i%9, time.Month(1+i%12), 1+i%28, 9, 0, 0, 0, time.UTC)
	p.PublishedAt = &pub
	p.Metrics = []event.Metric{
		{Key: "party.new_members", Kind: "count", Unit: "đảng viên", Value: float64(100 + i), Text: "kết nạp"},
		{Key: "budget.revenue", Kind: "amount", Unit: "tỷ đồng", Value: float64(i) / 2, Text: "thu ngân sách"},
	}
	return p
}

// TestElasticsearchOutageLosesNothing runs the real indexer stage on an
// embedded NATS server against the real Elasticsearch through a proxy,
// cuts the proxy mid-stream for a few seconds and restores it: every article
// and every metric ends up indexed exactly once, nothing is dead-lettered.
func TestElasticsearchOutageLosesNothing(t *testing.T) {
	esURL := os.Getenv("DRA_ES_URL")
	if esURL == "" {
		if testenv.CI() {
			t.Fatal("DRA_ES_URL is not set but CI=true")
		}
		t.Skip("DRA_ES_URL is not set")
	}
	conn := startBus(t)
	u, err := net.ResolveTCPAddr("tcp", esURL[len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCutProxy(t, u.String())
	base := fmt.Sprintf("dra-fault-%d", time.Now().UnixNano())
	// refresh=true keeps the test quick; the fault path is the same.
	store, err := elastic.Open(t.Context(), elastic.Config{URL: proxy.URL(), Index: base, Refresh: "true"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		store.Close()
		dropES(t, esURL, base)
	})

	const n = 300
	for i := range n {
		publish(t, conn, fmt.Sprintf("m%d", i), mustEncode(t, withMetrics(i)))
		if i%10 == 0 { // redelivered duplicates with other message IDs
			publish(t, conn, fmt.Sprintf("dup%d", i), mustEncode(t, withMetrics(i)))
		}
	}
	ix := indexer.New(conn, store, quiet, nil, indexer.WithBatch(20), indexer.WithRetry(100*time.Millisecond, time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = ix.Run(ctx) }()
	defer func() { cancel(); wg.Wait() }()

	waitFor(t, 60*time.Second, func() bool { return countOf(store) >= 60 })
	cutAt := countOf(store)
	proxy.Cut()
	time.Sleep(4 * time.Second)
	proxy.Restore()
	t.Logf("cut the proxy at %d of %d articles for 4s (%d connections dropped or refused)", cutAt, n, proxy.cuts.Load())
	if proxy.cuts.Load() == 0 {
		t.Error("the cut hit no connection")
	}
	// An Upsert writes the articles, then their metrics: wait for both.
	waitFor(t, 90*time.Second, func() bool { return countOf(store) == n && metricCount(store) == 2*n })
	time.Sleep(2 * time.Second) // a late duplicate batch would show now

	if got := countOf(store); got != n {
		t.Errorf("Count = %d, want %d", got, n)
	}
	m, err := store.Metrics(context.Background(), search.MetricQuery{Size: 1})
	if err != nil || m.Total != 2*n {
		t.Errorf("metric documents = %d, %v; want %d", m.Total, err, 2*n)
	}
	for _, key := range []string{"party.new_members", "budget.revenue"} {
		tr, err := store.Trend(context.Background(), search.TrendQuery{Key: key})
		if err != nil {
			t.Fatal(err)
		}
		// Every figure once: in a bucket, or counted apart by its period.
		c := tr.Undated
		for _, s := range tr.Series {
			for _, b := range s.Buckets {
				c += b.Mentions
			}
		}
		for _, k := range tr.OtherPeriods {
			c += k
		}
		if c != n {
			t.Errorf("trend %s counts %d figures, want %d", key, c, n)
		}
	}
	for _, i := range []int{0, 59, 60, 150, n - 1} {
		id := withMetrics(i).ArticleID
		res, err := store.Metrics(context.Background(), search.MetricQuery{ArticleID: id, Size: 10})
		if err != nil || res.Total != 2 {
			t.Errorf("article %d has %d metric documents (%v), want 2", i, res.Total, err)
		}
	}
	if dl, _ := conn.DeadLetters(context.Background(), ""); len(dl) != 0 {
		t.Errorf("%d dead letters, want none: %+v", len(dl), dl[0])
	}
}

func metricCount(s search.Store) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, _ := s.Metrics(ctx, search.MetricQuery{Size: 1})
	return m.Total
}

func countOf(s search.Store) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, _ := s.Count(ctx)
	return n
}

func waitFor(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not reached in %v", d)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
