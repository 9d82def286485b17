package searchtest

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
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

// simMeasures are what the simulated keys count, as analysts read them:
// new members and revenue are counted over a period, poor households are a
// level, the poverty rate a ratio.
var simMeasures = map[string]string{
	portalsim.KeyPartyNewMembers: event.MeasureFlow, portalsim.KeyBudgetRevenue: event.MeasureFlow,
	portalsim.KeyPoorHouseholds: event.MeasureStock, portalsim.KeyPoorRate: event.MeasureRate,
}

// periodDays gives a period label its first and last day, by the label
// convention of event.Period ("2016", "2016-H1", "2016-9M", "2016-Q3",
// "2016-05", "2015-2020", "2019-12-31").
func periodDays(label, kind string) (string, string) {
	y := func(s string) int { n, _ := strconv.Atoi(s); return n }
	d := func(t time.Time) string { return t.Format(time.DateOnly) }
	switch kind {
	case event.PeriodYear:
		return label + "-01-01", label + "-12-31"
	case event.PeriodHalf:
		if strings.HasSuffix(label, "-H2") {
			return label[:4] + "-07-01", label[:4] + "-12-31"
		}
		return label[:4] + "-01-01", label[:4] + "-06-30"
	case event.PeriodNineMonths:
		return label[:4] + "-01-01", label[:4] + "-09-30"
	case event.PeriodQuarter:
		q := y(label[6:])
		s := time.Date(y(label[:4]), time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return d(s), d(s.AddDate(0, 3, -1))
	case event.PeriodMonth:
		s, _ := time.Parse("2006-01", label)
		return d(s), d(s.AddDate(0, 1, -1))
	case event.PeriodTerm:
		return label[:4] + "-01-01", label[5:] + "-12-31"
	case event.PeriodDate:
		return label, label
	}
	panic("searchtest: no days for period " + label + " (" + kind + ")")
}

// simPeriod is the event.Period of a figure the simulator wrote.
func simPeriod(m portalsim.Metric) *event.Period {
	start, end := periodDays(m.Period, m.PeriodKind)
	return &event.Period{Kind: m.PeriodKind, Start: start, End: end, Label: m.Period, Found: event.FoundSentence}
}

// PortalArticles returns the articles of every simulated district
// (portalsim, seed 1), as the store keeps them, with their figures as the
// portal wrote them: values, periods and estimates from the simulator's
// own record, not from extraction. The real seed article, which the Thanh
// Trì portal also serves, is left out: Fixtures has it.
func PortalArticles() []search.Article {
	var out []search.Article
	for _, d := range portalsim.Districts() {
		p, err := portalsim.New(portalsim.Config{Seed: 1, District: d.Slug})
		if err != nil {
			panic(fmt.Sprintf("searchtest: portal %s: %v", d.Slug, err))
		}
		for _, pa := range p.Articles() {
			if pa.Seed {
				continue // Fixtures has it
			}
			a := truthArticle(d, pa, simArticleID(d, pa))
			for _, m := range pa.Metrics {
				a.Metrics = append(a.Metrics, search.Metric{Key: m.Key, Unit: m.Unit, Value: m.Value,
					Target: m.Target, PlanPercent: m.PlanPercent, Text: m.Text, Period: simPeriod(m),
					Estimate: m.Estimate, Measure: simMeasures[m.Key], ReportOn: titleNames(pa.Title, m.Period)})
			}
			a.UnitCodes = tagUnits(a, nil)
			out = append(out, a)
		}
		_ = p.Close()
	}
	return out
}

// titleNames reports whether a title names a period label's years: the
// article is the report on that period.
func titleNames(title, label string) bool {
	for _, part := range strings.Split(label, "-") {
		if len(part) == 4 && !strings.Contains(title, part) {
			return false
		}
	}
	return true
}

func simArticleID(d portalsim.DistrictInfo, pa portalsim.Article) string {
	return d.Slug + "-" + strings.TrimSuffix(pa.Path[strings.LastIndex(pa.Path, "/")+1:], ".html")
}

// simFigure is one figure the simulator wrote, with its district.
type simFigure struct {
	portalsim.Metric
	articleID, district string
	published           time.Time
}

// simFigures lists every figure of key the simulated portals wrote.
func simFigures(t *testing.T, key string) []simFigure {
	t.Helper()
	var out []simFigure
	for _, d := range portalsim.Districts() {
		p, err := portalsim.New(portalsim.Config{Seed: 1, District: d.Slug})
		if err != nil {
			t.Fatal(err)
		}
		for _, pa := range p.Articles() {
			for _, m := range pa.Metrics {
				if m.Key == key {
					out = append(out, simFigure{Metric: m, articleID: simArticleID(d, pa), district: d.Name, published: pa.PublishedAt})
				}
			}
		}
		_ = p.Close()
	}
	if len(out) == 0 {
		t.Fatalf("no figures of %s in the simulated portals", key)
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func (s suite) portalStore(t *testing.T) search.Store {
	t.Helper()
	st := s.newStore(t)
	upsertAll(t, st, PortalArticles()...)
	return st
}

// buckets indexes a trend's buckets by group and label.
func buckets(r search.TrendResult) map[string]map[string]search.Bucket {
	out := map[string]map[string]search.Bucket{}
	for _, s := range r.Series {
		out[s.Group] = map[string]search.Bucket{}
		for _, b := range s.Buckets {
			out[s.Group][b.Label] = b
		}
	}
	return out
}

// testTrendsFromSeries: every yearly figure of every simulated district
// equals portalsim.Series, the simulator's truth, although the portals
// publish year-end reports in December and January, estimates corrected
// later, half-year and term figures and repeats in news items.
func (s suite) testTrendsFromSeries(t *testing.T) {
	st := s.portalStore(t)
	ctx := t.Context()
	for _, key := range portalsim.MetricKeys() {
		figs := simFigures(t, key)
		t.Run(key+"/year by district", func(t *testing.T) {
			got, err := st.Trend(ctx, search.TrendQuery{Key: key, SplitBy: search.SplitDistrict})
			if err != nil {
				t.Fatal(err)
			}
			if got.Measure != simMeasures[key] || got.Undated != 0 {
				t.Errorf("measure %q undated %d, want %q and 0", got.Measure, got.Undated, simMeasures[key])
			}
			bs := buckets(got)
			right := 0
			for _, d := range portalsim.Districts() {
				if len(bs[d.Name]) != portalsim.LastYear-portalsim.FirstYear+1 {
					t.Errorf("%s: %d yearly buckets, want %d", d.Name, len(bs[d.Name]), portalsim.LastYear-portalsim.FirstYear+1)
				}
				for y := portalsim.FirstYear; y <= portalsim.LastYear; y++ {
					want, _ := portalsim.Series(d.Name, key, y)
					b, ok := bs[d.Name][strconv.Itoa(y)]
					switch {
					case !ok || b.Value == nil:
						t.Errorf("%s %d: no value, want %g", d.Name, y, want)
					case !near(*b.Value, want):
						t.Errorf("%s %d: value %g, want %g (%d figures)", d.Name, y, *b.Value, want, b.Mentions)
					case b.Estimate != (y == portalsim.LastYear) || b.Conflict || b.Count != 1 || b.Mentions < 1:
						t.Errorf("%s %d: estimate %v conflict %v count %d mentions %d", d.Name, y, b.Estimate, b.Conflict, b.Count, b.Mentions)
					default:
						right++
					}
				}
			}
			t.Logf("%s: %d of %d yearly values equal portalsim.Series", key, right, 3*(portalsim.LastYear-portalsim.FirstYear+1))
			// Half-year and term figures of a flow are not a year's: they
			// are counted apart, as many as the simulator wrote.
			wantOther := map[string]int{}
			for _, f := range figs {
				if simMeasures[key] == event.MeasureFlow && f.PeriodKind != event.PeriodYear {
					wantOther[f.PeriodKind]++
				}
			}
			if simMeasures[key] == event.MeasureFlow && !maps.Equal(got.OtherPeriods, wantOther) {
				t.Errorf("other periods %v, want %v", got.OtherPeriods, wantOther)
			}
		})
		if simMeasures[key] != event.MeasureFlow {
			continue
		}
		for _, iv := range []search.Interval{search.IntervalHalf, search.IntervalTerm} {
			kind := map[search.Interval]string{search.IntervalHalf: event.PeriodHalf, search.IntervalTerm: event.PeriodTerm}[iv]
			t.Run(key+"/"+string(iv)+" by district", func(t *testing.T) {
				got, err := st.Trend(ctx, search.TrendQuery{Key: key, SplitBy: search.SplitDistrict, Interval: iv})
				if err != nil {
					t.Fatal(err)
				}
				bs := buckets(got)
				n := 0
				for _, f := range figs {
					if f.PeriodKind != kind {
						continue
					}
					n++
					want, ok := f.Truth() // an estimate's period has its corrected value
					if !ok {
						t.Fatalf("no truth for %+v", f.Metric)
					}
					b, ok := bs[f.district][f.Period]
					if !ok || b.Value == nil || !near(*b.Value, want) {
						t.Errorf("%s %s: value %v (%d figures), want %g", f.district, f.Period, ptr(b.Value), b.Mentions, want)
					}
				}
				if n == 0 {
					t.Fatalf("the simulator wrote no %s figures of %s", kind, key)
				}
			})
		}
	}
	t.Run("all districts: one observation each", func(t *testing.T) {
		key := portalsim.KeyPartyNewMembers
		got, err := st.Trend(ctx, search.TrendQuery{Key: key})
		if err != nil {
			t.Fatal(err)
		}
		bs := buckets(got)[""]
		for y := portalsim.FirstYear; y <= portalsim.LastYear; y++ {
			sum := 0.0
			for _, d := range portalsim.Districts() {
				v, _ := portalsim.Series(d.Name, key, y)
				sum += v
			}
			b := bs[strconv.Itoa(y)]
			if b.Count != len(portalsim.Districts()) || !near(b.Sum, sum) || b.Value != nil {
				t.Errorf("%d: count %d sum %g value %v, want %d observations summing to %g and no single value",
					y, b.Count, b.Sum, b.Value, len(portalsim.Districts()), sum)
			}
		}
	})
	t.Run("split by province", func(t *testing.T) {
		got, err := st.Trend(ctx, search.TrendQuery{Key: portalsim.KeyBudgetRevenue, SplitBy: search.SplitProvince})
		if err != nil {
			t.Fatal(err)
		}
		bs := buckets(got)
		if len(bs) != 1 || len(bs["Hà Nội"]) != portalsim.LastYear-portalsim.FirstYear+1 {
			t.Fatalf("groups %v, want Hà Nội with every year", slices.Collect(maps.Keys(bs)))
		}
		for l, b := range bs["Hà Nội"] {
			if b.Count != len(portalsim.Districts()) {
				t.Errorf("%s: %d observations, want one per district", l, b.Count)
			}
		}
	})
	t.Run("filtered by district and period", func(t *testing.T) {
		from, to := time.Date(2018, 1, 1, 0, 0, 0, 0, ict), time.Date(2021, 12, 31, 23, 59, 59, 0, ict)
		got, err := st.Trend(ctx, search.TrendQuery{Key: portalsim.KeyPartyNewMembers, District: "Sơn Tây", From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, b := range got.Series[0].Buckets {
			labels = append(labels, b.Label)
			y, _ := strconv.Atoi(b.Label)
			want, _ := portalsim.Series("Sơn Tây", portalsim.KeyPartyNewMembers, y)
			if b.Value == nil || !near(*b.Value, want) {
				t.Errorf("%s: value %v, want %g", b.Label, b.Value, want)
			}
		}
		if !slices.Equal(labels, []string{"2018", "2019", "2020", "2021"}) || len(got.Series) != 1 {
			t.Errorf("buckets %v in %d series, want 2018..2021 in one", labels, len(got.Series))
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		got, err := st.Trend(ctx, search.TrendQuery{Key: "no.such.key"})
		if err != nil || len(got.Series) != 0 {
			t.Errorf("Trend(unknown key) = %+v, %v; want no series", got, err)
		}
	})
}

// edgeArticle carries one figure of key "test.edge" published at p, with
// no period of its own (as stored before periods were read).
func edgeArticle(id string, p *time.Time, district, province string, value float64) search.Article {
	fetched := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return search.Article{ID: id, Version: fetched.UnixNano(), FetchedAt: fetched, URL: "https://example.gov.vn/" + id,
		SourceID: "edge", District: district, Province: province, Title: "Số liệu " + id, Body: "Số liệu kiểm tra.",
		PublishedAt: p, Metrics: []search.Metric{{Key: "test.edge", Unit: "hộ", Value: value}}}
}

// edgeFig is an article with one figure of key, for period label of kind.
type edgeFig struct {
	id, district    string
	published       *time.Time
	key             string
	value           float64
	label, kind     string
	estimate, about bool
}

func (f edgeFig) article() search.Article {
	a := edgeArticle(f.id, f.published, f.district, "Hà Nội", f.value)
	m := &a.Metrics[0]
	m.Key, m.Estimate, m.ReportOn = f.key, f.estimate, f.about
	m.Measure = map[string]string{"test.flow": event.MeasureFlow, "test.stock": event.MeasureStock}[f.key]
	if f.label != "" {
		start, end := periodDays(f.label, f.kind)
		m.Period = &event.Period{Kind: f.kind, Start: start, End: end, Label: f.label, Found: event.FoundSentence}
	}
	return a
}

// testTrendEdges: the placement and observation rules one case at a time,
// each expectation written from the rule in docs/design.md.
func (s suite) testTrendEdges(t *testing.T) {
	st := s.newStore(t)
	y, h, dt := event.PeriodYear, event.PeriodHalf, event.PeriodDate
	var docs []search.Article
	for _, f := range []edgeFig{
		{"f-2016", "Thanh Trì", at(2017, 1, 8, 9, 0, 0), "test.flow", 300, "2016", y, false, true},
		{"f-2016-repeat", "Thanh Trì", at(2018, 5, 2, 9, 0, 0), "test.flow", 300, "2016", y, false, false},
		{"f-2018", "Thanh Trì", at(2018, 12, 28, 9, 0, 0), "test.flow", 320, "2018", y, false, true},
		{"f-2017-h1", "Thanh Trì", at(2017, 7, 3, 9, 0, 0), "test.flow", 140, "2017-H1", h, false, true},
		{"f-2019-estimate", "Thanh Trì", at(2019, 12, 10, 9, 0, 0), "test.flow", 330, "2019", y, true, true},
		{"f-2019-final", "Thanh Trì", at(2020, 1, 9, 9, 0, 0), "test.flow", 335, "2019", y, false, true},
		{"f-2020-estimate", "Thanh Trì", at(2020, 12, 12, 9, 0, 0), "test.flow", 340, "2020", y, true, true},
		{"f-2021-report", "Thanh Trì", at(2022, 1, 6, 9, 0, 0), "test.flow", 350, "2021", y, false, true},
		{"f-2021-mention", "Thanh Trì", at(2023, 3, 1, 9, 0, 0), "test.flow", 355, "2021", y, false, false},
		{"f-2016-other", "Sơn Tây", at(2017, 1, 3, 9, 0, 0), "test.flow", 200, "2016", y, false, true},
		{"f-legacy", "Thanh Trì", at(2015, 3, 1, 9, 0, 0), "test.flow", 1, "", "", false, false},
		{"f-undated", "Thanh Trì", nil, "test.flow", 2, "", "", false, false},
		{"s-2019-end", "Thanh Trì", at(2020, 1, 5, 9, 0, 0), "test.stock", 120, "2019-12-31", dt, false, false},
		{"s-2020-mid", "Thanh Trì", at(2020, 7, 5, 9, 0, 0), "test.stock", 110, "2020-06-30", dt, false, false},
		{"s-2020-year", "Thanh Trì", at(2021, 1, 5, 9, 0, 0), "test.stock", 100, "2020", y, false, true},
	} {
		docs = append(docs, f.article())
	}
	upsertAll(t, st, docs...)
	type want struct {
		value              *float64 // nil: no single value
		count, mentions    int
		estimate, conflict bool
		first              string // the chosen source's article
	}
	tests := []struct {
		name    string
		q       search.TrendQuery
		want    map[string]want // group/label
		other   map[string]int
		undated int
	}{
		{"flow by year", search.TrendQuery{Key: "test.flow", SplitBy: search.SplitDistrict}, map[string]want{
			"Thanh Trì/2016": {fp(300), 1, 2, false, false, "f-2016"},
			"Thanh Trì/2017": {nil, 0, 0, false, false, ""}, // a gap: nothing reported for the year
			"Thanh Trì/2018": {fp(320), 1, 1, false, false, "f-2018"},
			"Thanh Trì/2019": {fp(335), 1, 2, false, false, "f-2019-final"},
			"Thanh Trì/2020": {fp(340), 1, 1, true, false, "f-2020-estimate"},
			"Thanh Trì/2021": {fp(350), 1, 2, false, true, "f-2021-report"},
			"Sơn Tây/2016":   {fp(200), 1, 1, false, false, "f-2016-other"},
		}, map[string]int{"half": 1, "date": 1}, 1},
		{"flow by half", search.TrendQuery{Key: "test.flow", Interval: search.IntervalHalf, District: "Thanh Trì"}, map[string]want{
			"/2017-H1": {fp(140), 1, 1, false, false, "f-2017-h1"},
		}, map[string]int{"year": 8, "date": 1}, 1},
		{"flow, all districts", search.TrendQuery{Key: "test.flow", From: time.Date(2016, 1, 1, 0, 0, 0, 0, ict),
			To: time.Date(2016, 12, 31, 0, 0, 0, 0, ict)}, map[string]want{
			"/2016": {nil, 2, 3, false, false, ""},
		}, map[string]int{"half": 1, "date": 1}, 1},
		{"stock at the year's end", search.TrendQuery{Key: "test.stock"}, map[string]want{
			"/2019": {fp(120), 1, 1, false, false, "s-2019-end"},
			"/2020": {fp(100), 1, 1, false, false, "s-2020-year"},
		}, map[string]int{"date": 1}, 0},
		{"stock by half", search.TrendQuery{Key: "test.stock", Interval: search.IntervalHalf}, map[string]want{
			"/2019-H2": {fp(120), 1, 1, false, false, "s-2019-end"},
			"/2020-H1": {fp(110), 1, 1, false, false, "s-2020-mid"},
			"/2020-H2": {fp(100), 1, 1, false, false, "s-2020-year"},
		}, map[string]int{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.Trend(t.Context(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for _, s := range got.Series {
				for _, b := range s.Buckets {
					k := s.Group + "/" + b.Label
					w, ok := tt.want[k]
					if !ok {
						t.Errorf("unexpected bucket %s: %+v", k, b)
						continue
					}
					seen++
					first := ""
					if len(b.Observations) > 0 && len(b.Observations[0].Sources) > 0 {
						first = b.Observations[0].Sources[0].ArticleID
					}
					if (b.Value == nil) != (w.value == nil) || b.Value != nil && *b.Value != *w.value || b.Count != w.count ||
						b.Mentions != w.mentions || b.Estimate != w.estimate || b.Conflict != w.conflict || w.value != nil && first != w.first {
						t.Errorf("%s: value %v count %d mentions %d estimate %v conflict %v first %s, want %+v",
							k, ptr(b.Value), b.Count, b.Mentions, b.Estimate, b.Conflict, first, w)
					}
					if b.Start.Format("-07:00") != "+07:00" || b.Start.Hour() != 0 {
						t.Errorf("%s starts at %v, want midnight in Vietnam", k, b.Start)
					}
				}
			}
			if seen != len(tt.want) {
				t.Errorf("%d buckets, want %d", seen, len(tt.want))
			}
			if !maps.Equal(got.OtherPeriods, tt.other) || got.Undated != tt.undated {
				t.Errorf("other periods %v undated %d, want %v and %d", got.OtherPeriods, got.Undated, tt.other, tt.undated)
			}
		})
	}
}

func ptr(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
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
			e.Measure = simMeasures[m.Key]
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
			!slices.Equal(e.Provinces, w.Provinces) || !timeEqual(e.First, w.First) || !timeEqual(e.Last, w.Last) ||
			e.Measure != w.Measure {
			t.Errorf("catalog entry\n got %+v\nwant %+v", e, w)
		}
	}
}

func timeEqual(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }

// testTrendDrillDown: every figure behind a trend is a metric document of
// its source article with the same value, the observation's value is its
// first source's, and every figure of the key is in a bucket or counted
// apart (nothing lost).
func (s suite) testTrendDrillDown(t *testing.T) {
	st := s.portalStore(t)
	key := portalsim.KeyPoorHouseholds
	got, err := st.Trend(t.Context(), search.TrendQuery{Key: key, SplitBy: search.SplitDistrict})
	if err != nil {
		t.Fatal(err)
	}
	placed := 0
	for _, s := range got.Series {
		for _, b := range s.Buckets {
			for _, o := range b.Observations {
				if len(o.Sources) == 0 || o.Value != o.Sources[0].Value {
					t.Errorf("%s %s: observation %+v", s.Group, b.Label, o)
					continue
				}
				for _, src := range o.Sources {
					placed++
					res, err := st.Metrics(t.Context(), search.MetricQuery{ArticleID: src.ArticleID, Size: search.MaxSize})
					if err != nil {
						t.Fatal(err)
					}
					i := slices.IndexFunc(res.Metrics, func(m search.MetricRecord) bool { return m.ID == src.MetricID })
					if i < 0 || res.Metrics[i].Value != src.Value || res.Metrics[i].Key != key || res.Metrics[i].District != s.Group ||
						src.URL == "" || src.Title == "" || src.Snippet == "" {
						t.Errorf("%s %s: source %+v not found as a metric of its article", s.Group, b.Label, src)
					}
				}
			}
		}
	}
	all, err := st.Metrics(t.Context(), search.MetricQuery{Key: key, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	other := 0
	for _, n := range got.OtherPeriods {
		other += n
	}
	if placed == 0 || placed+other+got.Undated != all.Total {
		t.Errorf("%d figures placed, %d in other periods, %d undated; the store has %d", placed, other, got.Undated, all.Total)
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
			a.Metrics = append(a.Metrics, search.Metric{Key: "test.reprocess", Unit: "hộ", Value: x, Text: fmt.Sprint("số ", i),
				Period: &event.Period{Kind: event.PeriodYear, Start: "2021-01-01", End: "2021-12-31", Label: "2021", Found: event.FoundSentence}})
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
					n += b.Mentions
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
