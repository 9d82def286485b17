package crawler_test

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// TestGzipBombBoundedMemory crawls, in a child process, a portal whose
// article page is 1 MiB of gzip that inflates to 1 GiB with a
// non-text content type. The crawler's peak RSS must stay under 200 MB,
// the page must be recorded as too_large (not lost silently) and every
// article still published.
func TestGzipBombBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 GiB gzip bomb")
	}
	const bomb = "/tai-lieu/-/view_content/999-bom.html" // an article URL
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 10,
		Faults: portalsim.Faults{GzipBombPath: bomb}})
	dir := t.TempDir()
	n := startNATS(t, filepath.Join(dir, "nats"))
	const id = "bomb"
	res, rss := runChild(t, envChild+"=dra", envChildBase+"="+p.URL(), envChildNATS+"="+n.srv.ClientURL(),
		envChildDir+"="+filepath.Join(dir, "warc"), envChildID+"="+id)
	t.Logf("crawl of a gzip bomb: %.1fs, peak RSS %.0f MB, %d published, %d failed", res.Seconds, rss, res.Published, res.Failed)
	if p.Requests(bomb) == 0 {
		t.Fatalf("the bomb was never requested")
	}
	if rss >= 200 {
		t.Errorf("crawler peak RSS %.0f MB, want < 200 MB", rss)
	}
	if want := int64(len(p.Articles())); res.Published != want {
		t.Errorf("published %d articles, want %d", res.Published, want)
	}
	fails, err := n.state(t).Failures(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var got *crawler.Failure
	for i, f := range fails {
		if strings.HasSuffix(f.URL, bomb) {
			got = &fails[i]
		}
	}
	if got == nil || got.Reason != crawler.ResultTooLarge {
		t.Fatalf("bomb failure %+v, want a %s failure (failures %+v)", got, crawler.ResultTooLarge, fails)
	}
}

// TestReadArchivedBounded: a record over MaxArchivedRecord is refused by
// ReadArchived and ScanWARC instead of being read whole; one under it reads.
func TestReadArchivedBounded(t *testing.T) {
	dir := t.TempDir()
	a, err := crawler.OpenArchive(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://example.vn/a.html", nil)
	resp := &http.Response{Status: "200 OK", StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html"}}}
	body := bytes.Repeat([]byte("x"), 64<<10)
	ref, err := a.Write(crawler.Exchange{Request: req, Response: resp, Body: body, At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, got, err := crawler.ReadArchived(dir, ref); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("ReadArchived: %d bytes, %v", len(got), err)
	}
	old := crawler.MaxArchivedRecord
	crawler.MaxArchivedRecord = 32 << 10
	t.Cleanup(func() { crawler.MaxArchivedRecord = old })
	if _, _, err := crawler.ReadArchived(dir, ref); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("ReadArchived of a record over the limit: %v, want refused", err)
	}
	if err := crawler.ScanWARC(filepath.Join(dir, ref.File), nil); err == nil {
		t.Errorf("ScanWARC of a record over the limit: no error")
	}
}
