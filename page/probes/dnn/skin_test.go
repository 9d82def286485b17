package dnn

import (
	"fmt"
	"strings"
)

// Page data shared by every variant: page i of a simulated DNN site,
// its title, text, date, DNN's vi-VN time, view count and the persons
// a byline may name; and the skins and modules the variants assemble.

var names = []string{"Minh Anh", "Nguyễn Thu Hà", "Trần Văn Bình", "Lê Hồng Nhung", "Phạm Quốc Toàn", "Hoàng Thị Mai", "Đỗ Văn Hùng"}
var units = []string{"Trung tâm VH-TT huyện", "Ban Tuyên giáo Huyện ủy", "Phòng Văn hóa và Thông tin huyện"}

var paraFmt = []string{
	"Tổng thu ngân sách nhà nước trên địa bàn huyện đến nay ước đạt %d tỷ đồng, bằng 41%% dự toán tỉnh giao, tăng 9%% so với cùng kỳ năm trước.",
	"Toàn huyện đã giải ngân %d tỷ đồng vốn đầu tư công, tập trung cho các công trình giao thông nông thôn, trường học và trạm y tế xã.",
	"Bộ phận một cửa của huyện và các xã, thị trấn đã tiếp nhận %d hồ sơ thủ tục hành chính, trong đó 98%% hồ sơ được giải quyết trước và đúng hạn.",
	"Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa tiếp tục được duy trì, có %d gia đình được công nhận danh hiệu gia đình văn hóa năm nay.",
	"Công tác phòng, chống dịch bệnh trên đàn gia súc, gia cầm được triển khai quyết liệt, %d nghìn liều vắc-xin đã được tiêm phòng đợt một.",
}

type pg struct {
	i           int
	title       string
	paras       []string
	lead        string
	dmy         string // 12/03/2024
	clock       string // 8:30:15 SA / 2:15:00 CH (DNN, vi-VN culture)
	views       int
	name, other string
	unit        string
	onlyParas   string
	withLead    string
}

func newPage(i int) pg {
	p := pg{i: i}
	p.title = fmt.Sprintf("Huyện triển khai nhiệm vụ trọng tâm tháng %d năm 202%d, đợt %d", i%12+1, i%5, i)
	for k := 0; k < 3+i%2; k++ {
		p.paras = append(p.paras, fmt.Sprintf(paraFmt[(i+k)%len(paraFmt)], 100+i*7+k))
	}
	p.lead = fmt.Sprintf("Chiều ngày %d/3, Ủy ban nhân dân huyện tổ chức hội nghị giao ban đánh giá kết quả thực hiện nhiệm vụ với %d đại biểu tham dự.", i%27+1, 40+i)
	p.dmy = fmt.Sprintf("%02d/03/2024", i%27+1)
	h := 7 + i%10
	ampm := "SA"
	if h >= 12 {
		ampm = "CH"
	}
	h12 := h
	if h12 > 12 {
		h12 -= 12
	}
	p.clock = fmt.Sprintf("%d:%02d:%02d %s", h12, i*7%60, i*13%60, ampm)
	p.views = 300 + i*13
	p.name = names[i%len(names)]
	p.other = names[(i+3)%len(names)]
	p.unit = units[i%len(units)]
	p.onlyParas = strings.Join(p.paras, "\n\n")
	p.withLead = strings.Join(append([]string{p.lead}, p.paras...), "\n\n")
	return p
}

// free is a byline an editor typed, in the forms of district portals:
// a name alone, "Tác giả: name", the name and its unit after a dash, two
// names.
func (p pg) free() (string, []string) {
	switch p.i % 4 {
	case 1:
		return "Tác giả: " + p.name, []string{p.name}
	case 2:
		return p.name + " - " + p.unit, []string{p.name}
	case 3:
		return p.name + " - " + p.other, []string{p.name, p.other}
	}
	return p.name, []string{p.name}
}

// field is a byline after a label the markup gives ("Người viết:"): the
// free forms without a label of their own.
func (p pg) field() (string, []string) {
	if p.i%4 == 1 {
		return p.name + ", " + p.other, []string{p.name, p.other}
	}
	return p.free()
}

// account is a CMS account's display name: a name alone.
func (p pg) account() (string, []string) { return p.name, []string{p.name} }

func plain(s string) string { return "<p>" + s + "</p>" }

func wrap(paras []string, w func(string) string) string {
	var b strings.Builder
	for _, s := range paras {
		b.WriteString(w(s))
	}
	return b.String()
}

func (p pg) ps() string { return wrap(p.paras, plain) }

const leftPane = `<div id="dnn_LeftPane"><div class="DnnModule DnnModule-DNN_HTML DnnModule-401"><a name="401"></a><div class="c_container"><div class="c_head"><h2 class="c_title"><span id="dnn_ctr401_dnnTITLE_titleLabel" class="Head">Liên kết</span></h2></div>` +
	`<div id="dnn_ctr401_ContentPane"><div id="dnn_ctr401_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr401_HtmlModule_lblContent" class="Normal"><p><a href="/lich-cong-tac">Lịch công tác</a></p><p><a href="/thu-tuc-hanh-chinh">Thủ tục hành chính</a></p></div></div></div></div></div>` +
	`<div class="DnnModule DnnModule-EasyDNNnews DnnModule-402"><div class="c_container"><div class="c_head"><h2 class="c_title"><span id="dnn_ctr402_dnnTITLE_titleLabel" class="Head">Tin mới</span></h2></div><div id="dnn_ctr402_ContentPane"><ul class="edn_latest">` +
	`<li><a href="/tin-tuc/x1">Hội nghị tổng kết công tác năm 2023</a> (12/01/2024)</li><li><a href="/tin-tuc/x2">Huyện tổ chức lễ ra quân huấn luyện năm 2024</a> (05/01/2024)</li></ul></div></div></div></div>`

const footerPane = `<div id="dnn_FooterPane"><p>Cơ quan chủ quản: Ủy ban nhân dân huyện. Địa chỉ: số 1 đường Trần Phú, thị trấn. Điện thoại: 0239.3855.123.</p>` +
	`<p>Trưởng Ban biên tập: Phó Chủ tịch UBND huyện. Giấy phép số 12/GP-TTĐT ngày 01/02/2018.</p><span id="dnn_dnnCOPYRIGHT_lblCopyright" class="SkinObject">Copyright 2024 by UBND huyện</span></div>`

func headHTML(title string) string {
	return `<!DOCTYPE html><html lang="vi-VN"><head><meta charset="utf-8"><title>` + title + ` - Cổng thông tin điện tử huyện</title>` +
		`<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke "><meta id="MetaAuthor" name="AUTHOR" content="UBND huyện"></head>`
}

const headerPane = `<div id="dnn_HeaderPane"><div class="logo"><a href="/"><img src="/Portals/0/logo.png" alt="Cổng thông tin điện tử huyện"></a></div>` +
	`<ul id="dnn_dnnNAV_ctldnnNAV" class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản</a></li></ul>` +
	`<span id="dnn_dnnCURRENTDATE_lblDate" class="DateToken">Thứ Sáu, 06/12/2026</span></div>`

// skinDiv is a div-laid DNN skin: header, left pane, content pane, footer.
func skinDiv(title, content string) string {
	return headHTML(title) + `<body><form method="post" action="/tin-tuc" id="Form">` + headerPane + leftPane +
		`<div id="dnn_ContentPane" class="contentpane">` + content + `</div>` + footerPane + `</form></body></html>`
}

// skinTable is an old table-laid DNN skin.
func skinTable(title, content string) string {
	return headHTML(title) + `<body><form method="post" action="/tin-tuc" id="Form"><table id="Table1" width="980" cellspacing="0" cellpadding="0" border="0"><tr><td colspan="2">` + headerPane + `</td></tr>` +
		`<tr><td valign="top" width="220">` + leftPane + `</td><td id="dnn_ContentPane" valign="top" class="contentpane">` + content + `</td></tr>` +
		`<tr><td colspan="2">` + footerPane + `</td></tr></table></form></body></html>`
}

// skinBootstrap is a DNN 9 bootstrap skin: the content in a col-md-8, a
// right column of modules.
func skinBootstrap(title, content string) string {
	right := `<div class="DnnModule DnnModule-EasyDNNnews DnnModule-410"><div class="DNNContainer_Title"><h2><span id="dnn_ctr410_dnnTITLE_titleLabel" class="Head">Tin xem nhiều</span></h2>` +
		`<div id="dnn_ctr410_ContentPane"><ul><li><a href="/tin-tuc/x8">Ra quân tổng vệ sinh môi trường</a></li><li><a href="/tin-tuc/x9">Tập huấn chuyển đổi số cho cán bộ xã</a></li></ul></div></div></div>`
	return headHTML(title) + `<body><form method="post" action="/tin-tuc" id="Form"><div class="container">` + headerPane +
		`<div class="row"><div class="col-md-8 col-sm-12"><div id="dnn_ContentPane" class="contentpane">` + content + `</div></div>` +
		`<div class="col-md-4 hidden-xs"><div id="dnn_RightPane" class="rightpane">` + right + `</div></div></div>` + footerPane + `</div></form></body></html>`
}

// skinPrint is DNN's print mode (?dnnprintmode=true): the module alone.
func skinPrint(title, content string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body id="Body"><form method="post" action="/tin-tuc?dnnprintmode=true" id="Form">` +
		`<div id="dnn_ContentPane">` + content + `</div></form></body></html>`
}

// htmlModule is DNN's HTML module in a container with a head (title
// label), a content, and a footer holding footExtra and the container's
// print action; headExtra goes in the head after the title.
func htmlModule(mid int, head, headExtra, inner, footExtra string) string {
	return fmt.Sprintf(`<div class="DnnModule DnnModule-DNN_HTML DnnModule-%d"><a name="%d"></a><div class="c_container"><div class="c_head"><h2 class="c_title"><span id="dnn_ctr%d_dnnTITLE_titleLabel" class="Head">%s</span></h2>%s</div>`+
		`<div class="c_content"><div id="dnn_ctr%d_ContentPane"><!-- Start_Module_%d --><div id="dnn_ctr%d_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr%d_HtmlModule_lblContent" class="Normal">%s</div></div><!-- End_Module_%d --></div></div>`+
		`<div class="c_footer">%s<a id="dnn_ctr%d_dnnPRINTMODULE_ctlPrintModuleAction" href="/tin-tuc?mid=%d&amp;dnnprintmode=true" rel="nofollow"><img src="/images/action_print.gif" alt="In"></a></div></div></div>`,
		mid, mid, mid, head, headExtra, mid, mid, mid, mid, inner, mid, footExtra, mid, mid)
}

// module is a DNN module without a title.
func module(kind string, mid int, inner string) string {
	return fmt.Sprintf(`<div class="DnnModule DnnModule-%s DnnModule-%d"><a name="%d"></a><div class="DNNContainer_noTitle"><div id="dnn_ctr%d_ContentPane"><!-- Start_Module_%d -->`+
		`<div id="dnn_ctr%d_ModuleContent" class="DNNModuleContent Mod%sC">%s</div><!-- End_Module_%d --></div><div class="clear"></div></div></div>`,
		kind, mid, mid, mid, mid, mid, kind, inner, mid)
}

// edn wraps an EasyDNNnews article view.
func edn(inner string) string {
	return module("EasyDNNnews", 1094, `<div id="EDN_NewsOne" class="news eds_subCollection_news eds_news_NewsOne eds_template_Details_Article_Default eds_templateGroup_newsDetailsDefault">`+
		`<div id="dnn_ctr1094_ViewEasyDNNNewsMain_ctl00_pnlViewArticle">`+inner+`</div></div>`)
}

// ednVN is a Vietnamese EasyDNNnews details skin: breadcrumb, title, meta,
// (custom fields), content, views, tags, related list.
func ednVN(p pg, meta, beforeContent, content, after string) string {
	return `<div class="eds_breadCrumbs"><a href="/tin-tuc"><span>Tin tức</span></a> » <a href="/tin-tuc/kinh-te"><span>Kinh tế</span></a></div>` +
		edn(`<article class="edn_article edn_articleDetails"><h1 class="edn_articleTitle">`+p.title+`</h1>`+
			`<div class="edn_metaDetails">`+meta+`</div>`+beforeContent+`<div class="edn_articleContent">`+content+`</div>`+
			fmt.Sprintf(`<p class="meta_text eds_viewsComments">Số lượt xem (%d)<span class="separator">/</span>Bình luận (0)</p>`, p.views)+
			`<div class="box_list_container">Từ khóa: <a href="/tin-tuc/tag/ngan-sach">ngân sách</a>, <a href="/tin-tuc/tag/dau-tu-cong">đầu tư công</a></div>`+after+`</article>`+
			`<div class="edn_relatedArticles"><h3 class="edn_relatedTitle">Tin cùng chuyên mục</h3><ul><li><a href="/tin-tuc/x3">Huyện ra quân tổng vệ sinh môi trường (02/03/2024)</a></li><li><a href="/tin-tuc/x4">Hội nghị triển khai nhiệm vụ năm 2024 (15/01/2024)</a></li></ul></div>`)
}

// custom is a Vietnamese custom news module (ChiTietTin) of ASP.NET labels.
func custom(p pg, info, content, after string) string {
	pre := "dnn_ctr1120_ChiTietTin_"
	return module("TinTuc", 1120, `<div class="news-detail"><h1 class="title"><span id="`+pre+`lblTieuDe">`+p.title+`</span></h1>`+info+
		`<div class="news-content"><span id="`+pre+`lblNoiDung">`+content+`</span></div>`+after+`</div>`+
		`<div class="other-news"><div class="title_other">Các tin khác</div><ul><li><a href="/tin-tuc/x5">Hội nghị giao ban công tác tháng 2</a> <span class="date">(28/02/2024)</span></li></ul></div>`)
}
