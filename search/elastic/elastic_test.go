package elastic

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dra-archive/dra/internal/testenv"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/searchtest"
	"github.com/dra-archive/dra/vietnamese"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// esURL returns the Elasticsearch that scripts/test.sh started (DRA_ES_URL).
// Without it the test is skipped, except in CI, where Elasticsearch tests
// must never quietly skip.
func esURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("DRA_ES_URL")
	if u != "" {
		return u
	}
	if testenv.CI() {
		t.Fatal("DRA_ES_URL is not set but CI is on: Elasticsearch tests must run in CI (scripts/test.sh starts Elasticsearch)")
	}
	t.Skip("DRA_ES_URL is not set: skipping Elasticsearch tests (scripts/test.sh starts one; or run scripts/elasticsearch.sh start)")
	return ""
}

// uniqueIndex returns an index base name no other test uses, and removes
// whatever Open creates under it when the test ends.
func uniqueIndex(t *testing.T, u string) string {
	t.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	base := "dra-test-" + hex.EncodeToString(b)
	t.Cleanup(func() { dropIndex(t, u, base) })
	return base
}

// dropIndex deletes the indices and the template of base. It uses its own
// HTTP client: the store may be closed already.
func dropIndex(t *testing.T, u, base string) {
	t.Helper()
	for _, b := range []string{base, base + "-metrics"} {
		names := []string{b}
		for v := range max(mappingVersion, metricsMappingVersion) + 2 {
			names = append(names, versionedIndex(b, v))
		}
		if status, body := rawRequest(t, u, http.MethodDelete, "/"+strings.Join(names, ",")+"?ignore_unavailable=true", nil); status != http.StatusOK {
			t.Errorf("delete indices of %s: %d %s", b, status, body)
		}
		if status, body := rawRequest(t, u, http.MethodDelete, "/_index_template/"+b, nil); status != http.StatusOK && status != http.StatusNotFound {
			t.Errorf("delete template %s: %d %s", b, status, body)
		}
	}
}

// rawRequest talks to Elasticsearch without the store, for setting up and
// cleaning up.
func rawRequest(t *testing.T, u, method, path string, body any) (int, string) {
	t.Helper()
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(u, "/")+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(data)
}

func openStore(t *testing.T, cfg Config) *Store {
	t.Helper()
	s, err := Open(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Open(%s, index %s): %v", cfg.URL, cfg.Index, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	u := esURL(t)
	searchtest.Run(t, func(t *testing.T) search.Store {
		// refresh=true: every small test batch is searchable at once,
		// instead of at the next scheduled refresh.
		return openStore(t, Config{URL: u, Index: uniqueIndex(t, u), Refresh: "true"})
	}, searchtest.Capabilities{})
}

func TestOpenIsIdempotent(t *testing.T) {
	u := esURL(t)
	cfg := Config{URL: u, Index: uniqueIndex(t, u), Refresh: "wait_for"}
	first := openStore(t, cfg)
	docs := searchtest.Fixtures()
	if _, err := first.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	second := openStore(t, cfg) // template, index and alias exist: all kept
	if n, err := second.Count(t.Context()); err != nil || n != len(docs) {
		t.Errorf("Count through a second Open = %d, %v; want %d, nil", n, err, len(docs))
	}
	if got, want := second.Index(), versionedIndex(cfg.Index, mappingVersion); got != want {
		t.Errorf("Index() = %q, want %q", got, want)
	}
	status, body := rawRequest(t, u, http.MethodGet, "/_alias/"+cfg.Index, nil)
	if status != http.StatusOK || !strings.Contains(body, `"`+second.Index()+`"`) {
		t.Errorf("alias %s: %d %s; want it to lead to %s", cfg.Index, status, body, second.Index())
	}
	if status, body := rawRequest(t, u, http.MethodGet, "/_index_template/"+cfg.Index, nil); status != http.StatusOK {
		t.Errorf("index template %s: %d %s", cfg.Index, status, body)
	}

	// The index lost its alias (say, an operator removed it): Open restores it.
	if status, body := rawRequest(t, u, http.MethodDelete, "/"+second.Index()+"/_alias/"+cfg.Index, nil); status != http.StatusOK {
		t.Fatalf("remove alias: %d %s", status, body)
	}
	third := openStore(t, cfg)
	if n, err := third.Count(t.Context()); err != nil || n != len(docs) {
		t.Errorf("Count after the alias was restored = %d, %v; want %d, nil", n, err, len(docs))
	}
}

func TestOpenRefusesOtherMappingVersions(t *testing.T) {
	u := esURL(t)
	tests := []struct {
		name  string
		setup func(base string) (path string, body any)
		want  error // nil: any error
		in    string
	}{
		{
			name: "alias leads to an older version",
			setup: func(base string) (string, any) {
				return "/" + versionedIndex(base, 0), map[string]any{
					"aliases":  map[string]any{base: map[string]any{}},
					"mappings": map[string]any{"_meta": map[string]any{metaVersionKey: 0}},
				}
			},
			want: ErrMappingVersion, in: "dra reindex",
		},
		{
			name: "versioned index written by a newer build",
			setup: func(base string) (string, any) {
				return "/" + versionedIndex(base, mappingVersion), map[string]any{
					"mappings": map[string]any{"_meta": map[string]any{metaVersionKey: mappingVersion + 1}},
				}
			},
			want: ErrMappingVersion, in: "dra reindex",
		},
		{
			name: "alias name taken by a plain index",
			setup: func(base string) (string, any) {
				return "/" + base, map[string]any{}
			},
			in: "not an alias",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := uniqueIndex(t, u)
			path, body := tt.setup(base)
			if status, resp := rawRequest(t, u, http.MethodPut, path, body); status != http.StatusOK {
				t.Fatalf("PUT %s: %d %s", path, status, resp)
			}
			s, err := Open(t.Context(), Config{URL: u, Index: base})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded on an index of another mapping version")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Open error = %v, want one wrapping %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("Open error = %q, want it to mention %q", err, tt.in)
			}
		})
	}
}

func TestOpenUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	_, err = Open(ctx, Config{URL: "http://" + addr})
	if !errors.Is(err, search.ErrTransient) {
		t.Errorf("Open(unreachable) error = %v, want one wrapping search.ErrTransient", err)
	}
}

// TestBulkItemErrorKeepsTheRest sends a bulk in which Elasticsearch itself
// rejects one document (a field the strict mapping does not know) and checks
// that the others are written and the rejection is a permanent item error
// carrying Elasticsearch's reason.
func TestBulkItemErrorKeepsTheRest(t *testing.T) {
	u := esURL(t)
	s := openStore(t, Config{URL: u, Index: uniqueIndex(t, u), Refresh: "wait_for"})
	docs := searchtest.Fixtures()[:3]
	var lines []bulkLine
	for i, a := range docs {
		d, err := encodeDoc(a)
		if err != nil {
			t.Fatal(err)
		}
		var doc any = d
		if i == 1 {
			doc = struct {
				storedDoc
				Unknown string `json:"no_such_field"`
			}{d, "x"}
		}
		data, err := bulkAction(a.ID, a.Version, doc)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, bulkLine{pos: i, data: data})
	}
	errs := make([]error, len(docs))
	if err := s.bulkTo(t.Context(), s.alias, lines, errs, nil, nil); err != nil {
		t.Fatalf("bulk: %v", err)
	}
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("item errors of good documents: %v, %v", errs[0], errs[2])
	}
	if errs[1] == nil || errors.Is(errs[1], search.ErrTransient) || !strings.Contains(errs[1].Error(), "strict_dynamic_mapping_exception") {
		t.Errorf("item error of the bad document = %v, want a permanent strict_dynamic_mapping_exception", errs[1])
	}
	if n, err := s.Count(t.Context()); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2, nil", n, err)
	}
	if _, err := s.Get(t.Context(), docs[1].ID); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Get(rejected) error = %v, want ErrNotFound", err)
	}
}

// TestUpsertSplitsLargeBatches checks that a batch bigger than one _bulk
// request is sent in several, with the item errors still aligned.
func TestUpsertSplitsLargeBatches(t *testing.T) {
	u := esURL(t)
	s := openStore(t, Config{URL: u, Index: uniqueIndex(t, u), Refresh: "wait_for"})
	s.maxBulkBytes = 16 << 10 // a few fixtures per request
	var docs []search.Article
	for i, a := range append(searchtest.Fixtures(), searchtest.Fixtures()...) {
		a.ID = fmt.Sprintf("%s-%d", a.ID, i)
		if i == 4 {
			a.ID = ""
		}
		docs = append(docs, a)
	}
	errs, err := s.Upsert(t.Context(), docs)
	if err != nil {
		t.Fatalf("Upsert: %v", err)
	}
	for i, err := range errs {
		if (err != nil) != (i == 4) {
			t.Errorf("item %d error = %v", i, err)
		}
	}
	if n, err := s.Count(t.Context()); err != nil || n != len(docs)-1 {
		t.Errorf("Count = %d, %v; want %d, nil", n, err, len(docs)-1)
	}
}

// TestTokenizerAgreesWithWords checks, on the real analyzer, that the
// indexed views split into exactly the words search.Words finds in the query
// text: otherwise a term could never match.
func TestTokenizerAgreesWithWords(t *testing.T) {
	u := esURL(t)
	s := openStore(t, Config{URL: u, Index: uniqueIndex(t, u), Refresh: "wait_for"})
	texts := []string{
		"kết nạp 1.599/1000 đảng viên mới, đạt 159,9% kế hoạch; 42,17% và 67,5 % (04 xã)",
		"U.S.A, a_b, Đảng.Huyện, 09-ĐA/HU, 123/QĐ-UBND, 30/2020/NĐ-CP, 1.450 và 48.100, 12/15, a1.5 1.a",
		"e-mail: ubnd@thanhtri.hanoi.gov.vn — “Dân vận khéo” … 2020’s O'Neil",
	}
	for _, a := range searchtest.Fixtures() {
		texts = append(texts, a.Title, a.Body)
	}
	for _, text := range texts {
		for _, view := range []string{vietnamese.Exact(text), vietnamese.Folded(text)} {
			var res struct {
				Tokens []struct {
					Token string `json:"token"`
				} `json:"tokens"`
			}
			body := map[string]any{"analyzer": "dra_text", "text": textView(view)}
			if _, err := s.do(t.Context(), http.MethodPost, "/"+s.alias+"/_analyze", nil, body, &res); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tok := range res.Tokens {
				got = append(got, tok.Token)
			}
			if want := search.Words(view); !slices.Equal(got, want) {
				t.Errorf("tokens of %.60q:\n got %q\nwant %q", view, got, want)
			}
		}
	}
}
