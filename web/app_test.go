package web_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dra-archive/dra/web"
)

func TestArticleAndArchive(t *testing.T) {
	srv, c, _ := newApp(t, nil)
	resp, err := http.Get(srv.URL + "/api/v1/articles/" + c.seedID)
	if err != nil {
		t.Fatal(err)
	}
	var v web.ArticleView
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !v.Offsets || len(v.Metrics) == 0 || len(v.Authors) == 0 || len(v.Documents) == 0 || v.ArchiveURL == "" {
		t.Fatalf("seed view lacks facts: offsets=%v metrics=%d authors=%v documents=%v archive=%q", v.Offsets, len(v.Metrics), v.Authors, v.Documents, v.ArchiveURL)
	}
	body := []rune(v.Body)
	for _, m := range v.Metrics {
		if got := string(body[m.Start:m.End]); got != m.Text {
			t.Errorf("metric %s: body[%d:%d] = %q, text %q", m.Key, m.Start, m.End, got, m.Text)
		}
	}

	// The archived original: the bytes the portal sent, inert in our origin.
	resp, err = http.Get(srv.URL + v.ArchiveURL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	orig, err := http.Get(v.URL)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(orig.Body)
	orig.Body.Close()
	if resp.StatusCode != 200 || string(got) != string(want) {
		t.Errorf("archive: %d, %d bytes, want the %d bytes of the original", resp.StatusCode, len(got), len(want))
	}
	h := resp.Header
	if ct := h.Get("Content-Type"); ct != orig.Header.Get("Content-Type") {
		t.Errorf("archive content type %q, original %q", ct, orig.Header.Get("Content-Type"))
	}
	if csp := h.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("archive CSP %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("archive without nosniff")
	}
}

func TestAdminNeedsToken(t *testing.T) {
	t.Run("no token configured", func(t *testing.T) {
		srv, c, cl := newApp(t, func(x *web.Extras) { x.AdminToken = "" })
		for _, p := range []string{"/api/v1/admin/sources/thanhtri/crawl", "/api/v1/admin/articles/" + c.seedID + "/reprocess"} {
			for _, tok := range []string{"", adminToken} {
				req, _ := http.NewRequest(http.MethodPost, srv.URL+p, nil)
				if tok != "" {
					req.Header.Set("Authorization", "Bearer "+tok)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s with %q: %d, want 403", p, tok, resp.StatusCode)
				}
			}
		}
		if len(cl.list()) != 0 {
			t.Errorf("admin actions ran: %v", cl.list())
		}
	})
	t.Run("token", func(t *testing.T) {
		srv, _, cl := newApp(t, nil)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/admin/sources/sontay/crawl?full=true", nil)
		req.Header.Set("Authorization", "Bearer "+adminToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted || len(cl.list()) != 1 || cl.list()[0] != "crawl sontay" {
			t.Errorf("crawl: %d, calls %v", resp.StatusCode, cl.list())
		}
		// GET on an admin path is not an admin action.
		if code, _ := get(t, srv.URL+"/api/v1/admin/sources/sontay/crawl"); code != http.StatusMethodNotAllowed && code != http.StatusNotFound {
			t.Errorf("GET admin: %d", code)
		}
	})
}

func TestRateLimit(t *testing.T) {
	srv, _, _ := newApp(t, func(x *web.Extras) { x.RatePerSecond, x.Burst = 0.001, 3 })
	codes := []int{}
	for range 5 {
		resp, err := http.Get(srv.URL + "/api/v1/metrics")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	if codes[2] != 200 || codes[3] != http.StatusTooManyRequests || codes[4] != http.StatusTooManyRequests {
		t.Errorf("codes %v, want three 200 then 429", codes)
	}
	// The UI is not rate-limited.
	if resp, err := http.Get(srv.URL + "/"); err != nil || resp.StatusCode != 200 {
		t.Errorf("UI: %v %v", resp, err)
	}
}

func TestExports(t *testing.T) {
	srv, c, _ := newApp(t, nil)
	resp, err := http.Get(srv.URL + "/api/v1/export/trends?key=party.new_members&by=district")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("headers %v", resp.Header)
	}
	districts := map[string]bool{}
	for _, r := range rows[1:] {
		districts[r[1]] = true
	}
	if len(rows) < 1+3*5 || len(districts) != 3 {
		t.Errorf("%d rows over %d districts: %v", len(rows), len(districts), rows[:min(3, len(rows))])
	}
	resp, err = http.Get(srv.URL + "/api/v1/export/search?format=json&q=nang+luc+lanh+dao")
	if err != nil {
		t.Fatal(err)
	}
	var ex web.SearchExport
	if err := json.NewDecoder(resp.Body).Decode(&ex); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ex.Exported == 0 || ex.Hits[0].ID != c.seedID {
		t.Errorf("search export: %d hits, first %v", ex.Exported, ex.Hits)
	}
}
