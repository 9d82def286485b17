package portalsim

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Where a variant puts the date, category, view and byline line.
const (
	metaBeforeTitle = iota
	metaAfterTitle
	metaContentTop  // inside the content block, before the repeated title
	metaAfterRepeat // inside the content block, after the repeated title
	metaBottom      // after the content block
	metaPositions
)

// Where a variant puts the byline.
const (
	bylineLastPara = iota // the last paragraph of the content block (Hanoi's)
	bylineDiv             // its own element after the content block
	bylineMeta            // in the meta line
	bylineTop             // its own element before the content block, labelled
	bylineCell            // a right-aligned table cell after the content block
	bylinePositions
)

// Paragraph markup.
const (
	paraP = iota
	paraJustify
	paraDiv
	paraSpan
	paraBr // one element, paragraphs separated by <br /><br />
	paraStyles
)

// roles are the parts of a page a variant names, in drawing order.
var roles = []string{"page", "header", "menu", "crumb", "main", "side", "article", "title", "meta", "date", "views", "cat",
	"author", "content", "repeat", "lead", "byline", "related", "tools", "widget", "footer", "list", "pager"}

var vocab = map[string][]string{
	"page":    {"wrapper", "page", "site", "container", "main-wrapper", "layout", "body-wrap"},
	"header":  {"header", "top", "banner", "site-header", "head-top"},
	"menu":    {"menu", "nav", "main-menu", "navigation", "topmenu", "menu-top"},
	"crumb":   {"breadcrumb", "breadcrumbs", "path", "nav-path", "duong-dan", "crumbs"},
	"main":    {"main", "content-main", "col-main", "main-content", "left-col", "col-md-8", "colcontent"},
	"side":    {"sidebar", "right-col", "col-md-4", "aside", "colright", "box-right"},
	"article": {"news-detail", "article", "detail", "post", "chi-tiet", "item-detail", "detail-news", "newsdetail", "article-detail"},
	"title":   {"title", "news-title", "detail-title", "tieu-de", "post-title", "article-title", "title-news", "headline"},
	"meta":    {"meta", "info", "news-info", "date-view", "post-meta", "article-info", "thong-tin", "time-view", "sub-info"},
	"date":    {"date", "time", "news-date", "ngay-dang", "post-date", "publish-date", "created", "datetime"},
	"views":   {"views", "view-count", "luot-xem", "hits", "counter", "viewed"},
	"cat":     {"category", "cat", "chuyen-muc", "cate-name", "section", "label-cat"},
	"author":  {"author", "tac-gia", "writer", "poster"},
	"content": {"content", "news-content", "detail-content", "noi-dung", "post-content", "article-content", "body", "fulltext"},
	"repeat":  {"sub-title", "title-repeat", "inner-title", "head", "caption-title"},
	"lead":    {"sapo", "lead", "summary", "tom-tat", "intro", "description"},
	"byline":  {"author", "tac-gia", "byline", "signature", "news-author", "nguon-tin"},
	"related": {"related", "tin-lien-quan", "other-news", "tin-khac", "relate-news", "same-cat"},
	"tools":   {"tools", "share", "utility", "news-tools", "print-tools"},
	"widget":  {"widget", "box", "module", "block", "portlet", "panel"},
	"footer":  {"footer", "site-footer", "bottom", "footer-info", "copyright"},
	"list":    {"list-news", "news-list", "danh-sach", "list", "items", "category-list"},
	"pager":   {"pagination", "pager", "paging", "phan-trang", "pages"},
}

var prefixes = []string{"tt", "vn", "ds", "portal", "ctt", "site", "gov", "x", "mod", "ptl"}

var wrapClasses = []string{"row", "col-md-12", "inner", "box-content", "wrap", "clearfix", "panel-body", "col-xs-12", "container-fluid"}

var allWidgets = []string{"counter", "weather", "hot", "latest", "docs", "poll", "hotline", "exchange"}

// variant is one template of a family: what a rebuild changes.
type variant struct {
	gen          int
	cls, ids     map[string]string
	wraps        []string
	titleTag     string
	metaPos      int
	metaOrder    []string
	metaSep      string
	dateLabel    string // before a bare date: "Ngày đăng: "
	catLabel     string // before the category: "Chuyên mục: "
	viewsBottom  bool
	repeat       int // 0 none, 1 a heading, 2 a paragraph
	repeatTag    string
	bylinePos    int
	bylineStyle  int
	crumb        bool
	crumbTitle   bool
	crumbSep     string
	sidebar      int // 0 none, 1 left, 2 right
	widgets      []string
	headWidgets  []string
	paraStyle    int
	leadStyle    int // 0 a plain paragraph, 1 bold in the content, 2 its own block before the content
	titleFmt     int
	ogTitle      bool
	relatedDates bool
	relatedHead  string
	todayStyle   int // -1 none
	thousands    bool
	tables       bool
	weather      int
	visits       int
	online       int
	dayVisits    int
	usd          int
	poll         []int
	docs         []string
	posterLabel  string // before the CMS account that posted the article
	// bareMetaByline writes a byline in the meta line without a label,
	// between the date and the views ("12/03/2020 | Minh Anh | 120 lượt xem").
	bareMetaByline bool
	// bylineLate puts the byline's own element under the tags and the
	// sharing buttons.
	bylineLate bool
	// bylineLink links the byline to the author's page, as CMSs with
	// author profiles do.
	bylineLink bool
	// bylineLabel labels a byline in the meta line.
	bylineLabel string
	// bylineForm is how a tuning variant writes the byline besides its
	// position (bylineForms).
	bylineForm int
}

// Further ways tuning templates write a byline (variant.bylineForm).
const (
	formPlain   = iota
	formInline  // at the end of the last paragraph, in <strong>, in the same <p>
	formDated   // the last paragraph: the byline and the day ("Minh Anh | 12/03/2024")
	formRight   // a right-aligned <div> with <em><strong>, and a source credit under it
	formLabel   // label and name in their own spans, the label without a colon ("Tác giả Minh Anh")
	formCellKey // a table row: the label in one cell, the name in the next
	formBare    // its own element before the text, without a label
	formBox     // an author box under the list of related articles: a heading "Tác giả", the name under it
	formDouble  // the template's label before a byline that has its own ("Tác giả: T/h: Minh Anh"), in the meta line or before the text
	formFirst   // the first paragraph of the content block, in <em>, instead of an element before it
	bylineForms
)

// signature is what tells two variants apart.
func (v *variant) signature() string {
	keys := make([]string, 0, len(v.cls))
	for _, r := range roles {
		keys = append(keys, v.cls[r])
	}
	return fmt.Sprint(keys, v.wraps, v.titleTag, v.metaPos, v.metaOrder, v.repeat, v.bylinePos, v.crumb, v.sidebar, v.widgets, v.paraStyle, v.leadStyle, v.tables)
}

// newVariant draws variant g of the zoo's family; a rebuild (g > 0) never
// draws the same template as the variant before it.
func newVariant(z *zoo, g int) *variant {
	var prev string
	if g > 0 {
		prev = newVariant(z, g-1).signature()
	}
	for attempt := 0; ; attempt++ {
		v := drawVariant(z, g, attempt)
		if g == 0 || v.signature() != prev {
			return v
		}
	}
}

func camel(s string) string {
	var b strings.Builder
	up := false
	for _, r := range s {
		if r == '-' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func drawVariant(z *zoo, g, attempt int) *variant {
	f := z.fam
	r := zrand(z.seed, "variant", f.info.Name, z.unit.info.Slug, itoa(g), itoa(attempt))
	v := &variant{gen: g, cls: map[string]string{}, ids: map[string]string{}}
	style, pfx := r.IntN(6), pickR(r, prefixes)
	block := pickR(r, vocab["article"])
	for _, role := range roles {
		w := pickR(r, vocab[role])
		var name string
		switch style {
		case 0:
			name = w
		case 1:
			name = pfx + "-" + w
		case 2:
			name = block + "__" + w
			if role == "article" {
				name = block
			}
		case 3:
			name = camel(w)
		case 4:
			name = w + "-" + itoa(1+r.IntN(9))
		default:
			name = strings.ReplaceAll(w, "-", "_")
		}
		if sig := f.sig[role]; len(sig) > 0 && r.IntN(4) != 0 {
			name = pickR(r, sig)
			if r.IntN(3) == 0 {
				name += " " + w
			}
		}
		if r.IntN(12) == 0 && role != "content" && role != "title" {
			name = "" // some elements have no class
		}
		v.cls[role] = name
	}
	for range r.IntN(4) {
		v.wraps = append(v.wraps, pickR(r, wrapClasses))
	}
	v.titleTag = pickR(r, f.titleTags)
	v.metaPos = r.IntN(metaPositions)
	v.metaOrder = []string{"cat", "date", "views", "author"}
	r.Shuffle(len(v.metaOrder), func(i, j int) { v.metaOrder[i], v.metaOrder[j] = v.metaOrder[j], v.metaOrder[i] })
	if i := slices.Index(v.metaOrder, "views"); i >= 0 && f.viewsWithDate { // views follow the date on one line
		v.metaOrder = slices.Delete(v.metaOrder, i, i+1)
	}
	v.metaSep = pickR(r, []string{" | ", " - ", "  ", " / ", " • "})
	v.dateLabel = pickR(r, []string{"", "", "Ngày đăng: ", "Cập nhật: ", "Ngày: "})
	v.catLabel = pickR(r, []string{"", "", "Chuyên mục: ", "Danh mục: "})
	v.viewsBottom = !f.viewsWithDate && r.IntN(3) == 0
	v.repeat = r.IntN(3)
	v.repeatTag = pickR(r, []string{"h2", "h3", "h4", "strong"})
	v.bylinePos = r.IntN(3)
	v.bylineStyle = r.IntN(3)
	v.crumb = r.IntN(2) == 0
	v.crumbTitle = r.IntN(3) == 0
	v.crumbSep = pickR(r, []string{" » ", " > ", " / ", " › "})
	v.sidebar = r.IntN(3)
	ws := slices.Clone(allWidgets)
	r.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
	v.widgets = ws[:3+r.IntN(4)]
	if r.IntN(2) == 0 {
		v.headWidgets = []string{"weather"}
	}
	v.paraStyle = r.IntN(paraStyles - 1)
	if f.brParas && r.IntN(2) == 0 {
		v.paraStyle = paraBr
	}
	v.leadStyle = r.IntN(3)
	v.titleFmt = r.IntN(5)
	v.ogTitle = r.IntN(2) == 0
	v.relatedDates = r.IntN(4) != 0
	v.relatedHead = pickR(r, []string{"Tin liên quan", "Tin khác", "Các tin đã đưa", "Tin cùng chuyên mục", "Các tin khác"})
	v.todayStyle = r.IntN(4) - 1
	v.tables = f.tables && r.IntN(3) != 0
	v.weather = 18 + r.IntN(18)
	v.visits = 100_000 + r.IntN(9_000_000)
	v.online = 5 + r.IntN(300)
	v.dayVisits = 200 + r.IntN(5000)
	v.usd = 22_500 + r.IntN(3_000)
	a := 20 + r.IntN(50)
	b := r.IntN(100 - a)
	v.poll = []int{a, b, 100 - a - b}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, hcm)
	for range 4 {
		t := today.AddDate(0, 0, -r.IntN(400))
		v.docs = append(v.docs, fmt.Sprintf("%s số %d/%s ngày %s", pickR(r, []string{"Quyết định", "Kế hoạch", "Công văn", "Thông báo"}),
			10+r.IntN(4000), pickR(r, []string{"QĐ-UBND", "KH-UBND", "UBND-VP", "TB-UBND"}), t.Format("02/01/2006")))
	}
	switch f.ids {
	case "webforms":
		holder := pickR(r, []string{"ContentPlaceHolder1", "cphMain", "MainContent"})
		uc := pickR(r, []string{"ucNewsDetail", "ucChiTietTin", "NewsDetail1", "ctl00"})
		pre := "ctl00_" + holder + "_" + uc + "_"
		names := map[string][]string{"title": {"lblTitle", "lblTieuDe"}, "date": {"lblDate", "lblNgayDang"}, "content": {"divContent", "pnlNoiDung"},
			"views": {"lblView", "lblLuotXem"}, "byline": {"lblAuthor", "lblTacGia"}, "cat": {"lblCate", "hlCategory"}, "lead": {"lblSummary", "lblTomTat"}}
		for _, role := range []string{"title", "date", "content", "views", "byline", "cat", "lead"} {
			v.ids[role] = pre + pickR(r, names[role])
		}
	case "sharepoint":
		g := token(r, 8, "0123456789abcdef")
		v.ids["article"] = "ctl00_m_g_" + g + "_ctl00"
		v.ids["title"] = "ctl00_PlaceHolderMain_" + pickR(r, []string{"PostTitle", "lblTitle", "TitleField"})
		v.ids["content"] = "ctl00_m_g_" + g + "_ctl00_" + pickR(r, []string{"RichHtmlField", "Body", "PostBody"})
	case "dnn":
		v.ids["article"] = fmt.Sprintf("dnn_ctr%d_ViewEasyDNNNewsMain_ctl00_pnlViewArticle", z.site.module)
	}
	v.bylineLabel = "Tác giả: "
	basePos := v.bylinePos
	// Variation drawn apart, so the families drawn before it keep their
	// templates: the tuning families' further byline positions and the
	// label before the CMS account some templates show.
	if !f.info.Eval {
		w := zrand(z.seed, "variant-more", f.info.Name, z.unit.info.Slug, itoa(g), itoa(attempt))
		if w.IntN(3) == 0 {
			v.bylinePos = pickR(w, []int{bylineTop, bylineCell})
		}
		v.posterLabel = pickR(w, []string{"Tác giả: ", "Người đăng: ", "Đăng bởi: ", "Người cập nhật: "})
		v.bareMetaByline = w.IntN(2) == 0
		if w.IntN(3) == 0 {
			v.bylinePos = bylineDiv
			v.bylineLate = true
		}
		v.bylineLink = w.IntN(3) == 0
		v.bylineLabel = pickR(w, []string{"Tác giả: ", "Tác giả: ", "Đăng bởi: ", "Viết bởi ", "Người viết: ", "Bài: "})
		// Drawn apart again, so the variants above keep their templates.
		bf := zrand(z.seed, "variant-byline", f.info.Name, z.unit.info.Slug, itoa(g), itoa(attempt))
		v.bylineForm = bf.IntN(bylineForms)
		// A third of the tuning templates keep the plain byline every
		// family starts from (its position drawn above, labelled "Tác
		// giả: " in the meta line, neither linked nor dated), which the
		// variation above would otherwise leave to one template in a
		// hundred.
		if zrand(z.seed, "variant-plain", f.info.Name, z.unit.info.Slug, itoa(g), itoa(attempt)).IntN(3) == 0 {
			v.bylinePos, v.bylineForm, v.bylineLabel = basePos, formPlain, "Tác giả: "
			v.bareMetaByline, v.bylineLate, v.bylineLink, v.posterLabel = false, false, false, ""
		}
	}
	return v
}

// renderCtx renders one page with one variant; the caller holds p.site.
type renderCtx struct {
	p *Portal
	z *zoo
	v *variant
	b strings.Builder
}

func (rc *renderCtx) w(s ...string) {
	for _, x := range s {
		rc.b.WriteString(x)
	}
}

// attr is a role's class and id attributes.
func (rc *renderCtx) attr(role string) string {
	s := ""
	if c := rc.v.cls[role]; c != "" {
		s += ` class="` + esc(c) + `"`
	}
	if id := rc.v.ids[role]; id != "" {
		s += ` id="` + esc(id) + `"`
	}
	return s
}

func (rc *renderCtx) href(path string) string {
	if rc.z.fam.href != nil {
		path = rc.z.fam.href(path)
	}
	return esc(path)
}

func (rc *renderCtx) link(a *Article) string {
	return `<a href="` + rc.href(a.Path) + `">` + esc(a.Title) + `</a>`
}

func (rc *renderCtx) head(title string, page bool) {
	v, site := rc.v, rc.z.site
	t := site.siteName
	if page {
		switch v.titleFmt {
		case 0:
			t = title + " - " + site.siteName
		case 1:
			t = site.siteName + " - " + title
		case 2:
			t = title + " | " + site.siteName
		case 3:
			t = title
		}
	}
	rc.w(`<!DOCTYPE html>`+"\n"+`<html lang="vi"><head><meta charset="utf-8"><title>`, esc(t), "</title>")
	if v.ogTitle && page {
		rc.w(`<meta property="og:title" content="`, esc(title), `">`)
	}
	rc.w(`<meta name="viewport" content="width=device-width, initial-scale=1"></head>`, "\n<body>\n")
	if rc.z.fam.ids == "webforms" {
		h := hash64(title, itoa(v.gen))
		state := token(newRand(h, 1), 180, alnum+"+/")
		rc.w(`<form name="aspnetForm" method="post" id="aspnetForm"><div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK`,
			state, `" /><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEWAgL`, state[:40], `" /></div>`, "\n")
	}
}

func (rc *renderCtx) todayLine() string {
	t := rc.p.today
	switch rc.v.todayStyle {
	case 0:
		return todayLine(t)
	case 1:
		w, rest, _ := strings.Cut(weekdays[t.Weekday()], " ")
		if rest != "" {
			w += " " + capFirst(rest)
		}
		return w + ", ngày " + t.Format("02/01/2006")
	case 2:
		return "Hôm nay: " + t.Format("02/01/2006")
	}
	return ""
}

func (rc *renderCtx) header(en bool) {
	v, z := rc.v, rc.z
	rc.w(`<div`, rc.attr("page"), ">\n<div", rc.attr("header"), ">")
	if s := rc.todayLine(); s != "" {
		rc.w(`<span class="today">`, esc(s), `</span>`)
	}
	for _, wd := range v.headWidgets {
		rc.w(rc.widget(wd))
	}
	rc.w(`<div class="logo"><a href="/">`, esc(z.site.siteName), `</a></div><ul`, rc.attr("menu"), `><li><a href="/">`)
	if en {
		rc.w("Home")
	} else {
		rc.w("Trang chủ")
	}
	rc.w("</a></li>")
	for _, c := range z.cats {
		label := c.label
		if en {
			label = c.enLabel
		}
		rc.w(`<li><a href="`, rc.href(z.fam.listingPath(z, c, 1)), `">`, esc(label), "</a></li>")
	}
	if z.fam.ids == "webforms" { // one server form holds the page: no form of its own
		rc.w(`</ul><div class="search"><input name="ctl00$txtSearch" type="text"><input type="submit" name="ctl00$btnSearch" value="Tìm kiếm"></div>`)
	} else {
		rc.w(`</ul><form action="/tim-kiem"><input name="q" placeholder="Tìm kiếm"></form>`)
	}
	rc.w(` <a href="/admin/login">Đăng nhập</a></div>`, "\n")
}

// layout opens the columns; close ends them with the sidebar.
func (rc *renderCtx) layoutOpen() {
	v := rc.v
	if v.tables {
		rc.w(`<table width="100%" cellpadding="0" cellspacing="0"><tr>`)
		if v.sidebar == 1 {
			rc.w(`<td valign="top" width="260"`, rc.attr("side"), ">", rc.sidebar(), "</td>")
		}
		rc.w(`<td valign="top"`, rc.attr("main"), ">\n")
		return
	}
	if v.sidebar == 1 {
		rc.w(`<div`, rc.attr("side"), ">", rc.sidebar(), "</div>\n")
	}
	rc.w(`<div`, rc.attr("main"), ">\n")
}

func (rc *renderCtx) layoutClose() {
	v := rc.v
	if v.tables {
		rc.w("</td>")
		if v.sidebar == 2 {
			rc.w(`<td valign="top" width="260"`, rc.attr("side"), ">", rc.sidebar(), "</td>")
		}
		rc.w("</tr></table>\n")
		return
	}
	rc.w("</div>\n")
	if v.sidebar == 2 {
		rc.w(`<div`, rc.attr("side"), ">", rc.sidebar(), "</div>\n")
	}
}

func (rc *renderCtx) sidebar() string {
	var b strings.Builder
	for _, w := range rc.v.widgets {
		b.WriteString(rc.widget(w))
	}
	return b.String()
}

// widget renders a box full of numbers that are not the article's.
func (rc *renderCtx) widget(name string) string {
	v, z, p := rc.v, rc.z, rc.p
	open := `<div` + rc.attr("widget") + `>`
	switch name {
	case "counter":
		return open + `<h3>Thống kê truy cập</h3><p>Lượt truy cập: ` + vnInt(v.visits) + `</p><p>Đang online: ` + itoa(v.online) +
			`</p><p>Hôm nay: ` + vnInt(v.dayVisits) + "</p></div>"
	case "weather":
		return open + `<span class="weather">` + esc(z.unit.capital) + " " + itoa(v.weather) + `°C</span> <span>Độ ẩm: ` + itoa(55+v.weather) + "%</span></div>"
	case "hot":
		arts := slices.Clone(p.arts)
		slices.SortStableFunc(arts, func(a, b *Article) int { return b.Views - a.Views })
		s := open + `<h3>Tin xem nhiều</h3><ul>`
		for _, a := range arts[:min(5, len(arts))] {
			s += "<li>" + rc.link(a) + " <span>(" + vnInt(a.Views) + " lượt xem)</span></li>"
		}
		return s + "</ul></div>"
	case "latest":
		s := open + `<h3>Tin mới</h3><ul>`
		for _, a := range p.arts[:min(6, len(p.arts))] {
			s += "<li>" + rc.link(a)
			if a.HasDate {
				s += " <span>" + a.sortAt.Format("02/01/2006 15:04") + "</span>"
			}
			s += "</li>"
		}
		return s + "</ul></div>"
	case "docs":
		s := open + `<h3>Văn bản mới</h3><ul>`
		for _, d := range v.docs {
			s += "<li>" + esc(d) + "</li>"
		}
		return s + "</ul></div>"
	case "poll":
		return open + `<h3>Thăm dò ý kiến</h3><p>Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?</p><ul><li>Đẹp, dễ sử dụng (` +
			itoa(v.poll[0]) + `%)</li><li>Bình thường (` + itoa(v.poll[1]) + `%)</li><li>Khó sử dụng (` + itoa(v.poll[2]) + "%)</li></ul></div>"
	case "hotline":
		return open + `<p>Đường dây nóng: ` + esc(z.unit.phone) + `</p><p>Email: ` + esc(z.site.footer.email) + "</p></div>"
	case "exchange":
		return open + `<h3>Tỷ giá</h3><p>USD: ` + vnInt(v.usd) + " - " + vnInt(v.usd+310) + `</p><p>Vàng SJC: ` + vnInt(v.usd*3) + ".000</p></div>"
	}
	return ""
}

func (rc *renderCtx) footer() {
	z := rc.z
	f, u := z.site.footer, z.unit
	rc.w(`<div`, rc.attr("footer"), "><p>", esc(z.site.siteName), "</p><p>Cơ quan chủ quản: ", esc(f.owner), "</p><p>Địa chỉ: ", esc(u.address),
		"</p><p>Điện thoại: ", esc(u.phone), " - Fax: ", esc(f.fax), " - Email: ", esc(f.email), "</p><p>Giấy phép số ", esc(f.licence),
		" do Sở Thông tin và Truyền thông ", esc(u.info.Province), " cấp ngày ", f.licenceDate, "</p><p>Chịu trách nhiệm chính: ", esc(f.editor),
		" - ", esc(f.editorRole), `</p><p>Ghi rõ nguồn "`, esc(z.site.siteName), `" khi phát hành lại thông tin từ website này.</p></div>`, "\n</div>\n")
	if z.fam.ids == "webforms" {
		rc.w("</form>")
	}
	rc.w("</body></html>\n")
}

// isCaption tells a photo caption among the generator's paragraphs.
func isCaption(p string) bool { return strings.HasPrefix(p, "Ảnh") || strings.Contains(p, "(Ảnh:") }

// metaItem is one field of the meta line.
type metaItem struct {
	role, text string
	date       *Article // the date item carries the article for machine-readable times
}

// metaItems are the fields the meta line shows.
func (rc *renderCtx) metaItems(a *Article, x *zextra) map[string]metaItem {
	z, v := rc.z, rc.v
	items := map[string]metaItem{}
	if z.site.catShown && !v.crumb && a.Category != "" {
		items["cat"] = metaItem{role: "cat", text: v.catLabel + a.Category}
		if x.en && v.catLabel != "" {
			items["cat"] = metaItem{role: "cat", text: "Category: " + a.Category}
		}
	}
	views := z.viewsText(a, x)
	if a.HasDate {
		text := x.dateText
		if bareDate(z.site.dateFormat) && !x.en {
			text = v.dateLabel + text
		}
		if z.fam.viewsWithDate && views != "" {
			text += v.metaSep + views
			views = ""
		}
		items["date"] = metaItem{role: "date", text: text, date: a}
	}
	if views != "" && !v.viewsBottom {
		items["views"] = metaItem{role: "views", text: views}
	}
	if v.bylinePos == bylineMeta && a.Byline != "" {
		text := a.Byline
		if v.bylineForm == formDouble && !x.en && !strings.HasPrefix(text, "Tác giả") {
			text = "Tác giả: " + text
		} else if !strings.Contains(text, ":") && !(v.bareMetaByline && v.metaSep != " - " && z.fam.meta == "") {
			if x.en {
				text = "Author: " + text
			} else {
				text = v.bylineLabel + text
			}
		}
		items["author"] = metaItem{role: "author", text: text}
	} else if z.site.poster != "" && v.posterLabel != "" && z.fam.posterShown && !x.en {
		// The CMS account that posted the article, as some templates
		// show it: never the article's author.
		items["author"] = metaItem{role: "author", text: v.posterLabel + z.site.poster}
	}
	return items
}

func bareDate(format string) bool {
	switch format {
	case "timefirst", "dash", "paren", "nukeviet", "weekday-comma", "joomla", "wp-vi", "sharepoint":
		return true
	}
	return false
}

// bottomViews is the view counter when the variant puts it after the body.
func (rc *renderCtx) bottomViews(a *Article, x *zextra) string {
	z := rc.z
	if !rc.v.viewsBottom || !z.shownViews(a) {
		return ""
	}
	return `<div` + rc.attr("views") + ">" + esc(z.viewsText(a, x)) + "</div>\n"
}

// viewsText is the view counter as the page writes it; "" when it shows none.
func (z *zoo) viewsText(a *Article, x *zextra) string {
	if !z.shownViews(a) {
		return ""
	}
	n := a.Views
	if z.site.viewMode == viewsTemplate {
		n = z.site.templateViews
	}
	label := z.fam.viewsLabel
	if x.en {
		label = "View count: %s"
	}
	s := itoa(n)
	if z.site.thousands {
		s = vnInt(n)
	}
	return fmt.Sprintf(label, s)
}

// meta renders the meta line in the family's idiom.
func (rc *renderCtx) meta(a *Article, x *zextra) string {
	items := rc.metaItems(a, x)
	if len(items) == 0 && rc.z.fam.meta == "" {
		return ""
	}
	v, z := rc.v, rc.z
	var ordered []metaItem
	for _, k := range v.metaOrder {
		if it, ok := items[k]; ok {
			ordered = append(ordered, it)
		}
	}
	span := func(it metaItem, tag string) string {
		inner := esc(it.text)
		if it.date != nil && z.fam.machineDate {
			inner = `<time class="entry-date published" datetime="` + it.date.PublishedAt.Format(time.RFC3339) + `">` + inner + "</time>"
		}
		if it.date != nil && z.site.dateFormat == "drupal" && !x.en {
			return `<` + tag + rc.attr(it.role) + ` property="dc:date dc:created" content="` + it.date.PublishedAt.Format(time.RFC3339) +
				`" datatype="xsd:dateTime">` + inner + "</" + tag + ">"
		}
		return "<" + tag + rc.attr(it.role) + ">" + inner + "</" + tag + ">"
	}
	var b strings.Builder
	switch z.fam.meta {
	case "joomla":
		b.WriteString(`<dl` + rc.attr("meta") + `><dt class="article-info-term">Chi tiết</dt><dd class="createdby">Viết bởi ` + esc(z.site.poster) + "</dd>")
		for _, it := range ordered {
			b.WriteString(span(it, "dd"))
		}
		b.WriteString("</dl>\n")
	case "wordpress":
		b.WriteString(`<div` + rc.attr("meta") + ">")
		for _, it := range ordered {
			b.WriteString(span(it, "span") + " ")
		}
		b.WriteString(`<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/` + esc(z.site.poster) + `/">` +
			esc(z.site.poster) + "</a></span></span></div>\n")
	case "sharepoint":
		b.WriteString(`<table class="ms-formtable ` + esc(v.cls["meta"]) + `">`)
		for _, it := range ordered {
			b.WriteString(`<tr><td class="ms-formbody">` + span(it, "span") + "</td></tr>")
		}
		b.WriteString("</table>\n")
	case "nukeviet":
		b.WriteString(`<div class="row margin-bottom-lg"><div class="col-md-12">`)
		for _, it := range ordered {
			b.WriteString(span(it, "span") + " ")
		}
		b.WriteString(`</div><div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="Gửi bài viết qua email" href="javascript:void(0);">Email</a></li>` +
			`<li><a class="dimgray" rel="nofollow" title="In ra" href="javascript:void(0);">In</a></li></ul></div></div>` + "\n")
	case "dnn":
		b.WriteString(`<div class="edn_metaDetails">`)
		for _, it := range ordered {
			b.WriteString(span(it, "span") + " ")
		}
		b.WriteString("</div>\n")
	case "drupal":
		b.WriteString(`<div class="meta submitted">`)
		for _, it := range ordered {
			if it.role == "cat" {
				b.WriteString(`<div class="field field-name-field-chuyen-muc field-type-taxonomy-term-reference field-label-inline clearfix"><div class="field-items"><div class="field-item even">` +
					span(it, "span") + "</div></div></div>")
				continue
			}
			b.WriteString(span(it, "span") + " ")
		}
		b.WriteString("</div>\n")
	default:
		if len(ordered) == 0 {
			return ""
		}
		b.WriteString(`<div` + rc.attr("meta") + ">")
		for i, it := range ordered {
			if i > 0 {
				b.WriteString(esc(v.metaSep))
			}
			b.WriteString(span(it, "span"))
		}
		b.WriteString("</div>\n")
	}
	return b.String()
}

func (rc *renderCtx) crumb(a *Article, c *zcat, en bool) string {
	v, z := rc.v, rc.z
	home, label := "Trang chủ", c.label
	if en {
		home, label = "Home", c.enLabel
	}
	if a != nil && a.Category != "" {
		label = a.Category
	}
	s := `<div` + rc.attr("crumb") + `><a href="/">` + home + "</a>" + esc(v.crumbSep) + `<a href="` + rc.href(z.fam.listingPath(z, c, 1)) + `">` + esc(label) + "</a>"
	if a != nil && v.crumbTitle {
		s += esc(v.crumbSep) + "<span>" + esc(a.Title) + "</span>"
	}
	return s + "</div>\n"
}

// bylineHTML is the byline as the variant writes it: linked to the
// author's page on the templates that do.
func (rc *renderCtx) bylineHTML(a *Article) string {
	if rc.v.bylineLink {
		return `<a href="/tac-gia/` + asciiSlug(a.Byline) + `">` + esc(a.Byline) + "</a>"
	}
	return esc(a.Byline)
}

func (rc *renderCtx) byline(a *Article, x *zextra) string {
	switch rc.v.bylineForm {
	case formDated:
		if a.HasDate && !x.en {
			// The day the article went up, after the byline.
			return `<p style="text-align: right;"><em>` + rc.bylineHTML(a) + esc(pickR(newRand(uint64(a.id), 7), []string{" | ", " - ", " | ngày "})+
				a.PublishedAt.Format("02/01/2006")) + "</em></p>"
		}
	case formRight:
		s := `<div style="text-align: right;"><em><strong>` + rc.bylineHTML(a) + "</strong></em></div>"
		if b := a.Byline; !strings.HasPrefix(b, "Nguồn") && !strings.HasPrefix(b, "Theo") && !strings.HasPrefix(b, "(Theo") && a.id%2 == 0 && !x.en {
			// A source credited under the byline.
			s += `<p style="text-align: right;"><em>(Nguồn: Báo ` + esc(rc.z.unit.info.Province) + `)</em></p>`
		}
		return s
	}
	switch rc.v.bylineStyle {
	case 0:
		return `<p style="text-align: right;"><strong>` + rc.bylineHTML(a) + "</strong></p>"
	case 1:
		return `<p align="right"><b><em>` + rc.bylineHTML(a) + "</em></b></p>"
	}
	return `<p class="text-right"><strong>` + rc.bylineHTML(a) + "</strong></p>"
}

func (rc *renderCtx) para(p string, lead bool) string {
	v := rc.v
	if isCaption(p) {
		return `<p style="text-align: center;"><img src="/images/tin/` + itoa(int(hash64(p)%9000)+1000) + `.jpg" alt=""></p><p style="text-align: center;"><em>` + esc(p) + "</em></p>"
	}
	if lead && v.leadStyle == 1 {
		return `<p` + rc.attr("lead") + "><strong>" + esc(p) + "</strong></p>"
	}
	switch v.paraStyle {
	case paraJustify:
		return `<p style="text-align: justify;">` + esc(p) + "</p>"
	case paraDiv:
		return "<div>" + esc(p) + "</div>"
	case paraSpan:
		return `<p><span style="font-family: Arial; font-size: 14px;">` + esc(p) + "</span></p>"
	}
	return "<p>" + esc(p) + "</p>"
}

// article renders an article page.
func (rc *renderCtx) article(a *Article) string {
	z, v, p := rc.z, rc.v, rc.p
	x := z.extraFor(a)
	c := z.cat(a.catSlug)
	rc.head(a.Title, true)
	rc.header(x.en)
	if v.crumb && z.site.catShown {
		rc.w(rc.crumb(a, c, x.en))
	}
	rc.layoutOpen()
	for _, w := range v.wraps {
		rc.w(`<div class="`, w, `">`)
	}
	rc.w("<div", rc.attr("article"), ">\n")
	if z.fam.ids == "dnn" {
		rc.w(fmt.Sprintf(`<div class="DnnModule DnnModule-EasyDNNnews DnnModule-%d"><a name="%d"></a><div id="dnn_ctr%d_ContentPane"><div id="dnn_ctr%d_ModuleContent" class="DNNModuleContent ModEasyDNNnewsC">`,
			z.site.module, z.site.module, z.site.module, z.site.module), "\n")
	}
	meta := rc.meta(a, x)
	if v.metaPos == metaBeforeTitle {
		rc.w(meta)
	}
	rc.w("<", v.titleTag, rc.attr("title"), ">", esc(a.Title), "</", v.titleTag, ">\n")
	if v.metaPos == metaAfterTitle {
		rc.w(meta)
	}
	paras := a.Paragraphs
	if v.leadStyle == 2 && len(paras) > 1 && !isCaption(paras[0]) {
		rc.w("<div", rc.attr("lead"), ">", esc(paras[0]), "</div>\n")
		paras = paras[1:]
	}
	if v.bylinePos == bylineTop && a.Byline != "" && v.bylineForm != formFirst {
		text := a.Byline
		switch {
		case !strings.Contains(text, ":") && v.bylineForm == formLabel && !x.en:
			rc.w("<div", rc.attr("byline"), `><span class="label">Tác giả</span> <span class="value">`, rc.bylineHTML(a), "</span></div>\n")
		case v.bylineForm == formBare:
			rc.w("<div", rc.attr("byline"), "><strong>", rc.bylineHTML(a), "</strong></div>\n")
		default:
			if !strings.Contains(text, ":") || v.bylineForm == formDouble && !x.en && !strings.HasPrefix(text, "Tác giả") {
				text = "Tác giả: " + text
				if x.en {
					text = "Author: " + a.Byline
				}
			}
			rc.w("<div", rc.attr("byline"), ">", esc(text), "</div>\n")
		}
	}
	rc.w("<div", rc.attr("content"), ">\n")
	if v.metaPos == metaContentTop {
		rc.w(meta)
	}
	br := v.paraStyle == paraBr
	switch v.repeat {
	case 1:
		if v.repeatTag == "strong" {
			rc.w("<p", rc.attr("repeat"), "><strong>", esc(a.Title), "</strong></p>\n")
		} else {
			rc.w("<", v.repeatTag, rc.attr("repeat"), ">", esc(a.Title), "</", v.repeatTag, ">\n")
		}
	case 2:
		if br {
			rc.w("<div>", esc(a.Title), "</div>\n")
		} else {
			rc.w("<p>", esc(a.Title), "</p>\n")
		}
	}
	if v.metaPos == metaAfterRepeat {
		rc.w(meta)
	}
	if v.bylinePos == bylineTop && a.Byline != "" && v.bylineForm == formFirst {
		// The byline opens the text.
		rc.w(`<p><em>`, rc.bylineHTML(a), "</em></p>\n")
	}
	if br {
		rc.w("<div>")
		for i, para := range paras {
			if i > 0 {
				rc.w("<br /><br />")
			}
			if isCaption(para) {
				rc.w("<em>", esc(para), "</em>")
			} else {
				rc.w(esc(para))
			}
		}
		if v.bylinePos == bylineLastPara && a.Byline != "" {
			rc.w("<br /><br /><b>", rc.bylineHTML(a), "</b>")
		}
		rc.w("</div>\n")
	} else {
		inline := v.bylinePos == bylineLastPara && a.Byline != "" && v.bylineForm == formInline && len(paras) > 1 &&
			!isCaption(paras[len(paras)-1]) && strings.HasSuffix(paras[len(paras)-1], ".")
		for i, para := range paras {
			if inline && i == len(paras)-1 {
				// The byline closes the last paragraph.
				rc.w("<p>", esc(para), " <strong>", rc.bylineHTML(a), "</strong></p>\n")
				continue
			}
			rc.w(rc.para(para, i == 0 && len(paras) == len(a.Paragraphs)), "\n")
		}
		if v.bylinePos == bylineLastPara && a.Byline != "" && !inline {
			rc.w(rc.byline(a, x), "\n")
		}
	}
	rc.w("</div>\n")
	switch {
	case v.bylinePos == bylineDiv && a.Byline != "" && !v.bylineLate && v.bylineForm != formBox:
		rc.w("<div", rc.attr("byline"), ">", rc.bylineHTML(a), "</div>\n")
	case v.bylinePos == bylineCell && a.Byline != "" && v.bylineForm == formCellKey && !strings.Contains(a.Byline, ":") && !x.en:
		rc.w(`<table class="tbl-info"><tr><td class="key">Tác giả:</td><td class="value"><b>`, rc.bylineHTML(a), "</b></td></tr></table>\n")
	case v.bylinePos == bylineCell && a.Byline != "":
		rc.w(`<table width="100%"><tr><td align="right"><b>`, rc.bylineHTML(a), "</b></td></tr></table>\n")
	}
	if v.metaPos == metaBottom {
		rc.w(meta)
	}
	rc.w(rc.bottomViews(a, x))
	rc.w(rc.cmsNoise(a, c, x))
	rc.w(`<div`, rc.attr("tools"), `><a href="javascript:window.print()">In bài viết</a> | <a href="mailto:?subject=`, esc(a.Title), `">Gửi email</a></div>`, "\n")
	if v.bylinePos == bylineDiv && a.Byline != "" && v.bylineLate {
		// The byline under the tags and the sharing buttons.
		rc.w(`<div class="tags">Từ khóa: <a href="/tag/`, esc(c.slug), `">`, esc(c.label), `</a>, <a href="/tag/`, esc(asciiSlug(z.unit.info.Name)), `">`,
			esc(z.unit.info.Name), "</a></div>\n", `<div class="share"><a href="#">Chia sẻ</a> <a href="#">Facebook</a> <a href="#">Zalo</a></div>`, "\n")
		rc.w("<div", rc.attr("byline"), ">", rc.bylineHTML(a), "</div>\n")
	}
	if rel := related(a, p.inCategory(a.catSlug)); len(rel) > 0 {
		head := v.relatedHead
		if x.en {
			head = "Related news"
		}
		rc.w("<div", rc.attr("related"), "><h3>", head, "</h3><ul>")
		for _, r := range rel {
			rc.w("<li>", rc.link(r))
			if v.relatedDates && r.HasDate {
				rc.w(" <span>(", r.sortAt.Format("02/01/2006"), ")</span>")
			}
			rc.w("</li>")
		}
		rc.w("</ul></div>\n")
	}
	if v.bylinePos == bylineDiv && a.Byline != "" && !v.bylineLate && v.bylineForm == formBox {
		// The author box under the related articles.
		label := "Tác giả"
		if x.en {
			label = "Author"
		}
		rc.w("<div", rc.attr("byline"), "><h4>", label, "</h4><p>", rc.bylineHTML(a), "</p></div>\n")
	}
	if z.fam.ids == "dnn" {
		rc.w("</div></div></div>\n")
	}
	rc.w("</div>")
	for range v.wraps {
		rc.w("</div>")
	}
	rc.w("\n")
	rc.layoutClose()
	rc.footer()
	return rc.b.String()
}

// cmsNoise is what the CMS writes around an article besides its fields.
func (rc *renderCtx) cmsNoise(a *Article, c *zcat, x *zextra) string {
	z := rc.z
	h := hash64(a.Title, "noise")
	switch z.fam.info.Name {
	case FamilyNukeViet:
		votes := int(h % 40)
		return `<div class="news_column panel panel-default"><div class="panel-body"><form id="form3B"><div class="h5 clearfix"><p>Tổng số điểm của bài viết là: ` +
			itoa(votes*4) + " trong " + itoa(votes) + ` đánh giá</p><span>Click để đánh giá bài viết</span></div></form></div></div>` + "\n"
	case FamilyWordPress:
		s := `<footer class="entry-footer">`
		if z.site.catShown && rc.v.crumb {
			s += `<span class="cat-links">Chuyên mục: <a href="` + rc.href(z.fam.listingPath(z, c, 1)) + `" rel="category tag">` + esc(a.Category) + "</a></span> "
		}
		return s + `<span class="comments-link"><a href="#respond">Để lại bình luận</a></span></footer>` + "\n"
	case FamilyJoomla:
		return `<ul class="pager pagenav"><li class="previous"><a href="#" rel="prev">&laquo; Trước</a></li><li class="next"><a href="#" rel="next">Tiếp &raquo;</a></li></ul>` + "\n"
	case FamilyDrupal:
		return `<ul class="links inline"><li class="comment_forbidden first last"><span><a href="/user/login">Đăng nhập</a> để gửi ý kiến</span></li></ul>` + "\n"
	case FamilySharePoint:
		return `<div class="ms-PostFooter"><a href="#">Liên kết cố định</a> | <a href="#">Email</a></div>` + "\n"
	case FamilyEGov:
		return `<div class="taglib-ratings"><span>Đánh giá bài viết: ` + itoa(int(h%5)+1) + "/5 (" + itoa(int(h%60)) + " phiếu)</span></div>\n"
	}
	return ""
}

// home renders the home page: the newest articles and a block per category.
func (rc *renderCtx) home() string {
	z, p := rc.z, rc.p
	rc.head("Trang chủ", false)
	rc.header(false)
	rc.layoutOpen()
	rc.w(`<div`, rc.attr("list"), `><h2>Tin mới nhất</h2><ul>`)
	for _, a := range p.arts[:min(8, len(p.arts))] {
		rc.w("<li>", rc.link(a))
		if a.HasDate {
			rc.w(" <span>", a.sortAt.Format("02/01/2006"), "</span>")
		}
		rc.w("</li>")
	}
	rc.w("</ul></div>\n")
	for _, c := range z.cats {
		rc.w(`<div`, rc.attr("widget"), `><h2><a href="`, rc.href(z.fam.listingPath(z, c, 1)), `">`, esc(c.label), "</a></h2><ul>")
		arts := p.inCategory(c.key)
		for _, a := range arts[:min(3, len(arts))] {
			rc.w("<li>", rc.link(a), "</li>")
		}
		rc.w("</ul></div>\n")
	}
	rc.layoutClose()
	rc.footer()
	return rc.b.String()
}

// listing renders page n of a category's listing.
func (rc *renderCtx) listing(c *zcat, arts []*Article, n, total int) string {
	z, v, p := rc.z, rc.v, rc.p
	size := p.cfg.PageSize
	rc.head(c.label, true)
	rc.header(false)
	rc.w(rc.crumb(nil, c, false))
	rc.layoutOpen()
	rc.w(`<div`, rc.attr("list"), "><h1>", esc(c.label), "</h1>\n")
	for _, a := range arts[(n-1)*size : min(n*size, len(arts))] {
		rc.w(`<div class="item"><h3>`, rc.link(a), "</h3>")
		if a.HasDate {
			rc.w(`<span class="date">`, a.sortAt.Format("02/01/2006"), "</span>")
		}
		if len(a.Paragraphs) > 0 {
			s := []rune(a.Paragraphs[0])
			rc.w("<p>", esc(string(s[:min(140, len(s))])), "...</p>")
		}
		rc.w("</div>\n")
	}
	rc.w(`<div`, rc.attr("pager"), fmt.Sprintf("><span>Trang %d/%d</span>", n, total))
	link := func(i int) string { return rc.href(z.fam.listingPath(z, c, i)) }
	if n > 1 {
		rc.w(` <a href="`, link(n-1), `">Trang trước</a>`)
	}
	for i := 1; i <= total; i++ {
		switch {
		case i == n:
			rc.w(fmt.Sprintf(` <span class="current">%d</span>`, i))
		case z.fam.ids == "webforms" && v.gen%2 == 0 && i != n+1:
			rc.w(fmt.Sprintf(` <a href="javascript:__doPostBack('ctl00$ContentPlaceHolder1$rptPager$ctl%02d$lnkPage','')">%d</a>`, i, i))
		default:
			rc.w(fmt.Sprintf(` <a href="%s">%d</a>`, link(i), i))
		}
	}
	if n < total {
		rc.w(` <a href="`, link(n+1), `">Trang sau</a>`)
	}
	rc.w("</div></div>\n")
	rc.layoutClose()
	rc.footer()
	return rc.b.String()
}

func (rc *renderCtx) notFound() string {
	rc.head("Không tìm thấy trang", false)
	rc.header(false)
	rc.w("<h1>Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p>\n")
	rc.footer()
	return rc.b.String()
}
