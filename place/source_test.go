package place

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dra-archive/dra/internal/testenv"
	"github.com/dra-archive/dra/place/internal/build"
)

var update = flag.Bool("update", false, "rewrite testdata/mapping_sample.tsv from ../shared/gazetteer")

// gazetteerDir is shared/gazetteer, next to the repository: ../shared/gazetteer
// from the repository root (DRA_GAZETTEER_DIR overrides it). It returns ""
// when the directory is absent, and fails the test when it is absent in CI.
func gazetteerDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("DRA_GAZETTEER_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "gazetteer")
	}
	if _, err := os.Stat(filepath.Join(dir, "SOURCES.md")); err != nil {
		if testenv.CI() {
			t.Fatalf("gazetteer sources not found at %s (%v): CI must have them", dir, err)
		}
		return ""
	}
	return dir
}

func readTSV(t testing.TB, path string) (header []string, rows [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = f
			continue
		}
		rows = append(rows, f)
	}
	return header, rows
}

// The generated data in data/ is what the generator makes from the sources,
// byte for byte. The generation date is read back from PROVENANCE.
func TestRegeneratedDataIsIdentical(t *testing.T) {
	t.Parallel()
	dir := gazetteerDir(t)
	if dir == "" {
		t.Skip("../shared/gazetteer absent (outside CI): regeneration not checked")
	}
	date := regexp.MustCompile(`(?m)^generated: (\S+)$`).FindSubmatch(provenance)
	if date == nil {
		t.Fatal("PROVENANCE has no generated: line")
	}
	files, err := build.Generate(build.Options{Dir: dir, Date: string(date[1])})
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range files {
		want, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s differs from what the generator makes from %s: run go generate ./place/", name, dir)
		}
	}
}

func TestProvenanceMatchesEmbeddedData(t *testing.T) {
	p := Provenance()
	for _, want := range []string{build.Version, "derived/old_units_pre_2025-07-01.tsv",
		"derived/old_to_new_commune_mapping.tsv", "MIT", "no licence stated"} {
		if !strings.Contains(p, want) {
			t.Errorf("PROVENANCE lacks %q", want)
		}
	}
	for name, data := range map[string][]byte{build.UnitsFile: unitsGz, build.LinksFile: linksGz} {
		sum := sha256.Sum256(data)
		if line := hex.EncodeToString(sum[:]) + "  " + name; !strings.Contains(p, line) {
			t.Errorf("PROVENANCE does not record the embedded %s (%s)", name, line)
		}
	}
	if n := len(unitsGz) + len(linksGz); n > 400_000 {
		t.Errorf("embedded data is %d bytes; it should stay well under 1 MB", n)
	}
}

const sampleFile = "testdata/mapping_sample.tsv"

var sampleColumns = []string{"old_level", "old_province_code", "old_district_code", "old_code", "old_name",
	"new_province_code", "new_code", "new_name", "relation", "source"}

// sampleRows picks 50 rows of the commune mapping: every 211th from the
// 8th, so the sample spans all provinces and is the same on every run.
func sampleRows(t testing.TB, dir string) [][]string {
	header, rows := readTSV(t, filepath.Join(dir, "derived", "old_to_new_commune_mapping.tsv"))
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var out [][]string
	for i := range 50 {
		r := rows[7+211*i]
		row := []string{strconv.Itoa(7 + 211*i)}
		for _, c := range sampleColumns {
			row = append(row, r[col[c]])
		}
		out = append(out, row)
	}
	return out
}

// Fifty sampled old→new pairs of the source mapping are in the gazetteer,
// both ways. The sample is a fixture in testdata so that the test runs
// without ../shared; when ../shared is there, the fixture must be the sample.
func TestSampledMappingsMatchSource(t *testing.T) {
	_, fixture := readTSV(t, sampleFile)
	if dir := gazetteerDir(t); dir != "" {
		want := sampleRows(t, dir)
		if *update {
			var b strings.Builder
			b.WriteString("row\t" + strings.Join(sampleColumns, "\t") + "\n")
			for _, r := range want {
				b.WriteString(strings.Join(r, "\t") + "\n")
			}
			if err := os.WriteFile(sampleFile, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			fixture = want
		}
		if !slices.EqualFunc(fixture, want, slices.Equal) {
			t.Fatalf("%s is not the current sample of the source mapping: run go test ./place -run SampledMappings -update", sampleFile)
		}
	}
	if len(fixture) != 50 {
		t.Fatalf("%d sampled rows, want 50", len(fixture))
	}
	relations := map[Relation]int{}
	for _, r := range fixture {
		name := "row " + r[0] + " " + r[4] + "→" + r[7]
		t.Run(name, func(t *testing.T) {
			oldLevel, oldProv, oldDist, oldCode, oldName := Level(r[1]), r[2], r[3], r[4], r[5]
			newProv, newCode, newName, rel, source := r[6], r[7], r[8], Relation(r[9]), r[10]
			old, ok := Lookup(Old, oldLevel, oldCode)
			if !ok {
				t.Fatalf("old %s %s not found", oldLevel, oldCode)
			}
			if old.FullName() != oldName || old.ProvinceCode != oldProv || (oldLevel == Commune && old.DistrictCode != oldDist) {
				t.Errorf("old unit: got %v in %s/%s, want %s in %s/%s", old, old.ProvinceCode, old.DistrictCode, oldName, oldProv, oldDist)
			}
			nu, ok := Lookup(New, Commune, newCode)
			if !ok {
				t.Fatalf("new commune %s not found", newCode)
			}
			if nu.FullName() != newName || nu.ProvinceCode != newProv {
				t.Errorf("new unit: got %v in %s, want %s in %s", nu, nu.ProvinceCode, newName, newProv)
			}
			want := Mapping{Old: old, New: nu, Relation: rel, Source: source}
			if !slices.Contains(Successors(old), want) {
				t.Errorf("Successors(%v) lacks %+v", old, want)
			}
			if !slices.Contains(Predecessors(nu), want) {
				t.Errorf("Predecessors(%v) lacks %+v", nu, want)
			}
			relations[rel]++
		})
	}
	if relations[Whole] == 0 || relations[Part] == 0 {
		t.Errorf("the sample should hold both relations: %v", relations)
	}
}

// thanhTriNew are the new communes of old Huyện Thanh Trì (01/020), as
// old_district_to_new.tsv lists them.
var thanhTriNew = []string{"00337", "00640", "00664", "00316", "00364", "00643", "09556", "09568", "00340", "00685", "00679", "10183", "10210"}

func TestThanhTriSuccessors(t *testing.T) {
	want := slices.Clone(thanhTriNew)
	if dir := gazetteerDir(t); dir != "" {
		_, rows := readTSV(t, filepath.Join(dir, "derived", "old_district_to_new.tsv"))
		i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "01" && r[2] == "020" })
		if i < 0 {
			t.Fatal("no row for district 020 in old_district_to_new.tsv")
		}
		if r := rows[i]; r[3] != "Huyện Thanh Trì" || r[9] != strings.Join(thanhTriNew, ";") {
			t.Fatalf("source row %q differs from the test's copy", r)
		}
	}
	d, ok := Lookup(Old, District, "020")
	if !ok || d.FullName() != "Huyện Thanh Trì" || d.ProvinceCode != "01" {
		t.Fatalf("Lookup(old, district, 020) = %v, %v", d, ok)
	}
	var got []string
	for _, m := range Successors(d) {
		if m.Old != d || m.New.Era != New || m.New.ProvinceCode != "01" || m.Relation != Part {
			t.Errorf("unexpected mapping %+v", m)
		}
		got = append(got, m.New.Code)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Successors(Huyện Thanh Trì) = %v, want %v", got, want)
	}
	// Each of them has an old commune of Thanh Trì among its predecessors.
	for _, code := range want {
		nu, _ := Lookup(New, Commune, code)
		if !slices.ContainsFunc(Predecessors(nu), func(m Mapping) bool { return m.Old.DistrictCode == "020" }) {
			t.Errorf("Predecessors(%v) has no commune of Thanh Trì", nu)
		}
	}
}
