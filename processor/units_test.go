package processor

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/place"
	"github.com/dra-archive/dra/vietnamese"
)

// unitGold is one article of testdata/units/units.json.
type unitGold struct {
	Name        string   `json:"name"`
	File        string   `json:"file"`
	URL         string   `json:"url"`
	District    string   `json:"district"`
	Province    string   `json:"province"`
	SourceCodes []string `json:"source_unit_codes"`
	ReportsFor  []string `json:"reports_for"`
	Why         string   `json:"why"`
}

func loadUnitGold(t *testing.T) []unitGold {
	t.Helper()
	raw, err := os.ReadFile("testdata/units/units.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Articles []unitGold `json:"articles"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Articles
}

// expandGold turns the hand-written units an article reports for into the
// codes it must carry: each unit, the units above it in its era, and the
// new units that took it over (with their province). It is written apart
// from the tagger, from the rules in units.go, straight on the gazetteer.
func expandGold(t *testing.T, codes []string) []string {
	t.Helper()
	set := map[string]bool{}
	up := func(u place.Unit) {
		set[facts.UnitCode(u)] = true
		if u.DistrictCode != "" {
			d, _ := place.Lookup(u.Era, place.District, u.DistrictCode)
			set[facts.UnitCode(d)] = true
		}
		if u.ProvinceCode != "" {
			p, _ := place.Lookup(u.Era, place.Province, u.ProvinceCode)
			set[facts.UnitCode(p)] = true
			for _, m := range place.Successors(p) {
				set[facts.UnitCode(m.New)] = true
			}
		}
	}
	for _, c := range codes {
		u, ok := facts.ParseUnitCode(c, "")
		if !ok {
			t.Fatalf("gold code %q is not a unit", c)
		}
		up(u)
		for _, m := range place.Successors(u) {
			up(m.New)
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	return out
}

type prf struct{ gold, pred, match int }

func (s *prf) add(gold, pred []string) (missed, spurious []string) {
	s.gold += len(gold)
	s.pred += len(pred)
	for _, p := range pred {
		if slices.Contains(gold, p) {
			s.match++
		} else {
			spurious = append(spurious, p)
		}
	}
	for _, g := range gold {
		if !slices.Contains(pred, g) {
			missed = append(missed, g)
		}
	}
	return missed, spurious
}

func (s prf) f1() float64 {
	if s.gold+s.pred == 0 {
		return 1
	}
	return 2 * float64(s.match) / float64(s.gold+s.pred)
}

// TestUnitGold scores unit tagging on testdata/units/units.json (the gold
// articles, the seed and articles written for tagging): micro F1 over the
// codes of all articles at least 0.95, and over the units they report for
// (before expansion) too.
func TestUnitGold(t *testing.T) {
	arts := loadUnitGold(t)
	if len(arts) < 20 {
		t.Fatalf("%d articles, want at least 20", len(arts))
	}
	var codes, primary prf
	for _, a := range arts {
		page, err := os.ReadFile(filepath.Join("testdata/units", a.File))
		if err != nil {
			t.Fatal(err)
		}
		f := event.ArticleFetched{URL: a.URL, District: a.District, Province: a.Province, UnitCodes: a.SourceCodes,
			Body: string(page), FetchedAt: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}
		p, err := Process(f, f.FetchedAt)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		want := expandGold(t, a.ReportsFor)
		if missed, spurious := codes.add(want, p.UnitCodes); len(missed)+len(spurious) > 0 {
			t.Logf("%s: codes missed %v, spurious %v (%s)", a.Name, missed, spurious, a.Why)
		}
		if !slices.IsSorted(p.UnitCodes) && !sortedCodes(p.UnitCodes) {
			t.Errorf("%s: codes not in order: %v", a.Name, p.UnitCodes)
		}
		// The units it reports for, before expansion.
		opts := Options{URL: a.URL, District: a.District, Province: a.Province}
		r, err := ExtractRecord(page, opts)
		if err != nil {
			t.Fatal(err)
		}
		var prim []string
		for _, tg := range TagUnits(&r, a.SourceCodes, fetchEra(f, r.District)) {
			if tg.Via == "source" || tg.Via == "text" {
				prim = append(prim, tg.Code)
			}
		}
		if missed, spurious := primary.add(a.ReportsFor, prim); len(missed)+len(spurious) > 0 {
			t.Logf("%s: units missed %v, spurious %v (%s)", a.Name, missed, spurious, a.Why)
		}
		checkNamesMatchCodes(t, a.Name, p)
	}
	t.Logf("unit tagging: %d articles; codes F1=%.3f (%d gold, %d tagged, %d right); units reported for F1=%.3f (%d gold, %d tagged, %d right)",
		len(arts), codes.f1(), codes.gold, codes.pred, codes.match, primary.f1(), primary.gold, primary.pred, primary.match)
	if codes.f1() < 0.95 {
		t.Errorf("unit code F1 = %.3f, want >= 0.95", codes.f1())
	}
	if primary.f1() < 0.95 {
		t.Errorf("reported-for unit F1 = %.3f, want >= 0.95", primary.f1())
	}
}

// sortedCodes reports whether codes are in UnitCodes order: old era
// before new, province before district before commune, then by code.
func sortedCodes(codes []string) bool {
	era := map[place.Era]int{place.Old: 0, place.New: 1}
	level := map[place.Level]int{place.Province: 0, place.District: 1, place.Commune: 2}
	return slices.IsSortedFunc(codes, func(a, b string) int {
		ua, _ := facts.ParseUnitCode(a, "")
		ub, _ := facts.ParseUnitCode(b, "")
		return cmp.Or(cmp.Compare(era[ua.Era], era[ub.Era]), cmp.Compare(level[ua.Level], level[ub.Level]), cmp.Compare(ua.Code, ub.Code))
	})
}

// checkNamesMatchCodes checks that the District and Province names have
// their codes.
func checkNamesMatchCodes(t *testing.T, name string, p event.ArticleProcessed) {
	t.Helper()
	if p.District != "" {
		ok := slices.ContainsFunc(p.UnitCodes, func(c string) bool {
			u, _ := facts.ParseUnitCode(c, "")
			return u.Level == place.District && vietnamese.Folded(u.Name) == vietnamese.Folded(p.District)
		})
		if !ok {
			t.Errorf("%s: district %q has no code in %v", name, p.District, p.UnitCodes)
		}
	}
	if p.Province != "" {
		provs := place.Find(p.Province, place.InEra(place.Old), place.AtLevel(place.Province))
		ok := len(provs) > 0
		var prov place.Unit
		if ok {
			prov = provs[0]
		}
		if !ok || !slices.Contains(p.UnitCodes, facts.UnitCode(prov)) && !slices.ContainsFunc(p.UnitCodes, func(c string) bool {
			u, _ := facts.ParseUnitCode(c, "")
			return u.Level == place.Province && u.Era == place.New && vietnamese.Folded(u.Name) == vietnamese.Folded(prov.Name)
		}) {
			t.Errorf("%s: province %q has no code in %v", name, p.Province, p.UnitCodes)
		}
	}
}

// TestSeedUnits checks the seed's tags: Thanh Trì and Hà Nội, old and new,
// and the 13 new communes that took Thanh Trì's communes over.
func TestSeedUnits(t *testing.T) {
	page, err := os.ReadFile("testdata/thanhtri-2020-03-18.txt")
	if err != nil {
		t.Fatal(err)
	}
	f := event.ArticleFetched{Body: string(page), District: "Thanh Trì", Province: "Hà Nội"}
	p, err := Process(f, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	newCommunes := 0
	for _, c := range p.UnitCodes {
		if u, _ := facts.ParseUnitCode(c, ""); u.Era == place.New && u.Level == place.Commune {
			newCommunes++
		}
	}
	for _, c := range []string{"old:province:01", "old:district:020", "new:province:01", "new:commune:00640"} {
		if !slices.Contains(p.UnitCodes, c) {
			t.Errorf("codes %v lack %s", p.UnitCodes, c)
		}
	}
	if newCommunes != 13 || len(p.UnitCodes) != 16 {
		t.Errorf("%d codes with %d new communes, want 16 with 13: %v", len(p.UnitCodes), newCommunes, p.UnitCodes)
	}
	if p.District != "Thanh Trì" || p.Province != "Hà Nội" {
		t.Errorf("district, province = %q, %q", p.District, p.Province)
	}
}

func TestParseUnitCode(t *testing.T) {
	tests := []struct {
		name, in string
		era      place.Era
		want     string
		ok       bool
	}{
		{"full", "old:district:020", "", "old:district:020", true},
		{"new commune", "new:commune:00640", "", "new:commune:00640", true},
		{"bare district", "020", place.New, "old:district:020", true},
		{"bare province in era", "01", place.New, "new:province:01", true},
		{"bare commune in era", "00640", place.Old, "old:commune:00640", true},
		{"no new districts", "new:district:020", "", "", false},
		{"unknown", "old:province:99", "", "", false},
		{"junk", "a:b", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := facts.ParseUnitCode(tt.in, tt.era)
			if ok != tt.ok || ok && facts.UnitCode(u) != tt.want {
				t.Errorf("facts.ParseUnitCode(%q) = %v, %v, want %s, %v", tt.in, u, ok, tt.want, tt.ok)
			}
		})
	}
}
