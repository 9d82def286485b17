package page

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dra-archive/dra/facts"
)

// Article pages of DotNetNuke portals, as the modules DNN sites publish
// news with write them: EasyDNNnews's article details template (English
// and Vietnamese-localized), the Vietnamese EasyDNNnews skins
// (edn_articleDetails, edn_metaDetails1, Detail_Summary, main_content),
// DNN's own HTML module (a Telerik RadEditor text in
// div#dnn_ctrNNN_HtmlModule_lblContent.Normal), the News Articles module
// (Ventrian's Default table template and Standard template) and the DNN
// Blog module. Each style is one site; its 20 pages vary the text, the
// date, the view count and the byline's form. The truth is what
// dnnPage writes, never what an extractor reads.
//
// The styles after blog-byline probe where else DNN pages put the
// byline and what they put around it: DNN's own page head (MetaAuthor
// holds the portal's name, never a writer), RadEditor texts that end the
// last paragraph with the byline after a <br />, bylines in a label and a
// value cell, in right-aligned divs of nested spans with &nbsp;, in old
// <font> texts laid out in a table; bylines followed by a source line,
// attached documents, a list of other articles with their dates, a
// comment form, readers' comments under their names, a print/e-mail/share
// toolbar; "Bài:" and "Ảnh:" credits on two lines; the author in a custom
// news module's ASP.NET label beside the container's print action, in a
// header table of label and value cells, in a second module (under the
// text, or in another pane), beside the date at the top of the text or in
// the header ("Cập nhật lúc ... - Tác giả: ..."). Each comment says what
// real markup the style models.

var dnnNames = []string{"Minh Anh", "Nguyễn Thu Hà", "Trần Văn Bình", "Lê Hồng Nhung", "Phạm Quốc Toàn", "Hoàng Thị Mai",
	"Đỗ Văn Hùng", "Vũ Thanh Tâm", "Bùi Ngọc Lan", "Đặng Minh Quân", "Thu Hương"}
var dnnUnits = []string{"Trung tâm VH-TT huyện", "Ban Tuyên giáo Huyện ủy", "Phòng Văn hóa và Thông tin huyện"}

var dnnParas = []string{
	"Tổng thu ngân sách nhà nước trên địa bàn huyện đến nay ước đạt %d tỷ đồng, bằng 41%% dự toán tỉnh giao, tăng 9%% so với cùng kỳ năm trước.",
	"Toàn huyện đã giải ngân %d tỷ đồng vốn đầu tư công, tập trung cho các công trình giao thông nông thôn, trường học và trạm y tế xã.",
	"Bộ phận một cửa của huyện và các xã, thị trấn đã tiếp nhận %d hồ sơ thủ tục hành chính, trong đó 98%% hồ sơ được giải quyết trước và đúng hạn.",
	"Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa tiếp tục được duy trì, có %d gia đình được công nhận danh hiệu gia đình văn hóa năm nay.",
	"Công tác phòng, chống dịch bệnh trên đàn gia súc, gia cầm được triển khai quyết liệt, %d nghìn liều vắc-xin đã được tiêm phòng đợt một.",
}

var dnnMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// dnnFree is a byline an editor typed (the text's last line, a field of
// its own): every form bylines take on district portals, cycling over
// 12 pages so that pages 8-19 hold each form once. The names are the
// people it credits.
func dnnFree(i int) (string, []string) {
	name := dnnNames[i%len(dnnNames)]
	other := dnnNames[(i+4)%len(dnnNames)]
	unit := dnnUnits[i%len(dnnUnits)]
	if form := i % 12; form != 0 {
		return signed(form, name, other, unit)
	}
	if (i/12)%2 == 1 {
		return "ThS. Nguyễn Văn Hùng", []string{"Nguyễn Văn Hùng"}
	}
	return name, []string{name}
}

// dnnField is a byline that follows a label of its own ("Người viết:",
// "Tin, ảnh:"): the free forms without a label of their own.
func dnnField(i int) (string, []string) {
	name := dnnNames[i%len(dnnNames)]
	switch i % 12 {
	case 4:
		return "ThS. " + name, []string{name}
	case 9:
		return "Theo Báo Hà Nội Mới", nil
	}
	return dnnFree(i)
}

// dnnAccount is the display name of the CMS account an article was
// posted with, when the site gives each writer an account.
func dnnAccount(i int) (string, []string) {
	name := dnnNames[i%len(dnnNames)]
	switch i % 4 {
	case 1:
		return strings.ToUpper(name), []string{name}
	case 2:
		return "ThS. " + name, []string{name}
	case 3:
		return name + " - " + dnnUnits[i%len(dnnUnits)], []string{name}
	}
	return name, []string{name}
}

// dnnNamesOnly is a credit's names after a label the markup sets apart
// ("Tin, ảnh:" in a bold span): one name or two, any case.
func dnnNamesOnly(i int) (string, []string) {
	// signed's forms: a name, capitals, two names by a hyphen, a comma, "và".
	form := []int{0, 3, 6, 7, 8}[i%5]
	return signed(form, dnnNames[i%len(dnnNames)], dnnNames[(i+4)%len(dnnNames)], "")
}

// dnnSkin is the DNN skin around the content pane: the header with the
// menu and DNN's current-date skin object, a left pane with an HTML
// module of links and a list of latest articles, the footer.
func dnnSkin(title, content string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi-VN"><head><meta charset="utf-8"><title>` + title + ` - Cổng thông tin điện tử huyện</title></head><body><form method="post" action="/tin-tuc" id="Form">`)
	b.WriteString(`<div id="dnn_HeaderPane"><div class="logo"><a href="/"><img src="/Portals/0/logo.png" alt="Cổng thông tin điện tử huyện"></a></div>` +
		`<ul id="dnn_dnnNAV_ctldnnNAV" class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản</a></li></ul>` +
		`<span id="dnn_dnnCURRENTDATE_lblDate" class="DateToken">Thứ Sáu, 06/12/2026</span></div>`)
	b.WriteString(`<div id="dnn_LeftPane"><div class="DnnModule DnnModule-DNN_HTML DnnModule-401"><a name="401"></a><div class="DNNContainer_Title"><h2><span id="dnn_ctr401_dnnTITLE_titleLabel" class="Head">Liên kết</span></h2>` +
		`<div id="dnn_ctr401_ContentPane"><div id="dnn_ctr401_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr401_HtmlModule_lblContent" class="Normal"><p><a href="/lich-cong-tac">Lịch công tác</a></p><p><a href="/thu-tuc-hanh-chinh">Thủ tục hành chính</a></p></div></div></div></div></div>` +
		`<div class="DnnModule DnnModule-EasyDNNnews DnnModule-402"><div class="DNNContainer_Title"><h2><span id="dnn_ctr402_dnnTITLE_titleLabel" class="Head">Tin mới</span></h2><div id="dnn_ctr402_ContentPane"><div id="dnn_ctr402_ViewEasyDNNNewsMain_ctl00_pnlListArticles">` +
		`<div class="edn_article"><h2 class="edn_articleTitle"><a href="/tin-tuc/x1">Hội nghị tổng kết công tác năm 2023 (12/01/2024)</a></h2></div>` +
		`<div class="edn_article"><h2 class="edn_articleTitle"><a href="/tin-tuc/x2">Huyện tổ chức lễ ra quân huấn luyện năm 2024 (05/01/2024)</a></h2></div></div></div></div></div></div>`)
	b.WriteString(`<div id="dnn_ContentPane">` + content + `</div>`)
	b.WriteString(`<div id="dnn_FooterPane"><p>Cơ quan chủ quản: Ủy ban nhân dân huyện. Địa chỉ: số 1 đường Trần Phú, thị trấn. Điện thoại: 0239.3855.123.</p>` +
		`<span id="dnn_dnnCOPYRIGHT_lblCopyright" class="SkinObject">Copyright 2024 by UBND huyện</span></div></form></body></html>`)
	return b.String()
}

// dnnModule is a DNN module's container: the module's div, its anchor,
// the container, the content pane, the module's content.
func dnnModule(kind string, mid int, inner string) string {
	return fmt.Sprintf(`<div class="DnnModule DnnModule-%s DnnModule-%d"><a name="%d"></a><div class="DNNContainer_noTitle"><div id="dnn_ctr%d_ContentPane"><!-- Start_Module_%d -->`+
		`<div id="dnn_ctr%d_ModuleContent" class="DNNModuleContent Mod%sC">%s</div><!-- End_Module_%d --></div><div class="clear"></div></div></div>`,
		kind, mid, mid, mid, mid, mid, kind, inner, mid)
}

// ednDetails wraps an EasyDNNnews article view.
func ednDetails(inner string) string {
	return dnnModule("EasyDNNnews", 1094, `<div id="EDN_NewsOne" class="news eds_subCollection_news eds_news_NewsOne eds_template_Details_Article_Default eds_templateGroup_newsDetailsDefault eds_styleSwitchCriteria_portalSettingsSource">`+
		`<div id="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_pnlViewArticle">`+inner+`</div></div>`)
}

// htmlModule is DNN's HTML module: the container's title label and the
// RadEditor text in div.Normal.
func htmlModule(mid int, head, inner string) string {
	return fmt.Sprintf(`<div class="DnnModule DnnModule-DNN_HTML DnnModule-%d"><a name="%d"></a><div class="DNNContainer_Title"><h2 class="c_title"><span id="dnn_ctr%d_dnnTITLE_titleLabel" class="Head">%s</span></h2>`+
		`<div id="dnn_ctr%d_ContentPane"><!-- Start_Module_%d --><div id="dnn_ctr%d_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr%d_HtmlModule_lblContent" class="Normal">%s</div></div><!-- End_Module_%d --></div></div></div>`,
		mid, mid, mid, head, mid, mid, mid, mid, inner, mid)
}

func dnnPage(style string, i int) (page string, authors []string, body string) {
	title := fmt.Sprintf("Huyện triển khai nhiệm vụ trọng tâm tháng %d năm 202%d, đợt %d", i%12+1, i%5, i)
	var paras []string
	for k := 0; k < 3+i%2; k++ {
		paras = append(paras, fmt.Sprintf(dnnParas[(i+k)%len(dnnParas)], 100+i*7+k))
	}
	lead := fmt.Sprintf("Chiều ngày %d/3, Ủy ban nhân dân huyện tổ chức hội nghị giao ban đánh giá kết quả thực hiện nhiệm vụ với %d đại biểu tham dự.", i%27+1, 40+i)
	day, hh, mm := i%27+1, 7+i%10, i*7%60
	dmy := fmt.Sprintf("%02d/03/2024", day)
	views := 300 + i*13
	joined := func(w func(string) string) string { return wrapEach(paras, w) }
	withLead := strings.Join(append([]string{lead}, paras...), "\n\n")
	onlyParas := strings.Join(paras, "\n\n")
	tags := `<div class="box_list_container">Tags: <a href="/tin-tuc/tag/ngan-sach">ngân sách</a>, <a href="/tin-tuc/tag/dau-tu-cong">đầu tư công</a></div>`
	// EasyDNNnews's article details template (Details_Article_Default):
	// the meta line under the title, the text in main_content, the views
	// and comments under it, then the tags.
	ednEN := func(meta, content string) string {
		return ednDetails(`<div class="article details"><div class="article_image left_image" style="display:none;"></div><h1>` + title + `</h1><h2 class="edn_subTitle"></h2>` +
			`<div class="meta_text no_margin">` + meta + `</div><div class="clear_content"></div><div class="main_content">` + content + `<div class="clear_content"></div></div>` +
			fmt.Sprintf(`<p class="meta_text eds_viewsComments">Number of views (%d)<span class="separator">/</span>Comments (0)</p>`, views) + tags +
			`<div id="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_upPanelComments"></div></div>`)
	}
	ednVN := func(meta, content, after string) string {
		return ednDetails(`<div class="article details"><h1>` + title + `</h1><h2 class="edn_subTitle"></h2>` +
			`<div class="meta_text no_margin">` + meta + `</div><div class="clear_content"></div><div class="main_content">` + content + `<div class="clear_content"></div></div>` +
			fmt.Sprintf(`<p class="meta_text eds_viewsComments">Số lượt xem (%d)<span class="separator">/</span>Bình luận (0)</p>`, views) +
			`<div class="box_list_container">Từ khóa: <a href="/tin-tuc/tag/ngan-sach">ngân sách</a>, <a href="/tin-tuc/tag/dau-tu-cong">đầu tư công</a></div>` + after + `</div>`)
	}
	enDate := fmt.Sprintf("March %d, 2024", day)
	enCat := `Categories: <a href="/tin-tuc/category/kinh-te">Kinh tế</a>`
	sep := `<span class="separator">/</span>`
	// The Vietnamese EasyDNNnews skins: the breadcrumb, the title in a
	// div, the date line, the lead in Detail_Summary, main_content.
	vnEDN := func(meta, summary, content string) string {
		return `<div class="eds_breadCrumbs"><span itemprop="itemListElement"><a href="/tin-tuc"><span>Tin tức</span></a></span> » <span itemprop="itemListElement"><a href="/tin-tuc/kinh-te"><span>Kinh tế</span></a></span></div>` +
			ednDetails(`<article class="edn_article edn_articleDetails"><div class="edn_articleTitle">`+title+`</div>`+
				`<div class="edn_metaDetails1">`+meta+`</div><div class="Detail_Summary">`+summary+`</div><div class="main_content">`+content+`</div></article>`+
				`<div class="edn_relatedArticles"><h3 class="edn_relatedTitle">Tin cùng chuyên mục</h3><ul><li><a href="/tin-tuc/x3">Huyện ra quân tổng vệ sinh môi trường (02/03/2024)</a></li><li><a href="/tin-tuc/x4">Hội nghị triển khai nhiệm vụ năm 2024 (15/01/2024)</a></li></ul></div>`)
	}
	vnDate := fmt.Sprintf("%s | %02d:%02d", dmy, hh, mm)
	var content string
	// head is markup the page's <head> gets after the charset (DNN's
	// meta tags); rightPane is a pane of modules after the content pane.
	var head, rightPane string
	switch style {
	case "edn-en-author": // EasyDNNnews default template: "Author: <a>account</a> / date / Categories:"
		name, names := dnnAccount(i)
		content, authors, body = ednEN(`Author: <a href="/tin-tuc/author/3/slug">`+name+`</a>`+sep+enDate+sep+enCat, joined(plain)), names, onlyParas
	case "edn-en-superuser": // DNN's host account ("SuperUser Account") as the author; the byline closes the text
		name, names := dnnFree(i)
		content, authors, body = ednEN(`Author: <a href="/tin-tuc/author/1/superuser-account">SuperUser Account</a>`+sep+enDate+sep+enCat,
			joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p>`), names, onlyParas
	case "edn-en-posted-by": // "Posted by <a>account</a> on date / Number of views (N)"
		name, names := dnnAccount(i)
		content, authors, body = ednEN(`Posted by <a href="/tin-tuc/author/3/slug">`+name+`</a> on `+enDate+sep+fmt.Sprintf("Number of views (%d)", views), joined(plain)), names, onlyParas
	case "edn-admin-tinanh-span": // "Administrator Account" in the meta; the credit's label in a bold span, the names after &nbsp;
		name, names := dnnNamesOnly(i)
		content, authors, body = ednEN(`Author: <a href="/tin-tuc/author/2/administrator-account">Administrator Account</a>`+sep+enDate+sep+enCat,
			joined(func(p string) string { return `<p style="text-align: justify;">` + p + `</p>` })+
				`<p style="text-align: justify;"><span style="font-weight: 700;">Tin, ảnh:</span>&nbsp;`+name+`</p>`), names, onlyParas
	case "edn-vn-host-label": // the localized template: "Tác giả: <a>host</a>"; the byline closes the text, in em and strong
		name, names := dnnFree(i)
		content, authors, body = ednVN(`Tác giả: <a href="/tin-tuc/author/1/host">host</a>`+sep+dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`,
			joined(plain)+`<p style="text-align: right;"><em><strong>`+name+`</strong></em></p>`, ""), names, onlyParas
	case "edn-vn-unit-account": // a unit's account as the author ("Tác giả: <a>Văn phòng HĐND và UBND huyện</a>"); the byline closes the text
		name, names := dnnFree(i)
		content, authors, body = ednVN(`Tác giả: <a href="/tin-tuc/author/5/van-phong">Văn phòng HĐND và UBND huyện</a>`+sep+dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`,
			joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p>`, ""), names, onlyParas
	case "edn-en-accounts-no-byline": // DNN's default accounts as the author, a byline closing the text on two pages of three only
		account := []string{"SuperUser Account", "host", "Administrator Account", "admin"}[i%4]
		end := ""
		if i%3 != 0 {
			var name string
			name, authors = dnnFree(i)
			end = `<p style="text-align: right;"><strong>` + name + `</strong></p>`
		}
		content, body = ednEN(`Author: <a href="/tin-tuc/author/1/slug">`+account+`</a>`+sep+enDate+sep+enCat, joined(plain)+end), onlyParas
	case "edn-vn-field-after-tags": // a field of its own under the views and the tags, beside a source field
		name, names := dnnField(i)
		content, authors, body = ednVN(dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`, joined(plain),
			`<div class="edn_customFieldsBox"><p><strong>Tác giả:</strong> `+name+`</p><p><strong>Nguồn tin:</strong> Trung tâm Văn hóa - Thông tin huyện</p></div>`), names, onlyParas
	case "vn-edn-end-nbsp": // the byline closes main_content, empty RadEditor paragraphs after it
		name, names := dnnFree(i)
		content, authors, body = vnEDN(vnDate, `<p>`+lead+`</p>`, joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p><p>&nbsp;</p><p>&nbsp;</p>`), names, withLead
	case "vn-edn-meta-nguoiviet": // "date | time | Người viết: X | Lượt xem: N"
		name, names := dnnField(i)
		content, authors, body = vnEDN(fmt.Sprintf("%s | Người viết: %s | Lượt xem: %d", vnDate, name, views), `<p>`+lead+`</p>`, joined(plain)), names, withLead
	case "vn-edn-summary-byline": // the byline inside the summary block, under the lead
		name, names := dnnFree(i)
		content, authors, body = vnEDN(vnDate, `<p>`+lead+`</p><p style="text-align: right;"><em>`+name+`</em></p>`, joined(plain)), names, withLead
	case "vn-edn-sig-table": // a signature table closing the text: an empty cell, the byline centred in the right one
		name, names := dnnFree(i)
		content, authors, body = vnEDN(vnDate, `<p>`+lead+`</p>`, joined(plain)+
			`<table border="0" cellpadding="0" cellspacing="0" width="100%"><tbody><tr><td width="50%">&nbsp;</td><td style="text-align: center;" width="50%"><strong>`+name+`</strong></td></tr></tbody></table>`), names, withLead
	case "html-br-title": // DNN's HTML module: the title and the date in the text, paragraphs apart with <br>, the byline in a right-aligned div
		name, names := dnnFree(i)
		content, authors, body = htmlModule(775, "TIN TỨC - SỰ KIỆN", `<div style="text-align: justify;"><b><span style="font-size: 12pt;">`+title+`</span></b><br><i>(Cập nhật ngày `+dmy+`)</i><br><br>`+
			strings.Join(paras, "<br><br>")+`<br><br><div style="text-align: right;"><b>`+name+`</b></div></div>`), names, onlyParas
	case "html-p-font": // the HTML module with Word's fonts: a centred title, justified spans, the byline in span/strong/em
		name, names := dnnFree(i)
		font := `<span style="font-family: 'Times New Roman'; font-size: 14pt;">`
		content, authors, body = htmlModule(775, "TIN TỨC - SỰ KIỆN", `<p style="text-align: center;"><strong>`+font+title+`</span></strong></p>`+
			joined(func(p string) string { return `<p style="text-align: justify;">` + font + p + `</span></p>` })+
			`<p style="text-align: right;">`+font+`<strong><em>`+name+`</em></strong></span></p>`), names, onlyParas
	case "html-label-br": // the HTML module: "Người viết:" and the name on the next line of one right-aligned paragraph
		name, names := dnnField(i)
		content, authors, body = htmlModule(775, "TIN TỨC - SỰ KIỆN", `<h3>`+title+`</h3>`+joined(plain)+
			`<p style="text-align: right;"><em>Người viết:</em><br><strong>`+name+`</strong></p>`), names, onlyParas
	case "na-table-by": // News Articles' Default template: "By account @ time :: N Views :: comments :: category" in a table
		name, names := dnnAccount(i)
		content, authors, body = dnnModule("NewsArticles", 812, `<table cellspacing="1" cellpadding="0" width="100%" align="center" border="0"><tr><td class="articleTable"><table cellspacing="1" cellpadding="3" width="100%" border="0">`+
			`<tr align="left"><td class="articleTopCell" align="left"><span class="NormalBold">Tuesday, March `+fmt.Sprintf("%02d", day)+`, 2024</span></td></tr><tr><td class="articleContentCell"><table width="100%" id="Table3"><tr><td></td>`+
			`<td class="Normal" align="left" width="100%"><a href="/tin-tuc/articleType/ArticleView/articleId/`+fmt.Sprint(1000+i)+`" class="articleTitle">`+title+`</a><br />`+
			fmt.Sprintf(`By %s @ %d:%02d AM :: %d Views :: <a href="#Comments">0 Comments</a> :: <a href="/tin-tuc/categoryId/4">Kinh tế</a>`, name, hh, mm, views)+
			`</td><td align="right" valign="bottom"><a href="/tin-tuc/print/`+fmt.Sprint(1000+i)+`"><img src="/images/print.gif" alt="Print"></a>&nbsp;</td></tr>`+
			`<tr><td colspan="3"><table cellspacing="1" cellpadding="0" width="100%" align="center" border="0" id="Table4"><tr><td class="articleTable"><table cellspacing="1" cellpadding="3" width="100%" border="0" id="Table5"><tr>`+
			`<td class="articleTextCell"><span class="Normal">`+joined(plain)+`</span></td></tr></table></td></tr></table></td></tr></table></td></tr></table></td></tr></table>`+
			`<a id="Comments"></a><table width="100%"><tr><td class="articleTopCell"><span class="NormalBold">Comments</span></td></tr><tr><td class="articleContentCell"></td></tr></table>`), names, onlyParas
	case "na-table-poster-vn": // the Default template localized: "Đăng bởi SuperUser Account @ ..."; the byline closes the text
		name, names := dnnFree(i)
		content, authors, body = dnnModule("NewsArticles", 812, `<table width="100%"><tr><td class="articleTopCell"><span class="NormalBold">`+dmy+`</span></td></tr><tr><td class="articleContentCell"><table width="100%"><tr>`+
			`<td class="Normal" align="left" width="100%"><a href="/tin-tuc/articleId/`+fmt.Sprint(1000+i)+`" class="articleTitle">`+title+`</a><br />`+
			fmt.Sprintf(`Đăng bởi SuperUser Account @ %02d:%02d :: %d lượt xem :: <a href="#Comments">0 bình luận</a> :: <a href="/tin-tuc/categoryId/4">Kinh tế</a>`, hh, mm, views)+
			`</td></tr><tr><td colspan="2" class="articleTextCell"><span class="Normal">`+joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p></span></td></tr></table></td></tr></table>`), names, onlyParas
	case "na-posted-on": // News Articles' Standard template: "<a>account</a> posted on date" in div.articleAuthor, actions after the text
		name, names := dnnAccount(i)
		content, authors, body = dnnModule("NewsArticles", 812, `<div class="article"><div class="articleCalendar articleCalendarIcon-03"><div class="articleCalendarDay">`+fmt.Sprintf("%02d", day)+`</div></div>`+
			`<div class="articleHeadline"><h1><a href="/tin-tuc/articleId/`+fmt.Sprint(1000+i)+`">`+title+`</a></h1></div>`+
			`<div class="articleAuthor Normal"><a href="/tin-tuc/authorId/3">`+name+`</a> posted on `+fmt.Sprintf("%s %02d, 2024 %02d:%02d", dnnMonths[2], day, hh, mm)+`</div>`+
			`<div class="articleEntry Normal">`+joined(plain)+`</div><div class="articleCategories Normal">Posted in: <a href="/tin-tuc/categoryId/4">Kinh tế</a></div>`+
			`<div class="Normal">Actions: <a rel="nofollow" href="mailto:?subject=x">E-mail</a> | <a rel="bookmark" href="/tin-tuc/articleId/`+fmt.Sprint(1000+i)+`">Permalink</a> | <a rel="nofollow" href="#Comments">Comments (0)</a></div></div>`+
			`<div class="articleComments"><h2><a id="Comments">Comments</a></h2><span class="Normal">There are currently no comments, be the first to post one!</span></div>`), names, onlyParas
	case "blog-byline": // the DNN Blog module's post: span.byline holds the blog's title, the author and the tags; the author's biography after the text
		name, names := dnnAccount(i)
		content, authors, body = dnnModule("Blog", 650, `<div class="blog-main-content"><article class="is-post post-details"><header><span class="removeselection"><a href="/tin-tuc" class="blogicon-arrow-up icon16" title="Quay lại"></a></span>`+
			"\n  <h2>"+title+"</h2>\n  <span class=\"byline\"><a href=\"/tin-tuc\">Tin tức - Sự kiện</a><br />\n  <a href=\"/tin-tuc/author/3\">"+name+"</a>\n  <div style=\"clear:both;margin-bottom:10px;\"></div>\n  <span>\n"+
			"<a class=\"tag\" href=\"/tin-tuc/term/12\">Kinh tế</a>\n<a class=\"tag\" href=\"/tin-tuc/term/15\">Ngân sách</a>\n  </span>\n </span>\n </header>\n"+
			" <div class=\"info\">\n  <span class=\"date\" style=\"border-bottom:0px;\">\n   <span class=\"month\">Mar</span>\n   <span class=\"day\">"+fmt.Sprintf("%02d", day)+"</span>\n   <span class=\"year\">2024</span>\n  </span>\n </div>\n"+
			`<div class="socialbar"><div id="sharrre" data-url="/tin-tuc/post/`+fmt.Sprint(i)+`" data-text="share"></div></div><p>`+joined(plain)+`</p>`+
			`<div class="socialbar">Phóng viên Trung tâm Văn hóa - Thông tin và Thể thao huyện, phụ trách mảng kinh tế và xây dựng nông thôn mới.</div></article></div>`), names, onlyParas
	case "html-metaauthor-site": // DNN's Default.aspx head: MetaAuthor (and MetaCopyright) hold the portal's name on every page; the byline closes the HTML module's text on two pages of three
		head = `<meta id="MetaDescription" name="DESCRIPTION" content="Cổng thông tin điện tử huyện Can Lộc, tỉnh Hà Tĩnh" /><meta id="MetaKeywords" name="KEYWORDS" content="Can Lộc, Hà Tĩnh, tin tức, sự kiện,DotNetNuke,DNN" />` +
			`<meta id="MetaCopyright" name="COPYRIGHT" content="Copyright 2024 by UBND huyện Can Lộc" /><meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " /><meta id="MetaAuthor" name="AUTHOR" content="UBND huyện Can Lộc" />` +
			`<meta name="RESOURCE-TYPE" content="DOCUMENT" /><meta name="DISTRIBUTION" content="GLOBAL" /><meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" /><meta name="REVISIT-AFTER" content="1 DAYS" /><meta name="RATING" content="GENERAL" />`
		end := ""
		if i%3 != 0 {
			var name string
			name, authors = dnnFree(i)
			end = `<p style="text-align: right;"><strong>` + name + `</strong></p>`
		}
		content, body = htmlModule(776, title, joined(plain)+end), onlyParas
	case "html-br-shared-last": // RadEditor's Shift+Enter: the byline shares the last paragraph with the text, after a <br />
		name, names := dnnFree(i)
		last := len(paras) - 1
		var s strings.Builder
		for _, p := range paras[:last] {
			s.WriteString(plain(p))
		}
		s.WriteString(`<p>` + paras[last] + `<br />` + "\n" + `<strong>` + name + `</strong></p>`)
		content, authors, body = htmlModule(777, title, s.String()), names, onlyParas
	case "html-table-label-value": // the credits in a two-column table under the text: a label cell ("Tác giả:", "Nguồn tin:") and a value cell
		name, names := dnnField(i)
		content, authors, body = htmlModule(777, title, joined(plain)+
			`<table border="0" cellpadding="2" cellspacing="0" style="width: 100%;"><tbody><tr><td style="width: 90px;"><strong>Tác giả:</strong></td><td>`+name+`</td></tr>`+
			`<tr><td><strong>Nguồn tin:</strong></td><td>Trung tâm Văn hóa - Thông tin huyện</td></tr></tbody></table>`), names, onlyParas
	case "html-right-span-nbsp": // RadEditor after a paste from Word: justified divs of nested font spans, the byline in a right-aligned div, its spaces &nbsp; on every other page, an empty div after it
		name, names := dnnFree(i)
		if i%2 == 0 {
			name = strings.ReplaceAll(name, " ", "&nbsp;")
		}
		font := func(t string) string {
			return `<span style="font-size: 14pt;"><span style="font-family: 'times new roman', times;">` + t + `</span></span>`
		}
		content, authors, body = htmlModule(778, title, joined(func(p string) string { return `<div style="text-align: justify;">` + font(p) + `</div>` })+
			`<div style="text-align: right;">`+font(`<strong>&nbsp;`+name+`&nbsp;</strong>`)+`</div><div>&nbsp;</div>`), names, onlyParas
	case "html-byline-br-source": // the byline and, after a <br /> in the same right-aligned paragraph, the source the text was taken from
		name, names := dnnFree(i)
		src := ""
		if names != nil {
			src = `<br /><em>Nguồn: Báo Hà Tĩnh điện tử</em>`
		}
		content, authors, body = htmlModule(779, title, joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong>`+src+`</p>`), names, onlyParas
	case "html-font-table-old": // an old FCKeditor/RadEditor text: a layout table, <font> tags, paragraphs apart with <br />, the byline in <div align="right">
		name, names := dnnFree(i)
		content, authors, body = htmlModule(780, title, `<table cellspacing="0" cellpadding="0" width="100%" border="0"><tbody><tr><td><font face="Arial" size="2">`+
			strings.Join(paras, "<br />\n<br />\n")+"</font><br />\n<br />\n"+`<div align="right"><font face="Arial" size="2"><b><i>`+name+`</i></b></font></div></td></tr></tbody></table>`), names, onlyParas
	case "html-label-p-split": // the credit's label and the names in right-aligned paragraphs of their own
		name, names := dnnNamesOnly(i)
		label := []string{"Tin, ảnh:", "Người viết:"}[i%2]
		content, authors, body = htmlModule(781, title, joined(plain)+
			`<p style="text-align: right;"><strong>`+label+`</strong></p><p style="text-align: right;"><strong>`+name+`</strong></p>`), names, onlyParas
	case "edn-vn-attachments": // the byline closes the text, the article's attached documents (file links with their sizes) under the views and the tags
		name, names := dnnFree(i)
		content, authors, body = ednVN(dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`, joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p>`,
			`<div class="edn_articleDocuments"><p><strong>Tệp đính kèm:</strong></p><ul>`+
				fmt.Sprintf(`<li><a href="/Portals/0/EasyDNNNews/Documents/1094/KH-%d-UBND.pdf" target="_blank">Kế hoạch số %d/KH-UBND ngày %s của UBND huyện</a> (245 KB)</li>`, 40+i, 40+i, dmy)+
				`<li><a href="/Portals/0/EasyDNNNews/Documents/1094/Phu-luc.docx" target="_blank">Phụ lục kèm theo</a> (58 KB)</li></ul></div>`), names, onlyParas
	case "edn-vn-other-news": // the byline closes the text, a list of other articles with their dates under the views and the tags
		name, names := dnnFree(i)
		content, authors, body = ednVN(dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`, joined(plain)+`<p style="text-align: right;"><em><strong>`+name+`</strong></em></p>`,
			`<div class="edn_otherArticles"><div class="title_other">Các tin khác</div><ul>`+
				`<li><a href="/tin-tuc/x5">Hội nghị giao ban công tác tháng 2</a> <span class="date">(28/02/2024)</span></li>`+
				`<li><a href="/tin-tuc/x6">Tập huấn chuyển đổi số cho cán bộ xã</a> <span class="date">(21/02/2024)</span></li>`+
				`<li><a href="/tin-tuc/x7">Ra quân tổng vệ sinh môi trường</a> <span class="date">(14/02/2024)</span></li></ul></div>`), names, onlyParas
	case "edn-vn-comment-form": // the byline closes the text, the readers' comment form under the views and the tags: labels over inputs
		name, names := dnnFree(i)
		content, authors, body = ednVN(dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`, joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p>`,
			`<div class="edn_commentForm"><h3>Ý kiến bạn đọc</h3>`+
				`<div class="edn_commentRow"><label for="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_tbCommentName">Họ và tên (*)</label><input type="text" id="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_tbCommentName" /></div>`+
				`<div class="edn_commentRow"><label for="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_tbCommentEmail">Email (*)</label><input type="text" id="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_tbCommentEmail" /></div>`+
				`<div class="edn_commentRow"><label for="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_tbComment">Nội dung</label><textarea id="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_tbComment"></textarea></div>`+
				`<div><a class="edn_commentSubmit" href="#">Gửi ý kiến</a></div></div>`), names, onlyParas
	case "edn-vn-print-share": // the byline closes the text, the print, e-mail and back links and the share links right under it, before the views
		name, names := dnnFree(i)
		content, authors, body = ednDetails(`<div class="article details"><h1>`+title+`</h1><div class="meta_text no_margin">`+dmy+`</div><div class="clear_content"></div>`+
			`<div class="main_content">`+joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p></div>`+
			fmt.Sprintf(`<div class="edn_articleTools"><a href="/tin-tuc/articleid/%d?mid=1094&amp;dnnprintmode=true" rel="nofollow" target="_blank">In bài viết</a> | <a href="mailto:?subject=tin">Gửi email</a> | <a href="#top">Lên đầu trang</a> | <a href="javascript:history.back()">Quay lại</a></div>`, 1000+i)+
			`<div class="edn_shareBox">Chia sẻ: <a href="https://www.facebook.com/sharer.php">Facebook</a> <a href="https://zalo.me/share">Zalo</a></div>`+
			fmt.Sprintf(`<p class="meta_text eds_viewsComments">Số lượt xem (%d)</p></div>`, views)), names, onlyParas
	case "custom-lbl-tacgia-footer": // a Vietnamese custom news module of ASP.NET labels (lblTieuDe, lblNgayDang, lblTomTat, lblNoiDung); the author's label (lblTacGia) and the source's in the module's footer, beside the container's print and syndicate actions
		name, names := dnnFree(i)
		pre := "dnn_ctr1120_ChiTietTin_"
		content, authors, body = dnnModule("TinTuc", 1120, `<div class="news-detail"><h1 class="title"><span id="`+pre+`lblTieuDe">`+title+`</span></h1>`+
			fmt.Sprintf(`<div class="news-date"><span id="%slblNgayDang">Ngày đăng: %s %02d:%02d</span> | <span id="%slblLuotXem">Lượt xem: %d</span></div>`, pre, dmy, hh, mm, pre, views)+
			`<div class="news-summary"><span id="`+pre+`lblTomTat">`+lead+`</span></div><div class="news-content"><span id="`+pre+`lblNoiDung">`+joined(plain)+`</span></div></div>`+
			`<div class="c_footer"><div style="text-align: right;"><span id="`+pre+`lblTacGia" class="tacgia">`+name+`</span></div>`+
			`<div style="text-align: right;"><span id="`+pre+`lblNguonTin">Nguồn tin: Báo Hà Tĩnh</span></div>`+
			fmt.Sprintf(`<a id="dnn_ctr1120_dnnPRINTMODULE_ctlPrintModuleAction" href="/tin-tuc/articleid/%d?mid=1120&amp;dnnprintmode=true" rel="nofollow"><img src="/images/action_print.gif" alt="In" /></a>`, 1000+i)+
			`<a id="dnn_ctr1120_dnnSYNDICATEMODULE_ctlSyndicateModuleAction" href="/RSS.aspx?mid=1120"><img src="/images/action_rss.gif" alt="RSS" /></a></div>`), names, withLead
	case "pane-info-module": // the author only in a second module, in the right pane: "Thông tin bài viết" lists the date, the writer, the views
		name, names := dnnField(i)
		content, authors, body = vnEDN(vnDate, `<p>`+lead+`</p>`, joined(plain)), names, withLead
		rightPane = `<div class="DnnModule DnnModule-ThongTinBaiViet DnnModule-1130"><a name="1130"></a><div class="DNNContainer_Title"><h2><span id="dnn_ctr1130_dnnTITLE_titleLabel" class="Head">Thông tin bài viết</span></h2>` +
			`<div id="dnn_ctr1130_ContentPane"><div id="dnn_ctr1130_ModuleContent" class="DNNModuleContent ModThongTinBaiVietC"><ul class="info">` +
			fmt.Sprintf(`<li>Ngày đăng: %s</li><li>Người viết: %s</li><li>Lượt xem: %d</li>`, dmy, name, views) + `</ul></div></div></div></div>`
	case "vn-edn-capnhat-tacgia": // the author only in the header, beside the time: "Cập nhật lúc 08:30 12/03/2024 - Tác giả: X"
		name, names := dnnField(i)
		content, authors, body = vnEDN(fmt.Sprintf("Cập nhật lúc %02d:%02d %s - Tác giả: %s", hh, mm, dmy, name), `<p>`+lead+`</p>`, joined(plain)), names, withLead
	case "edn-vn-reader-comments": // the byline closes the text; readers' comments under it, each commenter's name in an element its class names the author's (as ASP.NET blog comment views, BlogEngine.NET's and the like, write it)
		name, names := dnnFree(i)
		readers := []string{"Nguyễn Văn Nam", "Trần Thị Lan", "Lê Quang Huy", "Phan Thị Hoa", "Võ Minh Đức"}
		content, authors, body = ednVN(dmy+sep+`Chuyên mục: <a href="/tin-tuc/kinh-te">Kinh tế</a>`, joined(plain)+`<p style="text-align: right;"><strong>`+name+`</strong></p>`,
			`<div class="edn_commentsList"><h3>Bình luận (2)</h3>`+
				fmt.Sprintf(`<div class="edn_comment"><div class="comment-author">%s</div><div class="comment-date">%s 09:15</div><div class="comment-text">Đề nghị huyện quan tâm hơn nữa đến đường giao thông nông thôn ở các xã vùng cao.</div></div>`, readers[i%len(readers)], dmy)+
				fmt.Sprintf(`<div class="edn_comment"><div class="comment-author">%s</div><div class="comment-date">%s 14:40</div><div class="comment-text">Cảm ơn Ban biên tập đã đưa tin kịp thời.</div></div></div>`, readers[(i+2)%len(readers)], dmy)), names, onlyParas
	case "html-top-date-author": // the HTML module's text opens with an italic line, right-aligned: "Cập nhật lúc 08:30 12/03/2024 - Tác giả: X"
		name, names := dnnField(i)
		content, authors, body = htmlModule(782, title, fmt.Sprintf(`<p style="text-align: right;"><em>Cập nhật lúc %02d:%02d %s - Tác giả: %s</em></p>`, hh, mm, dmy, name)+joined(plain)), names, onlyParas
	case "html-bai-anh-lines": // the text's credits on two lines, "Bài:" and "Ảnh:", apart with a <br /> or in paragraphs of their own
		name, other := dnnNames[i%len(dnnNames)], dnnNames[(i+3)%len(dnnNames)]
		credits := `<p style="text-align: right;"><strong>Bài: ` + name + `<br />Ảnh: ` + other + `</strong></p>`
		if i%2 == 1 {
			credits = `<p style="text-align: right;"><strong>Bài: ` + name + `</strong></p><p style="text-align: right;"><strong>Ảnh: ` + other + `</strong></p>`
		}
		content, authors, body = htmlModule(783, title, joined(plain)+credits), []string{name, other}, onlyParas
	case "html-second-module-byline": // a page per article: the text in one HTML module, the byline and the source in a second HTML module under it
		name, names := dnnField(i)
		content, authors, body = htmlModule(784, title, joined(plain))+
			dnnModule("DNN_HTML", 785, `<div id="dnn_ctr785_HtmlModule_lblContent" class="Normal"><p style="text-align: right;"><strong>Tác giả:</strong> `+name+`</p><p style="text-align: right;"><strong>Nguồn:</strong> Trung tâm Văn hóa - Thông tin huyện</p></div>`), names, onlyParas
	case "custom-header-info-table": // a custom news module's header: a table row of label and value cells ("Ngày đăng:", the date, "Người viết:", the name, "Lượt xem:", the count)
		name, names := dnnField(i)
		pre := "dnn_ctr1121_ChiTietTin_"
		content, authors, body = dnnModule("TinTuc", 1121, `<div class="news-detail"><h1 class="title"><span id="`+pre+`lblTieuDe">`+title+`</span></h1>`+
			`<table class="news-info" cellpadding="2" cellspacing="0"><tr><td class="lbl">Ngày đăng:</td><td><span id="`+pre+`lblNgayDang">`+dmy+`</span></td>`+
			`<td class="lbl">Người viết:</td><td><span id="`+pre+`lblNguoiViet">`+name+`</span></td>`+
			fmt.Sprintf(`<td class="lbl">Lượt xem:</td><td><span id="%slblLuotXem">%d</span></td></tr></table>`, pre, views)+
			`<div class="news-summary"><span id="`+pre+`lblTomTat">`+lead+`</span></div><div class="news-content"><span id="`+pre+`lblNoiDung">`+joined(plain)+`</span></div></div>`), names, withLead
	default:
		panic("unknown style " + style)
	}
	page = dnnSkin(title, content)
	if head != "" {
		page = strings.Replace(page, `<meta charset="utf-8">`, `<meta charset="utf-8">`+head, 1)
	}
	if rightPane != "" {
		page = strings.Replace(page, `<div id="dnn_FooterPane">`, `<div id="dnn_RightPane">`+rightPane+`</div><div id="dnn_FooterPane">`, 1)
	}
	return page, authors, body
}

var dnnStyles = []string{"edn-en-author", "edn-en-superuser", "edn-en-posted-by", "edn-admin-tinanh-span", "edn-vn-host-label", "edn-vn-unit-account", "edn-en-accounts-no-byline", "edn-vn-field-after-tags",
	"vn-edn-end-nbsp", "vn-edn-meta-nguoiviet", "vn-edn-summary-byline", "vn-edn-sig-table",
	"html-br-title", "html-p-font", "html-label-br",
	"na-table-by", "na-table-poster-vn", "na-posted-on", "blog-byline",
	"html-metaauthor-site", "html-br-shared-last", "html-table-label-value", "html-right-span-nbsp", "html-byline-br-source", "html-font-table-old", "html-label-p-split",
	"edn-vn-attachments", "edn-vn-other-news", "edn-vn-comment-form", "edn-vn-print-share",
	"custom-lbl-tacgia-footer", "pane-info-module", "vn-edn-capnhat-tacgia",
	"edn-vn-reader-comments", "html-top-date-author", "html-bai-anh-lines", "html-second-module-byline", "custom-header-info-table"}

// dnnFirstDiff shows where two bodies part: the paragraph of each.
func dnnFirstDiff(got, want string) string {
	g, w := strings.Split(got, "\n\n"), strings.Split(want, "\n\n")
	for k := 0; k < max(len(g), len(w)); k++ {
		var a, b string
		if k < len(g) {
			a = g[k]
		}
		if k < len(w) {
			b = w[k]
		}
		if a != b {
			return fmt.Sprintf("paragraph %d (of %d, want %d): got %q want %q", k, len(g), len(w), dnnCut(a), dnnCut(b))
		}
	}
	return "equal"
}

func dnnCut(s string) string {
	if r := []rune(s); len(r) > 70 {
		return string(r[:70]) + "…"
	}
	return s
}

// dnnGenericBodyMisses are the styles whose body the generic extractor is
// known to get wrong: a lead whose block also holds the byline (dropped),
// a title repeated in the text of an HTML module whose <title> names only
// the site (kept), a label over the byline split off by <br> (kept), the
// blog module's author biography after the text (kept).
var dnnGenericBodyMisses = map[string]bool{"vn-edn-summary-byline": true, "html-br-title": true, "html-p-font": true, "html-label-br": true, "blog-byline": true}

// TestDNNProbeStyles learns each DNN style's site from pages 0-7 and
// reads pages 8-19 with the learned template: every byline must credit
// exactly the names written and every body must be the text written. The
// generic extractor is held to the same, but for the bodies of
// dnnGenericBodyMisses.
func TestDNNProbeStyles(t *testing.T) {
	for _, style := range dnnStyles {
		t.Run(style, func(t *testing.T) {
			var samples []Sample
			for i := range 8 {
				h, _, _ := dnnPage(style, i)
				s, err := Observe([]byte(h), Options{URL: fmt.Sprintf("https://huyen.gov.vn/tin-tuc/articleid/%d/bai-%d", 1000+i, i)})
				if err != nil || s == nil {
					t.Fatalf("observe: %v", err)
				}
				samples = append(samples, *s)
			}
			prof, ok := Learn("dnn-"+style, samples)
			if !ok {
				t.Fatalf("no template learned from 8 pages:\n%s", prof.Describe())
			}
			gByline, gBody := 0, 0
			for i := 8; i < 20; i++ {
				h, names, body := dnnPage(style, i)
				url := fmt.Sprintf("https://huyen.gov.vn/tin-tuc/articleid/%d/bai-%d", 1000+i, i)
				g, _ := ExtractWith([]byte(h), Options{URL: url})
				if got := facts.ParseByline(g.Byline); sameNames(got, names) {
					gByline++
				} else {
					t.Logf("GENERIC page %d byline: got %q -> %v, want %v", i, g.Byline, got, names)
				}
				if g.Body == body {
					gBody++
				} else {
					t.Logf("GENERIC page %d body: %s", i, dnnFirstDiff(g.Body, body))
				}
				a, err := ExtractWith([]byte(h), Options{URL: url, Profile: &prof})
				if err != nil || !a.Templated {
					t.Errorf("page %d not read with the template (%v)", i, err)
					continue
				}
				if got := facts.ParseByline(a.Byline); !sameNames(got, names) {
					t.Errorf("LEARNED page %d byline: got %q -> %v, want %v", i, a.Byline, got, names)
				}
				if a.Body != body {
					t.Errorf("LEARNED page %d body: %s", i, dnnFirstDiff(a.Body, body))
				}
			}
			t.Logf("generic extraction: byline right on %d, body on %d of 12 pages", gByline, gBody)
			// The generic extractor reads one page alone: it must find
			// every byline, and every body but those of the styles it is
			// known to miss, which the learned template reads.
			if gByline != 12 || !dnnGenericBodyMisses[style] && gBody != 12 {
				t.Errorf("generic extraction: byline right on %d, body on %d of 12 pages, want all", gByline, gBody)
			}
		})
	}
}
