package portalsim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"go.uber.org/goleak"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// start builds and starts a portal that is closed when the test ends.
func start(t *testing.T, cfg Config) *Portal {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

// newClient does not follow redirects; its connections are closed at the end.
func newClient(t *testing.T) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport:     tr,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func get(t *testing.T, c *http.Client, url string) response {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", url, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

func getOK(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	r := get(t, c, url)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: status %d", url, r.status)
	}
	return r.body
}

func parse(t *testing.T, body []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

// crawlListing follows "Trang sau" from a listing's first page and returns
// the pages visited and the article links in order.
func crawlListing(t *testing.T, c *http.Client, base, first string) (pages, links []string) {
	t.Helper()
	for next := first; next != ""; {
		pages = append(pages, next)
		doc := parse(t, getOK(t, c, next))
		doc.Find(".list-news a").Each(func(_ int, s *goquery.Selection) {
			links = append(links, s.AttrOr("href", ""))
		})
		next = ""
		doc.Find(".pagination a").Each(func(_ int, s *goquery.Selection) {
			if s.Text() == "Trang sau" {
				next = base + s.AttrOr("href", "")
			}
		})
	}
	return pages, links
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr bool
		want    int // articles served
	}{
		{name: "unknown district", cfg: Config{District: "Ba Đình"}, wantErr: true},
		{name: "negative page size", cfg: Config{District: "Sơn Tây", PageSize: -1}, wantErr: true},
		{name: "relative fault path", cfg: Config{District: "Sơn Tây", Faults: Faults{RedirectLoopPath: "vong-lap"}}, wantErr: true},
		// Articles counts the 33 yearly reports and the filler news; the
		// other reports (extraReports: estimates, half-year and term
		// reports, news repeating a figure) come on top.
		{name: "defaults", cfg: Config{District: "Phú Xuyên"}, want: 60 + extraReports},
		{name: "slug accepted", cfg: Config{District: "sontay", Articles: 40}, want: 40 + extraReports},
		{name: "reports always served", cfg: Config{District: "Thường Tín", Articles: 5}, want: 33 + extraReports},
		{name: "seed article on top", cfg: Config{District: "Thanh Trì"}, want: 61 + extraReports},
	}
	if extraReports != 22 {
		t.Errorf("%d extra reports; Config.Articles documents 22", extraReports)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.cfg)
			if (err != nil) != tc.wantErr {
				t.Fatalf("New error = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got := len(p.Articles()); got != tc.want {
				t.Errorf("articles = %d, want %d", got, tc.want)
			}
		})
	}
}

// sitePaths are the pages whose bytes do not depend on the port.
func sitePaths(p *Portal) []string {
	paths := []string{"/", "/khong-ton-tai"}
	for _, u := range p.ListingURLs() {
		paths = append(paths, strings.TrimPrefix(u, p.URL()), strings.TrimPrefix(u, p.URL())+"?page=2")
	}
	for _, a := range p.Articles() {
		paths = append(paths, a.Path)
	}
	return paths
}

func TestDeterminism(t *testing.T) {
	tests := []struct {
		name     string
		district string
		seedA    int64
		seedB    int64
		wantSame bool
	}{
		{name: "same seed thanh tri", district: "Thanh Trì", seedA: 7, seedB: 7, wantSame: true},
		{name: "same seed son tay", district: "Sơn Tây", seedA: 42, seedB: 42, wantSame: true},
		{name: "different seeds", district: "Thanh Trì", seedA: 7, seedB: 8, wantSame: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := start(t, Config{Seed: tc.seedA, District: tc.district})
			b := start(t, Config{Seed: tc.seedB, District: tc.district})
			c := newClient(t)
			differ := 0
			for _, path := range sitePaths(a) {
				ra, rb := get(t, c, a.URL()+path), get(t, c, b.URL()+path)
				if ra.status != rb.status || !bytes.Equal(ra.body, rb.body) {
					differ++
				}
			}
			if tc.wantSame && differ > 0 {
				t.Errorf("%d pages differ between two portals with the same config", differ)
			}
			if !tc.wantSame && differ == 0 {
				t.Errorf("every page is the same with different seeds")
			}
		})
	}
}

func TestListingReachesEveryArticleOnce(t *testing.T) {
	tests := []struct {
		name     string
		district string
		pageSize int
	}{
		{name: "thanh tri default", district: "Thanh Trì"},
		{name: "son tay small pages", district: "Sơn Tây", pageSize: 3},
		{name: "thuong tin one page", district: "Thường Tín", pageSize: 100},
		{name: "phu xuyen", district: "Phú Xuyên", pageSize: 7},
		{name: "hai ba trung", district: "Hai Bà Trưng"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := start(t, Config{Seed: 1, District: tc.district, Articles: 70, PageSize: tc.pageSize})
			c := newClient(t)
			seen := map[string]int{}
			for _, first := range p.ListingURLs() {
				pages, links := crawlListing(t, c, p.URL(), first)
				size := cmpOr(tc.pageSize, 10)
				if want := (len(links) + size - 1) / size; len(pages) != max(1, want) {
					t.Errorf("%s: %d pages for %d articles", first, len(pages), len(links))
				}
				for _, l := range links {
					seen[l]++
				}
			}
			for _, a := range p.Articles() {
				if seen[a.Path] != 1 {
					t.Errorf("%s listed %d times, want 1", a.Path, seen[a.Path])
				}
				delete(seen, a.Path)
			}
			if len(seen) > 0 {
				t.Errorf("listings link unknown articles: %v", seen)
			}
		})
	}
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func TestRobotsAndRequestLog(t *testing.T) {
	p := start(t, Config{Seed: 1, District: "Thanh Trì"})
	c := newClient(t)
	robots := string(getOK(t, c, p.URL()+"/robots.txt"))
	for _, line := range []string{"User-agent: *", "Disallow: /tim-kiem", "Disallow: /admin/", "Sitemap: " + p.URL() + "/sitemap.xml"} {
		if !slices.Contains(strings.Split(robots, "\n"), line) {
			t.Errorf("robots.txt lacks %q:\n%s", line, robots)
		}
	}
	for _, u := range append([]string{p.URL() + "/"}, p.ListingURLs()...) {
		body := string(getOK(t, c, u))
		for _, trap := range []string{`href="/tim-kiem?q=x"`, `href="/admin/login"`} {
			if !strings.Contains(body, trap) {
				t.Errorf("%s does not link %s", u, trap)
			}
		}
	}
	if n := p.Requests("/tim-kiem") + p.Requests("/admin/"); n != 0 {
		t.Errorf("disallowed requests = %d before fetching them", n)
	}
	getOK(t, c, p.URL()+"/tim-kiem?q=x")
	getOK(t, c, p.URL()+"/admin/login")
	tests := []struct {
		name string
		path string
		want int
	}{
		{name: "query ignored", path: "/tim-kiem", want: 1},
		{name: "prefix", path: "/admin/", want: 1},
		{name: "exact", path: "/admin/login", want: 1},
		{name: "robots", path: "/robots.txt", want: 1},
		{name: "never fetched", path: "/sitemap.xml", want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.Requests(tc.path); got != tc.want {
				t.Errorf("Requests(%q) = %d, want %d", tc.path, got, tc.want)
			}
		})
	}
	if log := p.RequestLog(); !slices.Contains(log, "/tim-kiem?q=x") {
		t.Errorf("request log lacks /tim-kiem?q=x: %v", log)
	}
}

func TestSitemapAndNotFound(t *testing.T) {
	p := start(t, Config{Seed: 2, District: "Phú Xuyên"})
	c := newClient(t)
	sitemap := string(getOK(t, c, p.URL()+"/sitemap.xml"))
	arts := p.Articles()
	if got := strings.Count(sitemap, "<loc>"); got != len(arts) {
		t.Errorf("sitemap has %d URLs, want %d", got, len(arts))
	}
	for _, a := range arts {
		if !strings.Contains(sitemap, "<loc>"+a.URL+"</loc>") {
			t.Errorf("sitemap lacks %s", a.URL)
		}
	}
	for _, path := range []string{"/khong-ton-tai", "/kinh-te?page=99", "/kinh-te?page=0", "/kinh-te?page=x", "/kinh-te/-/view_content/1-x.html"} {
		t.Run(path, func(t *testing.T) {
			r := get(t, c, p.URL()+path)
			if r.status != http.StatusNotFound || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				t.Errorf("status %d, content type %q; want 404 HTML", r.status, r.header.Get("Content-Type"))
			}
		})
	}
}

func TestSeedArticle(t *testing.T) {
	p := start(t, Config{Seed: 5, District: "Thanh Trì"})
	c := newClient(t)
	var seed []Article
	for _, a := range p.Articles() {
		if a.Seed {
			seed = append(seed, a)
		}
	}
	if len(seed) != 1 {
		t.Fatalf("%d seed articles, want 1", len(seed))
	}
	a := seed[0]
	if !strings.HasPrefix(a.Path, "/dang-doan-the/-/view_content/") || a.Views != 1759 || a.Category != "Đảng, đoàn thể" {
		t.Errorf("seed article = %s, %d views, category %q", a.Path, a.Views, a.Category)
	}
	if want := time.Date(2020, 3, 18, 10, 53, 0, 0, hcm); !a.PublishedAt.Equal(want) {
		t.Errorf("published %v, want %v", a.PublishedAt, want)
	}
	if a.Author != "Hoàng Thị Thu Thủy" || a.AuthorUnit != "Tuyên giáo Thanh Trì" {
		t.Errorf("author %q, unit %q", a.Author, a.AuthorUnit)
	}
	if len(a.Paragraphs) != 14 || !strings.HasPrefix(a.Paragraphs[0], "Quán triệt sâu sắc") {
		t.Errorf("%d paragraphs, first %q", len(a.Paragraphs), a.Paragraphs[0])
	}
	body := string(getOK(t, c, a.URL))
	for _, want := range []string{
		`<h1 class="title">Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì</h1>`,
		`<div class="date-view">Ngày đăng 18/03/2020 | 10:53  | View count: 1759</div>`,
		`<strong>Hoàng Thị Thu Thủy - Tuyên giáo Thanh Trì</strong></p></div>`,
		`<div class="category">Đảng, đoàn thể</div>`,
		"kết nạp 1.599/1000 đảng viên mới, đạt 159,9% kế hoạch nhiệm kỳ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("seed page lacks %q", want)
		}
	}
	other, err := New(Config{Seed: 5, District: "Sơn Tây"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range other.Articles() {
		if a.Seed {
			t.Errorf("Sơn Tây serves the seed article")
		}
	}
}

// TestPagesMatchTruth checks every served article against Articles(): the
// page's fields, its paragraphs, and that each metric's text and value are
// really there.
func TestPagesMatchTruth(t *testing.T) {
	for _, d := range Districts() {
		t.Run(d.Slug, func(t *testing.T) {
			p := start(t, Config{Seed: 11, District: d.Name})
			c := newClient(t)
			dateless := 0
			for _, a := range p.Articles() {
				doc := parse(t, getOK(t, c, a.URL))
				if got := doc.Find("h1.title").Text(); got != a.Title {
					t.Errorf("%s: title %q, want %q", a.Path, got, a.Title)
				}
				if got := doc.Find(".journal-content-article .category").Text(); got != a.Category {
					t.Errorf("%s: category %q, want %q", a.Path, got, a.Category)
				}
				dv := doc.Find(".date-view")
				switch {
				case !a.HasDate:
					dateless++
					if dv.Length() != 0 || !a.PublishedAt.IsZero() {
						t.Errorf("%s: dateless article has a date", a.Path)
					}
				case dv.Text() != dateLine(a.PublishedAt, a.Views):
					t.Errorf("%s: date line %q", a.Path, dv.Text())
				}
				var paras []string
				doc.Find(".content p").Each(func(_ int, s *goquery.Selection) { paras = append(paras, s.Text()) })
				if want := append(slices.Clone(a.Paragraphs), a.Byline); !slices.Equal(paras, want) {
					t.Errorf("%s: paragraphs differ:\n got %q\nwant %q", a.Path, paras, want)
				}
				if strings.ContainsAny(strings.Join(paras, ""), "{}") {
					t.Errorf("%s: unexpanded template slot", a.Path)
				}
				checkMetrics(t, a, paras)
			}
			if dateless == 0 {
				t.Errorf("no dateless article")
			}
		})
	}
}

func checkMetrics(t *testing.T, a Article, paras []string) {
	t.Helper()
	for _, m := range a.Metrics {
		if !slices.ContainsFunc(paras, func(p string) bool { return strings.Contains(p, m.Text) }) {
			t.Errorf("%s: metric text %q not in the page", a.Path, m.Text)
		}
		truth, target := wantTruth(t, m)
		if corrected := m.Estimate && m.Year < LastYear; corrected == (m.Value == truth) {
			t.Errorf("%s: %s %s = %v (estimate %v), the truth is %v", a.Path, m.Key, m.Period, m.Value, m.Estimate, truth)
		}
		if m.Target != nil && *m.Target != target {
			t.Errorf("%s: %s target %v, series says %v", a.Path, m.Key, *m.Target, target)
		}
		if m.PlanPercent != nil && *m.PlanPercent != planPercent(m.Value, target) {
			t.Errorf("%s: %s plan %v%%", a.Path, m.Key, *m.PlanPercent)
		}
		if !strings.Contains(a.Title+strings.Join(paras, " "), fmt.Sprint(m.Year)) {
			t.Errorf("%s: year %d not written", a.Path, m.Year)
		}
	}
}

// wantTruth computes a figure's truth from the series functions (not from
// Metric.Truth, which it checks) and its year's target; it fails the test
// when the period does not agree with the kind and the year.
func wantTruth(t *testing.T, m Metric) (value, target float64) {
	t.Helper()
	y := strconv.Itoa(m.Year)
	var ok bool
	switch m.PeriodKind {
	case PeriodYear:
		ok = m.Period == y
		value, target = Series(m.District, m.Key, m.Year)
	case PeriodDate:
		ok = m.Period == y+"-12-31" && Measure(m.Key) != MeasureFlow
		value, target = Series(m.District, m.Key, m.Year)
	case PeriodHalf:
		ok = m.Period == y+"-H1" && Measure(m.Key) == MeasureFlow
		value = HalfSeries(m.District, m.Key, m.Year)
	case PeriodTerm:
		first, last, found := strings.Cut(m.Period, "-")
		f, _ := strconv.Atoi(first)
		ok = found && last == y && f < m.Year && Measure(m.Key) == MeasureFlow
		value = TermTotal(m.District, m.Key, f, m.Year)
	}
	if !ok || value == 0 {
		t.Errorf("%s %s: period %q of kind %q, year %d, truth %v", m.District, m.Key, m.Period, m.PeriodKind, m.Year, value)
	}
	if got, ok := m.Truth(); !ok || got != value {
		t.Errorf("%s %s %s: Truth() = %v, %v; want %v", m.District, m.Key, m.Period, got, ok, value)
	}
	if m.PeriodKind != PeriodYear && (m.Target != nil || m.PlanPercent != nil) {
		t.Errorf("%s %s %s: a target or plan percentage outside a year", m.District, m.Key, m.Period)
	}
	return value, target
}

// figure is a metric with the article that wrote it.
type figure struct {
	Metric
	a Article
}

func figures(t *testing.T, cfg Config) []figure {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out []figure
	for _, a := range p.Articles() {
		for _, m := range a.Metrics {
			out = append(out, figure{m, a})
		}
	}
	return out
}

var (
	estimateWord = regexp.MustCompile(`(?:^|[^\p{L}])[Ưư]ớc(?:[^\p{L}]|$)`)
	yearWord     = regexp.MustCompile(`(?:^|[^\d.,/])((?:19|20)\d\d)(?:[^\d.,/]|$)`)
)

// context is the paragraph that carries the figure and its sentence.
func figureContext(f figure) (para, sentence string) {
	for _, p := range f.a.Paragraphs {
		if i := strings.Index(p, f.Text); i >= 0 {
			start := strings.LastIndex(p[:i], ". ") + 1
			end := strings.Index(p[i:], ". ")
			if end < 0 {
				end = len(p) - i
			}
			return p, p[start : i+end]
		}
	}
	return "", ""
}

// periodStated: the figure's paragraph or the title states its period.
func periodStated(f figure) bool {
	para, _ := figureContext(f)
	para, title := strings.ToLower(para), strings.ToLower(f.a.Title)
	in := func(s string) bool { return strings.Contains(para, s) || strings.Contains(title, s) }
	y := strconv.Itoa(f.Year)
	switch f.PeriodKind {
	case PeriodYear:
		return in("năm " + y)
	case PeriodDate:
		return strings.Contains(para, "31/12/"+y) || strings.Contains(para, "hết năm "+y) || strings.Contains(para, "cuối năm "+y)
	case PeriodHalf:
		return in("6 tháng đầu năm "+y) || (strings.Contains(para, "6 tháng đầu năm") && strings.Contains(title, "6 tháng đầu năm "+y))
	case PeriodTerm:
		first, last, _ := strings.Cut(f.Period, "-")
		for _, w := range []string{"nhiệm kỳ ", "giai đoạn "} {
			if in(w+first+"-"+last) || in(w+first+" - "+last) {
				return true
			}
		}
	}
	return false
}

func TestFigures(t *testing.T) {
	for _, seed := range []int64{1, 7, 11} {
		for _, d := range Districts() {
			t.Run(fmt.Sprint(d.Slug, "/", seed), func(t *testing.T) {
				figs := figures(t, Config{Seed: seed, District: d.Slug, Articles: 33})
				for _, f := range figs {
					para, sentence := figureContext(f)
					if para == "" {
						t.Errorf("%s: %q not in a paragraph", f.a.Title, f.Text)
						continue
					}
					if f.District != d.Name {
						t.Errorf("%s: district %q", f.a.Title, f.District)
					}
					truth, _ := wantTruth(t, f.Metric)
					if f.Estimate && f.Year < LastYear {
						if diff := math.Abs(f.Value/truth - 1); diff < 0.003 || diff > 0.045 {
							t.Errorf("%s: estimate %v of %v is %.3f off", f.a.Title, f.Value, truth, diff)
						}
					} else if f.Value != truth {
						t.Errorf("%s: %s %s = %v, the truth is %v", f.a.Title, f.Key, f.Period, f.Value, truth)
					}
					if got := estimateWord.MatchString(para); got != f.Estimate {
						t.Errorf("%s: estimate %v but the paragraph says %q", f.a.Title, f.Estimate, para)
					}
					if !periodStated(f) {
						t.Errorf("%s: period %s not stated in %q", f.a.Title, f.Period, para)
					}
					for _, m := range yearWord.FindAllStringSubmatch(sentence, -1) {
						if !strings.Contains(f.Period, m[1]) {
							t.Errorf("%s: the sentence of a %s figure names %s: %q", f.a.Title, f.Period, m[1], sentence)
						}
					}
					if f.Mention && f.a.PublishedAt.Before(periodEnd(f.Metric).AddDate(0, 1, 0)) {
						t.Errorf("%s: a mention published %v, soon after %s", f.a.Title, f.a.PublishedAt, f.Period)
					}
				}
				checkCorrections(t, figs)
			})
		}
	}
}

// periodEnd is the last day of the figure's period.
func periodEnd(m Metric) time.Time {
	if m.PeriodKind == PeriodHalf {
		return time.Date(m.Year, time.June, 30, 23, 59, 0, 0, hcm)
	}
	return time.Date(m.Year, time.December, 31, 23, 59, 0, 0, hcm)
}

// checkCorrections: an estimate that is not the truth is corrected by a
// later final figure of the same key and period; a year's estimate is
// published in December and its final report in January.
func checkCorrections(t *testing.T, figs []figure) {
	t.Helper()
	for _, e := range figs {
		if !e.Estimate || e.Year == LastYear {
			continue
		}
		if e.PeriodKind == PeriodYear && (e.a.PublishedAt.Year() != e.Year || e.a.PublishedAt.Month() != time.December || e.a.PublishedAt.Day() > 16) {
			t.Errorf("%s: estimate of %s published %v", e.a.Title, e.Period, e.a.PublishedAt)
		}
		corrected := slices.ContainsFunc(figs, func(f figure) bool {
			return !f.Estimate && f.Key == e.Key && f.Period == e.Period && f.a.PublishedAt.After(e.a.PublishedAt) &&
				(f.PeriodKind != PeriodYear || (f.a.PublishedAt.Year() == e.Year+1 && f.a.PublishedAt.Month() == time.January))
		})
		if !corrected {
			t.Errorf("%s: estimate of %s %s never corrected", e.a.Title, e.Key, e.Period)
		}
	}
}

func TestReportCoverage(t *testing.T) {
	keys := []string{KeyPartyNewMembers, KeyPoorHouseholds, KeyPoorRate, KeyBudgetRevenue}
	for _, d := range Districts() {
		t.Run(d.Slug, func(t *testing.T) {
			found := map[string]int{}
			for _, f := range figures(t, Config{Seed: 9, District: d.Slug}) {
				if y, ok := f.TrendYear(); ok && (!f.Estimate || y == LastYear) {
					found[fmt.Sprint(f.Key, y)]++
				}
			}
			for _, k := range keys {
				for y := FirstYear; y <= LastYear; y++ {
					if found[fmt.Sprint(k, y)] == 0 {
						t.Errorf("no %s for %d", k, y)
					}
					if v, ok := YearValue(d.Name, k, y); v <= 0 || !ok {
						t.Errorf("YearValue(%s, %d) = %v, %v", k, y, v, ok)
					}
				}
			}
		})
	}
	if v, tg := Series("Ba Đình", KeyBudgetRevenue, 2020); v != 0 || tg != 0 {
		t.Errorf("unknown district series = %v, %v", v, tg)
	}
}

// TestReportSchedule checks when each kind of report is published.
func TestReportSchedule(t *testing.T) {
	for _, d := range Districts() {
		t.Run(d.Slug, func(t *testing.T) {
			var december, january, halves, terms, mentions int
			estimates := map[string]int{}
			for _, f := range figures(t, Config{Seed: 3, District: d.Slug, Articles: 33}) {
				at := f.a.PublishedAt
				switch {
				case f.Mention:
					mentions++
				case f.PeriodKind == PeriodHalf:
					halves++
					if at.Year() != f.Year || at.Before(time.Date(f.Year, time.June, 20, 0, 0, 0, 0, hcm)) || at.Month() > time.July {
						t.Errorf("%s: half-year report published %v", f.a.Title, at)
					}
				case f.PeriodKind == PeriodTerm && f.Key == KeyPartyNewMembers:
					terms++
					if at.After(time.Date(f.Year, time.July, 1, 0, 0, 0, 0, hcm)) || at.Year() != f.Year {
						t.Errorf("%s: term report published %v", f.a.Title, at)
					}
				case f.PeriodKind == PeriodYear && f.Estimate && f.Year < LastYear:
					estimates[f.Key]++
				case f.Year < LastYear && f.PeriodKind != PeriodTerm && at.Month() == time.December:
					december++
				case f.Year < LastYear && f.PeriodKind != PeriodTerm && at.Month() == time.January:
					january++
				case f.Year == LastYear && f.PeriodKind != PeriodTerm && (at.Year() != LastYear || at.Month() != time.June):
					t.Errorf("%s: %d report published %v", f.a.Title, LastYear, at)
				}
			}
			if december == 0 || january == 0 {
				t.Errorf("final figures published in December: %d, in January: %d", december, january)
			}
			for _, k := range flowKeys {
				if estimates[k] < 3 {
					t.Errorf("%d December estimates of %s", estimates[k], k)
				}
			}
			if halves != 2*halfYears || terms != termReports || mentions == 0 {
				t.Errorf("%d half-year figures, %d party terms, %d mentions", halves, terms, mentions)
			}
		})
	}
}

func TestTruthFunctions(t *testing.T) {
	for _, d := range Districts() {
		for _, k := range flowKeys {
			sum := map[[2]int]float64{}
			for y := FirstYear; y <= LastYear; y++ {
				v, _ := Series(d.Name, k, y)
				if h := HalfSeries(d.Slug, k, y); h < 0.42*v-0.5 || h > 0.50*v+0.5 || h != roundKey(k, h) {
					t.Errorf("%s %s %d: half %v of %v", d.Slug, k, y, h, v)
				}
				for _, term := range [][2]int{{2016, 2020}, {2021, 2025}} {
					if y >= term[0] && y <= term[1] {
						sum[term] += v
					}
				}
			}
			for _, tc := range []struct {
				first, last int
				want        float64
			}{
				{2015, 2020, sum[[2]int{2016, 2020}]},
				{2016, 2020, sum[[2]int{2016, 2020}]},
				{2020, 2025, sum[[2]int{2021, 2025}]},
				{2021, 2025, sum[[2]int{2021, 2025}]},
				{2010, 2015, 0},
				{2020, 2020, 0},
			} {
				if got := TermTotal(d.Name, k, tc.first, tc.last); math.Abs(got-tc.want) > 0.05 || got != roundKey(k, got) {
					t.Errorf("TermTotal(%s, %s, %d, %d) = %v, want %v", d.Slug, k, tc.first, tc.last, got, tc.want)
				}
			}
		}
	}
	tests := []struct {
		name   string
		got    float64
		gotOK  bool
		want   float64
		wantOK bool
	}{
		{name: "stock has no half", got: HalfSeries("Thanh Trì", KeyPoorHouseholds, 2019), gotOK: true, wantOK: true},
		{name: "rate has no term", got: TermTotal("Thanh Trì", KeyPoorRate, 2015, 2020), gotOK: true, wantOK: true},
		{name: "unknown district", got: HalfSeries("Ba Đình", KeyBudgetRevenue, 2019), gotOK: true, wantOK: true},
		{name: "year value", got: first(YearValue("thanhtri", KeyPoorRate, 2019)), gotOK: second(YearValue("thanhtri", KeyPoorRate, 2019)),
			want: first(Series("Thanh Trì", KeyPoorRate, 2019)), wantOK: true},
		{name: "year value out of range", got: first(YearValue("thanhtri", KeyPoorRate, 2026)), gotOK: second(YearValue("thanhtri", KeyPoorRate, 2026))},
		{name: "year value unknown key", got: first(YearValue("thanhtri", "x", 2019)), gotOK: second(YearValue("thanhtri", "x", 2019))},
		{name: "truth of a stock at year end", got: first(Metric{Key: KeyPoorHouseholds, District: "Sơn Tây", Period: "2018-12-31", PeriodKind: PeriodDate, Year: 2018}.Truth()),
			gotOK: true, want: first(Series("Sơn Tây", KeyPoorHouseholds, 2018)), wantOK: true},
		{name: "no truth of a flow at a date", got: first(Metric{Key: KeyBudgetRevenue, District: "Sơn Tây", Period: "2018-12-31", PeriodKind: PeriodDate, Year: 2018}.Truth()),
			gotOK: second(Metric{Key: KeyBudgetRevenue, District: "Sơn Tây", Period: "2018-12-31", PeriodKind: PeriodDate, Year: 2018}.Truth())},
		{name: "truth of a term", got: first(Metric{Key: KeyBudgetRevenue, District: "Sơn Tây", Period: "2016-2020", PeriodKind: PeriodTerm, Year: 2020}.Truth()),
			gotOK: true, want: TermTotal("sontay", KeyBudgetRevenue, 2016, 2020), wantOK: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want || tc.gotOK != tc.wantOK {
				t.Errorf("got %v, %v; want %v, %v", tc.got, tc.gotOK, tc.want, tc.wantOK)
			}
		})
	}
	measures := map[string]string{KeyPartyNewMembers: MeasureFlow, KeyBudgetRevenue: MeasureFlow, KeyPoorHouseholds: MeasureStock, KeyPoorRate: MeasureRate, "x": ""}
	for k, want := range measures {
		if got := Measure(k); got != want {
			t.Errorf("Measure(%s) = %q, want %q", k, got, want)
		}
	}
}

func first[A, B any](a A, _ B) A  { return a }
func second[A, B any](_ A, b B) B { return b }

func TestFormatting(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{name: "small int", got: vnInt(999), want: "999"},
		{name: "thousands", got: vnInt(1599), want: "1.599"},
		{name: "millions", got: vnInt(1234567), want: "1.234.567"},
		{name: "percent", got: vnDec(159.9, 1), want: "159,9"},
		{name: "whole percent", got: vnDec(100, 1), want: "100"},
		{name: "billions", got: vnDec(1234.5, 1), want: "1.234,5"},
		{name: "rate", got: vnDec(0.10, 2), want: "0,1"},
		{name: "today", got: todayLine(time.Date(2021, 3, 2, 0, 0, 0, 0, hcm)), want: "Hôm nay, Thứ ba ngày 02/03/2021"},
		{name: "date line", got: dateLine(time.Date(2019, 6, 7, 8, 40, 0, 0, hcm), 2045), want: "Ngày đăng 07/06/2019 | 08:40  | View count: 2045"},
		{name: "slug", got: asciiSlug("Nâng cao năng lực lãnh đạo của Đảng bộ huyện Thanh Trì"), want: "nang-cao-nang-luc-lanh-dao-cua-dang-bo-huyen-thanh-tri"},
		{name: "slug punctuation", got: asciiSlug("Kinh tế - xã hội năm 2019: “vượt” dự toán!"), want: "kinh-te-xa-hoi-nam-2019-vuot-du-toan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestWindows1258RoundTrip(t *testing.T) {
	alphabet := "aàáảãạ ăằắẳẵặ âầấẩẫậ đ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ “Huyện uỷ” – 1.599…"
	for _, s := range []string{alphabet, strings.ToUpper(alphabet)} {
		b, err := toWindows1258(s)
		if err != nil {
			t.Fatalf("encode %q: %v", s, err)
		}
		dec, err := charmap.Windows1258.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := norm.NFC.String(string(dec)); got != s {
			t.Errorf("round trip = %q, want %q", got, s)
		}
	}
	if b, _ := toWindows1258("ế"); !bytes.Equal(b, []byte{0xEA, 0xEC}) {
		t.Errorf("ế = % X, want EA EC (ê + combining acute)", b)
	}
}

func TestFaults(t *testing.T) {
	const district = "Thường Tín"
	tests := []struct {
		name   string
		faults Faults
		check  func(t *testing.T, p, ref *Portal, c *http.Client)
	}{
		{name: "windows-1258", faults: Faults{Windows1258: true}, check: func(t *testing.T, p, ref *Portal, c *http.Client) {
			for _, a := range p.Articles() {
				r := get(t, c, a.URL)
				if ct := r.header.Get("Content-Type"); ct != "text/html; charset=windows-1258" {
					t.Fatalf("content type %q", ct)
				}
				if !bytes.Contains(r.body, []byte(`<meta charset="windows-1258">`)) || utf8.Valid(r.body) {
					t.Fatalf("%s: not a Windows-1258 page", a.Path)
				}
				dec, err := charmap.Windows1258.NewDecoder().Bytes(r.body)
				if err != nil {
					t.Fatal(err)
				}
				got := strings.Replace(norm.NFC.String(string(dec)), "windows-1258", "utf-8", 1)
				if want := string(getOK(t, c, ref.URL()+a.Path)); got != want {
					t.Errorf("%s: decoded page differs from the UTF-8 page", a.Path)
				}
			}
			if ct := get(t, c, p.URL()+"/").header.Get("Content-Type"); ct != htmlUTF8 {
				t.Errorf("home page content type %q", ct)
			}
		}},
		{name: "decomposed", faults: Faults{Decomposed: true}, check: func(t *testing.T, p, ref *Portal, c *http.Client) {
			for _, a := range p.Articles() {
				body := getOK(t, c, a.URL)
				if !norm.NFD.IsNormal(body) || norm.NFC.IsNormal(body) {
					t.Fatalf("%s: not NFD", a.Path)
				}
				if want := getOK(t, c, ref.URL()+a.Path); !bytes.Equal(norm.NFC.Bytes(body), want) {
					t.Errorf("%s: NFC of the page differs from the normal page", a.Path)
				}
			}
		}},
		{name: "429 then 200", faults: Faults{RateLimit429: 2}, check: statuses(429, 429, 200, 200)},
		{name: "503 then 200", faults: Faults{Fail503: 1}, check: statuses(503, 200)},
		{name: "429 then 503 then 200", faults: Faults{RateLimit429: 1, Fail503: 2}, check: statuses(429, 503, 503, 200)},
		{name: "huge article", faults: Faults{HugeArticleBytes: 5 << 20}, check: func(t *testing.T, p, ref *Portal, c *http.Client) {
			arts := p.Articles()
			paths := map[string]bool{}
			for _, a := range arts {
				paths[a.Path] = true
			}
			for _, a := range ref.Articles() {
				if !paths[a.Path] {
					t.Errorf("%s is gone when the huge article is added", a.Path)
				}
			}
			if len(arts) != len(ref.Articles())+1 {
				t.Fatalf("%d articles, want %d", len(arts), len(ref.Articles())+1)
			}
			for _, a := range arts {
				if n := len(strings.Join(a.Paragraphs, "")); n >= 5<<20 {
					if body := getOK(t, c, a.URL); len(body) < 5<<20 {
						t.Errorf("huge page is %d bytes", len(body))
					}
					return
				}
			}
			t.Errorf("no article of 5 MB")
		}},
		{name: "redirect loop", faults: Faults{RedirectLoopPath: "/lien-ket/vong-lap"}, check: func(t *testing.T, p, ref *Portal, c *http.Client) {
			if !bytes.Contains(getOK(t, c, p.URL()+"/"), []byte(`href="/lien-ket/vong-lap"`)) {
				t.Errorf("home page does not link the loop")
			}
			r := get(t, c, p.URL()+"/lien-ket/vong-lap")
			if r.status != http.StatusFound || r.header.Get("Location") != "/lien-ket/vong-lap" {
				t.Errorf("status %d, Location %q", r.status, r.header.Get("Location"))
			}
			follow := &http.Client{Transport: c.Transport}
			if _, err := follow.Get(p.URL() + "/lien-ket/vong-lap"); err == nil || !strings.Contains(err.Error(), "redirects") {
				t.Errorf("following the loop: err = %v", err)
			}
		}},
		{name: "off-host redirect", faults: Faults{OffHostRedirectPath: "/lien-ket/ngoai"}, check: func(t *testing.T, p, ref *Portal, c *http.Client) {
			r := get(t, c, p.URL()+"/lien-ket/ngoai?a=1")
			if r.status != http.StatusFound || r.header.Get("Location") != "http://offhost.invalid/lien-ket/ngoai?a=1" {
				t.Errorf("status %d, Location %q", r.status, r.header.Get("Location"))
			}
		}},
		{name: "latency", faults: Faults{Latency: 50 * time.Millisecond}, check: func(t *testing.T, p, ref *Portal, c *http.Client) {
			begin := time.Now()
			getOK(t, c, p.URL()+"/")
			if d := time.Since(begin); d < 50*time.Millisecond {
				t.Errorf("response after %v, want at least 50ms", d)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := start(t, Config{Seed: 3, District: district})
			p := start(t, Config{Seed: 3, District: district, Faults: tc.faults})
			tc.check(t, p, ref, newClient(t))
		})
	}
}

// statuses checks the responses to successive requests for each of two
// article pages, and that listings are not affected.
func statuses(want ...int) func(t *testing.T, p, ref *Portal, c *http.Client) {
	return func(t *testing.T, p, ref *Portal, c *http.Client) {
		for _, a := range p.Articles()[:2] {
			var got []int
			for range want {
				r := get(t, c, a.URL)
				got = append(got, r.status)
				if r.status != http.StatusOK && r.header.Get("Retry-After") != "1" {
					t.Errorf("status %d without Retry-After: 1", r.status)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: statuses %v, want %v", a.Path, got, want)
			}
		}
		getOK(t, c, p.ListingURLs()[0])
	}
}

func TestConcurrentRateLimit(t *testing.T) {
	p := start(t, Config{Seed: 4, District: "Sơn Tây", Faults: Faults{RateLimit429: 3}})
	c := newClient(t)
	url := p.Articles()[0].URL
	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			resp, err := c.Get(url)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			counts[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if counts[429] != 3 || counts[200] != 5 {
		t.Errorf("statuses %v, want 3×429 and 5×200", counts)
	}
}

func TestETag(t *testing.T) {
	p := start(t, Config{Seed: 4, District: "Sơn Tây"})
	c := newClient(t)
	a := p.Articles()[0]
	r := get(t, c, a.URL)
	req, _ := http.NewRequest(http.MethodGet, a.URL, nil)
	req.Header.Set("If-None-Match", r.header.Get("ETag"))
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if r.header.Get("ETag") == "" || resp.StatusCode != http.StatusNotModified {
		t.Errorf("ETag %q, conditional status %d", r.header.Get("ETag"), resp.StatusCode)
	}
}

func TestLifecycle(t *testing.T) {
	p, err := New(Config{Seed: 1, District: "Sơn Tây"})
	if err != nil {
		t.Fatal(err)
	}
	if p.URL() != "" || !strings.HasPrefix(p.Articles()[0].URL, "/") {
		t.Errorf("URLs before Start: %q, %q", p.URL(), p.Articles()[0].URL)
	}
	base, err := p.Start()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || p.ListingURLs()[0] != base+"/dang-doan-the" {
		t.Errorf("base %q, listing %q", base, p.ListingURLs()[0])
	}
	if _, err := p.Start(); err == nil {
		t.Errorf("second Start succeeded")
	}
	c := newClient(t)
	getOK(t, c, base+"/")
	c.Transport.(*http.Transport).CloseIdleConnections()
	if err := p.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := c.Get(base + "/"); err == nil {
		t.Errorf("portal still serves after Close")
	}
	if _, err := p.Start(); err == nil {
		t.Errorf("Start after Close succeeded")
	}
	unstarted, _ := New(Config{District: "Thanh Trì"})
	if err := errors.Join(unstarted.Close(), unstarted.Close()); err != nil {
		t.Errorf("closing an unstarted portal: %v", err)
	}
}
