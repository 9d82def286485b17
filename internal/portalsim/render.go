package portalsim

import (
	"fmt"
	"hash/fnv"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// page is one prerendered response body.
type page struct {
	body    []byte
	ctype   string
	etag    string
	article bool
}

const htmlUTF8 = "text/html; charset=utf-8"

func newPage(body []byte, ctype string, article bool) *page {
	h := fnv.New64a()
	h.Write(body)
	return &page{body: body, ctype: ctype, etag: fmt.Sprintf(`"%x"`, h.Sum64()), article: article}
}

var esc = html.EscapeString

func (p *Portal) siteName() string { return "Cổng thông tin điện tử " + p.prof.kd() }

func (p *Portal) head(title string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + esc(title) + " - " + esc(p.siteName()) + "</title></head><body>\n"
}

func (p *Portal) header() string {
	var b strings.Builder
	b.WriteString(`<div id="header"><div class="today">` + esc(todayLine(p.today)) + `</div><ul class="menu"><li><a href="/">Trang chủ</a></li>`)
	for _, c := range categories {
		fmt.Fprintf(&b, `<li><a href="/%s">%s</a></li>`, c.Slug, esc(c.Label))
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

// tools links to paths robots.txt disallows, to catch crawlers that ignore it.
const tools = `<div class="tools"><a href="/tim-kiem?q=x">Tìm kiếm</a> | <a href="/admin/login">Đăng nhập</a></div>` + "\n"

func (p *Portal) footer() string {
	return `<div id="footer">` + esc(p.siteName()+". Địa chỉ: "+p.prof.address+". Điện thoại: "+p.prof.phone) + "</div></body></html>\n"
}

func linkItem(a *Article) string {
	return `<li><a href="` + a.Path + `">` + esc(a.Title) + "</a></li>"
}

// trackingLinks are the same article linked as social networks and ads
// rewrite it (the TrackingLinks fault).
func (p *Portal) trackingLinks(a *Article) string {
	if !p.cfg.Faults.TrackingLinks {
		return ""
	}
	return `<li class="share"><a href="` + a.Path + `?utm_source=facebook&amp;utm_medium=social&amp;utm_campaign=tin">Chia sẻ</a> ` +
		`<a href="` + a.Path + `?fbclid=IwAR0abc123">Facebook</a> <a href="` + a.Path + `?gclid=EAIaIQ&amp;utm_source=google#top">Google</a></li>`
}

// build prerenders every page, so serving is a map lookup.
func (p *Portal) build() error {
	p.pages = map[string]*page{}
	var b strings.Builder
	// Home page.
	b.WriteString(p.head("Trang chủ") + p.header() + tools + `<div id="content"><h2>Tin mới nhất</h2><ul class="latest">`)
	for _, a := range p.arts[:min(5, len(p.arts))] {
		b.WriteString(linkItem(a) + p.trackingLinks(a))
	}
	b.WriteString("</ul>\n")
	if f := p.cfg.Faults; f.OffHostLinks {
		b.WriteString(`<ul class="partners"><li><a href="http://offhost.invalid/dang-doan-the/-/view_content/1-ngoai.html">Cổng thông tin thành phố</a></li>` +
			`<li><a href="https://www.facebook.com/sharer/sharer.php?u=` + esc(p.arts[0].Path) + `">Facebook</a></li>` +
			`<li><a href="//offhost.invalid/kinh-te">Kinh tế (ngoài)</a></li><li><a href="mailto:banbientap@hanoi.gov.vn">Liên hệ</a></li></ul>` + "\n")
	}
	if f := p.cfg.Faults; f.RedirectLoopPath != "" || f.OffHostRedirectPath != "" || f.Always503Path != "" || f.SlowPath != "" ||
		f.GzipBombPath != "" || f.RedirectPath != "" {
		b.WriteString(`<ul class="links">`)
		for _, l := range []string{f.RedirectLoopPath, f.OffHostRedirectPath, f.Always503Path, f.SlowPath, f.GzipBombPath, f.RedirectPath} {
			if l != "" {
				b.WriteString(`<li><a href="` + esc(l) + `">Liên kết</a></li>`)
			}
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</div>" + p.footer())
	p.pages["/"] = newPage([]byte(b.String()), htmlUTF8, false)

	byCat := map[string][]*Article{}
	for _, a := range p.arts {
		byCat[a.catSlug] = append(byCat[a.catSlug], a)
	}
	for _, c := range categories {
		for n, pg := range p.listingPages(c, byCat[c.Slug]) {
			key := "/" + c.Slug
			if n > 0 {
				key += "?page=" + strconv.Itoa(n+1)
			}
			p.pages[key] = newPage([]byte(pg), htmlUTF8, false)
		}
	}
	for _, a := range p.arts {
		pg, err := p.articlePage(a, byCat[a.catSlug])
		if err != nil {
			return fmt.Errorf("portalsim: %s: %w", a.Path, err)
		}
		p.pages[a.Path] = pg
	}
	return nil
}

func (p *Portal) listingPages(c category, arts []*Article) []string {
	size := p.cfg.PageSize
	total := max(1, (len(arts)+size-1)/size)
	link := func(n int) string {
		if n == 1 {
			return "/" + c.Slug
		}
		return "/" + c.Slug + "?page=" + strconv.Itoa(n)
	}
	out := make([]string, total)
	for n := 1; n <= total; n++ {
		var b strings.Builder
		b.WriteString(p.head(c.Label) + p.header() + tools)
		b.WriteString(`<div id="content"><h2 class="category-title">` + esc(c.Label) + `</h2><ul class="list-news">` + "\n")
		for _, a := range arts[(n-1)*size : min(n*size, len(arts))] {
			b.WriteString(`<li><a href="` + a.Path + `">` + esc(a.Title) + "</a>")
			if a.HasDate {
				b.WriteString(` <span class="date">(` + a.PublishedAt.Format("02/01/2006") + ")</span>")
			}
			b.WriteString("</li>" + p.trackingLinks(a) + "\n")
		}
		fmt.Fprintf(&b, `</ul><div class="pagination"><span>Trang %d/%d</span>`, n, total)
		if n > 1 {
			b.WriteString(` <a href="` + link(n-1) + `">Trang trước</a>`)
		}
		for i := 1; i <= total; i++ {
			if i == n {
				fmt.Fprintf(&b, ` <span class="current">%d</span>`, i)
			} else {
				fmt.Fprintf(&b, ` <a href="%s">%d</a>`, link(i), i)
			}
		}
		if n < total {
			b.WriteString(` <a href="` + link(n+1) + `">Trang sau</a>`)
		}
		b.WriteString("</div></div>\n" + p.footer())
		out[n-1] = b.String()
	}
	return out
}

// Spam as injected into hacked portals' article pages (Faults.Spam).
const (
	spamHidden = `<div style="position:absolute;left:-9999px"><a href="https://nhacai-uytin.example/">nhà cái uy tín</a> ` +
		`<a href="https://cacuoc.example/">cá cược bóng đá</a> <a href="https://nohu.example/">nổ hũ đổi thưởng</a></div>` + "\n"
	spamPromotion = `<p><a href="https://casino.example/">Casino trực tuyến</a>: khuyến mãi 100% nạp lần đầu, ` +
		`hoàn trả 1,5% mỗi ngày cho 5.000 thành viên mới tại nhà cái số 1 Việt Nam.</p>` + "\n"
	spamBylineLink = ` <a style="font-size:1px" href="https://taixiu.example/">tài xỉu online</a>`
)

// related picks up to four other articles of the category, the next older
// ones first.
func related(a *Article, cat []*Article) []*Article {
	i := 0
	for i < len(cat) && cat[i] != a {
		i++
	}
	var out []*Article
	for _, j := range []int{i + 1, i + 2, i + 3, i + 4, i - 1, i - 2, i - 3, i - 4} {
		if j >= 0 && j < len(cat) && len(out) < 4 {
			out = append(out, cat[j])
		}
	}
	return out
}

func (p *Portal) articlePage(a *Article, cat []*Article) (*page, error) {
	var b strings.Builder
	b.WriteString(p.head(a.Title) + p.header())
	b.WriteString(`<div id="content"><div class="journal-content-article">` + "\n")
	b.WriteString(`<div class="category">` + esc(a.Category) + "</div>\n")
	b.WriteString(`<h1 class="title">` + esc(a.Title) + "</h1>\n")
	if a.HasDate {
		b.WriteString(`<div class="date-view">` + esc(dateLine(a.PublishedAt, a.Views)) + "</div>\n")
	}
	b.WriteString(`<div class="content">`)
	spam := p.cfg.Faults.Spam
	if spam {
		b.WriteString(spamHidden)
	}
	for _, para := range a.Paragraphs {
		b.WriteString("<p>" + esc(para) + "</p>\n")
	}
	if spam {
		b.WriteString(spamPromotion)
	}
	b.WriteString(`<p style="text-align:right"><strong>` + esc(a.Byline) + "</strong>")
	if spam {
		b.WriteString(spamBylineLink)
	}
	b.WriteString("</p></div>\n</div>\n")
	b.WriteString(`<div class="related"><h3>Tin liên quan</h3><ul>`)
	for _, r := range related(a, cat) {
		b.WriteString(linkItem(r))
	}
	b.WriteString("</ul></div>\n</div>" + p.footer())
	s := b.String()
	if p.cfg.Faults.MalformedHTML {
		s = malform(s)
	}
	switch {
	case p.cfg.Faults.Windows1258:
		s = strings.Replace(s, `<meta charset="utf-8">`, `<meta charset="windows-1258">`, 1)
		body, err := toWindows1258(s)
		if err != nil {
			return nil, err
		}
		return newPage(body, "text/html; charset=windows-1258", true), nil
	case p.cfg.Faults.Decomposed:
		s = norm.NFD.String(s)
	}
	return newPage([]byte(s), htmlUTF8, true), nil
}

func (p *Portal) record(r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight++
	p.maxInflight = max(p.maxInflight, p.inflight)
	p.log = append(p.log, r.URL.RequestURI())
	p.at = append(p.at, time.Now())
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		p.cond++
	}
}

// admit waits out the configured latency and refuses methods other than
// GET and HEAD; false means the request is answered (or abandoned).
func (p *Portal) admit(w http.ResponseWriter, r *http.Request) bool {
	if d := p.cfg.Faults.Latency; d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return false
		case <-p.stop:
			return false
		}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return false
	}
	return true
}

func (p *Portal) serveHTTP(w http.ResponseWriter, r *http.Request) {
	p.record(r)
	defer p.done()
	if !p.admit(w, r) {
		return
	}
	f := p.cfg.Faults
	path := r.URL.Path
	switch {
	case f.RedirectLoopPath != "" && path == f.RedirectLoopPath:
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
		return
	case f.OffHostRedirectPath != "" && path == f.OffHostRedirectPath:
		http.Redirect(w, r, "http://offhost.invalid"+r.URL.RequestURI(), http.StatusFound)
		return
	case f.GzipBombPath != "" && path == f.GzipBombPath:
		n := f.GzipBombBytes
		if n <= 0 {
			n = 1 << 30
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBomb(n))
		return
	case f.RedirectPath != "" && path == f.RedirectPath:
		http.Redirect(w, r, f.RedirectTarget, http.StatusFound)
		return
	case f.Always503Path != "" && path == f.Always503Path:
		w.Header().Set("Retry-After", "1")
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	case f.SlowPath != "" && path == f.SlowPath:
		t := time.NewTimer(f.SlowDelay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		case <-p.stop:
			return
		}
		w.Header().Set("Content-Type", htmlUTF8)
		w.Write([]byte(p.head("Trang chậm") + p.header() + `<div id="content"><p>Trang chậm.</p></div>` + p.footer()))
		return
	case path == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		var extra strings.Builder
		for _, d := range f.RobotsDisallow {
			extra.WriteString("Disallow: " + d + "\n")
		}
		if f.CrawlDelay > 0 {
			fmt.Fprintf(&extra, "Crawl-delay: %g\n", f.CrawlDelay.Seconds())
		}
		fmt.Fprintf(w, "User-agent: *\nDisallow: /tim-kiem\nDisallow: /admin/\n%s\nSitemap: http://%s/sitemap.xml\n", extra.String(), r.Host)
		return
	case path == "/sitemap.xml":
		p.sitemap(w, r)
		return
	case path == "/tim-kiem" || path == "/admin" || strings.HasPrefix(path, "/admin/"):
		w.Header().Set("Content-Type", htmlUTF8)
		w.Write([]byte(p.head("Tìm kiếm") + p.header() + `<div id="content"><form action="/tim-kiem"><input name="q"></form></div>` + p.footer()))
		return
	}
	key := path
	if _, ok := categoryBySlug(strings.TrimPrefix(path, "/")); ok {
		if n := r.URL.Query().Get("page"); n != "" && n != "1" {
			key += "?page=" + n
		}
	}
	p.site.RLock()
	pg, ok := p.pages[key]
	p.site.RUnlock()
	if !ok {
		w.Header().Set("Content-Type", htmlUTF8)
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(p.head("Không tìm thấy trang") + p.header() + `<div id="content"><h1>Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p></div>` + p.footer()))
		return
	}
	if pg.article && (f.RateLimit429 > 0 || f.Fail503 > 0) {
		p.mu.Lock()
		p.hits[path]++
		n := p.hits[path]
		p.mu.Unlock()
		if n <= f.RateLimit429+f.Fail503 {
			code := http.StatusServiceUnavailable
			if n <= f.RateLimit429 {
				code = http.StatusTooManyRequests
			}
			w.Header().Set("Retry-After", "1")
			http.Error(w, http.StatusText(code), code)
			return
		}
	}
	pg.serve(w, r)
}

// serve writes the page, or 304 when the request names its ETag.
func (pg *page) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", pg.ctype)
	h.Set("ETag", pg.etag)
	if r.Header.Get("If-None-Match") == pg.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(pg.body)))
	w.Write(pg.body)
}

// sitemap lists every article with its lastmod: the publish date, or the
// time of its last change when UpdateArticle changed it. It has an ETag
// and answers 304 to a request naming it, as a static sitemap file does.
func (p *Portal) sitemap(w http.ResponseWriter, r *http.Request) {
	p.site.RLock()
	defer p.site.RUnlock()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, a := range p.arts {
		b.WriteString("<url><loc>http://" + esc(r.Host) + a.Path + "</loc>")
		switch {
		case !a.modAt.IsZero():
			b.WriteString("<lastmod>" + a.modAt.UTC().Format(time.RFC3339) + "</lastmod>")
		case a.HasDate:
			b.WriteString("<lastmod>" + a.PublishedAt.Format("2006-01-02") + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	newPage([]byte(b.String()), "application/xml; charset=utf-8", false).serve(w, r)
}

// malform breaks an article page the way hand-edited portal pages are
// broken: paragraphs and list items never closed, a stray unterminated tag
// in the header, the document cut before </body></html>.
func malform(s string) string {
	s = strings.ReplaceAll(s, "</p>", "")
	s = strings.ReplaceAll(s, "</li>", "")
	s = strings.Replace(s, `<div id="header">`, `<div id="header"><span class="x" <b>`, 1)
	s = strings.Replace(s, "<h1 ", "<div><h1 ", 1)
	return strings.TrimSuffix(s, "</body></html>\n")
}
