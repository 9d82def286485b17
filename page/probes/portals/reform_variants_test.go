package portals

import (
	"fmt"
	"strings"
)

// reformVariants: the commune and ward portals built after the July 2025
// reform on the provinces' e-government platforms, party committees'
// portals, provincial papers' top bylines, Wayback Machine captures,
// bylines with their dates, poster lines beside the writer, hidden
// labels, and other articles' bylines in side bars and related cards.

// exCredit is one form of a byline on page i: the line shown and the persons it credits.
type exCredit func(i int) (string, []string)

// exPick is page i's byline among cs.
func exPick(cs []exCredit, i int) (string, []string) { return cs[i%len(cs)](i) }

// exForm is one of the package's forms as a credit.
func exForm(f int) exCredit { return func(i int) (string, []string) { return form(f, i) } }

// exUnit is a unit alone: it credits nobody.
func exUnit(u string) exCredit { return func(int) (string, []string) { return u, nil } }

// exNameThen is the name, then s.
func exNameThen(s string) exCredit {
	return func(i int) (string, []string) { return name(i) + s, []string{name(i)} }
}

// exTwoThen is two names apart with sep, then s.
func exTwoThen(sep, s string) exCredit {
	return func(i int) (string, []string) { return name(i) + sep + other(i) + s, []string{name(i), other(i)} }
}

// exLabel is a label, then the name.
func exLabel(l string) exCredit {
	return func(i int) (string, []string) { return l + name(i), []string{name(i)} }
}

// exCaps is the name in capitals after a label.
func exCaps(l string) exCredit {
	return func(i int) (string, []string) { return l + strings.ToUpper(name(i)), []string{name(i)} }
}

// exEsc escapes a shown line for the page.
func exEsc(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }

// exWeekday is page i's weekday (March 2024 begins on a Friday).
func exWeekday(i int) string {
	return []string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}[(5+day(i)-1)%7]
}

// exSideNames are the writers of other articles shown in side bars and related cards.
var exSideNames = []string{"Lò Văn Sáng", "Hà Thị Phương", "Cao Minh Đức", "Triệu Thị Yến", "Mai Xuân Lộc", "Kiều Thị Vân"}

var exSideTitles = []string{
	"Xã ra quân tổng vệ sinh môi trường hưởng ứng Ngày Chủ nhật xanh",
	"Trao quà cho hộ nghèo, gia đình chính sách nhân dịp Tết",
	"Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội 6 tháng cuối năm",
	"Đại hội Đảng bộ xã lần thứ nhất, nhiệm kỳ 2025 - 2030 thành công tốt đẹp",
	"Tập huấn chuyển đổi số cho cán bộ, công chức cấp xã",
	"Kiểm tra công tác phòng, chống thiên tai tại các ấp",
}

// exSideAuthors is a side bar of the latest articles, each with its writer
// ("Tác giả: X" when labelled, a bare name in a span otherwise).
func exSideAuthors(i int, labelled bool) string {
	var b strings.Builder
	b.WriteString(`<div class="box box-news-latest"><h3 class="box-title">Tin mới nhất</h3><ul>`)
	for k := 0; k < 3; k++ {
		n := exSideNames[(i+k)%len(exSideNames)]
		who := `<span class="author">` + n + `</span>`
		if labelled {
			who = `<p class="author">Tác giả: ` + n + `</p>`
		}
		b.WriteString(`<li><a href="/tin-tuc/` + fmt.Sprint(900+k) + `"><img src="/thumb/` + fmt.Sprint(k) + `.jpg" alt=""></a><h4><a href="/tin-tuc/` + fmt.Sprint(900+k) + `">` +
			exSideTitles[(i+k)%len(exSideTitles)] + `</a></h4>` + who + `<span class="date">` + fmt.Sprintf("%02d/02/2024", k+3) + `</span></li>`)
	}
	b.WriteString(`</ul></div>`)
	return b.String() + sideBar(i)
}

// exRelatedCards is a row of related cards under the article, each with its writer and sapo.
func exRelatedCards(i int) string {
	var b strings.Builder
	b.WriteString(`<section class="box-related"><h3 class="box-title">Tin cùng chuyên mục</h3><div class="row">`)
	for k := 0; k < 3; k++ {
		n := exSideNames[(i+k+2)%len(exSideNames)]
		b.WriteString(`<article class="story col-md-4"><a href="/r/` + fmt.Sprint(k) + `" class="story__thumb"><img src="/r/` + fmt.Sprint(k) + `.jpg" alt=""></a>` +
			`<h4 class="story__title"><a href="/r/` + fmt.Sprint(k) + `">` + exSideTitles[(i+k+3)%len(exSideTitles)] + `</a></h4>` +
			`<div class="story__meta"><span class="story__author">` + n + `</span> - <time>` + fmt.Sprintf("%02d/02/2024", k+10) + `</time></div>` +
			`<p class="story__sapo">Thực hiện kế hoạch của tỉnh, các địa phương đã triển khai đồng bộ nhiều giải pháp trong tháng ` + fmt.Sprint(k+1) + `.</p></article>`)
	}
	b.WriteString(`</div></section>`)
	return b.String()
}

// Shells.

// exXa is a commune's portal on a province's e-government platform after
// the July 2025 reform: a banner, the menu, the news detail (title, meta
// bar, sapo, content, what follows it), related news, the side column.
func exXa(i int, bar, content, after, side string) string {
	if side == "" {
		side = sideBar(i)
	}
	portal := "Cổng thông tin điện tử xã Tân Lập"
	return head(title(i), "Cổng TTĐT xã Tân Lập") + `<header class="header"><div class="banner"><a href="/"><img src="/uploads/xatanlap/banner.png" alt="` + portal + `"></a>` +
		`<div class="banner-text"><p>ĐẢNG BỘ, CHÍNH QUYỀN VÀ NHÂN DÂN XÃ TÂN LẬP</p><h2>CỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN LẬP - TỈNH ĐỒNG NAI</h2></div></div>` +
		`<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>` +
		`<li><a href="/chinh-quyen">Chính quyền</a></li><li><a href="/dich-vu-cong">Dịch vụ công</a></li><li><a href="/van-ban">Văn bản</a></li></ul></nav></header>` +
		`<div class="container"><div class="row"><div class="col-lg-8"><ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li>Tin hoạt động</li></ol>` +
		`<div class="news-detail"><h1 class="title-news">` + title(i) + `</h1>` + bar + `<div class="sapo-news"><strong>` + lead(i) + `</strong></div><div class="content-news">` + content + `</div>` + after +
		`<div class="share-tools"><a href="#">Chia sẻ</a> <a href="#">In bài</a></div></div>` +
		`<div class="related-news"><h3>Tin liên quan</h3><ul><li><a href="/r/1">Xã tổ chức kỳ họp thứ nhất HĐND xã</a> (01/07/2025)</li><li><a href="/r/2">Ra mắt Trung tâm Phục vụ hành chính công xã</a> (01/07/2025)</li></ul></div></div>` +
		`<div class="col-lg-4">` + side + `</div></div></div>` +
		`<footer class="footer"><p>CỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN LẬP</p><p>Cơ quan chủ quản: UBND xã Tân Lập, tỉnh Đồng Nai. Chịu trách nhiệm chính: Ông Trần Văn Tư - Chủ tịch UBND xã.</p>` +
		`<p>Địa chỉ: Ấp 3, xã Tân Lập. Điện thoại: 0251.3861.234. Email: ubndxatanlap@dongnai.gov.vn</p></footer></body></html>`
}

// exParty is a commune party committee's portal: the article with its
// category, title and date, what sits over the text, the text.
func exParty(i int, top, content string) string {
	return head(title(i), "Đảng bộ xã Tân Lập") + `<div id="header"><div class="logo"><a href="/"><img src="/images/logo-dang.png" alt="Đảng Cộng sản Việt Nam"></a></div>` +
		`<div class="site-name">TRANG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ XÃ TÂN LẬP</div><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/xay-dung-dang">Xây dựng Đảng</a></li>` +
		`<li><a href="/tuyen-giao">Tuyên giáo - Dân vận</a></li><li><a href="/hoc-tap-bac">Học tập và làm theo Bác</a></li><li><a href="/van-kien">Văn kiện</a></li></ul></div>` +
		`<div class="wrap"><div class="main-left"><div class="content-detail"><div class="cat"><a href="/xay-dung-dang">Xây dựng Đảng</a></div><h2 class="title">` + title(i) + `</h2>` +
		`<div class="date">Ngày đăng: ` + date(i) + ` ` + clock(i) + `</div>` + top + `<div class="noidung">` + content + `</div></div>` + related() + `</div>` +
		`<div class="main-right">` + sideBar(i) + `</div></div>` +
		`<div id="footer"><p>TRANG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ XÃ TÂN LẬP</p><p>Cơ quan chủ quản: Ban Thường vụ Đảng ủy xã Tân Lập. Chịu trách nhiệm: Đồng chí Lê Văn Thành - Phó Bí thư Thường trực Đảng ủy xã.</p></div></body></html>`
}

// exPaper is a provincial paper's article: the title, the time, what sits
// over the sapo, the sapo, the content, what follows it, the side column.
func exPaper(i int, top, content, after, side string) string {
	if side == "" {
		side = sideBar(i)
	}
	return head(title(i), "Báo Quảng Ninh") + topBar("Báo Quảng Ninh điện tử") + `<main class="main"><div class="container"><div class="row"><div class="col-md-8">` +
		`<ul class="breadcrumb"><li><a href="/thoi-su">Thời sự</a></li><li><a href="/thoi-su/dia-phuong">Địa phương</a></li></ul>` +
		`<article class="detail"><h1 class="detail__title">` + title(i) + `</h1><div class="detail__meta"><span class="detail__time">` + clock(i) + ` ` + date(i) + `</span></div>` + top +
		`<h2 class="detail__sapo">` + lead(i) + `</h2><div class="detail__content">` + content + `</div>` + after +
		`<div class="detail__tags"><span>Từ khóa:</span> <a href="/tag/a">nông thôn mới</a></div></article>` + related() +
		`</div><aside class="col-md-4">` + side + `</aside></div></div></main>` + bottom("Báo Quảng Ninh")
}

// exWayback is a page as the Wayback Machine replays it: its links
// rewritten under /web/<timestamp>/, the playback scripts in the head,
// the toolbar at the top of the body, the archive's comment at the end.
func exWayback(h string, i int) string {
	ts := fmt.Sprintf("201906%02d0830%02d", i%28+1, i)
	host := "http://xatanlap.dongnai.gov.vn"
	h = strings.ReplaceAll(h, `href="/`, `href="/web/`+ts+`/`+host+`/`)
	h = strings.ReplaceAll(h, `src="/`, `src="/web/`+ts+`im_/`+host+`/`)
	headJS := `<script src="//archive.org/includes/athena.js" type="text/javascript"></script>` +
		`<script type="text/javascript">window.addEventListener('DOMContentLoaded',function(){var v=archive_analytics.values;v.service='wb';v.server_name='wwwb-app201.us.archive.org';v.server_ms=151;archive_analytics.send_pageview({});});</script>` +
		`<script type="text/javascript" src="/_static/js/bundle-playback.js?v=t1Bf4PY_" charset="utf-8"></script>` +
		`<script type="text/javascript" src="/_static/js/wombat.js?v=txqj7nKC" charset="utf-8"></script>` +
		`<script>window.RufflePlayer=window.RufflePlayer||{};window.RufflePlayer.config={"autoplay":"on","unmuteOverlay":"hidden"};</script>` +
		`<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt" /><link rel="stylesheet" type="text/css" href="/_static/css/iconochive.css?v=3PDvdIFv" />` +
		`<!-- End Wayback Rewrite JS Include -->`
	toolbar := `<!-- BEGIN WAYBACK TOOLBAR INSERT --><script>__wm.rw(0);</script>` +
		`<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;"><div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;"><div id="donato" style="position:relative;width:100%;"><div id="donato-base"><iframe id="donato-if" src="https://archive.org/includes/donate.php?as_page=1&amp;platform=wb&amp;referer=https%3A//web.archive.org/web/` + ts + `/` + host + `/" scrolling="no" frameborder="0" style="width:100%; height:100%"></iframe></div></div>` +
		`<div id="wm-ipp-inside"><div id="wm-toolbar" style="position:relative;display:flex;flex-flow:row nowrap;justify-content:space-between;">` +
		`<div id="wm-logo" style="/*width:110px;*/padding-top:12px;"><a href="/web/" title="Wayback Machine home page"><img src="/_static/images/toolbar/wayback-toolbar-logo-200.png" srcset="/_static/images/toolbar/wayback-toolbar-logo-100.png, /_static/images/toolbar/wayback-toolbar-logo-150.png 1.5x, /_static/images/toolbar/wayback-toolbar-logo-200.png 2x" alt="Wayback Machine" style="width:100px" border="0" /></a></div>` +
		`<div class="c" style="display:flex;flex-flow:column nowrap;justify-content:space-between;flex:1;"><form class="u" style="display:flex;flex-direction:row;flex-wrap:nowrap;" target="_top" method="get" action="/web/submit" name="wmtb" id="wmtb"><input type="text" name="url" id="wmtbURL" value="` + host + `/tin-tuc/` + fmt.Sprint(1000+i) + `" onfocus="this.focus();this.select();" style="flex:1;"/><input type="hidden" name="type" value="replay" /><input type="hidden" name="date" value="` + ts + `" /><input type="submit" value="Go" /></form>` +
		`<div style="display:flex;flex-flow:row nowrap;align-items:flex-end;"><div class="s" id="wm-nav-captures" style="flex:1;"><a class="t" href="/web/` + ts + `*/` + host + `/tin-tuc/` + fmt.Sprint(1000+i) + `" title="See a list of every capture for this URL">` + fmt.Sprint(3+i) + ` captures</a>` +
		`<div class="r" title="Timespan for captures of this URL">12 Jun 2019 - 05 Mar 2023</div></div>` +
		`<div class="k"><a href="" id="wm-graph-anchor"><div id="wm-ipp-sparkline" title="Explore captures for this URL" style="position: relative"><canvas id="wm-sparkline-canvas" width="675" height="27" border="0"></canvas></div></a></div></div></div>` +
		`<div class="n"><table><tbody><tr class="y"><td class="b" nowrap="nowrap"><a href="/web/20190510000000*/` + host + `" title="10 May 2019"><strong>MAY</strong></a></td><td class="c" id="displayMonthEl" title="You are here: 08:30:15 Jun 12, 2019">JUN</td><td class="f" nowrap="nowrap"><a href="/web/20190714000000*/` + host + `" title="14 Jul 2019"><strong>JUL</strong></a></td></tr>` +
		`<tr class="d"><td class="b" nowrap="nowrap"><a href="/web/20190510000000/` + host + `" title="08:12:01 May 10, 2019"><img src="/_static/images/toolbar/wm_tb_prv_on.png" alt="Previous capture" width="14" height="16" border="0" /></a></td><td class="c" id="displayDayEl" style="width:34px;font-size:22px;white-space:nowrap;" title="You are here: 08:30:15 Jun 12, 2019">12</td><td class="f" nowrap="nowrap"><a href="/web/20190714000000/` + host + `" title="10:44:53 Jul 14, 2019"><img src="/_static/images/toolbar/wm_tb_nxt_on.png" alt="Next capture" width="14" height="16" border="0" /></a></td></tr>` +
		`<tr class="y"><td class="b" nowrap="nowrap"><a href="/web/20180612000000*/` + host + `" title="12 Jun 2018"><strong>2018</strong></a></td><td class="c" id="displayYearEl" title="You are here: 08:30:15 Jun 12, 2019">2019</td><td class="f" nowrap="nowrap"><a href="/web/20200612000000*/` + host + `" title="12 Jun 2020"><strong>2020</strong></a></td></tr></tbody></table></div>` +
		`<div class="r" style="display:flex;flex-flow:column nowrap;align-items:flex-end;justify-content:space-between;"><div id="wm-btns" style="white-space:nowrap;"><a href="https://archive.org/account/login.php" title="Sign In" id="wm-btn-login"><span class="iconochive-person"></span></a> <span id="wm-btn-help"><a href="https://help.archive.org/help/category/the-wayback-machine/" title="Get some help using the Wayback Machine"><span class="iconochive-question"></span></a></span> <span id="wm-btn-close" onclick="__wm.h(event);" title="Close the toolbar"><span class="iconochive-remove-circle"></span></span></div>` +
		`<div id="wm-share" style="display:flex;"><a href="/web/` + ts + `/http://web.archive.org/screenshot/` + host + `" id="wm-screenshot" title="screenshot"><span class="wm-icon-screen-shot"></span></a> <a href="#" id="wm-video" title="video"><span class="iconochive-movies"></span></a> <a id="wm-share-facebook" href="#" title="Share on Facebook"><span class="iconochive-facebook"></span></a> <a id="wm-share-twitter" href="#" title="Share on Twitter"><span class="iconochive-twitter"></span></a></div>` +
		`<div style="padding-right:2px;text-align:right;white-space:nowrap;"><a id="wm-expand" class="wm-btn wm-closed" href="#expand" onclick="__wm.ex(event);return false;"><span id="wm-expand-icon" class="iconochive-down-solid"></span> <span style="font-size:80%">About this capture</span></a></div></div></div>` +
		`<div id="wm-capinfo" style="border-top:1px solid #777;display:none; overflow: hidden"><div id="wm-capinfo-collected-by"><div style="background-color:#666;color:#fff;font-weight:bold;text-align:center">COLLECTED BY</div>` +
		`<div style="padding:3px;position:relative" id="wm-collected-by-content"><div style="display:inline-block;vertical-align:top;width:50%;"><span class="c-logo" style="background-image:url(https://archive.org/services/img/archiveteam);"></span> Organization: <a style="color:#33f;" href="https://archive.org/details/archiveteam" target="_new"><span class="wm-title">Archive Team</span></a>` +
		`<div style="max-height:75px;overflow:hidden;position:relative;"><div style="position:absolute;top:0;left:0;width:100%;height:75px;"></div>Formed in 2009, the Archive Team (not to be confused with the archive.org Archive-It Team) is a rogue archivist collective dedicated to saving copies of rapidly dying or deleted websites for the sake of history and digital heritage. The group is 100% composed of volunteers and interested parties, and has expanded into a large amount of related projects for saving online and digital history.</div></div>` +
		`<div style="display:inline-block;vertical-align:top;width:49%;"><span class="c-logo" style="background-image:url(https://archive.org/services/img/archivebot)"></span><div>Collection: <a style="color:#33f;" href="https://archive.org/details/archivebot" target="_new"><span class="wm-title">ArchiveBot: The Archive Team Crawler</span></a></div>` +
		`<div style="max-height:75px;overflow:hidden;position:relative;">ArchiveBot is an IRC bot designed to automate the archival of smaller websites (e.g. up to a few hundred thousand URLs). You give it a URL to start at, and it grabs all content under that URL, records it in a WARC, and then uploads that WARC to ArchiveTeam servers for eventual injection into the Internet Archive.</div></div></div></div>` +
		`<div id="wm-capinfo-timestamps"><div style="background-color:#666;color:#fff;font-weight:bold;text-align:center" title="Timestamps for the elements of this page">TIMESTAMPS</div><div><div id="wm-capresources" style="margin:0 5px 5px 5px;max-height:250px;overflow-y:scroll !important"></div><div id="wm-capresources-loading" style="text-align:left;margin:0 20px 5px 5px;display:none"><img src="/_static/images/loading.gif" alt="loading" /></div></div></div></div></div></div></div>` +
		`<div id="wm-ipp-print">The Wayback Machine - http://web.archive.org/web/` + ts + `/` + host + `/tin-tuc/` + fmt.Sprint(1000+i) + `</div>` +
		`<script type="text/javascript">__wm.bt(675,27,25,2,"web.archive.org","` + ts + `","` + host + `","/web/",false,"/_static/",["/_static/css/banner-styles.css?v=S1zqJCYt","/_static/css/iconochive.css?v=3PDvdIFv"],false,true);</script><!-- END WAYBACK TOOLBAR INSERT -->`
	trailer := `<!--
     FILE ARCHIVED ON 08:30:15 Jun 12, 2019 AND RETRIEVED FROM THE
     INTERNET ARCHIVE ON 02:11:40 Dec 06, 2026.
     JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE.

     ALL OTHER CONTENT MAY ALSO BE PROTECTED BY COPYRIGHT (17 U.S.C.
     SECTION 108(a)(3)).
-->
<!--
playback timings (ms):
  captures_list: 0.61
  exclusion.robots: 0.021
  RedisCDXSource: 2.116
  esindex: 0.009
  load_resource: 162.5
-->`
	h = strings.Replace(h, "<head>", "<head>"+headJS, 1)
	h = strings.Replace(h, "<body>", "<body>"+toolbar, 1)
	return h + trailer
}

// extraVariants are the extra variants; the comment over each says what it reproduces.
func reformVariants() []variant {
	closeRight := func(shown string) string {
		return `<p style="text-align: right;"><strong>` + exEsc(shown) + `</strong></p>`
	}
	return []variant{
		// A commune's portal after the reform: the closing byline names the editorial
		// board or the office of the council and committee, with a person, two, or none.
		{"xa-bbt-closing", func(i int) pg {
			shown, who := exPick([]exCredit{
				exNameThen(" - Ban biên tập xã"), exUnit("Ban biên tập xã"), exNameThen(" (Văn phòng HĐND-UBND xã)"), exTwoThen(", ", " - Văn phòng HĐND-UBND xã"),
				exUnit("BBT"), exNameThen(" - Văn phòng HĐND và UBND xã"), exUnit("Văn phòng HĐND-UBND xã"), exForm(0),
			}, i)
			ps := paras(i)
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, wrap(ps, justP)+closeRight(shown), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The closing line holds the writer and the source: "Tác giả: X - Nguồn: Văn phòng HĐND-UBND phường";
		// the writer is sometimes the office itself.
		{"xa-tacgia-nguon-line", func(i int) pg {
			shown, who := exPick([]exCredit{
				exLabel("Tác giả: "), exUnit("Tác giả: Văn phòng HĐND-UBND phường"), exLabel("Tác giả: "), func(i int) (string, []string) {
					return "Tác giả: " + name(i) + ", " + other(i), []string{name(i), other(i)}
				},
			}, i)
			line := shown + " - Nguồn: Văn phòng HĐND-UBND phường"
			ps := paras(i)
			content := wrap(ps, justP) + `<p style="text-align: right;"><em>` + line + `</em></p>`
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, content, "", ""), who, line, append([]string{lead(i)}, ps...)}
		}},
		// A ward's portal: one meta line under the title, "Ngày đăng: d | Tác giả: X | Lượt xem: n".
		{"phuong-meta-line", func(i int) pg {
			shown, who := exPick([]exCredit{
				exForm(0), exUnit("Văn phòng HĐND-UBND phường"), exNameThen(" - Văn phòng HĐND-UBND phường"), exForm(8),
				exForm(4), exForm(0), exUnit("Ban biên tập"), exForm(15),
			}, i)
			ps := paras(i)
			bar := `<div class="meta-news"><span>Ngày đăng: ` + date(i) + `</span> | <span>Tác giả: ` + shown + `</span> | <span>Lượt xem: ` + fmt.Sprint(150+i) + `</span></div>`
			return pg{exXa(i, bar, wrap(ps, justP), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A commune's NukeViet portal: "Tác giả:" under the bodytext is a person or the office,
		// "Nguồn tin:" the editorial board; the hidden schema.org author repeats the writer.
		{"xa-nukeviet-unit-author", func(i int) pg {
			shown, who := exPick([]exCredit{
				exForm(0), exUnit("Văn phòng HĐND-UBND xã"), exNameThen(" - Văn phòng HĐND-UBND xã"), exUnit("Ban biên tập"),
				exForm(8), exForm(0), exUnit("Văn phòng HĐND và UBND xã"), exForm(4),
			}, i)
			ps := paras(i)
			after := `<p class="h5 text-right"><strong>Tác giả: </strong>` + shown + `</p><p class="h5 text-right"><strong>Nguồn tin: </strong>Ban biên tập xã</p>`
			return pg{nukeviet(i, shown, wrap(ps, justP), after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A commune party committee's portal: the closing byline names the merged
		// propaganda and mass mobilisation board, with a person, two, or none.
		{"dang-uy-btgdv-closing", func(i int) pg {
			shown, who := exPick([]exCredit{
				exNameThen(" - Ban Tuyên giáo và Dân vận Đảng ủy xã"), exUnit("Ban Tuyên giáo và Dân vận"), exTwoThen(", ", " (Ban TG&DV Đảng ủy xã)"), exUnit("Ban Tuyên giáo và Dân vận Đảng ủy phường"),
				exNameThen(" (BTG&DV)"), exUnit("BTG&DV Đảng ủy xã"), exForm(0), exNameThen(" - Ban Tuyên giáo và Dân vận Đảng ủy xã"),
			}, i)
			ps := paras(i)
			return pg{exParty(i, "", wrap(ps, justP)+closeRight(shown)), who, shown, ps}
		}},
		// A party portal: the writer with the office held, in one closing line ("Đồng chí X, Phó Bí thư Đảng ủy xã").
		{"party-name-comma-position", func(i int) pg {
			shown, who := exPick([]exCredit{
				func(i int) (string, []string) {
					return "Đồng chí " + name(i) + ", Phó Bí thư Đảng ủy xã", []string{name(i)}
				},
				exNameThen(" - Trưởng Ban Tuyên giáo và Dân vận Đảng ủy phường"),
				func(i int) (string, []string) {
					return "ThS. " + name(i) + " - Giảng viên Trường Chính trị tỉnh", []string{name(i)}
				},
				exNameThen(", Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy xã"),
				exNameThen(" - Bí thư Chi bộ ấp 3"),
				exNameThen(", Phó Trưởng Ban Tuyên giáo và Dân vận Đảng ủy xã"),
				func(i int) (string, []string) {
					return "Đồng chí " + name(i) + " - Bí thư Đảng ủy xã", []string{name(i)}
				},
				exNameThen(" - Giảng viên Trường Chính trị tỉnh"),
			}, i)
			ps := paras(i)
			return pg{exParty(i, "", wrap(ps, justP)+`<p style="text-align: right;"><em>`+shown+`</em></p>`), who, shown, ps}
		}},
		// A party portal: the name bold, then the office in italics after a <br> of the same paragraph.
		{"party-name-br-position", func(i int) pg {
			n := name(i)
			shownName := []string{n, strings.ToUpper(n), "TS. " + n, "Đồng chí " + n}[i%4]
			pos := []string{"Bí thư Đảng ủy xã", "Phó Trưởng Ban Tuyên giáo và Dân vận Đảng ủy xã", "Chủ tịch Ủy ban MTTQ Việt Nam xã"}[i%3]
			ps := paras(i)
			content := wrap(ps, justP) + `<p style="text-align: right;"><strong>` + shownName + `</strong><br><em>` + pos + `</em></p>`
			return pg{exParty(i, "", content), []string{n}, shownName, ps}
		}},
		// A leader's article on a party portal: the name in capitals and the office
		// right-aligned over the text; on some pages two writers, each with an office.
		{"party-caps-top-position", func(i int) pg {
			n, o := name(i), other(i)
			pos := []string{"Bí thư Đảng ủy xã", "Phó Bí thư Thường trực Đảng ủy xã", "Trưởng Ban Tuyên giáo và Dân vận Đảng ủy xã"}
			block := func(nm string, k int) string {
				return `<p style="text-align: right;"><strong>` + strings.ToUpper(nm) + `</strong></p><p style="text-align: right;"><em>` + pos[k%3] + `</em></p>`
			}
			top := `<div class="tacgia">` + block(n, i)
			who := []string{n}
			shown := strings.ToUpper(n)
			if i%3 == 1 {
				top += block(o, i+1)
				who = append(who, o)
				shown += " " + strings.ToUpper(o)
			}
			top += `</div>`
			ps := paras(i)
			return pg{exParty(i, top, `<p><strong>`+lead(i)+`</strong></p>`+wrap(ps, justP)), who, "", append([]string{lead(i)}, ps...)}
		}},
		// A contest entry: the byline closes the text, then the note "(Bài viết tham gia Cuộc thi …)".
		{"contest-note-after", func(i int) pg {
			shown, who := exPick([]exCredit{
				exForm(0), exNameThen(" - Đảng viên Chi bộ ấp 2"), exNameThen(" (Hội Cựu chiến binh xã)"), exForm(4),
				exNameThen(" - Chi bộ Trường THCS Tân Lập"), exForm(0), exLabel("Tác giả: "), exNameThen(" (Đảng bộ xã Tân Lập)"),
			}, i)
			contest := []string{`(Bài viết tham gia Cuộc thi viết về gương “Dân vận khéo” năm 2025)`, `(Bài dự thi Giải Báo chí về xây dựng Đảng - Búa liềm vàng)`, `(Bài viết tham gia cuộc thi chính luận về bảo vệ nền tảng tư tưởng của Đảng)`}[i%3]
			ps := paras(i)
			content := wrap(ps, justP) + closeRight(shown) + `<p style="text-align: right;"><em>` + contest + `</em></p>`
			return pg{exParty(i, "", content), who, shown, ps}
		}},
		// A contest entry: the note heads the text in italics; the byline and a second note share the closing paragraph.
		{"contest-note-br", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exNameThen(" - Chi bộ ấp 3"), exForm(4), exNameThen(" (Trường Tiểu học Tân Lập)")}, i)
			ps := paras(i)
			content := `<p style="text-align: center;"><em>Bài dự thi Cuộc thi viết “Những tấm gương bình dị mà cao quý” lần thứ ` + fmt.Sprint(3+i%4) + `</em></p>` + wrap(ps, justP) +
				`<p style="text-align: right;"><strong>` + shown + `</strong><br><em>(Bài viết tham gia cuộc thi)</em></p>`
			return pg{exParty(i, "", content), who, shown, ps}
		}},
		// A provincial paper: the byline a <p class="author"> between the time and the sapo.
		{"paper-p-author-top", func(i int) pg {
			shown, who := exPick([]exCredit{
				exForm(0), exForm(2), exTwoThen(" - ", ""), exForm(7), exCaps("Thực hiện: "), exForm(4), exLabel("Bài, ảnh: "), exForm(1),
			}, i)
			ps := paras(i)
			return pg{exPaper(i, `<p class="author">`+shown+`</p>`, wrap(ps, plainP), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A provincial paper's interview: "X - Y (thực hiện)", "Thực hiện: X - Y" in capitals, over the sapo.
		{"paper-thuc-hien-two", func(i int) pg {
			shown, who := exPick([]exCredit{
				exTwoThen(" - ", " (thực hiện)"),
				func(i int) (string, []string) {
					return "Thực hiện: " + strings.ToUpper(name(i)) + " - " + strings.ToUpper(other(i)), []string{name(i), other(i)}
				},
				exNameThen(" (thực hiện)"),
				exCaps("THỰC HIỆN: "),
			}, i)
			ps := paras(i)
			return pg{exPaper(i, `<div class="detail__author"><strong>`+shown+`</strong></div>`, wrap(ps, plainP), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A provincial paper: the writers in capitals then the time, in one line over the sapo ("VĂN HÀO - TRẦN HỮU 30/04/2016 11:39").
		{"paper-caps-date-top", func(i int) pg {
			n, o := name(i), other(i)
			who := []string{n}
			names := strings.ToUpper(n)
			if i%2 == 1 {
				names += " - " + strings.ToUpper(o)
				who = append(who, o)
			}
			ps := paras(i)
			h := head(title(i), "Báo Quảng Nam") + topBar("Báo Quảng Nam điện tử") + `<div class="main"><div class="article"><h1 class="title">` + title(i) + `</h1>` +
				`<div class="info">` + names + ` ` + date(i) + ` ` + clock(i) + `</div><div class="sapo"><strong>` + lead(i) + `</strong></div><div class="content">` + wrap(ps, plainP) + `</div></div>` + related() + sideBar(i) + `</div>` + bottom("Báo Quảng Nam")
			return pg{h, who, names, append([]string{lead(i)}, ps...)}
		}},
		// A portal reposting a paper: "Theo X (Báo Y)", "Theo Báo Y", "Theo X - Y (Báo Z)", "X (Theo Báo Y)".
		{"repost-theo-bao", func(i int) pg {
			shown, who := exPick([]exCredit{
				func(i int) (string, []string) { return "Theo " + name(i) + " (Báo Quảng Ninh)", []string{name(i)} },
				exUnit("Theo Báo Quảng Ninh"),
				func(i int) (string, []string) {
					return "Theo " + name(i) + " - " + other(i) + " (Báo Bắc Ninh)", []string{name(i), other(i)}
				},
				exNameThen(" (Theo Báo Bắc Giang)"),
				exUnit("Theo baoquangninh.vn"),
				func(i int) (string, []string) { return "Theo " + name(i) + " (Báo Đồng Nai)", []string{name(i)} },
				exUnit("Nguồn: Báo Đồng Nai"),
				exNameThen(" (Báo Đồng Nai)"),
			}, i)
			ps := paras(i)
			content := wrap(ps, plainP) + `<p style="text-align: right;"><em>` + shown + `</em></p>`
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, content, "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// News agency credits with a slash: "X/TTXVN", "Theo X/VOV.VN", "TTXVN", "X - Y/TTXVN".
		{"agency-slash", func(i int) pg {
			shown, who := exPick([]exCredit{
				exNameThen("/TTXVN"), func(i int) (string, []string) { return "Theo " + name(i) + "/VOV.VN", []string{name(i)} }, exUnit("TTXVN"), exTwoThen(" - ", "/TTXVN"),
				exUnit("Theo TTXVN"), exNameThen("/Báo Tin tức"), func(i int) (string, []string) { return "Theo " + name(i) + "/baochinhphu.vn", []string{name(i)} }, exNameThen(" (TTXVN)"),
			}, i)
			ps := paras(i)
			return pg{liferay(i, wrap(ps, justP)+closeRight(shown), ""), who, shown, ps}
		}},
		// A Wayback Machine capture of a Liferay portal: the toolbar on top, the links rewritten, the byline closing the text.
		{"wayback-end-byline", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(1), exForm(15), exForm(0), exForm(12)}, i)
			ps := paras(i)
			return pg{exWayback(liferay(i, wrap(ps, justP)+closeRight(shown), ""), i), who, shown, ps}
		}},
		// A Wayback Machine capture of a Bootstrap portal: the byline labelled in the meta bar under the title.
		{"wayback-top-meta", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(0), exForm(15), exForm(0), exForm(6)}, i)
			ps := paras(i)
			bar := `<div class="post-meta"><span class="date">` + date(i) + ` ` + clock(i) + `</span> | <span class="author">Tác giả: ` + shown + `</span></div>`
			return pg{exWayback(bootstrapDetail(i, bar, wrap(ps, justP), ""), i), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A Wayback capture of a commune's NukeViet portal, the byline under the bodytext.
		{"wayback-nukeviet", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(1)}, i)
			ps := paras(i)
			after := `<p class="h5 text-right"><strong>Tác giả: </strong>` + shown + `</p>`
			return pg{exWayback(nukeviet(i, shown, wrap(ps, justP), after), i), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline and its time under the title: "X - 12:30 12/03/2024".
		{"top-name-dash-clock-date", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(4), exForm(8), exForm(0), exForm(1), exForm(0), exForm(15), exForm(2)}, i)
			ps := paras(i)
			bar := `<div class="post-author-time">` + shown + ` - ` + clock(i) + ` ` + date(i) + `</div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline, a pipe, the weekday, date and time: "X | Thứ Ba, 12/03/2024 - 08:30".
		{"top-name-pipe-weekday", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(4), exForm(8), exForm(0), exForm(5), exForm(0), exForm(15), exForm(1)}, i)
			ps := paras(i)
			bar := `<div class="meta"><span class="author">` + shown + `</span> | <span class="time">` + exWeekday(i) + `, ` + date(i) + ` - ` + clock(i) + `</span></div>`
			return pg{exPaper(i, bar, wrap(ps, plainP), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The byline and its time as one plain text line, no spans: "X | Thứ Ba, 12/03/2024 - 08:30".
		{"top-name-pipe-weekday-plain", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(4), exForm(8), exForm(0), exForm(5), exForm(0), exForm(15), exForm(1)}, i)
			ps := paras(i)
			bar := `<div class="meta">` + shown + ` | ` + exWeekday(i) + `, ` + date(i) + ` - ` + clock(i) + `</div>`
			return pg{exPaper(i, bar, wrap(ps, plainP), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Under the text, one line: "Cập nhật: 12/03/2024 | Tác giả: X".
		{"end-capnhat-tacgia", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(0), exForm(15), exForm(0), exForm(12)}, i)
			ps := paras(i)
			after := `<div class="news-info text-right"><em>Cập nhật: ` + date(i) + ` | Tác giả: ` + shown + `</em></div>`
			return pg{exXa(i, "", wrap(ps, justP), after, ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Under the title, one line: "Cập nhật: 12/03/2024 08:30 | Tác giả: X | Lượt xem: n".
		{"top-capnhat-tacgia", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(0), exForm(15), exForm(0), exForm(12)}, i)
			ps := paras(i)
			bar := `<div class="news-info">Cập nhật: ` + date(i) + ` ` + clock(i) + ` | Tác giả: ` + shown + ` | Lượt xem: ` + fmt.Sprint(80+i) + `</div>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A credits table of rows under the text: the writer, the source, the poster's account, the date.
		{"credits-table-rows", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(0)}, i)
			ps := paras(i)
			after := `<table class="tbl-thongtin" border="0" width="100%"><tbody><tr><td width="120"><b>Tác giả</b></td><td>` + shown + `</td></tr>` +
				`<tr><td><b>Nguồn tin</b></td><td>Văn phòng HĐND-UBND xã</td></tr><tr><td><b>Người đăng</b></td><td>admin</td></tr><tr><td><b>Ngày đăng</b></td><td>` + date(i) + `</td></tr></tbody></table>`
			return pg{classicASP(i, wrap(ps, plainP), after), who, shown, ps}
		}},
		// The meta bar names the poster's account ("Người đăng: admin"); the writer closes the text.
		{"poster-admin-plus-byline", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(1)}, i)
			ps := paras(i)
			bar := `<div class="meta-news"><span>Ngày đăng: ` + date(i) + `</span> | <span>Người đăng: admin</span> | <span>Lượt xem: ` + fmt.Sprint(60+i) + `</span></div>`
			return pg{exXa(i, bar, wrap(ps, justP)+closeRight(shown), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The meta bar names the poster, a person (the portal's editor); the writer closes the text and is the one credited.
		{"poster-person-plus-byline", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(1)}, i)
			ps := paras(i)
			poster := []string{"Lương Thị Hạnh", "Nguyễn Văn Nam"}[i%2]
			bar := `<div class="meta-news"><span>Ngày đăng: ` + date(i) + `</span> | <span>Người đăng: ` + poster + `</span> | <span>Lượt xem: ` + fmt.Sprint(60+i) + `</span></div>`
			return pg{exXa(i, bar, wrap(ps, justP)+closeRight(shown), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The poster under the text ("Người đăng: admin"), after the writer's own line.
		{"poster-under-byline", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(1)}, i)
			ps := paras(i)
			after := `<div class="nguoi-dang text-right"><i>Người đăng: quantri_xa</i></div>`
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, wrap(ps, justP)+closeRight(shown), after, ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// An info bar of icons whose labels only screen readers see (Bootstrap's sr-only).
		{"sr-only-icon-labels", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(0), exForm(15), exForm(0), exForm(1)}, i)
			ps := paras(i)
			bar := `<ul class="list-inline post-meta"><li><i class="fa fa-calendar" aria-hidden="true"></i><span class="sr-only">Ngày đăng:</span> ` + date(i) + `</li>` +
				`<li><i class="fa fa-user" aria-hidden="true"></i><span class="sr-only">Tác giả:</span> ` + shown + `</li>` +
				`<li><i class="fa fa-eye" aria-hidden="true"></i><span class="sr-only">Lượt xem:</span> ` + fmt.Sprint(200+i) + `</li></ul>`
			return pg{bootstrapDetail(i, bar, wrap(ps, justP), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The closing byline after a label only screen readers see (Bootstrap 5's visually-hidden),
		// the poster's account hidden the same way in the tools.
		{"visually-hidden-label-end", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(1)}, i)
			ps := paras(i)
			after := `<div class="article-author text-end"><span class="visually-hidden">Tác giả: </span><strong>` + shown + `</strong></div>` +
				`<div class="article-tools"><span class="visually-hidden">Người đăng: admin</span><a href="#">In</a> <a href="#">Gửi</a></div>`
			return pg{bootstrapDetail(i, `<div class="post-date">`+date(i)+`</div>`, wrap(ps, justP), after), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The side column lists the latest articles, each with "Tác giả: X"; the article's byline closes its text.
		{"sidebar-authors-labelled", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(1)}, i)
			ps := paras(i)
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, wrap(ps, justP)+closeRight(shown), "", exSideAuthors(i, true)), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// The side column's latest articles each with the writer's bare name; the article has no byline on half its pages.
		{"sidebar-authors-no-own", func(i int) pg {
			ps := paras(i)
			content := wrap(ps, plainP)
			var shown string
			var who []string
			if i%2 == 1 {
				shown, who = form([]int{0, 5, 8, 4}[(i/2)%4], i)
				content += closeRight(shown)
			}
			return pg{exPaper(i, "", content, "", exSideAuthors(i, false)), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A paper: the byline in a box over the sapo, related cards with their writers under the article.
		{"related-cards-authors", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(4), exForm(8), exForm(0), exForm(2), exForm(0), exTwoThen(" - ", ""), exForm(7)}, i)
			ps := paras(i)
			return pg{exPaper(i, `<div class="box-author"><strong>`+shown+`</strong></div>`, wrap(ps, plainP), exRelatedCards(i), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Labels in capitals: "TIN, ẢNH: X", "BÀI VÀ ẢNH: X", "BÀI: X - ẢNH: Y".
		{"labels-caps", func(i int) pg {
			shown, who := exPick([]exCredit{
				exCaps("TIN, ẢNH: "), exCaps("BÀI VÀ ẢNH: "),
				func(i int) (string, []string) {
					return "BÀI: " + strings.ToUpper(name(i)) + " - ẢNH: " + strings.ToUpper(other(i)), []string{name(i), other(i)}
				},
				exLabel("TIN, ẢNH: "), exCaps("BÀI, ẢNH: "), exCaps("TIN: "), exLabel("BÀI VÀ ẢNH: "), exCaps("NGƯỜI VIẾT: "),
			}, i)
			ps := paras(i)
			return pg{liferay(i, wrap(ps, justP)+closeRight(shown), ""), who, shown, ps}
		}},
		// The byline twice: labelled in the meta bar and bold closing the text.
		{"byline-top-and-end", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(5), exForm(8), exForm(4), exForm(15), exForm(0), exForm(12), exForm(0)}, i)
			ps := paras(i)
			bar := `<div class="meta-news"><span>` + date(i) + `</span> | <span>Tác giả: ` + shown + `</span></div>`
			return pg{exXa(i, bar, wrap(ps, justP)+closeRight(shown), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Commune news written by the commune's officials: the name with the office held in the commune.
		{"xa-official-position", func(i int) pg {
			shown, who := exPick([]exCredit{
				exNameThen(" - Công chức Văn hóa - Xã hội xã"), exNameThen(" - Phó Chủ tịch UBND xã"), exNameThen(", công chức Văn phòng HĐND-UBND xã"),
				exNameThen(" - Trung tâm Phục vụ hành chính công xã"), exNameThen(" - Phòng Kinh tế xã"), exNameThen(" - Phòng Văn hóa - Xã hội phường"),
				exTwoThen(", ", " - Phòng Văn hóa - Xã hội xã"), exNameThen(" (Công an xã)"),
			}, i)
			ps := paras(i)
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, wrap(ps, justP)+closeRight(shown), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Two writers joined by "và" in the closing line: "X và Y", "Bài: X và Y", "Tin, ảnh: X và Y".
		{"two-names-va", func(i int) pg {
			shown, who := exPick([]exCredit{
				exTwoThen(" và ", ""), func(i int) (string, []string) {
					return "Bài: " + name(i) + " và " + other(i), []string{name(i), other(i)}
				},
				exForm(0), func(i int) (string, []string) {
					return "Tin, ảnh: " + name(i) + " và " + other(i), []string{name(i), other(i)}
				},
			}, i)
			ps := paras(i)
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, wrap(ps, justP)+closeRight(shown), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// A paper's top line: the writer, a bullet, the time ("X • 08:30, 12/03/2024").
		{"top-name-bullet-time", func(i int) pg {
			shown, who := exPick([]exCredit{exForm(0), exForm(4), exForm(8), exForm(0), exForm(2), exForm(0), exForm(7), exForm(1)}, i)
			ps := paras(i)
			bar := `<div class="detail__byline"><span class="detail__author">` + shown + `</span> • <span class="detail__date">` + clock(i) + `, ` + date(i) + `</span></div>`
			return pg{exPaper(i, bar, wrap(ps, plainP), "", ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
		// Readers' comments under the article, each with the commenter's name and time; the byline closes the text on most pages.
		{"comments-under", func(i int) pg {
			var shown string
			var who []string
			ps := paras(i)
			content := wrap(ps, justP)
			if i%4 != 3 {
				shown, who = form([]int{0, 5, 8, 4}[i%4], i)
				content += closeRight(shown)
			}
			var c strings.Builder
			c.WriteString(`<div class="comments"><h3>Ý kiến bạn đọc (2)</h3>`)
			for k := 0; k < 2; k++ {
				c.WriteString(`<div class="comment-item"><div class="comment-author"><strong>` + exSideNames[(i+k)%len(exSideNames)] + `</strong> <span class="comment-time">` + fmt.Sprintf("%02d:1%d %s", 9+k, k, date(i)) + `</span></div>` +
					`<div class="comment-text">` + []string{"Bài viết rất hay, cảm ơn tác giả.", "Mong xã tiếp tục quan tâm đầu tư đường giao thông nông thôn."}[k] + `</div></div>`)
			}
			c.WriteString(`<form class="comment-form"><textarea placeholder="Ý kiến của bạn"></textarea><input type="text" placeholder="Họ và tên"><button>Gửi ý kiến</button></form></div>`)
			return pg{exXa(i, `<div class="meta-news">`+date(i)+`</div>`, content, c.String(), ""), who, shown, append([]string{lead(i)}, ps...)}
		}},
	}
}
