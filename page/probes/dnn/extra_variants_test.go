package dnn

import (
	"fmt"
	"strings"
)

// extraVariants are more placements and forms of the byline: beside the
// date with icons or a views count, before photos, captions, videos and
// comment forms, in an author box, under labels the CMS does not know,
// in markup that changes from page to page of one site.
var extraVariants = []variant{
	{"img-icons-noviews", "img-icons-infobar without the views: '<img alt=Ngày đăng> date SA <img alt=Tác giả> X'", func(p pg) (string, []string, string) {
		by, ns := p.field()
		info := `<div class="news-info"><img src="/Portals/0/skins/icon-date.png" alt="Ngày đăng"> ` + p.dmy + ` ` + p.clock + ` &nbsp;&nbsp;<img src="/Portals/0/skins/icon-user.png" alt="Tác giả"> ` + by + `</div>`
		return skinDiv(p.title, custom(p, info, p.ps(), "")), ns, p.onlyParas
	}},
	{"views-then-name", "meta line without labels, the views before the byline: 'date | 345 lượt xem | X'", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, ednVN(p, p.dmy+` | `+fmt.Sprint(p.views)+` lượt xem | `+by, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"byline-then-image-caption", "HTML module: text, byline right bold, then a centred photo and its caption 'Ảnh: Quang cảnh hội nghị ...' (the caption is body)", func(p pg) (string, []string, string) {
		by, ns := p.free()
		cap := fmt.Sprintf("Ảnh: Quang cảnh hội nghị giao ban đợt %d", p.i)
		content := p.ps() + right(by) + `<p style="text-align: center;"><img src="/Portals/0/2024/anh1.jpg" width="600" alt=""></p><p style="text-align: center;"><em>` + cap + `</em></p>`
		return skinDiv(p.title, htmlModule(799, p.title, "", content, "")), ns, p.onlyParas + "\n\n" + cap
	}},
	{"capnhat-boi", "meta line 'Cập nhật lúc 8:30:15 SA, dd/mm/yyyy bởi X'", func(p pg) (string, []string, string) {
		by, ns := p.account()
		if p.i%2 == 1 {
			by, ns = p.name+" - "+p.unit, []string{p.name}
		}
		return skinDiv(p.title, ednVN(p, `Cập nhật lúc `+p.clock+`, `+p.dmy+` bởi `+by, "", p.ps(), "")), ns, p.onlyParas
	}},
	{"nguon-person", "closing right line where the 'Nguồn:' field holds the writer and unit: 'Nguồn: X - Trung tâm VH-TT huyện', 'Nguồn tin: X (Đài TT-TH huyện)'", func(p pg) (string, []string, string) {
		forms := []string{"Nguồn: " + p.name + " - " + p.unit, "Nguồn tin: " + p.name + " (Đài TT-TH huyện)"}
		return skinDiv(p.title, htmlModule(800, p.title, "", p.ps()+`<p style="text-align: right;"><em>`+forms[p.i%2]+`</em></p>`, "")), []string{p.name}, p.onlyParas
	}},
	{"name-email", "closing byline with the writer's e-mail: 'X (xa@canloc.gov.vn)', 'Tác giả: X - Email: x@...'", func(p pg) (string, []string, string) {
		mail := fmt.Sprintf("pv%d@canloc.gov.vn", p.i)
		forms := []string{p.name + " (" + mail + ")", "Tác giả: " + p.name + " - Email: " + mail}
		return skinDiv(p.title, htmlModule(801, p.title, "", p.ps()+right(forms[p.i%2]), "")), []string{p.name}, p.onlyParas
	}},
	{"caps-unit", "closing byline all in capitals with its unit: 'NGUYỄN THU HÀ - TRUNG TÂM VH-TT HUYỆN', 'MINH ANH (ĐÀI TT-TH HUYỆN)'", func(p pg) (string, []string, string) {
		forms := []string{p.name + " - " + p.unit, p.name + " (Đài TT-TH huyện)"}
		return skinDiv(p.title, htmlModule(802, p.title, "", p.ps()+right(strings.ToUpper(forms[p.i%2])), "")), []string{p.name}, p.onlyParas
	}},
	{"label-zoo-2", "closing credit under more labels: 'Phóng viên: X', 'Người thực hiện: X', 'Tác giả bài viết: X', 'Bài viết: X', 'Ghi chép: X', 'Tin: X'", func(p pg) (string, []string, string) {
		labels := []string{"Phóng viên: ", "Người thực hiện: ", "Tác giả bài viết: ", "Bài viết: ", "Ghi chép: ", "Tin: "}
		return skinDiv(p.title, htmlModule(803, p.title, "", p.ps()+right(labels[p.i%len(labels)]+p.name), "")), []string{p.name}, p.onlyParas
	}},
	{"author-box-with-list", "author box after the text: <div class=edn_aboutTheAuthor><h3>Tác giả</h3><a>X</a><p>bio</p><h4>Bài viết khác của tác giả</h4><ul><li><a>titles</a></li></ul></div>", func(p pg) (string, []string, string) {
		by, ns := p.account()
		after := `<div class="edn_aboutTheAuthor"><h3>Tác giả</h3><a href="/tin-tuc/author/3">` + by + `</a><p>Phóng viên Trung tâm Văn hóa - Thông tin và Thể thao huyện.</p>` +
			`<h4>Bài viết khác của tác giả</h4><ul><li><a href="/tin-tuc/x7">Ra quân tổng vệ sinh môi trường</a></li><li><a href="/tin-tuc/x8">Tập huấn chuyển đổi số cho cán bộ xã</a></li></ul></div>`
		return skinDiv(p.title, ednVN(p, p.dmy, "", p.ps(), after)), ns, p.onlyParas
	}},
	{"mixed-position", "one site, the editor puts the byline either at the top (right italic) or closing the text (right bold), page by page", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by)
		if p.i%2 == 1 {
			content = `<p style="text-align: right;"><em>` + by + `</em></p>` + p.ps()
		}
		return skinDiv(p.title, htmlModule(804, p.title, "", content, "")), ns, p.onlyParas
	}},
	{"mixed-markup-end", "one site, the closing byline's markup changes page by page: p right strong / div align=right b / p em / p right span font", func(p pg) (string, []string, string) {
		by, ns := p.free()
		ms := []string{right(by), `<div align="right"><b>` + by + `</b></div>`, `<p><em>` + by + `</em></p>`, `<p style="text-align: right;"><span style="font-family: Arial; font-size: 13pt;">` + by + `</span></p>`}
		return skinDiv(p.title, htmlModule(805, p.title, "", p.ps()+ms[p.i%4], "")), ns, p.onlyParas
	}},
	{"byline-sometimes", "one site, the byline closing the text on three pages of four only (truth empty on the others)", func(p pg) (string, []string, string) {
		if p.i%4 == 2 {
			return skinDiv(p.title, htmlModule(806, p.title, "", p.ps(), "")), nil, p.onlyParas
		}
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(806, p.title, "", p.ps()+right(by), "")), ns, p.onlyParas
	}},
	{"byline-then-comment-form", "custom module: text, byline right bold, then the readers' comment form (labels Họ và tên/Email/Nội dung, button Gửi) without comment-named classes", func(p pg) (string, []string, string) {
		by, ns := p.free()
		form := `<div class="y-kien-form"><h3>Gửi ý kiến của bạn</h3><table><tr><td>Họ và tên:</td><td><input type="text" id="txtHoTen"></td></tr><tr><td>Email:</td><td><input type="text" id="txtEmail"></td></tr>` +
			`<tr><td>Nội dung:</td><td><textarea id="txtNoiDung"></textarea></td></tr><tr><td></td><td><a class="btn" href="#">Gửi</a> <a class="btn" href="#">Nhập lại</a></td></tr></table></div>`
		return skinDiv(p.title, custom(p, "", p.ps()+right(by), form)), ns, p.onlyParas
	}},
	{"byline-then-video-credit", "HTML module: text, byline right bold, then '(Video: Đài TT-TH huyện)' and an embedded video tag", func(p pg) (string, []string, string) {
		by, ns := p.free()
		content := p.ps() + right(by) + `<p style="text-align: center;"><video controls src="/Portals/0/video/tin.mp4" width="600"></video></p><p style="text-align: center;"><em>(Video: Đài TT-TH huyện)</em></p>`
		return skinDiv(p.title, htmlModule(807, p.title, "", content, "")), ns, p.onlyParas + "\n\n(Video: Đài TT-TH huyện)"
	}},
	{"byline-then-like-only", "HTML module: text, byline right bold, then a Facebook like plugin's fallback text 'Thích 0' alone", func(p pg) (string, []string, string) {
		by, ns := p.free()
		return skinDiv(p.title, htmlModule(808, p.title, "", p.ps()+right(by)+`<div class="fb-like">Thích 0</div>`, "")), ns, p.onlyParas
	}},
}
