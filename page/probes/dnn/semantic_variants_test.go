package dnn

// semanticVariants are HTML5 article headers and footers, the tools' row
// holding the byline, module footers far from the title, table layouts
// and custom modules' author spans.
var semanticVariants = []variant{
	{"article-header-meta", "HTML5 article header: <article><header><h1>title</h1><p class=meta>date | X</p></header>, the title's and byline's element a <header>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, module("News", 900, `<article class="news"><header><h1>`+p.title+`</h1><p class="meta">`+p.dmy+` | `+by+`</p></header><div class="content">`+p.ps()+`</div></article>`)), ns, p.onlyParas
	}},
	{"article-footer-author", "HTML5 article footer: <article>…<footer class=entry-meta><span class=author>X</span></footer></article>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, module("News", 901, `<article class="news"><h1>`+p.title+`</h1><div class="content">`+p.ps()+`</div><footer class="entry-meta"><span class="author">`+by+`</span></footer></article>`)), ns, p.onlyParas
	}},
	{"tools-row-byline", "the byline sharing the tools' row under the title: <div class=tools>X <a>In bài</a> <a>Gửi email</a></div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, module("News", 902, `<div class="news-detail"><h1>`+p.title+`</h1><div class="tools">`+by+` <a href="#">In bài</a> <a href="#">Gửi email</a></div><div class="content">`+p.ps()+`</div></div>`)), ns, p.onlyParas
	}},
	{"news-footer-deep", "closing byline in the module's own footer, far below the title: <div class=wrap><div class=box><div class=news-footer><p right><b>X</b></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, module("News", 903, `<div class="news-detail"><div class="head"><div class="t"><h1>`+p.title+`</h1></div></div><div class="body"><div class="inner"><div class="content">`+p.ps()+`</div></div></div><div class="wrap"><div class="box"><div class="news-footer"><p style="text-align:right"><b>`+by+`</b></p></div></div></div></div>`)), ns, p.onlyParas
	}},
	{"news-header-spans", "date and byline in spans of the module's header block with the title: <div class=news-header><h1/><span class=date/><span class=by>X</span>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, module("News", 904, `<div class="news-detail"><div class="news-header"><h1>`+p.title+`</h1><span class="date">`+p.dmy+`</span><span class="by">`+by+`</span></div><div class="content">`+p.ps()+`</div></div>`)), ns, p.onlyParas
	}},
	{"table-last-row", "table layout: title row, content row, a last row right-aligned holding the byline", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, module("News", 905, `<table class="tblNews"><tr><td class="title"><h1>`+p.title+`</h1></td></tr><tr><td class="content">`+p.ps()+`</td></tr><tr><td align="right"><b>`+by+`</b></td></tr></table>`)), ns, p.onlyParas
	}},
	{"byline-in-last-p-strong", "the byline bold at the end of the last paragraph: '… đợt một. <strong>X</strong></p>'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		ps := p.ps()
		return skinDiv(p.title, htmlModule(906, p.title, "", ps[:len(ps)-4]+` <strong>`+by+`</strong></p>`, "")), ns, ""
	}},
	{"td-right-after-content", "the text in one table, the byline right-aligned in a table of its own after it", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(907, p.title, "", `<table width="100%"><tr><td>`+p.ps()+`</td></tr></table><table width="100%"><tr><td align="right"><em>`+by+`</em></td></tr></table>`, "")), ns, p.onlyParas
	}},
	{"span-lblAuthor-under-title", "custom module: date and byline spans apart by a <br> under the title: <span id=..lblNgayDang/><br/><span id=..lblAuthor class=author>X</span>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		pre := "dnn_ctr1120_ChiTietTin_"
		info := `<div class="info"><span id="` + pre + `lblNgayDang">` + p.dmy + `</span><br/><span id="` + pre + `lblAuthor" class="author">` + by + `</span></div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"div-nguoiviet-end", "custom module: the byline after the text in <div class=nguoiviet><span id=..lblNguoiViet>X</span></div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		pre := "dnn_ctr1120_ChiTietTin_"
		after := `<div class="nguoiviet"><span id="` + pre + `lblNguoiViet">` + by + `</span></div>`
		return skinDiv(p.title, custom(p, "", p.ps(), after)), ns, p.onlyParas
	}},
}
