package place

import (
	"slices"
	"strings"
	"sync"
)

// Mention is one unit named in a text.
type Mention struct {
	Unit Unit
	// Alternatives are the other units the same words can name, best first:
	// "xã Tân Tiến" names many communes, and without a hint that narrows it
	// the choice of Unit is only the first by level, era and code.
	Alternatives []Unit
	// Start and End are rune offsets: []rune(text)[Start:End] is Text. The
	// span covers the type word or abbreviation and the English suffix.
	Start, End int
	Text       string
}

// Hint narrows what a text can mean: the portal's province and district and
// the era of the article.
type Hint struct {
	// Era is the era of the text (EraAt of its date). Units of this era are
	// preferred when the same name names a unit in both eras; the codes below
	// are read in this era (Old when empty).
	Era Era
	// Province is a province code. Candidates in it, or in the province it
	// became or came from, are preferred, and bare names (without a type
	// word) are accepted only when they name one place in it.
	Province string
	// District is an old district code (the portal of a pre-reform district).
	// It implies its province. Units in it, and the new communes it went
	// into, are preferred, and its own bare name means it.
	District string
}

// tokenPool recycles token buffers between Match calls.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

// Matcher finds unit mentions in text. It is safe for concurrent use.
type Matcher struct {
	g *gazetteer
}

// NewMatcher returns a Matcher over the embedded gazetteer. The name index
// is built once per process, on first use.
func NewMatcher() *Matcher { return &Matcher{g: data()} }

// scope is a Hint resolved against the data.
type scope struct {
	era          Era
	provOld      map[string]bool // nil: no province hint
	provNew      map[string]bool
	district     int32 // -1: none
	districtCode string
	districtNew  map[int32]bool
}

func (m *Matcher) scope(h Hint) scope {
	g := m.g
	s := scope{era: h.Era, district: -1}
	codeEra := h.Era
	if codeEra == "" {
		codeEra = Old
	}
	prov := h.Province
	if h.District != "" {
		if d, ok := g.byKey[unitKey{Old, District, h.District}]; ok {
			s.district, s.districtCode = d, h.District
			s.districtNew = map[int32]bool{}
			for _, e := range g.succ[d] {
				s.districtNew[e.other] = true
			}
			if prov == "" || codeEra == Old {
				prov, codeEra = g.units[d].ProvinceCode, Old
			}
		}
	}
	if prov == "" {
		return s
	}
	p, ok := g.byKey[unitKey{codeEra, Province, prov}]
	if !ok {
		return s
	}
	s.provOld, s.provNew = map[string]bool{}, map[string]bool{}
	if codeEra == Old {
		s.provOld[prov] = true
		for _, e := range g.succ[p] {
			s.provNew[g.units[e.other].Code] = true
		}
	} else {
		s.provNew[prov] = true
		for _, e := range g.pred[p] {
			s.provOld[g.units[e.other].Code] = true
		}
	}
	return s
}

func (s *scope) inProvince(u Unit) bool {
	if s.provOld == nil {
		return true
	}
	if u.Era == Old {
		return s.provOld[provinceOf(u)]
	}
	return s.provNew[provinceOf(u)]
}

func (s *scope) inDistrict(i int32, u Unit) bool {
	return i == s.district || (u.Era == Old && u.DistrictCode == s.districtCode) || s.districtNew[i]
}

// maxNameWords bounds a name's length in tokens (the longest official name
// has 5).
const maxNameWords = 8

// Match returns the unit mentions in text, in order, without overlaps; at
// each position the longest mention wins. A mention is:
//
//   - a type word or abbreviation, then a name: "huyện Thanh Trì", "Huyện
//     Thanh Trì", "H. Thanh Trì", "xã Tả Thanh Oai", "quận Hoàn Kiếm", "tỉnh
//     Hà Giang", "thành phố Hà Nội", "TP. Hà Nội", "TP.HCM", "TX. Sơn Tây",
//     "Q.1", "P. Hoàng Liệt", and the party committee of a unit ("Huyện ủy
//     Thanh Trì"). The type must agree with the unit's type.
//   - a name, then an English type word: "Thanh Tri district", "Hanoi city".
//   - a bare name, only where it cannot be much else: a province name or
//     exonym ("Hà Nội", "Hanoi"); or, with a Hint province, a name of two or
//     more words that names one place there ("Tả Thanh Oai" in Hà Nội); or
//     the Hint district's own name ("Thanh Trì" on the Thanh Trì portal).
//
// Names are matched without regard to diacritics and tone placement ("Thanh
// Tri", "Huu Hoa"); candidates whose diacritics match exactly win. Every word
// of a name must start with a capital letter (or be a number), as Vietnamese
// writes proper names: "kinh tế - xã hội" is not Xã Hội.
//
// Bare names are not taken where the words are part of something else:
//   - after a street or organisation word ("đường", "phố", "ngõ", "hẻm",
//     "trường", "THCS", "công ty", "bệnh viện", "chợ", "cầu", ...), within the
//     same phrase;
//   - after a title ("ông", "bà", "đồng chí", ...) or right after or before
//     another capitalised word ("Nguyễn Văn Thanh Trì", "Thanh Trì Xanh");
//   - a name of three or more words starting with a common surname ("Hoàng
//     Hoa Thám", "Trần Hưng Đạo"), which is more often a person or a street.
//
// A type word that ends another word is not a cue: "Hợp tác xã Tân Tiến" is
// a cooperative, and "thị xã Sơn Tây" is a thị xã, not a xã.
//
// Limits: the cues are lexical. A typed mention is always taken, so "Trường
// THCS xã Tả Thanh Oai" yields Xã Tả Thanh Oai (the school's commune), and a
// person or street named exactly like a unit with a type word before it
// ("phố Huyện ...") is not caught. Two-word hero names that are also ward
// names ("Trần Phú", "Quang Trung") are taken bare when a hint makes them
// unique. Organisation names are only recognised by their first words, so
// "Công an Thanh Trì" (the district police) yields the district. Split
// names across line breaks, and numbered units without a type word, are not
// found.
func (m *Matcher) Match(text string, h Hint) []Mention {
	bp := tokenPool.Get().(*[]token)
	defer tokenPool.Put(bp)
	toks := tokenize(text, *bp)
	*bp = toks[:0]
	if len(toks) == 0 {
		return nil
	}
	s := m.scope(h)
	var out []Mention
	for i := 0; i < len(toks); {
		mt, next, ok := m.at(text, toks, i, &s)
		if !ok {
			i++
			continue
		}
		out = append(out, mt)
		i = next
	}
	return out
}

// nameEnd is a name found in the index from some token: its end (exclusive)
// and its node.
type nameEnd struct {
	end  int
	node *trieNode
}

// names returns the names starting at toks[j], longest first.
func (m *Matcher) names(toks []token, j int, buf []nameEnd) []nameEnd {
	buf = buf[:0]
	n := m.g.names.root
	for k := j; k < len(toks) && k-j < maxNameWords; k++ {
		t := toks[k]
		if k > j && t.gap == gapBreak {
			break
		}
		if !t.upper && !t.apos {
			break
		}
		if n = n.child(t.fold); n == nil {
			break
		}
		if len(n.entries) > 0 {
			// A letter or digit run glued to the end ("1A") continues the word.
			if k+1 < len(toks) && toks[k+1].gap == gapTight {
				continue
			}
			buf = append(buf, nameEnd{k + 1, n})
		}
	}
	slices.Reverse(buf)
	return buf
}

// at tries a mention starting at toks[i]. It returns the mention and the
// index of the first token after it.
func (m *Matcher) at(text string, toks []token, i int, s *scope) (Mention, int, bool) {
	var buf [maxNameWords]nameEnd
	// A type word or abbreviation, then a name.
	for _, c := range prefixCues[toks[i].fold] {
		k := m.cueAt(text, toks, i, c)
		if k == 0 || i+k >= len(toks) {
			continue
		}
		j := i + k
		next := toks[j]
		if !cueGapOK(c, next) || cooperative(text, toks, i, c) {
			continue
		}
		for _, ne := range m.names(toks, j, buf[:]) {
			if c.numeric && !next.digit {
				continue
			}
			units, ok := m.resolve(text, toks, j, ne, c, false, s)
			if ok {
				return m.mention(text, toks, i, ne.end, units), ne.end, true
			}
		}
	}
	if !toks[i].upper || toks[i].gap == gapTight {
		return Mention{}, 0, false
	}
	// A name, then an English type word; or a bare name.
	for _, ne := range m.names(toks, i, buf[:]) {
		if ne.end < len(toks) && toks[ne.end].gap == gapSpace {
			for _, c := range suffixCues[toks[ne.end].fold] {
				k := m.cueAt(text, toks, ne.end, c)
				if k == 0 {
					continue
				}
				if units, ok := m.resolve(text, toks, i, ne, c, false, s); ok {
					return m.mention(text, toks, i, ne.end+k, units), ne.end + k, true
				}
			}
		}
		if !slices.ContainsFunc(ne.node.entries, func(e nameEntry) bool { return e.bare }) ||
			!bareContextOK(text, toks, i, ne.end) {
			continue
		}
		if units, ok := m.resolve(text, toks, i, ne, nil, true, s); ok {
			return m.mention(text, toks, i, ne.end, units), ne.end, true
		}
	}
	return Mention{}, 0, false
}

func (m *Matcher) mention(text string, toks []token, i, end int, units []int32) Mention {
	first, last := toks[i], toks[end-1]
	mt := Mention{
		Unit:  m.g.units[units[0]],
		Start: first.start,
		End:   last.end,
		Text:  text[first.bstart:last.bend],
	}
	for _, u := range units[1:] {
		mt.Alternatives = append(mt.Alternatives, m.g.units[u])
	}
	return mt
}

// cueAt reports how many tokens cue c spans at toks[i] as written in running
// text; 0 if it does not match there.
func (m *Matcher) cueAt(text string, toks []token, i int, c *cue) int {
	if i+len(c.words) > len(toks) {
		return 0
	}
	if c.forms != nil {
		if !slices.Contains(c.forms, text[toks[i].bstart:toks[i].bend]) {
			return 0
		}
		return 1
	}
	ascii := true
	for k, w := range c.words {
		t := toks[i+k]
		if t.fold != w || (k > 0 && t.gap != gapSpace) {
			return 0
		}
		ascii = ascii && t.ascii
	}
	if c.exact != nil && !ascii {
		for k, w := range c.exact {
			if exactOf(text, toks[i+k]) != w {
				return 0 // "quân", "xa", "tính": same letters, other words
			}
		}
	}
	return len(c.words)
}

// cooperative reports whether the cue "xã" at toks[i] ends "hợp tác xã" (a
// cooperative, "Hợp tác xã Tân Tiến"), not a commune.
func cooperative(text string, toks []token, i int, c *cue) bool {
	if len(c.words) != 1 || c.words[0] != "xa" || i < 2 || toks[i].gap != gapSpace || toks[i-1].gap != gapSpace {
		return false
	}
	return exactOf(text, toks[i-2]) == "hợp" && exactOf(text, toks[i-1]) == "tác"
}

// cueGapOK checks what separates a prefix cue from the name after it.
func cueGapOK(c *cue, next token) bool {
	switch {
	case c.forms == nil:
		return next.gap == gapSpace
	case c.dot:
		return next.gap == gapDot || (next.gap == gapTight && next.digit)
	}
	return next.gap == gapDot || next.gap == gapSpace
}

// Words that, before a bare name in the same phrase, make it part of a
// street, an organisation or a person's title rather than a place.
var blockers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "đại lộ", "quốc lộ", "tỉnh lộ",
		"trường", "thcs", "thpt", "tiểu học", "mầm non", "đại học", "cao đẳng", "học viện",
		"công ty", "tnhh", "cổ phần", "mtv", "tập đoàn", "doanh nghiệp", "htx", "hợp tác xã",
		"ngân hàng", "bệnh viện", "phòng khám", "nhà máy", "xí nghiệp", "siêu thị", "khách sạn",
		"nhà hàng", "chợ", "cầu", "sông", "hồ", "núi", "đình", "chùa", "đền", "nhà thờ",
		"bến xe", "ga", "sân vận động", "khu đô thị", "kđt", "khu công nghiệp", "kcn",
		"cụm công nghiệp", "ccn", "làng", "thôn", "xóm", "ấp", "bản", "tổ dân phố",
		"ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "đồng chí", "đ/c",
	} {
		m[w] = true
	}
	return m
}()

// Capitalised words that may stand right before a bare name at the start
// of a sentence.
var leadWords = map[string]bool{
	"tại": true, "ở": true, "về": true, "từ": true, "và": true, "của": true, "cho": true,
	"với": true, "đến": true, "trên": true, "tới": true, "thuộc": true, "toàn": true,
}

var surnames = map[string]bool{
	"nguyễn": true, "trần": true, "lê": true, "phạm": true, "hoàng": true, "huỳnh": true,
	"phan": true, "vũ": true, "võ": true, "đặng": true, "bùi": true, "đỗ": true, "hồ": true,
	"ngô": true, "dương": true, "lý": true, "đinh": true, "đào": true, "trương": true,
	"lương": true, "tô": true, "hà": true, "chu": true, "lâm": true, "tạ": true,
}

// bareContextOK applies the street, organisation and person cues to the bare
// name toks[i:end].
func bareContextOK(text string, toks []token, i, end int) bool {
	if end < len(toks) && (toks[end].gap == gapTight ||
		(toks[end].gap == gapSpace && toks[end].upper && !toks[end].digit)) {
		return false // the proper noun goes on: "Thanh Trì Xanh"
	}
	if i == 0 || toks[i].gap != gapSpace {
		return true
	}
	prev := exactOf(text, toks[i-1])
	if toks[i-1].upper && !leadWords[prev] {
		return false // "Nguyễn Văn Thanh Trì", "THCS Thanh Trì"
	}
	// Look back through the phrase for a street or organisation word.
	words := []string{}
	for k := i - 1; k >= 0 && len(words) < 5; k-- {
		w := exactOf(text, toks[k])
		if blockers[w] || (len(words) > 0 && blockers[w+" "+words[len(words)-1]]) ||
			(len(words) > 1 && blockers[w+" "+words[len(words)-1]+" "+words[len(words)-2]]) {
			return false
		}
		words = append(words, w)
		if toks[k].gap != gapSpace {
			break
		}
	}
	return true
}

// resolve picks the units a name can mean. c is the cue (nil for a bare
// name). It returns the best unit first, then the alternatives.
func (m *Matcher) resolve(text string, toks []token, j int, ne nameEnd, c *cue, bare bool, s *scope) ([]int32, bool) {
	g := m.g
	parts := make([]string, 0, ne.end-j)
	for _, t := range toks[j:ne.end] {
		if t.digit {
			parts = append(parts, t.fold)
		} else {
			parts = append(parts, exactOf(text, t))
		}
	}
	ex := strings.Join(parts, " ")
	type cand struct {
		u     int32
		exact bool
	}
	var cands []cand
	anyExact := false
	for _, e := range ne.node.entries {
		u := g.units[e.unit]
		if c != nil && !e.alias && !c.admits(u) {
			continue
		}
		if bare {
			if !e.bare {
				continue
			}
			if u.Level != Province && e.words >= 3 && surnames[strings.SplitN(e.exact, " ", 2)[0]] {
				continue
			}
		}
		exact := e.exact == ex
		anyExact = anyExact || exact
		if k := slices.IndexFunc(cands, func(x cand) bool { return x.u == e.unit }); k >= 0 {
			cands[k].exact = cands[k].exact || exact
			continue
		}
		cands = append(cands, cand{e.unit, exact})
	}
	if anyExact {
		cands = slices.DeleteFunc(cands, func(x cand) bool { return !x.exact })
	}
	if len(cands) == 0 {
		return nil, false
	}
	ids := make([]int32, len(cands))
	for k, x := range cands {
		ids[k] = x.u
	}
	keep := func(f func(int32) bool) []int32 {
		var out []int32
		for _, id := range ids {
			if f(id) {
				out = append(out, id)
			}
		}
		return out
	}
	isProvince := func(id int32) bool { return g.units[id].Level == Province }
	if s.district >= 0 {
		if bare && slices.Contains(ids, s.district) {
			return []int32{s.district}, true
		}
		if in := keep(func(id int32) bool { return s.inDistrict(id, g.units[id]) }); len(in) > 0 {
			ids = in
		}
	}
	if s.provOld != nil {
		in := keep(func(id int32) bool { return s.inProvince(g.units[id]) })
		switch {
		case len(in) > 0:
			ids = in
		case bare:
			ids = keep(isProvince) // a bare name from elsewhere: only a province
		}
	} else if bare {
		ids = keep(isProvince) // no hint: bare names are provinces only
	}
	if len(ids) == 0 {
		return nil, false
	}
	if bare {
		// One place, possibly in both eras; or one province among others.
		ents := map[int32]bool{}
		provEnts := map[int32]bool{}
		for _, id := range ids {
			e := g.names.entity[id]
			ents[e] = true
			if isProvince(id) {
				provEnts[e] = true
			}
		}
		switch {
		case len(ents) == 1:
		case len(provEnts) == 1:
			ids = keep(isProvince)
		default:
			return nil, false
		}
	}
	slices.SortFunc(ids, func(a, b int32) int {
		ua, ub := g.units[a], g.units[b]
		if s.district >= 0 {
			// The hinted district itself first.
			if (a == s.district) != (b == s.district) {
				if a == s.district {
					return -1
				}
				return 1
			}
		}
		return compareUnits(ua, ub, s.era)
	})
	return ids, true
}
