package place

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func unitOf(t testing.TB, era Era, level Level, code string) Unit {
	t.Helper()
	u, ok := Lookup(era, level, code)
	if !ok {
		t.Fatalf("no %s %s %s", era, level, code)
	}
	return u
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		query string
		opts  []FindOption
		want  []string // leading results, as "era level code"
		none  bool
	}{
		{name: "type word", query: "huyện Thanh Trì", want: []string{"old district 020"}},
		{name: "capitalised type word", query: "Huyện Thanh Trì", want: []string{"old district 020"}},
		{name: "abbreviation", query: "H. Thanh Trì", want: []string{"old district 020"}},
		{name: "English, no diacritics", query: "Thanh Tri district", want: []string{"old district 020"}},
		{name: "bare name: district, then communes", query: "Thanh Trì", want: []string{"old district 020", "old commune 00301", "new commune 00640"}},
		{name: "exact diacritics rank first", query: "Thạnh Trị", want: []string{"old district 949"}},
		{name: "no diacritics finds both", query: "thanh tri", opts: []FindOption{AtLevel(District)}, want: []string{"old district 020", "old district 949"}},
		{name: "wrong type finds nothing", query: "Quận Thanh Trì", none: true},
		{name: "province abbreviation", query: "TP. Hà Nội", want: []string{"old province 01", "new province 01"}},
		{name: "province type word", query: "thành phố Hà Nội", opts: []FindOption{InEra(New)}, want: []string{"new province 01"}},
		{name: "exonym", query: "Hanoi", want: []string{"old province 01", "new province 01"}},
		{name: "exonym with space", query: "Ha Noi", want: []string{"old province 01", "new province 01"}},
		{name: "quận abbreviation", query: "Q. Ba Đình", want: []string{"old district 001"}},
		{name: "thị xã abbreviation", query: "TX. Sơn Tây", want: []string{"old district 269"}},
		{name: "phường abbreviation", query: "P. Hoàng Liệt", opts: []FindOption{InEra(New)}, want: []string{"new commune 00337"}},
		{name: "xã abbreviation", query: "X. Tả Thanh Oai", want: []string{"old commune 00649"}},
		{name: "old tone placement", query: "Xã Hữu Hoà", want: []string{"old commune 00652"}},
		{name: "new tone placement", query: "Xã Hữu Hòa", want: []string{"old commune 00652"}},
		{name: "numbered ward", query: "Quận 1", want: []string{"old district 760"}},
		{name: "province filter", query: "Trần Phú", opts: []FindOption{InEra(New), InProvince("01")}, want: []string{"new commune 10081"}},
		{name: "state-farm town spelled out", query: "thị trấn Nông trường Liên Sơn", want: []string{"old commune 04621"}},
		{name: "name that starts like a type word", query: "Phường Đúc", want: []string{"old commune 19780"}},
		{name: "former province name", query: "tỉnh Thừa Thiên Huế", want: []string{"old province 46", "new province 46"}},
		{name: "HCMC", query: "TP.HCM", want: []string{"old province 79", "new province 79"}},
		{name: "empty", query: "", none: true},
		{name: "type word only", query: "huyện", none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.query, tt.opts...)
			if tt.none {
				if len(got) != 0 {
					t.Errorf("Find(%q) = %v, want nothing", tt.query, got)
				}
				return
			}
			if len(got) < len(tt.want) {
				t.Fatalf("Find(%q) = %v, want %v first", tt.query, got, tt.want)
			}
			for i, w := range tt.want {
				if k := string(got[i].Era) + " " + string(got[i].Level) + " " + got[i].Code; k != w {
					t.Errorf("Find(%q)[%d] = %v, want %s", tt.query, i, got[i], w)
				}
			}
		})
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		name string
		unit Unit
		want []string
	}{
		{name: "district", unit: unitOf(t, Old, District, "020"),
			want: []string{"Huyện Thanh Trì", "huyện Thanh Trì", "H. Thanh Trì", "Thanh Trì", "Thanh Trì District", "Thanh Tri District", "Thanh Tri"}},
		{name: "province", unit: unitOf(t, New, Province, "01"),
			want: []string{"Thành phố Hà Nội", "thành phố Hà Nội", "TP. Hà Nội", "TP Hà Nội", "Hà Nội", "Hanoi", "Ha Noi", "Hà Nội City"}},
		{name: "quận", unit: unitOf(t, Old, District, "001"), want: []string{"Q. Ba Đình", "Quận Ba Đình"}},
		{name: "thị xã", unit: unitOf(t, Old, District, "269"), want: []string{"TX. Sơn Tây", "thị xã Sơn Tây", "Son Tay Town"}},
		{name: "commune tone placements", unit: unitOf(t, Old, Commune, "00652"),
			want: []string{"Xã Hữu Hoà", "X. Hữu Hoà", "Xã Hữu Hòa", "Huu Hoa", "Huu Hoa Commune"}},
		{name: "ward", unit: unitOf(t, New, Commune, "00337"), want: []string{"P. Hoàng Liệt", "phường Hoàng Liệt", "Hoang Liet Ward"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Variants(tt.unit)
			if got[0] != tt.unit.FullName() {
				t.Errorf("Variants[0] = %q, want the full name %q", got[0], tt.unit.FullName())
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Variants(%v) lacks %q: %q", tt.unit, w, got)
				}
			}
		})
	}
}

// Every variant of a sample of units finds the unit, and the typed ones are
// matched in running text.
func TestVariantsAreFoundAndMatched(t *testing.T) {
	t.Parallel()
	m := NewMatcher()
	units := Units("", "")
	for i := 0; i < len(units); i += 37 {
		u := units[i]
		for _, v := range Variants(u) {
			if !slices.Contains(Find(v), u) {
				t.Errorf("Find(%q) does not find %v", v, u)
			}
		}
		typed := u.Type + " " + u.Name
		text := "Báo cáo của " + typed + " năm 2020."
		ms := m.Match(text, Hint{Era: u.Era, Province: provinceOf(u)})
		if len(ms) != 1 || (ms[0].Unit != u && !slices.Contains(ms[0].Alternatives, u)) {
			t.Errorf("Match(%q) = %+v, want %v", text, ms, u)
		}
	}
}

type wantMention struct {
	text string
	unit string // "era level code"
}

func key(u Unit) string { return string(u.Era) + " " + string(u.Level) + " " + u.Code }

func TestMatch(t *testing.T) {
	hanoi := Hint{Era: Old, Province: "01"}
	thanhTri := Hint{Era: Old, District: "020"}
	tests := []struct {
		name string
		text string
		hint Hint
		want []wantMention
	}{
		{name: "type word", text: "Đảng bộ huyện Thanh Trì đã", want: []wantMention{{"huyện Thanh Trì", "old district 020"}}},
		{name: "capitalised type word", text: "Huyện Thanh Trì tổ chức", want: []wantMention{{"Huyện Thanh Trì", "old district 020"}}},
		{name: "abbreviation", text: "UBND H. Thanh Trì", want: []wantMention{{"H. Thanh Trì", "old district 020"}}},
		{name: "English suffix", text: "in Thanh Tri district, Hanoi", want: []wantMention{{"Thanh Tri district", "old district 020"}, {"Hanoi", "old province 01"}}},
		{name: "party committee", text: "Huyện ủy Thanh Trì", want: []wantMention{{"Huyện ủy Thanh Trì", "old district 020"}}},
		{name: "party committee, other tone placement", text: "Huyện uỷ Thanh Trì", want: []wantMention{{"Huyện uỷ Thanh Trì", "old district 020"}}},
		{name: "no diacritics", text: "huyen Thanh Tri", want: []wantMention{{"huyen Thanh Tri", "old district 020"}}},
		{name: "commune", text: "xã Tả Thanh Oai", want: []wantMention{{"xã Tả Thanh Oai", "old commune 00649"}}},
		{name: "quận", text: "quận Hoàn Kiếm", want: []wantMention{{"quận Hoàn Kiếm", "old district 002"}}},
		{name: "thị xã is not xã", text: "thị xã Sơn Tây", want: []wantMention{{"thị xã Sơn Tây", "old district 269"}}},
		{name: "TX.", text: "TX. Sơn Tây", want: []wantMention{{"TX. Sơn Tây", "old district 269"}}},
		{name: "TP.", text: "TP. Hà Nội", want: []wantMention{{"TP. Hà Nội", "old province 01"}}},
		{name: "TP.HCM", text: "tại TP.HCM", want: []wantMention{{"TP.HCM", "old province 79"}}},
		{name: "thành phố, new era", text: "thành phố Hà Nội", hint: Hint{Era: New}, want: []wantMention{{"thành phố Hà Nội", "new province 01"}}},
		{name: "tỉnh", text: "tỉnh Hà Giang", want: []wantMention{{"tỉnh Hà Giang", "old province 02"}}},
		{name: "former province name", text: "tỉnh Thừa Thiên Huế", want: []wantMention{{"tỉnh Thừa Thiên Huế", "old province 46"}}},
		{name: "numbered district", text: "Q.1 và quận 3", want: []wantMention{{"Q.1", "old district 760"}, {"quận 3", "old district 770"}}},
		{name: "P.", text: "P. Hoàng Liệt", hint: Hint{Era: New, Province: "01"}, want: []wantMention{{"P. Hoàng Liệt", "new commune 00337"}}},
		{name: "new commune of a district portal", text: "xã Thanh Trì", hint: thanhTri, want: []wantMention{{"xã Thanh Trì", "new commune 00640"}}},
		{name: "old ward in Hoàng Mai", text: "phường Thanh Trì", hint: hanoi, want: []wantMention{{"phường Thanh Trì", "old commune 00301"}}},
		{name: "bare province", text: "Hà Nội, Hà Giang", want: []wantMention{{"Hà Nội", "old province 01"}, {"Hà Giang", "old province 02"}}},
		{name: "bare commune with a hint", text: "Tại Tả Thanh Oai, người dân", hint: hanoi, want: []wantMention{{"Tả Thanh Oai", "old commune 00649"}}},
		{name: "bare commune without a hint", text: "Tại Tả Thanh Oai, người dân"},
		{name: "bare district name on its portal", text: "Tuyên giáo Thanh Trì", hint: thanhTri, want: []wantMention{{"Thanh Trì", "old district 020"}}},
		{name: "bare name ambiguous in the province", text: "Tuyên giáo Thanh Trì", hint: hanoi},
		{name: "lower-case words are not names", text: "phát triển kinh tế - xã hội, huyện nhiệm kỳ"},
		{name: "type word with other diacritics", text: "quân Hoàn Kiếm"},
		{name: "street", text: "phố Tả Thanh Oai", hint: hanoi},
		{name: "street, longer name", text: "đường Hoàng Hoa Thám", hint: Hint{Era: New, Province: "33"}},
		{name: "school", text: "Trường THCS Tả Thanh Oai", hint: hanoi},
		{name: "company", text: "Công ty cổ phần Tả Thanh Oai", hint: hanoi},
		{name: "hospital", text: "Bệnh viện Đa khoa Tả Thanh Oai", hint: hanoi},
		{name: "market", text: "chợ Tả Thanh Oai", hint: hanoi},
		{name: "person", text: "ông Nguyễn Văn Tả Thanh Oai", hint: hanoi},
		{name: "title", text: "đồng chí Tả Thanh Oai", hint: hanoi},
		{name: "proper noun goes on", text: "Tả Thanh Oai Xanh", hint: hanoi},
		{name: "hero name of three words", text: "Hoàng Hoa Thám", hint: Hint{Era: New, Province: "33"}},
		{name: "typed hero name is a place", text: "xã Hoàng Hoa Thám", hint: Hint{Era: New, Province: "33"}, want: []wantMention{{"xã Hoàng Hoa Thám", "new commune 12337"}}},
		{name: "cooperative", text: "Hợp tác xã Tả Thanh Oai", hint: hanoi},
		{name: "number glued to letters", text: "Quận 1A"},
		{name: "line break splits names", text: "huyện Thanh\nTrì"},
		{name: "hyphenated name", text: "phường Văn Miếu – Quốc Tử Giám", hint: Hint{Era: New}, want: []wantMention{{"phường Văn Miếu – Quốc Tử Giám", "new commune 00226"}}},
		{name: "all capitals", text: "HUYỆN THANH TRÌ", want: []wantMention{{"HUYỆN THANH TRÌ", "old district 020"}}},
		{name: "decomposed input", text: "huye\u0323\u0302n Thanh Tri\u0300", want: []wantMention{{"huye\u0323\u0302n Thanh Tri\u0300", "old district 020"}}},
	}
	m := NewMatcher()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(tt.text, tt.hint)
			var gotW []wantMention
			for _, mt := range got {
				gotW = append(gotW, wantMention{mt.Text, key(mt.Unit)})
				checkOffsets(t, tt.text, mt)
			}
			if !slices.Equal(gotW, tt.want) {
				t.Errorf("Match(%q) = %v, want %v", tt.text, gotW, tt.want)
			}
		})
	}
}

func checkOffsets(t testing.TB, text string, mt Mention) {
	t.Helper()
	rs := []rune(text)
	if mt.Start < 0 || mt.Start >= mt.End || mt.End > len(rs) {
		t.Fatalf("mention %+v: offsets out of range for %d runes", mt, len(rs))
	}
	if got := string(rs[mt.Start:mt.End]); got != mt.Text {
		t.Fatalf("runes [%d:%d] = %q, Text = %q", mt.Start, mt.End, got, mt.Text)
	}
}

func readSeed(t testing.TB) string {
	b, err := os.ReadFile("testdata/thanhtri-2020-03-18.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The seed article names Thanh Trì as "huyện Thanh Trì" and "Huyện ủy Thanh
// Trì", Hà Nội as "Thành phố Hà Nội", and, on the district's own portal,
// bare "Thanh Trì" in its byline.
func TestMatchSeed(t *testing.T) {
	text := readSeed(t)
	tests := []struct {
		name string
		hint Hint
		want int // mentions of Huyện Thanh Trì
	}{
		{name: "no hint", want: 4},
		{name: "province hint", hint: Hint{Era: Old, Province: "01"}, want: 4},
		{name: "district hint adds the byline", hint: Hint{Era: Old, District: "020"}, want: 5},
	}
	m := NewMatcher()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(text, tt.hint)
			n, hanoi := 0, 0
			for _, mt := range got {
				checkOffsets(t, text, mt)
				switch key(mt.Unit) {
				case "old district 020":
					n++
				case "old province 01":
					hanoi++
				default:
					t.Errorf("unexpected mention %q → %v", mt.Text, mt.Unit)
				}
			}
			if n != tt.want || hanoi != 1 {
				t.Errorf("%d mentions of Thanh Trì (want %d), %d of Hà Nội (want 1): %+v", n, tt.want, hanoi, got)
			}
		})
	}
}

func FuzzMatch(f *testing.F) {
	f.Add(readSeed(f), "01", "020")
	for _, s := range []string{"huyện Thanh Trì", "TP.HCM", "Q.1", "H. Thanh Trì", "Thanh Tri district", "x\u0300ã Tả",
		"Ea H'Leo", "\xff\xfe huyện", "TP. ", "phường Văn Miếu – Quốc Tử Giám", "Q1A", "..--''"} {
		f.Add(s, "", "")
	}
	m := NewMatcher()
	f.Fuzz(func(t *testing.T, text, prov, district string) {
		_ = Find(text)
		_ = Find(text, InEra(New), InProvince(prov))
		last := 0
		n := utf8.RuneCountInString(text)
		for _, h := range []Hint{{}, {Era: Old, Province: prov, District: district}, {Era: New, Province: prov}} {
			last = 0
			for _, mt := range m.Match(text, h) {
				if mt.Start < last || mt.End > n {
					t.Fatalf("mention %+v out of order or range (last end %d, %d runes)", mt, last, n)
				}
				checkOffsets(t, text, mt)
				if mt.Unit.IsZero() || !strings.Contains(text, mt.Text) {
					t.Fatalf("bad mention %+v", mt)
				}
				last = mt.End
			}
		}
	})
}

func BenchmarkMatchSeed(b *testing.B) {
	text := readSeed(b)
	m := NewMatcher()
	h := Hint{Era: Old, District: "020"}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(m.Match(text, h)) == 0 {
			b.Fatal("no mentions")
		}
	}
}

func BenchmarkFind(b *testing.B) {
	data()
	b.ReportAllocs()
	for b.Loop() {
		if len(Find("H. Thanh Tri")) == 0 {
			b.Fatal("not found")
		}
	}
}
