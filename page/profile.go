package page

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/vietnamese"
)

// Site-level template learning.
//
// One page cannot tell the site's frame from the article: a view counter,
// a date header or a menu look like the article's own. Many pages of one
// source can. A Sample is what extraction keeps of a page: its text blocks
// (the path of each block element from <body>, with ids and classes, and
// its text or, for long text, a hash) and what the generic extractor found.
// Learn compares the samples of one source: a block with the same path and
// text on most pages is the template; the field locations are the paths
// where the title, date, views, category and byline are found page after
// page, and the body is the deepest element holding the long text that
// differs from page to page. A Profile is applied to later pages of the
// source (Extract with Options.Profile) while they fit it; when they stop
// fitting (a portal rebuild), the source is learned again.

// Loc is where a field is on the pages of a site: the path of its block
// and its ordinal among the page's blocks with that path, counted from the
// start, or from the end when FromEnd is set.
type Loc struct {
	Path    string `json:"path"`
	Ord     int    `json:"ord"`
	FromEnd bool   `json:"from_end,omitempty"`
}

// IsZero reports a field that was not found.
func (l Loc) IsZero() bool { return l.Path == "" }

// Profile is a source's learned template.
type Profile struct {
	SourceID  string    `json:"source_id"`
	Version   int       `json:"version"`
	LearnedAt time.Time `json:"learned_at"`
	Pages     int       `json:"pages"` // samples it was learned from
	// Template are the hashes of the blocks (path and text) the site shows
	// on most pages: menus, footers, the site's own counters.
	Template []uint64 `json:"template"`
	Title    Loc      `json:"title"`
	Date     Loc      `json:"date"`
	Category Loc      `json:"category"`
	Views    Loc      `json:"views"`
	Byline   Loc      `json:"byline"`
	// ViewsTemplate is set when the page's view counter is the site's (the
	// same number on every page): no page has views of its own.
	ViewsTemplate bool `json:"views_template,omitempty"`
	// Account is a byline the same on most pages: the CMS account that
	// uploads the articles ("Tác giả: Nguyễn Văn Nam" over every page),
	// read as a page's byline only when the page has no other.
	Account string `json:"account,omitempty"`
	// Body is the path of the element holding the article text.
	Body string `json:"body"`
	// Confidence is, by field, the share of the samples on which the
	// field's location held it.
	Confidence map[string]float64 `json:"confidence"`
}

// MinSamples is the number of pages of a source learning needs.
const MinSamples = 6

// Block is one text block of a page (see Sample).
type Block struct {
	Path string `json:"p"`
	Ord  int    `json:"o"`
	ROrd int    `json:"r"` // ordinal from the end among blocks of the same path
	Hash uint64 `json:"h"` // of path and text
	N    int    `json:"n"` // runes of text
	// Text is kept for blocks of up to maxSampleText runes: what fields
	// are made of. Longer text is only hashed and counted.
	Text string `json:"t,omitempty"`
	Link bool   `json:"l,omitempty"` // the text is mostly link text
}

// maxSampleText bounds the text a Sample keeps per block.
const maxSampleText = 200

// Sample is what learning needs of one page.
type Sample struct {
	URL    string  `json:"url"`
	Blocks []Block `json:"blocks"`
	// What the generic extractor found, as votes for the field locations.
	Title    string `json:"title,omitempty"`
	TitleTag string `json:"title_tag,omitempty"` // the <title> element
	Category string `json:"category,omitempty"`
	Byline   string `json:"byline,omitempty"`
}

// blockHash is the hash of a block's path and text.
// It is FNV-1a (64 bits) of path, a zero byte and text, computed without
// copying them: learned profiles keep these hashes.
func blockHash(path, text string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(path); i++ {
		h = (h ^ uint64(path[i])) * prime
	}
	h *= prime // the zero byte
	for i := 0; i < len(text); i++ {
		h = (h ^ uint64(text[i])) * prime
	}
	return h
}

// segment is an element's part of a block path: its tag, id and up to
// three classes, with digits run together ("post-1234" → "post-0"), since
// CMSs number ids and classes per article.
func segment(n *html.Node) string {
	var b strings.Builder
	b.WriteString(n.Data)
	var classes []string
	for _, a := range n.Attr {
		switch a.Key {
		case "id":
			if v := undigit(a.Val); v != "" {
				b.WriteString("#" + v)
			}
		case "class":
			classes = strings.Fields(a.Val)
		}
	}
	slices.Sort(classes)
	for i, c := range classes {
		if i == 3 {
			break
		}
		b.WriteString("." + undigit(c))
	}
	return b.String()
}

// undigit replaces each run of digits with one 0.
func undigit(s string) string {
	var b []byte
	prevDigit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			if !prevDigit {
				b = append(b, '0')
			}
			prevDigit = true
			continue
		}
		prevDigit = false
		b = append(b, c)
	}
	return string(b)
}

// observe lists the text blocks of a parsed page in document order: the
// text between two block boundaries belongs to the innermost block element
// open there, as blockLines splits lines. Blocks keep their text up to
// maxSampleText runes, or all of it with full.
func observe(doc *goquery.Document, full bool) []Block {
	var out []Block
	var stack []string // paths of the open block elements
	var cur, link []byte
	inLink := 0
	var sm seams
	flush := func() {
		if len(cur) == 0 {
			return
		}
		text := vietnamese.Clean(string(cur))
		linkText := len(bytes.TrimSpace(link))
		cur, link = cur[:0], link[:0]
		if text == "" {
			return
		}
		path := "body"
		if len(stack) > 0 {
			path = stack[len(stack)-1]
		}
		b := Block{Path: path, Hash: blockHash(path, text), N: utf8.RuneCountInString(text), Link: linkText*2 > len(text)}
		if full || b.N <= maxSampleText {
			b.Text = text
		}
		out = append(out, b)
	}
	var walk func(n *html.Node, path string)
	walk = func(n *html.Node, path string) {
		switch n.Type {
		case html.TextNode:
			cur = sm.text(cur, n)
			if inLink > 0 {
				link = append(link, n.Data...)
			}
			return
		case html.ElementNode:
			if n.Data == "br" {
				flush()
				return
			}
			path += ">" + segment(n)
		}
		block := n.Type == html.ElementNode && isBlock(n.Data)
		if block {
			flush()
			stack = append(stack, path)
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			inLink++
		}
		sm.edgeOf(n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, path)
		}
		sm.edgeOf(n)
		if n.Type == html.ElementNode && n.Data == "a" {
			inLink--
		}
		if block {
			flush()
			stack = stack[:len(stack)-1]
		}
	}
	for _, n := range doc.FindMatcher(bodyTagMatcher).Nodes {
		walk(n, "")
	}
	flush()
	// Ordinals among blocks of the same path, from the start and the end.
	count := map[string]int{}
	for i := range out {
		out[i].Ord = count[out[i].Path]
		count[out[i].Path]++
	}
	for i := range out {
		out[i].ROrd = count[out[i].Path] - 1 - out[i].Ord
	}
	return out
}

// prepare parses a page and removes what is never text: scripts, styles,
// hidden blocks, spam links, a source's excluded blocks.
func prepare(raw []byte, exclude []string) (*goquery.Document, error) {
	if !utf8.Valid(raw) {
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	if bytes.Contains(raw, []byte("ld+json")) {
		restateLinkedData(doc)
	}
	doc.FindMatcher(noiseMatcher).Remove()
	// A search or login form is not text; a form around the whole page
	// (ASP.NET WebForms) is the page.
	doc.FindMatcher(formMatcher).Each(func(_ int, f *goquery.Selection) {
		if !runesOver(strings.TrimSpace(f.Text()), maxFormRunes) {
			f.Remove()
		}
	})
	for _, x := range exclude {
		if x != "" {
			doc.Find(x).Remove()
		}
	}
	removeHidden(doc.Selection)
	removeSpamLinks(doc.Selection)
	return doc, nil
}

// maxFormRunes is the most text a form holds that is only a form.
const maxFormRunes = 300

// Observe makes a page's Sample; nil for a page that is not HTML.
func Observe(raw []byte, opts Options) (*Sample, error) {
	if !isHTML(raw) {
		return nil, nil
	}
	doc, err := prepare(raw, opts.Selectors.Exclude)
	if err != nil {
		return nil, err
	}
	s := &Sample{URL: opts.URL, Blocks: observe(doc, false), TitleTag: vietnamese.Clean(doc.FindMatcher(titleTagMatcher).First().Text())}
	generic := opts
	generic.Profile = nil
	if a, err := extractDoc(doc, generic); err == nil {
		s.Title, s.Category, s.Byline = a.Title, a.Category, a.Byline
	}
	return s, nil
}

// locOf is the location of a block, from the start or the end.
func locOf(b Block, fromEnd bool) Loc {
	if fromEnd {
		return Loc{Path: b.Path, Ord: b.ROrd, FromEnd: true}
	}
	return Loc{Path: b.Path, Ord: b.Ord}
}

// at returns the block at a location of a page.
func (l Loc) at(blocks []Block) (Block, bool) {
	if l.IsZero() {
		return Block{}, false
	}
	for _, b := range blocks {
		if b.Path == l.Path && (!l.FromEnd && b.Ord == l.Ord || l.FromEnd && b.ROrd == l.Ord) {
			return b, true
		}
	}
	return Block{}, false
}

// votes counts, for each location, the pages that voted for it.
type votes map[Loc]int

// either votes for a block counted from the start and from the end of its
// path's blocks: a byline closing the text is the same block counted from
// the end on every page, one opening it the same counted from the start,
// whatever the number of paragraphs. The count that holds wins (best).
func (v votes) either(b Block) {
	v[locOf(b, true)]++
	v[locOf(b, false)]++
}

// best is the location with the most votes (ties: the first path in text
// order), and its share of n pages.
func (v votes) best(n int) (Loc, float64) {
	var locs []Loc
	for l := range v {
		locs = append(locs, l)
	}
	slices.SortFunc(locs, func(a, b Loc) int {
		if c := cmp.Compare(v[b], v[a]); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Ord, b.Ord), boolCmp(a.FromEnd, b.FromEnd))
	})
	if len(locs) == 0 || n == 0 {
		return Loc{}, 0
	}
	return locs[0], float64(v[locs[0]]) / float64(n)
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Learn learns a source's template from samples of its pages; ok is false
// with fewer than MinSamples samples or no body found.
func Learn(sourceID string, samples []Sample) (Profile, bool) {
	n := len(samples)
	p := Profile{SourceID: sourceID, Pages: n, Confidence: map[string]float64{}}
	if n < MinSamples {
		return p, false
	}
	// The template: blocks (path and text) on most pages.
	pages := map[uint64]int{}
	for _, s := range samples {
		seen := map[uint64]bool{}
		for _, b := range s.Blocks {
			if !seen[b.Hash] {
				seen[b.Hash] = true
				pages[b.Hash]++
			}
		}
	}
	minPages := max(3, (n*6+9)/10)
	template := map[uint64]bool{}
	for h, c := range pages {
		if c >= minPages {
			template[h] = true
			p.Template = append(p.Template, h)
		}
	}
	slices.Sort(p.Template)

	// A byline the same on most pages is the site's account, not an
	// author: the places of the pages' own bylines are looked for as if
	// the generic extractor had found none.
	if acct := commonByline(samples, minPages); acct != "" {
		p.Account = acct
		samples = slices.Clone(samples)
		for i := range samples {
			if sameAuthors(samples[i].Byline, acct) {
				samples[i].Byline = ""
			}
		}
	}

	var title, date, views, category, byline, siteViews votes = votes{}, votes{}, votes{}, votes{}, votes{}, votes{}
	viewNumbers := map[Loc][]int{}
	dateTexts := map[Loc]map[string]bool{}
	body := map[string]int{}
	menuCat, menuTexts := votes{}, map[Loc]map[string]bool{}
	for _, s := range samples {
		for _, b := range s.Blocks {
			if b.Text == "" || b.Link {
				continue
			}
			if template[b.Hash] && b.Text != s.Category {
				continue
			}
			if isTitleBlock(s, b) {
				title[locOf(b, false)]++
				break // the first: a lead repeating the title comes after it
			}
		}
		// One vote per page and field: the first block that holds it.
		votedDate, votedViews := map[Loc]bool{}, map[Loc]bool{}
		prev := ""
		for _, b := range s.Blocks {
			if b.Text == "" || pathInComments(b.Path) {
				continue
			}
			label := prev // a label cell's text before a value cell's
			prev = b.Text
			// The byline's block may be the template's: the site's one
			// reporter signing most pages.
			if s.Byline != "" {
				if m := metaFields(b.Text); b.Text == s.Byline || cutTools(b.Text) == s.Byline || m["byline"] == s.Byline || m["poster"] == s.Byline || bareByline(b.Text, s.Category) == s.Byline {
					byline.either(b)
				}
			}
			if template[b.Hash] {
				continue
			}
			if l := locOf(b, false); !b.Link && b.N <= 120 && !isTodayLine(b.Text) && !votedDate[l] {
				if _, ok := parseDateLine(b.Text); ok && (isMetaLine(b.Text) || hasDateLabel(b.Text)) {
					votedDate[l] = true
					date[l]++
					if dateTexts[l] == nil {
						dateTexts[l] = map[string]bool{}
					}
					dateTexts[l][b.Text] = true
				}
			}
			text := b.Text
			if isCount(text) && label != "" && !runesOver(label, 20) && hasViews(label+" "+text) {
				text = label + " " + text // "Lượt xem:" | "404"
			}
			if l := locOf(b, false); !b.Link && hasViews(text) && !votedViews[l] {
				if v := findViews([]string{text}, nil); v != nil {
					votedViews[l] = true
					views[l]++
					viewNumbers[l] = append(viewNumbers[l], *v)
				}
			}
		}
		// Counters of the template (the same line on every page), apart:
		// they are the site's, used only when no page shows its own.
		for _, b := range s.Blocks {
			if template[b.Hash] && !b.Link && hasViews(b.Text) {
				if v := findViews([]string{b.Text}, nil); v != nil {
					siteViews[locOf(b, false)]++
				}
			}
		}
		if s.Byline == "" {
			// A labelled byline the generic extractor did not reach (in
			// the CMS's info box inside the content block): the first.
			for _, b := range s.Blocks {
				if b.Text == "" || b.Link || template[b.Hash] || b.N > 150 {
					continue
				}
				if labelledByline(b.Text) != "" {
					byline.either(b)
					break
				}
			}
		}
		if s.Byline == "" {
			// A byline in its own element after the text: the first byline
			// after the last long block of the page's text.
			lastLong := -1
			for i, b := range s.Blocks {
				if b.N >= 80 && !b.Link && !template[b.Hash] {
					lastLong = i
				}
			}
			// Links (tags, sharing buttons) and the template's widgets
			// between them do not count; a byline may be a link itself
			// (to the author's page).
			if i := bylineAfter(s.Blocks, lastLong, nil, func(b Block) bool { return !template[b.Hash] && isByline(b.Text) }); i >= 0 {
				byline.either(s.Blocks[i])
			}
		}
		if categoryLike(s.Category) {
			// The block naming the category nearest the title: a menu
			// item of the same name is further away.
			titleAt := -1
			for i, b := range s.Blocks {
				if isTitleBlock(s, b) {
					titleAt = i
					break
				}
			}
			// A block that says it names the category (a label, a
			// breadcrumb) first; else the one nearest the title.
			best, dist, said := -1, 0, false
			for i, b := range s.Blocks {
				c := categoryIn(b.Text, s.Title)
				if c != s.Category || b.Link && template[b.Hash] {
					continue // a menu's link, the same on every page, is no article's category
				}
				d := i - titleAt
				if d < 0 {
					d = -d
				}
				says := c != b.Text
				if best < 0 || says && !said || says == said && d < dist {
					best, dist, said = i, d, says
				}
			}
			if best >= 0 {
				category[locOf(s.Blocks[best], false)]++
			}
		}
		// A section's name the page shows as text, not as a link, with
		// the same name a link of the page's menu has: where the category
		// is, whatever its markup, when no label or class says so. A
		// section most samples belong to looks like the template: its
		// blocks count too.
		links := linkTexts(s.Blocks)
		votedMenu := map[Loc]bool{}
		for _, b := range s.Blocks {
			l := locOf(b, false)
			if b.Link || votedMenu[l] || isTitleBlock(s, b) {
				continue
			}
			f := menuField(b.Text, links)
			if f == "" {
				continue
			}
			votedMenu[l] = true
			menuCat[l]++
			if menuTexts[l] == nil {
				menuTexts[l] = map[string]bool{}
			}
			menuTexts[l][f] = true
		}
		if path := bodyPath(s.Blocks, template); path != "" {
			body[path]++
		}
	}
	p.Title, p.Confidence["title"] = title.best(n)
	// A date that is the same on every page is the day the pages were
	// served, not their publish date.
	for l := range date {
		if len(dateTexts[l])*2 < date[l] {
			delete(date, l)
		}
	}
	p.Date, p.Confidence["published_at"] = date.best(n)
	p.Views, p.Confidence["views"] = views.best(n)
	if p.Confidence["views"] < 0.3 {
		if l, c := siteViews.best(n); c >= 0.3 {
			p.Views, p.Confidence["views"], p.ViewsTemplate = l, c, true
		}
	}
	if nums := viewNumbers[p.Views]; len(nums) >= 3 {
		same := 0
		for _, v := range nums {
			if v == nums[0] {
				same++
			}
		}
		p.ViewsTemplate = same*5 >= len(nums)*4
	}
	p.Category, p.Confidence["category"] = category.best(n)
	if p.Confidence["category"] < 0.3 {
		// No page named its category in a way the generic extractor
		// reads: a menu's section name at one place of most pages, which
		// changes from page to page (the same text on every page is the
		// template's).
		for l := range menuCat {
			if len(menuTexts[l]) < 2 || l == p.Title {
				delete(menuCat, l)
			}
		}
		if l, c := menuCat.best(n); c >= 0.5 {
			p.Category, p.Confidence["category"] = l, c
		}
	}
	p.Byline, p.Confidence["byline"] = byline.best(n)
	var bodyVotes votes = votes{}
	for path, c := range body {
		bodyVotes[Loc{Path: path}] = c
	}
	bl, conf := bodyVotes.best(n)
	p.Body, p.Confidence["body"] = bl.Path, conf
	// A field found on few pages is not the site's.
	for field, l := range map[string]*Loc{"title": &p.Title, "published_at": &p.Date, "category": &p.Category,
		"views": &p.Views, "byline": &p.Byline} {
		if p.Confidence[field] < 0.3 {
			*l = Loc{}
		}
	}
	return p, p.Body != ""
}

// linkTexts are the texts of a page's short link blocks: its menus.
func linkTexts(blocks []Block) map[string]bool {
	links := map[string]bool{}
	for _, b := range blocks {
		if b.Link && b.N <= 60 {
			links[b.Text] = true
		}
	}
	return links
}

// menuField is the section name a block shows as text that a menu link
// of the page also has: the block's text, or one field of a meta line
// ("19/04/2025, 11:37 • Lượt xem: 2736 • Xây dựng Đảng"); "" for none.
func menuField(text string, links map[string]bool) string {
	if links[text] {
		if categoryLike(text) {
			return text
		}
		return ""
	}
	if !isMetaLine(text) {
		return ""
	}
	// The longest section that opens the line, whatever sets the fields
	// apart (markup alone too: "Tin Đảng - Đoàn thể Tác giả: Minh Anh
	// Đăng ngày 14/01/2018"); else a field between separators.
	best := ""
	for l := range links {
		if len(l) > len(best) && strings.HasPrefix(text, l+" ") && categoryLike(l) {
			best = l
		}
	}
	if best != "" {
		return best
	}
	for _, sep := range metaSeparators {
		if !strings.Contains(text, sep) {
			continue
		}
		for _, f := range strings.Split(text, sep) {
			if f = strings.TrimSpace(f); links[f] && categoryLike(f) {
				return f
			}
		}
	}
	return ""
}

// isTitleBlock reports a block a page names as its title: the generic
// extractor's title, the text of the <title> element, or the text the
// page's URL is the slug of ("/tin-tuc/le-ra-quan-...-22635"), which holds
// where the title sits in an element no rule knows and <title> names only
// the site.
func isTitleBlock(s Sample, b Block) bool {
	switch {
	case b.Text == s.Title:
		return true
	case b.N < 10:
		return false
	case s.TitleTag != "" && strings.Contains(s.TitleTag, b.Text):
		return true
	}
	return b.N <= 250 && slugInURL(b.Text, s.URL)
}

// slugInURL reports whether the last step of a URL's path (the article's
// own, not its section's) holds the slug of the first words of text (at
// least four of them).
func slugInURL(text, rawURL string) bool {
	words := strings.FieldsFunc(vietnamese.FoldedQuick(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(words) < 4 {
		return false
	}
	path := rawURL
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	path = strings.TrimRight(path, "/")
	last := strings.ToLower(path[strings.LastIndex(path, "/")+1:])
	return strings.Contains(last, strings.Join(words[:min(len(words), 6)], "-"))
}

// bodyPath is the deepest element holding every long block of a page that
// is not the template: the article's container.
func bodyPath(blocks []Block, template map[uint64]bool) string {
	var common []string
	found := false
	for _, b := range blocks {
		if b.N < 80 || b.Link || template[b.Hash] {
			continue
		}
		segs := strings.Split(b.Path, ">")
		segs = segs[:len(segs)-1] // the block's container
		if !found {
			common, found = segs, true
			continue
		}
		k := 0
		for k < len(common) && k < len(segs) && common[k] == segs[k] {
			k++
		}
		common = common[:k]
	}
	return strings.Join(common, ">")
}

// Fits reports whether a page looks like the pages its profile was
// learned from: its body container holds long text and at least half of
// the template blocks (up to 20 of them) are there.
func (p *Profile) Fits(blocks []Block) bool {
	hashes := make(map[uint64]bool, len(blocks))
	bodyText := 0
	for _, b := range blocks {
		hashes[b.Hash] = true
		if inside(b.Path, p.Body) && !b.Link {
			bodyText += b.N
		}
	}
	want, have := 0, 0
	for _, h := range p.Template {
		if want == 20 {
			break
		}
		want++
		if hashes[h] {
			have++
		}
	}
	return bodyText >= 80 && (want == 0 || have*2 >= want)
}

// inside reports whether path is container or below it.
func inside(path, container string) bool {
	return container != "" && (path == container || strings.HasPrefix(path, container+">"))
}

// extractWithProfile extracts a page the way its site's profile says; ok
// is false when the page does not fit the profile.
func extractWithProfile(doc *goquery.Document, opts Options) (Article, bool) {
	p := opts.Profile
	blocks := observe(doc, true)
	if !p.Fits(blocks) {
		return Article{}, false
	}
	template := make(map[uint64]bool, len(p.Template))
	for _, h := range p.Template {
		template[h] = true
	}
	a := Article{Templated: true}
	used := map[int]bool{}
	field := func(l Loc) (Block, bool) {
		if l.IsZero() {
			return Block{}, false
		}
		for i, b := range blocks {
			if b.Path == l.Path && (!l.FromEnd && b.Ord == l.Ord || l.FromEnd && b.ROrd == l.Ord) {
				used[i] = true
				return b, true
			}
		}
		return Block{}, false
	}
	if b, ok := field(p.Title); ok && b.Text != "" {
		a.Title = b.Text
	}
	if b, ok := field(p.Date); ok {
		if t, ok := parseDateLine(b.Text); ok {
			a.PublishedAt = &t
		}
	}
	if b, ok := field(p.Views); ok && !p.ViewsTemplate {
		a.Views = findViews([]string{b.Text}, nil)
		if a.Views == nil && isCount(b.Text) {
			// The count alone, in a cell after its label's.
			if v, ok := facts.ParseNumber(b.Text); ok {
				n := int(v)
				a.Views = &n
			}
		}
	}
	if b, ok := field(p.Category); ok {
		if c := categoryIn(b.Text, a.Title); categoryLike(c) {
			a.Category = c
		} else if c := menuField(b.Text, linkTexts(blocks)); c != "" {
			a.Category = c
		}
	}
	byline, poster := "", ""
	if b, ok := field(p.Byline); ok {
		// A byline shares its line with other fields ("Chuyên mục: ... -
		// Tác giả: ..."), or the page's tools, or is the line, as
		// published.
		b.Text = cutTools(b.Text)
		m := metaFields(b.Text)
		if facts.ParseByline(m["poster"]) != nil {
			poster = m["poster"] // the uploader: the author when nothing else is
		}
		if len(m) > 1 && m["byline"] != "" {
			byline = m["byline"]
		} else if i := firstLabel(b.Text); i > 0 && m["byline"] != "" {
			// After the day, with its label: "12/03/2024 | Tin, ảnh: Thu
			// Hà", to the field's end.
			byline = strings.TrimSpace(b.Text[i:])
			if j := strings.Index(byline, m["byline"]); j >= 0 {
				byline = byline[:j+len(m["byline"])]
			}
		} else if isByline(b.Text) {
			byline = stackedBylines(blocks, b, used)
		} else if bb := bareByline(b.Text, a.Category); bb != "" {
			byline = bb
		} else if isSourceLine(b.Text) {
			byline = b.Text // a source credited without a person
		} else if rest, ok := afterDate(b.Text); ok && isSourceCredit(rest) {
			byline = rest // after the day: "12/03/2024 | Theo TTXVN"
		} else {
			// No byline there on this page: the block (a paragraph, one
			// closed by its byline) is the article's.
			for i, c := range blocks {
				if c.Path == b.Path && c.Ord == b.Ord {
					delete(used, i)
				}
			}
		}
	}
	if byline == "" {
		// No byline where the profile says (the page has it elsewhere, or
		// none): one labelled, or in its own block after the text.
		byline = looseByline(blocks, template, used, p.Body)
	}
	if byline == "" {
		// An element the markup names as the author's, as the generic
		// extractor reads it: inside a line of other fields ("<time>…</time>
		// <span class="author">Minh Anh</span>"), which no block is alone.
		if _, t, lines := authorElement(doc, findTeasers(doc, titleAncestors(titleHeading(doc, a.Title)))); t != "" {
			byline = t
			for i, b := range blocks {
				if b.Text == t || slices.Contains(lines, b.Text) {
					used[i] = true
				}
			}
		}
	}
	if byline == "" {
		byline = poster
	}
	// Lines of the body: the container's blocks that are neither a field,
	// the title repeated, nor a short run of links. The template's blocks
	// (the site's boilerplate) go at the container's edges; between two
	// paragraphs of the article they are its text ("Ảnh minh họa").
	type line struct {
		text, path string
		template   bool
	}
	var lines []line
	textPaths := map[string]bool{} // paths of the article's own blocks
	for i, b := range blocks {
		if used[i] || !inside(b.Path, p.Body) || b.Link || b.Text == a.Title || pathInComments(b.Path) {
			continue
		}
		if len(lines) == 0 && (isMetaLine(b.Text) && b.N <= 100 || b.Text == a.Category) {
			continue
		}
		lines = append(lines, line{b.Text, b.Path, template[b.Hash]})
		if !template[b.Hash] {
			textPaths[b.Path] = true
		}
	}
	for len(lines) > 0 && lines[0].template {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1].template {
		lines = lines[:len(lines)-1]
	}
	var texts []string
	for _, l := range lines {
		// A template block inside the text is the article's only where
		// its paragraphs are (a caption among them), not the CMS's own
		// info box ("Chi tiết", "Viết bởi ...").
		if l.template && !textPaths[l.path] {
			continue
		}
		texts = append(texts, l.text)
	}
	if byline == "" && len(texts) > 1 && isTopByline(texts[0]) {
		// A byline opening the text, none where the profile places it,
		// as the generic extractor reads it.
		var n int
		byline, n = topBylines(texts)
		texts = texts[n:]
	}
	if a.Title == "" || a.PublishedAt == nil || a.Category == "" {
		// A field the profile does not place comes from the generic
		// extractor, on the page without its template blocks.
		generic := opts
		generic.Profile = nil
		if g, err := extractDoc(doc, generic); err == nil {
			if a.Title == "" {
				a.Title = g.Title
			}
			if a.PublishedAt == nil && p.Date.IsZero() {
				a.PublishedAt = g.PublishedAt
			}
			if a.Category == "" && p.Category.IsZero() {
				a.Category = g.Category
			}
		}
	}
	a.PublishedAt = withTime(a.PublishedAt, structuredDate(doc))
	if a.PublishedAt == nil {
		a.PublishedAt = dateFromURL(opts.URL)
	}
	account := ""
	if p.Account != "" && (sameAuthors(byline, p.Account) || byline == "" && shows(blocks, p.Account)) {
		// The byline most pages share: the CMS's account, or the site's
		// one reporter, whose block is the template's. The page's own
		// byline first.
		account, byline = p.Account, ""
	}
	a.Body, a.Byline = finishBody(texts, byline)
	if a.Byline == "" {
		a.Byline = account
	}
	if a.Byline == "" {
		a.Byline = structuredAuthor(doc) // the page's metadata
	}
	return a, true
}

// isCount reports a text that is only a count ("404", "1.203").
func isCount(t string) bool {
	if t == "" || len(t) > 13 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; (c < '0' || c > '9') && (i == 0 || c != '.' && c != ',') {
			return false
		}
	}
	return true
}

// shows reports whether a block of the page carries text as it is.
func shows(blocks []Block, text string) bool {
	for _, b := range blocks {
		if strings.Contains(b.Text, text) {
			return true
		}
	}
	return false
}

// commonByline is the byline (by the names it credits) the generic
// extractor found on at least minPages of the samples and four in five:
// "" when there is none.
func commonByline(samples []Sample, minPages int) string {
	for i, s := range samples {
		if s.Byline == "" || facts.ParseByline(s.Byline) == nil {
			continue
		}
		same := 0
		for _, t := range samples[i:] {
			if sameAuthors(t.Byline, s.Byline) {
				same++
			}
		}
		if same >= minPages && same*5 >= len(samples)*4 {
			return s.Byline
		}
	}
	return ""
}

// sameAuthors says whether two bylines credit the same people, read as
// facts reads them, in any case; a byline crediting no one is no one's.
func sameAuthors(a, b string) bool {
	x, y := facts.ParseByline(a), facts.ParseByline(b)
	if len(x) == 0 || len(x) != len(y) {
		return false
	}
	for i := range x {
		if vietnamese.FoldedQuick(x[i].Name) != vietnamese.FoldedQuick(y[i].Name) {
			return false
		}
	}
	return true
}

// stackedBylines is the byline block b with the names stacked under it,
// each over its unit or position ("THU HƯƠNG" / "Bí thư Đảng ủy xã" /
// "LÊ HỒNG NHUNG" / "Phó Bí thư …": topBylines), whose blocks it marks
// used; b's text alone when no other name follows it so.
func stackedBylines(blocks []Block, b Block, used map[int]bool) string {
	var idx []int
	var texts []string
	for i := range blocks {
		if len(idx) == 0 && (blocks[i].Path != b.Path || blocks[i].Ord != b.Ord) || blocks[i].Text == "" {
			continue
		}
		idx, texts = append(idx, i), append(texts, blocks[i].Text)
		if len(texts) == 5 {
			break
		}
	}
	if len(texts) < 4 {
		return b.Text
	}
	t, n := topBylines(texts)
	if len(facts.ParseByline(t)) < 2 {
		return b.Text
	}
	for _, i := range idx[:n] {
		used[i] = true
	}
	return t
}

// looseByline is a byline outside the profile's place for it: a labelled
// block of its own ("Tác giả: Minh Anh", "Tin, ảnh: Thu Hà") or the first
// byline among the few blocks after the text, outside the body container
// (inside it, the body's own end is read by finishBody). Template blocks
// and the blocks of other fields do not count.
func looseByline(blocks []Block, template map[uint64]bool, used map[int]bool, body string) string {
	lastLong := -1
	for i, b := range blocks {
		if b.Text == "" || b.Link || template[b.Hash] || used[i] {
			continue
		}
		if b.N >= 80 {
			lastLong = i
			continue
		}
		if b.N <= facts.MaxBylineRunes && !inside(b.Path, body) && !pathInComments(b.Path) && facts.Labelled(b.Text) && isByline(b.Text) {
			return b.Text
		}
	}
	i := bylineAfter(blocks, lastLong, func(i int) bool { return blocks[i].Text == "" || used[i] },
		func(b Block) bool { return !template[b.Hash] && !inside(b.Path, body) && isByline(b.Text) })
	if i < 0 {
		return ""
	}
	return blocks[i].Text
}

// bylineAfter is the index of the first block accept takes among the
// three counted after block from (-1: none, or from is -1). Blocks the
// search passes over are not counted: sharing links and short meta lines
// (passedOverAfterText), links that are not a byline (a byline may link
// to the author's page), and those skip names.
func bylineAfter(blocks []Block, from int, skip func(int) bool, accept func(Block) bool) int {
	for i, k := from+1, 0; from >= 0 && i < len(blocks) && k < 3; i++ {
		b := blocks[i]
		if passedOverAfterText(b.Text) || b.Link && !isByline(b.Text) || skip != nil && skip(i) || pathInComments(b.Path) {
			continue
		}
		k++
		if accept(b) {
			return i
		}
	}
	return -1
}

// Describe is a profile in a few lines for people: where each field is
// and how sure learning is of it.
func (p Profile) Describe() string {
	var b strings.Builder
	b.WriteString("profile v" + strconv.Itoa(p.Version) + " of " + p.SourceID + ", learned " +
		p.LearnedAt.In(vietnamese.TimeZone).Format(time.RFC3339) + " from " + strconv.Itoa(p.Pages) + " pages\n")
	row := func(name string, l Loc, conf float64, note string) {
		where := "not found (generic extraction)"
		if !l.IsZero() {
			where = l.Path
			if l.FromEnd {
				where += " [last"
				if l.Ord > 0 {
					where += "-" + strconv.Itoa(l.Ord)
				}
				where += "]"
			} else {
				where += " [" + strconv.Itoa(l.Ord) + "]"
			}
		}
		b.WriteString("  " + name + ": " + where + "  (" + strconv.Itoa(int(conf*100+0.5)) + "% of the pages)" + note + "\n")
	}
	row("title", p.Title, p.Confidence["title"], "")
	row("published_at", p.Date, p.Confidence["published_at"], "")
	row("category", p.Category, p.Confidence["category"], "")
	note := ""
	if p.ViewsTemplate {
		note = "  the site's own counter, the same on every page: not the article's views"
	}
	row("views", p.Views, p.Confidence["views"], note)
	note = ""
	if p.Account != "" {
		note = "  the same byline on most pages, " + strconv.Quote(p.Account) + ": the site's account, read only where a page has no other"
	}
	row("byline", p.Byline, p.Confidence["byline"], note)
	b.WriteString("  body: " + p.Body + "  (" + strconv.Itoa(int(p.Confidence["body"]*100+0.5)) + "% of the pages)\n")
	b.WriteString("  template: " + strconv.Itoa(len(p.Template)) + " blocks the site shows on most pages\n")
	return b.String()
}
