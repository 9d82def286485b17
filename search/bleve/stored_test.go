package bleve_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
)

// TestBodyStoredOnce writes articles as the indexer does (with the full
// record, which carries the body too) and checks that each is stored with
// its body once, the stored form no longer than the body plus the record
// without it, and that Get and a reindex give back exactly what was
// written, the trimmed flag included.
func TestBodyStoredOnce(t *testing.T) {
	docs := searchtest.NewCorpus(t, 40).Articles
	long := docs[0]
	// A long body with characters JSON escapes (quotes, newlines, <, &).
	long.Body = strings.Repeat("Kết nạp 1.599 đảng viên mới, \"đạt\" 159,9% <kế hoạch> & hơn.\n\n", 20000)
	p, err := event.DecodeProcessed(long.Record)
	if err != nil {
		t.Fatal(err)
	}
	p.Body = long.Body
	if long.Record, err = event.Encode(p); err != nil {
		t.Fatal(err)
	}
	long.Trimmed = true
	docs[0] = long
	docs = append(docs, search.Article{ID: "not-json", Version: 1, URL: "https://example.vn/x", Title: "x", Body: "y", Record: []byte("\x00 not json")})

	path := filepath.Join(t.TempDir(), "bleve")
	s := openStore(t, path)
	if errs, err := s.Upsert(t.Context(), docs); err != nil || errors(errs) != "" {
		t.Fatalf("Upsert: %v %s", err, errors(errs))
	}
	for _, a := range docs {
		raw, err := bleve.StoredBytes(s, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == long.ID {
			recWithout := len(a.Record) - len(a.Body)
			if n := bytes.Count(raw, []byte("Kết nạp 1.599")); n != 20000 {
				t.Errorf("the body's first sentence is stored %d times, want 20000 (the body once)", n)
			}
			// The body's JSON escapes add 7 bytes per repetition.
			if limit := len(a.Body) + 7*20000 + recWithout + 4096; len(raw) > limit {
				t.Errorf("stored form of %d bytes for a body of %d and a record of %d: want at most %d",
					len(raw), len(a.Body), len(a.Record), limit)
			}
			t.Logf("body %d bytes, record %d bytes, stored form %d bytes (%.2fx the body)",
				len(a.Body), len(a.Record), len(raw), float64(len(raw))/float64(len(a.Body)))
		}
		got, err := s.Get(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		// As JSON: a time read back has another *time.Location.
		if gj, aj := mustJSON(t, got), mustJSON(t, a); !bytes.Equal(gj, aj) {
			t.Errorf("Get(%s) differs from what was written (record equal: %v, trimmed %v)", a.ID, bytes.Equal(got.Record, a.Record), got.Trimmed)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// An index of another layout version is rebuilt from what it stores.
	old, err := blevesearch.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SetInternal([]byte("dra_mapping_version"), []byte("dra-bleve-old")); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := bleve.Reindex(t.Context(), path)
	if err != nil || rep.Articles != len(docs) {
		t.Fatalf("Reindex: %+v, %v", rep, err)
	}
	s = openStore(t, path)
	got, err := s.Get(t.Context(), long.ID)
	if err != nil || !got.Trimmed || got.Body != long.Body || !bytes.Equal(got.Record, long.Record) {
		t.Errorf("after reindex: trimmed %v, body equal %v, record equal %v, %v", got.Trimmed, got.Body == long.Body, bytes.Equal(got.Record, long.Record), err)
	}
}

func errors(errs []error) string {
	var b strings.Builder
	for _, e := range errs {
		if e != nil {
			b.WriteString(e.Error() + "; ")
		}
	}
	return b.String()
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
