package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/warcstore"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/web"
)

// EnvAdminToken is the bearer token of the admin endpoints; unset, they
// answer 403.
const EnvAdminToken = "DRA_ADMIN_TOKEN"

// webExtras wires the article archive, the sources and their crawl state,
// and the admin actions into the HTTP API of runPipeline. The sources are
// the stage's, else those of DRA_SOURCES (dra serve).
func (o *options) webExtras(conn *bus.Conn, st stages) web.Extras {
	srcs := st.sources
	if len(srcs) == 0 {
		if s, err := loadSources(env(EnvSources, "")); err == nil {
			srcs = s
		} else {
			o.log().Warn("sources for the API", "component", "web", "err", err)
		}
	}
	w := &webWiring{o: o, conn: conn, srcs: srcs, warcDir: o.warcDir()}
	return web.Extras{
		Archive:    w.archive,
		Captures:   w.captures,
		Sources:    w.sources,
		AdminToken: os.Getenv(EnvAdminToken),
		Crawl:      w.crawl,
		Reprocess:  w.reprocess,
	}
}

type webWiring struct {
	o       *options
	conn    *bus.Conn
	srcs    []crawler.Source
	warcDir string

	mu    sync.Mutex
	state *crawler.State
}

// crawlState opens the crawl state bucket once it exists.
func (w *webWiring) crawlState(ctx context.Context) (*crawler.State, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.state != nil {
		return w.state, nil
	}
	if w.conn == nil {
		return nil, errors.New("not connected to NATS")
	}
	s, err := crawler.ExistingState(ctx, w.conn.JS)
	if err != nil {
		return nil, err
	}
	w.state = s
	return s, nil
}

// archive reads an article's archived original from wherever its record
// is (the shared store, S3, this node's disk or the migrated copy). With
// no reference from the store, the crawl state bucket has the latest one;
// without NATS, the local WARC files are scanned.
func (w *webWiring) archive(ctx context.Context, id string, ref *event.WARCRef) (http.Header, []byte, error) {
	var js jetstream.JetStream
	if w.conn != nil {
		js = w.conn.JS
	}
	if ref == nil {
		if state, err := w.crawlState(ctx); err == nil {
			if p, err := state.Article(ctx, id); err == nil && p.WARC != nil {
				ref = p.WARC
			}
		}
	}
	if ref == nil {
		r, err := crawler.FindArchived(w.warcDir, id, w.srcs...)
		if errors.Is(err, crawler.ErrNotArchived) || errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("%w: %w", search.ErrNotFound, err)
		}
		if err != nil {
			return nil, nil, err
		}
		ref = &r
	}
	h, body, err := crawler.ReadArchivedFrom(ctx, w.o.archiveReader(ctx, js), *ref)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, warcstore.ErrNotFound) {
		return nil, nil, fmt.Errorf("%w: %w", search.ErrNotFound, err)
	}
	return h, body, err
}

// captures lists an article's captures: the records its crawl state names
// (the published versions, read from wherever they are), or without NATS
// the local WARC files.
func (w *webWiring) captures(ctx context.Context, a search.Article) ([]web.Capture, error) {
	if state, err := w.crawlState(ctx); err == nil {
		if p, err := state.Article(ctx, a.ID); err == nil && p.WARC != nil {
			var js jetstream.JetStream
			if w.conn != nil {
				js = w.conn.JS
			}
			rd := w.o.archiveReader(ctx, js)
			var recs []crawler.WARCRecord
			for _, ref := range append(slices.Clone(p.Captures), *p.WARC) {
				r, err := crawler.RecordFrom(ctx, rd, ref)
				if err != nil {
					return nil, err
				}
				recs = append(recs, r)
			}
			return webCaptures(recs), nil
		}
	}
	recs, err := crawler.Captures(w.warcDir, a.ID, a.URL)
	if err != nil {
		return nil, err
	}
	return webCaptures(recs), nil
}

// webCaptures turns WARC records into the API's captures.
func webCaptures(recs []crawler.WARCRecord) []web.Capture {
	out := make([]web.Capture, 0, len(recs))
	for _, r := range recs {
		at, _ := time.Parse(time.RFC3339Nano, r.Date)
		out = append(out, web.Capture{At: at, URL: r.TargetURI, Status: r.Status, Via: r.SourceURI, Truncated: r.Truncated, Ref: r.Ref})
	}
	return out
}

func (w *webWiring) sources(ctx context.Context) ([]web.SourceStatus, error) {
	out := make([]web.SourceStatus, 0, len(w.srcs))
	state, serr := w.crawlState(ctx)
	for _, s := range w.srcs {
		ss := web.SourceStatus{ID: s.ID, Name: s.Name, District: s.District, Province: s.Province,
			Schedule: s.Schedule, StartURLs: s.StartURLs, Selectors: !s.Selectors.IsZero()}
		if serr != nil {
			ss.StateError = "crawl state unavailable: " + serr.Error()
		} else if cs, err := state.Source(ctx, s.ID); err != nil {
			ss.StateError = err.Error()
		} else {
			if !cs.LastStarted.IsZero() {
				ss.LastStarted = &cs.LastStarted
			}
			if !cs.LastCompleted.IsZero() {
				ss.LastCompleted = &cs.LastCompleted
			}
			if cs.LastReport != nil {
				ss.LastReport = cs.LastReport
			}
		}
		if w.conn != nil {
			if prof, err := processor.ReadProfile(ctx, w.conn.JS, s.ID); err == nil && prof != nil {
				ss.Template = prof
			}
		}
		out = append(out, ss)
	}
	return out, nil
}

func (w *webWiring) source(id string) (crawler.Source, bool) {
	for _, s := range w.srcs {
		if s.ID == id {
			return s, true
		}
	}
	return crawler.Source{}, false
}

func (w *webWiring) crawl(ctx context.Context, id string, full bool) error {
	if _, ok := w.source(id); !ok {
		return fmt.Errorf("source %s: %w", id, search.ErrNotFound)
	}
	if w.conn == nil {
		return errors.New("not connected to NATS")
	}
	return crawler.PublishJob(ctx, w.conn, crawler.Job{Source: id, Slot: time.Now().UTC(), Full: full})
}

// reprocess publishes the article's archived original again as an
// article.fetched event with its original fetch time, so the processor
// runs on it and the result replaces the stored version (same version:
// equal replaces). The event keeps the stored article's ID; when that ID
// names the source's host rather than the URL's (the page was fetched at
// an alias), the event carries that identity key.
func (w *webWiring) reprocess(ctx context.Context, a search.Article) error {
	if w.conn == nil {
		return errors.New("not connected to NATS")
	}
	var ref *event.WARCRef
	var capture *event.Capture
	if p, err := event.DecodeProcessed(a.Record); err == nil {
		ref, capture = p.WARC, p.Capture
	}
	h, raw, err := w.archive(ctx, a.ID, ref)
	if err != nil {
		return err
	}
	src, known := w.source(a.SourceID)
	key, ok := src.KeyForID(a.ID, a.URL)
	if !ok {
		return fmt.Errorf("article %s: the ID is not that of %s at its source's host (an ID of an earlier build, or the source's host changed); crawl the source again instead", a.ID, a.URL)
	}
	var srcp *crawler.Source
	if known {
		srcp = &src
	}
	// Decoded as the crawler decoded it when it fetched the page.
	f := crawler.FetchedEvent(srcp, crawler.Fetch{ID: a.ID, Key: key, URL: a.URL, FetchURL: a.URL, At: a.FetchedAt,
		Status: http.StatusOK, ContentType: h.Get("Content-Type"), ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified"), Body: string(crawler.DecodeHTML(raw, h.Get("Content-Type"))), WARC: ref, Capture: capture})
	if !known {
		f.SourceID, f.District, f.Province = a.SourceID, a.District, a.Province
	}
	if err := f.Validate(); err != nil {
		return err
	}
	data, err := event.Encode(f)
	if err != nil {
		return err
	}
	// A fresh message ID: the point is to process it again.
	return w.conn.Publish(ctx, event.SubjectFetched, fmt.Sprintf("%s@reprocess-%d", a.ID, time.Now().UnixNano()), data)
}
