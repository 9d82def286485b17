// Package build turns the official unit lists and the old→new mapping in
// shared/gazetteer/derived into the compact data that package place embeds.
//
// It reads only columns that are facts (codes, names, types, hierarchy,
// whole/part, which source supports a pair); the NSO note text is not copied.
// Before it writes anything it checks the lists against each other and
// against the verified counts of SOURCES.md, so a bad input fails the
// generator instead of shipping a broken gazetteer. The output is a pure
// function of the input files and Options: running it twice gives the same
// bytes.
package build

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Version identifies the generator; bump it when the output format or the
// rules that produce it change.
const Version = "place-gen/1"

// Output file names, relative to the output directory.
const (
	UnitsFile      = "units.tsv.gz"
	LinksFile      = "links.tsv.gz"
	ProvenanceFile = "PROVENANCE"
)

// Input files, relative to the input directory.
const (
	fileSources         = "SOURCES.md"
	fileOldUnits        = "derived/old_units_pre_2025-07-01.tsv"
	fileNewUnits        = "derived/new_units_2025-07-01.tsv"
	fileCommuneMap      = "derived/old_to_new_commune_mapping.tsv"
	fileProvinceMap     = "derived/old_province_to_new.tsv"
	fileDistrictMap     = "derived/old_district_to_new.tsv"
	fileNewSources      = "derived/new_commune_sources.tsv"
	licenceThanglequoc  = "upstream/thanglequoc-vietnamese-provinces-database/LICENSE"
	licenceDvhcvn       = "upstream/dvhcvn-20250701/LICENSE"
	provenanceNSOCopied = "upstream/nso-conversion-table/PROVENANCE.md"
)

// inputs are hashed into PROVENANCE in this order.
var inputs = []string{
	fileSources, fileOldUnits, fileNewUnits, fileCommuneMap, fileProvinceMap,
	fileDistrictMap, fileNewSources, licenceThanglequoc, licenceDvhcvn, provenanceNSOCopied,
}

// Expected counts (SOURCES.md, "Verified counts").
var expected = map[string]int{
	"old province": 63, "old district": 696, "old commune": 10035,
	"new province": 34, "new commune": 3321,
}

// Options control one run.
type Options struct {
	// Dir is the gazetteer directory (the one holding SOURCES.md and derived/).
	Dir string
	// Date is recorded in PROVENANCE as the generation date (YYYY-MM-DD). It
	// is an input, not the clock, so that regeneration is byte-identical.
	Date string
}

type unit struct {
	era, level, code, typ, name, province, district string
}

type link struct {
	oldLevel, oldCode, newLevel, newCode, relation, source string
}

// Generate reads the gazetteer at opts.Dir, checks it and returns the output
// files by name.
func Generate(opts Options) (map[string][]byte, error) {
	if opts.Date == "" {
		return nil, fmt.Errorf("build: no date")
	}
	read := func(name string) ([][]string, error) { return readTSV(filepath.Join(opts.Dir, name)) }

	oldRows, err := read(fileOldUnits)
	if err != nil {
		return nil, err
	}
	newRows, err := read(fileNewUnits)
	if err != nil {
		return nil, err
	}
	var units []unit
	for _, r := range oldRows {
		u, err := toUnit("old", r, true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fileOldUnits, err)
		}
		units = append(units, u)
	}
	for _, r := range newRows {
		u, err := toUnit("new", r, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fileNewUnits, err)
		}
		units = append(units, u)
	}
	byKey := map[string]unit{}
	counts := map[string]int{}
	for _, u := range units {
		k := u.era + "/" + u.level + "/" + u.code
		if _, dup := byKey[k]; dup {
			return nil, fmt.Errorf("duplicate unit %s", k)
		}
		byKey[k] = u
		counts[u.era+" "+u.level]++
	}
	for k, want := range expected {
		if counts[k] != want {
			return nil, fmt.Errorf("%s units: got %d, want %d", k, counts[k], want)
		}
	}
	for _, u := range units {
		if u.province != "" {
			if _, ok := byKey[u.era+"/province/"+u.province]; !ok {
				return nil, fmt.Errorf("%s %s %s: unknown province %s", u.era, u.level, u.code, u.province)
			}
		}
		if u.district != "" {
			if _, ok := byKey[u.era+"/district/"+u.district]; !ok {
				return nil, fmt.Errorf("%s %s %s: unknown district %s", u.era, u.level, u.code, u.district)
			}
		}
	}

	links, err := communeLinks(opts.Dir, byKey)
	if err != nil {
		return nil, err
	}
	provLinks, err := provinceLinks(opts.Dir, byKey, links)
	if err != nil {
		return nil, err
	}
	if err := checkDistricts(opts.Dir, byKey, links); err != nil {
		return nil, err
	}
	if err := checkNewSources(opts.Dir, links); err != nil {
		return nil, err
	}
	links = append(provLinks, links...)

	slices.SortFunc(units, func(a, b unit) int {
		return strings.Compare(sortKey(a.era, a.level, a.code), sortKey(b.era, b.level, b.code))
	})
	slices.SortFunc(links, func(a, b link) int {
		if c := strings.Compare(sortKey("old", a.oldLevel, a.oldCode), sortKey("old", b.oldLevel, b.oldCode)); c != 0 {
			return c
		}
		return strings.Compare(sortKey("new", a.newLevel, a.newCode), sortKey("new", b.newLevel, b.newCode))
	})

	var ub bytes.Buffer
	ub.WriteString("era\tlevel\tcode\ttype\tname\tprovince_code\tdistrict_code\n")
	for _, u := range units {
		fmt.Fprintf(&ub, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.era, u.level, u.code, u.typ, u.name, u.province, u.district)
	}
	var lb bytes.Buffer
	lb.WriteString("old_level\told_code\tnew_level\tnew_code\trelation\tsource\n")
	for _, l := range links {
		fmt.Fprintf(&lb, "%s\t%s\t%s\t%s\t%s\t%s\n", l.oldLevel, l.oldCode, l.newLevel, l.newCode, l.relation, l.source)
	}
	uz, err := gz(ub.Bytes())
	if err != nil {
		return nil, err
	}
	lz, err := gz(lb.Bytes())
	if err != nil {
		return nil, err
	}
	prov, err := provenance(opts, counts, links, map[string][]byte{UnitsFile: uz, LinksFile: lz})
	if err != nil {
		return nil, err
	}
	return map[string][]byte{UnitsFile: uz, LinksFile: lz, ProvenanceFile: prov}, nil
}

func sortKey(era, level, code string) string {
	e := map[string]string{"old": "0", "new": "1"}[era]
	l := map[string]string{"province": "0", "district": "1", "commune": "2"}[level]
	return e + l + code
}

// toUnit reads one row of the unit lists: level, code, name, type,
// province_code[, district_code]. The name is stored without its type prefix.
func toUnit(era string, r []string, hasDistrict bool) (unit, error) {
	want := 5
	if hasDistrict {
		want = 6
	}
	if len(r) != want {
		return unit{}, fmt.Errorf("row %q: %d fields, want %d", r, len(r), want)
	}
	u := unit{era: era, level: r[0], code: r[1], typ: r[3], province: r[4]}
	if hasDistrict {
		u.district = r[5]
	}
	name, ok := strings.CutPrefix(r[2], u.typ+" ")
	if !ok || name == "" {
		return unit{}, fmt.Errorf("%s %s: name %q does not start with its type %q", u.level, u.code, r[2], u.typ)
	}
	u.name = name
	switch u.level {
	case "province", "district", "commune":
	default:
		return unit{}, fmt.Errorf("%s: unknown level %q", u.code, u.level)
	}
	return u, nil
}

// communeLinks reads the commune mapping (and the five district→đặc khu rows).
func communeLinks(dir string, byKey map[string]unit) ([]link, error) {
	rows, err := readTSV(filepath.Join(dir, fileCommuneMap))
	if err != nil {
		return nil, err
	}
	var out []link
	seen := map[string]bool{}
	for _, r := range rows {
		if len(r) != 19 {
			return nil, fmt.Errorf("%s: row %q: %d fields", fileCommuneMap, r, len(r))
		}
		l := link{oldLevel: r[0], oldCode: r[6], newLevel: "commune", newCode: r[11], relation: r[14], source: r[15]}
		old, ok := byKey["old/"+l.oldLevel+"/"+l.oldCode]
		if !ok {
			return nil, fmt.Errorf("%s: unknown old %s %s", fileCommuneMap, l.oldLevel, l.oldCode)
		}
		if got := old.typ + " " + old.name; got != r[7] {
			return nil, fmt.Errorf("%s: old %s is %q in the unit list, %q in the mapping", fileCommuneMap, l.oldCode, got, r[7])
		}
		nu, ok := byKey["new/commune/"+l.newCode]
		if !ok {
			return nil, fmt.Errorf("%s: unknown new commune %s", fileCommuneMap, l.newCode)
		}
		if got := nu.typ + " " + nu.name; got != r[12] {
			return nil, fmt.Errorf("%s: new %s is %q in the unit list, %q in the mapping", fileCommuneMap, l.newCode, got, r[12])
		}
		if l.relation != "whole" && l.relation != "part" {
			return nil, fmt.Errorf("%s: %s→%s: relation %q", fileCommuneMap, l.oldCode, l.newCode, l.relation)
		}
		k := l.oldLevel + l.oldCode + "→" + l.newCode
		if seen[k] {
			return nil, fmt.Errorf("%s: duplicate pair %s", fileCommuneMap, k)
		}
		seen[k] = true
		out = append(out, l)
	}
	// Every old commune and every new commune is covered.
	hasOld, hasNew := map[string]bool{}, map[string]bool{}
	for _, l := range out {
		hasOld[l.oldLevel+l.oldCode] = true
		hasNew[l.newCode] = true
	}
	for _, u := range byKey {
		if u.level != "commune" {
			continue
		}
		if u.era == "old" && !hasOld["commune"+u.code] {
			return nil, fmt.Errorf("old commune %s %s has no successor", u.code, u.name)
		}
		if u.era == "new" && !hasNew[u.code] {
			return nil, fmt.Errorf("new commune %s %s has no predecessor", u.code, u.name)
		}
	}
	return out, nil
}

// provinceLinks reads old_province_to_new.tsv and checks it against the
// provinces the commune mapping implies.
func provinceLinks(dir string, byKey map[string]unit, communes []link) ([]link, error) {
	rows, err := readTSV(filepath.Join(dir, fileProvinceMap))
	if err != nil {
		return nil, err
	}
	implied := map[string]map[string]bool{}
	for _, l := range communes {
		old := byKey["old/"+l.oldLevel+"/"+l.oldCode]
		nu := byKey["new/commune/"+l.newCode]
		if implied[old.province] == nil {
			implied[old.province] = map[string]bool{}
		}
		implied[old.province][nu.province] = true
	}
	var out []link
	for _, r := range rows {
		if len(r) != 6 {
			return nil, fmt.Errorf("%s: row %q: %d fields", fileProvinceMap, r, len(r))
		}
		oldCode, newCode := r[0], r[3]
		if _, ok := byKey["old/province/"+oldCode]; !ok {
			return nil, fmt.Errorf("%s: unknown old province %s", fileProvinceMap, oldCode)
		}
		if _, ok := byKey["new/province/"+newCode]; !ok {
			return nil, fmt.Errorf("%s: unknown new province %s", fileProvinceMap, newCode)
		}
		if len(implied[oldCode]) != 1 || !implied[oldCode][newCode] {
			return nil, fmt.Errorf("%s: %s→%s disagrees with the commune mapping %v", fileProvinceMap, oldCode, newCode, implied[oldCode])
		}
		out = append(out, link{oldLevel: "province", oldCode: oldCode, newLevel: "province", newCode: newCode, relation: "whole", source: "derived"})
	}
	if len(out) != expected["old province"] {
		return nil, fmt.Errorf("%s: %d rows, want %d", fileProvinceMap, len(out), expected["old province"])
	}
	return out, nil
}

// checkDistricts checks that the new communes each old district reaches
// through its communes (or directly, for the five đặc khu) are exactly those
// of old_district_to_new.tsv.
func checkDistricts(dir string, byKey map[string]unit, communes []link) error {
	rows, err := readTSV(filepath.Join(dir, fileDistrictMap))
	if err != nil {
		return err
	}
	reach := map[string]map[string]bool{}
	for _, l := range communes {
		d := l.oldCode
		if l.oldLevel == "commune" {
			d = byKey["old/commune/"+l.oldCode].district
		}
		if reach[d] == nil {
			reach[d] = map[string]bool{}
		}
		reach[d][l.newCode] = true
	}
	if len(rows) != expected["old district"] {
		return fmt.Errorf("%s: %d rows", fileDistrictMap, len(rows))
	}
	for _, r := range rows {
		if len(r) != 11 {
			return fmt.Errorf("%s: row %q: %d fields", fileDistrictMap, r, len(r))
		}
		want := strings.Split(r[9], ";")
		got := reach[r[2]]
		if len(got) != len(want) {
			return fmt.Errorf("%s: district %s: %d new communes in the file, %d from the commune mapping", fileDistrictMap, r[2], len(want), len(got))
		}
		for _, c := range want {
			if !got[c] {
				return fmt.Errorf("%s: district %s: new commune %s not reached by the commune mapping", fileDistrictMap, r[2], c)
			}
		}
	}
	return nil
}

// checkNewSources checks new_commune_sources.tsv against the commune mapping.
func checkNewSources(dir string, communes []link) error {
	rows, err := readTSV(filepath.Join(dir, fileNewSources))
	if err != nil {
		return err
	}
	got := map[string][]string{}
	for _, l := range communes {
		got[l.newCode] = append(got[l.newCode], l.oldCode+":"+l.relation)
	}
	if len(rows) != expected["new commune"] {
		return fmt.Errorf("%s: %d rows", fileNewSources, len(rows))
	}
	for _, r := range rows {
		if len(r) != 10 {
			return fmt.Errorf("%s: row %q: %d fields", fileNewSources, r, len(r))
		}
		want := strings.Split(r[8], ";")
		g := slices.Clone(got[r[2]])
		slices.Sort(want)
		slices.Sort(g)
		if !slices.Equal(g, want) {
			return fmt.Errorf("%s: new commune %s: sources %v, mapping gives %v", fileNewSources, r[2], want, g)
		}
	}
	return nil
}

func provenance(opts Options, counts map[string]int, links []link, outputs map[string][]byte) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Provenance of place/data (generated; do not edit: run `go generate ./place/`)\n")
	fmt.Fprintf(&b, "generator: %s (github.com/dra-archive/dra/place/internal/gen)\n", Version)
	fmt.Fprintf(&b, "generated: %s\n", opts.Date)
	fmt.Fprintf(&b, "input: shared/gazetteer (see its SOURCES.md: compiled 2026-11-26 from public snapshots)\n")
	fmt.Fprintf(&b, "state: old units = thanglequoc/vietnamese-provinces-database v2.4.1 (after 1365/NQ-UBTVQH15, before 2025-07-01);\n")
	fmt.Fprintf(&b, "       new units = thanglequoc v3.0.2 (19/2025/QD-TTg, effective 2025-07-01; Xa Ba Che coded 06970);\n")
	fmt.Fprintf(&b, "       mapping = NSO conversion table as corrected in derived/, cross-checked with dvhcvn/20250701\n")
	b.WriteString("\ninput files (sha256):\n")
	for _, name := range inputs {
		data, err := os.ReadFile(filepath.Join(opts.Dir, name))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	b.WriteString("\noutput files (sha256):\n")
	for _, name := range []string{UnitsFile, LinksFile} {
		sum := sha256.Sum256(outputs[name])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	b.WriteString("\ncounts:\n")
	for _, k := range []string{"old province", "old district", "old commune", "new province", "new commune"} {
		fmt.Fprintf(&b, "%s: %d\n", k, counts[k])
	}
	byKind := map[string]int{}
	for _, l := range links {
		byKind[l.oldLevel]++
	}
	fmt.Fprintf(&b, "links: %d (%d province, %d commune, %d district to dac khu)\n",
		len(links), byKind["province"], byKind["commune"], byKind["district"])
	b.WriteString(`
licences:
- unit codes, names, types, hierarchy: thanglequoc/vietnamese-provinces-database, MIT (c) 2021 Thang Le Quoc;
  the codes and names are official GSO/NSO data (19/2025/QD-TTg).
- old->new pairs and whole/part: the NSO conversion table (no licence stated; treated as reference data) and
  dvhcvn/20250701 (MIT (c) 2025 dvhcvn). 10,564 of the 10,571 pairs are supported by both (source=nso+dvhcvn),
  6 by the NSO table only (source=nso), 1 by dvhcvn checked against 1671/NQ-UBTVQH15 (source=dvhcvn).
- copied columns: codes, names without their type prefix, types, province/district codes, relation, source.
  The NSO note text (nso_note, nso_old_name) is NOT copied (SOURCES.md, "Licences").
`)
	return b.Bytes(), nil
}

// gz compresses deterministically: no name, no modification time.
func gz(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// readTSV reads a tab-separated file with a header row and returns the body
// rows.
func readTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if first {
			first = false
			continue
		}
		if line == "" {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}
