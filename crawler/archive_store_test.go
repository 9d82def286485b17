package crawler_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/internal/warcstore"
)

// archivedAtPublish is a publisher that, at the moment an event is
// published, reads the event's archived record through another reader:
// "archived before published" must hold for every event.
type archivedAtPublish struct {
	recorder
	rd *warcstore.Reader

	mu       sync.Mutex
	problems []string
}

func (a *archivedAtPublish) Publish(ctx context.Context, subject, msgID string, payload []byte) error {
	e, err := event.DecodeFetched(payload)
	if err != nil {
		return err
	}
	var problem string
	if e.WARC == nil {
		problem = e.URL + ": published without a WARC record"
	} else if _, body, err := crawler.ReadArchivedFrom(ctx, a.rd, *e.WARC); err != nil {
		problem = fmt.Sprintf("%s: not readable when published: %v", e.URL, err)
	} else if len(body) == 0 {
		problem = e.URL + ": empty archived body"
	}
	if problem != "" {
		a.mu.Lock()
		a.problems = append(a.problems, problem)
		a.mu.Unlock()
	}
	return a.recorder.Publish(ctx, subject, msgID, payload)
}

// TestStoreArchive crawls a portal into each shared store (the JetStream
// object store and S3 served on loopback by gofakes3) and reads every
// article's record back through a second connection: at publish time, and
// after the crawl, byte for byte as the portal serves it.
func TestStoreArchive(t *testing.T) {
	for _, backend := range []string{warcstore.SchemeNATS, warcstore.SchemeS3} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			var store warcstore.Store
			rd := &warcstore.Reader{}
			switch backend {
			case warcstore.SchemeNATS:
				n := startNATS(t, "")
				s, err := warcstore.OpenNATS(ctx, n.conn.JS, "dra-warc", 1)
				if err != nil {
					t.Fatal(err)
				}
				store = s
				nc, err := nats.Connect(n.srv.ClientURL()) // the reader's own connection
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(nc.Close)
				if rd.JS, err = jetstream.New(nc); err != nil {
					t.Fatal(err)
				}
			case warcstore.SchemeS3:
				srv := httptest.NewServer(gofakes3.New(s3mem.New(), gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
				t.Cleanup(srv.Close)
				rd.S3 = warcstore.S3Config{Endpoint: srv.URL, Region: "us-east-1", AccessKey: "k", SecretKey: "s"}
				s, err := warcstore.OpenS3(ctx, rd.S3, "dra-warc", true)
				if err != nil {
					t.Fatal(err)
				}
				store = s
			}
			p := startPortal(t, portalsim.Config{Seed: 5, District: "thuongtin", Articles: 30, Faults: portalsim.Faults{Windows1258: true}})
			archive := crawler.NewStoreArchive(store, "crawl", crawler.ArchiveOptions{Workers: 2, QueueSize: 4})
			pub := &archivedAtPublish{rd: rd}
			c := crawler.New(pub, quiet, nil, crawler.WithArchive(archive))
			rep, err := c.Crawl(ctx, hanoiSource("thuongtin", p.URL()))
			if err != nil {
				t.Fatal(err)
			}
			if err := archive.Close(); err != nil {
				t.Fatal(err)
			}
			if err := archive.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			for _, pr := range pub.problems {
				t.Error(pr)
			}
			evs := pub.events()
			if len(evs) != len(p.Articles()) || rep.Published != int64(len(evs)) {
				t.Fatalf("%d events, %d published, want %d", len(evs), rep.Published, len(p.Articles()))
			}
			prefix := backend + "://dra-warc/crawl/" + time.Now().UTC().Format("2006/01/")
			for _, e := range evs {
				if !strings.HasPrefix(e.WARC.File, prefix) || e.WARC.Offset != 0 {
					t.Errorf("%s: record at %s@%d, want an object under %s", e.URL, e.WARC.File, e.WARC.Offset, prefix)
				}
				h, body, err := crawler.ReadArchivedFrom(ctx, rd, *e.WARC)
				if err != nil {
					t.Fatal(err)
				}
				if want := rawGet(t, e.URL); !bytes.Equal(body, want) {
					t.Errorf("%s: archived body differs from what the portal serves", e.URL)
				}
				if h.Get("Content-Type") != "text/html; charset=windows-1258" {
					t.Errorf("%s: archived content type %q", e.URL, h.Get("Content-Type"))
				}
			}
		})
	}
}

// TestArchiveCloseWritesEverything: Close returns only once every
// exchange submitted before it is durable, and a Submit after Close fails.
func TestArchiveCloseWritesEverything(t *testing.T) {
	ctx := context.Background()
	n := startNATS(t, "")
	s, err := warcstore.OpenNATS(ctx, n.conn.JS, "dra-warc", 1)
	if err != nil {
		t.Fatal(err)
	}
	a := crawler.NewStoreArchive(s, "", crawler.ArchiveOptions{Workers: 2, QueueSize: 8})
	var pend []*crawler.Pending
	var bodies [][]byte
	for i := range 200 {
		body := []byte(fmt.Sprintf("<html><body>trang %d %s</body></html>", i, strings.Repeat("x", i*37)))
		u, _ := url.Parse(fmt.Sprintf("http://thanhtri.hanoi.gov.vn/p/%d", i))
		x := crawler.Exchange{Request: &http.Request{Method: "GET", URL: u, Header: http.Header{}},
			Response: &http.Response{Status: "200 OK", StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{"Content-Type": {"text/html"}}},
			Body:     body, At: time.Now()}
		pend = append(pend, a.Submit(x))
		bodies = append(bodies, body)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	rd := &warcstore.Reader{JS: n.conn.JS}
	for i, p := range pend {
		// Done already: Wait on a cancelled context still has the result.
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		ref, err := p.Wait(cctx)
		if err != nil {
			t.Fatalf("exchange %d not written by Close: %v", i, err)
		}
		if _, body, err := crawler.ReadArchivedFrom(ctx, rd, ref); err != nil || !bytes.Equal(body, bodies[i]) {
			t.Errorf("exchange %d: %d bytes %v", i, len(body), err)
		}
	}
	u, _ := url.Parse("http://thanhtri.hanoi.gov.vn/late")
	late := a.Submit(crawler.Exchange{Request: &http.Request{Method: "GET", URL: u, Header: http.Header{}},
		Response: &http.Response{Status: "200 OK", StatusCode: 200, Header: http.Header{}}})
	if _, err := late.Wait(ctx); err == nil {
		t.Error("Submit after Close was accepted")
	}
}
