// Package place is DRA's gazetteer of Vietnamese administrative units before
// and after the reform of 1 July 2025, and a matcher that finds unit mentions
// in text.
//
// The old era (before 2025-07-01) has 63 provinces, 696 district-level units
// and 10,035 communes (xã, phường, thị trấn); the new era has 34 provinces and
// 3,321 communes (xã, phường, đặc khu) and no district level. Successors and
// Predecessors follow the official old→new mapping: commune→commune with
// whole/part, old district→new communes, old province→new province, and a new
// commune back to the old units it was made from.
//
// The data is generated from the official lists in shared/gazetteer by
// place/internal/gen (`go generate ./place/`), committed under data/ and
// embedded: the package needs nothing at run time. Provenance returns the
// record of where it came from (source files and their SHA-256, licences,
// generator version).
//
// Codes are the official mã ĐVHC: 2-digit province, 3-digit district and
// 5-digit commune codes. A code is unique only within an era and a level: new
// communes reuse the code of one of the old communes they were made from
// (00640 is Thị trấn Văn Điển in the old era and Xã Thanh Trì in the new), and
// new provinces reuse old province codes (44 is Tỉnh Quảng Bình in the old era
// and Tỉnh Quảng Trị in the new).
package place

import (
	"time"

	"github.com/dra-archive/dra/vietnamese"
)

// Level is the tier of a unit.
type Level string

// Levels. The new era has no District units.
const (
	Province Level = "province"
	District Level = "district"
	Commune  Level = "commune"
)

// Era tells which side of the 1 July 2025 reform a unit belongs to.
type Era string

// Eras.
const (
	Old Era = "old" // the units in force until 30 June 2025
	New Era = "new" // the units in force from 1 July 2025
)

// ReformDate is the day the new units took effect (00:00 in Vietnam).
var ReformDate = time.Date(2025, time.July, 1, 0, 0, 0, 0, vietnamese.TimeZone)

// EraAt returns the era in force at t.
func EraAt(t time.Time) Era {
	if t.Before(ReformDate) {
		return Old
	}
	return New
}

// Unit types, as the official lists write them.
const (
	TypeTinh     = "Tỉnh"
	TypeThanhPho = "Thành phố" // a centrally-run city (province level) or a provincial city (district level)
	TypeQuan     = "Quận"
	TypeHuyen    = "Huyện"
	TypeThiXa    = "Thị xã"
	TypeXa       = "Xã"
	TypePhuong   = "Phường"
	TypeThiTran  = "Thị trấn"
	TypeDacKhu   = "Đặc khu"
)

// Unit is one administrative unit of one era.
type Unit struct {
	Code string // official code, unique within (Era, Level)
	// Name is the official name without its type word ("Thanh Trì" for
	// Huyện Thanh Trì, "Phường Đúc" for Phường Phường Đúc), as the source
	// spells it (the old lists write some open syllables "Hoà", the new ones
	// "Hòa"; matching does not care).
	Name         string
	Type         string // one of the Type* constants
	Level        Level
	Era          Era
	ProvinceCode string // the province of a district or commune (same era); empty for a province
	DistrictCode string // the district of an old commune; empty otherwise
}

// FullName is the official full name: type and name ("Huyện Thanh Trì").
func (u Unit) FullName() string { return u.Type + " " + u.Name }

// String is the full name with era and code, for logs and test failures.
func (u Unit) String() string {
	return u.FullName() + " (" + string(u.Era) + " " + string(u.Level) + " " + u.Code + ")"
}

// IsZero reports whether u is the zero Unit.
func (u Unit) IsZero() bool { return u.Code == "" }

// Relation says how much of the old unit went into the new one.
type Relation string

// Relations.
const (
	Whole Relation = "whole" // all of the old unit went into the new unit
	Part  Relation = "part"  // only part of it did (the old unit was split)
)

// Mapping is one old→new pair.
type Mapping struct {
	Old, New Unit
	Relation Relation
	// Source names what supports the pair: "nso+dvhcvn" (the NSO conversion
	// table and dvhcvn/20250701 agree), "nso", "dvhcvn" (checked against the
	// resolution text), or "derived" (aggregated from the commune pairs: the
	// province and district mappings).
	Source string
}

// Lookup returns the unit with this code at this era and level.
func Lookup(era Era, level Level, code string) (Unit, bool) {
	g := data()
	i, ok := g.byKey[unitKey{era, level, code}]
	if !ok {
		return Unit{}, false
	}
	return g.units[i], true
}

// Units returns every unit of an era and level, ordered by era (old first),
// level (provinces first) and code. An empty
// era or level means all of them.
func Units(era Era, level Level) []Unit {
	var out []Unit
	for _, u := range data().units {
		if (era == "" || u.Era == era) && (level == "" || u.Level == level) {
			out = append(out, u)
		}
	}
	return out
}

// Counts returns the number of units per era and level.
func Counts() map[Era]map[Level]int {
	out := map[Era]map[Level]int{Old: {}, New: {}}
	for _, u := range data().units {
		out[u.Era][u.Level]++
	}
	return out
}

// Province returns the province of u (u itself for a province).
func (u Unit) Province() (Unit, bool) {
	if u.Level == Province {
		return u, !u.IsZero()
	}
	return Lookup(u.Era, Province, u.ProvinceCode)
}

// District returns the district of an old commune (u itself for a district).
func (u Unit) District() (Unit, bool) {
	if u.Level == District {
		return u, true
	}
	if u.DistrictCode == "" {
		return Unit{}, false
	}
	return Lookup(u.Era, District, u.DistrictCode)
}

// Successors returns the new units an old unit went into, ordered by code:
//   - old commune → the new communes it went into, whole or part;
//   - old district → the new communes its communes went into (or the đặc khu
//     it became), whole only when all of it went into one new commune;
//   - old province → the new province it joined, whole.
//
// It returns nil for a new unit or an unknown one.
func Successors(old Unit) []Mapping {
	g := data()
	i, ok := g.byKey[unitKey{old.Era, old.Level, old.Code}]
	if !ok || old.Era != Old {
		return nil
	}
	return g.mappings(i, g.succ[i], true)
}

// Predecessors returns the old units a new unit was made from, ordered by
// code: the old communes (with whole/part from the old unit's side) of a new
// commune, the old district of each of the five đặc khu that was a
// commune-less district, the old provinces of a new province. It returns nil
// for an old unit or an unknown one.
func Predecessors(newUnit Unit) []Mapping {
	g := data()
	i, ok := g.byKey[unitKey{newUnit.Era, newUnit.Level, newUnit.Code}]
	if !ok || newUnit.Era != New {
		return nil
	}
	return g.mappings(i, g.pred[i], false)
}

func (g *gazetteer) mappings(self int32, ls []edge, forward bool) []Mapping {
	out := make([]Mapping, 0, len(ls))
	for _, l := range ls {
		m := Mapping{Relation: l.rel, Source: l.source}
		if forward {
			m.Old, m.New = g.units[self], g.units[l.other]
		} else {
			m.Old, m.New = g.units[l.other], g.units[self]
		}
		out = append(out, m)
	}
	return out
}

// Provenance returns the provenance record of the embedded data: generator
// version, generation date, the source files with their SHA-256, the counts
// and the licences.
func Provenance() string { return string(provenance) }
