package processor

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/vietnamese"
)

// TestPortalTruth extracts every report article of several simulated
// portals and checks that each figure the portal wrote (its key, value,
// target and plan percentage) is among the extracted metrics: the
// taxonomy's keys work end to end on HTML as the portals serve it.
func TestPortalTruth(t *testing.T) {
	districts := []string{"thanhtri", "sontay", "thuongtin", "phuxuyen", "haibatrung"}
	for _, d := range districts {
		t.Run(d, func(t *testing.T) {
			p, err := portalsim.New(portalsim.Config{Seed: 7, District: d})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(p.Handler())
			defer srv.Close()
			checked := 0
			for _, a := range p.Articles() {
				if len(a.Metrics) == 0 {
					continue
				}
				page := get(t, srv.URL+a.Path)
				info := p.District()
				r, err := ExtractRecord(page, Options{URL: srv.URL + a.Path, District: info.Name, Province: info.Province})
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range a.Metrics {
					checked++
					if !hasTruth(r.Metrics, want) {
						t.Errorf("%s %q: no metric %s = %v (target %s, plan %s) from %q; got %s",
							a.Path, a.Title, want.Key, want.Value, ptr(want.Target), ptr(want.PlanPercent), want.Text, keyed(r.Metrics))
					}
				}
				if len(r.Authors) == 0 || r.Authors[0].Name != a.Author {
					t.Errorf("%s: authors %+v, want %q (byline %q)", a.Path, r.Authors, a.Author, a.Byline)
				}
			}
			if checked < 30 {
				t.Errorf("only %d truth metrics checked", checked)
			}
		})
	}
}

// get returns the body of a GET of u.
func get(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func hasTruth(ms []event.Metric, want portalsim.Metric) bool {
	for _, m := range ms {
		if m.Key == want.Key && near(m.Value, want.Value) && samePtr(m.Target, want.Target) && samePtr(m.PlanPercent, want.PlanPercent) {
			return true
		}
	}
	return false
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func samePtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return near(*a, *b)
}

func ptr(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func keyed(ms []event.Metric) string {
	s := ""
	for _, m := range ms {
		if m.Key != "" {
			s += fmt.Sprintf("[%s %v t=%s p=%s] ", m.Key, m.Value, ptr(m.Target), ptr(m.PlanPercent))
		}
	}
	return s
}

// TestPortalSpam extracts every article of a portal that carries injected
// gambling spam (portalsim Faults.Spam) and of the same portal without it:
// the spam's words, links and figures never reach the record, which is the
// same as the clean page's.
func TestPortalSpam(t *testing.T) {
	extract := func(spam bool) (map[string]Record, []string) {
		p, err := portalsim.New(portalsim.Config{Seed: 7, District: "thanhtri", Faults: portalsim.Faults{Spam: spam}})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(p.Handler())
		defer srv.Close()
		out := map[string]Record{}
		var pages []string
		for _, a := range p.Articles() {
			page := get(t, srv.URL+a.Path)
			r, err := ExtractRecord(page, Options{URL: "https://thanhtri.hanoi.gov.vn" + a.Path, District: p.District().Name, Province: p.District().Province})
			if err != nil {
				t.Fatal(err)
			}
			out[a.Path] = r
			pages = append(pages, string(page))
		}
		return out, pages
	}
	clean, _ := extract(false)
	spammed, pages := extract(true)
	if !strings.Contains(pages[0], "nhà cái") {
		t.Fatal("the spam fault put no spam in the page")
	}
	for path, want := range clean {
		got := spammed[path]
		for _, w := range []string{"nha cai", "ca cuoc", "casino", "tai xiu", "no hu", "khuyen mai"} {
			if strings.Contains(vietnamese.Folded(got.Body), w) {
				t.Errorf("%s: spam %q in the body", path, w)
			}
		}
		for _, m := range got.Metrics {
			if strings.Contains(vietnamese.Folded(m.Text), "nha cai") || strings.Contains(vietnamese.Folded(m.Text), "khuyen mai") {
				t.Errorf("%s: a metric from the spam: %+v", path, m)
			}
		}
		if got.Body != want.Body || len(got.Metrics) != len(want.Metrics) || !reflect.DeepEqual(got.Authors, want.Authors) {
			t.Errorf("%s: record with spam differs from the clean one:\nbody %q\nwant %q\nmetrics %d, want %d; authors %+v, want %+v",
				path, got.Body, want.Body, len(got.Metrics), len(want.Metrics), got.Authors, want.Authors)
		}
	}
	if len(clean) < 60 {
		t.Errorf("only %d articles compared", len(clean))
	}
}
