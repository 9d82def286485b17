package place

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// The embedded data, made by place/internal/gen (the -date is recorded in
// PROVENANCE; TestRegeneratedDataIsIdentical regenerates with the date found
// there and compares the bytes). Both tables are gzip-compressed UTF-8 NFC
// TSV with a header row, sorted, about 160 kB together:
//
//   - units.tsv.gz: era, level, code, type, name (without the type word),
//     province_code, district_code. 14,149 rows: old 63/696/10,035, new 34/3,321.
//   - links.tsv.gz: old_level, old_code, new_level, new_code, relation
//     (whole|part), source. 10,634 rows: 63 province→province, 10,566
//     commune→commune and 5 district→đặc khu pairs. The district→commune
//     mapping is derived from the commune pairs when the data is loaded (the
//     generator checks it against old_district_to_new.tsv).
//
//go:generate go run ./internal/gen -in ../../shared/gazetteer -out data -date 2026-11-26

var (
	//go:embed data/units.tsv.gz
	unitsGz []byte
	//go:embed data/links.tsv.gz
	linksGz []byte
	//go:embed data/PROVENANCE
	provenance []byte
)

type unitKey struct {
	era   Era
	level Level
	code  string
}

// edge is one mapping pair seen from one side.
type edge struct {
	other  int32
	rel    Relation
	source string
}

// gazetteer is the parsed data, built once.
type gazetteer struct {
	units []Unit
	byKey map[unitKey]int32
	succ  map[int32][]edge // old unit → new units
	pred  map[int32][]edge // new unit → old units
	names *nameIndex
}

var data = sync.OnceValue(func() *gazetteer {
	g, err := load(unitsGz, linksGz)
	if err != nil {
		// The data is generated and tested; a failure here is a build defect.
		panic("place: embedded data: " + err.Error())
	}
	return g
})

func load(unitsData, linksData []byte) (*gazetteer, error) {
	g := &gazetteer{byKey: map[unitKey]int32{}, succ: map[int32][]edge{}, pred: map[int32][]edge{}}
	err := eachRow(unitsData, 7, func(f []string) error {
		u := Unit{Era: Era(f[0]), Level: Level(f[1]), Code: f[2], Type: f[3], Name: f[4], ProvinceCode: f[5], DistrictCode: f[6]}
		k := unitKey{u.Era, u.Level, u.Code}
		if _, dup := g.byKey[k]; dup {
			return fmt.Errorf("duplicate unit %v", k)
		}
		g.byKey[k] = int32(len(g.units))
		g.units = append(g.units, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	// District links are derived from the commune links below; the five
	// district→đặc khu links are in the data as they are.
	districtReach := map[int32]map[int32]bool{}
	err = eachRow(linksData, 6, func(f []string) error {
		oi, ok := g.byKey[unitKey{Old, Level(f[0]), f[1]}]
		if !ok {
			return fmt.Errorf("unknown old %s %s", f[0], f[1])
		}
		ni, ok := g.byKey[unitKey{New, Level(f[2]), f[3]}]
		if !ok {
			return fmt.Errorf("unknown new %s %s", f[2], f[3])
		}
		rel := Relation(f[4])
		g.succ[oi] = append(g.succ[oi], edge{ni, rel, f[5]})
		g.pred[ni] = append(g.pred[ni], edge{oi, rel, f[5]})
		if Level(f[0]) == Commune {
			d, ok := g.byKey[unitKey{Old, District, g.units[oi].DistrictCode}]
			if !ok {
				return fmt.Errorf("old commune %s: unknown district", f[1])
			}
			if districtReach[d] == nil {
				districtReach[d] = map[int32]bool{}
			}
			districtReach[d][ni] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	for d, reach := range districtReach {
		rel := Part
		if len(reach) == 1 {
			rel = Whole
		}
		for ni := range reach {
			g.succ[d] = append(g.succ[d], edge{ni, rel, "derived"})
		}
	}
	byCode := func(a, b edge) int {
		ua, ub := g.units[a.other], g.units[b.other]
		if c := levelRank(ua.Level) - levelRank(ub.Level); c != 0 {
			return c
		}
		return strings.Compare(ua.Code, ub.Code)
	}
	for _, m := range []map[int32][]edge{g.succ, g.pred} {
		for k := range m {
			slices.SortFunc(m[k], byCode)
		}
	}
	g.names = buildNameIndex(g)
	return g, nil
}

// eachRow calls fn for each body row of a gzip-compressed TSV with n fields.
func eachRow(gz []byte, n int, fn func([]string) error) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != n {
			return fmt.Errorf("row %q: %d fields, want %d", sc.Text(), len(f), n)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return sc.Err()
}
