package elastic

import (
	"encoding/json"
	"net"
	"net/http"
	"testing"

	"github.com/dra-archive/dra/search"
)

func TestNodeURLs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		wantErr  bool
	}{
		{"one", "http://127.0.0.1:9200", []string{"http://127.0.0.1:9200"}, false},
		{"several, spaces and slashes", " http://es1:9200/, https://es2:9200 ,http://es3:9200", []string{"http://es1:9200", "https://es2:9200", "http://es3:9200"}, false},
		{"empty", "", nil, true},
		{"only commas", ", ,", nil, true},
		{"no scheme", "es1:9200", nil, true},
		{"one bad among good", "http://es1:9200,ftp://es2", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := nodeURLs(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("nodeURLs(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("nodeURLs(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("nodeURLs(%q)[%d] = %q, want %q", tt.in, i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestValidInterval(t *testing.T) {
	for _, ok := range []string{"", "-1", "1s", "500ms", "30s", "2m"} {
		if err := validInterval(ok); err != nil {
			t.Errorf("validInterval(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"s", "1", "1 s", "fast", "-2s"} {
		if err := validInterval(bad); err == nil {
			t.Errorf("validInterval(%q) = nil, want an error", bad)
		}
	}
}

// TestAnotherNodeAnswers opens the store with a first node where nothing
// listens: every request, writes included, must reach the node that does.
func TestAnotherNodeAnswers(t *testing.T) {
	u := esURL(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	s := openStore(t, Config{URL: dead + "," + u, Index: uniqueIndex(t, u), Refresh: "true"})
	var docs []search.Article
	for i := range 5 {
		docs = append(docs, search.Article{ID: "failover-" + string(rune('a'+i)), Version: 1, Title: "Hội nghị", Body: "Nội dung"})
	}
	for range 3 { // the client takes the nodes in turn
		errs, err := s.Upsert(t.Context(), docs)
		if err != nil {
			t.Fatalf("Upsert with a dead first node: %v", err)
		}
		for _, e := range errs {
			if e != nil {
				t.Fatal(e)
			}
		}
		if n, err := s.Count(t.Context()); err != nil || n != len(docs) {
			t.Errorf("Count = %d, %v; want %d", n, err, len(docs))
		}
	}
}

// TestSettingsFromConfig checks that the template gives new indices the
// configured replicas and refresh interval, and that UpdateSettings applies
// them to an existing index.
func TestSettingsFromConfig(t *testing.T) {
	u := esURL(t)
	base := uniqueIndex(t, u)
	s := openStore(t, Config{URL: u, Index: base, Replicas: 0, RefreshInterval: "2s"})
	settings := func() (replicas, interval string) {
		var res map[string]struct {
			Settings struct {
				Index struct {
					Replicas string `json:"number_of_replicas"`
					Refresh  string `json:"refresh_interval"`
				} `json:"index"`
			} `json:"settings"`
		}
		status, body := rawRequest(t, u, http.MethodGet, "/"+s.Index()+"/_settings", nil)
		if status != http.StatusOK {
			t.Fatalf("settings: %d %s", status, body)
		}
		if err := jsonUnmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		ix := res[s.Index()].Settings.Index
		return ix.Replicas, ix.Refresh
	}
	if r, i := settings(); r != "0" || i != "2s" {
		t.Errorf("new index: replicas %q, refresh_interval %q; want 0, 2s", r, i)
	}
	// Reopened without UpdateSettings: nothing changes.
	openStore(t, Config{URL: u, Index: base, RefreshInterval: "5s"})
	if _, i := settings(); i != "2s" {
		t.Errorf("reopened without UpdateSettings: refresh_interval %q, want 2s kept", i)
	}
	openStore(t, Config{URL: u, Index: base, RefreshInterval: "5s", UpdateSettings: true})
	if _, i := settings(); i != "5s" {
		t.Errorf("reopened with UpdateSettings: refresh_interval %q, want 5s", i)
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
