package searchtest

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/place"
	"github.com/dra-archive/dra/search"
)

// Trends across the 1 July 2025 reform: unit splits (old districts, old and
// new provinces, new communes) roll figures up by the articles' unit codes.
// The expected series are computed here from the simulator's figures and the
// gazetteer's mappings, not from the store's codes.

// reformGroups says, for a figure of an old district (or of a new commune
// after the reform), under which groups of each unit split it belongs and
// whether it is partial there.
type reformGroups map[search.SplitBy]map[string]bool // split -> group -> partial

// oldDistrictGroups is where a figure of old district d belongs, from the
// gazetteer alone.
func oldDistrictGroups(t *testing.T, d place.Unit) reformGroups {
	t.Helper()
	op, ok := d.Province()
	if !ok {
		t.Fatalf("no province for %v", d)
	}
	ps := place.Successors(op)
	if len(ps) != 1 || ps[0].Relation != place.Whole {
		t.Fatalf("old province %v goes into %v, want one new province, whole", op, ps)
	}
	np := ps[0].New
	g := reformGroups{
		search.SplitOldDistrict: {"old:district:" + d.Code: false},
		search.SplitOldProvince: {"old:province:" + op.Code: false},
		search.SplitNewCommune:  {},
	}
	succ := place.Successors(d)
	if len(succ) == 0 {
		t.Fatalf("no successors for %v", d)
	}
	whole := len(succ) == 1 && succ[0].Relation == place.Whole
	newProvinces := map[string]bool{}
	for _, m := range succ {
		g[search.SplitNewCommune]["new:commune:"+m.New.Code] = !whole
		newProvinces[m.New.ProvinceCode] = true
	}
	if !newProvinces[np.Code] {
		t.Fatalf("%v went into new communes outside %v", d, np)
	}
	g[search.SplitNewProvince] = map[string]bool{"new:province:" + np.Code: len(newProvinces) > 1}
	return g
}

// reformFigure is one place's figure for a year, with the groups it
// belongs to.
type reformFigure struct {
	year   int
	place  string
	value  float64
	groups reformGroups
}

// reformWant is group -> label -> {observations, sum, partial observations}.
type reformWant map[string]map[string][3]float64

// wantReform: under each group of the split, one observation per place and
// year, summed over places.
func wantReform(figs []reformFigure, split search.SplitBy) reformWant {
	out := reformWant{}
	seen := map[string]bool{}
	for _, f := range figs {
		label := fmt.Sprint(f.year)
		gs := f.groups[split]
		if len(gs) == 0 {
			gs = map[string]bool{"": false}
		}
		for g, partial := range gs {
			if k := g + "/" + label + "/" + f.place; seen[k] {
				continue
			} else {
				seen[k] = true
			}
			if out[g] == nil {
				out[g] = map[string][3]float64{}
			}
			w := out[g][label]
			w[0]++
			w[1] += f.value
			if partial {
				w[2]++
			}
			out[g][label] = w
		}
	}
	return out
}

// checkReform compares a yearly unit trend with the expected groups, and
// checks names and partial marks.
func checkReform(t *testing.T, got search.TrendResult, want reformWant) {
	t.Helper()
	gotW := reformWant{}
	for i, s := range got.Series {
		if i > 0 && got.Series[i-1].Group >= s.Group {
			t.Errorf("series not in group order: %q after %q", s.Group, got.Series[i-1].Group)
		}
		if s.Name != search.UnitName(s.Group) || (s.Group != "" && s.Name == s.Group) {
			t.Errorf("series %q is named %q", s.Group, s.Name)
		}
		partial := false
		gotW[s.Group] = map[string][3]float64{}
		for _, b := range s.Buckets {
			if b.Count == 0 {
				continue // a gap between reported years
			}
			gotW[s.Group][b.Label] = [3]float64{float64(b.Count), b.Sum, float64(b.PartialCount)}
			if b.Partial != (b.PartialCount > 0) {
				t.Errorf("series %q bucket %s: partial %v with %d partial figures", s.Group, b.Label, b.Partial, b.PartialCount)
			}
			partial = partial || b.Partial
		}
		if s.Partial != partial || (s.PartialReason != "") != partial {
			t.Errorf("series %q: partial %v (%q), buckets partial %v", s.Group, s.Partial, s.PartialReason, partial)
		}
	}
	if len(gotW) != len(want) {
		t.Errorf("%d series %v, want %d", len(gotW), groupNames(gotW), len(want))
	}
	for g, wb := range want {
		gb, ok := gotW[g]
		if !ok {
			t.Errorf("no series %q (%s)", g, search.UnitName(g))
			continue
		}
		for l, w := range wb {
			if b := gb[l]; b[0] != w[0] || !near(b[1], w[1]) || b[2] != w[2] {
				t.Errorf("series %q (%s) %s: count %g sum %g partial %g, want count %g sum %g partial %g",
					g, search.UnitName(g), l, b[0], b[1], b[2], w[0], w[1], w[2])
			}
		}
		if len(gb) != len(wb) {
			t.Errorf("series %q: %d buckets, want %d", g, len(gb), len(wb))
		}
	}
}

func groupNames(w reformWant) []string {
	var out []string
	for g := range w {
		out = append(out, g)
	}
	slices.Sort(out)
	return out
}

var unitSplits = []search.SplitBy{search.SplitOldDistrict, search.SplitOldProvince, search.SplitNewProvince, search.SplitNewCommune}

// testTrendsAcrossReform: the simulated Hà Nội district portals' figures,
// by old district, old province (01), new province (01) and new commune.
func (s suite) testTrendsAcrossReform(t *testing.T) {
	st := s.portalStore(t)
	groups := map[string]reformGroups{}
	for _, d := range portalsim.Districts() {
		us := place.Find(d.Name, place.InEra(place.Old), place.AtLevel(place.District), place.InProvince("01"))
		if len(us) == 0 {
			t.Fatalf("no old district %q in Hà Nội", d.Name)
		}
		groups[d.Name] = oldDistrictGroups(t, us[0])
	}
	for _, key := range []string{portalsim.KeyBudgetRevenue, portalsim.KeyPoorHouseholds} {
		var figs []reformFigure
		totals := map[string]float64{} // year -> sum over every district
		for _, d := range portalsim.Districts() {
			for y := portalsim.FirstYear; y <= portalsim.LastYear; y++ {
				v, _ := portalsim.Series(d.Name, key, y)
				figs = append(figs, reformFigure{year: y, place: d.Name, value: v, groups: groups[d.Name]})
				totals[fmt.Sprint(y)] += v
			}
		}
		for _, split := range unitSplits {
			t.Run(fmt.Sprintf("%s/%s", key, split), func(t *testing.T) {
				got, err := st.Trend(t.Context(), search.TrendQuery{Key: key, SplitBy: split})
				if err != nil {
					t.Fatal(err)
				}
				want := wantReform(figs, split)
				checkReform(t, got, want)
				if split == search.SplitOldProvince || split == search.SplitNewProvince {
					// Hà Nội, before and after: one series, every district's
					// figures, exact.
					g := "old:province:01"
					if split == search.SplitNewProvince {
						g = "new:province:01"
					}
					if len(got.Series) != 1 || got.Series[0].Group != g || got.Series[0].Partial {
						t.Fatalf("series %+v, want one exact series %s", got.Series, g)
					}
					for _, b := range got.Series[0].Buckets {
						if !near(b.Sum, totals[b.Label]) {
							t.Errorf("%s %s: sum %g, want %g", g, b.Label, b.Sum, totals[b.Label])
						}
					}
				}
			})
		}
	}
	t.Run("unit filter", func(t *testing.T) {
		var figs []reformFigure
		for y := portalsim.FirstYear; y <= portalsim.LastYear; y++ {
			v, _ := portalsim.Series("Thanh Trì", portalsim.KeyBudgetRevenue, y)
			figs = append(figs, reformFigure{year: y, place: "Thanh Trì", value: v, groups: groups["Thanh Trì"]})
		}
		written := 0
		for _, f := range simFigures(t, portalsim.KeyBudgetRevenue) {
			if f.district == "Thanh Trì" {
				written++
			}
		}
		unit := "old:district:" + firstCode(groups["Thanh Trì"][search.SplitOldDistrict])
		got, err := st.Trend(t.Context(), search.TrendQuery{Key: portalsim.KeyBudgetRevenue, Unit: unit, SplitBy: search.SplitNewProvince})
		if err != nil {
			t.Fatal(err)
		}
		checkReform(t, got, wantReform(figs, search.SplitNewProvince))
		res, err := st.Metrics(t.Context(), search.MetricQuery{Key: portalsim.KeyBudgetRevenue, Unit: unit, Size: search.MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != written {
			t.Errorf("metrics of %s: %d, want the %d the portal wrote", unit, res.Total, written)
		}
		for _, m := range res.Metrics {
			if m.District != "Thanh Trì" || !slices.Contains(m.UnitCodes, unit) {
				t.Errorf("metric %s of %s %v", m.ID, m.District, m.UnitCodes)
			}
		}
	})
}

func firstCode(gs map[string]bool) string {
	for g := range gs {
		return g[len(g)-3:]
	}
	return ""
}

// testTrendsMergedProvinces: districts of two old provinces that merged
// into one new province, and a post-reform report of a new commune.
func (s suite) testTrendsMergedProvinces(t *testing.T) {
	var np place.Unit
	var olds []place.Unit
	for _, u := range place.Units(place.New, place.Province) {
		if ps := place.Predecessors(u); len(ps) >= 2 {
			np, olds = u, []place.Unit{ps[0].Old, ps[1].Old}
			break
		}
	}
	if np.IsZero() {
		t.Fatal("no new province made of two old ones")
	}
	var districts []place.Unit // the first district of each old province
	for _, op := range olds {
		for _, d := range place.Units(place.Old, place.District) {
			if d.ProvinceCode == op.Code {
				districts = append(districts, d)
				break
			}
		}
	}
	if len(districts) != 2 {
		t.Fatalf("districts %v of %v", districts, olds)
	}
	t.Logf("old provinces %v and %v → %v; districts %v, %v", olds[0], olds[1], np, districts[0], districts[1])

	const key = "test.reform"
	fetched := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	article := func(id string, p *time.Time, district, province string, value float64, sourceCodes ...string) search.Article {
		y := fmt.Sprint(p.Year())
		a := search.Article{ID: id, Version: fetched.UnixNano(), FetchedAt: fetched, URL: "https://example.gov.vn/" + id,
			SourceID: "reform", District: district, Province: province, Title: "Số liệu " + id, Body: "Số liệu kiểm tra.",
			PublishedAt: p, Metrics: []search.Metric{{Key: key, Unit: "hộ", Value: value, Period: &event.Period{
				Kind: event.PeriodYear, Start: y + "-01-01", End: y + "-12-31", Label: y, Found: event.FoundSentence}}}}
		a.UnitCodes = tagUnits(a, sourceCodes)
		return a
	}
	var docs []search.Article
	var figs []reformFigure
	for i, d := range districts {
		op, _ := d.Province()
		g := oldDistrictGroups(t, d)
		if _, ok := g[search.SplitNewProvince]["new:province:"+np.Code]; !ok {
			t.Fatalf("%v does not go into %v", d, np)
		}
		base := float64(10 * (1 + 9*i)) // 10, 100
		for y, year := range []int{2023, 2024} {
			p := at(year, time.Month(3+3*i), 1, 9, 0, 0)
			v := base * float64(y+1)
			docs = append(docs, article(fmt.Sprintf("r-%s-%d", d.Code, year), p, d.Name, op.Name, v))
			figs = append(figs, reformFigure{year: year, place: d.Name, value: v, groups: g})
		}
	}
	// A post-reform report of one of the first district's new communes: an
	// exact figure of that commune and of the new province.
	var x place.Unit
	for _, m := range place.Successors(districts[0]) {
		x = m.New
		break
	}
	p := at(2025, 9, 1, 9, 0, 0)
	docs = append(docs, article("r-new-commune", p, "", np.Name, 1000, "new:commune:"+x.Code))
	figs = append(figs, reformFigure{year: 2025, place: x.Name, value: 1000, groups: reformGroups{
		search.SplitNewCommune:  {"new:commune:" + x.Code: false},
		search.SplitNewProvince: {"new:province:" + np.Code: false},
	}})
	st := s.newStore(t)
	upsertAll(t, st, docs...)

	for _, split := range unitSplits {
		t.Run(string(split), func(t *testing.T) {
			got, err := st.Trend(t.Context(), search.TrendQuery{Key: key, SplitBy: split})
			if err != nil {
				t.Fatal(err)
			}
			checkReform(t, got, wantReform(figs, split))
		})
	}
	t.Run("new province sums both old provinces", func(t *testing.T) {
		got, err := st.Trend(t.Context(), search.TrendQuery{Key: key, SplitBy: search.SplitNewProvince})
		if err != nil {
			t.Fatal(err)
		}
		// 10 + 100 in 2023, 20 + 200 in 2024, the new commune's 1000 in 2025.
		want := map[string]float64{"2023": 110, "2024": 220, "2025": 1000}
		if len(got.Series) != 1 || got.Series[0].Group != "new:province:"+np.Code || got.Series[0].Name != np.Name+" (new)" {
			t.Fatalf("series %+v, want one: %s (new)", got.Series, np.Name)
		}
		for _, b := range got.Series[0].Buckets {
			if b.Sum != want[b.Label] || b.Partial {
				t.Errorf("%s: sum %g partial %v, want %g exact", b.Label, b.Sum, b.Partial, want[b.Label])
			}
		}
		old, err := st.Trend(t.Context(), search.TrendQuery{Key: key, SplitBy: search.SplitOldProvince})
		if err != nil {
			t.Fatal(err)
		}
		sums := map[string]float64{}
		for _, s := range old.Series {
			for _, b := range s.Buckets {
				sums[s.Group] += b.Sum
			}
		}
		wantOld := map[string]float64{"old:province:" + olds[0].Code: 30, "old:province:" + olds[1].Code: 300, "": 1000}
		if !maps.Equal(sums, wantOld) {
			t.Errorf("old province sums %v, want %v", sums, wantOld)
		}
	})
	t.Run("old district whole in one new commune is exact", func(t *testing.T) {
		var d place.Unit
		for _, u := range place.Units(place.Old, place.District) {
			if ss := place.Successors(u); len(ss) == 1 && ss[0].Relation == place.Whole {
				d = u
				break
			}
		}
		op, _ := d.Province()
		g := oldDistrictGroups(t, d)
		p := at(2024, 5, 1, 9, 0, 0)
		a := article("r-whole", p, d.Name, op.Name, 7)
		a.Metrics[0].Key = key + ".whole"
		st2 := s.newStore(t)
		upsertAll(t, st2, a)
		for _, split := range unitSplits {
			got, err := st2.Trend(t.Context(), search.TrendQuery{Key: key + ".whole", SplitBy: split})
			if err != nil {
				t.Fatal(err)
			}
			checkReform(t, got, wantReform([]reformFigure{{year: 2024, place: d.Name, value: 7, groups: g}}, split))
			if split == search.SplitNewCommune && (len(got.Series) != 1 || got.Series[0].Partial) {
				t.Errorf("%v under new communes: %+v, want one exact series", d, got.Series)
			}
		}
	})
	t.Run("unit filter", func(t *testing.T) {
		for unit, want := range map[string]float64{
			"old:province:" + olds[0].Code: 30, "old:province:" + olds[1].Code: 300,
			"new:province:" + np.Code: 1330, "new:commune:" + x.Code: 1030,
		} {
			got, err := st.Trend(t.Context(), search.TrendQuery{Key: key, Unit: unit})
			if err != nil {
				t.Fatal(err)
			}
			sum := 0.0
			for _, s := range got.Series {
				for _, b := range s.Buckets {
					sum += b.Sum
				}
			}
			if sum != want {
				t.Errorf("unit %s: sum %g, want %g", unit, sum, want)
			}
		}
	})
}
