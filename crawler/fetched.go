package crawler

import (
	"time"

	"github.com/dra-archive/dra/event"
)

// Fetch is one fetched article page, as the live crawl, the web-archive
// crawl and a re-process of an archived original know it.
type Fetch struct {
	// ID is the article ID; Key the identity key it hashes (the canonical
	// URL's own key, or the source's host's when fetched at an alias).
	ID, Key string
	// URL is the canonical URL; FetchURL the one requested, if different.
	URL, FetchURL string
	At            time.Time
	Status        int
	// ContentType, ETag and LastModified are the response's headers.
	ContentType, ETag, LastModified string
	// Body is the page decoded to UTF-8 NFC.
	Body    string
	WARC    *event.WARCRef
	Capture *event.Capture
}

// FetchedEvent is the one constructor of article.fetched events: the live
// crawl, the web-archive crawl and re-processing build theirs here, so
// every event of a source carries the same fields (its unit codes and
// selectors, the capture's provenance, the identity key).
func FetchedEvent(src *Source, f Fetch) event.ArticleFetched {
	e := event.ArticleFetched{
		SchemaVersion: event.FetchedVersion, ArticleID: f.ID, URL: f.URL,
		FetchedAt: f.At, StatusCode: f.Status,
		ContentSHA256: event.ContentHash([]byte(f.Body)), Body: f.Body,
		WARC: f.WARC, Capture: f.Capture,
	}
	if f.Key != "" {
		e.IdentityKey = aliasKey(f.URL, f.Key)
	}
	if f.FetchURL != f.URL {
		e.FetchURL = f.FetchURL
	}
	e.ContentType, e.ETag, e.LastModified = f.ContentType, f.ETag, f.LastModified
	if src != nil {
		e.SourceID, e.District, e.Province = src.ID, src.District, src.Province
		e.UnitCodes = src.UnitCodes
		e.Selectors = src.Selectors.OrNil()
	}
	return e
}
