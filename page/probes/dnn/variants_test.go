package dnn

import (
	"fmt"
	"strings"
)

// variant is one simulated DNN site: build writes its page p and returns
// the page's HTML, the persons its byline credits (nil when the page
// has none) and the article's text, paragraphs apart with a blank line.
// desc says where the byline is and how it is written.
type variant struct {
	id, desc string
	build    func(p pg) (html string, names []string, body string)
}

// right is a right-aligned bold paragraph, the way editors close a text
// with its byline.
func right(s string) string { return `<p style="text-align: right;"><strong>` + s + `</strong></p>` }

// variants place the byline where DNN's news modules and skins put it:
// the DNN Blog's templates, Announcements, print mode, EasyDNNnews meta
// lines, info bars and custom fields, custom modules' ASP.NET labels,
// the container's head and footer, DNN form items, tables, and the
// forms editors give a closing byline (labels, units, ranks, marks).
var variants = []variant{
	{"blog-classic", "DNN Blog classicBlog PostDetails: 'Viết bởi <a>X</a> ngày <span>' in vbHeader, author box (avatar img alt, cite, link, bio) after", func(p pg) (string, []string, string) {
		by, ns := p.account()
		inner := `<div class="dnnForm dnnViewEntry dnnClear"><h2>` + p.title + `</h2>` +
			`<div class="vbHeader dnnClear">Viết bởi <a href="/tin-tuc/author/3">` + by + `</a> ngày <span>` + p.dmy + `</span><div class="dnnRight"><div id="sharrre" data-url="/tin-tuc/post/` + fmt.Sprint(p.i) + `" data-text="share"></div></div></div>` +
			`<div class="vbBody dnnClear">` + p.ps() + `</div>` +
			`<div class="vbFooter dnnClear"><div class="dnnLeft"><div class="tags BlogTopics"><div class="tags"><a href="/tin-tuc/term/12">Kinh tế</a></div></div></div><div class="dnnRight"><a href="/tin-tuc/post/` + fmt.Sprint(p.i) + `" class="BlogComments">Bình luận (0)</a></div></div>` +
			`<div class="vbAuthor dnnClear"><div class="vbaImage dnnLeft"><div><a href="/Activity-Feed/userId/3"><img style="width:50px;height:50px;" alt="` + by + `" src="/profilepic.ashx?userId=3&amp;h=50&amp;w=50"></a></div><div><cite>Tác giả</cite></div></div>` +
			`<div class="dnnLeft"><a href="/Activity-Feed/userId/3">` + by + `</a><div class="dnnLeft"><p>Phóng viên Trung tâm Văn hóa - Thông tin và Thể thao huyện, phụ trách mảng kinh tế.</p></div></div></div></div>`
		return skinDiv(p.title, module("Blog", 650, inner)), ns, p.onlyParas
	}},
	{"blog-default-metadata", "DNN Blog _default PostDetails: metadata column before the body: h5 'Người viết' + <a>X</a> + biography, tags, time", func(p pg) (string, []string, string) {
		by, ns := p.account()
		inner := `<div class="blog-main-content"><span class="removeselection"><a href="/tin-tuc" title="Quay lại"><i class="fa fa-arrow-up icon16"></i></a></span><article id="post-` + fmt.Sprint(p.i) + `" class="bbs-article">` +
			`<header><div class="supertitle"><a href="/tin-tuc/term/12">Kinh tế</a></div><h1>` + p.title + `</h1></header><div class="content"><div class="metadata">` +
			`<div class="share-buttons"><h5>Chia sẻ</h5><div id="sharrre" data-url="/tin-tuc/post/1" data-text="share"></div></div>` +
			`<div class="author"><h5>Người viết</h5><a href="/tin-tuc/author/3">` + by + `</a> Phóng viên Trung tâm Văn hóa - Thông tin huyện.</div>` +
			`<div class="tags"><h5>Thẻ</h5><a class="tag" href="/tin-tuc/term/12">Kinh tế</a></div>` +
			`<div class="time"><div data-time="2024-03-12 08:30:00" class="momentabs">` + p.dmy + `</div></div></div>` +
			`<div class="body">` + p.ps() + `</div></div></article></div>`
		return skinDiv(p.title, module("Blog", 651, inner)), ns, p.onlyParas
	}},
	{"announcements", "DNN Announcements item: h3 'TITLE - date', description in div.Normal, then the creator in a div.Normal of its own, in <em>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<div class="DNN_ANN_ImageDiv"></div><div><h3>` + p.title + ` - ` + p.dmy + `</h3><div class="Normal">` + p.ps() + `</div><div class="Normal"><em>` + by + `</em></div></div>`
		return skinDiv(p.title, module("Announcements", 520, inner)), ns, p.onlyParas
	}},
	{"print-mode", "DNN print mode (dnnprintmode=true): no skin, the HTML module alone; byline right-aligned bold closing the text", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinPrint(p.title, htmlModule(784, p.title, "", p.ps()+right(by), "")), ns, p.onlyParas
	}},
	{"bootstrap-fa-icons", "bootstrap skin, EasyDNNnews info bar <ul class=list-inline> of <li><i class='fa fa-user'></i> X</li> between date and views", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<article class="edn_article edn_articleDetails"><h1 class="edn_articleTitle">` + p.title + `</h1>` +
			`<ul class="list-inline edn_meta"><li><i class="fa fa-calendar"></i> ` + p.dmy + `</li><li><i class="fa fa-user"></i> ` + by + `</li><li><i class="fa fa-eye"></i> ` + fmt.Sprint(p.views) + `</li></ul>` +
			`<div class="edn_articleContent">` + p.ps() + `</div></article>`
		return skinBootstrap(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"img-icons-infobar", "custom module info bar with <img alt='Tác giả'> icons instead of labels: '<img alt=Ngày đăng> date SA <img alt=Tác giả> X <img alt=Lượt xem> N'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		info := `<div class="news-info"><img src="/Portals/0/skins/icon-date.png" alt="Ngày đăng"> ` + p.dmy + ` ` + p.clock + ` &nbsp;&nbsp;<img src="/Portals/0/skins/icon-user.png" alt="Tác giả"> ` + by +
			` &nbsp;&nbsp;<img src="/Portals/0/skins/icon-view.png" alt="Lượt xem"> ` + fmt.Sprint(p.views) + `</div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"avatar-profile", "avatar + DNN profile link between title and content: <div class=edn_articleUser><a href=/Activity-Feed/userId/12><img alt=X></a> <a class=user-name>X</a> <span>date</span></div>", func(p pg) (string, []string, string) {
		by, ns := p.account()
		user := `<div class="edn_articleUser"><a href="/Activity-Feed/userId/12"><img src="/DnnImageHandler.ashx?mode=profilepic&amp;userId=12&amp;h=50&amp;w=50" alt="` + by + `" class="img-circle"></a> ` +
			`<a href="/Activity-Feed/userId/12" class="user-name">` + by + `</a> <span class="post-date">` + p.dmy + ` 08:30</span></div>`
		inner := `<article class="edn_article edn_articleDetails"><h1 class="edn_articleTitle">` + p.title + `</h1>` + user + `<div class="edn_articleContent">` + p.ps() + `</div></article>`
		return skinDiv(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"mobile-dup-meta", "meta line twice: div.hidden-xs 'date | Tác giả: X | Lượt xem' and div.visible-xs 'date<br>Tác giả: X'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		meta := p.dmy + `</div><div class="edn_metaDetails hidden-xs">` + p.dmy + ` | Tác giả: ` + by + ` | Lượt xem: ` + fmt.Sprint(p.views) + `</div><div class="edn_metaDetails visible-xs">` + p.dmy + `<br>Tác giả: ` + by
		return skinBootstrap(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"mobile-dup-end", "byline closing the text twice: <div class=hidden-xs style=text-align:right><strong>X</strong></div><div class='visible-xs text-right'><strong>X</strong></div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + `<div class="hidden-xs" style="text-align: right;"><strong>` + by + `</strong></div><div class="visible-xs text-right"><strong>` + by + `</strong></div>`
		return skinBootstrap(p.title, ednVN(p, p.dmy, "", content, "")), ns, p.onlyParas
	}},
	{"hidden-account-author", "a display:none span class=edn_articleAuthor naming another person (the editor's account 'Nguyễn Văn Nam'); the visible byline closes the text", func(p pg) (string, []string, string) {
		by, ns := p.free()
		meta := p.dmy + ` <span class="edn_articleAuthor" style="display:none">Tác giả: Nguyễn Văn Nam</span>`
		return skinDiv(p.title, ednVN(p, meta, "", p.ps()+right(by), "")), ns, p.onlyParas
	}},
	{"ctr-head-subhead", "byline in the container's head under the title label: <div class=c_head><h2><span class=Head>TITLE</span></h2><span class=SubHead>X</span></div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(775, p.title, `<span class="SubHead">`+by+`</span>`, p.ps(), "")), ns, p.onlyParas
	}},
	{"ctr-footer-label", "byline in the container's footer beside the print action: <div class=c_footer><span class=Normal>Người viết: X</span><a ..PRINTMODULE..><img alt=In></a></div>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		return skinDiv(p.title, htmlModule(776, p.title, "", p.ps(), `<span class="Normal">Người viết: `+by+`</span>&nbsp;`)), ns, p.onlyParas
	}},
	{"ctr-footer-bare", "bare byline in the container footer's left cell, syndicate/print icons right: <div class=c_footer><div class=c_footer_l><span class=SubHead>X</span></div>...", func(p pg) (string, []string, string) {
		by, ns := p.free()
		foot := `<div class="c_footer_l"><span class="SubHead">` + by + `</span></div><div class="c_footer_r"><a id="dnn_ctr777_dnnSYNDICATEMODULE_ctlSyndicateModuleAction" href="/RSS.aspx?mid=777"><img src="/images/action_rss.gif" alt="RSS"></a></div>`
		return skinDiv(p.title, htmlModule(777, p.title, "", p.ps(), foot)), ns, p.onlyParas
	}},
	{"lbl-ids-sa", "ASP.NET labels with neutral ids: <span id=..lblNgayDang>date 8:30:15 SA</span> <span id=..lblCreatedBy>X</span> before the text, no separator", func(p pg) (string, []string, string) {
		by, ns := p.free()
		pre := "dnn_ctr1120_ChiTietTin_"
		info := `<div class="news-info"><span id="` + pre + `lblNgayDang">` + p.dmy + ` ` + p.clock + `</span> <span id="` + pre + `lblCreatedBy">` + by + `</span></div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"dnnform-items", "DNN form pattern after the text: <div class=dnnFormItem><div class=dnnLabel><label><span id=..plCreator_lblLabel>Tác giả</span></label></div><span id=..lblCreator>X</span></div> (+ date, source items)", func(p pg) (string, []string, string) {
		by, ns := p.field()
		pre := "dnn_ctr1125_ViewTin_"
		item := func(pl, label, val string) string {
			return `<div class="dnnFormItem"><div class="dnnLabel"><label for="` + pre + `lbl` + pl + `"><span id="` + pre + `pl` + pl + `_lblLabel">` + label + `</span></label></div><span id="` + pre + `lbl` + pl + `">` + val + `</span></div>`
		}
		after := `<div class="dnnForm news-fields">` + item("Ngay", "Ngày đăng", p.dmy) + item("Creator", "Tác giả", by) + item("Nguon", "Nguồn tin", "Trung tâm VH-TT huyện") + `</div>`
		return skinDiv(p.title, custom(p, "", p.ps(), after)), ns, p.onlyParas
	}},
	{"info-table-after", "a one-row table after the text: <td>Ngày đăng: date</td><td>Người viết: X</td><td>Lượt xem: N</td>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		after := `<table class="tbl-info" width="100%"><tr><td>Ngày đăng: ` + p.dmy + `</td><td>Người viết: ` + by + `</td><td>Lượt xem: ` + fmt.Sprint(p.views) + `</td></tr></table>`
		return skinDiv(p.title, custom(p, "", p.ps(), after)), ns, p.onlyParas
	}},
	{"end-table-date-name", "closing the text, a table row: <td><em>(date)</em></td><td align=right><strong>X</strong></td>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + `<table width="100%"><tbody><tr><td><em>(` + p.dmy + `)</em></td><td align="right"><strong>` + by + `</strong></td></tr></tbody></table>`
		return skinDiv(p.title, htmlModule(778, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"edn-cf-table-top", "EasyDNNnews custom fields table before the content, labels without colon: <tr><td class=edn_label>Tác giả</td><td class=edn_value>X</td></tr><tr>..Nguồn tin..</tr>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		cf := `<table class="edn_customFields"><tr><td class="edn_label">Tác giả</td><td class="edn_value">` + by + `</td></tr><tr><td class="edn_label">Nguồn tin</td><td class="edn_value">Trung tâm VH-TT huyện</td></tr></table>`
		return skinDiv(p.title, ednVN(p, p.dmy, cf, p.ps(), "")), ns, p.onlyParas
	}},
	{"edn-cf-dl-end", "EasyDNNnews custom fields as <dl> after views/tags: <dt>Tác giả:</dt><dd>X</dd><dt>Nguồn tin:</dt><dd>Báo Hà Tĩnh</dd>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		after := `<dl class="edn_customFieldsList"><dt>Tác giả:</dt><dd>` + by + `</dd><dt>Nguồn tin:</dt><dd>Báo Hà Tĩnh</dd></dl>`
		return skinDiv(p.title, ednVN(p, p.dmy, "", p.ps(), after)), ns, p.onlyParas
	}},
	{"after-attachments", "HTML module: text, then attachments ('Tài liệu đính kèm:' + pdf link with icon), then the byline right-aligned bold", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + `<p><strong>Tài liệu đính kèm:</strong></p><p><a href="/Portals/0/2024/KH-` + fmt.Sprint(40+p.i) + `-UBND.pdf"><img src="/images/FileManager/Icons/pdf.gif" alt=""> KH-` + fmt.Sprint(40+p.i) + `-UBND.pdf</a></p>` + right(by)
		return skinDiv(p.title, htmlModule(779, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-then-images", "HTML module: text, byline right bold, then two centred photos (no captions)", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p style="text-align: center;"><img src="/Portals/0/2024/anh1.jpg" width="600" alt=""></p><p style="text-align: center;"><img src="/Portals/0/2024/anh2.jpg" width="600" alt=""></p>`
		return skinDiv(p.title, htmlModule(780, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-then-related", "HTML module: text, byline right bold, then 'Tin liên quan:' and a list of links inside the same Normal div", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p><strong>Tin liên quan:</strong></p><ul><li><a href="/tin-tuc/x5">Hội nghị giao ban công tác tháng 2 (28/02/2024)</a></li><li><a href="/tin-tuc/x6">Tập huấn chuyển đổi số cho cán bộ xã (21/02/2024)</a></li></ul>`
		return skinDiv(p.title, htmlModule(781, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-source-same-p", "byline and source in one right-aligned paragraph: <p align=right><strong>X</strong> <em>(Nguồn: Báo Hà Tĩnh)</em></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + `<p style="text-align: right;"><strong>` + by + `</strong> <em>(Nguồn: Báo Hà Tĩnh)</em></p>`
		return skinDiv(p.title, htmlModule(782, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"meta-sa-dash", "EasyDNNnews meta line, DNN vi-VN time then a dash and the byline: 'dd/mm/yyyy 8:30:15 SA - X'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, ednVN(p, p.dmy+` `+p.clock+` - `+by, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"meta-name-first-ch", "custom module meta line, byline first: <div class=news-meta>X | dd/mm/yyyy 2:15:00 CH</div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		info := `<div class="news-meta">` + by + ` | ` + p.dmy + ` ` + p.clock + `</div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"viet-boi", "meta line 'Viết bởi X lúc 8:30:15 SA, dd/mm/yyyy'", func(p pg) (string, []string, string) {
		by, ns := p.account()
		if p.i%2 == 1 {
			by, ns = p.name+" và "+p.other, []string{p.name, p.other}
		}
		return skinDiv(p.title, ednVN(p, `Viết bởi `+by+` lúc `+p.clock+`, `+p.dmy, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"label-zoo-end", "closing right-bold credit under other labels: 'Thực hiện:', 'Bài, ảnh:', 'Tin/ảnh:', 'PV:', 'Tác giả :' (space before colon), 'Bài và ảnh:', 'Tin và ảnh:', 'Nhóm PV:'", func(p pg) (string, []string, string) {
		labels := []string{"Thực hiện: ", "Bài, ảnh: ", "Tin/ảnh: ", "PV: ", "Tác giả : ", "Bài và ảnh: ", "Tin và ảnh: ", "Nhóm PV: "}
		by, ns := p.name, []string{p.name}
		if p.i%2 == 1 {
			by, ns = p.name+" - "+p.other, []string{p.name, p.other}
		}
		return skinDiv(p.title, htmlModule(783, p.title, "", p.ps()+right(labels[p.i%len(labels)]+by), "")), ns, p.onlyParas
	}},
	{"ctv-suffix", "closing byline of a collaborator: 'X (CTV)', 'X - CTV', 'CTV X', 'X, Y (Đài TT-TH huyện)' in right-aligned <em>", func(p pg) (string, []string, string) {
		forms := []func() (string, []string){
			func() (string, []string) { return p.name + " (CTV)", []string{p.name} },
			func() (string, []string) { return p.name + " - CTV", []string{p.name} },
			func() (string, []string) { return "CTV " + p.name, []string{p.name} },
			func() (string, []string) {
				return p.name + ", " + p.other + " (Đài TT-TH huyện)", []string{p.name, p.other}
			},
		}
		by, ns := forms[p.i%4]()
		return skinDiv(p.title, htmlModule(785, p.title, "", p.ps()+`<p style="text-align: right;"><em>`+by+`</em></p>`, "")), ns, p.onlyParas
	}},
	{"ethnic-names", "Central Highlands portal: byline right bold with ethnic minority names ('Ksor H'Ngọc', 'Rơ Châm Tuấn', 'Y Phôn Ksơr', 'H'Hen Niê', 'Siu Thị Hoa')", func(p pg) (string, []string, string) {
		en := []string{"Ksor H'Ngọc", "Rơ Châm Tuấn", "Y Phôn Ksơr", "H'Hen Niê", "Siu Thị Hoa"}
		q := p
		q.name, q.other = en[p.i%len(en)], en[(p.i+2)%len(en)]
		by, ns := q.free()
		return skinDiv(p.title, htmlModule(786, p.title, "", p.ps()+right(by), "")), ns, p.onlyParas
	}},
	{"rank-titles", "police/army portal: closing byline with ranks and degrees: 'Đại úy X', 'Thiếu tá X - Công an huyện', 'ThS. BS. X', 'Trung tá X, Thượng úy Y'", func(p pg) (string, []string, string) {
		forms := []func() (string, []string){
			func() (string, []string) { return "Đại úy " + p.name, []string{p.name} },
			func() (string, []string) { return "Thiếu tá " + p.name + " - Công an huyện", []string{p.name} },
			func() (string, []string) { return "ThS. BS. " + p.name, []string{p.name} },
			func() (string, []string) {
				return "Trung tá " + p.name + ", Thượng úy " + p.other, []string{p.name, p.other}
			},
		}
		by, ns := forms[p.i%4]()
		return skinDiv(p.title, htmlModule(787, p.title, "", p.ps()+`<p style="text-align: right;"><strong><em>`+by+`</em></strong></p>`, "")), ns, p.onlyParas
	}},
	{"title-row-table", "old table skin/module: title row <tr><td class=Head>TITLE</td><td class=SubHead align=right>X</td></tr>, then the text row", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<table class="news" width="100%" cellpadding="3"><tr><td class="Head">` + p.title + `</td><td class="SubHead" align="right" nowrap="nowrap">` + by + `</td></tr>` +
			`<tr><td colspan="2" class="SubHead">(` + p.dmy + `)</td></tr><tr><td colspan="2" class="Normal">` + p.ps() + `</td></tr></table>`
		return skinTable(p.title, module("TinTuc", 1130, inner)), ns, p.onlyParas
	}},
	{"ctr-title-author-module", "a second HTML module whose container title is 'Tác giả' and whose text is the byline alone", func(p pg) (string, []string, string) {
		by, ns := p.field()
		second := fmt.Sprintf(`<div class="DnnModule DnnModule-DNN_HTML DnnModule-789"><a name="789"></a><div class="c_container"><div class="c_head"><h2 class="c_title"><span id="dnn_ctr789_dnnTITLE_titleLabel" class="Head">Tác giả</span></h2></div>`+
			`<div class="c_content"><div id="dnn_ctr789_ContentPane"><div id="dnn_ctr789_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr789_HtmlModule_lblContent" class="Normal"><p>%s</p></div></div></div></div></div></div>`, by)
		return skinDiv(p.title, htmlModule(788, p.title, "", p.ps(), "")+second), ns, p.onlyParas
	}},
	{"meta-two-links", "EasyDNNnews meta_text: 'Tác giả: <a>X</a>, <a>Y</a><span class=separator>/</span>date<span class=separator>/</span>Số lượt xem (N)'", func(p pg) (string, []string, string) {
		links := `<a href="/tin-tuc/author/3">` + p.name + `</a>`
		ns := []string{p.name}
		if p.i%2 == 1 {
			links += `, <a href="/tin-tuc/author/5">` + p.other + `</a>`
			ns = append(ns, p.other)
		}
		sep := `<span class="separator">/</span>`
		meta := `<div class="meta_text">Tác giả: ` + links + sep + p.dmy + sep + fmt.Sprintf("Số lượt xem (%d)", p.views) + `</div>`
		return skinDiv(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"sr-only-labels", "meta line whose labels are screen-reader spans without colons: <span class=sr-only>Ngày đăng</span> date <span class=sr-only>Người viết</span> X", func(p pg) (string, []string, string) {
		by, ns := p.field()
		meta := `<span class="sr-only">Ngày đăng</span> ` + p.dmy + ` <span class="sr-only">Người viết</span> ` + by
		return skinBootstrap(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"date-paren-end", "closing right-aligned italic byline followed by the date in parentheses: 'X (dd/mm/yyyy)'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(790, p.title, "", p.ps()+`<p style="text-align: right;"><em>`+by+` (`+p.dmy+`)</em></p>`, "")), ns, p.onlyParas
	}},
	{"top-caps-bold", "byline opening the HTML module's text in capitals and bold: <p><strong>NGUYỄN THU HÀ</strong></p> then the paragraphs", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(791, p.title, "", `<p><strong>`+strings.ToUpper(by)+`</strong></p>`+p.ps(), "")), ns, p.onlyParas
	}},
	{"edn-subtitle", "EasyDNNnews subtitle field used for the byline: <h2 class=edn_subTitle>X</h2> under the title", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<div class="article details"><h1>` + p.title + `</h1><h2 class="edn_subTitle">` + by + `</h2><div class="meta_text no_margin">` + p.dmy + `</div><div class="main_content">` + p.ps() + `</div></div>`
		return skinDiv(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"content-top-info-table", "the HTML module's text opens with a label/value table: <tr><td>Tác giả:</td><td>X</td></tr><tr><td>Ngày:</td><td>date</td></tr>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		content := `<table border="0" cellpadding="2"><tbody><tr><td><strong>Tác giả:</strong></td><td>` + by + `</td></tr><tr><td><strong>Ngày:</strong></td><td>` + p.dmy + `</td></tr></tbody></table>` + p.ps()
		return skinDiv(p.title, htmlModule(792, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"lead-summary-edn-end-byline-br", "Vietnamese EDN with Detail_Summary lead; byline closes the content as '<p>last para<br><br><strong>X</strong></p>'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		last := len(p.paras) - 1
		content := wrap(p.paras[:last], plain) + `<p>` + p.paras[last] + `<br><br><strong>` + by + `</strong></p>`
		summary := `<div class="Detail_Summary"><p>` + p.lead + `</p></div>`
		return skinDiv(p.title, ednVN(p, p.dmy+" "+p.clock, summary, content, "")), ns, p.withLead
	}},
	{"span-lblTacGia-top-right", "custom module: <div align=right><span id=..lblNguon>Nguồn: Báo Hà Tĩnh</span> <span id=..lblNguoiDang>X</span></div> over the text (source then person)", func(p pg) (string, []string, string) {
		by, ns := p.free()
		pre := "dnn_ctr1120_ChiTietTin_"
		info := `<div align="right"><span id="` + pre + `lblNguon">Nguồn: Báo Hà Tĩnh</span> - <span id="` + pre + `lblThongTin">` + by + `</span></div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
}

// moreVariants are the DNN Blog's metadata column without a biography
// or with one in a paragraph, icon-only info lines, meta lines naming an
// approver and an uploader, and closing bylines followed by other
// articles, tags, comments or share buttons.
var moreVariants = []variant{
	{"blog-default-bio-p", "DNN Blog _default metadata: <div class=author><h5>Người viết</h5><a>X</a><p>biography</p></div> (bio in its own <p>)", func(p pg) (string, []string, string) {
		by, ns := p.account()
		return skinDiv(p.title, module("Blog", 652, blogDefault(p, `<a href="/tin-tuc/author/3">`+by+`</a><p>Phóng viên Trung tâm Văn hóa - Thông tin huyện.</p>`))), ns, p.onlyParas
	}},
	{"blog-default-nobio", "DNN Blog _default metadata: <div class=author><h5>Người viết</h5><a>X</a></div> (no biography)", func(p pg) (string, []string, string) {
		by, ns := p.account()
		return skinDiv(p.title, module("Blog", 653, blogDefault(p, `<a href="/tin-tuc/author/3">`+by+`</a>`))), ns, p.onlyParas
	}},
	{"fa-inline-spans", "info line of inline spans with icons, no labels or separators: <span><i class='fa fa-clock-o'></i> date</span> <span><i class='fa fa-user'></i> X</span> <span><i class='fa fa-eye'></i> N</span>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		meta := `<span><i class="fa fa-clock-o"></i> ` + p.dmy + ` 08:30</span> <span><i class="fa fa-user"></i> ` + by + `</span> <span><i class="fa fa-eye"></i> ` + fmt.Sprint(p.views) + `</span>`
		return skinBootstrap(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"fa-inline-spans-noviews", "info line of inline spans with icons, date then author only: <span><i class='fa fa-clock-o'></i> date</span> <span><i class='fa fa-user'></i> X</span>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		meta := `<span><i class="fa fa-clock-o"></i> ` + p.dmy + ` 08:30</span> <span><i class="fa fa-user"></i> ` + by + `</span>`
		return skinBootstrap(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"label-no-colon-meta", "EasyDNNnews meta_text localized without colon: 'Tác giả <a>X</a><span class=separator>/</span>date<span class=separator>/</span>Số lượt xem (N)'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		sep := `<span class="separator">/</span>`
		meta := `<div class="meta_text">Tác giả <a href="/tin-tuc/author/3">` + by + `</a>` + sep + p.dmy + sep + fmt.Sprintf("Số lượt xem (%d)", p.views) + `</div>`
		return skinDiv(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"meta-approver", "meta line with author, approver and uploader: 'Tác giả: X | Người duyệt: Nguyễn Văn Nam | Người đăng: bientap | date'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		meta := `Tác giả: ` + by + ` | Người duyệt: Nguyễn Văn Nam | Người đăng: bientap | ` + p.dmy + ` ` + p.clock
		return skinDiv(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"unit-first-meta-variants", "meta line opening with the byline and its unit: 'X - unit | date', 'X (unit) - date', 'X, unit | date'", func(p pg) (string, []string, string) {
		forms := []string{p.name + " - " + p.unit + " | " + p.dmy + " " + p.clock, p.name + " (" + p.unit + ") - " + p.dmy, p.name + ", " + p.unit + " | " + p.dmy, p.name + " - " + p.unit + " - " + p.dmy}
		info := `<div class="news-meta">` + forms[p.i%4] + `</div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), []string{p.name}, p.onlyParas
	}},
	{"byline-then-othernews-in-content", "HTML module: text, byline right bold, then 'Các tin đã đưa:' and dated links inside the same Normal div", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p><b>Các tin đã đưa:</b></p><p>- <a href="/tin-tuc/x5">Hội nghị giao ban công tác tháng 2</a> (28/02/2024)<br>- <a href="/tin-tuc/x6">Tập huấn chuyển đổi số cho cán bộ xã</a> (21/02/2024)</p>`
		return skinDiv(p.title, htmlModule(793, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-then-tags-in-content", "HTML module: text, byline right bold, then 'Từ khóa: ngân sách, đầu tư công' in the same Normal div", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p><em>Từ khóa: <a href="/tag/ngan-sach">ngân sách</a>, <a href="/tag/dau-tu-cong">đầu tư công</a></em></p>`
		return skinDiv(p.title, htmlModule(794, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-then-comments-unnamed", "byline right bold closing the text; readers' comments under it in unnamed markup: <div class=y-kien><h3>Ý kiến bạn đọc</h3><div class=item><strong>Nguyễn Văn Nam</strong> - date<p>..</p></div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		after := `<div class="y-kien"><h3>Ý kiến bạn đọc (2)</h3><div class="item"><strong>Nguyễn Văn Nam</strong> - ` + p.dmy + ` 09:15<p>Đề nghị huyện quan tâm hơn nữa đến đường giao thông nông thôn ở các xã vùng cao.</p></div>` +
			`<div class="item"><strong>Trần Thị Lan</strong> - ` + p.dmy + ` 14:40<p>Cảm ơn Ban biên tập đã đưa tin kịp thời.</p></div></div>`
		return skinDiv(p.title, custom(p, "", p.ps()+right(by), after)), ns, p.onlyParas
	}},
	{"byline-then-share-text", "HTML module: text, byline right bold, then a share widget's text 'Chia sẻ bài viết: Facebook Zalo' and 'Thích 0'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<div class="addthis_toolbox">Chia sẻ bài viết: <a class="addthis_button_facebook">Facebook</a> <a class="addthis_button_zalo">Zalo</a></div><div class="fb-like">Thích 0</div>`
		return skinDiv(p.title, htmlModule(795, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"three-names", "closing byline crediting three people: 'X, Y và Z', 'X - Y - Z', 'Nhóm PV: X, Y, Z'", func(p pg) (string, []string, string) {
		z := names[(p.i+5)%len(names)]
		forms := []string{p.name + ", " + p.other + " và " + z, p.name + " - " + p.other + " - " + z, "Nhóm PV: " + p.name + ", " + p.other + ", " + z}
		return skinDiv(p.title, htmlModule(796, p.title, "", p.ps()+right(forms[p.i%3]), "")), []string{p.name, p.other, z}, p.onlyParas
	}},
	{"unit-zoo", "closing byline with the units of communes, schools and unions: 'X - UBND xã Sơn Lĩnh', 'X (Trường THCS Lê Lợi)', 'X - Hội LHPN huyện', 'X - Phòng GD&ĐT', 'X - Công an xã Thạch Hà', 'X - Huyện đoàn'", func(p pg) (string, []string, string) {
		us := []string{" - UBND xã Sơn Lĩnh", " (Trường THCS Lê Lợi)", " - Hội LHPN huyện", " - Phòng GD&amp;ĐT", " - Công an xã Thạch Hà", " - Huyện đoàn", " - Đài TT-TH huyện", " (Chi cục Thuế khu vực)"}
		return skinDiv(p.title, htmlModule(797, p.title, "", p.ps()+right(p.name+us[p.i%len(us)]), "")), []string{p.name}, p.onlyParas
	}},
	{"th-suffix", "closing byline of compiled news: 'X (t/h)', 'X (tổng hợp)', 'X - tổng hợp', 'X (TH)'", func(p pg) (string, []string, string) {
		sf := []string{" (t/h)", " (tổng hợp)", " - tổng hợp", " (TH)"}
		return skinDiv(p.title, htmlModule(798, p.title, "", p.ps()+`<p style="text-align: right;"><em>`+p.name+sf[p.i%4]+`</em></p>`, "")), []string{p.name}, p.onlyParas
	}},
	{"source-then-person-pipe", "custom module top line: 'Nguồn: Báo Hà Tĩnh | Tác giả: X' vs 'Nguồn: Báo Hà Tĩnh | X' in right-aligned div", func(p pg) (string, []string, string) {
		by, ns := p.free()
		info := `<div align="right"><span id="dnn_ctr1120_ChiTietTin_lblNguon">Nguồn: Báo Hà Tĩnh</span> | <span id="dnn_ctr1120_ChiTietTin_lblThongTin">` + by + `</span></div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
}

// blogDefault is the DNN Blog's _default PostDetails template, author
// the markup in its "Người viết" metadata block.
func blogDefault(p pg, author string) string {
	return `<div class="blog-main-content"><span class="removeselection"><a href="/tin-tuc" title="Quay lại"><i class="fa fa-arrow-up icon16"></i></a></span><article id="post-` + fmt.Sprint(p.i) + `" class="bbs-article">` +
		`<header><div class="supertitle"><a href="/tin-tuc/term/12">Kinh tế</a></div><h1>` + p.title + `</h1></header><div class="content"><div class="metadata">` +
		`<div class="share-buttons"><h5>Chia sẻ</h5><div id="sharrre" data-url="/tin-tuc/post/1" data-text="share"></div></div>` +
		`<div class="author"><h5>Người viết</h5>` + author + `</div>` +
		`<div class="tags"><h5>Thẻ</h5><a class="tag" href="/tin-tuc/term/12">Kinh tế</a></div>` +
		`<div class="time"><div data-time="2024-03-12 08:30:00" class="momentabs">` + p.dmy + `</div></div></div>` +
		`<div class="body">` + p.ps() + `</div></div></article></div>`
}
