package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// defaultMaxBulkBytes bounds one _bulk request; a bigger batch is sent in
// several requests (Elasticsearch's own limit, http.max_content_length, is
// 100 MB).
const defaultMaxBulkBytes = 8 << 20

// maxIDBytes is Elasticsearch's limit on a document ID.
const maxIDBytes = 512

// storedDoc is the indexed document. Article is the article exactly as
// upserted (kept in _source, not indexed); the other fields are what
// searches and filters use.
type storedDoc struct {
	ID              string          `json:"id"`
	SourceID        string          `json:"source_id,omitempty"`
	District        string          `json:"district,omitempty"`
	Province        string          `json:"province,omitempty"`
	Category        string          `json:"category,omitempty"`
	Authors         []string        `json:"authors,omitempty"`
	Documents       []string        `json:"documents,omitempty"`
	DocumentsFolded []string        `json:"documents_folded,omitempty"`
	PublishedAt     string          `json:"published_at,omitempty"`
	TitleExact      string          `json:"title_exact,omitempty"`
	TitleFolded     string          `json:"title_folded,omitempty"`
	BodyExact       string          `json:"body_exact,omitempty"`
	BodyFolded      string          `json:"body_folded,omitempty"`
	Article         json.RawMessage `json:"article"`
}

// textView prepares a text view for the standard tokenizer: every rune that
// is not part of a word of search.Words becomes a space, one rune for one
// rune, so offsets stay. Unicode word boundaries alone would keep "U.S.A" or
// "Đảng.Huyện" whole where the query parser splits them; this way index and
// query split alike. Like search.Words, a '.' or ',' between two digits stays
// ("1.599", "159,9"), and the standard tokenizer keeps such numbers whole.
func textView(s string) string {
	rs := []rune(s)
	keep := make([]bool, len(rs))
	for i := range rs {
		keep[i] = search.InWord(rs, i)
	}
	for i, k := range keep {
		if !k {
			rs[i] = ' '
		}
	}
	return string(rs)
}

// esTime formats a time the way the date field stores it (milliseconds, UTC).
// Truncating is monotonic, so inclusive range bounds stay inclusive.
func esTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// encodeDoc builds the indexed document of an article.
func encodeDoc(a search.Article) (storedDoc, error) {
	if a.ID == "" {
		return storedDoc{}, errors.New("empty article ID")
	}
	if len(a.ID) > maxIDBytes {
		return storedDoc{}, fmt.Errorf("article ID longer than %d bytes", maxIDBytes)
	}
	if a.Version < 0 {
		return storedDoc{}, fmt.Errorf("negative version %d", a.Version)
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return storedDoc{}, fmt.Errorf("encode: %w", err)
	}
	d := storedDoc{
		ID:          a.ID,
		SourceID:    a.SourceID,
		District:    vietnamese.Normalize(a.District),
		Province:    vietnamese.Normalize(a.Province),
		Category:    vietnamese.Normalize(a.Category),
		TitleExact:  textView(vietnamese.Exact(a.Title)),
		TitleFolded: textView(vietnamese.Folded(a.Title)),
		BodyExact:   textView(vietnamese.Exact(a.Body)),
		BodyFolded:  textView(vietnamese.Folded(a.Body)),
		Article:     raw,
	}
	for _, au := range a.Authors {
		d.Authors = append(d.Authors, vietnamese.Normalize(au))
	}
	for _, code := range a.Documents {
		d.Documents = append(d.Documents, vietnamese.Normalize(code))
		d.DocumentsFolded = append(d.DocumentsFolded, vietnamese.Folded(code))
	}
	if a.PublishedAt != nil {
		d.PublishedAt = esTime(*a.PublishedAt)
	}
	return d, nil
}

// bulkLine is one index action of a _bulk request, ready to send.
type bulkLine struct {
	pos  int // position in the Upsert batch
	data []byte
}

// bulkAction encodes the action line and the document of one article.
// External versioning with version_type external_gte: an equal version
// replaces the stored document (redelivery is idempotent), a lower one is
// rejected with a conflict and so never overwrites a newer fetch.
func bulkAction(id string, version int64, doc any) ([]byte, error) {
	meta, err := json.Marshal(map[string]any{"index": map[string]any{
		"_id": id, "version": version, "version_type": "external_gte",
	}})
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(len(meta) + len(body) + 2)
	b.Write(meta)
	b.WriteByte('\n')
	b.Write(body)
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Upsert writes a batch through the _bulk API and returns once the written
// documents are durable (translog) and visible to search (refresh=wait_for).
// A document older than the stored one is ignored and reported as written.
func (s *Store) Upsert(ctx context.Context, docs []search.Article) ([]error, error) {
	errs := make([]error, len(docs))
	lines := make([]bulkLine, 0, len(docs))
	for i, a := range docs {
		d, err := encodeDoc(a)
		if err == nil {
			var data []byte
			if data, err = bulkAction(a.ID, a.Version, d); err == nil {
				lines = append(lines, bulkLine{pos: i, data: data})
				continue
			}
		}
		errs[i] = fmt.Errorf("elastic: article %q: %w", a.ID, err)
	}
	if err := s.bulk(ctx, lines, errs); err != nil {
		return nil, err
	}
	return errs, nil
}

// bulk sends lines in requests of at most s.maxBulkBytes and stores each
// item's outcome in errs[line.pos].
func (s *Store) bulk(ctx context.Context, lines []bulkLine, errs []error) error {
	for len(lines) > 0 {
		n, size := 0, 0
		for n < len(lines) && (n == 0 || size+len(lines[n].data) <= s.maxBulkBytes) {
			size += len(lines[n].data)
			n++
		}
		if err := s.bulkOnce(ctx, lines[:n], errs); err != nil {
			return err
		}
		lines = lines[n:]
	}
	return nil
}

func (s *Store) bulkOnce(ctx context.Context, lines []bulkLine, errs []error) error {
	var body bytes.Buffer
	for _, l := range lines {
		body.Write(l.data)
	}
	var res bulkResponse
	q := url.Values{"refresh": {"wait_for"}}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.alias+"/_bulk", q, &body, &res); err != nil {
		return fmt.Errorf("elastic: bulk: %w", err)
	}
	if len(res.Items) != len(lines) {
		return fmt.Errorf("elastic: bulk: %d items in the answer to %d actions", len(res.Items), len(lines))
	}
	for i, item := range res.Items {
		errs[lines[i].pos] = item.err()
	}
	return nil
}

// bulkResponse is the answer of the _bulk API.
type bulkResponse struct {
	Errors bool         `json:"errors"`
	Items  []bulkResult `json:"items"`
}

// bulkResult is one item of a _bulk answer, keyed by its action ("index").
type bulkResult map[string]bulkItem

type bulkItem struct {
	ID     string      `json:"_id"`
	Status int         `json:"status"`
	Result string      `json:"result"`
	Error  *errorCause `json:"error"`
}

// err maps one item result to Upsert's
// per-document error: nil for written or ignored as older, an error wrapping
// search.ErrTransient for overload or server failures, a permanent error
// with Elasticsearch's reason otherwise.
func (m bulkResult) err() error {
	for _, it := range m {
		switch {
		case it.Status >= 200 && it.Status <= 299:
			return nil
		case it.Status == http.StatusConflict:
			// version_conflict_engine_exception: the store holds a newer
			// version (or the same one, which external_gte would have
			// accepted). Either way the write is not needed.
			return nil
		}
		e := &apiError{Status: it.Status}
		if it.Error != nil {
			e.Type, e.Reason = it.Error.Type, it.Error.Reason
			if it.Error.CausedBy != nil {
				e.Reason += " (caused by " + it.Error.CausedBy.String() + ")"
			}
		}
		return fmt.Errorf("elastic: article %q: %w", it.ID, e)
	}
	return errors.New("elastic: empty bulk item")
}
