package place

import (
	"slices"
	"strings"
	"unicode"

	"github.com/dra-archive/dra/vietnamese"
	"golang.org/x/text/unicode/norm"
)

func toNFC(s string) string { return norm.NFC.String(s) }

func levelRank(l Level) int {
	switch l {
	case Province:
		return 0
	case District:
		return 1
	}
	return 2
}

var districtTypes = []string{TypeQuan, TypeHuyen, TypeThiXa, TypeThanhPho}

// cue is a type word, an abbreviation or an English word that says what
// kind of unit a name is.
type cue struct {
	words []string // folded tokens
	exact []string // full words: the exact (accented) tokens; text without any accent also passes
	forms []string // abbreviations: the accepted spellings, case-sensitive
	dot   bool     // abbreviations: a full stop must follow (or, for numbers, nothing: "Q1")
	types []string // the unit types it admits; empty: any
	level Level    // the level it admits; empty: any
	// numeric: English prefix words ("District 1", "Ward 3") admit numbered
	// units only.
	numeric bool
}

func (c *cue) admits(u Unit) bool {
	if c.level != "" && u.Level != c.level {
		return false
	}
	return len(c.types) == 0 || slices.Contains(c.types, u.Type)
}

func word(vi string, types []string, level Level) *cue {
	c := &cue{types: types, level: level}
	for _, w := range strings.Fields(vi) {
		e, f := vietnamese.Views(w)
		c.exact = append(c.exact, e)
		c.words = append(c.words, f)
	}
	return c
}

func abbrev(forms []string, dot bool, types []string) *cue {
	return &cue{words: []string{strings.ToLower(forms[0])}, forms: forms, dot: dot, types: types}
}

// prefixCues come before a name; suffixCues (English) after it.
var prefixCues, suffixCues = func() (map[string][]*cue, map[string][]*cue) {
	pre := []*cue{
		word("tỉnh", []string{TypeTinh}, Province),
		word("thành phố", []string{TypeThanhPho}, ""),
		word("quận", []string{TypeQuan}, District),
		word("huyện", []string{TypeHuyen}, District),
		word("thị xã", []string{TypeThiXa}, District),
		word("xã", []string{TypeXa}, Commune),
		word("phường", []string{TypePhuong}, Commune),
		word("thị trấn", []string{TypeThiTran}, Commune),
		word("đặc khu", []string{TypeDacKhu}, Commune),
		// The party committee of a unit names the unit: "Huyện ủy Thanh Trì".
		word("tỉnh ủy", []string{TypeTinh}, Province),
		word("thành ủy", []string{TypeThanhPho}, ""),
		word("quận ủy", []string{TypeQuan}, District),
		word("huyện ủy", []string{TypeHuyen}, District),
		word("thị ủy", []string{TypeThiXa}, District),
		abbrev([]string{"TP", "Tp"}, false, []string{TypeThanhPho}),
		abbrev([]string{"TX", "Tx"}, false, []string{TypeThiXa}),
		abbrev([]string{"TT", "Tt"}, true, []string{TypeThiTran}),
		abbrev([]string{"Q"}, true, []string{TypeQuan}),
		abbrev([]string{"H"}, true, []string{TypeHuyen}),
		abbrev([]string{"P"}, true, []string{TypePhuong}),
		abbrev([]string{"X"}, true, []string{TypeXa}),
		{words: []string{"district"}, level: District, numeric: true},
		{words: []string{"ward"}, types: []string{TypePhuong}, numeric: true},
		{words: []string{"commune"}, types: []string{TypeXa}, numeric: true},
	}
	suf := []*cue{
		{words: []string{"district"}, level: District},
		{words: []string{"ward"}, types: []string{TypePhuong}},
		{words: []string{"commune"}, types: []string{TypeXa}},
		{words: []string{"town"}, types: []string{TypeThiXa, TypeThiTran}},
		{words: []string{"township"}, types: []string{TypeThiTran}},
		{words: []string{"city"}, types: []string{TypeThanhPho}},
		{words: []string{"province"}, types: []string{TypeTinh}},
		{words: []string{"special", "zone"}, types: []string{TypeDacKhu}},
	}
	index := func(cs []*cue) map[string][]*cue {
		m := map[string][]*cue{}
		for _, c := range cs {
			m[c.words[0]] = append(m[c.words[0]], c)
		}
		for _, l := range m { // longest first
			slices.SortStableFunc(l, func(a, b *cue) int { return len(b.words) - len(a.words) })
		}
		return m
	}
	return index(pre), index(suf)
}()

// abbreviations a Variants list shows, by type.
var typeAbbrevs = map[string][]string{
	TypeThanhPho: {"TP.", "TP", "Tp."},
	TypeThiXa:    {"TX.", "TX"},
	TypeThiTran:  {"TT."},
	TypeQuan:     {"Q."},
	TypeHuyen:    {"H."},
	TypePhuong:   {"P."},
	TypeXa:       {"X."},
}

var typeEnglish = map[string]string{
	TypeTinh: "Province", TypeThanhPho: "City", TypeQuan: "District", TypeHuyen: "District",
	TypeThiXa: "Town", TypeXa: "Commune", TypePhuong: "Ward", TypeThiTran: "Township",
	TypeDacKhu: "Special Zone",
}

// alias is another name of a province: an exonym or a former name.
type alias struct {
	name string
	bare bool // may match without a type word; otherwise only after one ("TP.HCM")
}

// provinceAliases are keyed by the folded official name.
var provinceAliases = map[string][]alias{
	"ha noi":      {{"Hanoi", true}},
	"ho chi minh": {{"HCM", false}, {"TPHCM", true}, {"HCMC", true}},
	"da nang":     {{"Danang", true}},
	"hai phong":   {{"Haiphong", true}},
	// The province was Thừa Thiên Huế until it became a centrally-run city
	// on 1 January 2025; reports before then use the old name.
	"hue": {{"Thừa Thiên Huế", true}},
}

// nameEntry is one spelling of one unit's name in the index.
type nameEntry struct {
	unit  int32
	exact string // exact tokens of this spelling, joined by spaces
	bare  bool   // may match without a type word
	alias bool   // a former name or exonym: any type word is accepted before it
	words int
}

type trieNode struct {
	next    map[string]*trieNode
	entries []nameEntry
}

// nameIndex finds units by the folded tokens of their names, built once.
type nameIndex struct {
	root   *trieNode
	entity []int32 // per unit: one id for the same place across the reform
}

func (n *trieNode) child(k string) *trieNode {
	if n.next == nil {
		return nil
	}
	return n.next[k]
}

// add indexes one spelling; exact caches the exact view of each syllable
// (names share most of theirs).
// Unless anyBare, a bare name needs two words and must not be a number.
func (x *nameIndex) add(spelling string, e nameEntry, anyBare bool, exact map[string]string) {
	toks := tokenize(spelling, nil)
	if len(toks) == 0 {
		return
	}
	parts := make([]string, len(toks))
	for i, t := range toks {
		w := spelling[t.bstart:t.bend]
		ex, ok := exact[w]
		if !ok {
			ex = exactOf(spelling, t)
			if t.digit {
				ex = t.fold
			}
			exact[w] = ex
		}
		parts[i] = ex
	}
	e.exact = strings.Join(parts, " ")
	e.words = len(toks)
	if e.bare && !anyBare && (len(toks) < 2 || toks[0].digit) {
		e.bare = false // one word or a number: only with a type word
	}
	n := x.root
	for _, t := range toks {
		c := n.child(t.fold)
		if c == nil {
			if n.next == nil {
				n.next = map[string]*trieNode{}
			}
			c = &trieNode{}
			n.next[t.fold] = c
		}
		n = c
	}
	for _, old := range n.entries {
		if old.unit == e.unit && old.exact == e.exact {
			return
		}
	}
	n.entries = append(n.entries, e)
}

// spellings are the names a unit is indexed under (not counting tone
// placement and diacritics, which matching ignores or ranks).
func spellings(u Unit) []string {
	out := []string{u.Name}
	// "NT Liên Sơn", "N.T Phong Hải": thị trấn nông trường (state-farm towns).
	for _, p := range []string{"NT ", "N.T "} {
		if rest, ok := strings.CutPrefix(u.Name, p); ok {
			out = append(out, "Nông trường "+rest)
		}
	}
	return out
}

func buildNameIndex(g *gazetteer) *nameIndex {
	x := &nameIndex{root: &trieNode{}, entity: make([]int32, len(g.units))}
	exact := map[string]string{}
	folded := make([]string, len(g.units))
	for i, u := range g.units {
		ui := int32(i)
		folded[i] = foldKey(u.Name)
		for _, s := range spellings(u) {
			// Provinces may be named bare; other units need two words.
			x.add(s, nameEntry{unit: ui, bare: true}, u.Level == Province, exact)
		}
		if u.Level == Province {
			for _, a := range provinceAliases[folded[i]] {
				x.add(a.name, nameEntry{unit: ui, bare: a.bare, alias: true}, true, exact)
			}
		}
	}
	// Entities: an old unit and a new one of the same level, type and name,
	// linked by the mapping, are one place ("Hà Nội" before and after).
	parent := make([]int32, len(g.units))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for oi, es := range g.succ {
		o := g.units[oi]
		for _, e := range es {
			n := g.units[e.other]
			if o.Level == n.Level && o.Type == n.Type && folded[oi] == folded[e.other] {
				a, b := find(oi), find(e.other)
				if a < b {
					parent[b] = a
				} else {
					parent[a] = b
				}
			}
		}
	}
	for i := range x.entity {
		x.entity[i] = find(int32(i))
	}
	return x
}

// Variants returns the spellings of u that a matcher should recognise, the
// official full name first: with the type word capitalised and in lower
// case, abbreviated ("H. Thanh Trì", "TP. Hà Nội"), the bare name, English
// ("Thanh Tri District", "Hanoi"), and each of them without diacritics and
// with the other tone placement ("Hòa"/"Hoà"). Find finds u by each of them
// and Matcher recognises each in text (the bare ones only under the
// conditions Match documents).
func Variants(u Unit) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	names := spellings(u)
	if u.Level == Province {
		for _, a := range provinceAliases[foldKey(u.Name)] {
			names = append(names, a.name)
		}
	}
	lowerType := strings.ToLower(u.Type)
	eng := typeEnglish[u.Type]
	var forms []string
	for _, n := range names {
		forms = append(forms, u.Type+" "+n, lowerType+" "+n)
		for _, a := range typeAbbrevs[u.Type] {
			forms = append(forms, a+" "+n)
		}
		forms = append(forms, n)
		if eng != "" {
			forms = append(forms, n+" "+eng)
		}
	}
	for _, f := range forms {
		add(f)
	}
	for _, f := range forms {
		add(plain(f))
	}
	for _, f := range forms {
		add(vietnamese.Normalize(f)) // "Hòa"
		add(otherTone(f))            // "Hoà"
	}
	return out
}

// plain removes diacritics and maps đ to d, keeping case ("Thanh Trì" →
// "Thanh Tri").
func plain(s string) string {
	s = vietnamese.Normalize(s)
	var b strings.Builder
	for _, r := range s {
		f := []rune(vietnamese.Fold(string(r)))
		if len(f) != 1 {
			b.WriteRune(r)
			continue
		}
		if unicode.IsUpper(r) {
			b.WriteRune(unicode.ToUpper(f[0]))
		} else {
			b.WriteRune(f[0])
		}
	}
	return b.String()
}

// newTone moves the tone of open oa, oe, uy syllables to the second vowel
// (the placement Normalize undoes).
var newTone = func() map[string]string {
	m := map[string]string{}
	tones := []rune{'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'}
	for _, pair := range []string{"oa", "oe", "uy", "Oa", "Oe", "Uy", "OA", "OE", "UY"} {
		p := []rune(pair)
		for _, t := range tones {
			from := vietnamese.Normalize(string(p[0]) + string(t) + string(p[1]))
			to := vietnamese.Normalize(string(p[0])) + string([]rune(toNFC(string(p[1])+string(t))))
			m[from] = to
		}
	}
	return m
}()

// otherTone returns s with the new-style tone placement ("Hòa" → "Hoà",
// "Thủy" → "Thuỷ"). Only whole open syllables change: "Hoàng" and "Quý"
// stay as they are.
func otherTone(s string) string {
	s = vietnamese.Normalize(s)
	rs := []rune(s)
	for i := 0; i+1 < len(rs); i++ {
		to, ok := newTone[string(rs[i:i+2])]
		if !ok {
			continue
		}
		if i+2 < len(rs) && isLetter(rs[i+2]) {
			continue // closed syllable
		}
		if i > 0 && isLetter(rs[i-1]) {
			prev := []rune(vietnamese.Fold(string(rs[i-1])))[0]
			if strings.ContainsRune("aeiouy", prev) || (prev == 'q' && unicode.ToLower(rs[i]) == 'u') {
				continue
			}
		}
		copy(rs[i:i+2], []rune(to))
	}
	return string(rs)
}
