package portalsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func newArchive(t *testing.T, seed int64) *WebArchive {
	t.Helper()
	p, err := New(Config{Seed: 7, District: "thanhtri", Articles: 40})
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewWebArchive(p, WebArchiveConfig{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func cdxRows(t *testing.T, h http.Handler, query string) [][]string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/cdx/search/cdx?"+query, nil))
	if rec.Code != 200 {
		t.Fatalf("cdx %s: %d %s", query, rec.Code, rec.Body)
	}
	var rows [][]string
	if err := json.Unmarshal(rec.Body.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestWebArchiveCaptures(t *testing.T) {
	a := newArchive(t, 1)
	if b := newArchive(t, 1); !reflect.DeepEqual(a.Captures(), b.Captures()) {
		t.Error("same seed, different captures")
	}
	var changed, dup, redirects, errs int
	seen := map[string]string{}
	for _, c := range a.Captures() {
		switch {
		case c.Status >= 300 && c.Status < 400:
			redirects++
		case c.Status >= 400:
			errs++
		}
		if c.Changed {
			changed++
		}
		if c.Article && seen[c.URLKey] == c.Digest {
			dup++
		}
		if c.Article {
			seen[c.URLKey] = c.Digest
		}
	}
	if changed == 0 || dup == 0 || redirects == 0 || errs == 0 || len(a.Gaps()) == 0 {
		t.Errorf("changed %d, duplicates %d, redirects %d, errors %d, gaps %d: want all > 0", changed, dup, redirects, errs, len(a.Gaps()))
	}
	h := a.Handler()
	q := "url=" + a.Origin() + "/&matchType=prefix&output=json"
	all := cdxRows(t, h, q)
	if len(all)-1 != len(a.Captures()) || all[0][0] != "urlkey" {
		t.Fatalf("%d rows, want header + %d", len(all), len(a.Captures()))
	}
	collapsed := cdxRows(t, h, q+"&collapse=digest")
	if len(collapsed) >= len(all) {
		t.Errorf("collapse=digest kept %d of %d rows", len(collapsed), len(all))
	}
	// Paging with resume keys gives the same rows.
	var paged [][]string
	resume := ""
	for range 100 {
		rows := cdxRows(t, h, q+"&collapse=digest&limit=7&showResumeKey=true&resumeKey="+url.QueryEscape(resume))
		resume = ""
		if n := len(rows); n >= 2 && len(rows[n-2]) == 0 {
			resume = rows[n-1][0]
			rows = rows[:n-2]
		}
		paged = append(paged, rows[1:]...)
		if resume == "" {
			break
		}
	}
	if !reflect.DeepEqual(paged, collapsed[1:]) {
		t.Errorf("paged %d rows, want %d", len(paged), len(collapsed)-1)
	}
	ok := cdxRows(t, h, q+"&filter=statuscode:200&from=2000&to=2999")
	for _, r := range ok[1:] {
		if r[4] != "200" {
			t.Errorf("filter kept %v", r)
		}
	}
	// Replay: exact bytes; an inexact timestamp redirects.
	c := a.Captures()[len(a.Captures())/2]
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/web/"+c.Timestamp+"id_/"+c.Original, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	if rec.Code != c.Status || string(body) != string(a.Body(c)) {
		t.Errorf("replay %s: %d, %d bytes", c.Original, rec.Code, len(body))
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/web/"+c.Timestamp[:8]+"id_/"+c.Original, nil))
	if rec.Code != http.StatusFound || !strings.Contains(rec.Header().Get("Location"), "id_/") {
		t.Errorf("inexact replay: %d %s", rec.Code, rec.Header().Get("Location"))
	}
}
