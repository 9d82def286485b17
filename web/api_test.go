package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
	"github.com/dra-archive/dra/web"
)

func newAPI(t *testing.T, ready map[string]web.ReadyFunc) *httptest.Server {
	t.Helper()
	store, err := bleve.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if _, err := store.Upsert(context.Background(), append(searchtest.Fixtures(), searchtest.PortalArticles()...)); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "dra_test_total", Help: "x"}))
	srv := httptest.NewServer(web.Handler(web.Config{Store: store, Ready: ready, Gatherer: reg}))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, u string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, body
}

func TestSearchEndpoint(t *testing.T) {
	srv := newAPI(t, nil)
	tests := []struct {
		name     string
		params   url.Values
		wantCode int
		check    func(t *testing.T, body map[string]any)
	}{
		{"seed without diacritics", url.Values{"q": {"nang luc lanh dao"}}, 200, func(t *testing.T, b map[string]any) {
			hits := b["hits"].([]any)
			if len(hits) == 0 || hits[0].(map[string]any)["id"] != searchtest.SeedID {
				t.Errorf("first hit is not the seed: %v", hits)
			}
			if hl := hits[0].(map[string]any)["highlights"].([]any); len(hl) == 0 || !strings.Contains(hl[0].(string), "<mark>") {
				t.Errorf("no highlights: %v", hl)
			}
		}},
		{"district filter and date range", url.Values{"district": {"Thanh Trì"}, "from": {"2020-03-18"}, "to": {"2020-03-18"}}, 200, func(t *testing.T, b map[string]any) {
			for _, h := range b["hits"].([]any) {
				if h.(map[string]any)["district"] != "Thanh Trì" {
					t.Errorf("hit outside the district: %v", h)
				}
			}
			if b["total"].(float64) < 1 {
				t.Error("the seed (18/03/2020, Thanh Trì) is not found")
			}
		}},
		{"empty result is an empty list", url.Values{"q": {"zzzkhongcotu"}}, 200, func(t *testing.T, b map[string]any) {
			if hits, ok := b["hits"].([]any); !ok || len(hits) != 0 || b["total"].(float64) != 0 {
				t.Errorf("got %v", b)
			}
		}},
		{"unbalanced quote", url.Values{"q": {`"dân vận`}}, 400, nil},
		{"bad size", url.Values{"size": {"-1"}}, 400, nil},
		{"size too big", url.Values{"size": {"100000"}}, 400, nil},
		{"bad date", url.Values{"from": {"18/03/2020"}}, 400, nil},
		{"bad sort", url.Values{"sort": {"random"}}, 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, srv.URL+"/api/v1/search?"+tt.params.Encode())
			if code != tt.wantCode {
				t.Fatalf("status %d, want %d (%v)", code, tt.wantCode, body)
			}
			if code != 200 {
				if msg, _ := body["error"].(string); msg == "" {
					t.Errorf("error response without a message: %v", body)
				}
				return
			}
			tt.check(t, body)
		})
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	failing := map[string]web.ReadyFunc{
		"store": func(context.Context) error { return nil },
		"nats":  func(context.Context) error { return errors.New("nats not connected") },
	}
	srv := newAPI(t, failing)
	if code, _ := get(t, srv.URL+"/healthz"); code != 200 {
		t.Errorf("healthz %d", code)
	}
	code, body := get(t, srv.URL+"/readyz")
	if code != 503 || body["nats"] != "nats not connected" || body["store"] != "ok" {
		t.Errorf("readyz %d %v", code, body)
	}
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 4096)
	n, _ := resp.Body.Read(buf)
	sb.Write(buf[:n])
	if resp.StatusCode != 200 || !strings.Contains(sb.String(), "dra_test_total") {
		t.Errorf("metrics %d %q", resp.StatusCode, sb.String())
	}
	if code, _ := get(t, srv.URL+"/api/v1/search?q="+strings.Repeat("a", 5000)); code != http.StatusRequestURITooLong {
		t.Errorf("overlong query: %d", code)
	}
}

func TestSearchFacetsAndCursor(t *testing.T) {
	srv := newAPI(t, nil)
	code, body := get(t, srv.URL+"/api/v1/search?"+url.Values{"district": {"Sơn Tây"}, "size": {"5"}, "sort": {"date"},
		"facets": {"district,year,category,author"}}.Encode())
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	facets, _ := body["facets"].(map[string]any)
	if d, _ := facets["district"].([]any); len(d) != 1 || d[0].(map[string]any)["value"] != "Sơn Tây" {
		t.Errorf("district facet = %v", facets["district"])
	}
	total := int(body["total"].(float64))
	seen := map[string]bool{}
	for page := 0; ; page++ {
		for _, h := range body["hits"].([]any) {
			id := h.(map[string]any)["id"].(string)
			if seen[id] {
				t.Fatalf("%s twice", id)
			}
			seen[id] = true
		}
		next, _ := body["next"].(string)
		if next == "" {
			break
		}
		code, body = get(t, srv.URL+"/api/v1/search?"+url.Values{"district": {"Sơn Tây"}, "size": {"5"}, "sort": {"date"}, "after": {next}}.Encode())
		if code != 200 {
			t.Fatalf("page %d: status %d: %v", page, code, body)
		}
	}
	if len(seen) != total {
		t.Errorf("cursor pages hold %d articles, total %d", len(seen), total)
	}
	for _, params := range []url.Values{
		{"facets": {"colour"}},
		{"after": {"garbage"}},
		{"after": {"garbage"}, "offset": {"5"}},
	} {
		if code, body := get(t, srv.URL+"/api/v1/search?"+params.Encode()); code != 400 || body["error"] == "" {
			t.Errorf("%v: status %d %v, want 400 with a message", params, code, body)
		}
	}
}

func TestMetricsTrendsEndpoints(t *testing.T) {
	srv := newAPI(t, nil)
	code, body := get(t, srv.URL+"/api/v1/metrics")
	if code != 200 {
		t.Fatalf("catalog: %d %v", code, body)
	}
	keys := map[string]float64{}
	for _, e := range body["metrics"].([]any) {
		m := e.(map[string]any)
		keys[m["key"].(string)] = m["count"].(float64)
	}
	want := map[string]float64{"party.new_members": 1} // the seed's
	for _, a := range searchtest.PortalArticles() {
		for _, m := range a.Metrics {
			want[m.Key]++
		}
	}
	if !maps.Equal(keys, want) {
		t.Errorf("catalog counts = %v, want the figures the portals wrote %v", keys, want)
	}

	code, body = get(t, srv.URL+"/api/v1/trends?"+url.Values{"key": {"party.new_members"}, "by": {"district"},
		"interval": {"year"}, "from": {"2016-01-01"}, "to": {"2020-12-31"}}.Encode())
	if code != 200 {
		t.Fatalf("trends: %d %v", code, body)
	}
	series := body["series"].([]any)
	if len(series) != 5 {
		t.Fatalf("%d series, want one per district: %v", len(series), body)
	}
	first := series[0].(map[string]any)
	bucket := first["buckets"].([]any)[0].(map[string]any)
	if bucket["label"] == "" || bucket["count"].(float64) < 1 {
		t.Errorf("bucket %v", bucket)
	}

	// Drill down from the bucket to the figures behind it.
	obs := bucket["observations"].([]any)
	if len(obs) != 1 {
		t.Fatalf("bucket %v: %d observations, want the district's one", bucket["label"], len(obs))
	}
	for _, src := range obs[0].(map[string]any)["sources"].([]any) {
		src := src.(map[string]any)
		code, body = get(t, srv.URL+"/api/v1/metrics/party.new_members?"+url.Values{"article": {src["article_id"].(string)}}.Encode())
		if code != 200 {
			t.Fatalf("drill-down: %d %v", code, body)
		}
		found := false
		for _, m := range body["metrics"].([]any) {
			m := m.(map[string]any)
			found = found || m["id"] == src["metric_id"] && m["value"] == src["value"]
		}
		if !found {
			t.Errorf("source %v is not a figure of its article: %v", src, body)
		}
	}

	// Across the reform: the Hà Nội districts' figures under the new
	// province, and under Huyện Thanh Trì's new communes (partial: the
	// district was split among them).
	code, body = get(t, srv.URL+"/api/v1/trends?"+url.Values{"key": {"budget.revenue"}, "by": {"new_province"}}.Encode())
	if code != 200 {
		t.Fatalf("trends by new_province: %d %v", code, body)
	}
	series = body["series"].([]any)
	if s := series[0].(map[string]any); len(series) != 1 || s["group"] != "new:province:01" || s["name"] != "Hà Nội (new)" || s["partial"] == true {
		t.Errorf("by new_province: %v", series)
	}
	code, body = get(t, srv.URL+"/api/v1/trends?"+url.Values{"key": {"budget.revenue"}, "by": {"new_commune"},
		"unit": {"old:district:020"}}.Encode())
	if code != 200 {
		t.Fatalf("trends by new_commune: %d %v", code, body)
	}
	series = body["series"].([]any)
	if len(series) < 2 {
		t.Errorf("by new_commune of Thanh Trì: %v", series)
	}
	for _, s := range series {
		if s := s.(map[string]any); s["partial"] != true || s["partial_reason"] == "" || !strings.HasSuffix(s["name"].(string), "(new)") {
			t.Errorf("new commune series %v %v: want partial with a reason", s["group"], s["name"])
		}
	}

	for _, params := range []string{
		"", "key=", "key=x&interval=week", "key=x&by=commune", "key=x&from=2020-13-01", "key=x&to=yesterday",
		"key=x&by=new_district", "key=x&unit=old:district:999", "key=x&unit=Thanh+Tr%C3%AC",
	} {
		if code, body := get(t, srv.URL+"/api/v1/trends?"+params); code != 400 || body["error"] == "" {
			t.Errorf("trends?%s: status %d %v, want 400 with a message", params, code, body)
		}
	}
	for _, params := range []string{"size=-1", "size=1000", "after=zzz", "from=2020"} {
		if code, body := get(t, srv.URL+"/api/v1/metrics/party.new_members?"+params); code != 400 || body["error"] == "" {
			t.Errorf("metrics?%s: status %d %v, want 400 with a message", params, code, body)
		}
	}
}
