package place

import (
	"maps"
	"slices"
	"testing"
	"time"
)

func TestCounts(t *testing.T) {
	got := Counts()
	want := map[Era]map[Level]int{
		Old: {Province: 63, District: 696, Commune: 10035},
		New: {Province: 34, Commune: 3321},
	}
	for era, levels := range want {
		if !maps.Equal(got[era], levels) {
			t.Errorf("Counts()[%s] = %v, want %v", era, got[era], levels)
		}
	}
}

// The type breakdown of SOURCES.md, "Verified counts".
func TestTypeCounts(t *testing.T) {
	got := map[string]int{}
	for _, u := range Units("", "") {
		got[string(u.Era)+" "+string(u.Level)+" "+u.Type]++
	}
	want := map[string]int{
		"old province Tỉnh": 57, "old province Thành phố": 6,
		"old district Huyện": 508, "old district Thành phố": 87, "old district Thị xã": 52, "old district Quận": 49,
		"old commune Xã": 7692, "old commune Phường": 1726, "old commune Thị trấn": 617,
		"new province Tỉnh": 28, "new province Thành phố": 6,
		"new commune Xã": 2621, "new commune Phường": 687, "new commune Đặc khu": 13,
	}
	if !maps.Equal(got, want) {
		t.Errorf("type counts = %v, want %v", got, want)
	}
}

func TestMappingCoverage(t *testing.T) {
	t.Parallel()
	onlyOne := 0
	for _, u := range Units(New, "") {
		p := Predecessors(u)
		if len(p) == 0 {
			t.Errorf("%v has no predecessor", u)
		}
		if u.Level == Commune && len(p) == 1 {
			onlyOne++
		}
		for _, m := range p {
			if m.New != u || m.Old.Era != Old {
				t.Errorf("Predecessors(%v): bad mapping %+v", u, m)
			}
			// None is built from more than one old province (SOURCES.md), so
			// every predecessor's province maps to this unit's province.
			op, _ := m.Old.Province()
			np, _ := u.Province()
			if s := Successors(op); len(s) != 1 || s[0].New != np {
				t.Errorf("%v ← %v: old province %v does not map to %v", u, m.Old, op, np)
			}
		}
	}
	if onlyOne != 140 {
		t.Errorf("%d new communes have exactly one old source, want 140 (SOURCES.md)", onlyOne)
	}
	split := 0
	for _, u := range Units(Old, "") {
		s := Successors(u)
		if len(s) == 0 {
			t.Errorf("%v has no successor", u)
		}
		if u.Level == Commune && len(s) > 1 {
			split++
		}
		if u.Level == Province && (len(s) != 1 || s[0].Relation != Whole) {
			t.Errorf("Successors(%v) = %v, want one whole province", u, s)
		}
	}
	if split != 441 {
		t.Errorf("%d old communes are split, want 441 (SOURCES.md)", split)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name      string
		era       Era
		level     Level
		code      string
		wantFull  string
		wantOK    bool
		wantProv  string
		wantDistr string
	}{
		{name: "old district", era: Old, level: District, code: "020", wantFull: "Huyện Thanh Trì", wantOK: true, wantProv: "01"},
		{name: "old commune reuses code", era: Old, level: Commune, code: "00640", wantFull: "Thị trấn Văn Điển", wantOK: true, wantProv: "01", wantDistr: "020"},
		{name: "new commune same code", era: New, level: Commune, code: "00640", wantFull: "Xã Thanh Trì", wantOK: true, wantProv: "01"},
		{name: "old province 44", era: Old, level: Province, code: "44", wantFull: "Tỉnh Quảng Bình", wantOK: true},
		{name: "new province 44", era: New, level: Province, code: "44", wantFull: "Tỉnh Quảng Trị", wantOK: true},
		{name: "Ba Chẽ official code", era: New, level: Commune, code: "06970", wantFull: "Xã Ba Chẽ", wantOK: true, wantProv: "22"},
		{name: "doubled prefix kept as name", era: Old, level: Commune, code: "19780", wantFull: "Phường Phường Đúc", wantOK: true, wantProv: "46", wantDistr: "474"},
		{name: "no districts in the new era", era: New, level: District, code: "020"},
		{name: "unknown code", era: Old, level: Commune, code: "99999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Lookup(tt.era, tt.level, tt.code)
			if ok != tt.wantOK {
				t.Fatalf("Lookup ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if got.FullName() != tt.wantFull || got.ProvinceCode != tt.wantProv || got.DistrictCode != tt.wantDistr {
				t.Errorf("Lookup = %v in %q/%q, want %s in %q/%q", got, got.ProvinceCode, got.DistrictCode, tt.wantFull, tt.wantProv, tt.wantDistr)
			}
		})
	}
}

func TestSuccessorsAndPredecessors(t *testing.T) {
	must := func(era Era, level Level, code string) Unit {
		t.Helper()
		u, ok := Lookup(era, level, code)
		if !ok {
			t.Fatalf("no %s %s %s", era, level, code)
		}
		return u
	}
	tests := []struct {
		name string
		got  []Mapping
		want []Mapping
	}{
		{
			name: "old province to new",
			got:  Successors(must(Old, Province, "02")),
			want: []Mapping{{Old: must(Old, Province, "02"), New: must(New, Province, "08"), Relation: Whole, Source: "derived"}},
		},
		{
			name: "whole commune",
			got:  Successors(must(Old, Commune, "00001")),
			want: []Mapping{{Old: must(Old, Commune, "00001"), New: must(New, Commune, "00097"), Relation: Whole, Source: "nso+dvhcvn"}},
		},
		{
			name: "split commune",
			got:  Successors(must(Old, Commune, "00301")),
			want: []Mapping{
				{Old: must(Old, Commune, "00301"), New: must(New, Commune, "00301"), Relation: Part, Source: "nso+dvhcvn"},
				{Old: must(Old, Commune, "00301"), New: must(New, Commune, "00328"), Relation: Part, Source: "nso+dvhcvn"},
			},
		},
		{
			name: "district with no communes became a đặc khu",
			got:  Successors(must(Old, District, "755")),
			want: []Mapping{{Old: must(Old, District, "755"), New: must(New, Commune, "26732"), Relation: Whole, Source: "nso+dvhcvn"}},
		},
		{
			name: "đặc khu from its district",
			got:  Predecessors(must(New, Commune, "26732")),
			want: []Mapping{{Old: must(Old, District, "755"), New: must(New, Commune, "26732"), Relation: Whole, Source: "nso+dvhcvn"}},
		},
		{
			name: "pair only in dvhcvn, checked against the resolution",
			got:  slices.DeleteFunc(Successors(must(Old, Commune, "23053")), func(m Mapping) bool { return m.New.Code != "23041" }),
			want: []Mapping{{Old: must(Old, Commune, "23053"), New: must(New, Commune, "23041"), Relation: Part, Source: "dvhcvn"}},
		},
		{
			name: "new unit has no successors",
			got:  Successors(must(New, Commune, "00640")),
		},
		{
			name: "old unit has no predecessors",
			got:  Predecessors(must(Old, Commune, "00640")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.got, tt.want) {
				t.Errorf("got %+v\nwant %+v", tt.got, tt.want)
			}
		})
	}
}

func TestEraAt(t *testing.T) {
	if got := EraAt(time.Date(2020, 3, 18, 10, 53, 0, 0, time.UTC)); got != Old {
		t.Errorf("EraAt(2020) = %s", got)
	}
	// 2025-06-30 17:30 UTC is 2025-07-01 00:30 in Vietnam.
	if got := EraAt(time.Date(2025, 6, 30, 17, 30, 0, 0, time.UTC)); got != New {
		t.Errorf("EraAt(2025-07-01 00:30 ICT) = %s", got)
	}
}
