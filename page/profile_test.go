package page

import (
	"hash/fnv"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dra-archive/dra/internal/portalsim"
)

// fetchPortal starts a simulated portal and fetches its article pages over
// HTTP, with their truth.
func fetchPortal(t *testing.T, cfg portalsim.Config) ([][]byte, []portalsim.Article) {
	t.Helper()
	p, err := portalsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	var pages [][]byte
	var truth []portalsim.Article
	for _, a := range p.Articles() {
		resp, err := http.Get(a.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s", a.URL, resp.Status)
		}
		pages = append(pages, b)
		truth = append(truth, a)
	}
	return pages, truth
}

// fieldScore counts the fields extraction got right against the truth the
// simulator recorded.
type fieldScore struct{ title, date, views, category, byline, body, pages int }

func (s *fieldScore) add(a Article, want portalsim.Article) {
	s.pages++
	if a.Title == want.Title {
		s.title++
	}
	if want.HasDate && a.PublishedAt != nil && a.PublishedAt.Equal(want.PublishedAt) || !want.HasDate && a.PublishedAt == nil {
		s.date++
	}
	if a.Views != nil && *a.Views == want.Views {
		s.views++
	}
	if a.Category == want.Category {
		s.category++
	}
	if a.Byline == want.Byline {
		s.byline++
	}
	if a.Body == strings.Join(want.Paragraphs, "\n\n") {
		s.body++
	}
}

// TestLearnedProfileOnPortal learns the Hanoi portal's template from its
// first pages and reads the others with it: every field as the simulator
// wrote it, on every page the generic extractor also gets right.
func TestLearnedProfileOnPortal(t *testing.T) {
	pages, truth := fetchPortal(t, portalsim.Config{Seed: 3, District: "sontay", Articles: 40})
	var samples []Sample
	for i, pg := range pages[:10] {
		s, err := Observe(pg, Options{URL: truth[i].URL})
		if err != nil || s == nil {
			t.Fatalf("observe: %v", err)
		}
		samples = append(samples, *s)
	}
	prof, ok := Learn("sontay", samples)
	if !ok {
		t.Fatalf("no profile learned: %+v", prof)
	}
	t.Log(prof.Describe())
	var generic, learned fieldScore
	fits := 0
	for i, pg := range pages[10:] {
		want := truth[10+i]
		g, err := ExtractHTML(pg)
		if err != nil {
			t.Fatal(err)
		}
		generic.add(g, want)
		doc, err := prepare(pg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if prof.Fits(observe(doc, false)) {
			fits++
		}
		a, err := ExtractHTMLWith(pg, Options{URL: want.URL, Profile: &prof})
		if err != nil {
			t.Fatal(err)
		}
		learned.add(a, want)
		if a.Title != want.Title || a.Body != strings.Join(want.Paragraphs, "\n\n") {
			t.Logf("%s: title %q body %.80q", want.URL, a.Title, a.Body)
		}
	}
	t.Logf("generic %+v", generic)
	t.Logf("learned %+v", learned)
	if fits != len(pages)-10 {
		t.Errorf("%d of %d later pages fit the profile", fits, len(pages)-10)
	}
	for name, got := range map[string][2]int{"title": {learned.title, generic.title}, "date": {learned.date, generic.date},
		"views": {learned.views, generic.views}, "category": {learned.category, generic.category},
		"byline": {learned.byline, generic.byline}, "body": {learned.body, generic.body}} {
		if got[0] < got[1] {
			t.Errorf("%s right on %d pages with the profile, %d without", name, got[0], got[1])
		}
	}
}

// TestLearnTitleFromURLSlug learns where the title is on a site whose
// title sits in an element no rule knows and whose <title> names only the
// site: the URL's slug says which block is the title.
func TestLearnTitleFromURLSlug(t *testing.T) {
	titles := []string{
		"Huyện Đông Anh đẩy mạnh cải cách thủ tục hành chính năm 2024",
		"Đại hội đại biểu Đảng bộ xã Nguyên Khê lần thứ XXV thành công tốt đẹp",
		"Ra quân tổng vệ sinh môi trường đón Tết Nguyên đán",
		"Tiếp xúc cử tri trước kỳ họp thứ mười Hội đồng nhân dân huyện",
		"Trao quà cho gia đình chính sách nhân dịp kỷ niệm ngày Thương binh liệt sĩ",
		"Hội nghị sơ kết công tác xây dựng nông thôn mới nâng cao sáu tháng đầu năm",
		"Khánh thành trường mầm non Vân Hà đạt chuẩn quốc gia mức độ hai",
	}
	slugs := []string{
		"huyen-dong-anh-day-manh-cai-cach-thu-tuc-hanh-chinh-nam-2024",
		"dai-hoi-dai-bieu-dang-bo-xa-nguyen-khe-lan-thu-xxv-thanh-cong-tot-dep",
		"ra-quan-tong-ve-sinh-moi-truong-don-tet-nguyen-dan",
		"tiep-xuc-cu-tri-truoc-ky-hop-thu-muoi-hoi-dong-nhan-dan-huyen",
		"trao-qua-cho-gia-dinh-chinh-sach-nhan-dip-ky-niem-ngay-thuong-binh-liet-si",
		"hoi-nghi-so-ket-cong-tac-xay-dung-nong-thon-moi-nang-cao-sau-thang-dau-nam",
		"khanh-thanh-truong-mam-non-van-ha-dat-chuan-quoc-gia-muc-do-hai",
	}
	var samples []Sample
	for i, title := range titles {
		html := `<html><head><title>Cổng thông tin điện tử huyện Đông Anh</title></head><body>` +
			`<div class="top"><a href="/">Trang chủ</a></div><div class="asset-full"><div class="ten-bai">` + title + `</div>` +
			`<div class="noi-dung-bai"><p>` + strings.Repeat("Nội dung bài viết số "+slugs[i][:12]+" về hoạt động của huyện trong tuần qua. ", 3) + `</p>` +
			`<p>` + strings.Repeat("Các phòng, ban chuyên môn đã triển khai nhiệm vụ "+slugs[i][:9]+". ", 3) + `</p></div></div>` +
			`<div class="chan-trang">Cổng thông tin điện tử huyện Đông Anh</div></body></html>`
		u := "https://donganh.hanoi.gov.vn/-/asset_publisher/Ab3dEf/content/" + slugs[i]
		s, err := Observe([]byte(html), Options{URL: u})
		if err != nil || s == nil {
			t.Fatal(err)
		}
		samples = append(samples, *s)
	}
	p, ok := Learn("donganh", samples)
	if !ok || p.Confidence["title"] < 0.99 || !strings.HasSuffix(p.Title.Path, "div.ten-bai") {
		t.Fatalf("title not learned: ok %v\n%s", ok, p.Describe())
	}
}

// TestBlockHashIsFNV checks blockHash against hash/fnv: learned profiles
// keep these hashes, so the function must not change.
func TestBlockHashIsFNV(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {">body>div.content>p", "Huyện Thanh Trì"}, {"a", "b\x00c"}} {
		h := fnv.New64a()
		h.Write([]byte(c[0]))
		h.Write([]byte{0})
		h.Write([]byte(c[1]))
		if got, want := blockHash(c[0], c[1]), h.Sum64(); got != want {
			t.Errorf("blockHash(%q, %q) = %x, want %x", c[0], c[1], got, want)
		}
	}
}
