package place

import (
	"slices"
	"strings"
)

// FindOption narrows Find.
type FindOption func(*findOptions)

type findOptions struct {
	era      Era
	level    Level
	province string
}

// InEra keeps units of one era.
func InEra(e Era) FindOption { return func(o *findOptions) { o.era = e } }

// AtLevel keeps units of one level.
func AtLevel(l Level) FindOption { return func(o *findOptions) { o.level = l } }

// InProvince keeps the province with this code and the units in it. Province
// codes belong to an era (44 is Quảng Bình in the old era and Quảng Trị in
// the new one): each unit is tested against the code in its own era, so
// combine it with InEra when that matters.
func InProvince(code string) FindOption { return func(o *findOptions) { o.province = code } }

// maxQueryTokens bounds the work Find does on long input.
const maxQueryTokens = 16

// Find returns the units a name may refer to. The name may carry a type word
// or abbreviation before it ("huyện Thanh Trì", "H. Thanh Trì", "TP. Hà Nội",
// "thành phố Hà Nội") or an English one after it ("Thanh Tri district"), and
// may be written with or without diacritics and with either tone placement
// ("Hữu Hòa", "Hữu Hoà", "Huu Hoa"). A type word, when given, must agree with
// the unit's type ("Quận Thanh Trì" finds nothing). Case does not matter.
//
// Results are ranked: units whose diacritics match the query exactly first,
// then by level (province, district, commune), era (old, new) and code.
func Find(name string, opts ...FindOption) []Unit {
	var o findOptions
	for _, opt := range opts {
		opt(&o)
	}
	g := data()
	toks := tokenize(name, nil)
	if len(toks) == 0 || len(toks) > maxQueryTokens {
		return nil
	}
	type hit struct{ exact bool }
	hits := map[int32]hit{}
	try := func(lo, hi int, c *cue) {
		if lo >= hi {
			return
		}
		n := g.names.root
		parts := make([]string, 0, hi-lo)
		for _, t := range toks[lo:hi] {
			if n = n.child(t.fold); n == nil {
				return
			}
			if t.digit {
				parts = append(parts, t.fold)
			} else {
				parts = append(parts, exactOf(name, t))
			}
		}
		ex := strings.Join(parts, " ")
		for _, e := range n.entries {
			u := g.units[e.unit]
			if c != nil && !e.alias && !c.admits(u) {
				continue
			}
			h := hits[e.unit]
			h.exact = h.exact || e.exact == ex
			hits[e.unit] = h
		}
	}
	try(0, len(toks), nil)
	for _, c := range prefixCues[toks[0].fold] {
		if k := cueWords(toks, 0, c); k > 0 {
			try(k, len(toks), c)
		}
	}
	for first, cs := range suffixCues {
		for _, c := range cs {
			at := len(toks) - len(c.words)
			if at > 0 && toks[at].fold == first && cueWords(toks, at, c) > 0 {
				try(0, at, c)
			}
		}
	}
	type ranked struct {
		u     Unit
		exact bool
	}
	var out []ranked
	for i, h := range hits {
		u := g.units[i]
		if o.era != "" && u.Era != o.era || o.level != "" && u.Level != o.level {
			continue
		}
		if o.province != "" && provinceOf(u) != o.province {
			continue
		}
		out = append(out, ranked{u, h.exact})
	}
	slices.SortFunc(out, func(a, b ranked) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return compareUnits(a.u, b.u, "")
	})
	units := make([]Unit, len(out))
	for i, r := range out {
		units[i] = r.u
	}
	return units
}

func provinceOf(u Unit) string {
	if u.Level == Province {
		return u.Code
	}
	return u.ProvinceCode
}

// compareUnits orders units by level, era (prefer first, then old before
// new) and code.
func compareUnits(a, b Unit, prefer Era) int {
	if c := levelRank(a.Level) - levelRank(b.Level); c != 0 {
		return c
	}
	if a.Era != b.Era {
		if prefer != "" {
			if a.Era == prefer {
				return -1
			}
			if b.Era == prefer {
				return 1
			}
		}
		if a.Era == Old {
			return -1
		}
		return 1
	}
	return strings.Compare(a.Code, b.Code)
}

// cueWords reports how many tokens c spans at toks[i] when spelled loosely
// (any case, abbreviations with or without their full stop), as in a query;
// 0 if it does not match.
func cueWords(toks []token, i int, c *cue) int {
	if i+len(c.words) > len(toks) {
		return 0
	}
	for k, w := range c.words {
		if toks[i+k].fold != w {
			return 0
		}
	}
	return len(c.words)
}
