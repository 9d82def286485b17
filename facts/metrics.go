package facts

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// Metric kinds.
const (
	kindCount   = "count"
	kindPercent = "percent"
	kindMoney   = "money"
	kindMeasure = "measure"
)

// maxUnitWords bounds a unit: "hồ sơ thủ tục hành chính" has six syllables.
const maxUnitWords = 6

// unitStop ends a unit: function words and verbs that follow the counted
// noun ("81 tổ chức Công đoàn với ...", "50% tổ chức cơ sở đảng đạt ...").
var unitStop = setOf(`với của và hoặc hay trong tại được đạt có là cho từ đến theo về để trên dưới so bằng
	tăng giảm chiếm gồm thuộc do bị đã đang sẽ vào ra khi nhưng mà như này đó các những mỗi một nên vì tới qua
	sau trước gắn kèm nhằm lên xuống còn thì hơn gần khoảng ước cùng nhận tặng ở đi trở tham hoàn thực đảm đều
	cũng rất chỉ vẫn nay vừa lại không chưa hỗ xây sửa trực góp tiếp giúp chủ triển tổng`)

// unitStopLater ends a unit after its first word only: "huyện ủy viên" is
// a unit, "hộ dân xã Tam Hiệp" stops at "xã".
var unitStopLater = setOf(`xã phường huyện quận thị tỉnh thành thôn bản ấp tổ đơn dự`)

// unitKeepPair are pairs with a word of unitStopLater that still belong to the
// unit after the previous word ("thành viên", "đoàn thanh niên").
var unitKeepPair = setOf(`thành_viên đơn_vị tổ_chức thị_trấn tổ_dân huyện_ủy quận_ủy thị_ủy tỉnh_ủy thành_ủy tác_xã`)

// unitCompounds are fixed phrases that open with a stop word but belong to
// the unit: "312 người có công", "15 đợt ra quân".
var unitCompounds = setOf(`có_công ra_quân`)

// idBefore are words after which a number is an identifier, an ordinal or
// a date part, not a figure: "Nghị quyết số 06", "lần thứ 5", "cấp độ 3",
// "lớp 9", "Quyết định 123".
var idBefore = setOf(`số thứ khóa điều khoản chương mục phần lớp phường quận tổ xóm thôn khu cụm đội ấp khối phòng
	tầng nhà đường km lộ độ hạng kỳ đợt tuần ngày tháng quý giai bảng hình trang tuyến covid top loại mã bậc vòng
	ngõ ngách hẻm lô thửa tờ quyết thị định tư luận án trình văn cấp mức`)

// yearBefore are words after which a four-digit number is a year.
var yearBefore = setOf(`năm đoạn kỳ khóa đến từ trước sau cuối đầu giữa mùa niên`)

// notUnit are first words of units that make a number a duration, an age
// or a time, not a metric: "3 tháng một lần", "dưới 35 tuổi".
var notUnit = setOf(`tuổi tháng năm ngày tuần quý giờ phút giây thế độ buổi`)

// unitOpeners are units whose first word alone would stop one ("chỉ": only).
var unitOpeners = setOf(`chỉ_tiêu`)

// rateDenominators follow a unit's slash in a rate ("tạ/ha", "đồng/người/năm").
var rateDenominators = setOf(`ha người năm tháng ngày giờ km km2 m2 hộ sào lao khẩu con ca`)

var measureUnits = setOf(`ha hecta héc km m m2 m3 km2 cm mm tấn kg tạ lít mét kw kwh mw sào mẫu`)

var moneyWords = setOf(`đồng usd vnđ vnd euro`)

// planWords qualify a percentage as a plan percentage: "đạt 159,9% kế hoạch".
var planWords = []string{"kế hoạch", "kh", "chỉ tiêu", "dự toán", "nghị quyết", "mục tiêu"}

// planSentence marks figures stated as plans: they keep their unit but get
// no key, so trends only count what was reported as done.
var planSentence = []string{"phấn đấu", "dự kiến", "mục tiêu đến", "chỉ tiêu đến"}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[strings.ReplaceAll(w, "_", " ")] = true
	}
	return m
}

// cand is a number being read as a metric.
type cand struct {
	tok, end   int // number token; first token after what it consumed (unit included)
	unitTok    int // first unit token
	value      float64
	target     *float64
	plan       *float64
	percent    bool
	money      bool
	unit       string
	qual       string
	change     string
	viaVoi     bool // "với N X": a sub-count of the head before it
	absorbed   bool // became a target, plan percentage or change of another
	clause     int
	sentence   int
	ctxA, ctxB int // rune span of the context for the taxonomy
}

// metricScan holds one body's analysis.
type metricScan struct {
	body   string
	low    []rune
	lowStr string  // low as a string
	lowOff []int32 // byte offset in lowStr of each rune of low, and of its end
	// bodyR, bodyB: a rune offset into body and its byte offset, where
	// bodyByte left off.
	bodyR, bodyB int
	// planEnd is, by sentence, where its first plan phrase ends in lowStr
	// (-1: none); see isPlan.
	planEnd map[int]int
	toks    []token
	sent    []int // sentence index per token
	clause  []int // clause index per token
	cls     [][2]int
	cands   []*cand
	tax     *Taxonomy
}

// ExtractMetrics finds the figures reported in an article body, with the
// embedded taxonomy.
func ExtractMetrics(body string) []event.Metric { return DefaultTaxonomy().Extract(body) }

// Extract finds the figures reported in body. Offsets are rune offsets
// into body; each metric's Text is body[Start:End] in runes, the clause
// that carries the figure.
func (t *Taxonomy) Extract(body string) []event.Metric {
	if !utf8.ValidString(body) {
		body = strings.ToValidUTF8(body, "\uFFFD")
	}
	return t.extract(body, vietnamese.NormalizeQuick(body))
}

// extract is Extract on a valid body, with vietnamese.NormalizeQuick(body) at hand.
func (t *Taxonomy) extract(body, normBody string) []event.Metric {
	ms, _ := t.extractView(body, normBody)
	return ms
}

// extractView is extract, with the view it matched on (matchView's, as
// a string: normalised and lowercased, rune for rune the body).
func (t *Taxonomy) extractView(body, normBody string) ([]event.Metric, string) {
	buf := scanBuffers.Get().(*scanBuffer)
	defer buf.put()
	s := &metricScan{body: body, tax: t}
	s.low, s.lowStr, s.lowOff = matchViewTextInto(buf.low, buf.off, body, normBody)
	s.toks = tokenizeViewInto(buf.toks, s.low, s.lowStr, s.lowOff)
	buf.low, buf.off, buf.toks = s.low, s.lowOff, s.toks
	s.segment(buf)
	s.scan()
	s.attachTargets()
	s.attachPlans()
	s.attachChanges()
	return s.emit(), s.lowStr
}

// scanBuffer holds a scan's per-rune and per-token slices for the next
// scan: they are most of what extraction allocates. Nothing a scan
// returns points into them (metrics hold strings of the body).
type scanBuffer struct {
	low           []rune
	off           []int32
	toks          []token
	sent, clauses []int
}

var scanBuffers = sync.Pool{New: func() any { return new(scanBuffer) }}

// maxPooledRunes bounds what a pooled buffer keeps: a huge page's slices
// go to the collector, not to the next page.
const maxPooledRunes = 1 << 20

func (b *scanBuffer) put() {
	if cap(b.low) > maxPooledRunes {
		return
	}
	clear(b.toks) // their strings point into the scan's text
	scanBuffers.Put(b)
}

// segment assigns sentence and clause numbers to tokens and records each
// clause's token span.
func (s *metricScan) segment(buf *scanBuffer) {
	s.sent = slices.Grow(buf.sent[:0], len(s.toks))[:len(s.toks)]
	s.clause = slices.Grow(buf.clauses[:0], len(s.toks))[:len(s.toks)]
	buf.sent, buf.clauses = s.sent, s.clause
	sent, cl, start := 0, 0, 0
	for i, t := range s.toks {
		if t.nl && i > 0 {
			s.cls = append(s.cls, [2]int{start, i})
			sent++
			cl++
			start = i
		}
		s.sent[i], s.clause[i] = sent, cl
		if t.kind == tPunct {
			switch t.s {
			case ".", "!", "?", "…":
				s.cls = append(s.cls, [2]int{start, i + 1})
				sent++
				cl++
				start = i + 1
			case ";", ":":
				s.cls = append(s.cls, [2]int{start, i + 1})
				cl++
				start = i + 1
			}
		}
	}
	s.cls = append(s.cls, [2]int{start, len(s.toks)})
}

// word returns token i's text if it is a word, else "".
func (s *metricScan) word(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return ""
	}
	return s.toks[i].s
}

func (s *metricScan) tokIs(i int, v string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].s == v
}

// excludeWindow is how far (in runes) around a number notMetricRe looks:
// every pattern is local ("điện thoại: " is the longest lead).
const excludeWindow = 20

// excluded marks number tokens inside notMetricRe spans. The patterns run
// only on windows around numbers, merged where they overlap: most of a body
// is words, and running the patterns on it all dominates extraction time.
func (s *metricScan) excluded() []bool {
	out := make([]bool, len(s.toks))
	var spans [][2]int
	winA, winB := -1, -1
	flush := func() {
		if winA < 0 {
			return
		}
		str := s.lowText(winA, winB)
		bi, ri := 0, winA
		conv := func(b int) int {
			for bi < b {
				_, n := utf8.DecodeRuneInString(str[bi:])
				bi += n
				ri++
			}
			return ri
		}
		for _, l := range notMetricSpans(str) {
			a := conv(l[0])
			spans = append(spans, [2]int{a, conv(l[1])})
		}
	}
	for i, t := range s.toks {
		if t.kind != tNum || !s.mayBeExcluded(i) {
			continue
		}
		a, b := max(t.a-excludeWindow, 0), min(t.b+excludeWindow, len(s.low))
		if winA >= 0 && a <= winB {
			winB = b
			continue
		}
		flush()
		winA, winB = a, b
	}
	flush()
	if len(spans) == 0 {
		return out
	}
	k := 0
	for i, t := range s.toks {
		if t.kind != tNum {
			continue
		}
		for k < len(spans) && spans[k][1] <= t.a {
			k++
		}
		if k < len(spans) && spans[k][0] < t.b {
			out[i] = true
		}
	}
	return out
}

// excludeCue are words near a number that may make it a date, a time or a
// phone number.
var excludeCue = setOf(`ngày tháng năm quý giờ h thoại đt sđt hotline fax tel hôm sáng chiều tối trưa đêm từ đến đầu cuối giữa www http https`)

// mayBeExcluded is a cheap test of whether notMetricRe can match around
// number token i: a separator or a glued word next to it, a cue word
// nearby, a leading zero, or another number right after it. A plain
// "78 đồng chí" needs no pattern matching.
func (s *metricScan) mayBeExcluded(i int) bool {
	t := s.toks[i]
	if t.s[0] == '0' || strings.Count(t.s, ".") > 1 {
		return true
	}
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(s.toks) {
			continue
		}
		n := s.toks[j]
		if n.kind == tPunct && !strings.Contains(",;%…()", n.s) {
			return true
		}
		if j == i+1 && (!n.space || n.kind == tNum) {
			return true
		}
	}
	for j := max(i-3, 0); j <= min(i+2, len(s.toks)-1); j++ {
		if s.toks[j].kind == tWord && excludeCue[s.toks[j].s] || s.toks[j].s == "động" && s.word(j-1) == "di" {
			return true
		}
	}
	return false
}

// scan reads every number token that may be a metric.
func (s *metricScan) scan() {
	excl := s.excluded()
	consumed := -1
	for i, t := range s.toks {
		if t.kind != tNum || i <= consumed || excl[i] {
			continue
		}
		c := s.read(i)
		if c == nil {
			continue
		}
		consumed = c.tok
		if c.target != nil {
			consumed = c.tok + 2
		}
		s.cands = append(s.cands, c)
	}
}

// read reads the number at token i with what follows and precedes it; nil
// when it is not a figure.
func (s *metricScan) read(i int) *cand {
	t := s.toks[i]
	// Glued to a dash or slash after a word or number: a code or a range.
	if i > 0 && !t.space {
		if p := s.toks[i-1]; (p.s == "-" || p.s == "/" || p.s == "–") && i > 1 && !p.space {
			return nil
		}
		if s.toks[i-1].kind == tWord { // "F0", "covid19" tails
			return nil
		}
	}
	// "2015 - 2020": the second year of a range.
	if i > 1 && (s.tokIs(i-1, "-") || s.tokIs(i-1, "–")) && s.toks[i-2].kind == tNum && isYearTok(s.toks[i-2].s) {
		return nil
	}
	v, ok := ParseNumber(t.s)
	if !ok {
		return nil
	}
	c := &cand{tok: i, value: v, clause: s.clause[i], sentence: s.sent[i]}
	j := i + 1
	if s.tokIs(j, "/") && !s.toks[j].space && j+1 < len(s.toks) && s.toks[j+1].kind == tNum && !s.toks[j+1].space {
		if s.tokIs(j+2, "/") {
			return nil // a date the patterns missed
		}
		tv, ok := ParseNumber(s.toks[j+1].s)
		if !ok {
			return nil
		}
		c.target = &tv
		j += 2
	}
	if s.tokIs(j, "%") {
		c.percent = true
		j++
	}
	if !c.percent {
		for {
			w := s.word(j)
			m, ok := scaleWord(w)
			if !ok || s.word(j+1) == "lệ" {
				break
			}
			if moneyWords[s.word(j+1)] && s.word(j+2) != "chí" && s.word(j+2) != "bào" {
				c.money = true
				c.unit = w + " " + s.word(j+1)
				j += 2
				break
			}
			if _, more := scaleWord(s.word(j + 1)); more { // "nghìn tỷ đồng"
				c.value *= m
				if c.target != nil {
					*c.target *= m
				}
				j++
				continue
			}
			c.value *= m
			if c.target != nil {
				*c.target *= m
			}
			j++
			break
		}
	}
	c.unitTok = j
	if c.unit == "" && s.word(j) == "đ" && s.tokIs(j+1, "/") && s.word(j+2) == "c" {
		c.unit = "đồng chí" // "đ/c", the abbreviation
		j += 3
	}
	if c.unit == "" {
		var words []string
		for ; j < len(s.toks) && len(words) < maxUnitWords; j++ {
			tk := s.toks[j]
			// A unit never starts or goes on after a line break: the next
			// paragraph's first words are not the figure's.
			if len(words) == 0 && tk.kind == tWord && !tk.nl && unitOpeners[tk.s+" "+s.word(j+1)] {
				words = append(words, tk.s, s.word(j+1)) // "18 chỉ tiêu": a unit whose first word alone is a stop
				j++
				continue
			}
			if tk.kind != tWord || tk.nl || unitStop[tk.s] && !(len(words) > 0 && unitCompounds[tk.s+" "+s.word(j+1)]) {
				break
			}
			if unitCompounds[tk.s+" "+s.word(j+1)] && len(words) > 0 && len(words)+2 <= maxUnitWords {
				words = append(words, tk.s, s.word(j+1))
				j++
				continue
			}
			if len(words) > 0 && unitStopLater[tk.s] && !unitKeepPair[tk.s+" "+s.word(j+1)] && !unitKeepPair[words[len(words)-1]+" "+tk.s] {
				break
			}
			words = append(words, tk.s)
		}
		c.unit = strings.Join(words, " ")
		if c.unit == "" {
			c.unit = s.unitBefore(i)
		}
		if len(words) > 0 && moneyWords[words[0]] && (len(words) == 1 || words[0] != "đồng") {
			c.money = true
			c.unit = words[0]
			j = c.unitTok + 1
		}
	}
	// A rate: "62,2 tạ/ha", "65 triệu đồng/người/năm".
	for c.unit != "" && s.tokIs(j, "/") && !s.toks[j].space && j+1 < len(s.toks) && !s.toks[j+1].space && rateDenominators[s.word(j+1)] {
		c.unit += "/" + s.word(j+1)
		j += 2
	}
	c.end = j
	prev, prev2 := s.word(i-1), s.word(i-2)
	if isYearTok(t.s) && !c.percent && !c.money {
		if c.unit == "" || yearBefore[prev] || s.tokIs(c.unitTok, "-") || s.tokIs(c.unitTok, "–") {
			return nil
		}
	}
	if idBefore[prev] && !(prev == "số" && (prev2 == "tổng" || prev2 == "với")) {
		return nil
	}
	if first, _, _ := strings.Cut(c.unit, " "); notUnit[first] && c.unit != "ngày công" && c.unit != "giờ công" {
		return nil
	}
	c.qual = qualifierOf(prev)
	if c.qual == "" && (prev == "đạt" || prev == "tính" || prev == "được") {
		c.qual = qualifierOf(prev2)
	}
	if prev == "với" || (prev == "có" && prev2 == "với") {
		c.viaVoi = true
	}
	return c
}

// unitBefore reads the unit of a figure that ends its clause after "là"
// or ":" from the "số ..." that opens the clause: "Số tuyến đường được
// gắn biển đến nay là 27", "Tổng số đảng viên: 10.594".
func (s *metricScan) unitBefore(i int) string {
	if !s.tokIs(i-1, "là") && !s.tokIs(i-1, ":") {
		return ""
	}
	if i+1 < len(s.toks) && s.toks[i+1].kind != tPunct && !s.toks[i+1].nl {
		return "" // the clause goes on after the figure
	}
	j := i - 2 // the clause of what "là" or ":" follows
	if j < 0 {
		return ""
	}
	for j > 0 && s.clause[j-1] == s.clause[i-2] && s.toks[j-1].kind != tPunct {
		j--
	}
	if s.word(j) == "tổng" {
		j++
	}
	if s.word(j) != "số" {
		return ""
	}
	var words []string
	for k := j + 1; k < i-1 && len(words) < maxUnitWords; k++ {
		w := s.toks[k]
		if w.kind != tWord || unitStop[w.s] || len(words) > 0 && unitStopLater[w.s] && !unitKeepPair[words[len(words)-1]+" "+w.s] {
			break
		}
		words = append(words, w.s)
	}
	return strings.Join(words, " ")
}

// isYearTok reports whether a number token is written like a year.
func isYearTok(s string) bool {
	if len(s) != 4 || (s[0] != '1' && s[0] != '2') {
		return false
	}
	v, ok := ParseNumber(s)
	return ok && v >= 1900 && v <= 2100
}

// prevCand is the closest candidate before k that is still on its own,
// in the same sentence, accepted by ok.
func (s *metricScan) prevCand(k int, ok func(*cand) bool) *cand {
	for j := k - 1; j >= 0 && j >= k-maxLookback; j-- {
		c := s.cands[j]
		if c.sentence != s.cands[k].sentence {
			return nil
		}
		if !c.absorbed && ok(c) {
			return c
		}
	}
	return nil
}

// between reports whether phrase occurs in the tokens [a, b).
func (s *metricScan) between(a, b int, phrase string) bool {
	words := strings.Fields(phrase)
	for i := max(a, 0); i+len(words) <= min(b, len(s.toks)); i++ {
		ok := true
		for k, w := range words {
			if s.toks[i+k].s != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// startsWithAny reports whether the words from token i spell one of phrases.
func (s *metricScan) startsWithAny(i int, phrases []string) bool {
	for _, p := range phrases {
		if s.between(i, i+len(strings.Fields(p)), p) {
			return true
		}
	}
	return false
}

// attachTargets reads "(chỉ tiêu 300)", "(dự toán 1.234 tỷ đồng)" right
// after a figure as that figure's target.
func (s *metricScan) attachTargets() {
	for k, c := range s.cands {
		if c.absorbed || c.percent || !s.tokIs(c.end, "(") {
			continue
		}
		j := c.end + 1
		n := 0
		for _, p := range []string{"chỉ tiêu", "dự toán", "kế hoạch", "kh", "mục tiêu"} {
			if s.between(j, j+len(strings.Fields(p)), p) {
				n = len(strings.Fields(p))
				break
			}
		}
		if n == 0 || k+1 >= len(s.cands) || s.cands[k+1].tok != j+n {
			continue
		}
		tc := s.cands[k+1]
		if tc.percent {
			continue
		}
		v := tc.value
		c.target = &v
		tc.absorbed = true
	}
}

// attachPlans gives "đạt 159,9% kế hoạch" and "(đạt 120%)" to the figure
// they qualify.
func (s *metricScan) attachPlans() {
	for k, p := range s.cands {
		if !p.percent || p.absorbed {
			continue
		}
		verb := s.word(p.tok - 1)
		at := p.tok - 1
		if qualifierOf(verb) != "" {
			verb, at = s.word(p.tok-2), p.tok-2
		}
		if verb != "đạt" && verb != "bằng" && verb != "vượt" {
			continue
		}
		inParen := s.tokIs(at-1, "(")
		planned := s.startsWithAny(p.unitTok, planWords)
		host := s.prevCand(k, func(c *cand) bool { return !c.percent })
		// "giải quyết đúng hạn 11.581 hồ sơ, đạt 99,9%;": a bare "đạt X%"
		// right after a figure and its unit, ending the clause, is that
		// figure's.
		bare := p.unit == "" && host != nil && s.tokIs(at-1, ",") && host.end == at-1 &&
			(p.end >= len(s.toks) || s.toks[p.end].kind == tPunct)
		if !planned && !inParen && !bare {
			continue
		}
		if host == nil || host.plan != nil || s.between(host.tok, p.tok, "tỷ lệ") || s.between(host.tok, p.tok, "trong đó") {
			continue
		}
		// "thành lập 08 chi hội với 312 hội viên (đạt 100% kế hoạch)": the
		// percentage may qualify either figure, so it stays on its own.
		if host.viaVoi && s.prevCand(indexOf(s.cands, host), func(c *cand) bool { return c.clause == host.clause }) != nil {
			continue
		}
		v := p.value
		if verb == "vượt" {
			v += 100
		}
		host.plan = &v
		p.absorbed = true
	}
}

func indexOf(cs []*cand, c *cand) int {
	for i, x := range cs {
		if x == c {
			return i
		}
	}
	return -1
}

// attachChanges reads "giảm 150 hộ so với đầu năm" after a figure as that
// figure's change; a change with no figure before it is a metric itself.
func (s *metricScan) attachChanges() {
	for k, c := range s.cands {
		if c.absorbed {
			continue
		}
		at := c.tok - 1
		if w := s.word(at); w == "thêm" || w == "được" || qualifierOf(w) != "" {
			at--
		}
		verb := s.word(at)
		if verb != "tăng" && verb != "giảm" {
			continue
		}
		// The phrase runs to the end of "so với ..." when it follows.
		end := c.end
		if s.between(c.end, c.end+2, "so với") {
			end = c.end + 2
			for end < len(s.toks) && s.toks[end].kind != tPunct && !s.toks[end].nl && end-c.end < 10 {
				end++
			}
		}
		phrase := s.spanText(s.toks[at].a, s.toks[end-1].b)
		host := s.prevCand(k, func(h *cand) bool {
			return h.clause == c.clause && (c.percent || !h.percent)
		})
		if host != nil && host.change == "" {
			host.change = phrase
			c.absorbed = true
			continue
		}
		c.change = phrase
	}
}

// lowText is the match view between rune offsets a and b.
func (s *metricScan) lowText(a, b int) string { return s.lowStr[s.lowOff[a]:s.lowOff[b]] }

// bodyByte is the byte offset in the body of rune offset r (at most the
// body's rune count). Spans are asked for mostly in order, so it walks
// from the last answer, backwards or forwards: the cost is the distance, never
// the whole body (a page with thousands of figures stays linear).
func (s *metricScan) bodyByte(r int) int {
	for s.bodyR > r {
		_, n := utf8.DecodeLastRuneInString(s.body[:s.bodyB])
		s.bodyB -= n
		s.bodyR--
	}
	for s.bodyR < r {
		_, n := utf8.DecodeRuneInString(s.body[s.bodyB:])
		s.bodyB += n
		s.bodyR++
	}
	return s.bodyB
}

// spanText is the body between rune offsets a and b.
func (s *metricScan) spanText(a, b int) string {
	if a < 0 || b > len(s.low) || a > b {
		return ""
	}
	ba := s.bodyByte(a)
	return s.body[ba:s.bodyByte(b)]
}

// percentUnit finds what a percentage is of when no noun follows it:
// "tỷ lệ nữ chiếm 36%", "còn 1.200 hộ nghèo, chiếm tỷ lệ 1,2%".
func (s *metricScan) percentUnit(k int) string {
	c := s.cands[k]
	lo := s.cls[c.clause][0]
	// the words after the last "tỷ lệ" before the figure
	for j := c.tok - 2; j >= lo; j-- {
		if s.toks[j].s == "tỷ" && s.word(j+1) == "lệ" {
			var words []string
			for q := j + 2; q < c.tok && len(words) < maxUnitWords; q++ {
				w := s.word(q)
				if w == "" || unitStop[w] || w == "trung" {
					break
				}
				words = append(words, w)
			}
			if len(words) > 0 {
				return strings.Join(words, " ")
			}
			break
		}
	}
	// "chiếm (tỷ lệ) P%", "(P%)": a share of the figure before it; of an
	// area or an amount, a share of what the clause is about.
	if p := s.prevCand(k, func(h *cand) bool { return !h.percent && h.unit != "" && h.clause == c.clause }); p != nil {
		prev := s.word(c.tok - 1)
		if prev == "chiếm" || prev == "lệ" || s.tokIs(c.tok-1, "(") {
			first, _, _ := strings.Cut(p.unit, " ")
			if !p.money && !measureUnits[first] {
				return p.unit
			}
			if subj := s.subject(lo, c.tok); subj != "" {
				return subj
			}
			return p.unit
		}
	}
	// the subject: the words opening the comma-separated segment
	a := c.tok - 1
	for a > lo && s.toks[a-1].s != "," && !(s.toks[a-1].kind == tNum) {
		a--
	}
	if subj := s.subject(a, c.tok); subj != "" {
		return subj
	}
	return s.subject(lo, c.tok)
}

// subject is the noun phrase opening the tokens [a, b): the words up to
// the first stop word.
func (s *metricScan) subject(a, b int) string {
	if notUnit[s.word(a)] {
		return "" // "Năm 2018, ...": a time, not a subject
	}
	var words []string
	for q := a; q < b && len(words) < maxUnitWords+1; q++ {
		w := s.word(q)
		if w == "" || unitStop[w] {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// refineHousehold turns a bare "hộ" into the household phrase the
// sentence is about: "số hộ nghèo còn 1.200 hộ" counts "hộ nghèo".
func (s *metricScan) refineHousehold(c *cand) string {
	lo := s.cls[c.clause][0]
	for lo > 0 && s.sent[lo-1] == c.sentence {
		lo--
	}
	for j := c.tok - 1; j >= lo; j-- {
		if s.toks[j].s != "hộ" || s.toks[j].kind != tWord {
			continue
		}
		words := []string{"hộ"}
		for q := j + 1; q < c.tok && len(words) < maxUnitWords; q++ {
			w := s.word(q)
			if w == "" || unitStop[w] {
				break
			}
			words = append(words, w)
		}
		if len(words) > 1 {
			return strings.Join(words, " ")
		}
	}
	return c.unit
}

// emit turns the candidates left standing into metrics.
func (s *metricScan) emit() []event.Metric {
	if len(s.cands) == 0 {
		return nil
	}
	out := make([]event.Metric, 0, len(s.cands))
	// prev is the last figure emitted: a figure that only continues its
	// enumeration ("giám sát 13 tổ chức đảng và 28 đảng viên (03 huyện
	// uỷ viên)") is keyed in the context of the figure it continues.
	var prev struct {
		clause int
		raw    string // its unit as written; unit is it normalised
		unit   string
		ctx    string
		ok     bool
	}
	for k, c := range s.cands {
		if c.absorbed {
			continue
		}
		unit := c.unit
		if c.percent && unit == "" {
			unit = s.percentUnit(k)
		}
		if unit == "hộ" {
			unit = s.refineHousehold(c)
		}
		if unit == "" && c.change == "" {
			continue
		}
		kind := kindCount
		first, _, _ := strings.Cut(unit, " ")
		first, _, _ = strings.Cut(first, "/")
		switch {
		case c.percent:
			kind = kindPercent
		case c.money:
			kind = kindMoney
		case measureUnits[first]:
			kind = kindMeasure
		}
		cl := s.cls[c.clause]
		start, end := s.toks[cl[0]].a, s.toks[cl[1]-1].b
		// Context for the taxonomy: from the previous number (or the clause
		// start) to the next number (or the clause end).
		ca := cl[0]
		for j := c.tok - 1; j >= cl[0]; j-- {
			if s.toks[j].kind == tNum {
				ca = j + 1
				break
			}
		}
		// After the figure, the context runs to the next number or
		// punctuation: "kết nạp 250 đảng viên mới, chuyển đảng chính thức
		// cho 180 đồng chí" keeps the second verb out of the first figure.
		cb := cl[1]
		for j := c.end; j < cl[1]; j++ {
			if s.toks[j].kind == tNum || s.toks[j].kind == tPunct && s.toks[j].s != "(" && s.toks[j].s != ")" {
				cb = j
				break
			}
		}
		ctx := ""
		if ca < cb {
			ctx = s.lowText(s.toks[ca].a, s.toks[cb-1].b)
		}
		key := ""
		if prev.ok && prev.clause == c.clause && s.continues(ca, c.tok, prev.unit) {
			ctx = prev.ctx + " " + ctx
		}
		if !s.isPlan(c) {
			key = s.tax.Key(kind, unit, ctx+" "+unit)
		}
		if !prev.ok || unit != prev.raw {
			prev.unit = normUnit(unit)
		}
		prev.clause, prev.raw, prev.ctx, prev.ok = c.clause, unit, ctx, true
		m := event.Metric{
			Value: c.value, Kind: kind, Unit: unit, Key: key, Target: c.target, PlanPercent: c.plan,
			Qualifier: c.qual, Change: c.change, Start: start, End: end, Text: s.spanText(start, end),
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil // every candidate absorbed: none, as before any was sized
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// maxLookback bounds how many figures back in its sentence a figure looks
// for the one it qualifies: reports have a handful per sentence; a page
// with 60,000 figures in one "sentence" must not cost 60,000² looks.
const maxLookback = 64

// isPlan reports whether the figure is stated as a plan in its sentence.
// A plan phrase before the figure in its sentence makes it a plan: the
// first plan phrase of each sentence is looked up once (planEnd, the byte
// offset in lowStr where it ends), not in the text before each figure.
func (s *metricScan) isPlan(c *cand) bool {
	if s.planEnd == nil {
		s.planEnd = map[int]int{}
	}
	end, ok := s.planEnd[c.sentence]
	if !ok {
		a, b := c.tok, c.tok
		for a > 0 && s.sent[a-1] == c.sentence {
			a--
		}
		for b+1 < len(s.toks) && s.sent[b+1] == c.sentence {
			b++
		}
		from := int(s.lowOff[s.toks[a].a])
		sentence := s.lowStr[from:s.lowOff[s.toks[b].b]]
		end = -1
		for _, p := range planSentence {
			if i := strings.Index(sentence, p); i >= 0 && (end < 0 || from+i+len(p) < end) {
				end = from + i + len(p)
			}
		}
		s.planEnd[c.sentence] = end
	}
	return end >= 0 && end <= int(s.lowOff[s.toks[c.tok].a])
}

// enumJoins are what may stand between a figure's unit and the next figure
// of the same enumeration.
var enumJoins = map[string]bool{"": true, "và": true, ",": true, "(": true, "và (": true, ", (": true, "gồm": true, "trong đó": true, "(trong đó": true}

// continues reports whether the tokens [a, tok) before a figure are only
// the previous figure's unit and a joining word: the figure continues that
// figure's enumeration.
func (s *metricScan) continues(a, tok int, prevUnit string) bool {
	if prevUnit == "" || a >= tok {
		return false
	}
	gap := s.lowText(s.toks[a].a, s.toks[tok-1].b)
	if len(gap) > len(prevUnit)+40 {
		return false // longer than the unit and a joining word, as most gaps are
	}
	gap = normUnit(gap)
	rest, ok := strings.CutPrefix(gap, prevUnit)
	return ok && enumJoins[strings.Join(strings.Fields(rest), " ")]
}
