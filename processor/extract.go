// Package processor turns fetched pages into articles and their facts, and
// runs the stage that consumes dra.article.fetched and publishes
// dra.article.processed.
package processor

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/dra-archive/dra/vietnamese"
)

// Article is what extraction finds in one page.
type Article struct {
	Title       string
	Category    string
	PublishedAt *time.Time
	Views       *int
	// Body is the article text: paragraphs separated by blank lines, NFC,
	// without navigation, related links or the byline.
	Body string
	// Byline is the raw byline line, as published.
	Byline string
}

// maxBylineRunes bounds what can be a byline line.
const maxBylineRunes = 120

var (
	// "Ngày đăng 18/03/2020 | 10:53  | View count: 1759", "Publish date 18/03/2020 | 10:53".
	dateLineRe = regexp.MustCompile(`(?i)(?:ngày đăng|publish date|ngày xuất bản|đăng ngày|ngày cập nhật)\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*\|?\s*(\d{1,2}):(\d{2}))?`)
	viewsRe    = regexp.MustCompile(`(?i)(?:view count|lượt xem|số lượt người xem|đã xem)\s*:?\s*([\d.,]+)`)
	// A header line naming today's date is not a publish date.
	todayRe = regexp.MustCompile(`(?i)^\s*hôm nay`)
)

// dropSelectors are page parts that are never article text.
const dropSelectors = "script, style, noscript, nav, header, footer, aside, form, iframe, " +
	"#header, #footer, .header, .footer, .menu, .related, .tin-lien-quan, .breadcrumb, .sidebar, .share, .tags"

// ExtractHTML extracts an article from an HTML page.
func ExtractHTML(page []byte) (Article, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return Article{}, err
	}
	doc.Find(dropSelectors).Remove()
	title := clean(doc.Find("h1").First().Text())
	if title == "" {
		title = clean(doc.Find("title").First().Text())
		if i := strings.Index(title, " - "); i > 0 {
			title = title[:i]
		}
	}
	root := doc.Find(".journal-content-article, article, #content, .content, body").First()
	lines := blockLines(root)
	a := parseLines(lines, title)
	if cat := clean(doc.Find(".category, .cat-name, .category-name").First().Text()); cat != "" {
		a.Category = cat
	}
	return a, nil
}

// ExtractText extracts an article from plain text laid out like the
// portals' pages: category, title, date line, paragraphs, byline.
func ExtractText(text string) Article {
	return parseLines(strings.Split(norm.NFC.String(text), "\n"), "")
}

// Extract picks HTML or plain-text extraction by sniffing the content.
func Extract(page []byte) (Article, error) {
	head := bytes.ToLower(page[:min(len(page), 2048)])
	if bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype")) || bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<p")) {
		return ExtractHTML(page)
	}
	return ExtractText(string(page)), nil
}

// parseLines reads the template from text lines. knownTitle, if set, is the
// title found in the markup.
func parseLines(raw []string, knownTitle string) Article {
	var lines []string
	for _, l := range raw {
		if l = clean(l); l != "" {
			lines = append(lines, l)
		}
	}
	var a Article
	a.Title = knownTitle
	dateAt := -1
	for i, l := range lines {
		if todayRe.MatchString(l) {
			continue
		}
		if m := dateLineRe.FindStringSubmatch(l); m != nil && (dateAt < 0) {
			if t, ok := parseDate(m); ok {
				a.PublishedAt = &t
			}
			dateAt = i
		}
		if m := viewsRe.FindStringSubmatch(l); m != nil && a.Views == nil {
			if n, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(m[1])); err == nil {
				a.Views = &n
			}
		}
		if dateAt >= 0 {
			break
		}
	}
	titleAt := -1
	for i, l := range lines {
		if a.Title != "" && l == a.Title {
			titleAt = i
			break
		}
	}
	if titleAt < 0 && dateAt > 0 && a.Title == "" {
		titleAt = dateAt - 1
		a.Title = lines[titleAt]
	}
	if titleAt < 0 && a.Title == "" && len(lines) > 0 {
		titleAt = 0
		a.Title = lines[0]
	}
	if titleAt > 0 && utf8.RuneCountInString(lines[titleAt-1]) <= 60 {
		a.Category = lines[titleAt-1]
	}
	start := max(titleAt, dateAt) + 1
	body := lines[min(start, len(lines)):]
	if n := len(body); n > 1 && isByline(body[n-1]) {
		a.Byline = body[n-1]
		body = body[:n-1]
	}
	a.Body = strings.Join(body, "\n\n")
	return a
}

// isByline tells a closing byline from a closing paragraph: short, not a
// sentence.
func isByline(l string) bool {
	n := utf8.RuneCountInString(l)
	if n == 0 || n > maxBylineRunes {
		return false
	}
	if strings.HasSuffix(l, ".") || strings.HasSuffix(l, "…") || strings.HasSuffix(l, ";") {
		return strings.HasPrefix(strings.ToLower(l), "theo ") && n <= 80
	}
	return true
}

func parseDate(m []string) (time.Time, bool) {
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	h, mi := 0, 0
	if m[4] != "" {
		h, _ = strconv.Atoi(m[4])
		mi, _ = strconv.Atoi(m[5])
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || y < 1990 || y > 2100 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, vietnamese.TimeZone)
	if t.Day() != d {
		return time.Time{}, false // 31/02
	}
	return t, true
}

// clean composes to NFC and collapses whitespace (including NBSP).
func clean(s string) string {
	s = norm.NFC.String(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u200b' || r == '\u3000'
	}), " ")
}

// blockLines renders a node's text as lines, one per block element.
func blockLines(sel *goquery.Selection) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if s := clean(cur.String()); s != "" {
			lines = append(lines, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "br" {
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.Data)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	for _, n := range sel.Nodes {
		walk(n)
	}
	flush()
	return lines
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
		"section", "article", "blockquote", "pre", "dd", "dt", "figure", "figcaption", "body", "main":
		return true
	}
	return false
}
