package searchtest

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/place"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
)

// tagUnits tags an article with its unit codes as the processor does
// (processor.TagUnits: a district portal reports on the district's era).
func tagUnits(a search.Article, sourceCodes []string) []string {
	r := processor.Record{Title: a.Title, Body: a.Body, District: a.District, Province: a.Province, PublishedAt: a.PublishedAt}
	return processor.UnitCodes(processor.TagUnits(&r, sourceCodes, place.Old))
}

// PortalArticles returns the report articles of every simulated district
// (portalsim, seed 1), as the store keeps them, with their metrics as the
// portal wrote them. The real seed article, which the Thanh Trì portal also
// serves, is left out: Fixtures has it.
func PortalArticles() []search.Article {
	fetched := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	var out []search.Article
	for _, d := range portalsim.Districts() {
		p, err := portalsim.New(portalsim.Config{Seed: 1, District: d.Slug, Articles: 33})
		if err != nil {
			panic(fmt.Sprintf("searchtest: portal %s: %v", d.Slug, err))
		}
		for _, pa := range p.Articles() {
			if pa.Seed {
				continue // Fixtures has it
			}
			a := search.Article{
				ID: d.Slug + "-" + strings.TrimSuffix(pa.Path[strings.LastIndex(pa.Path, "/")+1:], ".html"), Version: fetched.UnixNano(),
				FetchedAt: fetched, URL: "https://" + d.Host + pa.Path, SourceID: d.Slug,
				District: d.Name, Province: d.Province, Category: pa.Category, Title: pa.Title,
				Body: strings.Join(pa.Paragraphs, "\n"), Byline: pa.Byline, Authors: pa.Authors,
			}
			if pa.HasDate {
				t := pa.PublishedAt
				a.PublishedAt = &t
			}
			for _, m := range pa.Metrics {
				a.Metrics = append(a.Metrics, search.Metric{Key: m.Key, Unit: m.Unit, Value: m.Value,
					Target: m.Target, PlanPercent: m.PlanPercent, Text: m.Text})
			}
			a.UnitCodes = tagUnits(a, nil)
			out = append(out, a)
		}
		_ = p.Close()
	}
	return out
}

// truth is one figure as the simulator's series says it is: the value and
// target come from portalsim.Series, not from the store or the article.
type truth struct {
	articleID, district string
	published           time.Time
	value               float64
	target, pct         *float64
}

// seriesTruth lists every figure of key in the portal articles, with its
// value from portalsim.Series.
func seriesTruth(t *testing.T, key string) []truth {
	t.Helper()
	var out []truth
	for _, d := range portalsim.Districts() {
		p, err := portalsim.New(portalsim.Config{Seed: 1, District: d.Slug, Articles: 33})
		if err != nil {
			t.Fatal(err)
		}
		for _, pa := range p.Articles() {
			for _, m := range pa.Metrics {
				if m.Key != key {
					continue
				}
				v, target := portalsim.Series(d.Name, key, m.Year)
				tr := truth{articleID: d.Slug + "-" + strings.TrimSuffix(pa.Path[strings.LastIndex(pa.Path, "/")+1:], ".html"),
					district: d.Name, published: pa.PublishedAt, value: v}
				if m.Target != nil {
					tr.target = fp(target)
				}
				if m.PlanPercent != nil {
					tr.pct = fp(math.Round(v/target*1000) / 10)
				}
				out = append(out, tr)
			}
		}
		_ = p.Close()
	}
	if len(out) == 0 {
		t.Fatalf("no figures of %s in the simulated portals", key)
	}
	return out
}

// wantTrend buckets truths by hand: calendar periods in Vietnam's zone.
func wantTrend(truths []truth, iv search.Interval, split bool) map[string]map[string]search.Bucket {
	out := map[string]map[string]search.Bucket{}
	for _, tr := range truths {
		local := tr.published.In(ict)
		var label string
		switch iv {
		case search.IntervalYear:
			label = fmt.Sprint(local.Year())
		case search.IntervalQuarter:
			label = fmt.Sprintf("%d-Q%d", local.Year(), (int(local.Month())+2)/3)
		case search.IntervalMonth:
			label = fmt.Sprintf("%d-%02d", local.Year(), int(local.Month()))
		}
		g := ""
		if split {
			g = tr.district
		}
		if out[g] == nil {
			out[g] = map[string]search.Bucket{}
		}
		b, ok := out[g][label]
		if !ok {
			b = search.Bucket{Label: label, Min: math.Inf(1), Max: math.Inf(-1)}
		}
		b.Count++
		b.Sum += tr.value
		b.Min, b.Max = math.Min(b.Min, tr.value), math.Max(b.Max, tr.value)
		if !tr.published.Before(b.LatestAt) {
			b.Latest, b.LatestAt, b.LatestArticle = tr.value, tr.published, tr.articleID
		}
		if tr.target != nil {
			b.TargetCount++
			b.TargetSum = fp(deref(b.TargetSum) + *tr.target)
		}
		if tr.pct != nil {
			// PlanPercent holds the running sum here; averaged below.
			b.PlanPercentCount++
			b.PlanPercent = fp(deref(b.PlanPercent) + *tr.pct)
		}
		b.Avg = b.Sum / float64(b.Count)
		out[g][label] = b
	}
	for _, bs := range out {
		for l, b := range bs {
			if b.PlanPercent != nil {
				b.PlanPercent = fp(*b.PlanPercent / float64(b.PlanPercentCount))
			}
			bs[l] = b
		}
	}
	return out
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func nearp(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || near(*a, *b)) }

// checkTrend compares a trend with the hand-made buckets.
func checkTrend(t *testing.T, got search.TrendResult, want map[string]map[string]search.Bucket) {
	t.Helper()
	if len(got.Series) != len(want) {
		t.Errorf("%d series, want %d", len(got.Series), len(want))
	}
	for i, s := range got.Series {
		if i > 0 && got.Series[i-1].Group >= s.Group {
			t.Errorf("series not in group order: %q after %q", s.Group, got.Series[i-1].Group)
		}
		wb, ok := want[s.Group]
		if !ok {
			t.Errorf("unexpected series %q", s.Group)
			continue
		}
		if len(s.Buckets) != len(wb) {
			t.Errorf("series %q: %d buckets, want %d", s.Group, len(s.Buckets), len(wb))
		}
		for j, b := range s.Buckets {
			if j > 0 && !s.Buckets[j-1].Start.Before(b.Start) {
				t.Errorf("series %q: buckets not in time order", s.Group)
			}
			w, ok := wb[b.Label]
			if !ok {
				t.Errorf("series %q: unexpected bucket %s", s.Group, b.Label)
				continue
			}
			if !b.End.After(b.Start) || search.BucketLabel(b.Start, got.Interval) != b.Label {
				t.Errorf("series %q bucket %s: start %v end %v", s.Group, b.Label, b.Start, b.End)
			}
			if b.Count != w.Count || !near(b.Sum, w.Sum) || !near(b.Min, w.Min) || !near(b.Max, w.Max) ||
				!near(b.Avg, w.Avg) || !near(b.Latest, w.Latest) || b.LatestArticle != w.LatestArticle ||
				!b.LatestAt.Equal(w.LatestAt) || b.TargetCount != w.TargetCount || !nearp(b.TargetSum, w.TargetSum) ||
				b.PlanPercentCount != w.PlanPercentCount || !nearp(b.PlanPercent, w.PlanPercent) {
				t.Errorf("series %q bucket %s:\n got %s\nwant %s", s.Group, b.Label, fmtBucket(b), fmtBucket(w))
			}
		}
	}
}

func fmtBucket(b search.Bucket) string {
	return fmt.Sprintf("count %d sum %g min %g max %g avg %g latest %g (%s, %v) target %v/%d plan%% %v/%d",
		b.Count, b.Sum, b.Min, b.Max, b.Avg, b.Latest, b.LatestArticle, b.LatestAt, ptr(b.TargetSum), b.TargetCount,
		ptr(b.PlanPercent), b.PlanPercentCount)
}

func ptr(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func (s suite) portalStore(t *testing.T) search.Store {
	t.Helper()
	st := s.newStore(t)
	upsertAll(t, st, PortalArticles()...)
	return st
}

func (s suite) testTrendsFromSeries(t *testing.T) {
	st := s.portalStore(t)
	ctx := t.Context()
	for _, key := range portalsim.MetricKeys() {
		truths := seriesTruth(t, key)
		for _, tt := range []struct {
			iv    search.Interval
			split bool
		}{
			{search.IntervalYear, false}, {search.IntervalYear, true},
			{search.IntervalQuarter, true}, {search.IntervalMonth, false},
		} {
			t.Run(fmt.Sprintf("%s/%s/split=%v", key, tt.iv, tt.split), func(t *testing.T) {
				q := search.TrendQuery{Key: key, Interval: tt.iv}
				if tt.split {
					q.SplitBy = search.SplitDistrict
				}
				got, err := st.Trend(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				checkTrend(t, got, wantTrend(truths, tt.iv, tt.split))
				if got.Key != key || got.Interval != tt.iv || got.Undated != 0 || len(got.Units) != 1 {
					t.Errorf("key %q interval %q undated %d units %v", got.Key, got.Interval, got.Undated, got.Units)
				}
			})
		}
	}
	t.Run("filtered by district and dates", func(t *testing.T) {
		from, to := time.Date(2018, 1, 1, 0, 0, 0, 0, ict), time.Date(2021, 12, 31, 23, 59, 59, 0, ict)
		var truths []truth
		for _, tr := range seriesTruth(t, portalsim.KeyPartyNewMembers) {
			if tr.district == "Sơn Tây" && !tr.published.Before(from) && !tr.published.After(to) {
				truths = append(truths, tr)
			}
		}
		got, err := st.Trend(ctx, search.TrendQuery{Key: portalsim.KeyPartyNewMembers, District: "Sơn Tây", From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		checkTrend(t, got, wantTrend(truths, search.IntervalYear, false))
	})
	t.Run("split by province", func(t *testing.T) {
		truths := seriesTruth(t, portalsim.KeyBudgetRevenue)
		got, err := st.Trend(ctx, search.TrendQuery{Key: portalsim.KeyBudgetRevenue, SplitBy: search.SplitProvince})
		if err != nil {
			t.Fatal(err)
		}
		want := wantTrend(truths, search.IntervalYear, false)
		want["Hà Nội"] = want[""]
		delete(want, "")
		checkTrend(t, got, want)
	})
	t.Run("unknown key", func(t *testing.T) {
		got, err := st.Trend(ctx, search.TrendQuery{Key: "no.such.key"})
		if err != nil || len(got.Series) != 0 {
			t.Errorf("Trend(unknown key) = %+v, %v; want no series", got, err)
		}
	})
}

// edgeArticle carries one figure of key "test.edge" published at p.
func edgeArticle(id string, p *time.Time, district, province string, value float64) search.Article {
	fetched := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return search.Article{ID: id, Version: fetched.UnixNano(), FetchedAt: fetched, URL: "https://example.gov.vn/" + id,
		SourceID: "edge", District: district, Province: province, Title: "Số liệu " + id, Body: "Số liệu kiểm tra.",
		PublishedAt: p, Metrics: []search.Metric{{Key: "test.edge", Unit: "hộ", Value: value}}}
}

func (s suite) testTrendEdges(t *testing.T) {
	st := s.newStore(t)
	upsertAll(t, st,
		edgeArticle("e-q1-last", at(2020, 3, 31, 23, 59, 59), "Thanh Trì", "Hà Nội", 1),
		edgeArticle("e-q2-first", at(2020, 4, 1, 0, 0, 0), "Thanh Trì", "Hà Nội", 2),
		edgeArticle("e-2019-last", at(2019, 12, 31, 23, 30, 0), "Thanh Trì", "Hà Nội", 4),
		edgeArticle("e-2020-first", at(2020, 1, 1, 0, 30, 0), "Củ Chi", "Hồ Chí Minh", 8), // 2019 in UTC
		edgeArticle("e-undated", nil, "Thanh Trì", "Hà Nội", 16),
	)
	labels := func(r search.TrendResult) map[string]int {
		out := map[string]int{}
		for _, s := range r.Series {
			for _, b := range s.Buckets {
				out[s.Group+"/"+b.Label] = int(b.Sum)
			}
		}
		return out
	}
	tests := []struct {
		q    search.TrendQuery
		want map[string]int // group/label -> sum
		und  int
	}{
		{search.TrendQuery{Interval: search.IntervalYear}, map[string]int{"/2019": 4, "/2020": 11}, 1},
		{search.TrendQuery{Interval: search.IntervalQuarter}, map[string]int{"/2019-Q4": 4, "/2020-Q1": 9, "/2020-Q2": 2}, 1},
		{search.TrendQuery{Interval: search.IntervalMonth}, map[string]int{"/2019-12": 4, "/2020-01": 8, "/2020-03": 1, "/2020-04": 2}, 1},
		{search.TrendQuery{SplitBy: search.SplitProvince}, map[string]int{"Hà Nội/2019": 4, "Hà Nội/2020": 3, "Hồ Chí Minh/2020": 8}, 1},
		{search.TrendQuery{SplitBy: search.SplitDistrict, Province: "Hà Nội"}, map[string]int{"Thanh Trì/2019": 4, "Thanh Trì/2020": 3}, 1},
		{search.TrendQuery{From: time.Date(2020, 1, 1, 0, 0, 0, 0, ict), To: time.Date(2020, 3, 31, 23, 59, 59, 0, ict)},
			map[string]int{"/2020": 9}, 0},
		{search.TrendQuery{From: time.Date(2020, 4, 1, 0, 0, 0, 0, ict).UTC()}, map[string]int{"/2020": 2}, 0},
	}
	for _, tt := range tests {
		tt.q.Key = "test.edge"
		t.Run(fmt.Sprintf("%+v", tt.q), func(t *testing.T) {
			got, err := st.Trend(t.Context(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if l := labels(got); !maps.Equal(l, tt.want) {
				t.Errorf("buckets %v, want %v", l, tt.want)
			}
			if got.Undated != tt.und {
				t.Errorf("undated %d, want %d", got.Undated, tt.und)
			}
			for _, s := range got.Series {
				for _, b := range s.Buckets {
					if b.Start.Location().String() != ict.String() && b.Start.Format("-07:00") != "+07:00" {
						t.Errorf("bucket %s starts at %v, want Vietnam's zone", b.Label, b.Start)
					}
					if b.Start.Hour() != 0 || b.Start.Minute() != 0 {
						t.Errorf("bucket %s starts at %v, not at midnight in Vietnam", b.Label, b.Start)
					}
				}
			}
		})
	}
}

func (s suite) testCatalog(t *testing.T) {
	st := s.portalStore(t)
	upsertAll(t, st, fixture(t, SeedID), edgeArticle("e-undated", nil, "Thanh Trì", "Hà Nội", 16))
	got, err := st.Catalog(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]search.CatalogEntry{}
	var districts []string
	for _, d := range portalsim.Districts() {
		districts = append(districts, d.Name)
	}
	sort.Strings(districts)
	for _, a := range PortalArticles() {
		for _, m := range a.Metrics {
			e := want[m.Key]
			e.Key, e.Count, e.Units, e.Districts, e.Provinces = m.Key, e.Count+1, []string{m.Unit}, districts, []string{"Hà Nội"}
			if e.First == nil || a.PublishedAt.Before(*e.First) {
				e.First = a.PublishedAt
			}
			if e.Last == nil || a.PublishedAt.After(*e.Last) {
				e.Last = a.PublishedAt
			}
			want[m.Key] = e
		}
	}
	pm := want[portalsim.KeyPartyNewMembers]
	pm.Count++ // the seed's figure
	want[portalsim.KeyPartyNewMembers] = pm
	want["test.edge"] = search.CatalogEntry{Key: "test.edge", Count: 1, Units: []string{"hộ"}, Districts: []string{"Thanh Trì"}, Provinces: []string{"Hà Nội"}}
	if len(got) != len(want) {
		t.Errorf("catalog has %d keys, want %d: %+v", len(got), len(want), got)
	}
	for i, e := range got {
		if i > 0 && got[i-1].Key >= e.Key {
			t.Errorf("catalog not in key order")
		}
		w := want[e.Key]
		if e.Count != w.Count || !slices.Equal(e.Units, w.Units) || !slices.Equal(e.Districts, w.Districts) ||
			!slices.Equal(e.Provinces, w.Provinces) || !timeEqual(e.First, w.First) || !timeEqual(e.Last, w.Last) {
			t.Errorf("catalog entry\n got %+v\nwant %+v", e, w)
		}
	}
}

func timeEqual(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }

func (s suite) testTrendDrillDown(t *testing.T) {
	st := s.portalStore(t)
	truths := seriesTruth(t, portalsim.KeyPoorHouseholds)
	got, err := st.Trend(t.Context(), search.TrendQuery{Key: portalsim.KeyPoorHouseholds, SplitBy: search.SplitDistrict})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range got.Series {
		for _, b := range s.Buckets {
			res, err := st.Metrics(t.Context(), search.MetricQuery{Key: got.Key, District: s.Group, From: b.Start,
				To: b.End.Add(-time.Nanosecond), Size: search.MaxSize})
			if err != nil {
				t.Fatal(err)
			}
			var wantIDs, gotIDs []string
			for _, tr := range truths {
				if tr.district == s.Group && !tr.published.Before(b.Start) && tr.published.Before(b.End) {
					wantIDs = append(wantIDs, tr.articleID)
				}
			}
			sum := 0.0
			for _, m := range res.Metrics {
				gotIDs = append(gotIDs, m.ArticleID)
				sum += m.Value
				if m.Key != got.Key || m.District != s.Group || m.Snippet == "" || m.Title == "" || m.URL == "" {
					t.Errorf("metric record %+v", m)
				}
			}
			if res.Total != b.Count || !slices.Equal(sorted(gotIDs), sorted(wantIDs)) || !near(sum, b.Sum) {
				t.Errorf("%s %s: drill-down %v (total %d, sum %g), want %v (count %d, sum %g)", s.Group, b.Label,
					gotIDs, res.Total, sum, wantIDs, b.Count, b.Sum)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no buckets")
	}
	t.Run("pages", func(t *testing.T) {
		all, err := st.Metrics(t.Context(), search.MetricQuery{Key: portalsim.KeyPoorRate, Size: search.MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		q := search.MetricQuery{Key: portalsim.KeyPoorRate, Size: 7}
		for {
			res, err := st.Metrics(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range res.Metrics {
				paged = append(paged, m.ID)
			}
			if res.Next == "" {
				break
			}
			q.After = res.Next
		}
		var want []string
		for i, m := range all.Metrics {
			want = append(want, m.ID)
			if i > 0 && all.Metrics[i-1].PublishedAt.After(*m.PublishedAt) {
				t.Errorf("metrics not oldest first")
			}
		}
		if !slices.Equal(paged, want) || len(want) != all.Total {
			t.Errorf("paged %d metrics, want %d (total %d)", len(paged), len(want), all.Total)
		}
	})
}

func (s suite) testTrendBadQuery(t *testing.T) {
	st := s.newStore(t)
	for _, q := range []search.TrendQuery{
		{},
		{Key: "x", Interval: "week"},
		{Key: "x", SplitBy: "commune"},
		{Key: "x", SplitBy: "new_district"},
		{Key: "x", Unit: "new:district:020"},
		{Key: "x", Unit: "Thanh Trì"},
		{Key: "x", From: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Hour)},
	} {
		if _, err := st.Trend(t.Context(), q); !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("Trend(%+v) error = %v, want ErrBadQuery", q, err)
		}
	}
	for _, q := range []search.MetricQuery{{Size: -1}, {After: "garbage"}, {Offset: search.MaxWindow}, {Unit: "old:district:9999"}} {
		if _, err := st.Metrics(t.Context(), q); !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("Metrics(%+v) error = %v, want ErrBadQuery", q, err)
		}
	}
}

func (s suite) testMetricsReplaced(t *testing.T) {
	base := edgeArticle("reprocessed", at(2021, 6, 1, 9, 0, 0), "Thường Tín", "Hà Nội", 0)
	version := func(v int64, values ...float64) search.Article {
		a := base
		a.Version = v
		a.Metrics = nil
		a.Metrics = nil
		for i, x := range values {
			a.Metrics = append(a.Metrics, search.Metric{Key: "test.reprocess", Unit: "hộ", Value: x, Text: fmt.Sprint("số ", i)})
		}
		return a
	}
	v1 := version(100, 1, 2, 3)
	v2 := version(200, 20, 30)
	v3 := version(300)
	tests := []struct {
		name    string
		batches [][]search.Article
		want    []float64
	}{
		{"v1 then v2", [][]search.Article{{v1}, {v2}}, []float64{20, 30}},
		{"v2 then v1", [][]search.Article{{v2}, {v1}}, []float64{20, 30}},
		{"v1 and v2 in one batch", [][]search.Article{{v1, v2}}, []float64{20, 30}},
		{"v2 and v1 in one batch", [][]search.Article{{v2, v1}}, []float64{20, 30}},
		{"v2 twice", [][]search.Article{{v2}, {v2}, {v2, v2}}, []float64{20, 30}},
		{"v1, v2, then v1 again", [][]search.Article{{v1}, {v2}, {v1}}, []float64{20, 30}},
		{"v2 then v3 without figures", [][]search.Article{{v2}, {v3}}, nil},
		{"v3 then v1", [][]search.Article{{v3}, {v1}}, nil},
	}
	st := s.newStore(t) // one store: every case has its own article and key
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, key := fmt.Sprintf("reprocessed-%d", k), fmt.Sprintf("test.reprocess.%d", k)
			for _, b := range tt.batches {
				var docs []search.Article
				for _, a := range b {
					a.ID = id
					a.Metrics = slices.Clone(a.Metrics)
					for i := range a.Metrics {
						a.Metrics[i].Key = key
					}
					docs = append(docs, a)
				}
				upsertAll(t, st, docs...)
			}
			res, err := st.Metrics(t.Context(), search.MetricQuery{ArticleID: id, Size: search.MaxSize})
			if err != nil {
				t.Fatal(err)
			}
			var got []float64
			for _, m := range res.Metrics {
				got = append(got, m.Value)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) || res.Total != len(tt.want) {
				t.Errorf("metrics of the article = %v (total %d), want %v", got, res.Total, tt.want)
			}
			tr, err := st.Trend(t.Context(), search.TrendQuery{Key: key})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range tr.Series {
				for _, b := range s.Buckets {
					n += b.Count
				}
			}
			if n != len(tt.want) {
				t.Errorf("trend counts %d figures, want %d", n, len(tt.want))
			}
			if c, err := st.Count(t.Context()); err != nil || c != k+1 {
				t.Errorf("Count = %d, %v; want %d (metric documents are not articles)", c, err, k+1)
			}
		})
	}
}
