package page

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dra-archive/dra/facts"
)

// scaffoldPlaces are where and how scaffoldPage signs.
var scaffoldPlaces = []string{"last-right", "last-right-font", "last-inline-br", "first-date-author", "head-span", "last-nbsp-gap",
	"last-div-right-table", "after-related", "last-span-normal", "center-name", "last-justify", "byline-h4", "name-date-right",
	"after-caption", "container-footer", "container-footer-label", "bold-label", "address", "cite", "small", "hr-then-name", "mso-op",
	"blockquote", "name-stop", "label-name-stop"}

// leadPlaces are where a byline sits around an article module's lead
// ("summary"), its title and its date: the "article" scaffold's alone.
var leadPlaces = []string{"summary-last", "summary-first", "between", "subtitle", "between-label"}

// scaffoldPage is page i of a portal laid out as scaffold ("classic": DNN's
// HTML module in its container; "table": a layout table; "article": a
// news module's title, date, lead and content apart), its byline
// placed as place says; with the names it credits and the article's body.
func scaffoldPage(scaffold, place string, i int) (string, []string, string) {
	name := probeNames[i%len(probeNames)]
	title := fmt.Sprintf("Hội nghị sơ kết công tác quý %d năm 202%d của huyện số %d", i%4+1, i%5, i)
	var paras []string
	for k := 0; k < 3+i%2; k++ {
		paras = append(paras, fmt.Sprintf(probeParas[(i+k)%len(probeParas)], 100+i*7+k))
	}
	date := fmt.Sprintf("%02d/03/2024", i%27+1)
	content := wrapEach(paras, plain)
	head, after := "", ""
	lead := fmt.Sprintf("Sáng ngày %d/3, UBND huyện tổ chức hội nghị sơ kết công tác quý với %d đại biểu tham dự.", i%27+1, 50+i)
	summaryPre, summaryPost, between, sub := "", "", "", ""
	caption := fmt.Sprintf("Ảnh: Quang cảnh hội nghị sơ kết quý %d, số %d", i%4+1, i)
	switch place {
	case "last-right":
		content += `<p align="right"><b>` + name + `</b></p>`
	case "last-right-font":
		content += `<p align="right"><font face="Times New Roman" size="3"><b><i>` + name + `</i></b></font></p>`
	case "last-inline-br":
		content = strings.TrimSuffix(content, "</p>") + `<br><b>` + name + `</b></p>`
	case "first-date-author":
		content = `<p><i>Ngày ` + date + ` - Tác giả: ` + name + `</i></p>` + content
	case "head-span":
		head = `<span class="SubHead">` + date + ` | ` + name + `</span>`
	case "last-nbsp-gap":
		content += `<p>&nbsp;</p><p>&nbsp;</p><p style="text-align:right"><strong>` + name + `</strong></p>`
	case "last-div-right-table":
		content += `<table width="100%"><tr><td align="right"><b>` + name + `</b></td></tr></table>`
	case "after-related":
		content += `<div class="related"><b>Các tin khác</b><ul><li><a href="/a">Tin khác một (01/03/2024)</a></li><li><a href="/b">Tin khác hai (02/03/2024)</a></li></ul></div><p align="right"><b>` + name + `</b></p>`
	case "last-span-normal":
		content += `<span class="Normal" style="float:right"><b>` + name + `</b></span>`
	case "center-name":
		content += `<p style="text-align:center"><b>` + name + `</b></p>`
	case "last-justify":
		content += `<p style="text-align:justify"><b>` + name + `</b></p>`
	case "byline-h4":
		content += `<h4 class="author">` + name + `</h4>`
	case "name-date-right":
		content += `<p align="right"><i>` + name + ` - ` + date + `</i></p>`
	case "after-caption":
		content += `<p align="center"><img src="/a.jpg"></p><p align="center"><em>` + caption + `</em></p><p align="right"><b>` + name + `</b></p>`
	case "container-footer":
		after = `<div class="c_footer"><span class="author">` + name + `</span></div>`
	case "container-footer-label":
		after = `<div class="c_footer">Người đăng: ` + name + ` | Cập nhật: ` + date + `</div>`
	case "bold-label":
		content += `<p><b>Tác giả:</b> ` + name + `</p>`
	case "address":
		content += `<address class="author">` + name + `</address>`
	case "cite":
		content += `<p align="right"><cite>` + name + `</cite></p>`
	case "small":
		content += `<p align="right"><small>` + name + `</small></p>`
	case "hr-then-name":
		content += `<hr><div class="author-name">` + name + `</div>`
	case "mso-op":
		content += `<p class="MsoNormal" align="right" style="text-align:right"><b><span lang="VI">` + name + `<o:p></o:p></span></b></p>`
	case "name-stop":
		content += `<p align="right"><b>` + name + `.</b></p>`
	case "label-name-stop":
		content += `<p align="right"><b>Tin, ảnh: ` + name + `.</b></p>`
	case "summary-last":
		summaryPost = `<p class="author">` + name + `</p>`
	case "summary-first":
		summaryPre = `<p><strong>` + name + `</strong></p>`
	case "between":
		between = `<div class="article-author">` + name + `</div>`
	case "subtitle":
		sub = `<h2 class="subtitle">` + name + `</h2>`
	case "between-label":
		between = `<div><span>Tác giả</span><span>` + name + `</span></div>`
	case "blockquote":
		content += `<blockquote><p>` + name + `</p></blockquote>`
	}
	var b strings.Builder
	b.WriteString(`<html><head><title>` + title + `</title></head><body><form id="Form" action="/x" method="post"><div id="dnn_wrapper"><div class="banner"><a href="/"><img alt="Cổng thông tin điện tử huyện"></a></div><div id="dnn_nav"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul></div>`)
	switch scaffold {
	case "classic":
		b.WriteString(`<div id="dnn_ContentPane" class="contentpane"><div class="DnnModule DnnModule-DNN_HTML"><div class="c_container"><div class="c_head"><h2 class="c_title"><span id="dnn_ctr1234_dnnTITLE_titleLabel" class="Head">` + title + `</span></h2></div>` + head + `<div class="c_content"><div id="dnn_ctr1234_ContentPane"><div class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr1234_HtmlModule_lblContent" class="Normal"><p><i>Ngày đăng: ` + date + `</i></p>` + content + `</div></div></div></div>` + after + `</div></div></div>`)
	case "article":
		b.WriteString(`<div id="dnn_ContentPane"><div class="dnnArticle"><h1 class="article_title">` + title + `</h1>` + sub + head +
			`<div class="article_date">` + date + `</div><div class="article_summary">` + summaryPre + `<p>` + lead + `</p>` + summaryPost + `</div>` + between +
			`<div class="article_content">` + content + `</div>` + after + `</div></div>`)
	case "table":
		b.WriteString(`<table width="100%"><tr><td class="leftpane" width="200"><ul><li><a href="/a">Thủ tục hành chính</a></li><li><a href="/b">Văn bản</a></li></ul></td><td class="contentpane"><table><tr><td class="title"><span class="Head">` + title + `</span></td></tr><tr><td>` + head + `<span class="date">(` + date + `)</span></td></tr><tr><td class="Normal">` + content + `</td></tr><tr><td>` + after + `</td></tr></table></td></tr></table>`)
	}
	b.WriteString(`<div id="dnn_footer"><p>Cơ quan chủ quản: UBND huyện. Điện thoại: 024.3827.1234. Giấy phép số 12/GP-TTĐT ngày 01/02/2018.</p><p>Lượt truy cập: 1234567</p></div></div></form></body></html>`)
	if place == "after-caption" {
		paras = append(paras, caption) // a caption is the article's
	}
	if scaffold == "article" {
		paras = append([]string{lead}, paras...)
	}
	return b.String(), []string{name}, strings.Join(paras, "\n\n")
}

// TestScaffoldBylines puts the byline where DNN's classic HTML module
// and table-laid portals put it (the content one "Normal" block under
// the container's title span; a layout table), in each of the forms
// editors give it, and reads 8 pages of each with the generic extractor
// and with the template learned from 8 others: the truth is what
// scaffoldPage wrote.
func TestScaffoldBylines(t *testing.T) {
	for _, sc := range []string{"classic", "table", "article"} {
		places := scaffoldPlaces
		if sc == "article" {
			places = append(slices.Clip(places), leadPlaces...)
		}
		for _, pl := range places {
			t.Run(sc+"/"+pl, func(t *testing.T) {
				var samples []Sample
				for i := range 8 {
					h, _, _ := scaffoldPage(sc, pl, i)
					s, err := Observe([]byte(h), Options{URL: fmt.Sprintf("https://h.gov.vn/tin/%d", i)})
					if err != nil || s == nil {
						t.Fatalf("observe: %v", err)
					}
					samples = append(samples, *s)
				}
				prof, ok := Learn("probe", samples)
				if !ok {
					t.Fatalf("no template learned from 8 pages:\n%s", prof.Describe())
				}
				for i := 8; i < 16; i++ {
					h, names, body := scaffoldPage(sc, pl, i)
					g, _ := ExtractWith([]byte(h), Options{})
					a, err := ExtractWith([]byte(h), Options{Profile: &prof})
					if err != nil || !a.Templated {
						t.Fatalf("page %d not read with the template (%v)", i, err)
					}
					for _, r := range []struct {
						how string
						a   Article
					}{{"generic", g}, {"learned", a}} {
						if got := facts.ParseByline(r.a.Byline); !sameNames(got, names) {
							t.Errorf("%s, page %d: byline %q, want %v", r.how, i, r.a.Byline, names)
						}
						if r.a.Body != body {
							t.Errorf("%s, page %d: body\n%q\nwant\n%q", r.how, i, r.a.Body, body)
						}
					}
				}
			})
		}
	}
}
