package elastic

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// fakeES answers every request with status and body, as Elasticsearch would
// (with its product header), and counts the requests.
func fakeES(t *testing.T, status int, body string) (*Store, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	s, err := newStore(Config{URL: srv.URL, Index: "dra-articles", Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		srv.Close()
	})
	return s, &calls
}

func articles(n int) []search.Article {
	var out []search.Article
	for i := range n {
		out = append(out, search.Article{ID: string(rune('a' + i)), Version: 1, Title: "x", FetchedAt: time.Unix(1, 0)})
	}
	return out
}

func TestBulkItemResults(t *testing.T) {
	const answer = `{"took":3,"errors":true,"items":[
	{"index":{"_id":"a","status":201,"result":"created"}},
	{"index":{"_id":"b","status":200,"result":"updated"}},
	{"index":{"_id":"c","status":409,"error":{"type":"version_conflict_engine_exception","reason":"current version [5] is higher than [1]"}}},
	{"index":{"_id":"d","status":400,"error":{"type":"document_parsing_exception","reason":"failed to parse field [published_at]","caused_by":{"type":"illegal_argument_exception","reason":"bad date"}}}},
	{"index":{"_id":"e","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}},
	{"index":{"_id":"f","status":503,"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"}}}
	]}`
	s, _ := fakeES(t, http.StatusOK, answer)
	errs, err := s.Upsert(t.Context(), articles(6))
	if err != nil {
		t.Fatalf("Upsert: %v", err)
	}
	tests := []struct {
		name      string
		ok        bool
		transient bool
		in        string
	}{
		{name: "created", ok: true},
		{name: "updated", ok: true},
		{name: "older version ignored", ok: true},
		{name: "mapping error is permanent", in: "bad date"},
		{name: "rejected (429) is transient", transient: true, in: "es_rejected_execution_exception"},
		{name: "unavailable (503) is transient", transient: true, in: "primary shard is not active"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := errs[i]
			if tt.ok {
				if err != nil {
					t.Errorf("item error = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatal("item error = nil, want an error")
			}
			if got := errors.Is(err, search.ErrTransient); got != tt.transient {
				t.Errorf("errors.Is(%v, ErrTransient) = %v, want %v", err, got, tt.transient)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("item error %q, want it to contain %q", err, tt.in)
			}
		})
	}
}

func TestBulkRequestFailures(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		transient bool
	}{
		{"overloaded", http.StatusTooManyRequests, `{"error":{"type":"es_rejected_execution_exception","reason":"queue full"},"status":429}`, true},
		{"unavailable", http.StatusServiceUnavailable, `{"error":{"type":"cluster_block_exception","reason":"blocked"},"status":503}`, true},
		{"bad request", http.StatusBadRequest, `{"error":{"type":"illegal_argument_exception","reason":"malformed action"},"status":400}`, false},
		{"answer does not match the request", http.StatusOK, `{"errors":false,"items":[{"index":{"_id":"a","status":201}}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := fakeES(t, tt.status, tt.body)
			errs, err := s.Upsert(t.Context(), articles(2))
			if err == nil {
				t.Fatalf("Upsert = %v, nil; want a batch error", errs)
			}
			if got := errors.Is(err, search.ErrTransient); got != tt.transient {
				t.Errorf("errors.Is(%v, ErrTransient) = %v, want %v", err, got, tt.transient)
			}
		})
	}
}

func TestUpsertRejectsUnindexableDocsLocally(t *testing.T) {
	s, calls := fakeES(t, http.StatusOK, `{"errors":false,"items":[]}`)
	bad := articles(3)
	bad[0].ID = ""
	bad[1].ID = strings.Repeat("x", maxIDBytes+1)
	bad[2].Version = -1
	errs, err := s.Upsert(t.Context(), bad)
	if err != nil {
		t.Fatalf("Upsert: %v", err)
	}
	for i, err := range errs {
		if err == nil || errors.Is(err, search.ErrTransient) {
			t.Errorf("item %d error = %v, want a permanent error", i, err)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d requests sent for a batch with nothing to write", n)
	}
}

func TestPingRed(t *testing.T) {
	s, _ := fakeES(t, http.StatusRequestTimeout, `{"status":"red","timed_out":true}`)
	if err := s.Ping(t.Context()); !errors.Is(err, search.ErrTransient) {
		t.Errorf("Ping on a red index = %v, want an error wrapping ErrTransient", err)
	}
}

func TestClosedStore(t *testing.T) {
	s, calls := fakeES(t, http.StatusOK, `{"count":0}`)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Count(t.Context()); err == nil {
		t.Error("Count on a closed store succeeded")
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d requests sent by a closed store", n)
	}
}

func TestTextViewKeepsOffsetsAndSplitsLikeWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kết nạp 1.599 đảng viên, đạt 159,9%", "kết nạp 1.599 đảng viên  đạt 159,9 "},
		{"1.599.000 đồng; 9/9 xã, 12.", "1.599.000 đồng  9 9 xã  12 "},
		{"09-ĐA/HU", "09 ĐA HU"},
		{"U.S.A a_b Đảng.Huyện", "U S A a_b Đảng Huyện"},
		{"a1.5 1.a .5 5.", "a1.5 1 a  5 5 "},
	}
	for _, tt := range tests {
		got := textView(tt.in)
		if got != tt.want {
			t.Errorf("textView(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len([]rune(got)) != len([]rune(tt.in)) {
			t.Errorf("textView(%q) changes the rune count", tt.in)
		}
		if w, g := search.Words(tt.in), strings.Fields(got); strings.Join(w, " ") != strings.Join(g, " ") {
			t.Errorf("textView(%q) words %q, search.Words %q", tt.in, g, w)
		}
	}
}

func TestEncodeDocViews(t *testing.T) {
	pub := time.Date(2020, 3, 18, 8, 40, 0, 123456789, time.FixedZone("ICT", 7*3600))
	d, err := encodeDoc(search.Article{
		ID: "x", Title: "Huyện uỷ Thanh Trì", Body: "Đề án 09-ĐA/HU", District: "Thanh Trì",
		Authors: []string{"Hoàng Thị Thu Thuỷ"}, Documents: []string{"09-ÐA/HU"}, PublishedAt: &pub,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.TitleExact, "huyện ủy thanh trì"; got != want {
		t.Errorf("TitleExact = %q, want %q", got, want)
	}
	if got, want := d.TitleFolded, "huyen uy thanh tri"; got != want {
		t.Errorf("TitleFolded = %q, want %q", got, want)
	}
	if got, want := d.BodyFolded, "de an 09 da hu"; got != want {
		t.Errorf("BodyFolded = %q, want %q", got, want)
	}
	if got, want := d.Authors[0], vietnamese.Normalize("Hoàng Thị Thu Thủy"); got != want {
		t.Errorf("Authors[0] = %q, want %q", got, want)
	}
	if got, want := d.Documents[0], "09-ĐA/HU"; got != want {
		t.Errorf("Documents[0] = %q, want %q (Ð read as Đ)", got, want)
	}
	if got, want := d.DocumentsFolded[0], "09-da/hu"; got != want {
		t.Errorf("DocumentsFolded[0] = %q, want %q", got, want)
	}
	if got, want := d.PublishedAt, "2020-03-18T01:40:00.123Z"; got != want {
		t.Errorf("PublishedAt = %q, want %q", got, want)
	}
}
