package facts

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/dra-archive/dra/place"
	"github.com/dra-archive/dra/vietnamese"
)

// Unit codes
//
// An article is tagged with the administrative units it reports for, as
// codes of the form
//
//	<era>:<level>:<code>
//
// era is "old" (units in force until 30 June 2025) or "new" (from 1 July
// 2025), level is "province", "district" or "commune" (no new districts),
// and code is the official mã ĐVHC with its leading zeros: 2 digits for a
// province, 3 for a district, 5 for a commune. Examples: "old:province:01"
// (Hà Nội before the reform), "old:district:020" (Huyện Thanh Trì),
// "old:commune:00640" (Thị trấn Văn Điển), "new:province:01" (Hà Nội after
// it), "new:commune:00640" (Xã Thanh Trì). A code alone is not unique across
// eras (00640 is both of the last two), which is why the era and level are
// part of it. The format is a contract: search filters and trend rollups
// match these strings exactly, so it never changes meaning.
//
// What an article "reports for" (its primary units):
//   - the source's units: ArticleFetched.UnitCodes, its District and
//     Province, and the unit the portal's host names (thanhtri.hanoi.gov.vn
//     is Huyện Thanh Trì of Hà Nội; hanoi.gov.vn is Hà Nội);
//   - the units the text is about, of the article's era, inside the
//     source's province (or anywhere when the source names none): named in
//     the title, in the lead paragraph, or at least twice in the body. A
//     place named once in passing further down, in a photo caption, a
//     visiting delegation from another province, or a unit of the other
//     era (history in a post-reform article), is not a unit the article
//     reports for.
//
// Each primary unit is then tagged at both levels of the reform: with the
// units above it in its era (an old commune's district and province, a new
// commune's province) and with the new units that took it over
// (place.Successors: an old province's new province; an old district's or
// old commune's new communes, whole or part, and their province). Tagging
// only goes forward in time: a post-reform article about a new commune is
// not tagged with the old units the commune was made from, since each of
// them went only in part into it. The whole/part relation is not in the
// code; UnitTag carries it, and place.Successors has it.
//
// Codes are sorted (old before new, province, district, commune, then by
// code) and unique.

// UnitTag is one unit an article is tagged with, and why.
type UnitTag struct {
	Code string
	Unit place.Unit
	// Via says why: "source", "text" (a primary unit), "parent" (a unit
	// above a primary one) or "successor" (a new unit that took a primary
	// one over).
	Via string
	// Relation is how much of the old unit went into a successor; empty
	// otherwise.
	Relation place.Relation
}

// UnitCode is the code of u: "old:district:020".
func UnitCode(u place.Unit) string {
	return string(u.Era) + ":" + string(u.Level) + ":" + u.Code
}

// ParseUnitCode reads a code written as UnitCode writes it. It also
// accepts a bare mã ĐVHC for a source's configuration: 3 digits is an old
// district; 2 and 5 digits are a province and a commune of era e.
func ParseUnitCode(s string, e place.Era) (place.Unit, bool) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, ":")
	var era place.Era
	var level place.Level
	code := parts[len(parts)-1]
	switch len(parts) {
	case 3:
		era, level = place.Era(parts[0]), place.Level(parts[1])
	case 1:
		era = e
		switch len(code) {
		case 2:
			level = place.Province
		case 3:
			era, level = place.Old, place.District
		case 5:
			level = place.Commune
		default:
			return place.Unit{}, false
		}
	default:
		return place.Unit{}, false
	}
	return place.Lookup(era, level, code)
}

// unitMatcher is built once: the gazetteer's name index costs tens of
// milliseconds to build and is shared by every article.
var unitMatcher = sync.OnceValue(place.NewMatcher)

// unitSource is what the source says about where an article comes from.
type unitSource struct {
	codes              []string
	district, province string // names, from the source or the portal's host
	published          *time.Time
	fallback           place.Era // the era when the article has no date
}

// Located is what unit tagging reads and completes: an article's title,
// body and publish date, and its district and province names.
type Located struct {
	Title, Body        string
	PublishedAt        *time.Time
	District, Province string
}

// TagUnits returns the units an article reports for (see the package's
// "Unit codes" rules), with the district and province names made
// consistent with them: a name the codes imply fills an empty District or
// Province. sourceCodes are ArticleFetched.UnitCodes; r.District and
// r.Province are the source's names (or, without them, what Places found).
func TagUnits(r *Located, sourceCodes []string, fallback place.Era) []UnitTag {
	return tagUnits(r, unitSource{codes: sourceCodes, district: r.District, province: r.Province,
		published: r.PublishedAt, fallback: fallback})
}

// UnitCodes returns the codes of tags.
func UnitCodes(tags []UnitTag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Code
	}
	return out
}

func articleEra(src unitSource) place.Era {
	if src.published != nil {
		return place.EraAt(*src.published)
	}
	if src.fallback != "" {
		return src.fallback
	}
	return place.Old
}

func tagUnits(r *Located, src unitSource) []UnitTag {
	era := articleEra(src)
	t := newTagger()
	// The source's units.
	var prov, dist place.Unit
	for _, c := range src.codes {
		if u, ok := ParseUnitCode(c, era); ok {
			t.primary(u, "source")
			if u.Level == place.District && dist.IsZero() {
				dist = u
			}
			if u.Level == place.Province && prov.IsZero() {
				prov = u
			}
		}
	}
	if src.province != "" {
		if u, ok := findProvince(src.province, era); ok {
			t.primary(u, "source")
			if prov.IsZero() {
				prov = u
			}
		}
	}
	if src.district != "" {
		var opts []place.FindOption
		opts = append(opts, place.InEra(place.Old), place.AtLevel(place.District))
		if op, ok := findProvince(src.province, place.Old); ok {
			opts = append(opts, place.InProvince(op.Code))
		}
		if us := place.Find(src.district, opts...); len(us) > 0 {
			t.primary(us[0], "source")
			if dist.IsZero() {
				dist = us[0]
			}
		}
	}
	if prov.IsZero() && !dist.IsZero() {
		prov, _ = dist.Province()
	}
	// The units the text is about.
	hint := place.Hint{Era: era}
	if !dist.IsZero() {
		hint.District = dist.Code
	}
	if !prov.IsZero() {
		if p, ok := provinceIn(prov, era); ok {
			hint.Province = p.Code
		}
	}
	for _, u := range textUnits(r.Title, r.Body, hint, era, prov) {
		t.primary(u, "text")
	}
	tags := t.expand()
	// District and Province names consistent with the codes.
	if r.District == "" {
		var ds []place.Unit
		for _, tg := range tags {
			if tg.Unit.Level == place.District && tg.Via != "parent" {
				ds = append(ds, tg.Unit)
			}
		}
		if len(ds) == 1 {
			r.District = ds[0].Name
		}
	}
	if r.Province == "" {
		var ps []place.Unit
		for _, tg := range tags {
			if tg.Unit.Level == place.Province && tg.Unit.Era == era {
				ps = append(ps, tg.Unit)
			}
		}
		if len(ps) == 1 {
			r.Province = provinceName(ps[0])
		}
	}
	return tags
}

// provinceName is the name DRA uses for a province: the one Places uses
// when it knows the province ("Thành phố Hồ Chí Minh"), else its name.
func provinceName(u place.Unit) string {
	for name := range provinceUnits {
		if p, ok := findProvince(name, u.Era); ok && p.Code == u.Code {
			return name
		}
	}
	return u.Name
}

// findProvince finds a province by name, in era e when it has one there.
func findProvince(name string, e place.Era) (place.Unit, bool) {
	if name == "" {
		return place.Unit{}, false
	}
	us := place.Find(name, place.AtLevel(place.Province))
	for _, u := range us {
		if u.Era == e {
			return u, true
		}
	}
	if len(us) > 0 {
		return us[0], true
	}
	return place.Unit{}, false
}

// provinceIn is the province p is or became (or came from) in era e.
func provinceIn(p place.Unit, e place.Era) (place.Unit, bool) {
	if p.Era == e {
		return p, true
	}
	if e == place.New {
		for _, m := range place.Successors(p) {
			return m.New, true
		}
		return place.Unit{}, false
	}
	ms := place.Predecessors(p)
	if len(ms) == 1 {
		return ms[0].Old, true
	}
	return place.Unit{}, false
}

// tagger collects primary units and expands them.
type tagger struct {
	prim []UnitTag
	seen map[string]bool
}

func newTagger() *tagger { return &tagger{seen: map[string]bool{}} }

func (t *tagger) primary(u place.Unit, via string) {
	c := UnitCode(u)
	if t.seen[c] {
		return
	}
	t.seen[c] = true
	t.prim = append(t.prim, UnitTag{Code: c, Unit: u, Via: via})
}

// expand adds the units above each primary unit and the new units that
// took it over, then sorts.
func (t *tagger) expand() []UnitTag {
	out := map[string]UnitTag{}
	add := func(u place.Unit, via string, rel place.Relation) {
		c := UnitCode(u)
		if prev, ok := out[c]; ok {
			// A primary tag wins; among successors, whole wins over part.
			if prev.Via == "parent" && (via == "source" || via == "text") ||
				prev.Via == "successor" && via == "successor" && rel == place.Whole {
				out[c] = UnitTag{Code: c, Unit: u, Via: via, Relation: rel}
			}
			if prev.Via == "successor" && (via == "source" || via == "text") {
				out[c] = UnitTag{Code: c, Unit: u, Via: via}
			}
			return
		}
		out[c] = UnitTag{Code: c, Unit: u, Via: via, Relation: rel}
	}
	parents := func(u place.Unit) {
		if d, ok := u.District(); ok && d.Code != u.Code {
			add(d, "parent", "")
		}
		if u.Level != place.Province {
			if p, ok := u.Province(); ok {
				add(p, "parent", "")
			}
		}
	}
	for _, p := range t.prim {
		add(p.Unit, p.Via, "")
		parents(p.Unit)
		// The province an old unit is in became a new province.
		if p.Unit.Era == place.Old {
			if op, ok := p.Unit.Province(); ok {
				for _, m := range place.Successors(op) {
					add(m.New, "successor", m.Relation)
				}
			}
		}
		if p.Unit.Level == place.Province {
			continue // done above
		}
		for _, m := range place.Successors(p.Unit) {
			add(m.New, "successor", m.Relation)
			parents(m.New)
		}
	}
	tags := make([]UnitTag, 0, len(out))
	for _, tg := range out {
		tags = append(tags, tg)
	}
	slices.SortFunc(tags, func(a, b UnitTag) int {
		return cmp.Or(cmp.Compare(eraRank(a.Unit.Era), eraRank(b.Unit.Era)),
			cmp.Compare(levelRank(a.Unit.Level), levelRank(b.Unit.Level)),
			strings.Compare(a.Unit.Code, b.Unit.Code))
	})
	return tags
}

func eraRank(e place.Era) int {
	if e == place.Old {
		return 0
	}
	return 1
}

func levelRank(l place.Level) int {
	switch l {
	case place.Province:
		return 0
	case place.District:
		return 1
	}
	return 2
}

// textUnits returns the units of era e the title and body are about: named
// in the title, in the lead paragraph, or at least twice, and inside prov's
// province when prov is known.
func textUnits(title, body string, h place.Hint, e place.Era, prov place.Unit) []place.Unit {
	text := title + "\n\n" + body
	mentions := unitMatcher().Match(text, h)
	if len(mentions) == 0 {
		return nil
	}
	titleEnd := utf8RuneCount(title)
	leadStart, leadEnd := leadParagraph(body)
	leadStart += titleEnd + 2
	leadEnd += titleEnd + 2
	var scope place.Unit
	if !prov.IsZero() {
		scope, _ = provinceIn(prov, e)
	}
	type seen struct {
		u       place.Unit
		count   int
		primary bool
	}
	var found []*seen
	runes := []rune(text)
	for _, mt := range mentions {
		u, ok := unitOfEra(mt, e)
		if !ok || !mentionIsPlace(mt, u, runes) {
			continue
		}
		if !scope.IsZero() && !inProvince(u, scope) {
			continue // a delegation or a comparison from elsewhere
		}
		k := slices.IndexFunc(found, func(s *seen) bool { return s.u == u })
		if k < 0 {
			found = append(found, &seen{u: u})
			k = len(found) - 1
		}
		s := found[k]
		s.count++
		if mt.Start < titleEnd || mt.Start >= leadStart && mt.Start < leadEnd {
			s.primary = true
		}
	}
	var out []place.Unit
	for _, s := range found {
		if s.primary || s.count >= 2 {
			out = append(out, s.u)
		}
	}
	return out
}

func utf8RuneCount(s string) int { return len([]rune(s)) }

// leadParagraph is the rune span of the body's first paragraph that is not
// a photo caption.
func leadParagraph(body string) (int, int) {
	off := 0
	for p := range strings.SplitSeq(body, "\n") {
		n := utf8RuneCount(p)
		f := strings.TrimSpace(vietnamese.FoldedQuick(p))
		if f != "" && !strings.HasPrefix(f, "anh:") && !strings.HasPrefix(f, "anh minh hoa") {
			return off, off + n
		}
		off += n + 1
	}
	return 0, 0
}

// unitOfEra is the mention's unit of era e: its best unit or the best
// alternative of that era.
func unitOfEra(mt place.Mention, e place.Era) (place.Unit, bool) {
	if mt.Unit.Era == e {
		return mt.Unit, true
	}
	for _, u := range mt.Alternatives {
		if u.Era == e {
			return u, true
		}
	}
	return place.Unit{}, false
}

// inProvince reports whether u is the province p or inside it (same era).
func inProvince(u, p place.Unit) bool {
	if u.Level == place.Province {
		return u.Code == p.Code
	}
	return u.ProvinceCode == p.Code
}

// Type words and abbreviations a mention may start with, and the English
// type words it may end with (folded).
var (
	unitCuePrefixes = []string{"tinh ", "thanh pho ", "tp", "quan ", "q.", "q ", "huyen ", "h.", "thi xa ", "tx",
		"xa ", "phuong ", "p.", "thi tran ", "tt", "dac khu ", "tinh uy ", "thanh uy ", "quan uy ", "huyen uy ", "thi uy "}
	unitCueSuffixes = []string{" district", " city", " province", " ward", " commune", " town"}
)

// Person names that are also unit names. Bare, they name the person:
// "tư tưởng, đạo đức, phong cách Hồ Chí Minh", a ward "Trần Phú" or
// "Quang Trung" named after a hero.
var (
	personNames   = map[string]bool{"ho chi minh": true, "quang trung": true, "hung vuong": true, "ly thuong kiet": true, "tran hung dao": true}
	personSurname = map[string]bool{"nguyen": true, "tran": true, "le": true, "pham": true, "hoang": true, "huynh": true,
		"phan": true, "vu": true, "vo": true, "dang": true, "bui": true, "do": true, "ngo": true, "duong": true,
		"ly": true, "dinh": true, "dao": true, "truong": true, "luong": true, "to": true, "chu": true, "ta": true}
	// Words right before a unit that make it a visitor: "đoàn công tác
	// tỉnh Lào Cai", "đoàn đại biểu huyện Gia Lâm".
	visitorCues = []string{"doan cong tac", "doan dai bieu", "doan khao sat", "doan kiem tra", "doan giam sat", "doan cong tac cua", "doan dai bieu cua"}
)

// mentionIsPlace applies the processor's rules on top of the Matcher's:
// bare person names are people, and a unit a delegation comes from is a
// visitor.
func mentionIsPlace(mt place.Mention, u place.Unit, runes []rune) bool {
	f := vietnamese.FoldedQuick(mt.Text)
	typed := false
	for _, p := range unitCuePrefixes {
		if strings.HasPrefix(f, p) {
			typed = true
			break
		}
	}
	for _, s := range unitCueSuffixes {
		if strings.HasSuffix(f, s) {
			typed = true
			break
		}
	}
	if !typed {
		if personNames[f] {
			return false
		}
		if first, _, ok := strings.Cut(f, " "); ok && u.Level == place.Commune && personSurname[first] {
			return false
		}
		if inNameList(runes, mt.Start) {
			return false
		}
	}
	before := vietnamese.FoldedQuick(string(runes[max(mt.Start-24, 0):mt.Start]))
	before = strings.TrimRight(before, " ")
	for _, c := range visitorCues {
		if strings.HasSuffix(before, c) {
			return false
		}
	}
	return true
}

// listHeads are words that head a list of names that are not units: "các
// tuyến phố Bạch Mai, Minh Khai", "các trường THCS Ngọc Thụy, Gia Thụy".
var listHeads = map[string]bool{"phố": true, "đường": true, "ngõ": true, "ngách": true, "hẻm": true,
	"trường": true, "thcs": true, "thpt": true, "chợ": true, "cầu": true, "sông": true}

// inNameList reports whether the bare name starting at rune start continues
// a list of capitalised names, joined by commas and "và", that a street or
// school word heads, in the same sentence. The Matcher stops looking back
// at the first comma.
func inNameList(runes []rune, start int) bool {
	a := start
	for a > 0 && start-a < 120 && !strings.ContainsRune(".;:!?\n()", runes[a-1]) {
		a--
	}
	words := strings.Fields(string(runes[a:start]))
	comma := false
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if strings.HasSuffix(w, ",") {
			comma = true
			w = strings.TrimSuffix(w, ",")
		}
		lw := strings.ToLower(w)
		switch {
		case listHeads[lw]:
			return comma
		case lw == "và":
			comma = true
		case w != "" && unicode.IsUpper([]rune(w)[0]):
		default:
			return false
		}
	}
	return false
}
