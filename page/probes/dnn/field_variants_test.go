package dnn

// fieldVariants are bylines that share their line with other labelled
// fields written without a separator (the spans of an info bar or of a
// closing line side by side: "Tác giả: X Nguồn: Báo Y", "Người viết: X
// Người duyệt: Y"), under labels of two words joined by a slash or
// preceded by a noun ("Nguồn tin/Tác giả:", "Tên tác giả:"), under the
// labels of news modules' submission forms ("Người gửi:", "Người biên
// soạn:", "Người tạo:"), in English skins' fields ("Author: X Date: …",
// "Posted by X in Tin tức on …"), and with the day after it in brackets.
var fieldVariants = []variant{
	{"closing-label-source-spans", "closing right line of two spans without a separator: '<strong>Tác giả: X</strong> Nguồn: <em>Báo Quảng Ninh</em>'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		line := `<p style="text-align: right;"><strong>Tác giả: ` + by + `</strong> Nguồn: <em>Báo Quảng Ninh</em></p>`
		return skinDiv(p.title, htmlModule(810, p.title, "", p.ps()+line, "")), ns, p.onlyParas
	}},
	{"writer-approver-spans", "custom module's line after the content: '<span>Người viết: X</span><span>Người duyệt: Y</span>' (the approver is no author)", func(p pg) (string, []string, string) {
		after := `<div class="news-author"><span id="dnn_ctr1120_ChiTietTin_lblNguoiViet">Người viết: ` + p.name + `</span><span id="dnn_ctr1120_ChiTietTin_lblNguoiDuyet">Người duyệt: Lê Văn Tám</span></div>`
		return skinDiv(p.title, custom(p, `<div class="news-info">`+p.dmy+`</div>`, p.ps(), after)), []string{p.name}, p.onlyParas
	}},
	{"news-photo-spans", "closing right line 'Tin: X Ảnh: Y' of two spans without a separator: both credited", func(p pg) (string, []string, string) {
		line := `<p style="text-align: right;"><strong><span>Tin: ` + p.name + `</span> <span>Ảnh: ` + p.other + `</span></strong></p>`
		return skinDiv(p.title, htmlModule(811, p.title, "", p.ps()+line, "")), []string{p.name, p.other}, p.onlyParas
	}},
	{"english-fields", "English skin's meta line: 'Author: X Date: dd/mm/yyyy' or 'Posted by X in Tin tức on dd/mm/yyyy'", func(p pg) (string, []string, string) {
		meta := `<span class="edn_author">Author: ` + p.name + `</span> <span class="edn_date">Date: ` + p.dmy + `</span>`
		if p.i%2 == 1 {
			meta = `Posted by <a href="/tin-tuc/author/3">` + p.name + `</a> in <a href="/tin-tuc/kinh-te">Tin tức</a> on ` + p.dmy
		}
		return skinDiv(p.title, ednVN(p, meta, "", p.ps(), "")), []string{p.name}, p.onlyParas
	}},
	{"compound-labels", "closing right line under labels of two parts: 'Tên tác giả: X', 'Nguồn tin/Tác giả: X', 'Tác giả/Người đăng: X'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		labels := []string{"Tên tác giả: ", "Nguồn tin/Tác giả: ", "Tác giả/Người đăng: "}
		return skinDiv(p.title, htmlModule(812, p.title, "", p.ps()+right(labels[p.i%3]+by), "")), ns, p.onlyParas
	}},
	{"submission-labels-closing", "the labels of a news submission form, closing the text: 'Người gửi: X', 'Người biên soạn: X', 'Người soạn: X'", func(p pg) (string, []string, string) {
		line := submissionLabels[p.i%3] + p.name
		return skinDiv(p.title, htmlModule(813, p.title, "", p.ps()+right(line), "")), []string{p.name}, p.onlyParas
	}},
	{"submission-labels-info", "the labels of a news submission form in the info bar after the day: 'dd/mm/yyyy | Người gửi: X'", func(p pg) (string, []string, string) {
		line := submissionLabels[p.i%3] + p.name
		return skinDiv(p.title, custom(p, `<div class="news-info">`+p.dmy+` | `+line+`</div>`, p.ps(), "")), []string{p.name}, p.onlyParas
	}},
	{"creator-account", "the info bar names only the account that created the item: 'Ngày đăng: … | Người tạo: X', '… Created by: X'", func(p pg) (string, []string, string) {
		info := `<div class="news-info">Ngày đăng: ` + p.dmy + ` | Người tạo: ` + p.name + `</div>`
		if p.i%2 == 1 {
			info = `<div class="news-info">Ngày đăng: ` + p.dmy + ` <span>Created by: ` + p.name + `</span></div>`
		}
		return skinDiv(p.title, custom(p, info, p.ps(), "")), []string{p.name}, p.onlyParas
	}},
	{"updated-by-colon", "meta line 'Cập nhật: dd/mm/yyyy 8:30:15 SA bởi: X', the poster after a colon", func(p pg) (string, []string, string) {
		return skinDiv(p.title, ednVN(p, `Cập nhật: `+p.dmy+` `+p.clock+` bởi: `+p.name, "", p.ps(), "")), []string{p.name}, p.onlyParas
	}},
	{"closing-bracketed-day", "closing right line 'Tác giả: X [dd/mm/yyyy]'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(814, p.title, "", p.ps()+right(by+" ["+p.dmy+"]"), "")), ns, p.onlyParas
	}},
}

var submissionLabels = []string{"Người gửi: ", "Người biên soạn: ", "Người soạn: "}
