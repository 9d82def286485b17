package portalsim

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"
)

// zooFamilies are the randomised families.
func zooFamilies() []FamilyInfo {
	var out []FamilyInfo
	for _, f := range Families() {
		if f.Randomised {
			out = append(out, f)
		}
	}
	return out
}

// serve answers one GET through the portal's handler.
func serve(t *testing.T, p *Portal, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	p.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func newPortal(t *testing.T, cfg Config) *Portal {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return p
}

// zooPaths are every page of a portal that is not started: the home page,
// every listing page and every article.
func zooPaths(p *Portal) []string {
	paths := []string{"/"}
	for _, u := range p.ListingURLs() {
		paths = append(paths, u)
	}
	if p.zoo != nil {
		for _, c := range p.zoo.cats {
			if len(p.inCategory(c.key)) > p.cfg.PageSize {
				paths = append(paths, p.zoo.fam.listingPath(p.zoo, c, 2))
			}
		}
	}
	for _, a := range p.Truth() {
		paths = append(paths, a.Path)
	}
	return paths
}

func TestFamilies(t *testing.T) {
	fams := Families()
	if len(fams) < 12 {
		t.Fatalf("%d families, want at least 12", len(fams))
	}
	var eval, names []string
	for _, f := range fams {
		names = append(names, f.Name)
		if f.Eval {
			eval = append(eval, f.Name)
		}
		if len(f.Units) == 0 {
			t.Errorf("%s: no default units", f.Name)
		}
		for _, u := range f.Units {
			if zu := findZooUnit(u); zu == nil || zu.info.Level != f.Level {
				t.Errorf("%s: default unit %q is not a %s unit", f.Name, u, f.Level)
			}
		}
	}
	if want := []string{FamilyDNN, FamilyDrupal, FamilyTinhUy, FamilyEGov}; !slices.Equal(eval, want) {
		t.Errorf("evaluation families %v, want %v (the split is fixed)", eval, want)
	}
	if n := len(fams); 3*len(eval) < n-1 || 3*len(eval) > n+3 {
		t.Errorf("%d evaluation families of %d, want about a third", len(eval), n)
	}
	if s := slices.Clone(names); len(slices.Compact(func() []string { slices.Sort(s); return s }())) != len(names) {
		t.Errorf("family names repeat: %v", names)
	}
	for _, f := range fams {
		if f.Name == FamilyHanoiLiferay {
			continue
		}
		if findFamily(f.Name).articlePath == nil || findFamily(f.Name).listingPath == nil {
			t.Errorf("%s: no URL scheme", f.Name)
		}
	}
}

func TestZooNew(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr bool
	}{
		{name: "unknown family", cfg: Config{Family: "typo3"}, wantErr: true},
		{name: "unknown unit", cfg: Config{Family: FamilyNukeViet, District: "Ba Đình"}, wantErr: true},
		{name: "district for a commune family", cfg: Config{Family: FamilyCommune, District: "Gia Lâm"}, wantErr: true},
		{name: "commune named like its old district", cfg: Config{Family: FamilyCommune, District: "Đông Anh"}},
		{name: "province for a district family", cfg: Config{Family: FamilyDNN, District: "binhduong"}, wantErr: true},
		{name: "hanoi platform outside Hanoi", cfg: Config{Family: FamilyHanoiPortal, District: "cuchi"}, wantErr: true},
		{name: "hanoi platform for a Districts() unit", cfg: Config{Family: FamilyHanoiPortal, District: "Thanh Trì"}},
		{name: "unsupported fault", cfg: Config{Family: FamilyJoomla, Faults: Faults{Spam: true}}, wantErr: true},
		{name: "negative rebuild", cfg: Config{Family: FamilyJoomla, RebuildAfter: -1}, wantErr: true},
		{name: "no rebuild of hanoi-liferay", cfg: Config{District: "thanhtri", RebuildAfter: 5}, wantErr: true},
		{name: "hanoi-liferay by name picks a district", cfg: Config{Family: FamilyHanoiLiferay, Seed: 2}},
		{name: "province party portal", cfg: Config{Family: FamilyTinhUy, District: "Bình Dương", Articles: 40}},
		{name: "huge article", cfg: Config{Family: FamilyDrupal, Articles: 20, Faults: Faults{HugeArticleBytes: 200_000}}},
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
			if len(p.Truth()) == 0 {
				t.Errorf("no articles")
			}
			if tc.cfg.Faults.HugeArticleBytes > 0 && !slices.ContainsFunc(p.arts, func(a *Article) bool { return bodyBytes(a) >= tc.cfg.Faults.HugeArticleBytes }) {
				t.Errorf("no huge article")
			}
		})
	}
}

// TestHanoiLiferayUnchanged: the family by name is the template New always
// served, byte for byte.
func TestHanoiLiferayUnchanged(t *testing.T) {
	a := newPortal(t, Config{Seed: 4, District: "thuongtin"})
	b := newPortal(t, Config{Seed: 4, District: "thuongtin", Family: FamilyHanoiLiferay})
	for _, path := range zooPaths(a) {
		ca, ba := serve(t, a, path)
		cb, bb := serve(t, b, path)
		if ca != cb || ba != bb {
			t.Errorf("%s differs between Family \"\" and %q", path, FamilyHanoiLiferay)
		}
	}
	truth := a.Truth()
	for i, art := range a.Articles() {
		got := truth[i]
		if got.Path != art.Path || got.Title != art.Title || !slices.Equal(got.Paragraphs, art.Paragraphs) || got.District != "Thường Tín" ||
			got.Province != "Hà Nội" || (art.HasDate && (got.Views == nil || *got.Views != art.Views)) {
			t.Errorf("%s: truth %+v does not match the article", art.Path, got)
		}
	}
	for _, tr := range truth[:10] {
		_, page := serve(t, a, tr.Path)
		if tr.HasDate && (!strings.Contains(page, tr.DateText) || !strings.Contains(page, tr.ViewsText)) {
			t.Errorf("%s: date %q or views %q not in the page", tr.Path, tr.DateText, tr.ViewsText)
		}
	}
	if a.Family() != FamilyHanoiLiferay || a.Unit().Code != "old:district:279" {
		t.Errorf("family %q, unit %+v", a.Family(), a.Unit())
	}
}

func TestZooDeterminism(t *testing.T) {
	for _, f := range zooFamilies() {
		t.Run(f.Name, func(t *testing.T) {
			cfg := Config{Family: f.Name, Seed: 21, Articles: 30}
			a, b := newPortal(t, cfg), newPortal(t, cfg)
			if !reflect.DeepEqual(a.Truth(), b.Truth()) {
				t.Errorf("two portals with one config have different truths")
			}
			for _, path := range zooPaths(a) {
				ca, ba := serve(t, a, path)
				cb, bb := serve(t, b, path)
				if ca != http.StatusOK || ca != cb || ba != bb {
					t.Errorf("%s: status %d/%d, same bytes %v", path, ca, cb, ba == bb)
				}
			}
		})
	}
}

// skeleton is a page's markup without its text: tags with their class and
// id attributes.
func skeleton(t *testing.T, page string) string {
	t.Helper()
	z := xhtml.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			b.WriteString("<" + tok.Data)
			for _, a := range tok.Attr {
				if a.Key == "class" || a.Key == "id" {
					b.WriteString(" " + a.Key + "=" + a.Val)
				}
			}
			b.WriteString(">")
		case xhtml.EndTagToken:
			b.WriteString("</" + z.Token().Data + ">")
		}
	}
}

// TestZooSeedsDiffer: two seeds give the same family's portal of the same
// unit other class names and layout.
func TestZooSeedsDiffer(t *testing.T) {
	for _, f := range zooFamilies() {
		t.Run(f.Name, func(t *testing.T) {
			a := newPortal(t, Config{Family: f.Name, Seed: 1, District: f.Units[0], Articles: 20})
			b := newPortal(t, Config{Family: f.Name, Seed: 2, District: f.Units[0], Articles: 20})
			_, pa := serve(t, a, a.Truth()[0].Path)
			_, pb := serve(t, b, b.Truth()[0].Path)
			if skeleton(t, pa) == skeleton(t, pb) {
				t.Errorf("seeds 1 and 2 give the same markup")
			}
			va, vb := a.zoo.variant(0), b.zoo.variant(0)
			if reflect.DeepEqual(va.cls, vb.cls) {
				t.Errorf("seeds 1 and 2 give the same class names")
			}
		})
	}
}

var voidTags = map[string]bool{"meta": true, "input": true, "img": true, "br": true, "link": true, "hr": true}

// wellFormed checks that the page parses as HTML, that every element is
// closed in order, that no form nests in another and that no element
// repeats an attribute.
func wellFormed(page string) error {
	if _, err := xhtml.Parse(strings.NewReader(page)); err != nil {
		return err
	}
	z := xhtml.NewTokenizer(strings.NewReader(page))
	var stack []string
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if len(stack) > 0 {
				return fmt.Errorf("unclosed %v", stack)
			}
			return nil
		case xhtml.StartTagToken:
			tok := z.Token()
			seen := map[string]bool{}
			for _, a := range tok.Attr {
				if seen[a.Key] {
					return fmt.Errorf("<%s> repeats %s", tok.Data, a.Key)
				}
				seen[a.Key] = true
			}
			if tok.Data == "form" && slices.Contains(stack, "form") {
				return fmt.Errorf("a form inside a form")
			}
			if !voidTags[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case xhtml.EndTagToken:
			tag := z.Token().Data
			if len(stack) == 0 || stack[len(stack)-1] != tag {
				return fmt.Errorf("</%s> closes %v", tag, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// pageText is the page's text with entities decoded and tags dropped, so a
// paragraph split by nothing but markup around it is found whole.
func pageText(page string) string { return html.UnescapeString(page) }

// checkPage checks one article page against its truth.
func checkPage(t *testing.T, tr PageTruth, page string) {
	t.Helper()
	if err := wellFormed(page); err != nil {
		t.Errorf("%s: %v", tr.Path, err)
	}
	text := pageText(page)
	// The article's part of the page: after the header's menu, whose
	// links carry the category labels too.
	_, region, ok := strings.Cut(text, "Đăng nhập</a></div>")
	if !ok {
		t.Fatalf("%s: no header", tr.Path)
	}
	has := func(what, s string) {
		if !strings.Contains(region, s) {
			t.Errorf("%s: %s %q not in the page", tr.Path, what, s)
		}
	}
	has("title", ">"+tr.Title+"<")
	for _, p := range tr.Paragraphs {
		has("paragraph", p)
		if p == tr.Title {
			t.Errorf("%s: the repeated title is a body paragraph", tr.Path)
		}
	}
	for _, m := range tr.Metrics {
		if !slices.ContainsFunc(tr.Paragraphs, func(p string) bool { return strings.Contains(p, m.Text) }) {
			t.Errorf("%s: metric text %q in no paragraph", tr.Path, m.Text)
		}
	}
	for _, f := range tr.Figures {
		if f.Paragraph >= len(tr.Paragraphs) || !strings.Contains(tr.Paragraphs[f.Paragraph], f.Text) {
			t.Errorf("%s: figure %q not in paragraph %d", tr.Path, f.Text, f.Paragraph)
		}
		if f.Value == 0 || f.Kind == "" {
			t.Errorf("%s: figure %+v has no value or kind", tr.Path, f)
		}
	}
	for _, d := range tr.Documents {
		if !slices.ContainsFunc(tr.Paragraphs, func(p string) bool { return strings.Contains(p, d.Code) }) {
			t.Errorf("%s: document %q in no paragraph", tr.Path, d.Code)
		}
	}
	if tr.HasDate {
		has("date", tr.DateText)
	}
	if tr.Category != "" && !strings.Contains(region, ">"+tr.Category+"<") && !strings.Contains(region, ": "+tr.Category+"<") {
		t.Errorf("%s: category %q not in the page", tr.Path, tr.Category)
	}
	if tr.Byline != "" {
		has("byline", tr.Byline)
	}
	switch {
	case tr.Views == nil && tr.TemplateViews == nil && tr.ViewsText != "":
		t.Errorf("%s: views text %q without a count", tr.Path, tr.ViewsText)
	case tr.Views != nil || tr.TemplateViews != nil:
		has("views", tr.ViewsText)
		if n := tr.Views; n != nil && !strings.Contains(tr.ViewsText, fmt.Sprint(*n)) && !strings.Contains(tr.ViewsText, vnInt(*n)) {
			t.Errorf("%s: views text %q for %d views", tr.Path, tr.ViewsText, *n)
		}
	}
	if tr.Views != nil && tr.TemplateViews != nil {
		t.Errorf("%s: both the article's and the template's views", tr.Path)
	}
	if body := strings.Join(tr.Paragraphs, " "); strings.Contains(body, "NaN") || strings.Contains(body, "Inf") ||
		regexp.MustCompile(` 0 (đảng viên|tỷ đồng|tỉ đồng)`).MatchString(body) {
		t.Errorf("%s: a figure the generator could not compute", tr.Path)
	}
	if strings.ContainsAny(strings.Join(tr.Paragraphs, ""), "{}") {
		t.Errorf("%s: unexpanded template slot", tr.Path)
	}
}

// TestZooPagesMatchTruth serves every article of every family (several
// seeds) and finds its truth in the page.
func TestZooPagesMatchTruth(t *testing.T) {
	for _, f := range zooFamilies() {
		t.Run(f.Name, func(t *testing.T) {
			for seed := int64(1); seed <= 3; seed++ {
				p := newPortal(t, Config{Family: f.Name, Seed: seed, Articles: 40})
				for _, tr := range p.Truth() {
					code, page := serve(t, p, tr.Path)
					if code != http.StatusOK {
						t.Fatalf("%s: status %d", tr.Path, code)
					}
					checkPage(t, tr, page)
					if tr.Family != f.Name {
						t.Errorf("%s: family %q", tr.Path, tr.Family)
					}
				}
				for _, path := range []string{"/", p.ListingURLs()[0]} {
					if _, page := serve(t, p, path); wellFormed(page) != nil {
						t.Errorf("%s: %v", path, wellFormed(page))
					}
				}
			}
		})
	}
}

// TestZooTemplateCounter: a family's own view counter is the same on every
// page of the portal and never the article's views.
func TestZooTemplateCounter(t *testing.T) {
	found := map[string]bool{}
	for _, f := range zooFamilies() {
		if !slices.Contains(findFamily(f.Name).views, viewsTemplate) {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			for seed := int64(0); seed < 40 && !found[f.Name]; seed++ {
				p := newPortal(t, Config{Family: f.Name, Seed: seed, Articles: 25})
				if p.zoo.site.viewMode != viewsTemplate {
					continue
				}
				found[f.Name] = true
				counter := -1
				for _, tr := range p.Truth() {
					if tr.Views != nil {
						t.Errorf("%s: article views %d on a template counter", tr.Path, *tr.Views)
					}
					if tr.TemplateViews == nil {
						continue
					}
					if counter >= 0 && *tr.TemplateViews != counter {
						t.Errorf("%s: template counter %d, another page has %d", tr.Path, *tr.TemplateViews, counter)
					}
					counter = *tr.TemplateViews
					_, page := serve(t, p, tr.Path)
					if !strings.Contains(page, vnInt(counter)) && !strings.Contains(page, fmt.Sprint(counter)) {
						t.Errorf("%s: template counter %d not shown", tr.Path, counter)
					}
				}
				if counter < 0 {
					t.Errorf("seed %d: no page shows the template counter", seed)
				}
			}
			if !found[f.Name] {
				t.Errorf("no seed below 40 draws the template counter")
			}
		})
	}
}

// TestZooRebuild: after RebuildAfter requests, or Rebuild, the portal
// serves the same articles in other markup, with the same truth.
func TestZooRebuild(t *testing.T) {
	for _, f := range zooFamilies() {
		t.Run(f.Name, func(t *testing.T) {
			p := newPortal(t, Config{Family: f.Name, Seed: 5, Articles: 15, RebuildAfter: 3})
			truth := p.Truth()
			path := truth[0].Path
			var before []string
			for range 3 {
				_, page := serve(t, p, path)
				before = append(before, page)
			}
			if before[0] != before[2] {
				t.Fatalf("the page changed before the rebuild")
			}
			_, after := serve(t, p, path)
			if skeleton(t, after) == skeleton(t, before[0]) {
				t.Errorf("the rebuild did not change the markup")
			}
			if !reflect.DeepEqual(p.Truth(), truth) {
				t.Errorf("the rebuild changed the truth")
			}
			for _, tr := range truth {
				_, page := serve(t, p, tr.Path)
				checkPage(t, tr, page)
			}
			if err := p.Rebuild(); err != nil {
				t.Fatal(err)
			}
			_, again := serve(t, p, path)
			if skeleton(t, again) == skeleton(t, after) {
				t.Errorf("Rebuild did not change the markup")
			}
			if p.generation() != 2 {
				t.Errorf("generation %d after a request rebuild and a Rebuild, want 2", p.generation())
			}
		})
	}
	if err := newPortal(t, Config{District: "sontay"}).Rebuild(); err == nil {
		t.Errorf("Rebuild of the hanoi-liferay template succeeded")
	}
}

// canonical sorts a URL's query parameters by key, as DRA's crawler does.
func canonical(u *url.URL) string {
	s := u.Scheme + "://" + u.Host + u.Path
	if u.RawQuery == "" {
		return s
	}
	parts := strings.Split(u.RawQuery, "&")
	sort.SliceStable(parts, func(i, j int) bool {
		a, _, _ := strings.Cut(parts[i], "=")
		b, _, _ := strings.Cut(parts[j], "=")
		return a < b
	})
	return s + "?" + strings.Join(parts, "&")
}

var hrefRe = regexp.MustCompile(`href="([^"]*)"`)

// TestZooCrawl serves every family over loopback and crawls it from its
// start URL with its patterns only, as a DRA source without selectors
// would: the listings reach every article.
func TestZooCrawl(t *testing.T) {
	for _, f := range Families() {
		t.Run(f.Name, func(t *testing.T) {
			p := start(t, Config{Family: f.Name, Seed: 8, Articles: 35, PageSize: 6})
			c := newClient(t)
			h := p.SourceHints()
			listing, article := regexp.MustCompile(h.ListingPattern), regexp.MustCompile(h.ArticlePattern)
			if h.Province == "" || len(h.UnitCodes) != 1 || h.Name == "" || !regexp.MustCompile(`^[a-z0-9.-]+$`).MatchString(h.Host) {
				t.Errorf("hints %+v", h)
			}
			for _, u := range p.ListingURLs() {
				if !listing.MatchString(u) || article.MatchString(u) {
					t.Errorf("listing %s: listing pattern %v, article pattern %v", u, listing.MatchString(u), article.MatchString(u))
				}
			}
			want := map[string]bool{}
			for _, tr := range p.Truth() {
				want[tr.URL] = true
				if !article.MatchString(tr.URL) || listing.MatchString(tr.URL) {
					t.Errorf("article %s: article pattern %v, listing pattern %v", tr.URL, article.MatchString(tr.URL), listing.MatchString(tr.URL))
				}
			}
			queue, seen, got := slices.Clone(h.StartURLs), map[string]bool{}, map[string]bool{}
			for len(queue) > 0 && len(seen) < 500 {
				next := queue[0]
				queue = queue[1:]
				if seen[next] {
					continue
				}
				seen[next] = true
				isArticle := article.MatchString(next)
				body := getOK(t, c, next)
				if isArticle {
					got[next] = true
					continue
				}
				base, _ := url.Parse(next)
				for _, m := range hrefRe.FindAllStringSubmatch(string(body), -1) {
					ref, err := url.Parse(html.UnescapeString(m[1]))
					if err != nil || ref.Scheme == "javascript" || ref.Scheme == "mailto" {
						continue
					}
					abs := base.ResolveReference(ref)
					abs.Fragment = ""
					u := canonical(abs)
					if listing.MatchString(u) || article.MatchString(u) {
						queue = append(queue, u)
					}
				}
			}
			if !reflect.DeepEqual(got, want) {
				var missing []string
				for u := range want {
					if !got[u] {
						missing = append(missing, u)
					}
				}
				t.Errorf("crawled %d articles of %d; missing %v", len(got), len(want), missing)
			}
		})
	}
}

func TestZooDateFormats(t *testing.T) {
	tests := []struct {
		format string
		at     time.Time
		want   string
		only   bool
	}{
		{"hanoi", time.Date(2019, 6, 7, 8, 40, 0, 0, hcm), "Ngày đăng 07/06/2019 | 08:40", false},
		{"publish-en", time.Date(2019, 6, 7, 8, 40, 0, 0, hcm), "Publish date 07/06/2019 | 08:40", false},
		{"sharepoint", time.Date(2012, 3, 14, 9, 20, 0, 0, hcm), "14 Tháng Ba 2012 09:20:00 SA", false},
		{"sharepoint", time.Date(2012, 11, 4, 14, 5, 9, 0, hcm), "4 Tháng Mười Một 2012 02:05:09 CH", false},
		{"xuatban", time.Date(2018, 5, 3, 8, 30, 12, 0, hcm), "Ngày xuất bản: 03/05/2018 08:30:12 SA", false},
		{"xuatban", time.Date(2018, 5, 3, 12, 0, 0, 0, hcm), "Ngày xuất bản: 03/05/2018 12:00:00 CH", false},
		{"capnhat", time.Date(2020, 9, 5, 8, 30, 0, 0, hcm), "Ngày cập nhật 05/09/2020", true},
		{"timefirst", time.Date(2019, 3, 12, 8, 15, 0, 0, hcm), "08:15 12/03/2019", false},
		{"dangngay", time.Date(2016, 6, 14, 8, 15, 0, 0, hcm), "Đăng ngày 14/06/2016", true},
		{"weekday-comma", time.Date(2021, 3, 2, 7, 5, 0, 0, hcm), "Thứ Ba, 02/03/2021, 07:05 (GMT+7)", false},
		{"nukeviet", time.Date(2021, 3, 7, 7, 5, 0, 0, hcm), "Chủ nhật - 07/03/2021 07:05", false},
		{"joomla", time.Date(2019, 6, 7, 8, 40, 0, 0, hcm), "Thứ sáu, 07 Tháng 6 2019 08:40", false},
		{"drupal", time.Date(2019, 6, 7, 8, 40, 0, 0, hcm), "Gửi bởi quantri vào T6, 07/06/2019 - 08:40", false},
		{"wp-vi", time.Date(2019, 6, 7, 8, 40, 0, 0, hcm), "Tháng Sáu 7, 2019", true},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			got, only := formatDate(tc.format, tc.at, "quantri")
			if got != tc.want || only != tc.only {
				t.Errorf("formatDate = %q, %v; want %q, %v", got, only, tc.want, tc.only)
			}
		})
	}
	// Every format is some family's, and the portals draw every one.
	drawn := map[string]bool{}
	for _, f := range zooFamilies() {
		for seed := int64(0); seed < 30; seed++ {
			p := newPortal(t, Config{Family: f.Name, Seed: seed, Articles: 20})
			drawn[p.zoo.site.dateFormat] = true
			for _, tr := range p.Truth() {
				if tr.English && tr.HasDate {
					drawn["publish-en"] = true
				}
			}
		}
	}
	for f := range DateFormats() {
		if !drawn[f] {
			t.Errorf("no portal writes dates as %q", f)
		}
	}
}

// TestZooPlaces: a portal's articles are about its unit; a province party
// portal's about the district they name; a new commune's about no district.
func TestZooPlaces(t *testing.T) {
	for _, f := range zooFamilies() {
		t.Run(f.Name, func(t *testing.T) {
			p := newPortal(t, Config{Family: f.Name, Seed: 3, Articles: 40})
			u := p.Unit()
			districts := map[string]bool{}
			for _, tr := range p.Truth() {
				districts[tr.District] = true
				switch u.Level {
				case "district":
					if tr.District != u.Name || tr.Province != u.Province || tr.Commune != "" {
						t.Errorf("%s: place %q, %q, %q; want %q, %q", tr.Path, tr.District, tr.Province, tr.Commune, u.Name, u.Province)
					}
				case "commune":
					if tr.District != "" || tr.Commune != u.Name || tr.Province != u.Province {
						t.Errorf("%s: place %q, %q, %q; want commune %q, %q", tr.Path, tr.District, tr.Commune, tr.Province, u.Name, u.Province)
					}
				case "province":
					d := findZooUnit(tr.District)
					if d == nil || !slices.Contains(u.Members, d.info.Slug) || tr.Province != u.Name {
						t.Errorf("%s: district %q is not one of %v", tr.Path, tr.District, u.Members)
						continue
					}
					if !strings.Contains(tr.Title+strings.Join(tr.Paragraphs, " "), d.prof.info.Name) {
						t.Errorf("%s: the text does not name %s", tr.Path, tr.District)
					}
				}
				for _, m := range tr.Metrics {
					if m.District != tr.District {
						t.Errorf("%s: metric district %q, article %q", tr.Path, m.District, tr.District)
					}
				}
			}
			if u.Level == "province" && len(districts) < 2 {
				t.Errorf("a province portal covers %d districts", len(districts))
			}
		})
	}
}

// TestZooHardCases: the failure cases of issue 12 are in the pages, and the
// truth records them.
func TestZooHardCases(t *testing.T) {
	counts := map[string]int{}
	nameAfterUnit := regexp.MustCompile(`(?:UBND (?:huyện|quận|thị xã|thành phố|xã|phường)|Bí thư (?:Huyện|Quận|Thị|Thành) ủy) (?:` + strings.Join(surnames, "|") + `) `)
	for _, f := range zooFamilies() {
		hard := findFamily(f.Name).hard || f.Level == "commune"
		p := newPortal(t, Config{Family: f.Name, Seed: 6, Articles: 60})
		for _, tr := range p.Truth() {
			for i, para := range tr.Paragraphs {
				if i+1 < len(tr.Paragraphs) {
					last := para[len(para)-1]
					if last >= '0' && last <= '9' {
						counts["number ends a paragraph"]++
					}
					if strings.HasSuffix(para, " "+strings.ToLower(tr.District)) || regexp.MustCompile(`UBND (huyện|quận|thị xã|thành phố|xã|phường)$`).MatchString(para) {
						counts["unit word ends a paragraph"]++
					}
				}
				if nameAfterUnit.MatchString(para) {
					counts["name after the unit"]++
				}
				if strings.HasPrefix(para, tr.Title+". ") {
					counts["lead restates the title"]++
				}
			}
			for _, fig := range tr.Figures {
				switch {
				case strings.Contains(fig.Text, " đ/c"):
					counts["đ/c"]++
				case strings.Contains(fig.Text, " %"):
					counts["space before %"]++
				case strings.Contains(fig.Text, "phần trăm"):
					counts["phần trăm"]++
				case fig.PlanPercent != nil:
					counts["đạt X% after its figure"]++
				case strings.Count(fig.Unit, " ") >= 1:
					counts["unit of several words"]++
				}
			}
			for _, d := range tr.Documents {
				if regexp.MustCompile(`^[0-9]+/[0-9]{4}/QH[0-9]+$`).MatchString(d.Code) {
					counts["law code"]++
				}
			}
			if !hard && len(tr.Figures)+len(tr.Documents) > 0 {
				t.Errorf("%s: %s writes hard cases", f.Name, tr.Path)
			}
		}
	}
	for _, k := range []string{"number ends a paragraph", "unit word ends a paragraph", "name after the unit", "lead restates the title",
		"đ/c", "space before %", "phần trăm", "đạt X% after its figure", "unit of several words", "law code"} {
		if counts[k] < 3 {
			t.Errorf("%q: %d pages, want at least 3", k, counts[k])
		}
	}
	t.Logf("hard cases: %v", counts)
}

// TestMetricTruth: the zoo's units' figures are their series' truth, as
// Metric.Truth is for Districts().
func TestMetricTruth(t *testing.T) {
	for _, d := range Districts() {
		for _, a := range newPortal(t, Config{Seed: 2, District: d.Slug}).Articles() {
			for _, m := range a.Metrics {
				want, wok := m.Truth()
				got, ok := MetricTruth(m)
				if got != want || ok != wok {
					t.Errorf("%s %s %s: MetricTruth %v, %v; Truth %v, %v", d.Name, m.Key, m.Period, got, ok, want, wok)
				}
			}
		}
	}
	// halfSeries and termTotal are HalfSeries and TermTotal for any profile.
	for _, d := range Districts() {
		p := findProfile(d.Slug)
		for y := FirstYear; y <= LastYear; y++ {
			if got, want := halfSeries(p, KeyBudgetRevenue, y), HalfSeries(d.Name, KeyBudgetRevenue, y); got != want {
				t.Errorf("%s %d: halfSeries %v, HalfSeries %v", d.Name, y, got, want)
			}
		}
		if got, want := termTotal(p, KeyPartyNewMembers, 2015, 2020), TermTotal(d.Name, KeyPartyNewMembers, 2015, 2020); got != want {
			t.Errorf("%s: termTotal %v, TermTotal %v", d.Name, got, want)
		}
	}
	checked := 0
	for _, f := range []string{FamilyNukeViet, FamilyTinhUy, FamilyDNN} {
		for _, tr := range newPortal(t, Config{Family: f, Seed: 9}).Truth() {
			for _, m := range tr.Metrics {
				truth, ok := MetricTruth(m)
				if !ok {
					t.Errorf("%s: no truth for %s %s in %s", tr.Path, m.Key, m.Period, m.District)
					continue
				}
				checked++
				if corrected := m.Estimate && m.Year < LastYear; corrected == (m.Value == truth) {
					t.Errorf("%s: %s %s = %v (estimate %v), the truth is %v", tr.Path, m.Key, m.Period, m.Value, m.Estimate, truth)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d metrics checked", checked)
	}
}

// TestZooEnglish: the English section writes "Publish date" and English
// labels, with the category's English label as truth.
func TestZooEnglish(t *testing.T) {
	for _, f := range []string{FamilyHanoiPortal, FamilyEGov} {
		p := newPortal(t, Config{Family: f, Seed: 4, Articles: 60})
		n := 0
		for _, tr := range p.Truth() {
			if !tr.English {
				continue
			}
			n++
			if !strings.HasPrefix(tr.Path, "/en/") || (tr.HasDate && !strings.HasPrefix(tr.DateText, "Publish date ")) {
				t.Errorf("%s: English page with date %q", tr.Path, tr.DateText)
			}
			if tr.Category != "" && !slices.ContainsFunc(catChoices, func(c struct {
				key     string
				labels  []string
				slugs   []string
				enLabel string
			}) bool {
				return c.enLabel == tr.Category
			}) {
				t.Errorf("%s: English page with category %q", tr.Path, tr.Category)
			}
		}
		if n == 0 {
			t.Errorf("%s: no English page", f)
		}
	}
}

// TestZooNotFoundAndRobots: unknown pages are 404s; robots.txt and the
// sitemap are there.
func TestZooNotFoundAndRobots(t *testing.T) {
	p := newPortal(t, Config{Family: FamilyWebForms, Seed: 1, Articles: 12})
	for _, path := range []string{"/khong-ton-tai", "/ChiTietTin.aspx?CateID=1&NewsID=1", "/DanhSachTin.aspx?CateID=999"} {
		if code, page := serve(t, p, path); code != http.StatusNotFound || !strings.Contains(page, "Không tìm thấy") {
			t.Errorf("%s: status %d", path, code)
		}
	}
	if code, page := serve(t, p, "/robots.txt"); code != http.StatusOK || !strings.Contains(page, "Disallow: /admin/") {
		t.Errorf("robots.txt: %d %q", code, page)
	}
	_, sm := serve(t, p, "/sitemap.xml")
	if n := strings.Count(sm, "<loc>"); n != len(p.Truth()) {
		t.Errorf("sitemap lists %d URLs, want %d", n, len(p.Truth()))
	}
	// Query parameters in another order, or with tracking parameters, are
	// the same page.
	tr := p.Truth()[0]
	u, _ := url.Parse(tr.Path)
	q := u.Query()
	if code, _ := serve(t, p, u.Path+"?NewsID="+q.Get("NewsID")+"&utm_source=zalo&CateID="+q.Get("CateID")); code != http.StatusOK {
		t.Errorf("reordered query: status %d", code)
	}
}

// TestZooRuntimeChanges: AddArticle and UpdateArticle reach a zoo portal's
// pages and truth (an added article keeps AddArticle's Hanoi-style path),
// and a web archive captures a zoo portal.
func TestZooRuntimeChanges(t *testing.T) {
	for _, f := range []string{FamilyDrupal, FamilyCommune, FamilyHuyenUy} {
		t.Run(f, func(t *testing.T) {
			p := newPortal(t, Config{Family: f, Seed: 3, Articles: 20})
			a, err := p.AddArticle("kinh-te", "Tin mới thêm trên cổng", "Đoạn thứ nhất của tin mới.")
			if err != nil {
				t.Fatal(err)
			}
			truth := p.Truth()
			if truth[0].Path != a.Path {
				t.Fatalf("newest truth %s, want the added %s", truth[0].Path, a.Path)
			}
			_, page := serve(t, p, a.Path)
			checkPage(t, truth[0], page)
			if _, home := serve(t, p, "/"); !strings.Contains(home, a.Path) {
				t.Errorf("the home page does not link the added article")
			}
			path := truth[3].Path
			if err := p.UpdateArticle(path, "Đính chính: số liệu đã được cập nhật."); err != nil {
				t.Fatal(err)
			}
			tr := p.Truth()[3]
			_, page = serve(t, p, path)
			checkPage(t, tr, page)
			if !strings.Contains(page, "Đính chính: số liệu đã được cập nhật.") {
				t.Errorf("%s: the correction is not served", path)
			}
		})
	}
	p := newPortal(t, Config{Family: FamilyNukeViet, Seed: 2, Articles: 20})
	wa, err := NewWebArchive(p, WebArchiveConfig{Seed: 1, Origin: "https://" + p.SourceHints().Host})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range wa.Captures() {
		if c.Article && c.Status == http.StatusOK {
			n++
		}
	}
	if n < 10 {
		t.Errorf("%d article captures of a zoo portal", n)
	}
}
