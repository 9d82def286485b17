package dnn

import "fmt"

// layoutVariants are bylines in page layouts of their own: a DNN 4
// table container, a meta line above the title, EasyDNNnews's print
// view, a RadEditor text written in divs.
var layoutVariants = []variant{
	{"dnn4-span-holder", "DNN 4 table container: <span id=dnn_ctr383_HtmlModule_HtmlHolder class=Normal> holding the <p>s and <p align=right><b>X</b></p>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		ctr := `<table class="containermaster_blue" cellspacing="0" cellpadding="5" align="center" border="0"><tr><td class="containerrow1_blue"><table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td valign="middle" nowrap><span id="dnn_ctr383_dnnTITLE_lblTitle" class="Head">` + p.title + `</span></td></tr></table></td></tr>` +
			`<tr><td class="containerrow2_blue"><div id="dnn_ctr383_ContentPane" align="left"><div id="dnn_ctr383_ModuleContent"><span id="dnn_ctr383_HtmlModule_HtmlHolder" class="Normal">` + p.ps() + `<p align="right"><b>` + by + `</b></p></span></div></div></td></tr></table>`
		return skinTable(p.title, ctr), ns, p.onlyParas
	}},
	{"byline-above-title", "meta line above the title: <div class=top-info><span>X</span> | <span>date</span></div><h1>TITLE</h1>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<article class="edn_article edn_articleDetails"><div class="top-info"><span>` + by + `</span> | <span>` + p.dmy + `</span></div><h1 class="edn_articleTitle">` + p.title + `</h1><div class="edn_articleContent">` + p.ps() + `</div></article>`
		return skinDiv(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"edn-print-view", "EasyDNNnews print view: portal name header, title, date, text, byline right bold, then 'Địa chỉ bài viết: URL' footer", func(p pg) (string, []string, string) {
		by, ns := p.free()
		inner := `<div class="edn_printHeader"><img src="/Portals/0/logo.png" alt="Cổng thông tin điện tử huyện"> CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN</div><h1>` + p.title + `</h1><div class="edn_printDate">` + p.dmy + ` ` + p.clock + `</div>` +
			`<div class="edn_printContent">` + p.ps() + right(by) + `</div>` + fmt.Sprintf(`<div class="edn_printFooter">Địa chỉ bài viết: https://huyen.gov.vn/tin-tuc/articleid/%d</div>`, 1000+p.i)
		return skinPrint(p.title, edn(inner)), ns, p.onlyParas
	}},
	{"radeditor-div-nbsp", "RadEditor text of <div>s: the byline in <div style=text-align:right><span style=font-size:small><b>X</b></span></div> then <div>&nbsp;</div><div>&nbsp;</div>", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := wrap(p.paras, func(s string) string { return `<div style="text-align: justify;">` + s + `</div>` }) + `<div>&nbsp;</div><div style="text-align: right;"><span style="font-size: small;"><b>` + by + `</b></span></div><div>&nbsp;</div><div>&nbsp;</div>`
		return skinDiv(p.title, htmlModule(809, p.title, "", content, "")), ns, p.onlyParas
	}},
}
