// Package page is the page layer of extraction: it finds the title,
// category, publish time, view count, body and byline of an HTML page or a
// plain-text article, with per-source CSS selectors when they are known
// and a generic extractor otherwise. What the text says (figures, periods,
// authors, documents, places) is package facts'; package processor runs
// both and is the stage on top.
package page

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/vietnamese"
)

// Article is what page extraction finds in one page.
type Article struct {
	Title       string
	Category    string
	PublishedAt *time.Time
	Views       *int
	// Body is the article text: paragraphs separated by blank lines, NFC,
	// without navigation, widgets, related links, spam or the byline.
	Body string
	// Byline is the raw byline line, as published.
	Byline string
	// Templated is set when the page was read with its site's profile.
	Templated bool
}

// Selectors are a source's CSS selectors (sources.yaml); an empty field
// falls back to the generic extractor for that part.
type Selectors = event.Selectors

// Options tune extraction for one page.
type Options struct {
	// URL is the page's address: it gives the place for portals named
	// after their unit and a date when the path carries one.
	URL string
	// District and Province come from the source when it knows them
	// (ArticleFetched.District/Province); they win over what the text says.
	District, Province string
	Selectors          Selectors
	// Profile is the source's learned template, if it has one: a page
	// that fits it is read where the profile says. A source with
	// explicit selectors is read with its selectors: they win.
	Profile *Profile
}

var (
	dmyRe = regexp.MustCompile(`\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\b`)
	// WordPress in Vietnamese writes the month first: "Tháng Một 4, 2023".
	vnMonthFirstRe = regexp.MustCompile(`(?i)\btháng\s+(mười một|mười hai|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười|\d{1,2})\s+(\d{1,2}),?\s+(\d{4})`)
	vnMonthRe      = regexp.MustCompile(`(?i)\b(\d{1,2})\s+tháng\s+(mười một|mười hai|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười|\d{1,2})\s*(?:,|năm|/)?\s*(\d{4})`)
	// English sections: "March 9, 2024", "Mar 09 2024", "9 March 2024".
	enMonthRe    = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	enDayFirstRe = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	clockRe      = regexp.MustCompile(`(?i)\b(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(SA|CH|AM|PM)\b)?`)
	urlDateRe    = regexp.MustCompile(`/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)`)
	viewsRe      = regexp.MustCompile(`(?i)(?:view count|views?|số lượt người xem|lượt người xem|số lượt xem|lượt xem|đã xem|lượt đọc|số lần xem|số lần đọc|lần đọc|đã đọc)\s*[:(]?\s*(\d[\d.,]*)`)
	viewsAfter   = regexp.MustCompile(`(?i)\b(\d[\d.,]*)\s*(?:lượt xem|views|lượt đọc|lần đọc)`)
	// Labels of publish-date lines (hasDateLabel) and lines naming today's
	// date (isTodayLine) are found by scanners in scan.go.
)

var vnMonths = map[string]int{"một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
	"chín": 9, "mười": 10, "mười một": 11, "mười hai": 12}

// noiseSelectors are page parts that are never article text.
const noiseSelectors = "script, style, noscript, template, svg, iframe, object, embed, button, select, input, textarea"

// chromeSelectors are the site's frame around the article.
const chromeSelectors = "nav, header, footer, aside, #header, #footer, .header, .footer, .menu, .nav, .navbar, " +
	".related, .tin-lien-quan, .other-news, .tin-khac, .breadcrumb, .breadcrumbs, .sidebar, .share, .social, " +
	".tags, .comment, .comments, .print, .toolbar, .banner, .advert, .ads, .pagination, #sidebar, .footer-info"

// chromeClassMatcher matches chromeSelectors.
var chromeClassMatcher = cascadia.MustCompile(chromeSelectors)

// chromeElements are the class names of chromeSelectors, and the site's
// widgets and rows of tools: a BEM element of a template's block
// ("article-detail__tin-khac", "article-detail__footer-info",
// "site__nav--main") named so is chrome too.
var chromeElements = map[string]bool{"header": true, "footer": true, "menu": true, "nav": true, "navbar": true, "related": true,
	"tin-lien-quan": true, "other-news": true, "tin-khac": true, "breadcrumb": true, "breadcrumbs": true, "sidebar": true,
	"share": true, "social": true, "tags": true, "comment": true, "comments": true, "print": true, "toolbar": true, "banner": true,
	"advert": true, "ads": true, "pagination": true, "footer-info": true, "widget": true, "utility": true, "tools": true}

// isChrome matches the site's frame: chromeSelectors, or a class naming
// a BEM element (after "__", without its "--" modifier) of chromeElements.
func isChrome(n *html.Node) bool {
	if articlesOwn(n) {
		return false
	}
	if chromeClassMatcher.Match(n) {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" || !strings.Contains(a.Val, "__") {
			continue
		}
		for _, c := range strings.Fields(a.Val) {
			i := strings.LastIndex(c, "__")
			if i < 0 {
				continue
			}
			e := c[i+2:]
			if j := strings.Index(e, "--"); j > 0 {
				e = e[:j]
			}
			if chromeElements[strings.ToLower(e)] {
				return true
			}
		}
	}
	return false
}

// articlesOwn reports an article's own header or footer: a <header> or
// <footer> inside an <article>, which holds its title, date and byline,
// not the site's.
func articlesOwn(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom != atom.Header && n.DataAtom != atom.Footer {
		return false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article {
			return true
		}
	}
	return false
}

// siteHeaderMatcher matches what frames the site over its pages, where
// no article's title is.
var siteHeaderMatcher = cascadia.MustCompile("#header, header, .header, nav, .menu, .logo")

// titleChrome matches the site's header (siteHeaderMatcher), not an
// article's own (articlesOwn).
func titleChrome(n *html.Node) bool { return siteHeaderMatcher.Match(n) && !articlesOwn(n) }

// bodySelectors are body containers of known portal platforms (Liferay of
// the Hanoi portals, SharePoint of HCMC, NukeViet, DNN, WordPress...).
const bodySelectors = ".journal-content-article .content, .ms-rtestate-field, #news-bodyhtml, .bodytext, " +
	".news-content, .detail-content, .article-content, .entry-content, .post-content, .content-detail, " +
	".noi-dung, .noidung, #content-detail, .chi-tiet, [itemprop=articleBody], .news-detail-content"

// categorySelectors name the section on known platforms.
const categorySelectors = ".category, .cat-name, .category-name, .chuyen-muc, .news-cat, .cate-name, .category-title, .cat-links a, a[rel~=category]"

// breadcrumbSelectors hold the path to the article; its last step before
// the article is the category.
const breadcrumbSelectors = ".breadcrumb, .breadcrumbs, #breadcrumb, .path, [itemtype*=BreadcrumbList]"

// Selectors of the generic extractor, compiled once: goquery's Find
// compiles its selector on every call.
var (
	noiseMatcher          = cascadia.MustCompile(noiseSelectors)
	chromeMatcher         = cascadia.Selector(isChrome)
	bodyMatcher           = cascadia.MustCompile(bodySelectors)
	categoryMatcher       = cascadia.MustCompile(categorySelectors)
	breadcrumbMatcher     = cascadia.MustCompile(breadcrumbSelectors)
	breadcrumbStepMatcher = cascadia.MustCompile("a, li, span")
	// leadMatcher: the lead ("sapo") CMSs set apart before the content.
	leadMatcher = cascadia.MustCompile(".sapo, .lead, .summary, .tom-tat, .tomtat, .intro, .description, [class*=sapo], [class*=Sapo], [class*=summary], [class*=Summary], [class*=tomtat], [class*=TomTat], [class*=tom-tat], " +
		"[id*=Description], [id*=description], [id*=TomTat], [id*=tomtat], [id*=Summary], [id*=summary], [id*=Sapo], [id*=sapo], #hometext, .hometext, [itemprop=description]")
	bodyTagMatcher = cascadia.MustCompile("body")
	titleMatchers  = []cascadia.Selector{
		cascadia.MustCompile("h1.title, h1.article-title, h1.news-title, h2.title, .title-news, .news-title, .article-title, .post-title, h1.entry-title"),
		// An article's own heading, whatever its class.
		cascadia.MustCompile("article h1"),
		// CMSs name their title element "<block>__news-title",
		// "detail-title", "titleNews"...
		cascadia.MustCompile("h1[class*=itle], h2[class*=itle]"),
		cascadia.MustCompile("h1"),
	}
	titleChromeMatcher   = cascadia.Selector(titleChrome)
	ogTitleMatcher       = cascadia.MustCompile(`meta[property="og:title"]`)
	titleTagMatcher      = cascadia.MustCompile("title")
	headingMatcher       = cascadia.MustCompile("h1, h2, h3")
	footerMatcher        = cascadia.Selector(footerNamed)
	hiddenMatcher        = cascadia.Selector(isHidden)
	linkMatcher          = cascadia.MustCompile("a")
	formMatcher          = cascadia.MustCompile("form")
	bodyFallbackMatchers = func() []cascadia.Selector {
		var ms []cascadia.Selector
		for _, s := range []string{".journal-content-article", "article", "#content", ".content", "main", "body"} {
			ms = append(ms, cascadia.MustCompile(s))
		}
		return ms
	}()
)

// Extract picks HTML or plain-text extraction by sniffing the content.
func Extract(page []byte) (Article, error) { return ExtractWith(page, Options{}) }

// ExtractWith is Extract with a source's options.
func ExtractWith(page []byte, opts Options) (Article, error) {
	if isHTML(page) {
		return ExtractHTMLWith(page, opts)
	}
	return ExtractTextWith(string(page), opts), nil
}

func isHTML(page []byte) bool {
	head := bytes.ToLower(page[:min(len(page), 2048)])
	for _, tag := range []string{"<html", "<!doctype", "<body", "<p", "<div", "<article", "<h1"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}

// ExtractHTML extracts an article from an HTML page with the generic
// extractor.
func ExtractHTML(page []byte) (Article, error) { return ExtractHTMLWith(page, Options{}) }

// ExtractHTMLWith extracts an article from an HTML page, with the source's
// selectors where given.
func ExtractHTMLWith(page []byte, opts Options) (Article, error) {
	doc, err := prepare(page, opts.Selectors.Exclude)
	if err != nil {
		return Article{}, err
	}
	if opts.Profile != nil && opts.Selectors.IsZero() {
		if a, ok := extractWithProfile(doc, opts); ok {
			return a, nil
		}
	}
	return extractDoc(doc, opts)
}

// extractDoc extracts an article from a prepared page with the source's
// selectors where given and the generic extractor for the rest. It
// removes the page's frame from doc.
func extractDoc(doc *goquery.Document, opts Options) (Article, error) {
	sel := opts.Selectors
	machineDate := structuredDate(doc)
	var a Article
	a.Title = selectText(doc, sel.Title)
	a.Category = selectText(doc, sel.Category)
	if a.Category == "" {
		if c := categoryIn(vietnamese.Clean(doc.FindMatcher(categoryMatcher).First().Text()), ""); categoryLike(c) {
			a.Category = c
		}
	}
	if a.Category == "" {
		a.Category = namedCategory(doc)
	}
	if a.Title == "" {
		a.Title = genericTitle(doc)
	}
	if a.Category == "" {
		a.Category = breadcrumbCategory(doc, a.Title)
	}
	dateText := selectText(doc, sel.Date)
	var byline, elementByline string
	if sel.Byline != "" {
		if b := doc.Find(sel.Byline).First(); b.Length() > 0 {
			byline = vietnamese.Clean(b.Text())
			b.Remove()
		}
	}
	heading := titleHeading(doc, a.Title)
	around := titleAncestors(heading)
	// Other articles' teasers (a side column's latest news, related
	// cards) hold their own writers and days.
	tz := findTeasers(doc, around)
	if sel.Byline == "" {
		if b, t, _ := authorElement(doc, tz); t != "" {
			byline, elementByline = t, t
			b.Remove()
		}
	}
	// The article's own frame goes with the site's; its lines are kept
	// for the fields they hold.
	frame := articleFrame(doc, around, a.Title, tz)
	if byline == "" && sel.Byline == "" {
		byline = frameByline(frame)
	}
	doc.FindMatcher(chromeMatcher).Remove()
	removeSiteFooters(doc, around)

	var root *goquery.Selection
	if sel.Body != "" {
		root = doc.Find(sel.Body).First()
	}
	var lead []string
	// The page's lines hold the body's: cleaned once, for both.
	cleaned := map[string]string{}
	if root == nil || root.Length() == 0 {
		root = genericBody(doc, around)
		lead = leadBefore(root, heading, a.Title, cleaned)
	}
	bodyLines := blockLines(root, cleaned)
	isBody := make(map[string]bool, len(bodyLines))
	for _, l := range bodyLines {
		isBody[l] = true
	}
	all := blockLines(doc.FindMatcher(bodyTagMatcher), cleaned)
	if len(all) == 0 {
		all = blockLines(doc.Selection, cleaned)
	}
	titleAt, firstBody := -1, len(all)
	for i, l := range all {
		if titleAt < 0 && a.Title != "" && l == a.Title {
			titleAt = i
		}
		if isBody[l] && l != a.Title && l != a.Category && !isMetaLine(l) {
			firstBody = i
			break
		}
	}
	// Metadata lines: the header between the title and the body first,
	// then any labelled line outside the body.
	// A full slice expression: head is appended to below, never into all.
	head := all[max(titleAt, 0):firstBody:firstBody]
	teasers := map[string]bool{} // the teasers' lines
	for n := range tz.in {
		for _, l := range blockLines(goquery.NewDocumentFromNode(n).Selection, cleaned) {
			teasers[l] = true
		}
	}
	var rest []string
	for i, l := range all {
		if (i < max(titleAt, 0) || i >= firstBody) && !isBody[l] && !teasers[l] {
			rest = append(rest, l)
		}
	}
	rest = append(rest, frame...)
	// The meta lines opening the body's element, in the CMS's info box
	// over the text ("Chi tiết", "Viết bởi …", "Cập nhật: …"), belong
	// to the header.
	for i := 0; i < len(bodyLines) && i < 8 && !isParagraph(bodyLines[i]); i++ {
		if l := bodyLines[i]; isMetaLine(l) && !runesOver(l, 150) && !slices.Contains(head, l) {
			head = append(head, l)
		}
	}
	// The meta lines closing the body's element (a template's meta line
	// under the text, inside the content block) hold fields too.
	for i := len(bodyLines) - 1; i >= 0 && i >= len(bodyLines)-12 && !isParagraph(bodyLines[i]); i-- {
		if l := bodyLines[i]; isMetaLine(l) && !runesOver(l, 150) {
			rest = append(rest, l)
		}
	}
	if dateText != "" {
		if t, ok := parseDateLine(dateText); ok {
			a.PublishedAt = &t
		}
	}
	if a.PublishedAt == nil {
		a.PublishedAt = findDate(head, rest)
	}
	if a.PublishedAt == nil {
		// A meta line without a label in the elements right under the
		// text: "11 Tháng Năm 2025 07:39:52 SA" under the byline,
		// "Danh mục: … | 25-01-2023 12:25 | Số lần đọc: …".
		a.PublishedAt = findDate(linesAfter(all, isBody, teasers, 4), nil)
	}
	if a.PublishedAt == nil && titleAt > 0 {
		// A meta line just over the title: "Ngày: 15 Tháng Một 2021
		// 07:42:39 SA" in the info table a template puts first, "Thứ Bảy,
		// 17/12/2016, 10:28 (GMT+7)"; not another article's.
		var over []string
		for _, l := range all[max(titleAt-3, 0):titleAt] {
			if !teasers[l] && !runesOver(l, 100) {
				over = append(over, l)
			}
		}
		a.PublishedAt = findDate(over, nil)
	}
	a.PublishedAt = withTime(a.PublishedAt, machineDate)
	if a.PublishedAt == nil {
		a.PublishedAt = dateFromURL(opts.URL)
	}
	a.Views = findViews(head, rest)
	// A labelled meta line ("Chuyên mục: ... - Tác giả: ..."), wherever
	// it sits, names the category: it says so, where a class or a
	// breadcrumb only suggests it.
	if sel.Category == "" {
		for _, l := range all {
			if c := metaFields(l)["category"]; categoryLike(c) {
				if !strings.HasPrefix(a.Category, c+" ") {
					// (unless the line's field is cut short of what its
					// element says: "Kinh tế - Chính trị 14:52 30/12/2023")
					a.Category = c
				}
				break
			}
		}
	}
	for _, l := range append(head, rest...) {
		m := metaFields(l)
		if a.Category == "" {
			a.Category = crumbCategory(l, a.Title) // "Trang chủ » Kinh tế"
		}
		if byline == "" && m["byline"] != "" && facts.ParseByline(m["byline"]) != nil {
			byline = m["byline"]
			if len(m) == 1 && isByline(l) {
				byline = l // the line is the byline, as published
			}
		}
		if byline == "" && m == nil && facts.Labelled(l) && isByline(l) {
			byline = l // a label without its colon ("Tác giả Minh Anh")
		}
	}
	if a.Category == "" && titleAt > 0 {
		if c := all[titleAt-1]; categoryLike(c) && !isMetaLine(c) {
			a.Category = c
		}
	}
	body, boxByline := trimHeader(bodyLines, a.Title, a.Category)
	if byline == "" {
		byline = boxByline
	}
	if byline == "" {
		// A byline of its own before the text, without a label: in the
		// header, or opening a body container that holds it.
		for _, l := range head {
			// The page's tools may share its line: "Minh Anh In bài Gửi email".
			if t := cutTools(l); l != a.Title && l != a.Category && t != "" && isTopByline(t) {
				byline = t
				break
			}
		}
		if byline == "" && len(body) > 1 && (isTopByline(body[0]) || isSourceCredit(body[0])) {
			// and the title repeated under it goes too
			var n int
			byline, n = topBylines(body)
			body, _ = trimHeader(body[n:], a.Title, a.Category)
		}
	}
	if len(lead) > 0 && !slices.Contains(body, lead[0]) {
		// The lead set apart before the content element begins the text,
		// before what the element opens with is trimmed (a repeated title,
		// a meta line): after it.
		body = append(slices.Clip(lead), body...)
	}
	if runesOver(a.Title, 20) {
		// The title repeated further down, under the lead or as the
		// links of a related list (a yearly series keeps its title), is
		// no text.
		body = slices.DeleteFunc(slices.Clip(body), func(l string) bool { return l == a.Title })
	}
	a.Body, a.Byline = finishBody(body, byline)
	if elementByline != "" && a.Byline == elementByline {
		// A signature closing the text that names someone else than the
		// element the markup names as the author's (a CMS's "author" is
		// often the account that published, as Liferay's asset metadata
		// is): the signature is the writer's.
		paras := strings.Split(a.Body, "\n\n")
		if n := len(paras); n > 1 && isTopByline(paras[n-1]) && !sameAuthors(paras[n-1], elementByline) {
			a.Body, a.Byline = strings.Join(paras[:n-1], "\n\n"), paras[n-1]
		}
	}
	if a.Byline == "" {
		// A byline in the meta line without a label.
		for _, l := range append(head, rest...) {
			if b := bareByline(l, a.Category); b != "" {
				a.Byline = b
				break
			}
		}
	}
	if a.Byline == "" && len(bodyLines) > 0 {
		// A byline in its own element right after the text.
		last := bodyLines[len(bodyLines)-1]
		for i, l := range all {
			if l != last {
				continue
			}
			// Tags, print and sharing links between them do not count.
			k := 0
			for _, next := range all[i+1:] {
				if passedOverAfterText(next) {
					continue
				}
				if k++; k > 2 {
					break
				}
				if isByline(next) {
					a.Byline = next
					break
				}
			}
			break
		}
	}
	if a.Byline == "" {
		// The body container was not found exactly (a wrapper holding
		// the frame too): a byline in its own element after the text.
		a.Byline = bylineAfterText(all[max(titleAt, 0):])
		if a.Byline != "" {
			a.Body = strings.Join(endAtByline(strings.Split(a.Body, "\n\n"), a.Byline), "\n\n")
		}
	}
	if a.Byline == "" {
		a.Byline = labelledBelow(all)
	}
	if a.Byline == "" {
		a.Byline = structuredAuthor(doc) // the page's metadata
	}
	if a.Byline == "" {
		// Last, the account that uploaded the article ("Người đăng:
		// ...", "Posted by ..."): its author when nothing else names one.
		for _, l := range all {
			if p := metaFields(l)["poster"]; p != "" && facts.ParseByline(p) != nil {
				a.Byline = p
				break
			}
		}
	}
	return a, nil
}

// linesAfter is up to n short lines following the body's last line in
// all, other articles' teasers left out.
func linesAfter(all []string, isBody, teasers map[string]bool, n int) []string {
	last := -1
	for i, l := range all {
		if isBody[l] {
			last = i
		}
	}
	var out []string
	for _, l := range all[last+1:] {
		if len(out) == n {
			break
		}
		if !teasers[l] && !runesOver(l, 100) {
			out = append(out, l)
		}
	}
	return out
}

// leadBefore is the lead a CMS sets apart just before the body's element
// (a "sapo" or summary block among the three elements before it, or before
// its parent), one line per paragraph: sentences, which the article's text
// begins with. A byline the block opens or closes with is not the lead's
// (it stays among the header's lines). nil when there is none.
func leadBefore(root *goquery.Selection, heading *html.Node, title string, cleaned map[string]string) []string {
	for _, at := range []*goquery.Selection{root, root.Parent()} {
		prev := at.PrevAll()
		for i := 0; i < prev.Length() && i < 3; i++ {
			el := prev.Eq(i)
			if !el.Is("div, p, h2, h3, h4, strong, span") || !el.IsMatcher(leadMatcher) && !(i == 0 && (underHeading(el.Get(0), heading) || titleBefore(el.Get(0), title))) {
				continue
			}
			lines := blockLines(el, cleaned)
			for len(lines) > 1 && isByline(lines[0]) {
				lines = lines[1:]
			}
			for len(lines) > 1 && isByline(lines[len(lines)-1]) {
				lines = lines[:len(lines)-1]
			}
			t := strings.Join(lines, " ")
			if n := utf8.RuneCountInString(t); n >= 40 && n <= 1000 && strings.ContainsAny(t[len(t)-1:], ".!?…") {
				return lines
			}
		}
	}
	return nil
}

// titleBefore reports an element right after one holding the title
// alone, which is no heading ("<div class=headline>"): where a lead stands
// unnamed, between the title and the body's element.
func titleBefore(n *html.Node, title string) bool {
	p := prevElement(n)
	if p == nil || title == "" {
		return false
	}
	t, long := boundedText(p, 2*len(title))
	return !long && vietnamese.Clean(t) == title
}

// prevElement is the element before n among its siblings; nil for none.
func prevElement(n *html.Node) *html.Node {
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.PrevSibling
	}
	return p
}

// nextElement is the element after n among its siblings; nil for none.
func nextElement(n *html.Node) *html.Node {
	p := n.NextSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.NextSibling
	}
	return p
}

// underHeading reports an element right after the title's heading, or
// after the element holding it: where a lead stands unnamed, between the
// title and the body's element.
func underHeading(n, heading *html.Node) bool {
	if heading == nil {
		return false
	}
	p := prevElement(n)
	for h := heading; p != nil && h != nil && h != n.Parent; h = h.Parent {
		if h == p {
			return true
		}
	}
	return false
}

// authorNamed matches the elements the markup names as the author's: a
// class or id holding one of authorWords in any case, alone or inside a
// longer name ("author", "edn_articleAuthorName", ASP.NET's "…_lblAuthor",
// "lblTacGia", "tac-gia", "byline"), itemprop="author" or rel="author".
// One pass over the attributes, without allocating, where a selector list
// would test a substring selector per word per element.
func authorNamed(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			if holdsAny(a.Val, authorWords) {
				return true
			}
		case "itemprop":
			if a.Val == "author" {
				return true
			}
		case "rel":
			if containsFold(a.Val, "author") {
				return true
			}
		}
	}
	return false
}

// authorWords name the author's element in a class or an id, in English
// or in Vietnamese written without diacritics, in any case and joined any
// way ("edn_articleAuthor", "tac_gia", "lblNguoiViet").
var authorWords = []string{"author", "byline", "writer", "signature", "tacgia", "tac-gia", "tac_gia", "nguoiviet", "nguoi-viet", "nguoi_viet", "butdanh", "but-danh"}

// The matchers of the elements the markup names as the author's and the
// category's.
var (
	authorMatcher        = cascadia.Selector(authorNamed)
	namedCategoryMatcher = cascadia.Selector(categoryNamed)
)

// categoryNamed matches the elements the markup names as the category's,
// whatever the naming scheme: a word of their class or id is "cat",
// "cate" or "category" ("category-3", "post-cat", "lblCate",
// "hlCategory"), or it holds "chuyenmuc" or "danhmuc" ("chuyen-muc");
// or itemprop is articleSection.
func categoryNamed(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			if namesCategory(a.Val) {
				return true
			}
		case "itemprop":
			if a.Val == "articleSection" {
				return true
			}
		}
	}
	return false
}

func namesCategory(v string) bool {
	var joined []byte
	word := func(w string) bool {
		w = strings.ToLower(w)
		return w == "cat" || w == "cate" || strings.HasPrefix(w, "categor")
	}
	start := 0
	for i := 0; i <= len(v); i++ {
		var c byte
		if i < len(v) {
			c = v[i]
		}
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		camel := i > start && i < len(v) && 'A' <= c && c <= 'Z' && 'a' <= v[i-1] && v[i-1] <= 'z'
		if !alnum || camel {
			if i > start && word(v[start:i]) {
				return true
			}
			start = i
			if !alnum {
				start = i + 1
			}
		}
		if alnum {
			joined = append(joined, c|0x20)
		}
	}
	j := string(joined)
	return strings.Contains(j, "chuyenmuc") || strings.Contains(j, "danhmuc")
}

// namedCategory is the text of the first element the markup names as the
// category's (categoryNamed) that reads as one, outside the site's menus;
// "" when there is none.
func namedCategory(doc *goquery.Document) string {
	for _, n := range doc.FindMatcher(namedCategoryMatcher).Nodes {
		if inMenu(n) {
			continue
		}
		s := doc.FindNodes(n)
		if s.Find("a, li").Length() > 1 {
			continue // a list of sections
		}
		if c := categoryIn(vietnamese.Clean(s.Text()), ""); categoryLike(c) {
			return c
		}
	}
	return ""
}

// inMenu says whether a node sits in the site's navigation: a nav,
// header or footer element, or one whose class or id says menu or nav.
func inMenu(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.Data {
		case "nav", "header", "footer":
			return true
		}
		if attrNames(p, menuWords) {
			return true
		}
	}
	return false
}

var menuWords = []string{"menu", "nav"}

// commentWords name readers' comments in a class or an id
// ("comment-author", "edn_commentsList", "binh-luan").
var commentWords = []string{"comment", "binhluan", "binh-luan", "binh_luan"}

// inComments reports whether n is in the readers' comments (its class or
// id, or an ancestor's, names them): a commenter is no author, a
// comment's day no publish date.
func inComments(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && attrNames(p, commentWords) {
			return true
		}
	}
	return false
}

// pathInComments is inComments for a block's path.
func pathInComments(path string) bool { return holdsAny(path, commentWords) }

// attrNames reports whether n's class or id holds one of words in any case.
func attrNames(n *html.Node, words []string) bool {
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && holdsAny(a.Val, words) {
			return true
		}
	}
	return false
}

// holdsAny reports whether s holds one of the lower-case ASCII words in
// any case.
func holdsAny(s string, words []string) bool {
	for _, w := range words {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds the lower-case ASCII word w in any
// case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && s[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// authorElement is the last element named as the author's (its class or
// id) that holds a byline, the byline, and its text lines (an element may
// hold a label and the name in blocks of their own: "Tác giả:" over "Minh
// Anh" reads "Tác giả: Minh Anh"). "" when none does.
func authorElement(doc *goquery.Document, tz teasers) (*goquery.Selection, string, []string) {
	bs := doc.FindMatcher(authorMatcher)
	for i := bs.Length() - 1; i >= 0; i-- {
		b := bs.Eq(i)
		if runesOver(b.Text(), 4*facts.MaxBylineRunes) || inComments(b.Get(0)) || tz.inside(b.Get(0)) {
			continue
		}
		lines := blockLines(b, nil)
		t := strings.Join(lines, " ")
		if posterOnly(t) {
			continue // the uploader's account ("Người đăng: ..."), named as the author's by the markup
		}
		if facts.ParseByline(t) != nil || isSourceCredit(t) {
			return b, t, lines
		}
		// Lines of other things around the name ("Tin tức" / "Minh
		// Anh" / "Kinh tế, Ngân sách"): the one line that is a byline.
		for k, l := range lines {
			if len(lines) > 1 && facts.ParseByline(l) != nil {
				if t, _ := topBylines(lines[k:]); len(facts.ParseByline(t)) > 1 {
					return b, t, lines // names each over a position: all of them
				}
				return b, l, lines
			}
		}
		// The name a link to the author's page holds, among the words of
		// an author box ("Người viết" / "<a href=…/author/3>Minh Anh</a>
		// Phóng viên Trung tâm VH-TT huyện."): the link's text.
		name := ""
		b.FindMatcher(linkMatcher).EachWithBreak(func(_ int, a *goquery.Selection) bool {
			if t := vietnamese.Clean(a.Text()); holdsAny(a.AttrOr("href", ""), authorWords) && isByline(t) {
				name = t
				return false
			}
			return true
		})
		if name != "" {
			return b, name, lines
		}
	}
	return nil, "", nil
}

// teasers are other articles' teasers on a page: a list item or an
// <article> of little text, without the page's title, linking another
// article by its title (a side column's latest news, related cards, each
// with its writer and day).
type teasers struct {
	in    map[*html.Node]bool // the teasers
	holds map[*html.Node]bool // the teasers and the elements holding one
}

// findTeasers finds the teasers of a page whose title's heading has the
// ancestors around (titleAncestors): no ancestor of the title is one.
func findTeasers(doc *goquery.Document, around map[*html.Node]int) teasers {
	tz := teasers{in: map[*html.Node]bool{}, holds: map[*html.Node]bool{}}
	doc.FindMatcher(teaserCandidates).Each(func(_ int, el *goquery.Selection) {
		n := el.Get(0)
		if _, title := around[n]; title || !holdsTeaserTitle(n) {
			return
		}
		tz.in[n] = true
		for p := n; p != nil && !tz.holds[p]; p = p.Parent {
			tz.holds[p] = true
		}
	})
	return tz
}

// teaserCandidates are the elements a teaser is.
var teaserCandidates = cascadia.MustCompile("li, article")

// inside reports n inside a teaser.
func (tz teasers) inside(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if tz.in[p] {
			return true
		}
	}
	return false
}

// holdsTeaserTitle reports an element of little text (an article's is
// longer) holding no h1 and a link of an article's title (of 25
// characters or more, not a link to an author's page). One walk, the
// byline test last: most list items are menus' short links.
func holdsTeaserTitle(n *html.Node) bool {
	text := 0
	var links []*html.Node
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		switch c.Type {
		case html.TextNode:
			text += len(strings.TrimSpace(c.Data))
			return text <= 1000
		case html.ElementNode:
			switch c.DataAtom {
			case atom.H1:
				return false
			case atom.A:
				links = append(links, c)
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return false
	}
	for _, a := range links {
		if t, long := boundedText(a, 300); !long && runesOver(strings.TrimSpace(t), 24) && facts.ParseByline(t) == nil {
			return true
		}
	}
	return false
}

// articleFrame is the lines of the article's own frame, which goes with
// the site's before the text is read: the article's <header> or <footer>,
// an <aside>, the row of its tools, tags or sharing links ("Tác giả: Minh
// Anh In bài Gửi email"), each cut where the tools begin. The frame must
// be the article's: one of its three nearest ancestors holds the title's
// heading; the site's menus and lists of links are not.
func articleFrame(doc *goquery.Document, around map[*html.Node]int, title string, tz teasers) []string {
	if around == nil {
		return nil
	}
	var lines []string
	doc.FindMatcher(chromeMatcher).Each(func(_ int, el *goquery.Selection) {
		if !nearAny(el.Get(0), around) || el.IsMatcher(listChromeMatcher) || textOver(el.Get(0), 400) || inComments(el.Get(0)) || tz.holds[el.Get(0)] {
			return
		}
		for _, l := range blockLines(el, nil) {
			if l = cutTools(l); l != "" && l != title {
				lines = append(lines, l)
			}
		}
	})
	return lines
}

// frameByline is the byline among the frame's lines: labelled, in a meta
// line, or a line of its own. "" when there is none.
func frameByline(frame []string) string {
	for _, l := range frame {
		if v := labelledByline(l); v != "" {
			return v
		}
		if v := bareByline(l, ""); v != "" {
			return v
		}
		if isByline(l) {
			return l
		}
	}
	return ""
}

// footerWords name a site's footer in a class or an id of its own making
// ("siteFooter", "footer-wrap", "ft_copyright"), which the chrome's
// selectors (".footer", "#footer") do not match.
var footerWords = []string{"footer", "copyright"}

// removeSiteFooters removes the site's footers: elements named as footers
// (footerWords) that neither hold the title's heading nor are the
// article's own (a module's footer, whose branch meets the heading's
// within three levels: its byline, its dates); none when no heading is
// the title, as which is the article's is not known. A footer's lines
// (the owner, the address, the licence) are paragraphs of text, and
// outweigh a short article's.
func removeSiteFooters(doc *goquery.Document, around map[*html.Node]int) {
	if around == nil {
		return
	}
	doc.FindMatcher(footerMatcher).Each(func(_ int, el *goquery.Selection) {
		n := el.Get(0)
		if _, holds := around[n]; !holds && frameLevel(n, around) > 3 {
			el.Remove()
		}
	})
}

// footerNamed matches an element whose class or id holds one of
// footerWords, in any case.
func footerNamed(n *html.Node) bool {
	return n.Type == html.ElementNode && attrNames(n, footerWords)
}

// listChromeMatcher: the frame's lists of links, which hold no byline.
var listChromeMatcher = cascadia.MustCompile("nav, .menu, .nav, .navbar, .related, .tin-lien-quan, .other-news, .tin-khac, .breadcrumb, .breadcrumbs, .pagination")

// titleHeading is the heading whose text is the title; nil when none is.
func titleHeading(doc *goquery.Document, title string) *html.Node {
	if title == "" {
		return nil
	}
	var heading *html.Node
	doc.FindMatcher(headingMatcher).EachWithBreak(func(_ int, h *goquery.Selection) bool {
		if vietnamese.Clean(h.Text()) == title {
			heading = h.Get(0)
			return false
		}
		return true
	})
	return heading
}

// titleAncestors are the elements holding the title's heading, below
// <body>, each with its level above the heading (1 its parent); nil when
// there is no heading.
func titleAncestors(heading *html.Node) map[*html.Node]int {
	if heading == nil {
		return nil
	}
	out := map[*html.Node]int{}
	level := 1
	for p := heading.Parent; p != nil && p.Type == html.ElementNode && p.Data != "body" && p.Data != "html"; p = p.Parent {
		out[p] = level
		level++
	}
	return out
}

// frameLevel is how far above the title's heading n's branch meets it:
// the level of n's nearest ancestor that holds the heading (1 for a
// sibling of the heading); 0 when none does.
func frameLevel(n *html.Node, around map[*html.Node]int) int {
	for p := n.Parent; p != nil; p = p.Parent {
		if l, ok := around[p]; ok {
			return l
		}
	}
	return 0
}

// nearAny reports whether one of n's three nearest ancestors is in set.
func nearAny(n *html.Node, set map[*html.Node]int) bool {
	p := n.Parent
	for k := 0; k < 3 && p != nil; k, p = k+1, p.Parent {
		if _, ok := set[p]; ok {
			return true
		}
	}
	return false
}

// textOver reports whether n holds more than limit bytes of text, without
// gathering it.
func textOver(n *html.Node, limit int) bool {
	total := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			total += len(strings.TrimSpace(n.Data))
			return total > limit
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}

// isTopByline reports a byline before the text: a short line, not a
// sentence, that reads as one; a longer one under a label ("Nguồn: Báo
// Hà Tĩnh | Minh Anh - Phòng Văn hóa và Thông tin huyện").
func isTopByline(l string) bool {
	if strings.HasSuffix(l, ".") {
		return false
	}
	head := facts.TrimDate(l)
	if runesOver(head, 90) || runesOver(head, 60) && !facts.Labelled(head) && !sourceLabelled(head) {
		return false
	}
	return isByline(l)
}

// topBylines is the byline opening lines, a top byline first, and how
// many lines it takes: the byline with the unit under it ("Minh Anh",
// "Trung tâm VH-TT huyện"), or several names, each over its unit or
// position, as journals and leaders' articles put them ("TS X", "Trường
// Đại học …", "ThS Y", "Học viện …"; the units are not kept then).
func topBylines(lines []string) (string, int) {
	first := lines[0]
	names := []string{first}
	n := 1
	for n < len(lines) && unitLike(lines[n]) {
		next := n + 1 // past the unit
		if next+1 < len(lines) && unitLike(lines[next+1]) && !unitLike(lines[next]) && isTopByline(lines[next]) {
			names = append(names, lines[next])
			n = next + 1
			continue
		}
		if len(names) > 1 {
			n = next // the last name's unit
		}
		break
	}
	if len(names) > 1 {
		if n < len(lines) && unitLike(lines[n]) {
			n++
		}
		return strings.Join(names, " - "), n
	}
	// One name: the unit under it only when the byline has none of its
	// own and credits one person.
	if au := facts.ParseByline(first); len(lines) > 1 && unitLike(lines[1]) && len(au) == 1 && au[0].Unit == "" {
		return first + " - " + lines[1], 2
	}
	return first, 1
}

// unitLike reports a line that is a unit's or a position's name
// (facts.IsUnitLine) written as names are, a third of its words or more
// capitalised: "Ban Tuyên giáo và Dân vận Đảng ủy phường", "Bí thư Đảng
// ủy xã", not the heading "Phòng chống dịch sốt xuất huyết".
func unitLike(l string) bool {
	if !facts.IsUnitLine(l) {
		return false
	}
	words := strings.Fields(l)
	if len(words) > 12 {
		return false
	}
	upper := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return upper*3 >= len(words)
}

// sourceLabelled reports a line opening with a source's label ("Nguồn:",
// "Nguồn tin:").
func sourceLabelled(l string) bool {
	return vietnamese.FoldPrefixLen(l, "nguồn:") >= 0 || vietnamese.FoldPrefixLen(l, "nguồn tin:") >= 0
}

// labelledBelow is a byline under its label: a line that is only the
// label ("Tác giả"), then the name (an author box, a table's two cells).
func labelledBelow(lines []string) string {
	for i := 0; i+1 < len(lines); i++ {
		if facts.IsLabel(lines[i]) && isByline(lines[i+1]) {
			return lines[i+1]
		}
	}
	return ""
}

// bylineAfterText is the last byline among the few lines after a
// paragraph of text, before a list's heading ("Tin khác"): a byline in its
// own element after the article's last paragraph, with the print and
// sharing links, tags and the like around it skipped. "" when there is
// none.
func bylineAfterText(lines []string) string {
	found, k := "", -1
	for _, l := range lines {
		switch {
		case runesOver(l, 39) && (strings.HasSuffix(l, ".") || strings.HasSuffix(l, "./.")):
			k = 0 // a paragraph
		case k < 0 || passedOverAfterText(l):
		case isListHeading(l):
			k = -1
		default:
			if k++; k > 3 {
				k = -1
			} else if isByline(l) {
				found, k = l, -1
			}
		}
	}
	return found
}

// passedOverAfterText reports a line that a search for the byline after
// an article's text steps over: sharing and print links, pagers, and short
// date or view lines.
func passedOverAfterText(l string) bool {
	return isWidgetLine(l) || isMetaLine(l) && !runesOver(l, 100)
}

// isListHeading reports the heading of a list of other articles ("Tin
// khác", "Các tin đã đưa", "Tin cùng chuyên mục", "Xem thêm").
func isListHeading(l string) bool {
	if runesOver(l, 40) {
		return false
	}
	f := vietnamese.FoldedQuick(l)
	for _, w := range []string{"tin ", "cac tin", "bai viet", "xem them", "doc them", "tin lien quan", "related"} {
		if strings.HasPrefix(f, w) {
			return true
		}
	}
	return false
}

// categoryLike reports text shaped like a section's name: short, without
// digits, addresses or sentence punctuation ("Email: bbt@..." is not one).
func categoryLike(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= 60 && !hasASCIIDigit(s) && !strings.ContainsAny(s, "@:|") &&
		!strings.HasSuffix(s, ".") && !chromeWords.HasPrefix(s) && !isWidgetLine(s)
}

// chromeWords open the site's own links (log in, search, home), never a
// section's name.
var chromeWords = vietnamese.NewFoldSet("đăng nhập", "đăng ký", "đăng xuất", "tìm kiếm", "trang chủ", "liên hệ",
	"sơ đồ", "tiếng việt", "english", "rss", "hỏi đáp", "góp ý")

// selectText is the cleaned text of the first match of a selector; "" for
// no selector or no match.
func selectText(doc *goquery.Document, selector string) string {
	if selector == "" {
		return ""
	}
	return vietnamese.Clean(doc.Find(selector).First().Text())
}

// genericTitle is the article heading: a title-like h1/h2, else the first
// h1, else og:title, else <title> without the site name.
func genericTitle(doc *goquery.Document) string {
	// A heading the <title> element repeats is the article's title,
	// whatever its class.
	tag := vietnamese.Clean(doc.FindMatcher(titleTagMatcher).First().Text())
	if tag != "" {
		title := ""
		doc.FindMatcher(headingMatcher).EachWithBreak(func(_ int, h *goquery.Selection) bool {
			t := vietnamese.Clean(h.Text())
			if runesOver(t, 9) && strings.Contains(tag, t) && h.ClosestMatcher(titleChromeMatcher).Length() == 0 {
				title = t
				return false
			}
			return true
		})
		if title != "" {
			return title
		}
	}
	for _, q := range titleMatchers {
		title := ""
		doc.FindMatcher(q).EachWithBreak(func(_ int, h *goquery.Selection) bool {
			if h.ClosestMatcher(titleChromeMatcher).Length() > 0 {
				return true
			}
			title = vietnamese.Clean(h.Text())
			return title == ""
		})
		if title != "" {
			return title
		}
	}
	if t, ok := doc.FindMatcher(ogTitleMatcher).Attr("content"); ok && vietnamese.Clean(t) != "" {
		return vietnamese.Clean(t)
	}
	if siteName(tag) {
		// The <title> names the site alone, on every page: the title is
		// the heading or title-named element nearest above the text.
		if t := titleAboveText(doc, tag); t != "" {
			return t
		}
	}
	return titleFromTag(tag)
}

// siteName reports a <title> that is the site's name alone ("Cổng thông
// tin điện tử tỉnh Lào Cai"), which many portals give every page.
func siteName(t string) bool {
	if t == "" || runesOver(t, 80) {
		return false
	}
	f := vietnamese.FoldedQuick(t) + " "
	for _, w := range siteWords {
		if strings.HasPrefix(f, w) {
			return !strings.ContainsAny(t, "|–") && !strings.Contains(t, " - ")
		}
	}
	return false
}

// titleWords name an element as a title in its class or id.
var titleWords = []string{"title", "tieude", "tieu-de", "tieu_de", "headline"}

// titleAboveText is the last heading (h1 to h4) or element named as a
// title, of four to forty words and no link, before the densest block of
// text (or the first inside it); "" for none. site is the site's name,
// which is not the title.
func titleAboveText(doc *goquery.Document, site string) string {
	blk := densestBlock(doc, nil)
	if blk == nil {
		return ""
	}
	// The walk ends at the text's block when a title stood above it,
	// else after the block's first title, or past the block.
	before, inside := "", ""
	var walk func(n *html.Node, inBlk bool) bool
	walk = func(n *html.Node, inBlk bool) bool {
		if n == blk {
			if before != "" {
				return true
			}
			inBlk = true
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "a", "script", "style", "nav", "ul":
				return n == blk
			}
			heading := n.Data == "h1" || n.Data == "h2" || n.Data == "h3" || n.Data == "h4"
			// A bold line alone in its block, above the text only (in it,
			// a lead or a subheading).
			bold := !inBlk && (n.Data == "strong" || n.Data == "b") && onlyChild(n)
			if (heading || bold || attrNames(n, titleWords)) && !titleChrome(n) && !boxHead(n) {
				raw, long := boundedText(n, 600)
				t := vietnamese.Clean(raw)
				if w := len(strings.Fields(t)); !long && w >= 4 && w <= 40 && t != site && !holdsLink(n) {
					if !inBlk {
						before = t
					} else {
						inside = t
						return true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c, inBlk) {
				return true
			}
		}
		return n == blk
	}
	reached := false
	for _, n := range doc.Nodes {
		if reached = walk(n, false); reached {
			break
		}
	}
	if !reached {
		return "" // the block was not walked to
	}
	if before != "" {
		return before
	}
	return inside
}

// onlyChild reports an element alone in its parent, text around it
// blank.
func onlyChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && (c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "") {
			return false
		}
	}
	return true
}

// boxHead reports the head of a box of links (a side column's "Văn bản
// chỉ đạo điều hành" over its list): the element after it is a list.
func boxHead(n *html.Node) bool {
	p := nextElement(n)
	return p != nil && (p.Data == "ul" || p.Data == "ol")
}

// holdsLink reports an element with a link inside: a teaser's title.
func holdsLink(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "a" || holdsLink(c)) {
			return true
		}
	}
	return false
}

// siteWords name a site rather than an article: what a <title> ends with
// after its last separator ("... - Cổng thông tin điện tử huyện Gia Lâm").
// siteWords anywhere in the tail, siteStarts at its start.
var (
	siteWords  = []string{"cong thong tin", "cong ttdt", "trang thong tin", "trang tin", "portal", "website", ".vn", ".gov", ".com"}
	siteStarts = []string{"ubnd", "uy ban nhan dan", "dang bo", "bao ", "huyen ", "quan ", "thi xa ", "tinh ", "thanh pho ", "xa ", "phuong "}
)

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// titleFromTag is a <title> without the site's name: the part after the
// last " - ", " | " or " :: " goes only when it names a site, since
// article titles hold dashes too ("Kinh tế - xã hội năm 2020").
func titleFromTag(t string) string {
	// The site's name first: "Cổng thông tin điện tử quận Gò Vấp - <title>".
	for _, sep := range []string{" | ", " :: ", " - ", " – "} {
		i := strings.Index(t, sep)
		if i <= 0 {
			continue
		}
		head := vietnamese.FoldedQuick(t[:i]) + " "
		for _, w := range siteWords {
			if strings.Contains(head, w) {
				return strings.TrimSpace(t[i+len(sep):])
			}
		}
	}
	for _, sep := range []string{" | ", " :: ", " - ", " – "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		tail := vietnamese.FoldedQuick(t[i+len(sep):]) + " "
		for _, w := range siteWords {
			if strings.Contains(tail, w) {
				return strings.TrimSpace(t[:i])
			}
		}
		// A unit word starts a site's name only before a proper name:
		// "Xã Thanh Trì", not "xã hội".
		words := strings.Fields(t[i+len(sep):])
		for _, w := range siteStarts {
			if !strings.HasPrefix(tail, w) {
				continue
			}
			n := len(strings.Fields(w))
			if w == "ubnd" || w == "uy ban nhan dan" || w == "dang bo" || w == "bao " ||
				len(words) > n && startsUpper(words[n]) {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

// breadcrumbCategory is the last breadcrumb step that is neither the home
// page nor the article itself.
func breadcrumbCategory(doc *goquery.Document, title string) string {
	steps := doc.FindMatcher(breadcrumbMatcher).First().FindMatcher(breadcrumbStepMatcher)
	cat := ""
	steps.Each(func(_ int, s *goquery.Selection) {
		if s.Children().Length() > 0 && goquery.NodeName(s) != "a" {
			return
		}
		t := strings.Trim(vietnamese.Clean(s.Text()), " »>›/|")
		f := vietnamese.FoldedQuick(t)
		if t == "" || t == title || f == "trang chu" || f == "home" || utf8.RuneCountInString(t) > 60 {
			return
		}
		cat = t
	})
	return cat
}

// genericBody finds the element holding the article text: a known body
// container, else the element with the most paragraph text, the text
// near the title's heading (around: its ancestors, nil when none)
// counting double.
func genericBody(doc *goquery.Document, around map[*html.Node]int) *goquery.Selection {
	var found *goquery.Selection
	doc.FindMatcher(bodyMatcher).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if runesOver(strings.TrimSpace(s.Text()), 79) {
			found = s
			return false
		}
		return true
	})
	if found != nil {
		return found
	}
	if best := densestBlock(doc, around); best != nil {
		return goquery.NewDocumentFromNode(best).Selection
	}
	for _, m := range bodyFallbackMatchers {
		if sel := doc.FindMatcher(m).First(); sel.Length() > 0 {
			return sel
		}
	}
	return doc.Selection
}

// densestBlock scores each element by the text of its paragraphs (text
// outside links): a paragraph's text counts for its parent, loose text in
// a div for the div. The best-scoring element holds the article. Text
// under the title heading's parent or grandparent counts double: a short
// article beside the site's lists of documents and links is still the
// article.
func densestBlock(doc *goquery.Document, around map[*html.Node]int) *html.Node {
	scores := map[*html.Node]int{}
	nearTitle := map[*html.Node]bool{}
	weight := func(n *html.Node) int {
		if around == nil {
			return scores[n]
		}
		in, ok := nearTitle[n]
		if !ok {
			// Under the heading's parent or grandparent: n is one of
			// them, or the branch n is on meets the heading's there.
			l, holds := around[n]
			if !holds {
				l = frameLevel(n, around)
			}
			in = l == 1 || l == 2
			nearTitle[n] = in
		}
		if in {
			return 2 * scores[n]
		}
		return scores[n]
	}
	paras := paragraphs{flat: map[*html.Node]bool{}, two: map[*html.Node]bool{}}
	var best *html.Node
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode && !inLink {
			l := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			if l < 25 || imprintLabels.HasPrefix(strings.TrimSpace(n.Data)) {
				return // the site's imprint is no text, however long
			}
			b := n.Parent
			for b != nil && b.Type == html.ElementNode && !isBlock(b.Data) {
				b = b.Parent
			}
			if b == nil {
				return
			}
			target := b
			if (b.Data == "p" || b.Data == "li" || b.Data == "h2" || b.Data == "h3" || b.Data == "blockquote") && b.Parent != nil {
				target = b.Parent
			}
			if target.Type != html.ElementNode {
				return
			}
			scores[target] += l
			if best == nil || weight(target) > weight(best) {
				best = target
			}
			// Paragraphs written as <div>s (pasted text): a div of text
			// alone among sibling paragraphs counts for its parent too;
			// the div itself keeps a tie, so one content div of loose text
			// stays the body.
			if target == b && b.Data == "div" && b.Parent != nil && b.Parent.Type == html.ElementNode && paras.one(b) && paras.siblings(b.Parent) {
				scores[b.Parent] += l
				if weight(b.Parent) > weight(best) {
					best = b.Parent
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || (n.Type == html.ElementNode && n.Data == "a"))
		}
	}
	for _, n := range doc.Nodes {
		walk(n, false)
	}
	return best
}

// imprintLabels open the lines of a portal's imprint, which every page
// of the site closes with: its owner, address, licence, editor in chief.
var imprintLabels = vietnamese.NewFoldSet("cơ quan chủ quản", "chịu trách nhiệm", "giấy phép", "ghi rõ nguồn", "địa chỉ:", "điện thoại:",
	"trưởng ban biên tập", "bản quyền", "copyright", "©")

// paragraphs answers densestBlock's questions about paragraphs written as
// <div>s, each element looked at once (a div of 60,000 spans of text
// would otherwise be scanned once per span).
type paragraphs struct {
	flat map[*html.Node]bool // element -> it holds one paragraph (oneParagraph)
	two  map[*html.Node]bool // parent -> it holds two or more such <div>s or <p>s
}

// one is oneParagraph, remembered.
func (p paragraphs) one(n *html.Node) bool {
	v, ok := p.flat[n]
	if !ok {
		v = oneParagraph(n)
		p.flat[n] = v
	}
	return v
}

// siblings reports whether parent holds two or more paragraphs written as
// <div>s or <p>s, remembered.
func (p paragraphs) siblings(parent *html.Node) bool {
	if v, ok := p.two[parent]; ok {
		return v
	}
	n := 0
	for c := parent.FirstChild; c != nil && n < 2; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "div" || c.Data == "p") && p.one(c) {
			n++
		}
	}
	p.two[parent] = n >= 2
	return n >= 2
}

// oneParagraph reports an element holding one paragraph: no block element
// and no line break inside.
func oneParagraph(n *html.Node) bool {
	for g := n.FirstChild; g != nil; g = g.NextSibling {
		if g.Type == html.ElementNode && (isBlock(g.Data) || g.Data == "br") {
			return false
		}
	}
	return true
}

// removeHidden drops hidden elements: by the hidden attribute, an inline
// style (the usual carrier of injected spam), or a class every CSS
// framework hides ("hidden", "d-none", "sr-only").
func removeHidden(s *goquery.Selection) {
	s.FindMatcher(hiddenMatcher).Remove()
}

func isHidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if hiddenStyle(a.Val) {
				return true
			}
		case "class":
			if hiddenClass(a.Val) {
				return true
			}
		}
	}
	return false
}

// hiddenClasses hide an element on every screen in the common CSS
// frameworks (Bootstrap 3 to 5, WordPress, Tailwind), screen readers'
// text included: a sighted reader never sees it.
var hiddenClasses = map[string]bool{"hidden": true, "hide": true, "d-none": true, "invisible": true, "sr-only": true,
	"visually-hidden": true, "screen-reader-text": true, "element-invisible": true}

// hiddenClass reports a class attribute that hides its element, unless
// another class shows it on some screens ("d-none d-md-block").
func hiddenClass(v string) bool {
	if !strings.Contains(v, "hid") && !strings.Contains(v, "none") && !strings.Contains(v, "invisible") && !strings.Contains(v, "sr-only") && !strings.Contains(v, "screen-reader") {
		return false
	}
	hidden := false
	for _, c := range strings.Fields(v) {
		c = strings.ToLower(c)
		switch {
		case hiddenClasses[c]:
			hidden = true
		case strings.HasPrefix(c, "visible-") || strings.HasPrefix(c, "d-") && !strings.HasSuffix(c, "-none") && strings.Count(c, "-") == 2:
			return false // shown on some screens: "visible-md", "d-md-block"
		}
	}
	return hidden
}

// hiddenStyle reports an inline style that hides its element: not shown,
// invisible, transparent, a font or a clipped height of nothing, or moved
// off the page ("position:absolute; left:-9999px"). A small font
// ("font-size:0.9em", as bylines are set) hides nothing, nor does a
// negative margin ("margin-top:-10px").
func hiddenStyle(style string) bool {
	st := strings.ReplaceAll(strings.ToLower(style), " ", "")
	zero := func(v string) bool { // "0", "0px", "0pt": nothing; "0.9em" is a size
		n, err := strconv.ParseFloat(strings.TrimRight(v, "abcdefghijklmnopqrstuvwxyz%!"), 64)
		return err == nil && n == 0
	}
	noHeight, overflowHidden := false, false
	for _, decl := range strings.Split(st, ";") {
		prop, val, _ := strings.Cut(decl, ":")
		switch prop {
		case "display":
			if val == "none" || val == "none!important" {
				return true
			}
		case "visibility":
			if strings.HasPrefix(val, "hidden") {
				return true
			}
		case "font-size", "opacity":
			if zero(val) {
				return true
			}
		case "height", "max-height":
			noHeight = noHeight || zero(val)
		case "overflow":
			overflowHidden = strings.HasPrefix(val, "hidden")
		case "left", "top", "text-indent":
			if v, ok := strings.CutPrefix(val, "-"); ok && len(strings.TrimLeft(v, "0123456789.")) < len(v) {
				if n, err := strconv.ParseFloat(strings.TrimRight(v, "abcdefghijklmnopqrstuvwxyz%!"), 64); err == nil && n >= 500 {
					return true
				}
			}
		}
	}
	return noHeight && overflowHidden
}

// removeSpamLinks drops links to gambling and similar sites, and the
// blocks around them that are left empty or are short spam themselves (a
// promotion paragraph). A longer block is kept even when it still holds
// spam elsewhere: that is the article with a spam link injected into it,
// and its other spam links go one by one.
func removeSpamLinks(s *goquery.Selection) {
	s.FindMatcher(linkMatcher).Each(func(_ int, a *goquery.Selection) {
		href := strings.ToLower(a.AttrOr("href", ""))
		if spamCount(vietnamese.FoldedQuick(a.Text()))+spamCount(href) == 0 {
			return
		}
		parent := a.Parent()
		a.Remove()
		for parent.Length() > 0 && goquery.NodeName(parent) != "body" {
			// Only the text of short blocks is read: a long one stops the
			// walk, so a page of 40,000 spam links in one container costs
			// each link a bounded look, not the container's whole text.
			text, long := boundedText(parent.Nodes[0], maxSpamBlockRunes)
			text = strings.TrimSpace(text)
			if long || text != "" && spamCount(vietnamese.FoldedQuick(text)) == 0 {
				break
			}
			next := parent.Parent()
			parent.Remove()
			parent = next
		}
	})
}

// boundedText is the text of n when it has at most limit runes; long is
// set (and the text is partial) when it has more. It stops reading there.
func boundedText(n *html.Node, limit int) (text string, long bool) {
	var b strings.Builder
	runes := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			runes += utf8.RuneCountInString(n.Data)
			if runes > limit {
				return false
			}
			b.WriteString(n.Data)
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return b.String(), true
	}
	return b.String(), false
}

// maxSpamBlockRunes is the longest block removeSpamLinks removes as spam
// around a spam link.
const maxSpamBlockRunes = 300

// spamWords are folded words of injected gambling and pharmacy spam.
var spamWords = []string{"nha cai", "ca cuoc", "ca do bong da", "casino", "slot game", "no hu", "tai xiu", "game bai",
	"danh bai online", "lo de online", "soi keo", "keo nha cai", "xoc dia", "ban ca doi thuong", "da ga truc tuyen",
	"w88", "fb88", "188bet", "kubet", "789bet", "jun88", "hi88", "new88", "shbet", "f8bet", "8xbet", "bet88", "sv388",
	"rikvip", "go88", "sunwin", "typhu88", "link vao", "dang ky nhan", "tang code", "giftcode", "viagra", "cialis",
	"vay tien nhanh", "thuoc kich duc", "doi thuong", "xo so online", "bong da truc tuyen"}

// spamByFirst lists the spam words (their index in spamWords) by their
// first byte, and spamBigram marks their first two bytes: most positions
// of a line start no spam word.
var spamByFirst, spamBigram = func() (t [256][]int, bi [1 << 16]bool) {
	if len(spamWords) > 64 {
		panic("spamCount keeps the spam words met in a uint64")
	}
	for k, w := range spamWords {
		t[w[0]] = append(t[w[0]], k)
		bi[int(w[0])<<8|int(w[1])] = true
	}
	return t, bi
}()

// spamCount counts spam words in folded text: the words whose first
// occurrence stands as a whole word. One pass looks up the words starting
// with each byte, instead of a strings.Index per word.
func spamCount(folded string) int {
	n := 0
	// seen has bit k set once spamWords[k] was met: only a first
	// occurrence counts. Every spam word has two bytes or more.
	var seen uint64
	for i := 0; i+1 < len(folded); i++ {
		if !spamBigram[int(folded[i])<<8|int(folded[i+1])] {
			continue
		}
		for _, k := range spamByFirst[folded[i]] {
			w := spamWords[k]
			if folded[i+1] != w[1] || seen&(1<<k) != 0 || !strings.HasPrefix(folded[i:], w) {
				continue
			}
			seen |= 1 << k
			before := i == 0 || !isASCIIAlnum(folded[i-1])
			after := i+len(w) >= len(folded) || !isASCIIAlnum(folded[i+len(w)])
			if before && after {
				n++
			}
		}
	}
	return n
}

func isASCIIAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

var domainRe = regexp.MustCompile(`(?i)(https?://|www\.|\b[a-z0-9-]+\.(?:com|net|vip|club|bet|xyz|top|info|io|cc|me|live|win)\b)`)

// isSpamLine reports whether a line is injected spam: spam words with a
// web address, or several spam words.
func isSpamLine(l string) bool {
	n := spamCount(vietnamese.FoldQuick(l)) // l is NFC; spam words need no tone normalisation
	return n >= 2 || n >= 1 && domainRe.MatchString(l)
}

// ExtractText extracts an article from plain text laid out like the
// portals' pages: category, title, date line, paragraphs, byline.
func ExtractText(text string) Article { return ExtractTextWith(text, Options{}) }

// ExtractTextWith is ExtractText with a source's options.
func ExtractTextWith(text string, opts Options) Article {
	text = strings.ToValidUTF8(text, "\uFFFD")
	var lines []string
	for _, l := range strings.Split(norm.NFC.String(text), "\n") {
		if l = vietnamese.Clean(l); l != "" && !isTodayLine(l) {
			lines = append(lines, l)
		}
	}
	var a Article
	dateAt := -1
	for i, l := range lines[:min(len(lines), 8)] {
		if t, ok := parseDateLine(l); ok && isMetaLine(l) {
			a.PublishedAt, dateAt = &t, i
			break
		}
	}
	header := lines[:min(len(lines), max(dateAt+1, 3))]
	a.Views = findViews(header, nil)
	titleAt := -1
	switch {
	case dateAt > 0:
		titleAt = dateAt - 1
	case len(lines) > 0:
		titleAt = 0
		if len(lines) > 1 && utf8.RuneCountInString(lines[0]) <= 40 && utf8.RuneCountInString(lines[1]) > utf8.RuneCountInString(lines[0]) && utf8.RuneCountInString(lines[1]) <= 200 && !isMetaLine(lines[1]) && !strings.HasSuffix(lines[1], ".") {
			titleAt = 1 // a short category line, then the title
		}
	}
	if titleAt >= 0 {
		a.Title = lines[titleAt]
		if titleAt > 0 && utf8.RuneCountInString(lines[titleAt-1]) <= 60 {
			a.Category = lines[titleAt-1]
		}
	}
	if a.PublishedAt == nil {
		a.PublishedAt = dateFromURL(opts.URL)
	}
	start := max(titleAt, dateAt) + 1
	body := lines[min(start, len(lines)):]
	for len(body) > 0 && isMetaLine(body[0]) && utf8.RuneCountInString(body[0]) <= 100 {
		body = body[1:]
	}
	a.Body, a.Byline = finishBody(body, "")
	return a
}

// trimHeader drops what opens the body's lines before the text: the
// title and category repeated, meta lines, and the CMS's info box inside
// the content (Joomla's "Chi tiết" over "Viết bởi …", "Lượt xem: …",
// "T/h: Hồng Tâm", "Chuyên mục: …"), whose byline it returns ("" for
// none).
func trimHeader(lines []string, title, category string) ([]string, string) {
	byline := ""
	for len(lines) > 0 {
		l := lines[0]
		short := utf8.RuneCountInString(l) <= 100
		switch {
		case l == title || l == category || isMetaLine(l) && short || isInfoBoxTerm(l):
		case short && !strings.HasSuffix(l, "."):
			m := metaFields(l)
			if m == nil {
				return lines, byline
			}
			if v := m["byline"]; byline == "" && v != "" && facts.ParseByline(v) != nil {
				byline = v
			}
		default:
			return lines, byline
		}
		lines = lines[1:]
	}
	return lines, byline
}

// isInfoBoxTerm reports the heading of a CMS's info box ("Chi tiết",
// Joomla's "Details").
func isInfoBoxTerm(l string) bool {
	switch vietnamese.FoldedQuick(l) {
	case "chi tiet", "details", "thong tin bai viet":
		return true
	}
	return false
}

// finishBody drops spam and widget lines, takes the byline off the end
// (unless the selectors found it already) and joins the paragraphs.
func finishBody(lines []string, byline string) (string, string) {
	kept := lines[:0:0]
	for _, l := range lines {
		if isSpamLine(l) || isWidgetLine(l) {
			continue
		}
		kept = append(kept, l)
	}
	if byline != "" {
		kept = endAtByline(kept, byline)
	}
	// Date, view and labelled meta lines closing the body (the meta line
	// some templates put at the bottom) are not text; the byline sits
	// above them, or in them ("Tác giả: ...").
	for len(kept) > 0 {
		last := kept[len(kept)-1]
		m := metaFields(last)
		if !(isMetaLine(last) && !runesOver(last, 100) || m["category"] != "" || (m["byline"] != "" || m["poster"] != "") && len(m) > 1) {
			break
		}
		if byline == "" && m["byline"] != "" {
			byline = m["byline"]
		}
		if byline == "" && m == nil {
			byline = bareByline(last, "") // the byline with the day: "Minh Anh | 12/03/2024"
		}
		kept = kept[:len(kept)-1]
	}
	// Credits closing the text in label and value cells of a table
	// ("Tác giả:" / "Minh Anh", "Nguồn tin:" / "Trung tâm VH-TT huyện"):
	// the person first, else the source.
	for source := false; len(kept) > 2; {
		n := len(kept)
		label, value := kept[n-2], kept[n-1]
		if !strings.HasSuffix(label, ":") || runesOver(label, 30) {
			break
		}
		if facts.IsLabel(label) && isByline(value) {
			if byline == "" || source {
				byline, source = label+" "+value, false
			}
		} else if isSourceLine(label + " " + value) {
			if byline == "" {
				byline, source = label+" "+value, true
			}
		} else {
			break
		}
		kept = kept[:n-2]
	}
	if j := trailingNotes(kept); j < len(kept) && j > 1 && (byline == "" && isByline(kept[j-1]) || kept[j-1] == byline) {
		// The byline over the notes or references closing the text
		// ("(*) Bài viết tham gia Cuộc thi …", "Tài liệu tham khảo:"),
		// which stay the article's.
		byline, kept = kept[j-1], slices.Concat(kept[:j-1], kept[j:])
	}
	if byline == "" {
		if n := len(kept); n > 1 && isByline(kept[n-1]) {
			byline, kept = kept[n-1], kept[:n-1]
		} else if n > 2 && (isByline(kept[n-2]) || isSourceLine(kept[n-2])) && isSourceLine(kept[n-1]) {
			byline, kept = kept[n-2], kept[:n-2]
		} else if n > 2 && isByline(kept[n-2]) && facts.IsUnitLine(kept[n-1]) {
			byline, kept = nameOverUnit(kept)
		} else if n > 1 && (isSourceLine(kept[n-1]) || unitCredit(kept[n-1])) {
			// A source or a unit credited without a person closes the
			// text: the byline, naming no author.
			byline, kept = kept[n-1], kept[:n-1]
		} else if n > 0 {
			// The byline closing the last paragraph, after its last
			// sentence ("... năm 2024. Minh Anh").
			if text, b := trailingByline(kept[n-1]); b != "" {
				byline, kept[n-1] = b, text
			}
		}
	}
	// The photographer's credit on a line of its own under the writer's
	// ("Bài: Minh Anh" / "Ảnh: Thu Hà"), which the byline was found above
	// or elsewhere: both credit the article, as "Bài: Minh Anh; ảnh: Thu
	// Hà" does on one line.
	if n := len(kept); n > 1 && isPhotoCredit(kept[n-1]) {
		switch credit := kept[n-1]; {
		case byline == "" && n > 2 && isByline(kept[n-2]):
			byline, kept = kept[n-2]+"; "+credit, kept[:n-2]
		case byline != "" && !isPhotoCredit(byline):
			byline, kept = byline+"; "+credit, kept[:n-1]
		}
	}
	// A byline found elsewhere (an element named as the author's) that
	// also closes the text, perhaps over its unit, is not text.
	if n := len(kept); byline != "" && n > 1 {
		if kept[n-1] == byline {
			kept = kept[:n-1]
		} else if n > 2 && kept[n-2] == byline && facts.IsUnitLine(kept[n-1]) {
			byline, kept = nameOverUnit(kept)
		}
	}
	// Its label in an element of its own above it ("Tin, ảnh:" / "Minh
	// Anh") is not text either.
	if n := len(kept); byline != "" && n > 1 && facts.IsLabel(kept[n-1]) {
		byline, kept = kept[n-1]+" "+byline, kept[:n-1]
	}
	return strings.Join(kept, "\n\n"), byline
}

// trailingNotes is where the notes or references closing the text begin
// ("(*) Bài viết tham gia …", "Tài liệu tham khảo:" and its items);
// len(lines) when it closes without them.
func trailingNotes(lines []string) int {
	n := len(lines)
	j := n
	for j > 0 && n-j < 3 && isNoteLine(lines[j-1]) {
		j--
	}
	for k := n - 1; k >= 0 && k >= n-30; k-- {
		if l := lines[k]; !runesOver(l, 40) && vietnamese.FoldPrefixLen(l, "tài liệu tham khảo") >= 0 {
			return min(j, k)
		}
	}
	return j
}

// unitCredit reports a line crediting a unit and no person, perhaps
// under a byline's label and with its source: "Văn phòng HĐND-UBND xã",
// "Ban Tuyên giáo và Dân vận", "TTXVN", "Tác giả: Văn phòng HĐND-UBND
// phường - Nguồn: Văn phòng HĐND-UBND phường".
func unitCredit(l string) bool {
	if runesOver(l, 120) || strings.HasSuffix(l, ".") || hasASCIIDigit(l) || eventWords.HasPrefix(l) || roleWords.HasPrefix(l) {
		// A credit has no day; "Hội nghị …" is an event, "Hội Nông dân"
		// a unit; "Phó Chủ tịch UBND tỉnh trao quà …" is a caption.
		return false
	}
	return unitLike(facts.CutSource(facts.CutLabel(l)))
}

// roleWords open a person's position or a common noun, which
// facts.IsUnitLine takes for a unit under a name, never a unit credited
// alone.
var roleWords = vietnamese.NewFoldSet("phó ", "thứ ", "chủ ", "bí thư", "giám ", "trưởng ", "chánh ", "chuyên ", "cán ", "học sinh", "tin ", "trang ", "nhóm ")

// eventWords open an event's name, which starts as a unit's does ("Hội").
var eventWords = vietnamese.NewFoldSet("hội nghị", "hội thảo", "hội thi", "hội diễn", "hội chợ", "hội khỏe", "hội trại")

// isNoteLine reports a footnote: "(*) …", "Ghi chú: …", "Chú thích: …".
func isNoteLine(l string) bool {
	return strings.HasPrefix(l, "(*") || vietnamese.FoldPrefixLen(l, "ghi chú:") >= 0 || vietnamese.FoldPrefixLen(l, "chú thích:") >= 0
}

// labelledByline is the byline a line gives under a byline's label
// ("Tác giả: Minh Anh", "… - Tin: Thu Hà - …") when it credits someone;
// "" otherwise.
func labelledByline(l string) string {
	if v := metaFields(l)["byline"]; v != "" && facts.ParseByline(v) != nil {
		return v
	}
	return ""
}

// endAtByline is the text's lines without the byline found after the text
// and what follows it there, after the last paragraph (a list of other
// articles, a photo's caption, a like button's count): the text ends
// above it.
func endAtByline(lines []string, byline string) []string {
	for k := len(lines) - 1; k > 0 && k >= len(lines)-8; k-- {
		if lines[k] == byline {
			return lines[:k]
		}
		if isParagraph(lines[k]) {
			break
		}
	}
	return lines
}

// isParagraph reports a line of the article's text: a sentence or more,
// closed by its stop.
func isParagraph(l string) bool {
	return runesOver(l, 80) && strings.ContainsAny(l[len(l)-1:], ".!?…")
}

// isPhotoCredit reports a line crediting the photographer alone ("Ảnh:
// Thu Hà"), not a caption ("Ảnh: Toàn cảnh hội nghị").
func isPhotoCredit(l string) bool {
	label, rest, ok := strings.Cut(l, ":")
	return ok && !runesOver(l, 60) && vietnamese.FoldedQuick(strings.TrimSpace(label)) == "anh" && isByline(strings.TrimSpace(rest))
}

// nameOverUnit is the byline of text closing with a name over its unit
// ("Minh Anh" / "Trung tâm VH-TT huyện"): "Minh Anh - Trung tâm VH-TT
// huyện", and the text without those two lines.
func nameOverUnit(kept []string) (string, []string) {
	n := len(kept)
	return kept[n-2] + " - " + kept[n-1], kept[:n-2]
}

// trailingByline splits a byline off the end of a paragraph: what follows
// its last full stop, when the paragraph does not end with one and that
// is a byline or a source's credit ("Theo Báo Nghệ An"). A full stop after an abbreviation ("TP. Hồ Chí Minh") is
// not a sentence's end (isLowerWord).
func trailingByline(l string) (string, string) {
	if !runesOver(l, 60) || strings.HasSuffix(l, ".") {
		return l, ""
	}
	i := strings.LastIndex(l, ". ")
	if i <= 0 || !runesOver(l[:i], 40) {
		return l, ""
	}
	tail := strings.TrimSpace(l[i+2:])
	prev := l[:i]
	if j := strings.LastIndexByte(prev, ' '); j >= 0 {
		prev = prev[j+1:]
	}
	if prev != "/" && !strings.HasSuffix(prev, "/.") && !isLowerWord(prev) || !isByline(tail) && !isSourceLine(tail) {
		return l, ""
	}
	return l[:i+1], tail
}

// isLowerWord reports a word that ends a sentence rather than an
// abbreviation ("TP.", "ThS."): a word with two lowercase letters or
// more ("năm", "Bối"), or a number or a date.
func isLowerWord(w string) bool {
	lower, digits := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower++
		case r >= '0' && r <= '9':
			digits++
		}
	}
	return lower >= 2 || digits > 0
}

// isWidgetLine reports share buttons, print links and similar page chrome
// that slipped into the body container.
func isWidgetLine(l string) bool {
	if l == "" {
		return false
	}
	if (l[0] == 'T' || l[0] == 't') && strings.Contains(l, ":") && !runesOver(l, 120) {
		f := vietnamese.FoldedQuick(l)
		for _, w := range []string{"tu khoa:", "tags:", "tag:"} { // a list of tags
			if strings.HasPrefix(f, w) {
				return true
			}
		}
	}
	if runesOver(l, 40) {
		return false
	}
	f := vietnamese.FoldedQuick(l)
	switch f {
	case "in", "in ra", "email", "e-mail", "print", "share", "luu", "gui": // a tool's link alone
		return true
	}
	for _, w := range []string{"print ", "email ", "e-mail ", "share ", "related news", "related articles", "related posts", "other news", "more news", "chia se", "in bai", "gui email", "co chu", "danh gia bai viet", "danh gia:", "xem them", "tai ve", "luu bai", "gui bai", "ban in", "quay lai", "len dau trang", "tin lien quan", "cac tin khac", "binh luan", "facebook", "zalo", "twitter", "tweet",
		"« truoc", "‹ truoc", "< truoc", "tiep »", "tiep ›", "tiep >", "trang truoc", "bai truoc", "bai tiep", "tin truoc", "tin tiep",
		"rss", "ve trang truoc", "tro ve", "tro lai", "tep dinh kem", "file dinh kem", "tai lieu dinh kem", "dinh kem:"} {
		if strings.HasPrefix(f, w) {
			return true
		}
	}
	return false
}

// isSourceLine is a credit without a person: a source ("Nguồn: ...",
// "Theo TTXVN") or a team ("Nhóm PV").
func isSourceLine(l string) bool {
	if runesOver(l, 100) {
		return false
	}
	l = facts.TrimDate(l)
	l = facts.CutLabel(l) // under a byline's label: "Tác giả: Theo TTXVN", "Posted by Theo TTXVN"
	f := strings.TrimLeft(vietnamese.FoldedQuick(l), "( ")
	if strings.HasPrefix(f, "nguon:") {
		return true
	}
	if facts.ParseByline(l) != nil {
		return false
	}
	// A source ("Theo TTXVN") or a team ("Nhóm PV", "Ban Biên tập")
	// credited without a person.
	if strings.HasPrefix(f, "nguon ") || strings.HasPrefix(f, "theo ") {
		return true
	}
	if runesOver(l, 60) {
		return false
	}
	for _, p := range []string{"nhom pv", "nhom phong vien", "ban bien tap", "bbt", "pv", "p.v", "ctv", "phong vien", "cong tac vien"} {
		if f == p || strings.HasPrefix(f, p+" ") {
			return true
		}
	}
	return false
}

// isByline tells a closing byline from a closing paragraph.
func isByline(l string) bool {
	n := utf8.RuneCountInString(l)
	if n == 0 || n > facts.MaxBylineRunes {
		return false
	}
	if posterOnly(l) {
		return false // the uploader's account, under its label: read last, as a fallback
	}
	if strings.HasSuffix(l, ".") || strings.HasSuffix(l, "…") || strings.HasSuffix(l, ";") || strings.HasSuffix(l, "!") {
		// A sentence's stop: a byline only when it credits a source
		// ("Theo TTXVN.") or is names alone ("Tin, ảnh: Minh Anh.").
		f := vietnamese.FoldedQuick(l)
		if !(strings.HasPrefix(f, "theo ") || strings.HasPrefix(f, "nguon")) && !namesOnly(strings.TrimRight(l, ".…;!")) || n > 80 {
			return false
		}
	}
	return facts.ParseByline(l) != nil
}

// namesOnly reports a line of capitalised words alone, after a byline's
// label, joined by dashes, commas or "và": "Minh Anh - Thu Hà".
func namesOnly(l string) bool {
	words := strings.Fields(facts.CutLabel(l))
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	for _, w := range words {
		if w == "-" || w == "–" || w == "và" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isMetaLine reports date and view-count lines.
func isMetaLine(l string) bool {
	// Every pattern needs a digit; the scanners stand for todayRe, viewsRe,
	// viewsAfter, dateLabelRe and dmyRe (scan.go).
	if !hasASCIIDigit(l) || isTodayLine(l) {
		return false
	}
	if hasViews(l) {
		return true
	}
	if hasDateLabel(l) && (findDMY(l) != nil || hasVNMonth(l)) {
		return true
	}
	if _, _, _, _, _, ok := findENMonth(l); ok && hasDateLabel(l) {
		return true
	}
	if _, ok := parseDateLine(l); ok {
		// A short line that is mostly a date ("08:15 12/03/2019", "Thứ ba,
		// 12/03/2019"), or starts with one before labelled fields ("Thứ
		// Hai, 11/03/2024 08:30 | Tác giả: Minh Anh").
		if i := firstLabel(l); i > 0 {
			if _, ok := parseDateLine(l[:i]); ok {
				l = l[:i]
			}
		}
		if firstLabel(l) >= 0 && !runesOver(l, 150) && !strings.HasSuffix(l, ".") {
			// Labelled fields and a date, however written: "Văn hóa -
			// Xã hội Tác giả: Minh Anh Tháng Một 11, 2021 bởi quantri".
			return true
		}
		if mostlyDate(l) || dateThenByline(l) {
			return true
		}
		_, ok := bylineThenDate(l)
		return ok
	}
	return false
}

// mostlyDate says whether a line holding a date is little else.
func mostlyDate(l string) bool {
	return utf8.RuneCountInString(l) <= 60 && utf8.RuneCountInString(dateLeftover(l)) <= 20
}

// endsLikeDate reports text ending as a day or a time does: in a digit,
// or "SA", "CH", "AM", "PM".
func endsLikeDate(p string) bool {
	if p == "" {
		return false
	}
	if c := p[len(p)-1]; c >= '0' && c <= '9' {
		return true
	}
	if len(p) < 2 {
		return false
	}
	switch strings.ToUpper(p[len(p)-2:]) {
	case "SA", "CH", "AM", "PM":
		return true
	}
	return false
}

// dateLeftover is what a line holds besides its dates and times.
func dateLeftover(l string) string {
	rest := dmyRe.ReplaceAllString(l, "")
	rest = vnMonthRe.ReplaceAllString(rest, "")
	rest = vnMonthFirstRe.ReplaceAllString(rest, "")
	rest = clockRe.ReplaceAllString(rest, "")
	if _, _, _, start, end, ok := findENMonth(rest); ok {
		rest = rest[:start] + rest[end:]
	}
	// Separators, and the parentheses the day was in ("Minh Anh
	// (12/03/2024)"), not a unit's: "Minh Anh (Trung tâm VH-TT)".
	rest = strings.ReplaceAll(strings.ReplaceAll(rest, "( )", ""), "()", "")
	for {
		r := strings.Trim(rest, " |,-–:")
		switch open, closed := strings.Count(r, "("), strings.Count(r, ")"); {
		case strings.HasPrefix(r, "(") && open > closed:
			r = r[1:]
		case strings.HasSuffix(r, ")") && closed > open:
			r = r[:len(r)-1]
		}
		if r == rest {
			return rest
		}
		rest = r
	}
}

// posterCue is what every uploader's label (posterLabels) holds.
var posterCue = vietnamese.NewFoldSet("người đăng", "người cập nhật", "người tạo", "created by", "tạo bởi")

// posterOnly reports a line naming the uploader's account under its label
// and no author ("12/03/2024 | Người đăng: Nguyễn Văn Nam").
func posterOnly(l string) bool {
	if !posterCue.ContainsAny(l) {
		return false // most lines: no labelled fields to read
	}
	m := metaFields(l)
	return m["poster"] != "" && m["byline"] == ""
}

// isSourceCredit is a source credited on a line of its own, short and not
// a sentence ("Theo TTXVN", "Tác giả: Theo Báo Hà Nội Mới"), which a
// paragraph opening with "Theo ..." is not.
func isSourceCredit(l string) bool {
	return !runesOver(l, 60) && !strings.HasSuffix(l, ".") && !strings.Contains(l, ",") && isSourceLine(l)
}

// afterDate is what follows a line's opening date and a meta separator
// ("12/03/2024 | Theo TTXVN": "Theo TTXVN"); ok is false for other lines.
func afterDate(l string) (rest string, ok bool) {
	// The day alone first, whatever follows it (markup may be all that
	// set it apart): "10/03/2024 08:09 Hoàng Thị Thu Thủy - Tuyên giáo
	// Thanh Trì" is the day and a byline, not a day with a name and a unit.
	end := -1
	for i, spaces := 0, 0; i < len(l) && spaces < 6; i++ {
		if l[i] != ' ' {
			continue
		}
		spaces++
		if p := l[:i]; endsLikeDate(p) {
			if _, ok := parseDateLine(p); ok && dateLeftover(p) == "" {
				end = i
			}
		}
	}
	if end > 0 {
		if rest := strings.TrimLeft(l[end:], " |•·/:-–"); rest != "" {
			return rest, true
		}
	}
	for _, sep := range metaSeparators {
		i := strings.Index(l, sep)
		if i <= 0 {
			continue
		}
		if _, ok := parseDateLine(l[:i]); ok && mostlyDate(l[:i]) {
			return strings.TrimSpace(l[i+len(sep):]), true
		}
	}
	return "", false
}

// dateThenByline says whether a line is a date and, after a meta
// separator, a byline, whatever form it takes, or a source: "12/03/2024 |
// Minh Anh/Trung tâm VH-TT huyện", "12/03/2024 | Thu Hà – Minh Anh",
// "12/03/2024 | Theo TTXVN".
func dateThenByline(l string) bool {
	rest, ok := afterDate(l)
	rest = dropCount(rest) // the views after it, by an icon: "08:30 12/03/2024 | Minh Anh | 208"
	return ok && (isByline(rest) || isSourceCredit(rest))
}

// bylineThenDate says whether a line is a byline, then the day after a
// meta separator: "Lê Hồng Nhung - Ban Tuyên giáo Huyện ủy | 11/03/2024
// 7:10:10 SA".
func bylineThenDate(l string) (string, bool) {
	head := facts.TrimDate(l)
	if head == l {
		return head, false
	}
	if isByline(head) {
		return head, true
	}
	// After the category: "Kinh tế | Minh Anh | 12/03/2024 08:30".
	if i := strings.LastIndex(head, " | "); i > 0 && !runesOver(head[:i], 40) && !strings.Contains(head[:i], " | ") && categoryLike(head[:i]) {
		if b := head[i+3:]; isByline(b) {
			return b, true
		}
	}
	return head, false
}

// vnMonthCue is the literal every vnMonthRe match contains.
var vnMonthCue = vietnamese.NewFoldSet("tháng")

// findVNMonth is vnMonthRe.FindStringSubmatchIndex, run only on lines
// that name a month.
func findVNMonth(l string) []int {
	if !vnMonthCue.ContainsAny(l) {
		return nil
	}
	return vnMonthRe.FindStringSubmatchIndex(l)
}

func hasVNMonth(l string) bool { return findVNMonth(l) != nil || findVNMonthFirst(l) != nil }

// enMonths numbers the English months by their first three letters.
var enMonths = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// enMonthCue holds the literal every English date match contains.
var enMonthCue = vietnamese.NewFoldSet("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

// findENMonth finds a day written with its English month's name ("March
// 9, 2024", "9 Mar 2024"): its day, month and year and where it is.
func findENMonth(l string) (d, mo, y, start, end int, ok bool) {
	if !enMonthCue.ContainsAny(l) {
		return
	}
	if m := enMonthRe.FindStringSubmatchIndex(l); m != nil {
		mo = enMonths[strings.ToLower(l[m[2]:m[3]])]
		d, _ = strconv.Atoi(l[m[4]:m[5]])
		y, _ = strconv.Atoi(l[m[6]:m[7]])
		return d, mo, y, m[0], m[1], true
	}
	if m := enDayFirstRe.FindStringSubmatchIndex(l); m != nil {
		d, _ = strconv.Atoi(l[m[2]:m[3]])
		mo = enMonths[strings.ToLower(l[m[4]:m[5]])]
		y, _ = strconv.Atoi(l[m[6]:m[7]])
		return d, mo, y, m[0], m[1], true
	}
	return
}

// findVNMonthFirst is vnMonthFirstRe.FindStringSubmatchIndex on lines that
// name a month.
func findVNMonthFirst(l string) []int {
	if !vnMonthCue.ContainsAny(l) {
		return nil
	}
	return vnMonthFirstRe.FindStringSubmatchIndex(l)
}

// findDate looks for the publish date: a labelled date line in the header,
// then any short date line there, then a labelled line elsewhere.
func findDate(head, rest []string) *time.Time {
	try := func(lines []string, labelled bool) *time.Time {
		for _, l := range lines {
			if isTodayLine(l) || labelled && !hasDateLabel(l) || !labelled && !isMetaLine(l) {
				continue
			}
			if t, ok := parseDateLine(l); ok {
				return &t
			}
		}
		return nil
	}
	for _, step := range []struct {
		lines    []string
		labelled bool
	}{{head, true}, {head, false}, {rest, true}} {
		if t := try(step.lines, step.labelled); t != nil {
			return t
		}
	}
	return nil
}

// findViews reads the view counter from the header, then elsewhere: a
// labelled count ("Lượt xem: 1.234") before a count followed by its word
// ("1.234 lượt xem"), which is also how most-read lists annotate links.
func findViews(head, rest []string) *int {
	for _, re := range []*regexp.Regexp{viewsRe, viewsAfter} {
		for _, lines := range [][]string{head, rest} {
			for _, l := range lines {
				if !hasViews(l) {
					continue
				}
				m := re.FindStringSubmatchIndex(l)
				if m == nil {
					continue
				}
				// "(864 lượt xem)" annotates another article's link in a
				// most-read list.
				if re == viewsAfter && strings.HasSuffix(strings.TrimRight(l[:m[2]], " "), "(") {
					continue
				}
				if v, ok := facts.ParseNumber(l[m[2]:m[3]]); ok && v >= 0 && v < 1e10 {
					n := int(v)
					return &n
				}
			}
		}
	}
	return nil
}

// parseDateLine reads a publish date with an optional time from one line:
// "Ngày đăng 18/03/2020 | 10:53", "14 Tháng Ba 2012 09:20:00 SA",
// "08:15 12/03/2019", "Ngày cập nhật 05/09/2020".
func parseDateLine(l string) (time.Time, bool) {
	var d, mo, y int
	var rest string
	if m := findDMY(l); m != nil {
		d, _ = strconv.Atoi(l[m[2]:m[3]])
		mo, _ = strconv.Atoi(l[m[4]:m[5]])
		y, _ = strconv.Atoi(l[m[6]:m[7]])
		rest = l[:m[0]] + " | " + l[m[1]:]
	} else if m := findVNMonthFirst(l); m != nil {
		ms := strings.ToLower(l[m[2]:m[3]])
		if n, ok := vnMonths[ms]; ok {
			mo = n
		} else {
			mo, _ = strconv.Atoi(ms)
		}
		d, _ = strconv.Atoi(l[m[4]:m[5]])
		y, _ = strconv.Atoi(l[m[6]:m[7]])
		rest = l[:m[0]] + " | " + l[m[1]:]
	} else if m := findVNMonth(l); m != nil {
		d, _ = strconv.Atoi(l[m[2]:m[3]])
		ms := strings.ToLower(l[m[4]:m[5]])
		if n, ok := vnMonths[ms]; ok {
			mo = n
		} else {
			mo, _ = strconv.Atoi(ms)
		}
		y, _ = strconv.Atoi(l[m[6]:m[7]])
		rest = l[:m[0]] + " | " + l[m[1]:]
	} else if ed, em, ey, start, end, ok := findENMonth(l); ok {
		d, mo, y = ed, em, ey
		rest = l[:start] + " | " + l[end:]
	} else {
		return time.Time{}, false
	}
	h, mi, sec := 0, 0, 0
	if m := clockRe.FindStringSubmatch(rest); m != nil {
		h, _ = strconv.Atoi(m[1])
		mi, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			sec, _ = strconv.Atoi(m[3])
		}
		switch strings.ToUpper(m[4]) {
		case "CH", "PM":
			if h < 12 {
				h += 12
			}
		case "SA", "AM":
			if h == 12 {
				h = 0
			}
		}
	}
	return makeDate(y, mo, d, h, mi, sec)
}

func makeDate(y, mo, d, h, mi, sec int) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || y < 1990 || y > 2100 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, vietnamese.TimeZone)
	if t.Day() != d {
		return time.Time{}, false // 31/02
	}
	return t, true
}

// dateFromURL reads a date from paths like /2019/03/12/.
func dateFromURL(raw string) *time.Time {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	m := urlDateRe.FindStringSubmatch(u.Path)
	if m == nil {
		return nil
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if t, ok := makeDate(y, mo, d, 0, 0, 0); ok {
		return &t
	}
	return nil
}

// blockLines renders a node's text as lines, one per block element. It
// keeps the cleaned text of each raw line in cleaned, when not nil.
func blockLines(sel *goquery.Selection, cleaned map[string]string) []string {
	var lines []string
	var cur []byte
	flush := func() {
		if len(cur) == 0 {
			return
		}
		s, ok := cleaned[string(cur)] // no allocation for the lookup
		if !ok {
			raw := string(cur)
			s = vietnamese.Clean(raw)
			if cleaned != nil {
				cleaned[raw] = s
			}
		}
		if s != "" {
			lines = append(lines, s)
		}
		cur = cur[:0]
	}
	var sm seams
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur = sm.text(cur, n)
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
		sm.edgeOf(n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		sm.edgeOf(n)
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

// seamSpace reports whether text data, following cur across the edge of an
// inline element, needs a space: CSS sets the fields of a line apart
// ("<time>08:30</time><span class=author>Minh Anh</span>", "<span>Tác
// giả</span><span>Minh Anh</span>") where the markup has none. Only
// before a capital, or a digit after a letter: a drop cap ("<span>T</span>heo")
// and a word styled in parts stay whole.
func seamSpace(cur []byte, data string) bool {
	if len(cur) == 0 || data == "" {
		return false
	}
	last, _ := utf8.DecodeLastRune(cur)
	first, _ := utf8.DecodeRuneInString(data)
	return unicode.IsLetter(last) && (unicode.IsUpper(first) || unicode.IsDigit(first)) ||
		unicode.IsDigit(last) && unicode.IsUpper(first)
}

// seams puts seamSpace's space between texts an inline element's edge
// separates; both text walkers (blockLines, observe) use one. A
// separator in an element of its own ("Tác giả <a>Minh Anh</a><span
// class=separator>/</span>12/03/2024") is set apart on both sides, as
// its style sets it on screen.
type seams struct {
	edge, sep     bool
	sepAfterDigit int // the length of a separator just written after a digit, its spaces undecided
}

// edgeOf notes the edge of n, when n is an inline element other than a
// superscript or subscript ("m<sup>2</sup>"): call it before and after
// walking n's children.
func (s *seams) edgeOf(n *html.Node) {
	if n.Type == html.ElementNode && n.Data != "sup" && n.Data != "sub" && !isBlock(n.Data) {
		s.edge = true
	}
}

// text appends the text node n's data to cur, after a space when an edge
// since the last text needs one.
func (s *seams) text(cur []byte, n *html.Node) []byte {
	data := n.Data
	// A separator alone in an inline element of its own; between digits
	// ("<b>3</b>-<b>1</b>", a day split in spans) it stays as written.
	sep := s.edge && separatorText(data) && n.PrevSibling == nil && n.NextSibling == nil &&
		n.Parent != nil && n.Parent.Type == html.ElementNode && !isBlock(n.Parent.Data) && len(cur) > 0
	if s.sepAfterDigit > 0 {
		// The separator after a digit: apart on both sides unless a digit
		// follows it too.
		if data != "" && !isDigit(data[0]) && data[0] != ' ' {
			k := len(cur) - s.sepAfterDigit
			cur = append(cur[:k], append([]byte{' '}, cur[k:]...)...)
			cur = append(cur, ' ')
		}
		s.sepAfterDigit, s.edge = 0, false
		return append(cur, data...)
	}
	if sep && isDigit(cur[len(cur)-1]) {
		s.edge, s.sep, s.sepAfterDigit = false, false, len(data)
		return append(cur, data...)
	}
	if s.edge && len(cur) > 0 && cur[len(cur)-1] != ' ' && data != "" && data[0] != ' ' && (sep || s.sep || seamSpace(cur, data)) {
		cur = append(cur, ' ')
	}
	s.edge, s.sep = false, sep
	return append(cur, data...)
}

// separatorText reports an element's text that is a separator alone:
// "/", "|", "-", "–", "•", "·".
func separatorText(data string) bool {
	switch data {
	case "/", "|", "-", "–", "•", "·":
		return true
	}
	return false
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
		"section", "article", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "body", "main",
		"header", "footer", "nav", "aside", "caption", "center", "address", "hr":
		return true
	}
	return false
}
