package page

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/vietnamese"
)

// Labelled meta lines: many templates put several fields on one line,
// each after its label ("Chuyên mục: Kinh tế - Tác giả: Thu Hà - Ngày xuất
// bản: 03/05/2018 08:30:12 SA"). The labels delimit the fields; a field's
// value runs to the next label, without the separators between them. The
// values themselves may hold dashes ("Thu Hà – Minh Anh").

// metaLabels maps a label (folded, as it is written before its colon) to
// the field it names.
// The byline's labels are the ones facts reads a byline with.
var metaLabels = append([]metaLabel{
	{"chuyen muc", "category"}, {"danh muc", "category"}, {"chu de", "category"}, {"linh vuc", "category"}, {"category", "category"}, {"categories", "category"},
	{"ngay dang", "date"}, {"ngay xuat ban", "date"}, {"xuat ban", "date"}, {"ngay cap nhat", "date"},
	{"cap nhat", "date"}, {"dang ngay", "date"}, {"thoi gian dang", "date"}, {"ngay dua tin", "date"},
	{"publish date", "date"}, {"published", "date"}, {"posted", "date"},
	{"luot xem", "views"}, {"so luot xem", "views"}, {"so lan doc", "views"}, {"luot doc", "views"}, {"da xem", "views"},
	{"nguon", "source"}, {"view count", "views"}, {"number of views", "views"}, {"views", "views"},
	{"comments", "comments"}, {"number of comments", "comments"},
	// Not a field DRA keeps, but it ends the one before it ("Tác giả: Minh
	// Anh / Số lượt xem (1523) / Bình luận (0)").
	{"binh luan", "comments"}, {"y kien", "comments"},
	// The account after the time it posted or updated the article
	// ("Cập nhật lúc 8:30:15 SA, 12/03/2024 bởi Minh Anh", "Tháng Một 11,
	// 2021 bởi quantri"): only right after a day or a time.
	{"boi", "poster"},
}, bylineMetaLabels()...)

type metaLabel struct{ label, field string }

// colonless are the labels written without a colon before the name.
var colonless = map[string]bool{"posted by": true, "written by": true, "dang boi": true, "viet boi": true}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b >= 0x80 }

func bylineMetaLabels() []metaLabel {
	out := []metaLabel{{"nguoi cap nhat", "poster"}}
	for _, l := range facts.BylineLabels() {
		f := "byline"
		if posterLabels[l] {
			f = "poster"
		}
		out = append(out, metaLabel{l, f})
	}
	return out
}

// posterLabels name the account that uploaded the article, not always
// its author: a byline elsewhere on the page (one closing the text) says
// who wrote it; the poster is the byline only when nothing else is.
var posterLabels = map[string]bool{"nguoi dang": true, "nguoi dang tin": true, "nguoi dang bai": true, "nguoi tao": true, "created by": true, "tao boi": true}

// metaFields reads the labelled fields of a line: the values by field
// ("category", "byline", "date", "views"), with "date" and "views" keeping
// their label (parseDateLine and findViews read them). A label is
// followed by a colon, or (a date's or a count's) by its digits or a count
// in parentheses; a comment count ends a field but is not kept. It
// returns nil for a line without a label.
func metaFields(l string) map[string]string { return labelledFields(l, nil) }

// firstLabel is where the first labelled field of a meta line starts, -1
// when it has none.
func firstLabel(l string) int {
	i := -1
	labelledFields(l, &i)
	return i
}

// labelledFields is metaFields, setting *first (when not nil) to where the
// first label starts.
func labelledFields(l string, first *int) map[string]string {
	if !strings.Contains(l, ":") && !strings.Contains(l, "(") && !strings.Contains(l, "bởi ") && !strings.Contains(l, "Bởi ") && !strings.Contains(l, "by ") || runesOver(l, 300) {
		return nil
	}
	f := vietnamese.FoldQuick(l) // rune for rune, not byte for byte
	// orig maps a byte offset of f at a rune start to l's.
	orig := make(map[int]int, len(l)+1)
	j := 0
	for i := range f {
		orig[i] = j
		_, n := utf8.DecodeRuneInString(l[j:])
		j += n
	}
	orig[len(f)] = len(l)
	type at struct {
		start, valueStart int
		field             string
	}
	var found []at
	for _, ml := range metaLabels {
		for off := 0; ; {
			i := strings.Index(f[off:], ml.label)
			if i < 0 {
				break
			}
			i += off
			off = i + len(ml.label)
			j := skipSpaces(f, off)
			if j >= len(f) || i > 0 && isWordByte(f[i-1]) {
				continue
			}
			switch {
			case ml.label == "boi":
				if f[j] == ':' { // "… 12/03/2024 bởi: Minh Anh"
					j = skipSpaces(f, j+1)
				}
				if before := strings.TrimRight(l[:orig[i]], " ,"); j > off && j < len(f) && isLetter(f[j]) && byAccount(l[orig[i]:], l[orig[j]:]) && endsLikeDate(before) && datedTail(before) {
					found = append(found, at{orig[i], orig[j], ml.field})
				}
			case f[j] == ':':
				found = append(found, at{orig[i], orig[j+1], ml.field})
			case f[j] == '/' && j == off:
				// Two labels joined by a slash ("Tác giả/Người đăng:"):
				// the first names the field, the value follows the colon.
				if k := strings.IndexByte(f[j:], ':'); k > 0 && k < 30 && lettersAndSpaces(f[j+1:j+k]) {
					found = append(found, at{orig[i], orig[j+k+1], ml.field})
				}
			case colonless[ml.label] && j > off && isLetter(f[j]):
				// "Posted by Minh Anh on March 9, 2024": a label that is
				// a verb and its preposition takes no colon.
				found = append(found, at{orig[i], orig[j], ml.field})
			case (ml.field == "date" || ml.field == "views" || ml.field == "comments") && j > off && isDigit(f[j]):
				// A date or a count after its label without a colon
				// ("Ngày cập nhật 26/03/2026") ends the field before it.
				found = append(found, at{orig[i], orig[j], ml.field})
			case (ml.field == "views" || ml.field == "comments") && f[j] == '(' && j+1 < len(f) && isDigit(f[skipSpaces(f, j+1)]):
				// A count in parentheses ("Số lượt xem (1523)").
				found = append(found, at{orig[i], orig[j], ml.field})
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	sort.Slice(found, func(a, b int) bool { return found[a].start < found[b].start })
	if first != nil {
		*first = found[0].start
	}
	out := map[string]string{}
	for k, a := range found {
		if k > 0 && a.start < found[k-1].valueStart {
			continue // a shorter label inside a longer one ("xuất bản" in "ngày xuất bản")
		}
		end := len(l)
		for _, b := range found[k+1:] {
			if b.start >= a.valueStart {
				end = b.start
				break
			}
		}
		v := strings.Trim(l[a.valueStart:end], " -–|/,;·•")
		if a.field == "category" || a.field == "byline" {
			v = unlabelledEnd(v)
		}
		if a.field == "date" || a.field == "views" {
			v = strings.TrimRight(l[a.start:end], " -–|/,;·•") // with its label
		}
		if a.field == "poster" {
			v = unlabelledEnd(v)
		}
		if v != "" && out[a.field] == "" && a.field != "comments" && a.field != "source" {
			out[a.field] = v
		}
	}
	return out
}

// lettersAndSpaces reports a folded label's words: letters and spaces.
func lettersAndSpaces(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) && s[i] != ' ' {
			return false
		}
	}
	return s != ""
}

// byAccount says whether at, where "boi" matched folded, is "bởi" (not
// "bồi", "bội") before a name or an account: a capital, or one word
// ("quantri"), not a clause ("bởi mưa lớn kéo dài").
func byAccount(at, value string) bool {
	if !strings.HasPrefix(at, "bởi") && !strings.HasPrefix(at, "Bởi") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(value); unicode.IsUpper(r) {
		return true
	}
	word, _, _ := strings.Cut(value, " ")
	return len(word) == len(strings.TrimRight(value, " "))
}

// datedTail says whether s closes with a day or a time, little else in
// its last words ("Cập nhật lúc 8:30:15 SA, 12/03/2024").
func datedTail(s string) bool {
	f := strings.Fields(s)
	tail := strings.Join(f[max(0, len(f)-6):], " ")
	_, ok := parseDateLine(tail)
	return ok && mostlyDate(tail)
}

// unlabelledEnd cuts a category's or byline's value where an unlabelled
// field follows it ("Kinh tế - Ngân sách | 25-01-2023 12:25"): at a
// separator no name holds, or, before a date, at a dash or a slash.
func unlabelledEnd(v string) string {
	v = cutTools(v)
	for _, sep := range []string{" | ", " • ", " · ", " :: ", "  ", " đăng bởi ", " Đăng bởi ", " bởi ", " Bởi "} { // "... bởi admin": the CMS account
		if i := strings.Index(v, sep); i > 0 {
			v = v[:i]
		}
	}
	if m := viewsAfter.FindStringIndex(v); m != nil && m[0] > 0 {
		v = v[:m[0]] // a count after the field: "Minh Anh 123 lượt xem"
	}
	v = dropCount(v)
	if d := strings.IndexAny(v, "0123456789"); d > 0 {
		head := v[:d]
		if i := max(strings.LastIndex(head, " - "), strings.LastIndex(head, " / "), strings.LastIndex(head, " – ")); i > 0 {
			v = v[:i]
		}
	}
	return strings.TrimSpace(v)
}

// dropCount is v without the count that may close it, which an icon
// labels in an info bar ("Minh Anh 208": the views); a year after a
// comma ("March 12, 2024") is no count.
func dropCount(v string) string {
	if i := strings.LastIndexByte(v, ' '); i > 0 && v[i-1] != ',' && isCount(v[i+1:]) {
		return strings.TrimRight(v[:i], " |-–/·•")
	}
	return v
}

// toolWords open the links of the page's tools where they share a line
// with a field ("Tác giả: Minh Anh In bài Gửi email", "Minh Anh Chia sẻ:
// Facebook Zalo"): words no name or category holds. Matched under case
// folding, with the space before them.
var toolWords = []string{" in bài", " in trang", " bản in", " gửi email", " gửi e-mail", " gửi bài", " lưu bài", " chia sẻ",
	" facebook", " zalo", " twitter", " email", " e-mail", " print", " share", " từ khóa:", " từ khoá:", " tags:"}

// cutTools is v up to the page's tools that follow a field on its line.
func cutTools(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] != ' ' {
			continue
		}
		for _, w := range toolWords {
			if vietnamese.FoldPrefixLen(v[i:], w) >= 0 {
				return strings.TrimRight(v[:i], " |-–·•/")
			}
		}
	}
	return v
}

// metaSeparators split the fields of a meta line written without labels.
// Dashes come last: names and units hold them ("Thu Hà – Minh Anh").
var metaSeparators = []string{" | ", " • ", " · ", " / ", " :: ", "  ", " - ", " – "}

// bareByline is the byline a meta line holds without a label, between its
// date and its views ("12/03/2020 08:30 | Minh Anh | 120 lượt xem"): the
// field that reads as a byline and is neither the category nor a date or
// count. "" for other lines.
func bareByline(l, category string) string {
	if runesOver(l, 200) || !isMetaLine(l) {
		return ""
	}
	m := metaFields(l)
	if m["poster"] != "" {
		return "" // the uploader under its label, read last (posterOnly): not split at its dashes
	}
	if rest, ok := afterDate(l); ok && !hasASCIIDigit(rest) && !strings.Contains(rest, ":") && isByline(rest) {
		return rest // the day, then a byline whole: "12/03/2024 | Thu Hà – Minh Anh"
	}
	if head, ok := bylineThenDate(l); ok && head != category {
		return head // a byline whole, then the day: "Minh Anh - Thu Hà (12/03/2024)"
	}
	split := false
	for _, sep := range metaSeparators {
		if !strings.Contains(l, sep) || split && (sep == " - " || sep == " – ") {
			continue // a line split otherwise keeps its dashes: "Văn hóa - Xã hội | 12/03/2020"
		}
		split = true
		for _, f := range strings.Split(l, sep) {
			f = facts.TrimDate(strings.TrimSpace(f)) // "By Minh Anh @ 8:15 AM", "Posted by Minh Anh on March 9, 2024"
			if f == "" || f == category || category != "" && strings.Contains(category, f) || hasASCIIDigit(f) || strings.Contains(f, ":") {
				continue
			}
			if isByline(f) {
				return f
			}
		}
	}
	// Fields set apart by markup alone: "11/03/2024 08:30 Minh Anh 123
	// lượt xem", or the byline's own dash among them ("08:30 12/03/2024
	// Minh Anh - Trung tâm VH-TT 208"); what is left without the day, the
	// time and the count.
	if v := m["views"]; v != "" {
		l = strings.Replace(l, v, " ", 1) // "… Minh Anh Lượt xem: 208"
	}
	rest := dropCount(strings.Join(strings.Fields(viewsAfter.ReplaceAllString(dateLeftover(l), " ")), " "))
	if rest != "" && rest != category && !hasASCIIDigit(rest) && (!strings.Contains(rest, ":") || facts.Labelled(rest)) && isByline(rest) {
		return rest
	}
	return ""
}

// crumbSeparators split the steps of a breadcrumb written as text.
var crumbSeparators = []string{" » ", " > ", " › ", " / ", " | ", " >> ", " → "}

// crumbCategory is the last step before the article of a breadcrumb
// written as one line ("Trang chủ » Tin tức » Kinh tế"): a line that
// starts at the home page. "" for other lines.
func crumbCategory(l, title string) string {
	f := vietnamese.FoldQuick(l)
	if !strings.HasPrefix(f, "trang chu") && !strings.HasPrefix(f, "home") {
		return ""
	}
	for _, sep := range crumbSeparators {
		steps := strings.Split(l, sep)
		if len(steps) < 2 {
			continue
		}
		for i := len(steps) - 1; i > 0; i-- {
			if st := strings.TrimSpace(steps[i]); st != "" && st != title && categoryLike(st) {
				return st
			}
		}
	}
	return ""
}

// categoryIn is the category a block names: a labelled category ("Chuyên
// mục: Kinh tế"), a breadcrumb's last step, or the block's text.
func categoryIn(text, title string) string {
	if c := metaFields(text)["category"]; c != "" {
		return c
	}
	if c := crumbCategory(text, title); c != "" {
		return c
	}
	return text
}

// structuredAuthorMatcher finds the author the page's metadata names:
// HTML's author meta tag, the Open Graph article's author, schema.org's.
var structuredAuthorMatcher = cascadia.MustCompile(`meta[name="author"], meta[name="AUTHOR"], meta[name="Author"], meta[property="article:author"], meta[itemprop="author"], [itemprop="author"] meta[itemprop="name"]`)

// structuredAuthor is the person the page's metadata names as its author,
// read only where the page shows no byline: "" for none, for a web
// address, and for what is no person's name (DNN's author tag holds the
// portal's name, Joomla's the account: "Super User").
func structuredAuthor(doc *goquery.Document) string {
	found := ""
	doc.FindMatcher(structuredAuthorMatcher).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		// isByline also turns away the uploader's account and what is
		// too long or no person's name.
		if v := vietnamese.Clean(s.AttrOr("content", "")); !domainRe.MatchString(v) && isByline(v) {
			found = v
			return false
		}
		return true
	})
	return found
}

// linkedDataMatcher finds the page's JSON-LD: schema.org's description of
// the article in a script, as news CMSs write it for search engines.
var linkedDataMatcher = cascadia.MustCompile(`script[type="application/ld+json"]`)

// linkedData is what a page's JSON-LD says of its article: the persons
// credited as its authors, joined by commas, and when it was published.
type linkedData struct{ author, published string }

// articleTypes are the schema.org types of an article.
var articleTypes = map[string]bool{"Article": true, "NewsArticle": true, "BlogPosting": true, "Report": true,
	"ReportageNewsArticle": true, "AnalysisNewsArticle": true, "ScholarlyArticle": true}

// restateLinkedData replaces each JSON-LD script of the page, before
// scripts go, with the schema.org microdata it restates (meta elements
// naming the author and the publish time), which structuredAuthor and
// structuredDate read. A script that is no JSON, or describes no
// article, goes with the other scripts: it is the page's mistake, not
// the article's.
func restateLinkedData(doc *goquery.Document) {
	doc.FindMatcher(linkedDataMatcher).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return
		}
		ld := findArticle(v, 0)
		var metas []*html.Node
		for _, f := range [][2]string{{"author", ld.author}, {"datePublished", ld.published}} {
			if f[1] != "" {
				metas = append(metas, &html.Node{Type: html.ElementNode, Data: "meta", DataAtom: atom.Meta,
					Attr: []html.Attribute{{Key: "itemprop", Val: f[0]}, {Key: "content", Val: f[1]}}})
			}
		}
		if len(metas) > 0 {
			s.ReplaceWithNodes(metas...)
		}
	})
}

func findArticle(v any, depth int) linkedData {
	if depth > 4 {
		return linkedData{}
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if d := findArticle(x, depth+1); d != (linkedData{}) {
				return d
			}
		}
	case map[string]any:
		if isArticleType(v["@type"]) {
			published, _ := v["datePublished"].(string)
			return linkedData{author: strings.Join(personNames(v["author"]), ", "), published: published}
		}
		return findArticle(v["@graph"], depth+1)
	}
	return linkedData{}
}

// isArticleType reports whether a JSON-LD "@type", one type or a list,
// names an article.
func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return articleTypes[t]
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok && articleTypes[s] {
				return true
			}
		}
	}
	return false
}

// personNames are the names of the persons a JSON-LD "author" holds: a
// name, a Person, or a list of them; organisations are no authors.
func personNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		if t, _ := v["@type"].(string); t != "" && t != "Person" {
			return nil
		}
		if n, ok := v["name"].(string); ok {
			return []string{n}
		}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, personNames(x)...)
		}
		return out
	}
	return nil
}

// structuredDateMatcher finds machine-readable publish times: the Open
// Graph article time, schema.org's datePublished, WordPress's entry date.
var structuredDateMatcher = cascadia.MustCompile(`meta[property="article:published_time"], [itemprop=datePublished], time.published, time.entry-date`)

// structuredDate is a page's machine-readable publish time, nil without one.
func structuredDate(doc *goquery.Document) *time.Time {
	var out *time.Time
	doc.FindMatcher(structuredDateMatcher).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		out = parseMachineTime(s.AttrOr("content", s.AttrOr("datetime", "")))
		return out == nil
	})
	return out
}

// parseMachineTime reads a machine-readable time (ISO 8601, with or
// without its zone; a zone-less time is Vietnam's); nil when it is none.
func parseMachineTime(v string) *time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(v), vietnamese.TimeZone); err == nil && t.Year() >= 1990 {
			t = t.In(vietnamese.TimeZone)
			return &t
		}
	}
	return nil
}

// withTime is a visible publish day made precise by the page's
// machine-readable time of the same day: many templates show the day only.
func withTime(visible, structured *time.Time) *time.Time {
	switch {
	case visible == nil:
		return structured
	case structured == nil:
		return visible
	}
	v, s := visible.In(vietnamese.TimeZone), structured.In(vietnamese.TimeZone)
	if v.Year() == s.Year() && v.YearDay() == s.YearDay() && v.Hour() == 0 && v.Minute() == 0 {
		return structured
	}
	return visible
}
