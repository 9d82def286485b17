package bleve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/search"
)

// storedArticle is the stored form of an article (the fArticle field): the
// Article, its Record as JSON rather than base64, and the body once. The
// Record (an ArticleProcessed) carries the body as well: when its "body" is
// the article's, the value is stored empty and BodyAt says where to put the
// article's body back. So an article's stored form is about its body's size
// plus the rest of its record, not three times the body.
type storedArticle struct {
	search.Article
	// Record shadows Article.Record (the shallower field wins in
	// encoding/json).
	Record json.RawMessage `json:"record,omitempty"`
	// BodyAt is the offset in Record of the emptied body value ("").
	BodyAt *int `json:"record_body_at,omitempty"`
	// RecordBytes holds a Record that is not JSON, as given.
	RecordBytes []byte `json:"record_bytes,omitempty"`
}

// encodeStored returns the stored form of a.
func encodeStored(a search.Article) ([]byte, error) {
	sa := storedArticle{Article: a}
	sa.Article.Record = nil
	switch {
	case len(a.Record) == 0:
	case !json.Valid(a.Record):
		sa.RecordBytes = a.Record
	default:
		rec := a.Record
		if body, err := event.Encode(a.Body); err == nil {
			key := append([]byte(`"body":`), body...)
			if i := bytes.Index(rec, key); i >= 0 {
				at := i + len(`"body":`)
				rec = append(append(append(make([]byte, 0, len(rec)-len(body)+2), rec[:at]...), `""`...), rec[at+len(body):]...)
				sa.BodyAt = &at
			}
		}
		sa.Record = rec
	}
	// As event.Encode writes: a Record kept byte for byte (no HTML escapes
	// added inside it).
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sa); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// decodeStored returns the article raw stores, as it was upserted. It also
// reads the layout before dra-bleve-4, whose record was base64.
func decodeStored(raw []byte) (search.Article, error) {
	var sa storedArticle
	if err := json.Unmarshal(raw, &sa); err != nil {
		return search.Article{}, err
	}
	a := sa.Article
	switch rec := []byte(sa.Record); {
	case len(sa.RecordBytes) > 0:
		a.Record = sa.RecordBytes
	case len(rec) > 0 && rec[0] == '"': // base64, as []byte encodes
		if err := json.Unmarshal(rec, &a.Record); err != nil {
			return search.Article{}, fmt.Errorf("record: %w", err)
		}
	case len(rec) > 0 && sa.BodyAt != nil:
		at := *sa.BodyAt
		if at < 0 || at+2 > len(rec) || string(rec[at:at+2]) != `""` {
			return search.Article{}, fmt.Errorf("record: no emptied body at %d", at)
		}
		body, err := event.Encode(a.Body)
		if err != nil {
			return search.Article{}, err
		}
		a.Record = append(append(append(make([]byte, 0, len(rec)+len(body)), rec[:at]...), body...), rec[at+2:]...)
	case len(rec) > 0:
		a.Record = rec
	}
	return a, nil
}

// hitFields are the parts of a stored article a search hit shows: decoding
// only these skips the record.
type hitFields struct {
	ID          string     `json:"id"`
	URL         string     `json:"url"`
	SourceID    string     `json:"source_id"`
	District    string     `json:"district"`
	Province    string     `json:"province"`
	Category    string     `json:"category"`
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	Byline      string     `json:"byline"`
	Authors     []string   `json:"authors"`
	PublishedAt *time.Time `json:"published_at"`
}
