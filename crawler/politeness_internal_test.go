package crawler

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/internal/portalsim"
)

// waits records the waits a fetcher asks for, without waiting.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return nil
}

// TestDelayOnRedirectsAndRetries: the host's delay (Crawl-delay) is waited
// before a redirect hop, and a retry waits at least that long even when
// Retry-After and the backoff are shorter.
func TestDelayOnRedirectsAndRetries(t *testing.T) {
	const delay = 7 * time.Second // never slept: the test records the waits
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "thanhtri", Articles: 5,
		Faults: portalsim.Faults{RedirectPath: "/chuyen", RedirectTarget: "/", RateLimit429: 1}})
	if err != nil {
		t.Fatal(err)
	}
	base, err := p.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	src := HanoiSource("delay", "Thanh Trì", "Hà Nội", base, true)
	src.Politeness.Backoff = time.Millisecond
	if err := src.Compile(); err != nil {
		t.Fatal(err)
	}
	w := &waits{}
	f := newFetcher(&src, nil, w.sleep, time.Now, nil)
	defer f.close()
	f.delay = func(string) time.Duration { return delay }
	client := &http.Client{Transport: f}

	resp, err := client.Get(base + "/chuyen")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !slices.Equal(w.d, []time.Duration{delay}) {
		t.Errorf("redirect: status %d, waits %v, want one wait of %v before the hop", resp.StatusCode, w.d, delay)
	}

	w.d = nil
	art := p.Articles()[0].URL // its first request gets 429 with Retry-After: 1
	resp, err = client.Get(art)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(w.d) != 1 || w.d[0] < delay {
		t.Errorf("retry: status %d, waits %v, want one wait of at least %v", resp.StatusCode, w.d, delay)
	}
}
