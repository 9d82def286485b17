package portals

import (
	"fmt"
	"strings"
)

// variants are the package's variants: one simulated site each, its
// outer layout after a real portal platform, its byline placed and
// written as that platform's pages do. The comment over each names what
// it reproduces.
func variants() []variant {
	return []variant{
		// Liferay (VNPT/Viettel e-portals, Hanoi's and Kon Tum's portals): the asset
		// publisher's full content, the byline right-aligned bold closing the text.
		{"liferay-right-bold", func(i int) pg {
			shown, who := pick([]int{0, 1, 4, 5, 8, 12, 15, 18}, i)
			ps := paras(i)
			content := wrap(ps, justP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// Liferay's asset metadata names the CMS user who published (an editor's
		// display name, a person's, one of two); the byline closes the text.
		{"liferay-metadata-user", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 1, 0, 15, 8, 9}, i)
			ps := paras(i)
			editor := []string{"Nguyễn Văn Nam", "Lương Thị Hạnh"}[i%2]
			meta := `<div class="asset-metadata"><span class="metadata-entry metadata-author"><img alt="" class="avatar" src="/image/user_male_portrait?img_id=1"> <span class="user-name">` + editor + `</span></span>` +
				`<span class="metadata-entry metadata-publish-date">` + date(i) + `</span><span class="metadata-entry metadata-view-count">` + fmt.Sprint(300+i) + ` Lượt xem</span></div>`
			content := wrap(ps, justP) + `<p style="text-align: right;"><em><strong>` + shown + `</strong></em></p>`
			return pg{liferay(i, content, meta), who, shown, ps}
		}},
		// A VNPT-style news detail with its own fields: the author's field, right-aligned
		// and bold, and the source's under it, between the text and the tools.
		{"vnpt-author-source-fields", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 0, 15, 12, 17}, i)
			ps := paras(i)
			h := head(title(i), "Cổng TTĐT tỉnh") + topBar("Cổng thông tin điện tử tỉnh") + `<div class="container"><div class="row"><div class="col-md-8">` +
				`<div class="news-detail"><h1 class="news-title">` + title(i) + `</h1><div class="news-date"><i class="fa fa-calendar"></i> ` + date(i) + ` ` + clock(i) + `</div>` +
				`<div class="news-sapo"><strong>` + lead(i) + `</strong></div><div class="news-content">` + wrap(ps, justP) + `</div>` +
				`<div class="news-author text-right"><b>` + shown + `</b></div><div class="news-source text-right"><i>Nguồn: Báo Lâm Đồng</i></div>` +
				`<div class="news-tools"><a href="#"><i class="fa fa-print"></i> In bài</a> <a href="#"><i class="fa fa-envelope"></i> Gửi email</a></div></div>` + related() +
				`</div><div class="col-md-4">` + sideBar(i) + `</div></div></div>` + bottom("Cổng thông tin điện tử tỉnh")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// An info bar of icons with no labels over the text: the calendar, the user, the eye.
		{"infobar-icons-top", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 0, 15, 8, 0, 6}, i)
			ps := paras(i)
			bar := `<ul class="list-inline post-meta"><li><i class="fa fa-calendar"></i> ` + date(i) + `</li><li><i class="fa fa-user"></i> ` + shown +
				`</li><li><i class="fa fa-eye"></i> ` + fmt.Sprint(200+i) + `</li></ul>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Glyphicons instead: the time, then the author, then the views, in spans of a post-info line.
		{"infobar-glyph-spans", func(i int) pg {
			shown, who := pick([]int{0, 4, 5, 8, 0, 9, 15, 1}, i)
			ps := paras(i)
			bar := `<div class="post-info"><span><span class="glyphicon glyphicon-time"></span> ` + clock(i) + ` ` + date(i) + `</span> ` +
				`<span><span class="glyphicon glyphicon-user"></span> ` + shown + `</span> <span><span class="glyphicon glyphicon-eye-open"></span> ` + fmt.Sprint(200+i) + `</span></div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The one-line info bar again, the views labelled: isolates the bare count.
		{"infobar-glyph-views-labelled", func(i int) pg {
			shown, who := pick([]int{0, 4, 5, 8, 0, 9, 15, 1}, i)
			ps := paras(i)
			bar := `<div class="post-info"><span><span class="glyphicon glyphicon-time"></span> ` + clock(i) + ` ` + date(i) + `</span> ` +
				`<span><span class="glyphicon glyphicon-user"></span> ` + shown + `</span> <span><span class="glyphicon glyphicon-eye-open"></span> Lượt xem: ` + fmt.Sprint(200+i) + `</span></div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The one-line info bar with pipes between its fields, the views a bare count after an eye icon.
		{"infobar-pipes-views-bare", func(i int) pg {
			shown, who := pick([]int{0, 4, 5, 8, 0, 9, 15, 1}, i)
			ps := paras(i)
			bar := `<div class="post-info"><span><i class="fa fa-clock-o"></i> ` + clock(i) + ` ` + date(i) + `</span> | ` +
				`<span><i class="fa fa-user"></i> ` + shown + `</span> | <span><i class="fa fa-eye"></i> ` + fmt.Sprint(200+i) + `</span></div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The one-line info bar without the views: date then the name.
		{"infobar-glyph-no-views", func(i int) pg {
			shown, who := pick([]int{0, 4, 5, 8, 0, 9, 15, 1}, i)
			ps := paras(i)
			bar := `<div class="post-info"><span><span class="glyphicon glyphicon-time"></span> ` + clock(i) + ` ` + date(i) + `</span> ` +
				`<span><span class="glyphicon glyphicon-user"></span> ` + shown + `</span></div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Reposts credited to a paper's writer: "X (Báo Bắc Giang)", "Theo X (baobacgiang.vn)", "Nguồn: X - Tuyên giáo huyện", "X - Phòng VH&TT huyện".
		{"repost-credit", func(i int) pg {
			shown, who := pick([]int{28, 29, 30, 31, 45, 28, 29, 30}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><em>` + strings.ReplaceAll(shown, "&", "&amp;") + `</em></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// Titles and ranks before the name: lawyer, specialist doctor, journalist, majors, engineer; capitals with a rank; capitals with the unit.
		{"titles-ranks", func(i int) pg {
			shown, who := pick([]int{38, 39, 40, 41, 42, 43, 44, 10}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// Collected and compiled texts on school and commune portals: "(st)", "(T/h)", "(sưu tầm)", "- st", "Sưu tầm:", "(tổng hợp)".
		{"suu-tam-marks", func(i int) pg {
			shown, who := pick([]int{32, 33, 34, 35, 36, 37, 32, 33}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{classicASP(i, content, ""), who, shown, ps}
		}},
		// A ministry's Liferay article (EcoIT): the byline in the right half of a row whose left half is the share buttons, after the content.
		{"liferay-row-share-author", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			h := head(title(i), "Bộ Công Thương") + topBar("Cổng thông tin điện tử Bộ Công Thương") + `<div id="p_p_id_CmsViewChiTietBaiViet_WAR_CmsViewEcoITportlet_"><div><div><div><section>` +
				`<div><header><a href="/c/1">Thời sự</a></header></div><article><h1>` + title(i) + `</h1><p>` + date(i) + ` ` + clock(i) + `</p><p id="change_font_size"><strong>` + lead(i) + `</strong></p>` +
				`<div id="contentnews">` + wrap(ps, plainP) + `</div><div class="row"><div class="col-md-6 share"><a href="#">Facebook</a> <a href="#">Twitter</a></div><div class="col-md-6 text-right">` + shown + `</div></div>` +
				`</article></section></div></div></div></div>` + sideBar(i) + bottom("Bộ Công Thương")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Under the text, a row: the author with an icon and a label on the left, print and mail on the right.
		{"author-row-under-text", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 0, 15, 12, 0}, i)
			ps := paras(i)
			after := `<div class="row article-footer"><div class="col-md-6 col-xs-12"><i class="fa fa-user"></i> Tác giả: ` + shown + `</div>` +
				`<div class="col-md-6 col-xs-12 text-right"><a href="#"><i class="fa fa-print"></i> In bài</a> <a href="#"><i class="fa fa-envelope"></i> Gửi email</a></div></div>`
			return pg{bootstrapDetail(i, `<div class="post-date">`+date(i)+`</div>`, wrap(ps, justP), after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// SharePoint ministry portals: title, date (pnHide), description, content, then the
		// pnNguontin panel with the byline in a <font>.
		{"sharepoint-pnNguontin", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 17, 15, 0, 12}, i)
			ps := paras(i)
			g := "ctl00_SPWebPartManager1_g_275cd07f_7dd8_4f62_97b3_19577a1ec443_ctl00_"
			body := `<div id="divArticleDescription3"><h1>` + title(i) + `</h1></div><div id="` + g + `pnHide"><span>` + date(i) + ` ` + clock(i) + `</span></div>` +
				`<div id="divArticleDescription1"><p>` + lead(i) + `</p></div><div id="divArticleDescription2">` + wrap(ps, func(p string) string { return `<p><span><span>` + p + `</span></span></p>` }) + `</div>` +
				`<div id="` + g + `pnNguontin" style="text-align: right;"><p><font color="#000000">` + shown + `</font></p></div>` +
				`<div id="` + g + `pnTinLienQuan"><div class="title">Tin liên quan</div><ul><li><a href="/a">Bộ trưởng làm việc với tỉnh về dự án cao tốc</a> (02/03/2024)</li><li><a href="/b">Khởi công cầu vượt sông</a> (01/03/2024)</li></ul></div>`
			return pg{sharepoint(i, body), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// MARD's SharePoint: the description block holds the lead, then the byline as a
		// plain second paragraph; the content in the RichHtmlField after it.
		{"sharepoint-desc-p2-author", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 0, 4, 15, 0, 12}, i)
			ps := paras(i)
			body := `<h1 id="txtTitle">` + title(i) + `</h1><div id="txtDateString">` + date(i) + ` ` + clock(i) + `</div>` +
				`<div id="divArticleDescription"><p>` + lead(i) + `</p><p>` + shown + `</p></div>` +
				`<div id="ctl00_PlaceHolderMain_ctl00_ctl07__ControlWrapper_RichHtmlField" class="ms-rtestate-field">` + wrap(ps, plainP) + `</div>` +
				`<div id="Tags">Từ khóa: <a href="/tag/1"><span>nông nghiệp</span></a> <a href="/tag/2"><span>xuất khẩu</span></a></div>`
			return pg{sharepoint(i, body), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// MOLISA's SharePoint: the text in divs, the byline a div of strong/em, empty divs around it.
		{"sharepoint-divs-strong-em", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 1, 15, 0, 2}, i)
			ps := paras(i)
			body := `<div id="ctl00_ctl50_g_8ad360dc_c37c_41f7_aa64_94b051f219f8"><div><div><h1>` + title(i) + `</h1><p>` + date(i) + ` ` + clock(i) + `</p></div></div>` +
				`<div id="divArticleDescription"><p><strong>` + lead(i) + `</strong></p>` + wrap(ps, func(p string) string { return `<div style="text-align: justify;">` + p + `</div>` }) +
				`<div>&nbsp;</div><div style="text-align: right;"><strong><em>` + shown + `</em></strong></div><div>&nbsp;</div></div></div>`
			return pg{sharepoint(i, body), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// MIC-style: the byline a strong paragraph after the date and before the description and the content.
		{"byline-strong-before-desc", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 0, 15, 12, 0}, i)
			ps := paras(i)
			body := `<div id="news_content"><div><h1>` + title(i) + `</h1><div><div><div>` + date(i) + ` ` + clock(i) + `</div></div></div>` +
				`<p><strong>` + shown + `</strong></p><div id="divArticleDescription"><p>` + lead(i) + `</p></div><div id="divArticleContent">` + wrap(ps, plainP) + `</div>` +
				`<p>Từ khóa: <a href="/tag/cds">chuyển đổi số</a></p></div></div>`
			return pg{sharepoint(i, body), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A WebSphere-portal ministry (defence): title in h1/span, the date in an h2, the
		// byline in a div after the content, <b><span>, often with a rank.
		{"websphere-b-span-rank", func(i int) pg {
			shown, who := pick([]int{11, 17, 0, 5, 8, 11, 4, 0}, i)
			ps := paras(i)
			h := head(title(i), "Cổng TTĐT Bộ") + topBar("Cổng thông tin điện tử Bộ") + `<div id="layoutContainers"><div><table><tbody><tr><td><table><tbody><tr><td><div><div>` +
				`<div class="wpthemeControl"></div><div class="wpthemeControl"></div><div class="wpthemeControl"></div><div class="wpthemeControl"><div class="contentBody">` +
				`<h1><span>` + title(i) + `</span></h1><h2>` + clock(i) + ` ` + date(i) + `</h2><div class="noidung"><p><b>` + lead(i) + `</b></p>` + wrap(ps, plainP) + `</div>` +
				`<div><b><span>` + shown + `</span></b></div></div></div></div></div></td></tr></tbody></table></td><td>` + sideBar(i) + `</td></tr></tbody></table></div></div>` + bottom("Cổng thông tin điện tử Bộ")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline a right-aligned paragraph neither bold nor italic (Oracle ADF finance portal: p/span).
		{"right-plain-span", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			content := wrap(ps, func(p string) string { return `<p style="text-align: justify;"><span>` + p + `</span></p>` }) + `<p style="text-align: right;"><span>` + shown + `</span></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// The byline the text's last paragraph, left-aligned and bare, as district editors type it.
		{"last-p-bare", func(i int) pg {
			shown, who := pick([]int{0, 5, 1, 8, 15, 0, 12, 2}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p>` + shown + `</p>`
			return pg{classicASP(i, content, ""), who, shown, ps}
		}},
		// Political-theory journals (Joomla K2): the author at the top, right-aligned:
		// an academic title and the name in capitals, the institution on the next line; then "(LLCT) - lead".
		{"journal-top-title-caps-unit", func(i int) pg {
			shown, who := pick([]int{23, 22, 21, 4, 23, 22, 21, 4}, i)
			ps := paras(i)
			inst := []string{"Học viện Chính trị, Bộ Quốc phòng", "Học viện Chính trị quốc gia Hồ Chí Minh", "Trường Chính trị tỉnh"}[i%3]
			content := `<p style="text-align: right;"><strong>` + shown + `</strong><br><em>` + inst + `</em></p><p><strong>(LLCT) - </strong>` + lead(i) + `</p>` + wrap(ps, justP)
			return pg{k2(i, content, ""), who, shown, append([]string{"(LLCT) - " + lead(i)}, ps...)}
		}},
		// Two authors at the top of a journal article, each over their institution.
		{"journal-top-two-authors", func(i int) pg {
			n, o := name(i), other(i)
			shown := "TS " + strings.ToUpper(n) + " - ThS " + strings.ToUpper(o)
			ps := paras(i)
			content := `<p style="text-align: right;"><strong>TS ` + strings.ToUpper(n) + `</strong><br><em>Trường Đại học Kinh tế quốc dân</em><br><strong>ThS ` + strings.ToUpper(o) +
				`</strong><br><em>Học viện Hành chính quốc gia</em></p><p><strong>(LLCT) - </strong>` + lead(i) + `</p>` + wrap(ps, justP)
			return pg{k2(i, content, ""), []string{n, o}, shown, append([]string{"(LLCT) - " + lead(i)}, ps...)}
		}},
		// NukeViet's news detail: "Tác giả:" and "Nguồn tin:" right-aligned under the bodytext,
		// the schema.org author in a div hidden by its classes (hidden hide d-none) under the title.
		{"nukeviet-author-source", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 6}, i)
			ps := paras(i)
			after := `<p class="h5 text-right"><strong>Tác giả: </strong>` + shown + `</p><p class="h5 text-right"><strong>Nguồn tin: </strong>Báo Quảng Ninh</p>`
			return pg{nukeviet(i, shown, wrap(ps, justP), after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// NukeViet: the hidden schema.org author is the poster's account (a person's name, one
		// editor on every page); the byline closes the bodytext.
		{"nukeviet-hidden-poster", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			body := wrap(ps, justP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{nukeviet(i, "Nguyễn Văn Nam", body, ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// VietSoftware's vPortal (VCMS): the content pasted inside a <p>, the author in
		// p.wd-actor after it, then the print/back tools and the older articles.
		{"vportal-wd-actor", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			h := head(title(i), "Cổng TTĐT") + topBar("Cổng thông tin điện tử") + `<form method="post" name="fm"><div class="wd-boxs"><h2 class="wd-tlh1-2">Tin hoạt động</h2><div class="wd-introduction">` +
				`<h3 class="wd-tlh3-4"><a href="#">` + title(i) + ` </a></h3><p class="wd-date">Ngày đăng: ` + date(i) + `</p><p style="font-weight:bold;color:#393939;"> ` + lead(i) + ` </p>` +
				`<p>` + wrap(ps, plainP) + `</p><p class="wd-actor">` + shown + `</p>` +
				`<div class="wd-bortop"><ul class="wd-outside-support"><li><a class="wd-print" href="#">&nbsp;In bài viết</a></li><li><a class="wd-back" href="#">&nbsp;Quay lại</a></li></ul></div>` +
				`<h3 class="wd-tlh3-3">Các tin đã đưa</h3><ul class="wd-other-news"><li><a href="/a">Hội nghị tổng kết năm&nbsp;<span>(12/01/2024)</span></a></li><li><a href="/b">Khai mạc hội chợ&nbsp;<span>(05/01/2024)</span></a></li></ul>` +
				`</div><div class="wd-rss"><a href="/c" class="link-read-more">Xem tiếp</a></div></div></form>` + bottom("Cổng thông tin điện tử")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Joomla 3: "Viết bởi Super User" in the article info; the byline closes the text.
		{"joomla-createdby-account", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 1, 15, 12, 0}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{joomla(i, "Super User", content), who, shown, ps}
		}},
		// Joomla 3 with the created-by alias set to the writer: "Viết bởi <span itemprop=name>X</span>", no byline in the text.
		{"joomla-createdby-alias", func(i int) pg {
			shown, who := pick([]int{0, 0, 5, 0, 4, 0, 15, 0}, i)
			ps := paras(i)
			return pg{joomla(i, shown, wrap(ps, plainP)), who, shown, ps}
		}},
		// Joomla K2: "Viết bởi <a rel=author>X</a>" in the item header, with the date and hits.
		{"k2-itemAuthor", func(i int) pg {
			shown, who := pick([]int{0, 0, 4, 0, 5, 0, 15, 0}, i)
			ps := paras(i)
			hdr := `<span class="itemAuthor">Viết bởi&nbsp;<a rel="author" title="` + shown + `" href="/tac-gia/` + fmt.Sprint(40+i%5) + `">` + shown + `</a></span>`
			return pg{k2(i, `<p>`+lead(i)+`</p>`+wrap(ps, justP), hdr), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// WordPress: the entry meta names the account ("bởi admin"); the byline closes the text.
		{"wp-admin-plus-end", func(i int) pg {
			shown, who := pick([]int{0, 5, 4, 8, 1, 15, 12, 2}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{wordpress(i, "admin", content), who, shown, ps}
		}},
		// WordPress: the author vcard holds the writer's display name; nothing in the text.
		{"wp-vcard-person", func(i int) pg {
			n := name(i)
			ps := paras(i)
			return pg{wordpress(i, n, wrap(ps, plainP)), []string{n}, n, ps}
		}},
		// WordPress with tagDiv's Newspaper theme: "Bởi <a>X</a> -" before the date.
		{"wp-tagdiv-author", func(i int) pg {
			n := name(i)
			ps := paras(i)
			h := head(title(i), "Báo điện tử Đảng bộ tỉnh") + topBar("Báo điện tử Đảng bộ tỉnh") + `<div class="td-main-content-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span8 td-main-content">` +
				`<article class="post type-post status-publish"><div class="td-post-header"><ul class="td-category"><li class="entry-category"><a href="/c/thoi-su/">Thời sự</a></li></ul>` +
				`<header class="td-post-title"><h1 class="entry-title">` + title(i) + `</h1><div class="td-module-meta-info"><div class="td-post-author-name"><div class="td-author-by">Bởi</div> <a href="/author/u` + fmt.Sprint(i%4) + `/">` + n + `</a><div class="td-author-line"> - </div></div>` +
				`<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="2024-03-` + fmt.Sprintf("%02d", day(i)) + `T08:00:00+07:00">` + date(i) + `</time></span>` +
				`<div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-1">` + fmt.Sprint(100+i) + `</span></div></div></header></div>` +
				`<div class="td-post-content tagdiv-type">` + wrap(ps, plainP) + `</div><footer><div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li><li><a href="/tag/a/">nông thôn mới</a></li></ul></div></footer></article>` +
				`</div><div class="td-pb-span4 td-main-sidebar">` + sideBar(i) + `</div></div></div></div>` + bottom("Báo điện tử Đảng bộ tỉnh")
			return pg{h, []string{n}, n, ps}
		}},
		// Drupal 7: the body field, then an author field labelled inline ("Tác giả:&nbsp;").
		{"drupal-field-tac-gia-inline", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 0}, i)
			ps := paras(i)
			fields := `<div class="field field-name-field-tac-gia field-type-text field-label-inline clearfix"><div class="field-label">Tác giả:&nbsp;</div><div class="field-items"><div class="field-item even">` + shown + `</div></div></div>`
			return pg{drupal(i, "bientap", wrap(ps, plainP), "", fields), who, shown, ps}
		}},
		// Drupal 7: "Gửi bởi <username> vào <date>" over the node, the author field labelled above, before the body.
		{"drupal-submitted-field-above", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 0}, i)
			ps := paras(i)
			fields := `<div class="field field-name-field-author field-type-text field-label-above"><div class="field-label">Tác giả:&nbsp;</div><div class="field-items"><div class="field-item even">` + shown + `</div></div></div>`
			return pg{drupal(i, "bientap", wrap(ps, plainP), fields, ""), who, shown, ps}
		}},
		// A party committee's ASP.NET portal: the article a layout table of labels, the
		// writer's label (lblTacGia) in its own right-aligned row.
		{"aspnet-table-lblTacGia", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			h := head(title(i), "Ban Tuyên giáo Tỉnh ủy") + `<form id="form1" method="post" action="./post.aspx">` + topBar("Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy") +
				`<table width="1000" align="center"><tr><td width="700" valign="top"><table class="tbl-news" width="100%">` +
				`<tr><td class="title"><span id="ContentPlaceHolder1_lblTieuDe" class="tieude">` + title(i) + `</span></td></tr>` +
				`<tr><td><span id="ContentPlaceHolder1_lblNgay" class="ngay">Cập nhật: ` + clock(i) + ` ` + date(i) + `</span></td></tr>` +
				`<tr><td><span id="ContentPlaceHolder1_lblTomTat" class="tomtat"><b>` + lead(i) + `</b></span></td></tr>` +
				`<tr><td><span id="ContentPlaceHolder1_lblNoiDung">` + wrap(ps, justP) + `</span></td></tr>` +
				`<tr><td align="right"><span id="ContentPlaceHolder1_lblTacGia" style="font-weight:bold;">` + shown + `</span></td></tr>` +
				`<tr><td>` + related() + `</td></tr></table></td><td width="300" valign="top">` + sideBar(i) + `</td></tr></table></form>` + bottom("Ban Tuyên giáo Tỉnh ủy")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A leader's article on a party portal: the name in capitals, right-aligned bold,
		// the position in italics in the paragraph under it.
		{"party-name-over-position", func(i int) pg {
			n := name(i)
			ps := paras(i)
			pos := []string{"Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Huyện ủy", "Phó Bí thư Thường trực Huyện ủy", "Chủ tịch UBND huyện"}[i%3]
			content := wrap(ps, justP) + `<p style="text-align: right;"><strong>` + strings.ToUpper(n) + `</strong></p><p style="text-align: right;"><em>` + pos + `</em></p>`
			return pg{classicASP(i, content, ""), []string{n}, strings.ToUpper(n), ps}
		}},
		// A provincial paper: the byline a right-aligned bold paragraph between the sapo and the content, no class names it.
		{"paper-between-sapo-content", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 1, 15, 2, 12}, i)
			ps := paras(i)
			h := head(title(i), "Báo Bắc Giang") + topBar("Báo Bắc Giang điện tử") + `<div class="main"><div class="detail">` +
				`<h1 class="detail-title">` + title(i) + `</h1><div class="detail-time">` + clock(i) + ` ` + date(i) + `</div><h2 class="detail-sapo">(BBG) - ` + lead(i) + `</h2>` +
				`<p class="text-right"><strong>` + shown + `</strong></p><div class="detail-content">` + wrap(ps, plainP) + `</div>` + related() + `</div>` + sideBar(i) + `</div>` + bottom("Báo Bắc Giang")
			return pg{h, who, shown, append([]string{"(BBG) - " + lead(i)}, ps...)}
		}},
		// The Party's paper style: a box-author of capitals over the title's lead.
		{"paper-box-author-caps-top", func(i int) pg {
			n := name(i)
			ps := paras(i)
			h := head(title(i), "Báo Nhân Dân") + topBar("Báo Nhân Dân điện tử") + `<div class="main"><article class="article-detail"><h1 class="article__title">` + title(i) + `</h1>` +
				`<div class="box-author"><strong>` + strings.ToUpper(n) + `</strong></div><div class="box-date">` + clock(i) + ` ` + date(i) + `</div>` +
				`<div class="article__sapo">` + lead(i) + `</div><div class="article__body">` + wrap(ps, plainP) + `</div></article>` + related() + `</div>` + bottom("Báo Nhân Dân")
			return pg{h, []string{n}, strings.ToUpper(n), append([]string{lead(i)}, ps...)}
		}},
		// A figure with its caption closes the text, the byline right under it.
		{"figure-caption-then-byline", func(i int) pg {
			shown, who := pick([]int{2, 1, 0, 5, 18, 13, 8, 2}, i)
			ps := paras(i)
			cap := fmt.Sprintf("Các đại biểu tham quan mô hình sản xuất số %d.", i)
			content := wrap(ps, plainP) + `<figure class="image"><img src="/a.jpg" alt=""><figcaption>` + cap + `</figcaption></figure><p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// The byline both in the meta line shown on wide screens and under the text shown on phones (Bootstrap 4's d-none/d-md-block).
		{"mobile-dup-dnone", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			bar := `<div class="meta">` + date(i) + ` <span class="author d-none d-md-inline">` + shown + `</span></div>`
			after := `<div class="author d-block d-md-none text-right"><strong>` + shown + `</strong></div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Bootstrap 3: the closing byline twice, one hidden on phones, one only on phones.
		{"mobile-dup-hidden-xs", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			content := wrap(ps, justP) + `<p class="hidden-xs" style="text-align: right;"><b>` + shown + `</b></p><p class="visible-xs-block"><b>` + shown + `</b></p>`
			return pg{bootstrapDetail(i, `<div class="post-date">`+date(i)+`</div>`, content, ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline with its date under the text: "X | 12/03/2024 08:30".
		{"author-date-under", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			after := `<div class="author-date">` + shown + ` | ` + date(i) + ` ` + clock(i) + `</div>`
			return pg{bootstrapDetail(i, "", wrap(ps, justP), after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The closing byline followed by its date, ", ngày d/m/yyyy" in the same italic line.
		{"byline-comma-date", func(i int) pg {
			n := name(i)
			ps := paras(i)
			shown := n + ", ngày " + fmt.Sprintf("%d/3/2024", day(i))
			content := wrap(ps, plainP) + `<p style="text-align: right;"><em>` + shown + `</em></p>`
			return pg{classicASP(i, content, ""), []string{n}, n, ps}
		}},
		// A credits table under the text: label and value cells of one row ("Tác giả:", the name, "Nguồn:", the paper).
		{"credits-table-one-row", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 0}, i)
			ps := paras(i)
			after := `<table class="tbl-info" width="100%"><tr><td width="15%"><b>Tác giả:</b></td><td width="35%">` + shown + `</td><td width="15%"><b>Nguồn:</b></td><td>Báo Bắc Ninh</td></tr></table>`
			return pg{classicASP(i, wrap(ps, plainP), after), who, shown, ps}
		}},
		// Labels and marks of all kinds in a right-aligned bold closing paragraph: "Bài và ảnh:", "(CTV)", "CTV", "PV", "Nhóm PV", "Phóng viên:", "Thực hiện:".
		{"labels-cycle", func(i int) pg {
			shown, who := pick([]int{2, 6, 14, 16, 7, 25, 20, 26}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// Credits split "Tin: X; Ảnh: Y", "Bài: X - Ảnh: Y", three names, ranks with units.
		{"credits-mixed", func(i int) pg {
			shown, who := pick([]int{27, 13, 24, 17, 18, 12, 10, 19}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong><em>` + shown + `</em></strong></p>`
			return pg{liferay(i, content, ""), who, shown, ps}
		}},
		// Pen names that look like places or words.
		{"pen-names", func(i int) pg {
			pens := []string{"Lam Giang", "Xuân Trường", "Hạnh Nguyên", "Trà My", "Sơn Hà", "Thanh Hà", "Nguyên Khôi", "Hồng Lĩnh"}
			n := pens[i%len(pens)]
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + n + `</strong></p>`
			return pg{liferay(i, content, ""), []string{n}, n, ps}
		}},
		// The Public Security ministry style: the author in a div whose class names the source ("nguon-tin"), after the content div.
		{"div-class-nguontin-person", func(i int) pg {
			shown, who := pick([]int{17, 11, 0, 5, 8, 17, 4, 0}, i)
			ps := paras(i)
			h := head(title(i), "Bộ Công an") + topBar("Cổng thông tin điện tử Bộ Công an") + `<div id="ctl00_ctl30_g_a823d20f_9452_45d0_bad1_428f6d2d36fe"><div><div><ul><li><a href="/c/1">Tin hoạt động</a></li></ul></div>` +
				`<div><h1>` + title(i) + `</h1><div><div>` + date(i) + ` ` + clock(i) + `</div></div><div class="sapo">` + lead(i) + `</div><div></div><div class="content"><div>` + wrap(ps, plainP) + `</div></div>` +
				`<div class="nguon-tin">` + shown + `</div></div></div></div>` + sideBar(i) + bottom("Bộ Công an")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// An ASP.NET label for the information source (lblNguonThongTin) in a second control under the text, holding a person.
		{"lblNguonThongTin-person", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 0}, i)
			ps := paras(i)
			h := head(title(i), "Ủy ban Dân tộc") + `<form method="post" id="form1">` + topBar("Cổng thông tin điện tử Ủy ban Dân tộc") + `<div id="BodyContent_ctl00_ctl01_pnl">` +
				`<h1 id="BodyContent_ctl00_ctl01_newsTitle">` + title(i) + `</h1><span id="BodyContent_ctl00_ctl01_lblDate">` + date(i) + ` ` + clock(i) + `</span>` +
				`<div id="BodyContent_ctl00_ctl01_newsContent" class="sapo">` + lead(i) + `</div><div id="divNewsDetails">` + wrap(ps, plainP) + `</div></div>` +
				`<div id="BodyContent_ctl00_ctl02_pnl" class="news-footer"><span id="BodyContent_ctl00_ctl02_lblNguonThongTin">` + shown + `</span></div>` + related() + `</form>` + bottom("Ủy ban Dân tộc")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
		// "Ghi chép của X" / "Phóng sự của X": a feature's credit over its lead.
		{"top-ghi-chep", func(i int) pg {
			n := name(i)
			kind := []string{"Ghi chép của ", "Phóng sự của ", "Bút ký của "}[i%3]
			shown := kind + n
			ps := paras(i)
			content := `<p style="text-align: center;"><em>` + shown + `</em></p>` + wrap(ps, justP)
			return pg{liferay(i, content, ""), []string{n}, shown, ps}
		}},
		// The byline and the unit in one right-aligned paragraph: the name bold, the unit not, apart with a dash.
		{"bold-name-plain-unit", func(i int) pg {
			n := name(i)
			ps := paras(i)
			shown := n + " - " + unit(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + n + `</strong> - ` + unit(i) + `</p>`
			return pg{classicASP(i, content, ""), []string{n}, shown, ps}
		}},
		// The text ending with "./." (the end mark of official writing) in the last paragraph, the byline after it on a <br> of the same paragraph.
		{"endmark-br-byline", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			ps2 := append([]string{}, ps...)
			ps2[len(ps2)-1] = strings.TrimSuffix(ps2[len(ps2)-1], ".") + "./."
			content := wrap(ps2[:len(ps2)-1], plainP) + `<p>` + ps2[len(ps2)-1] + `<br><br><strong>` + shown + `</strong></p>`
			return pg{classicASP(i, content, ""), who, shown, ps2}
		}},
		// A print-only copy of the credit, hidden with display:none, beside the visible one.
		{"print-only-dup", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><strong>` + shown + `</strong></p>`
			after := `<div class="print-only" style="display:none">Tác giả: ` + shown + ` - In ngày 06/12/2026</div>`
			return pg{bootstrapDetail(i, `<div class="post-date">`+date(i)+`</div>`, content, after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline in the page's h2 subtitle-like line right under the title, "Tác giả: X - date".
		{"under-title-label-date", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 0}, i)
			ps := paras(i)
			bar := `<div class="under-title"><em>` + clock(i) + `, ` + date(i) + ` - Tác giả: ` + shown + `</em></div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline on a line of its own inside the sapo block, before the lead ("X - (lead)").
		{"byline-inside-sapo-first", func(i int) pg {
			shown, who := pick([]int{0, 5, 8, 4, 15, 0, 12, 1}, i)
			ps := paras(i)
			h := head(title(i), "Cổng TTĐT tỉnh") + topBar("Cổng thông tin điện tử tỉnh") + `<div class="container"><div class="news-detail"><h1 class="news-title">` + title(i) + `</h1>` +
				`<div class="news-date">` + date(i) + `</div><div class="sapo"><p><em>` + shown + `</em></p><p><strong>` + lead(i) + `</strong></p></div><div class="news-content">` + wrap(ps, plainP) + `</div></div>` + related() + sideBar(i) + `</div>` + bottom("Cổng thông tin điện tử tỉnh")
			return pg{h, who, shown, append([]string{lead(i)}, ps...)}
		}},
	}
}

// Platform shells: the outer page of each portal platform, around the
// article markup a variant gives.

// liferay is a Liferay 6.2 asset publisher's full content.
func liferay(i int, content, meta string) string {
	return head(title(i), "Cổng TTĐT huyện") + `<div id="wrapper">` + topBar("Cổng thông tin điện tử huyện") + `<div id="content"><div class="columns-2"><div class="portlet-column portlet-column-first" id="column-1">` +
		`<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" id="p_p_id_101_INSTANCE_Ab3dEf_"><section class="portlet"><div class="portlet-content"><div class="asset-full-content default-asset-publisher show-asset-title">` +
		`<div class="asset-title-container"><h3 class="header-title"><span>` + title(i) + `</span></h3></div>` + meta +
		`<div class="asset-content"><div class="journal-content-article">` + content + `</div></div>` +
		`<div class="asset-ratings"><span>Đánh giá bài viết</span></div></div>` + related() + `</div></section></div></div><div class="portlet-column portlet-column-last" id="column-2">` + sideBar(i) + `</div></div></div></div>` + bottom("Cổng thông tin điện tử huyện")
}

// sharepoint wraps a ministry portal's web part body.
func sharepoint(i int, body string) string {
	return head(title(i), "Cổng TTĐT Bộ") + `<form method="post" action="./chi-tiet.aspx" id="aspnetForm"><div id="s4-workspace"><div id="s4-bodyContainer">` + topBar("Cổng thông tin điện tử Bộ") +
		`<div class="main-content"><div class="col-left">` + body + `</div>` + sideBar(i) + `</div></div></div></form>` + bottom("Cổng thông tin điện tử Bộ")
}

// bootstrapDetail is a custom portal's news detail on Bootstrap: a title, the meta bar, the sapo, the content, what follows it.
func bootstrapDetail(i int, bar, content, after string) string {
	return head(title(i), "Cổng TTĐT") + topBar("Cổng thông tin điện tử") + `<div class="container"><div class="row"><div class="col-md-9"><ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ol>` +
		`<div class="post-detail"><h1 class="post-title">` + title(i) + `</h1>` + bar + `<div class="post-sapo"><strong>` + lead(i) + `</strong></div>` +
		`<div class="post-content">` + content + `</div>` + after + `</div>` + related() + `</div><div class="col-md-3">` + sideBar(i) + `</div></div></div>` + bottom("Cổng thông tin điện tử")
}

// classicASP is an old custom portal: a layout table, the title in a span, the text in a td.
func classicASP(i int, content, after string) string {
	return head(title(i), "Trang TTĐT huyện") + `<form id="form1" method="post">` + topBar("Trang thông tin điện tử huyện") +
		`<table width="980" align="center" cellpadding="0" cellspacing="0"><tr><td width="200" valign="top" class="left"><ul><li><a href="/a">Giới thiệu chung</a></li><li><a href="/b">Tin hoạt động</a></li><li><a href="/c">Văn bản chỉ đạo</a></li></ul></td>` +
		`<td valign="top"><table width="100%"><tr><td class="title"><span id="lblTitle" class="Head">` + title(i) + `</span></td></tr><tr><td class="date">Ngày ` + date(i) + `</td></tr>` +
		`<tr><td class="content">` + content + `</td></tr><tr><td>` + after + `</td></tr><tr><td>` + related() + `</td></tr></table></td></tr></table></form>` + bottom("Trang thông tin điện tử huyện")
}

// k2 is a Joomla K2 item: the header (hdr after the date), the full text.
func k2(i int, content, hdr string) string {
	return head(title(i), "Tạp chí Lý luận chính trị") + topBar("Tạp chí Lý luận chính trị") + `<div id="k2Container" class="itemView"><div class="itemHeader">` +
		`<span class="itemDateCreated">Thứ hai, ` + fmt.Sprint(day(i)) + ` Tháng 3 2024 ` + clock(i) + `</span><span class="itemHits">` + fmt.Sprint(4000+i*13) + ` Lượt xem</span>` +
		`<h2 class="itemTitle">` + title(i) + `</h2>` + hdr + `</div><div class="itemBody"><div class="itemFullText">` + content + `</div></div>` +
		`<div class="itemLinks"><div class="itemTagsBlock"><span>Từ khóa</span><ul class="itemTags"><li><a href="/tag/1">cải cách hành chính</a></li></ul></div></div>` +
		`<div class="itemRelated"><h3>Bài viết liên quan</h3><ul><li><a href="/r/1">Đổi mới sắp xếp tổ chức bộ máy</a></li></ul></div></div>` + sideBar(i) + bottom("Tạp chí Lý luận chính trị")
}

// nukeviet is NukeViet 4's news detail: the hidden schema.org author, the time, the hometext, the bodytext, after it.
func nukeviet(i int, schemaAuthor, body, after string) string {
	return head(title(i), "Cổng TTĐT xã") + topBar("Cổng thông tin điện tử xã") + `<div class="wraper"><div class="col-md-16"><div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope><div class="panel-body">` +
		`<h1 itemprop="headline">` + title(i) + `</h1><div class="hidden hide d-none" itemprop="author" itemtype="http://schema.org/Person" itemscope><span itemprop="name">` + schemaAuthor + `</span></div>` +
		`<span class="hidden hide d-none" itemprop="datePublished">2024-03-` + fmt.Sprintf("%02d", day(i)) + `T08:00:00+07:00</span>` +
		`<div class="hidden hide d-none" itemprop="publisher" itemtype="http://schema.org/Organization" itemscope><span itemprop="name">UBND xã</span></div>` +
		`<em class="time">` + date(i) + ` ` + clock(i) + `</em><hr /><div id="hometext"><div class="h2" itemprop="description">` + lead(i) + `</div></div>` +
		`<div class="bodytext">` + body + `</div>` + after + `<hr /><div class="keywords"><em class="fa fa-tags">&nbsp;</em><strong>Tags: </strong><a href="/tag/a"><em>nông thôn mới</em></a></div>` +
		`</div></div><p><strong>Tin cùng chuyên mục</strong></p><ul class="related"><li><em class="fa fa-angle-right">&nbsp;</em><a href="/r1">Hội nghị tổng kết năm 2023</a> <em>(12/01/2024)</em></li></ul></div>` + sideBar(i) + `</div>` + bottom("Cổng thông tin điện tử xã")
}

// joomla is a Joomla 3 article with its info block ("Viết bởi").
func joomla(i int, createdBy, content string) string {
	return head(title(i), "Cổng TTĐT xã") + topBar("Cổng thông tin điện tử xã") + `<div id="content"><div class="item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="vi-VN" />` +
		`<div class="page-header"><h2 itemprop="headline">` + title(i) + `</h2></div><dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>` +
		`<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Viết bởi <span itemprop="name">` + createdBy + `</span></dd>` +
		`<dd class="category-name">Chuyên mục: <a href="/tin-tuc" itemprop="genre">Tin tức - Sự kiện</a></dd>` +
		`<dd class="published"><span class="icon-calendar" aria-hidden="true"></span><time datetime="2024-03-` + fmt.Sprintf("%02d", day(i)) + `T08:00:00+07:00" itemprop="datePublished">Ngày đăng: ` + date(i) + `</time></dd>` +
		`<dd class="hits"><span class="icon-eye-open" aria-hidden="true"></span><meta itemprop="interactionCount" content="UserPageVisits:` + fmt.Sprint(100+i) + `" />Lượt xem: ` + fmt.Sprint(100+i) + `</dd></dl>` +
		`<div itemprop="articleBody">` + content + `</div><ul class="pager pagenav"><li class="previous"><a href="/p" rel="prev">Trước</a></li><li class="next"><a href="/n" rel="next">Tiếp</a></li></ul></div></div>` + sideBar(i) + bottom("Cổng thông tin điện tử xã")
}

// wordpress is a WordPress post: entry header with the byline vcard, the content, the footer.
func wordpress(i int, author, content string) string {
	return head(title(i), "Trang TTĐT") + topBar("Trang thông tin điện tử") + `<div id="primary" class="content-area"><main id="main" class="site-main"><article id="post-` + fmt.Sprint(900+i) + `" class="post type-post status-publish format-standard hentry">` +
		`<header class="entry-header"><h1 class="entry-title">` + title(i) + `</h1><div class="entry-meta"><span class="posted-on">Đăng vào <a href="/p/" rel="bookmark"><time class="entry-date published" datetime="2024-03-` + fmt.Sprintf("%02d", day(i)) + `T08:00:00+07:00">` + fmt.Sprintf("Tháng Ba %d, 2024", day(i)) + `</time></a></span>` +
		`<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/u` + fmt.Sprint(i%3) + `/">` + author + `</a></span></span></div></header>` +
		`<div class="entry-content">` + content + `</div><footer class="entry-footer"><span class="cat-links">Đăng trong <a href="/c/tin-tuc/" rel="category tag">Tin tức</a></span></footer></article>` +
		`<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/prev/">Bài trước</a></div></div></nav></main></div>` + sideBar(i) + bottom("Trang thông tin điện tử")
}

// drupal is a Drupal 7 node: submitted line, fields before the body, the body field, fields after it.
func drupal(i int, user, body, before, after string) string {
	return head(title(i), "Cổng TTĐT thành phố") + topBar("Cổng thông tin điện tử thành phố") + `<div id="main"><div id="content" class="column"><h1 class="title" id="page-title">` + title(i) + `</h1>` +
		`<div id="node-` + fmt.Sprint(500+i) + `" class="node node-article node-promoted clearfix"><div class="submitted"><span property="dc:date dc:created" datatype="xsd:dateTime">Gửi bởi <span class="username" typeof="sioc:UserAccount" property="foaf:name">` + user + `</span> vào T3, ` + date(i) + ` - ` + clock(i) + `</span></div>` +
		`<div class="content">` + before + `<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">` + body + `</div></div></div>` + after +
		`<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-above"><div class="field-label">Tags:&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/taxonomy/term/1">đô thị</a></div></div></div></div>` +
		`<ul class="links inline"><li class="node-readmore first last"><a href="/print/` + fmt.Sprint(500+i) + `">In trang</a></li></ul></div></div>` + sideBar(i) + `</div>` + bottom("Cổng thông tin điện tử thành phố")
}
