package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
)

// TestDemoTrendsMatchSeries runs the demo's pipeline (its three simulated
// portals, crawl, process, index into Bleve, API) and asks dra trends for
// every yearly figure of the four simulated series, as an analyst would:
// each bucket's value must equal portalsim.Series, the simulator's truth,
// although the portals publish year-end reports in December and January,
// estimates corrected later, half-year and term reports and repeats.
func TestDemoTrendsMatchSeries(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end demo run")
	}
	var srcs []crawler.Source
	var portals []*portalsim.Portal
	for _, d := range demoDistricts {
		p := startPortal(t, portalsim.Config{Seed: 1, District: d})
		portals = append(portals, p)
		src, err := demoSource(p) // the demo's own: Sơn Tây and Thường Tín without selectors
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	want := 0
	for _, p := range portals {
		want += len(p.Articles())
	}
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: t.TempDir(), httpAddr: "127.0.0.1:0", replicas: 1}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true,
			sources: srcs, onListen: func(a string) { addr <- a }})
	}()
	api := "http://" + <-addr
	waitTotal(t, api, want, 4*time.Minute)

	trends := func(args ...string) search.TrendResult {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := Execute(append([]string{"trends", "--api-url", api, "--format", "json"}, args...), &out, &errOut); code != 0 {
			t.Fatalf("dra trends %v: exit %d: %s", args, code, errOut.String())
		}
		var res search.TrendResult
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	right, total := 0, 0
	for _, key := range portalsim.MetricKeys() {
		res := trends(key, "--by", "district", "--interval", "year")
		got := map[string]*float64{}
		for _, s := range res.Series {
			for _, b := range s.Buckets {
				got[s.Group+"/"+b.Label] = b.Value
			}
		}
		for _, p := range portals {
			name := p.District().Name
			for y := portalsim.FirstYear; y <= portalsim.LastYear; y++ {
				total++
				w, _ := portalsim.Series(name, key, y)
				v := got[name+"/"+strconv.Itoa(y)]
				if v != nil && math.Abs(*v-w) <= 1e-6*math.Max(1, w) {
					right++
					continue
				}
				t.Errorf("%s %s %d: value %v, want %g", key, name, y, deref(v), w)
			}
		}
	}
	t.Logf("%d of %d yearly values equal portalsim.Series", right, total)
	if total != 132 {
		t.Errorf("%d yearly values checked, want 132", total)
	}

	// The seed's 1.599 new members is the 2015-2020 term's total: it is in
	// the term series of Thanh Trì, and in no year.
	seedIn := func(res search.TrendResult) []string {
		var labels []string
		for _, s := range res.Series {
			for _, b := range s.Buckets {
				for _, o := range b.Observations {
					for _, src := range o.Sources {
						if src.Value == 1599 && src.Title == "Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì" {
							labels = append(labels, b.Label)
						}
					}
				}
			}
		}
		return labels
	}
	if l := seedIn(trends(portalsim.KeyPartyNewMembers, "--district", "Thanh Trì", "--interval", "term")); len(l) != 1 || l[0] != "2015-2020" {
		t.Errorf("the seed's term total is in term buckets %v, want [2015-2020]", l)
	}
	if l := seedIn(trends(portalsim.KeyPartyNewMembers, "--district", "Thanh Trì", "--interval", "year")); len(l) != 0 {
		t.Errorf("the seed's term total is in year buckets %v", l)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
