package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/dra-archive/dra/event"
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
	PlaceFolded     string          `json:"place_folded,omitempty"`
	NamesExact      string          `json:"names_exact,omitempty"`
	NamesFolded     string          `json:"names_folded,omitempty"`
	AuthorsFolded   string          `json:"authors_folded,omitempty"`
	DistrictKey     string          `json:"district_key,omitempty"`
	ProvinceKey     string          `json:"province_key,omitempty"`
	CategoryKey     string          `json:"category_key,omitempty"`
	AuthorsKey      []string        `json:"authors_key,omitempty"`
	Trimmed         bool            `json:"trimmed,omitempty"`
	RecordBody      bool            `json:"record_body,omitempty"`
	Article         json.RawMessage `json:"article"`
}

// storeArticle encodes the article kept in _source, with its body once.
// An article from the processor carries its body twice: as Body and inside
// Record (the ArticleProcessed event, which JSON then holds in base64, a
// third larger). When Record is the event encoding of an event whose body
// is Body, the body is left out of the stored Record and recordBody is set;
// decodeArticle puts it back, byte for byte. Any other Record is stored as
// it is.
func storeArticle(a search.Article) (raw []byte, recordBody bool, err error) {
	if len(a.Record) > 0 && a.Body != "" {
		var p event.ArticleProcessed
		if json.Unmarshal(a.Record, &p) == nil && p.Body == a.Body {
			if enc, err := event.Encode(p); err == nil && bytes.Equal(enc, a.Record) {
				p.Body = ""
				if a.Record, err = event.Encode(p); err != nil {
					return nil, false, err
				}
				recordBody = true
			}
		}
	}
	raw, err = json.Marshal(a)
	return raw, recordBody, err
}

// decodeArticle returns the article of a stored document as it was
// upserted (see storeArticle).
func decodeArticle(d storedDoc) (search.Article, error) {
	var a search.Article
	if err := json.Unmarshal(d.Article, &a); err != nil {
		return a, err
	}
	if d.RecordBody {
		var p event.ArticleProcessed
		if err := json.Unmarshal(a.Record, &p); err != nil {
			return a, fmt.Errorf("record: %w", err)
		}
		p.Body = a.Body
		rec, err := event.Encode(p)
		if err != nil {
			return a, fmt.Errorf("record: %w", err)
		}
		a.Record = rec
	}
	return a, nil
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
	raw, recordBody, err := storeArticle(a)
	if err != nil {
		return storedDoc{}, fmt.Errorf("encode: %w", err)
	}
	titleExact, titleFolded := vietnamese.Views(a.Title)
	bodyExact, bodyFolded := vietnamese.Views(a.Body)
	d := storedDoc{
		ID:          a.ID,
		SourceID:    a.SourceID,
		District:    vietnamese.Normalize(a.District),
		Province:    vietnamese.Normalize(a.Province),
		Category:    vietnamese.Normalize(a.Category),
		TitleExact:  textView(titleExact),
		TitleFolded: textView(titleFolded),
		BodyExact:   textView(bodyExact),
		BodyFolded:  textView(bodyFolded),
		PlaceFolded: textView(vietnamese.Folded(a.District + " " + a.Province)),
		Article:     raw,
		RecordBody:  recordBody,
		Trimmed:     a.Trimmed,
	}
	namesExact, namesFolded := vietnamese.Views(search.NamesText(a))
	d.NamesExact, d.NamesFolded = textView(namesExact), textView(namesFolded)
	d.DistrictKey, d.ProvinceKey, d.CategoryKey = search.FilterKey(a.District), search.FilterKey(a.Province), search.FilterKey(a.Category)
	var authorsFolded []string
	for _, au := range a.Authors {
		d.Authors = append(d.Authors, vietnamese.Normalize(au))
		if k := search.FilterKey(au); k != "" {
			d.AuthorsKey = append(d.AuthorsKey, k)
			authorsFolded = append(authorsFolded, vietnamese.Folded(au))
		}
	}
	d.AuthorsFolded = textView(strings.Join(authorsFolded, "\n"))
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
// documents are durable. A document older than the stored one is ignored
// and reported as written.
//
// Durability does not wait for a refresh: with the default
// index.translog.durability "request", Elasticsearch answers an item of a
// bulk with success only after the operation is written to the translog
// and the translog is fsynced, on the primary and on every in-sync replica
// (a replica that fails it is taken out of the in-sync set before the
// answer). A crash after the answer replays the translog, so an acked
// document is never lost. A refresh only makes writes visible to search;
// Config.Refresh "false" (the default) leaves that to the index's refresh
// interval instead of making every bulk wait for it.
//
// Metric documents: once the articles are written, the store looks up the
// stored metric documents of those that replaced an older document (the
// bulk answer says "updated", not "created"); for every article actually
// written (not refused as older) a second bulk then deletes those the new
// version no longer has and indexes the new ones, all with the article's
// version as external version (external_gte). A metric document of a newer version is never replaced by
// an older one; metric IDs are deterministic (search.MetricID), so nothing
// is doubled. A failed metric write fails its article's item (transient or
// permanent as the cause), so the indexer retries or dead-letters it.
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
	written := make([]bool, len(docs))
	created := make([]bool, len(docs))
	if err := s.bulkTo(ctx, s.alias, lines, errs, written, created); err != nil {
		return nil, err
	}
	// Stored metric documents can only exist for an article that existed
	// before this write: only the articles Elasticsearch reports updated,
	// not created, are looked up (a first crawl looks up nothing).
	var ids []string
	seen := map[string]bool{}
	for i, a := range docs {
		if written[i] && !created[i] && !seen[a.ID] {
			seen[a.ID] = true
			ids = append(ids, a.ID)
		}
	}
	var old map[string][]string
	if len(ids) > 0 {
		var err error
		if old, err = s.storedMetricIDs(ctx, ids); err != nil {
			return nil, fmt.Errorf("elastic: metrics of the batch: %w", err)
		}
	}
	if err := s.replaceMetrics(ctx, docs, errs, written, old); err != nil {
		return nil, err
	}
	return errs, nil
}

// replaceMetrics writes the metric documents of the written articles and
// deletes the stored ones (old, by article ID) they no longer have.
func (s *Store) replaceMetrics(ctx context.Context, docs []search.Article, errs []error, written []bool, old map[string][]string) error {
	// The last written version of each article in the batch wins.
	last := map[string]int{}
	for i, a := range docs {
		if written[i] && errs[i] == nil {
			if j, ok := last[a.ID]; !ok || a.Version >= docs[j].Version {
				last[a.ID] = i
			}
		}
	}
	if len(last) == 0 {
		return nil
	}
	var lines []bulkLine
	for id, i := range last {
		a := docs[i]
		keep := map[string]bool{}
		for _, r := range search.MetricRecords(a) {
			keep[r.ID] = true
			data, err := bulkAction(r.ID, a.Version, r)
			if err != nil {
				errs[i] = fmt.Errorf("elastic: metric %q: %w", r.ID, err)
				break
			}
			lines = append(lines, bulkLine{pos: i, data: data})
		}
		for _, mid := range old[id] {
			if !keep[mid] {
				lines = append(lines, bulkLine{pos: i, data: deleteAction(mid, a.Version)})
			}
		}
	}
	merrs := make([]error, len(docs))
	if err := s.bulkTo(ctx, s.metricsAlias, lines, merrs, nil, nil); err != nil {
		return err
	}
	for i, e := range merrs {
		if e != nil && errs[i] == nil {
			errs[i] = e
		}
	}
	return nil
}

// storedMetricIDs returns the IDs of the stored metric documents of each
// article.
func (s *Store) storedMetricIDs(ctx context.Context, articleIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	var after []any
	for {
		body := map[string]any{
			"query":            map[string]any{"terms": map[string]any{"article_id": articleIDs}},
			"_source":          []string{"article_id"},
			"size":             5000,
			"sort":             []any{map[string]any{"id": "asc"}},
			"track_total_hits": false,
		}
		if after != nil {
			body["search_after"] = after
		}
		var res struct {
			Hits struct {
				Hits []struct {
					ID     string `json:"_id"`
					Source struct {
						ArticleID string `json:"article_id"`
					} `json:"_source"`
					Sort []any `json:"sort"`
				} `json:"hits"`
			} `json:"hits"`
		}
		if _, err := s.do(ctx, http.MethodPost, "/"+s.metricsAlias+"/_search", nil, body, &res); err != nil {
			return nil, err
		}
		for _, h := range res.Hits.Hits {
			out[h.Source.ArticleID] = append(out[h.Source.ArticleID], h.ID)
		}
		if len(res.Hits.Hits) < 5000 {
			return out, nil
		}
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
}

// deleteAction deletes a document unless the stored one is newer than
// version.
func deleteAction(id string, version int64) []byte {
	meta, _ := json.Marshal(map[string]any{"delete": map[string]any{
		"_id": id, "version": version, "version_type": "external_gte",
	}})
	return append(meta, '\n')
}

// bulkTo sends lines to index in requests of at most s.maxBulkBytes and
// stores each item's outcome in errs[line.pos] (the first error of a
// position wins). written, if not nil, records which positions were
// actually written (not refused as older); created, if not nil, which of
// them created their document.
//
// A batch of more than minParallelBulk lines goes in bulkParallel requests
// at once (Elasticsearch indexes them on as many write threads): a batch's
// lines are independent of their order, since every write is versioned
// (external_gte) and Upsert sends each metric ID once.
func (s *Store) bulkTo(ctx context.Context, index string, lines []bulkLine, errs []error, written, created []bool) error {
	limit := s.maxBulkBytes
	if len(lines) > minParallelBulk {
		total := 0
		for _, l := range lines {
			total += len(l.data)
		}
		limit = min(limit, total/bulkParallel+1)
	}
	var chunks [][]bulkLine
	for len(lines) > 0 {
		n, size := 0, 0
		for n < len(lines) && (n == 0 || size+len(lines[n].data) <= limit) {
			size += len(lines[n].data)
			n++
		}
		chunks = append(chunks, lines[:n])
		lines = lines[n:]
	}
	results := make([][]bulkResult, len(chunks))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(bulkParallel)
	for i, c := range chunks {
		g.Go(func() error {
			var err error
			results[i], err = s.bulkOnce(gctx, index, c)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, c := range chunks {
		for j, item := range results[i] {
			pos := c[j].pos
			err, ok := item.outcome()
			if err != nil && errs[pos] == nil {
				errs[pos] = err
			}
			if ok && written != nil {
				written[pos] = true
			}
			if ok && created != nil && item.created() {
				created[pos] = true
			}
		}
	}
	return nil
}

// Parallel bulk requests of one batch (see bulkTo).
const (
	bulkParallel    = 2
	minParallelBulk = 100
)

// bulkOnce sends lines in one _bulk request and returns one result per line.
func (s *Store) bulkOnce(ctx context.Context, index string, lines []bulkLine) ([]bulkResult, error) {
	var body bytes.Buffer
	for _, l := range lines {
		body.Write(l.data)
	}
	var res bulkResponse
	q := url.Values{"refresh": {s.cfg.Refresh}}
	if _, err := s.do(ctx, http.MethodPost, "/"+index+"/_bulk", q, &body, &res); err != nil {
		return nil, fmt.Errorf("elastic: bulk: %w", err)
	}
	if len(res.Items) != len(lines) {
		return nil, fmt.Errorf("elastic: bulk: %d items in the answer to %d actions", len(res.Items), len(lines))
	}
	return res.Items, nil
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

// created reports whether the item created its document.
func (m bulkResult) created() bool {
	for _, it := range m {
		return it.Result == "created"
	}
	return false
}

// outcome maps one item result to Upsert's per-document error: nil for
// written or ignored as older, an error wrapping search.ErrTransient for
// overload or server failures, a permanent error with Elasticsearch's reason
// otherwise. written reports whether the action took effect.
func (m bulkResult) outcome() (err error, written bool) {
	for action, it := range m {
		switch {
		case it.Status >= 200 && it.Status <= 299:
			return nil, true
		case it.Status == http.StatusConflict:
			// version_conflict_engine_exception: the store holds a newer
			// version (or the same one, which external_gte would have
			// accepted). Either way the write is not needed.
			return nil, false
		case action == "delete" && it.Status == http.StatusNotFound:
			return nil, true // already gone
		}
		e := &apiError{Status: it.Status}
		if it.Error != nil {
			e.Type, e.Reason = it.Error.Type, it.Error.Reason
			if it.Error.CausedBy != nil {
				e.Reason += " (caused by " + it.Error.CausedBy.String() + ")"
			}
		}
		return fmt.Errorf("elastic: document %q: %w", it.ID, e), false
	}
	return errors.New("elastic: empty bulk item"), false
}
