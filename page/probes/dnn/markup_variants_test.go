package dnn

import (
	"fmt"
	"strings"
)

// markupVariants are bylines in markup the other variants leave out:
// HTML5 elements (address, cite, small, section, figure, dl), the
// editors' formatting of a closing byline (nested spans, font tags,
// &nbsp;, a text indented in a blockquote, a single <br> in the last
// paragraph), the lines a byline shares (category, tags, tools, share
// counts, notes and sources after it), writer and photographer on two
// lines, and English-localized DNN skins.
var markupVariants = []variant{
	{"address-end", "HTML5 <address class=author>X</address> after the content div, inside the article", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<article class="edn_article edn_articleDetails"><h1 class="edn_articleTitle">` + p.title + `</h1><div class="edn_metaDetails">` + p.dmy + `</div>` +
			`<div class="edn_articleContent">` + p.ps() + `</div><address class="author">` + by + `</address></article>`
		return skinDiv(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"address-top-rel-author", "HTML5 header under the title: <address class=author>Bởi <a rel=author href=/tac-gia/..>X</a></address> <time datetime>date</time>", func(p pg) (string, []string, string) {
		by, ns := p.account()
		inner := `<article class="news"><header><h1>` + p.title + `</h1><address class="author">Bởi <a rel="author" href="/tac-gia/` + fmt.Sprint(3+p.i%4) + `">` + by + `</a></address> <time datetime="2024-03-` + p.dmy[:2] + `T08:30:00+07:00">` + p.dmy + `</time></header>` +
			`<div class="content">` + p.ps() + `</div></article>`
		return skinDiv(p.title, module("News", 910, inner)), ns, p.onlyParas
	}},
	{"cite-end", "closing byline in a right-aligned <p><cite>X</cite></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(911, p.title, "", p.ps()+`<p style="text-align: right;"><cite>`+by+`</cite></p>`, "")), ns, p.onlyParas
	}},
	{"small-end", "closing byline in Bootstrap small text: <p class=text-right><small><strong>X</strong></small></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinBootstrap(p.title, htmlModule(912, p.title, "", p.ps()+`<p class="text-right"><small><strong>`+by+`</strong></small></p>`, "")), ns, p.onlyParas
	}},
	{"small-meta-top", "meta line in <p><small>Đăng ngày <time>date</time> bởi X</small></p> between title and text", func(p pg) (string, []string, string) {
		by, ns := p.field()
		inner := `<div class="news-detail"><h1>` + p.title + `</h1><p class="post-meta"><small>Đăng ngày <time datetime="2024-03-` + p.dmy[:2] + `">` + p.dmy + `</time> bởi ` + by + `</small></p>` +
			`<div class="content">` + p.ps() + `</div></div>`
		return skinBootstrap(p.title, module("News", 913, inner)), ns, p.onlyParas
	}},
	{"blockquote-indented-text", "editor indented the whole text with the toolbar: <blockquote><p>..</p>..<p style=text-align:right><strong>X</strong></p></blockquote>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(914, p.title, "", `<blockquote>`+p.ps()+right(by)+`</blockquote>`, "")), ns, p.onlyParas
	}},
	{"section-wrappers", "HTML5 sections: <section class=article-body>text</section><section class=article-author><p>X</p></section>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<article><h1 class="article-title">` + p.title + `</h1><section class="article-meta"><span class="date">` + p.dmy + `</span></section>` +
			`<section class="article-body">` + p.ps() + `</section><section class="article-author"><p>` + by + `</p></section></article>`
		return skinBootstrap(p.title, module("News", 915, inner)), ns, p.onlyParas
	}},
	{"image-desc-table-then-byline", "text, then a CKEditor captioned image (<table class=image><tr><td><img></td></tr><tr><td class=image_desc>caption</td></tr></table>), then right bold byline", func(p pg) (string, []string, string) {
		by, ns := p.free()
		cap := fmt.Sprintf("Quang cảnh hội nghị giao ban đợt %d", p.i)
		content := p.ps() + `<table class="image" align="center"><tbody><tr><td><img src="/Portals/0/2024/anh1.jpg" width="600" alt=""></td></tr><tr><td class="image_desc">` + cap + `</td></tr></tbody></table>` + right(by)
		return skinDiv(p.title, htmlModule(916, p.title, "", content, "")), ns, p.onlyParas + "\n\n" + cap
	}},
	{"figure-then-byline-p", "text, <figure class=image><img><figcaption>caption</figcaption></figure> last, then the byline as a plain right-aligned <p> (no bold)", func(p pg) (string, []string, string) {
		by, ns := p.free()
		cap := fmt.Sprintf("Đại biểu dự hội nghị giao ban đợt %d", p.i)
		content := p.ps() + `<figure class="image"><img src="/Portals/0/2024/anh2.jpg" alt=""><figcaption>` + cap + `</figcaption></figure><p style="text-align: right;">` + by + `</p>`
		return skinDiv(p.title, htmlModule(917, p.title, "", content, "")), ns, p.onlyParas + "\n\n" + cap
	}},
	{"dl-top-nocolon", "definition list of the article's data between title and text, labels without colon: <dl class=info><dt>Tác giả</dt><dd>X</dd><dt>Ngày đăng</dt><dd>date</dd></dl>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		info := `<dl class="info"><dt>Tác giả</dt><dd>` + by + `</dd><dt>Ngày đăng</dt><dd>` + p.dmy + ` ` + p.clock + `</dd><dt>Lượt xem</dt><dd>` + fmt.Sprint(p.views) + `</dd></dl>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"dl-horizontal-end", "Bootstrap <dl class=dl-horizontal> after the text: <dt>Người viết:</dt><dd>X</dd><dt>Nguồn:</dt><dd>Đài TT-TH huyện</dd>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		after := `<dl class="dl-horizontal"><dt>Người viết:</dt><dd>` + by + `</dd><dt>Nguồn:</dt><dd>Đài TT-TH huyện</dd></dl>`
		return skinBootstrap(p.title, custom(p, "", p.ps(), after)), ns, p.onlyParas
	}},
	{"category-line-byline", "one line under the title with the category link, the byline and the date: <div class=meta><a>Kinh tế</a> | X | date</div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		info := `<div class="news-meta"><a href="/tin-tuc/kinh-te" class="cat">Kinh tế</a> | ` + by + ` | ` + p.dmy + ` ` + p.clock + `</div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"tags-line-byline", "after the text, tags and byline on one line: <div class=tags-author>Từ khóa: <a>..</a>, <a>..</a> <span class=author>Tác giả: X</span></div>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		after := `<div class="tags-author">Từ khóa: <a href="/tag/ngan-sach">ngân sách</a>, <a href="/tag/dau-tu-cong">đầu tư công</a> <span class="author">Tác giả: ` + by + `</span></div>`
		return skinDiv(p.title, custom(p, "", p.ps(), after)), ns, p.onlyParas
	}},
	{"pipe-span-glyphicons", "info line of spans with glyphicons and '|' in spans of their own: <span><i class='glyphicon glyphicon-time'></i> date</span><span class=sep>|</span><span><i class='glyphicon glyphicon-user'></i> X</span><span class=sep>|</span><span>Kinh tế</span>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		sep := `<span class="sep">|</span>`
		meta := `<span class="date"><i class="glyphicon glyphicon-time"></i> ` + p.dmy + `</span>` + sep + `<span class="author"><i class="glyphicon glyphicon-user"></i> ` + by + `</span>` + sep + `<span class="cat"><i class="glyphicon glyphicon-folder-open"></i> <a href="/tin-tuc/kinh-te">Kinh tế</a></span>`
		return skinBootstrap(p.title, ednVN(p, meta, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"byline-sup-note", "closing byline with a note mark, the note after it: <p right><strong>X<sup>(*)</sup></strong></p><p><em>(*) Chuyên viên Phòng Văn hóa và Thông tin huyện</em></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by+`<sup>(*)</sup>`) + `<p><em>(*) Chuyên viên Phòng Văn hóa và Thông tin huyện</em></p>`
		return skinDiv(p.title, htmlModule(918, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-star-contest-note", "closing byline, then a note line: '(*) Bài viết tham gia Cuộc thi viết về ... năm 2024'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p><em>(*) Bài viết tham gia Cuộc thi viết về gương điển hình tiên tiến trong học tập và làm theo Bác năm 2024.</em></p>`
		return skinDiv(p.title, htmlModule(919, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-then-nguon-line", "closing byline right bold, then a separate right italic line 'Nguồn: Báo Hà Tĩnh'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p style="text-align: right;"><em>Nguồn: Báo Hà Tĩnh</em></p>`
		return skinDiv(p.title, htmlModule(920, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"byline-then-tools-end", "custom module: byline right bold closing the text, then the tools row <div class=tools><a>In bài</a> | <a>Gửi email</a> | <a>Về đầu trang</a></div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		tools := `<div class="tools"><a href="#" onclick="window.print()"><img src="/images/print.gif" alt=""> In bài</a> | <a href="mailto:?subject=tin"><img src="/images/email.gif" alt=""> Gửi email</a> | <a href="#top">Về đầu trang</a></div>`
		return skinDiv(p.title, custom(p, "", p.ps()+right(by), tools)), ns, p.onlyParas
	}},
	{"byline-then-share-counts", "closing byline, then social share counters: <div class=share><span>Chia sẻ</span> <a>Facebook <span class=count>12</span></a> <a>Zalo <span class=count>3</span></a></div> and 'Lượt xem: N'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		share := fmt.Sprintf(`<div class="share"><span>Chia sẻ</span> <a class="fb" href="#">Facebook <span class="count">%d</span></a> <a class="zalo" href="#">Zalo <span class="count">%d</span></a></div><div class="views">Lượt xem: %d</div>`, 10+p.i, p.i%5, p.views)
		return skinDiv(p.title, htmlModule(921, p.title, "", p.ps()+right(by)+share, "")), ns, p.onlyParas
	}},
	{"caps-unit-date-paren", "closing byline in capitals with its unit, then the date in parentheses: 'NGUYỄN THU HÀ - TRUNG TÂM VH-TT HUYỆN (12/03/2024)'", func(p pg) (string, []string, string) {
		forms := []string{p.name + " - " + p.unit, p.name + " (Đài TT-TH huyện)"}
		by := strings.ToUpper(forms[p.i%2]) + " (" + p.dmy + ")"
		return skinDiv(p.title, htmlModule(922, p.title, "", p.ps()+right(by), "")), []string{p.name}, p.onlyParas
	}},
	{"last-p-single-br-em", "byline in the last paragraph after one <br>: '<p>last sentence.<br><em>X</em></p>'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		last := len(p.paras) - 1
		content := wrap(p.paras[:last], plain) + `<p>` + p.paras[last] + `<br><em>` + by + `</em></p>`
		return skinDiv(p.title, htmlModule(923, p.title, "", content, "")), ns, ""
	}},
	{"writer-photographer-lines", "two right-aligned bold lines: 'Bài: X' then 'Ảnh: Y' (both credited, as the portals' 'Bài: X - Ảnh: Y' is)", func(p pg) (string, []string, string) {
		content := p.ps() + right("Bài: "+p.name) + right("Ảnh: "+p.other)
		return skinDiv(p.title, htmlModule(924, p.title, "", content, "")), []string{p.name, p.other}, p.onlyParas
	}},
	{"nested-span-strong-em", "closing byline deep in editor spans: <p right><span style=font-size:14px><span style=font-family:times new roman><strong><em>X</em></strong></span></span></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		end := `<p style="text-align: right;"><span style="font-size:14px;"><span style="font-family:times new roman,times,serif;"><strong><em>` + by + `</em></strong></span></span></p>`
		return skinDiv(p.title, htmlModule(925, p.title, "", p.ps()+end, "")), ns, p.onlyParas
	}},
	{"font-tags-align-right", "old editor markup: paragraphs in <font face size=3>, byline <p align=right><font face='Times New Roman' size=3><b><i>X</i></b></font></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := wrap(p.paras, func(s string) string {
			return `<p align="justify"><font face="Times New Roman" size="3">` + s + `</font></p>`
		}) +
			`<p align="right"><font face="Times New Roman" size="3"><b><i>` + by + `</i></b></font></p>`
		return skinTable(p.title, htmlModule(926, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"nbsp-byline", "closing byline padded and joined with &nbsp;: <p right>&nbsp;&nbsp;<strong>Tác giả:&nbsp;X&nbsp;-&nbsp;unit&nbsp;</strong></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		by = strings.ReplaceAll(strings.ReplaceAll(by, " - ", "&nbsp;-&nbsp;"), ": ", ":&nbsp;")
		end := `<p style="text-align: right;">&nbsp;&nbsp;<strong>` + by + `&nbsp;</strong></p><p>&nbsp;</p>`
		return skinDiv(p.title, htmlModule(927, p.title, "", p.ps()+end, "")), ns, p.onlyParas
	}},
	{"name-br-unit-end", "closing byline on two lines of one right paragraph: <p right><strong>X</strong><br><em>unit</em></p>", func(p pg) (string, []string, string) {
		us := []string{p.unit, "Đài Truyền thanh - Truyền hình huyện", "UBND xã Sơn Lĩnh"}
		end := `<p style="text-align: right;"><strong>` + p.name + `</strong><br><em>` + us[p.i%3] + `</em></p>`
		return skinDiv(p.title, htmlModule(928, p.title, "", p.ps()+end, "")), []string{p.name}, p.onlyParas
	}},
	{"top-left-label-em", "byline opening the text, left-aligned and labelled, in italics: <p><em>Tác giả: X</em></p> then the paragraphs", func(p pg) (string, []string, string) {
		by, ns := p.field()
		return skinDiv(p.title, htmlModule(929, p.title, "", `<p><em>Tác giả: `+by+`</em></p>`+p.ps(), "")), ns, p.onlyParas
	}},
	{"byline-then-references", "closing byline right bold, then <hr> and 'Tài liệu tham khảo:' with a numbered list of cited works", func(p pg) (string, []string, string) {
		by, ns := p.free()
		refs := `<hr><p><strong>Tài liệu tham khảo:</strong></p><ol><li>Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII, Nxb Chính trị quốc gia Sự thật, Hà Nội, 2021.</li><li>Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023 của UBND huyện.</li></ol>`
		return skinDiv(p.title, htmlModule(930, p.title, "", p.ps()+right(by)+refs, "")), ns, p.onlyParas
	}},
	{"edn-english-meta", "English EasyDNNnews default template: <div class=meta_text>Author: <a>X</a><span class=separator>/</span>Tuesday, March 12, 2024<span class=separator>/</span>Number of views (N)</div>, 'Categories:' and 'Tags:' boxes", func(p pg) (string, []string, string) {
		by, ns := p.account()
		sep := `<span class="separator">/</span>`
		inner := `<div class="article details"><h1>` + p.title + `</h1><div class="meta_text">Author: <a href="/tin-tuc/author/3">` + by + `</a>` + sep + fmt.Sprintf("March %d, 2024", p.i%27+1) + sep + fmt.Sprintf("Number of views (%d)", p.views) + sep + `Comments (0)</div>` +
			`<div class="main_content">` + p.ps() + `</div><div class="box_list_container">Categories: <a href="/tin-tuc/kinh-te">Kinh tế</a></div><div class="box_list_container">Tags: <a href="/tag/ngan-sach">ngân sách</a></div></div>`
		return skinDiv(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"blog-english-posted-by", "DNN Blog with English resources: <div class=vbHeader>Posted by <a>X</a> on <span>3/12/2024</span></div>", func(p pg) (string, []string, string) {
		by, ns := p.account()
		inner := `<div class="dnnForm dnnViewEntry dnnClear"><h2>` + p.title + `</h2>` +
			`<div class="vbHeader dnnClear">Posted by <a href="/tin-tuc/author/3">` + by + `</a> on <span>` + fmt.Sprintf("3/%d/2024", p.i%27+1) + `</span></div>` +
			`<div class="vbBody dnnClear">` + p.ps() + `</div><div class="vbFooter dnnClear"><a href="/tin-tuc/post/` + fmt.Sprint(p.i) + `" class="BlogComments">Comments (0)</a></div></div>`
		return skinDiv(p.title, module("Blog", 660, inner)), ns, p.onlyParas
	}},
	{"english-by-meta", "English custom skin meta line: <div class=meta>By X | March 12, 2024</div> under the title", func(p pg) (string, []string, string) {
		by, ns := p.account()
		if p.i%2 == 1 {
			by, ns = p.name+" and "+p.other, []string{p.name, p.other}
		}
		info := `<div class="news-meta">By ` + by + ` | ` + fmt.Sprintf("March %d, 2024", p.i%27+1) + `</div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"ul-meta-labels-end", "after the text a list of labelled fields: <ul class=post-info><li><span>Ngày đăng:</span> date</li><li><span>Tác giả:</span> X</li><li><span>Chuyên mục:</span> <a>Kinh tế</a></li></ul>", func(p pg) (string, []string, string) {
		by, ns := p.field()
		after := `<ul class="post-info"><li><span>Ngày đăng:</span> ` + p.dmy + `</li><li><span>Tác giả:</span> ` + by + `</li><li><span>Chuyên mục:</span> <a href="/tin-tuc/kinh-te">Kinh tế</a></li></ul>`
		return skinDiv(p.title, custom(p, "", p.ps(), after)), ns, p.onlyParas
	}},
}
