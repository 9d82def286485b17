package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/vietnamese"
	"github.com/dra-archive/dra/web"
)

func getBody(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestFigureSpans: on the article page each figure the portal wrote is
// marked by itself (its number and unit), not the clause around it. The
// truth is the simulated portal's record of the figures it wrote.
func TestFigureSpans(t *testing.T) {
	srv, c, _ := newApp(t, nil)
	checked := 0
	for _, p := range c.portals {
		for _, a := range p.Articles() {
			id, ok := c.ids[a.URL]
			if !ok || len(a.Metrics) == 0 {
				continue
			}
			_, b := getBody(t, srv.URL+"/api/v1/articles/"+id)
			var v web.ArticleView
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			body := []rune(v.Body)
			for _, want := range a.Metrics {
				found := false
				for _, m := range v.Metrics {
					if m.Key != want.Key || m.Value != want.Value || m.FigureEnd <= m.FigureStart {
						continue
					}
					fig := string(body[m.FigureStart:m.FigureEnd])
					// The number as written ("1.133,4"; "342" of "342/280"),
					// then the unit the portal wrote ("hộ" of "hộ nghèo",
					// "tỉ đồng" for "tỷ đồng", "%").
					end := strings.IndexFunc(fig, func(r rune) bool { return r == '/' || r == ' ' || r == '%' })
					if end < 0 {
						end = len(fig)
					}
					n, ok := facts.ParseNumber(fig[:end])
					rest := strings.TrimLeft(fig[end:], "/0123456789.,")
					fold := func(s string) string {
						return strings.ReplaceAll(vietnamese.Fold(strings.TrimSpace(s)), "ti ", "ty ") + " "
					}
					unitFirst, _, _ := strings.Cut(want.Unit, " ")
					if !ok || n != want.Value || !strings.HasPrefix(fold(rest), fold(unitFirst)) || m.FigureStart < m.Start || m.FigureEnd > m.End ||
						utf8.RuneCountInString(fig) >= m.End-m.Start {
						t.Errorf("%s %s: figure %q (clause %q), want %v %s inside the clause", id, want.Key, fig, m.Text, want.Value, want.Unit)
					}
					if m.Name == nil || !m.Name.Known || m.Name.VI == "" || m.Name.EN == "" {
						t.Errorf("%s %s: name %+v", id, want.Key, m.Name)
					}
					found = true
					break
				}
				if found {
					checked++
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("checked %d figures, want the portals' figures (at least 20)", checked)
	}
}

// TestCatalogueNamesEveryKey: every key of the catalogue has a Vietnamese
// and an English name and a unit label; a rate's unit is %.
func TestCatalogueNamesEveryKey(t *testing.T) {
	srv, _, _ := newApp(t, nil)
	_, b := getBody(t, srv.URL+"/api/v1/metrics")
	var cat struct {
		Metrics []web.CatalogItem `json:"metrics"`
	}
	if err := json.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	if len(cat.Metrics) < 4 {
		t.Fatalf("catalogue has %d keys", len(cat.Metrics))
	}
	for _, e := range cat.Metrics {
		n := e.Name
		if !n.Known || n.VI == "" || n.EN == "" || n.UnitVI == "" || n.UnitEN == "" || n.VI == e.Key {
			t.Errorf("%s: name %+v", e.Key, n)
		}
		if e.Measure == "rate" && n.UnitVI != "%" {
			t.Errorf("%s is a rate shown in %q", e.Key, n.UnitVI)
		}
	}
}

// TestCSVByteOrderMark: every CSV export starts with the UTF-8 byte-order
// mark, and the figures behind a trend come one row per observation with
// the source article and its URL, the articles the corpus holds.
func TestCSVByteOrderMark(t *testing.T) {
	srv, c, _ := newApp(t, nil)
	known := map[string]string{} // article ID -> URL
	for u, id := range c.ids {
		known[id] = u
	}
	for _, path := range []string{
		"/api/v1/export/search?q=nang+luc+lanh+dao",
		"/api/v1/export/trends?key=party.new_members&by=district",
		"/api/v1/export/trends?key=party.new_members&by=district&figures=true",
	} {
		resp, b := getBody(t, srv.URL+path)
		if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s: %d, starts %q, want the UTF-8 byte-order mark", path, resp.StatusCode, b[:min(8, len(b))])
			continue
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v, %d rows", path, err, len(rows))
		}
		if !strings.Contains(path, "figures=true") {
			continue
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, r := range rows[1:] {
			id, u := r[col["article_id"]], r[col["url"]]
			if known[id] == "" || u != known[id] {
				t.Errorf("figure row %v: article %s with URL %s, the corpus has %q", r, id, u, known[id])
			}
		}
	}
	// The portals wrote each party.new_members figure of a report once.
	_, b := getBody(t, srv.URL+"/api/v1/export/trends?key=party.new_members&by=district&figures=true")
	rows, _ := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	written := 0
	for _, p := range c.portals {
		for _, a := range p.Articles() {
			for _, m := range a.Metrics {
				if m.Key == "party.new_members" && c.ids[a.URL] != "" && m.PeriodKind == "year" {
					written++
				}
			}
		}
	}
	if len(rows)-1 < written/2 || written == 0 {
		t.Errorf("%d figure rows, the portals wrote %d yearly party.new_members figures", len(rows)-1, written)
	}
}

// TestCaptures: the seed was archived twice; the captures list both, oldest
// first, the later one current, and each opens its own archived original.
func TestCaptures(t *testing.T) {
	srv, c, _ := newApp(t, nil)
	resp, b := getBody(t, srv.URL+"/api/v1/articles/"+c.seedID+"/captures")
	if resp.StatusCode != 200 {
		t.Fatalf("captures: %d %s", resp.StatusCode, b)
	}
	var got struct {
		URL      string            `json:"url"`
		Captures []web.CaptureView `json:"captures"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Captures) != 2 || !got.Captures[0].At.Before(got.Captures[1].At) || got.Captures[0].Current || !got.Captures[1].Current {
		t.Fatalf("captures %+v, want two, oldest first, the later current", got.Captures)
	}
	for _, cp := range got.Captures {
		if cp.Status != 200 || cp.URL == "" || cp.RecordID == "" {
			t.Errorf("capture %+v", cp)
		}
		resp, body := getBody(t, srv.URL+cp.ArchiveURL)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "năng lực lãnh đạo") || resp.Header.Get("X-Dra-Warc-Record") != cp.RecordID {
			t.Errorf("%s: %d, record %q", cp.ArchiveURL, resp.StatusCode, resp.Header.Get("X-Dra-Warc-Record"))
		}
		if xfo := resp.Header.Get("X-Frame-Options"); xfo != "SAMEORIGIN" {
			t.Errorf("archive X-Frame-Options %q: the banner page cannot frame it", xfo)
		}
	}
	if resp, _ := getBody(t, srv.URL+"/api/v1/articles/"+c.seedID+"/archive?record=urn:uuid:nope"); resp.StatusCode != 404 {
		t.Errorf("unknown record: %d", resp.StatusCode)
	}
}

// TestMethodNotAllowedIsJSON: a known path asked with another method
// answers 405 with the JSON error body and the Allow header.
func TestMethodNotAllowedIsJSON(t *testing.T) {
	srv, _, _ := newApp(t, nil)
	for _, path := range []string{"/api/v1/search", "/api/v1/metrics", "/api/v1/trends", "/api/v1/articles/abc/captures"} {
		resp, err := http.Post(srv.URL+path, "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Error string `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != 405 || err != nil || !strings.Contains(e.Error, "POST") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
			!strings.Contains(resp.Header.Get("Allow"), "GET") {
			t.Errorf("POST %s: %d %q %q (%v), Allow %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), e.Error, err, resp.Header.Get("Allow"))
		}
	}
}

// TestSizeZero: size=0 answers the total and facets without hits.
func TestSizeZero(t *testing.T) {
	srv, _, _ := newApp(t, nil)
	var all, none struct {
		Total  int               `json:"total"`
		Hits   []json.RawMessage `json:"hits"`
		Facets map[string]any    `json:"facets"`
	}
	_, b := getBody(t, srv.URL+"/api/v1/search?q=dang+vien&facets=district")
	_ = json.Unmarshal(b, &all)
	_, b = getBody(t, srv.URL+"/api/v1/search?q=dang+vien&facets=district&size=0")
	if err := json.Unmarshal(b, &none); err != nil {
		t.Fatal(err)
	}
	if all.Total == 0 || len(all.Hits) == 0 || none.Total != all.Total || none.Hits == nil || len(none.Hits) != 0 || len(none.Facets) == 0 {
		t.Errorf("size=0: total %d (want %d), %d hits, facets %v", none.Total, all.Total, len(none.Hits), none.Facets)
	}
}

// TestNoArchive: a server without an archive answers 404 saying so for an
// article's archived original and its captures, before it looks at the
// article ID.
func TestNoArchive(t *testing.T) {
	srv, c, _ := newApp(t, func(x *web.Extras) { x.Archive = nil })
	for _, id := range []string{c.seedID, "not-an-id!"} {
		for _, part := range []string{"archive", "captures"} {
			resp, b := getBody(t, srv.URL+"/api/v1/articles/"+id+"/"+part)
			if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "no archive configured") {
				t.Errorf("%s of %s: %d %s, want 404 saying the server has no archive", part, id, resp.StatusCode, b)
			}
		}
	}
}
