package search

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dra-archive/dra/place"
)

// Unit codes are "<era>:<level>:<code>" (see processor's "Unit codes"):
// "old:district:020", "new:province:01". The store keeps them as they are
// and matches them exactly.

// parseUnitCode reads a unit code; ok is false unless the gazetteer knows
// the unit.
func parseUnitCode(s string) (place.Unit, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return place.Unit{}, false
	}
	return place.Lookup(place.Era(parts[0]), place.Level(parts[1]), parts[2])
}

func unitCode(u place.Unit) string { return string(u.Era) + ":" + string(u.Level) + ":" + u.Code }

// checkUnit validates a Unit filter: empty, or a code the gazetteer knows.
func checkUnit(code *string) error {
	*code = strings.TrimSpace(*code)
	if *code == "" {
		return nil
	}
	if _, ok := parseUnitCode(*code); !ok {
		return fmt.Errorf("%w: unknown unit code %q (want <old|new>:<province|district|commune>:<code>, e.g. old:district:020)",
			ErrBadQuery, *code)
	}
	return nil
}

// CleanUnitCodes returns codes trimmed, without empties, sorted and unique.
func CleanUnitCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// UnitName names a unit code for people: "Hà Nội (new)", "Huyện Thanh Trì
// (old)", "Xã Thanh Trì (new)"; the code itself when the gazetteer does not
// know it, "" for "".
func UnitName(code string) string {
	if code == "" {
		return ""
	}
	u, ok := parseUnitCode(code)
	if !ok {
		return code
	}
	name := u.FullName()
	if u.Level == place.Province {
		name = u.Name
	}
	return name + " (" + string(u.Era) + ")"
}

// PartialUnits returns the new-era codes among codes (sorted, as
// CleanUnitCodes returns them) under which a figure tagged with codes is
// partial: some old unit it carries went into that new unit only in part
// (its territory also went into other new units), so the figure cannot be
// attributed to the new unit. Attribution is exact when every old unit
// the figure carries that went (partly) into the new unit went wholly into
// it:
//   - a new province: all of the old unit's successors are in it (always
//     so for an old province, which went wholly into one new province);
//   - a new commune: the old district or commune is wholly in it
//     (place.Successors gives that one commune, whole); an old province
//     never is. An old province carried with one of its districts or
//     communes is their parent tag, not the figure's unit, and does not
//     count; an old district carried with one of its communes does (the
//     figure may be the district's), so such a figure is partial when the
//     district was split.
//
// Figures tagged only with new units (post-reform reports) are exact.
func PartialUnits(codes []string) []string {
	var olds []place.Unit
	var news []place.Unit
	for _, c := range codes {
		u, ok := parseUnitCode(c)
		switch {
		case !ok:
		case u.Era == place.Old:
			olds = append(olds, u)
		case u.Level == place.Province || u.Level == place.Commune:
			news = append(news, u)
		}
	}
	if len(olds) == 0 || len(news) == 0 {
		return nil
	}
	// An old province carried with a district or commune of its own is
	// their parent tag (the processor tags a unit's parents), not the
	// figure's unit: leave it out.
	olds = slices.DeleteFunc(slices.Clone(olds), func(o place.Unit) bool {
		return o.Level == place.Province && slices.ContainsFunc(olds, func(u place.Unit) bool {
			return u.Level != place.Province && u.ProvinceCode == o.Code
		})
	})
	type reach struct {
		provinces map[string]bool // new provinces the old unit's territory went into
		communes  []place.Mapping // its successor communes (districts and communes)
	}
	reaches := make([]reach, len(olds))
	for i, o := range olds {
		r := reach{provinces: map[string]bool{}}
		for _, m := range place.Successors(o) {
			if m.New.Level == place.Province {
				r.provinces[m.New.Code] = true
			} else {
				r.provinces[m.New.ProvinceCode] = true
				r.communes = append(r.communes, m)
			}
		}
		reaches[i] = r
	}
	var out []string
	for _, n := range news {
		partial := false
		for i, o := range olds {
			r := reaches[i]
			switch n.Level {
			case place.Province:
				partial = r.provinces[n.Code] && len(r.provinces) > 1
			case place.Commune:
				if o.Level == place.Province {
					partial = r.provinces[n.ProvinceCode]
					break
				}
				in := slices.ContainsFunc(r.communes, func(m place.Mapping) bool { return m.New.Code == n.Code })
				partial = in && (len(r.communes) != 1 || r.communes[0].Relation != place.Whole)
			}
			if partial {
				break
			}
		}
		if partial {
			out = append(out, unitCode(n))
		}
	}
	return out
}

// FinishUnitSeries completes a unit split's series from their buckets:
// names, and the partial marks with their reason. Backends call it last.
func FinishUnitSeries(res *TrendResult) {
	if res.SplitBy.UnitPrefix() == "" {
		return
	}
	for i := range res.Series {
		s := &res.Series[i]
		s.Name = UnitName(s.Group)
		n, total := 0, 0
		for j := range s.Buckets {
			b := &s.Buckets[j]
			b.Partial = b.PartialCount > 0
			n += b.PartialCount
			total += b.Count
		}
		if n > 0 {
			s.Partial = true
			s.PartialReason = fmt.Sprintf("%d of %d figures are of old units that went only in part into %s; "+
				"each is counted whole, not divided, so the series is not that unit's exact figure", n, total, s.Name)
		}
	}
}
