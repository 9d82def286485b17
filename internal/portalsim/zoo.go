package portalsim

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The template zoo: portals of the content-management systems seen on
// Vietnamese government portals, each a family of templates randomised per
// seed (class names, nesting, where the date, category, view and byline
// lines sit, the date format, which widgets full of numbers surround the
// article), serving the generator's articles with the truth of every field.
//
// A family is chosen with Config.Family; the zero value and
// FamilyHanoiLiferay serve the Hanoi Liferay template of New unchanged.
// Families() says which families are for tuning the processor and which
// are kept for evaluating it: the evaluation families must never be used
// to tune it.

// Template families.
const (
	FamilyHanoiLiferay = "hanoi-liferay" // the older Hanoi platform: New's own template
	FamilyHanoiPortal  = "hanoi-portal"  // the newer Hanoi platform: <category>/<title-slug>-<15 digits>.htm
	FamilySharePoint   = "sharepoint"    // Ho Chi Minh City's SharePoint: Lists/Posts/Post.aspx
	FamilyNukeViet     = "nukeviet"      // NukeViet news module
	FamilyWordPress    = "wordpress"     // WordPress single posts
	FamilyJoomla       = "joomla"        // Joomla com_content articles
	FamilyWebForms     = "webforms"      // hand-made ASP.NET WebForms portals (ctl00_ ids, __VIEWSTATE)
	FamilyHuyenUy      = "huyen-uy"      // a district party committee's portal (?u=nws&su=d)
	FamilyCommune      = "commune"       // a new commune's or ward's small portal, after 1 July 2025
	FamilyDNN          = "dnn"           // DotNetNuke with the EasyDNNnews module
	FamilyDrupal       = "drupal"        // Drupal nodes
	FamilyTinhUy       = "tinh-uy"       // a provincial party committee's portal, covering many districts
	FamilyEGov         = "egov"          // the provinces' bought e-government portal platform (Liferay asset publisher)
)

// FamilyInfo describes one template family.
type FamilyInfo struct {
	Name string
	CMS  string // what it simulates
	// Eval marks an evaluation family: never look at its pages, never use
	// it to tune the processor; report its figures apart.
	Eval bool
	// Randomised is false for FamilyHanoiLiferay only: the Hanoi district
	// portals really share one template, which New serves byte for byte.
	Randomised bool
	// Level is the level of the units it serves: "district", "province"
	// (its articles name their districts) or "commune".
	Level string
	Units []string // the slugs of the units it serves by default (Config.District "")
}

// Families lists the template families. The split is fixed: 9 tuning
// families and 4 evaluation families (DNN, Drupal, the provincial party
// portal and the e-government platform), chosen so the evaluation set holds
// structurally different systems (.NET modules, PHP fields, a portal whose
// articles name many districts, a Liferay asset publisher with SA/CH times)
// whose markup idioms the tuning families do not share.
func Families() []FamilyInfo {
	out := make([]FamilyInfo, len(families))
	for i, f := range families {
		out[i] = f.info
		out[i].Units = slices.Clone(f.info.Units)
	}
	return out
}

func findFamily(name string) *family {
	for _, f := range families {
		if f.info.Name == name {
			return f
		}
	}
	return nil
}

// Views modes: what a page's view counter counts.
const (
	viewsNone     = iota // no counter
	viewsOwn             // the article's own count
	viewsTemplate        // the template's own counter, the same on every page
)

// zoo is a zoo portal's state besides Portal's.
type zoo struct {
	fam   *family
	unit  *zunit
	seed  int64
	site  siteStyle
	cats  []*zcat
	extra map[*Article]*zextra

	rebuildAfter int
	pageSize     int

	mu       sync.Mutex
	manual   int // Rebuild calls
	variants map[int]*variant
}

// zcat is a category as a zoo portal shows and links it.
type zcat struct {
	key     string // the generator's category slug
	label   string // shown on the page
	enLabel string // shown on English pages
	slug    string // in URLs; often not the label's slug
	num     int    // numeric id for query-string URLs
}

// zextra is what the zoo knows about an article besides Article.
type zextra struct {
	en                          bool // served in the English section
	dateText                    string
	dateOnly                    bool
	district, province, commune string
	figures                     []Figure
	docs                        []CitedDocument
}

// siteStyle are the portal's content decisions: fixed for the portal,
// whatever the template variant (a rebuild keeps them), because the truth
// depends on them.
type siteStyle struct {
	dateFormat    string
	viewMode      int
	templateViews int
	catShown      bool
	thousands     bool // view counts written with dots: 1.234
	siteName      string
	host          string
	poster        string // the CMS account some templates show ("admin", "Super User")
	pathauto      bool   // Drupal: /tin-tuc/<category>/<slug> rather than /node/<id>
	token         string // e-government: the asset publisher instance; SharePoint: the list
	module        int    // DNN: the news module's id
	footer        footerFacts
}

func zrand(seed int64, parts ...string) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), hash64(parts...)))
}

func newRand(a, b uint64) *rand.Rand { return rand.New(rand.NewPCG(a, b)) }

func itoa(n int) string { return strconv.Itoa(n) }

func pickR[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// newZooPortal builds a portal of a zoo family; cfg.Family is set and is
// not FamilyHanoiLiferay.
func newZooPortal(cfg Config) (*Portal, error) {
	fam := findFamily(cfg.Family)
	if fam == nil {
		return nil, fmt.Errorf("portalsim: unknown template family %q", cfg.Family)
	}
	f := cfg.Faults
	switch {
	case cfg.Articles < 0 || cfg.PageSize < 0 || cfg.RebuildAfter < 0:
		return nil, errors.New("portalsim: negative Articles, PageSize or RebuildAfter")
	case f.Latency < 0 || f.HugeArticleBytes < 0:
		return nil, errors.New("portalsim: negative fault setting")
	case f.Windows1258 || f.Decomposed || f.RateLimit429 > 0 || f.Fail503 > 0 || f.RedirectLoopPath != "" || f.OffHostRedirectPath != "" ||
		len(f.RobotsDisallow) > 0 || f.CrawlDelay > 0 || f.Always503Path != "" || f.SlowPath != "" || f.MalformedHTML ||
		f.TrackingLinks || f.OffHostLinks || f.Spam:
		return nil, fmt.Errorf("portalsim: family %s supports only the Latency and HugeArticleBytes faults", fam.info.Name)
	}
	unit, err := fam.unitFor(cfg)
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.Articles == 0 && fam.info.Level == "commune":
		cfg.Articles = 30 // a small portal
	case cfg.Articles == 0:
		cfg.Articles = 60
	}
	if cfg.PageSize == 0 {
		cfg.PageSize = 10
	}
	z := &zoo{fam: fam, unit: unit, seed: cfg.Seed, extra: map[*Article]*zextra{}, rebuildAfter: cfg.RebuildAfter,
		pageSize: cfg.PageSize, variants: map[int]*variant{}}
	z.site = fam.siteStyle(z)
	z.cats = fam.categories(z)
	arts := z.articles(cfg)
	z.assignURLs(arts)
	prof := unit.prof
	if prof == nil {
		prof = &profile{info: DistrictInfo{Name: unit.info.Name, Slug: unit.info.Slug, Province: unit.info.Province, Kind: unit.info.Kind},
			committee: unit.committee(), youth: "Đoàn Thanh niên", address: unit.address, phone: unit.phone}
	}
	// A copy: the Host is the zoo portal's own, and the profile stays as
	// Districts() has it.
	pc := *prof
	pc.info.Host = z.site.host
	p := &Portal{cfg: cfg, prof: &pc, stop: make(chan struct{}), hits: map[string]int{}, zoo: z, arts: arts}
	newest := arts[0].sortAt
	p.today = time.Date(newest.Year(), newest.Month(), newest.Day()+1+int(hash64(unit.info.Slug, fam.info.Name, fmt.Sprint(cfg.Seed))%20), 0, 0, 0, 0, hcm)
	p.handler = http.HandlerFunc(p.serveZoo)
	return p, nil
}

// unitFor resolves Config.District for the family: a unit of its level
// (a name or slug from ZooUnits), or the seed's pick of its default units.
func (f *family) unitFor(cfg Config) (*zunit, error) {
	if cfg.District == "" {
		return findZooUnit(f.info.Units[int(uint64(cfg.Seed)%uint64(len(f.info.Units)))]), nil
	}
	u := findZooUnit(cfg.District)
	if f.info.Level == "commune" && u != nil && u.info.Level != "commune" {
		// "Đông Anh" names both the old district and the new commune.
		for _, c := range zooUnits {
			if c.info.Level == "commune" && (c.info.Name == cfg.District || c.info.Slug == cfg.District) {
				u = c
			}
		}
	}
	switch {
	case u == nil:
		return nil, fmt.Errorf("portalsim: unknown zoo unit %q", cfg.District)
	case u.info.Level != f.info.Level:
		return nil, fmt.Errorf("portalsim: family %s serves %s units, not %s %s", f.info.Name, f.info.Level, u.info.Level, u.info.Name)
	case f.hanoiOnly && u.info.Province != "Hà Nội":
		return nil, fmt.Errorf("portalsim: family %s serves Hanoi districts only", f.info.Name)
	}
	return u, nil
}

// articles generates the portal's articles, newest first: the generator's
// reports and news of the unit (of each district a province portal
// covers), or a new commune's own news, then the zoo's edits.
func (z *zoo) articles(cfg Config) []*Article {
	var arts []*Article
	place := map[*Article]*zunit{}
	switch z.unit.info.Level {
	case "commune":
		arts = z.communeArticles(cfg.Articles)
		for _, a := range arts {
			place[a] = z.unit
		}
	default:
		units := []*zunit{z.unit}
		if z.unit.info.Level == "province" {
			units = z.unit.members()
		}
		for _, u := range units {
			gc := Config{Seed: cfg.Seed, District: u.info.Slug, Articles: max(33, cfg.Articles-extraReports)}
			if u == units[0] {
				gc.Faults.HugeArticleBytes = cfg.Faults.HugeArticleBytes
			}
			rr := zrand(cfg.Seed, "repair", u.info.Slug)
			for _, a := range generate(u.prof, gc, nil) {
				repairSeries(u, a, rr)
				z.fixUnitText(u, a)
				arts = append(arts, a)
				place[a] = u
			}
		}
	}
	// Keep cfg.Articles of them (and the huge article), picked by seed.
	r := zrand(z.seed, "zoo-pick", z.fam.info.Name, z.unit.info.Slug)
	if len(arts) > cfg.Articles+1 {
		keep := map[*Article]bool{}
		for _, i := range r.Perm(len(arts))[:cfg.Articles] {
			keep[arts[i]] = true
		}
		var kept []*Article
		for _, a := range arts {
			if keep[a] || (cfg.Faults.HugeArticleBytes > 0 && bodyBytes(a) >= cfg.Faults.HugeArticleBytes) {
				kept = append(kept, a)
			}
		}
		arts = kept
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].sortAt.After(arts[j].sortAt) })
	for i, a := range arts {
		u := place[a]
		x := &zextra{}
		switch u.info.Level {
		case "commune":
			x.commune, x.province = u.info.Name, u.info.Province
			if old := z.extra[a]; old != nil {
				x.figures, x.docs = old.figures, old.docs
			}
		default:
			x.district, x.province = u.info.Name, u.info.Province
		}
		z.extra[a] = x
		z.edit(a, x, u, zrand(z.seed, "zoo-edit", z.fam.info.Name, z.unit.info.Slug, itoa(i)))
	}
	return arts
}

// fixUnitText adapts the generator's Hanoi wording to the unit: its lower
// units ("các phường") and, outside the centrally-run cities, the province
// that sets the budget ("tỉnh giao").
func (z *zoo) fixUnitText(u *zunit, a *Article) {
	var pairs []string
	if u.lu != "" {
		pairs = append(pairs, "xã, thị trấn", u.lu)
	}
	switch u.info.Province {
	case "Hà Nội", "Hồ Chí Minh", "Cần Thơ":
	default:
		pairs = append(pairs, "thành phố giao", "tỉnh giao", "của Thành phố", "của Tỉnh")
	}
	if len(pairs) == 0 {
		return
	}
	rep := strings.NewReplacer(pairs...)
	a.Title = rep.Replace(a.Title)
	for i, p := range a.Paragraphs {
		a.Paragraphs[i] = rep.Replace(p)
	}
	for i := range a.Metrics {
		a.Metrics[i].Text = rep.Replace(a.Metrics[i].Text)
	}
}

// edit makes the zoo's per-article changes: the category as shown, the
// date as shown, a byline in another style, a lead restating the title,
// the hard cases, the English section.
func (z *zoo) edit(a *Article, x *zextra, u *zunit, r *rand.Rand) {
	fam := z.fam
	if fam.english && r.IntN(7) == 0 {
		x.en = true
	}
	if fam.bylines != nil && r.IntN(3) == 0 {
		fam.bylines(z, a, u, r)
	}
	if fam.lead && len(a.Metrics) > 0 && r.IntN(4) == 0 {
		restateTitle(a)
	}
	if fam.hard && u.info.Level == "district" && r.IntN(2) == 0 {
		z.addHardCases(a, x, u, r)
	}
	if fam.alwaysDated && !a.HasDate {
		a.HasDate, a.PublishedAt = true, a.sortAt
	}
	if !a.HasDate {
		a.PublishedAt = time.Time{}
		return
	}
	format := z.site.dateFormat
	if x.en {
		format = "publish-en"
	}
	t := a.sortAt
	if dateHasSeconds(format) {
		t = t.Add(time.Duration(hash64(a.Title, "s")%60) * time.Second)
	}
	x.dateText, x.dateOnly = formatDate(format, t, z.site.poster)
	if x.dateOnly && !fam.machineDate {
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, hcm)
	} else {
		x.dateOnly = false
	}
	a.PublishedAt = t
}

// restateTitle turns the paragraph carrying the first figure into a lead
// that opens with the title: the figure is body text all the same.
func restateTitle(a *Article) {
	for i, p := range a.Paragraphs {
		if strings.Contains(p, a.Metrics[0].Text) {
			lead := a.Title + ". " + p
			rest := slices.Delete(slices.Clone(a.Paragraphs), i, i+1)
			a.Paragraphs = append([]string{lead}, rest...)
			return
		}
	}
}

// assignURLs gives every article its id and path in the family's scheme.
func (z *zoo) assignURLs(arts []*Article) {
	r := zrand(z.seed, "zoo-ids", z.fam.info.Name, z.unit.info.Slug)
	id := 10_000 + r.IntN(90_000)
	used := map[string]bool{}
	for i := len(arts) - 1; i >= 0; i-- { // oldest first: ids grow with time
		a := arts[i]
		id += 1 + r.IntN(40)
		a.id = id
		p := z.fam.articlePath(z, a, z.extra[a], 0)
		for k := 1; used[p]; k++ { // CMSs suffix a repeated slug
			p = z.fam.articlePath(z, a, z.extra[a], k)
		}
		used[p] = true
		a.Path = p
		if x := z.extra[a]; x.en {
			a.Category = z.cat(a.catSlug).enLabel
		} else {
			a.Category = z.cat(a.catSlug).label
		}
		if !z.site.catShown {
			a.Category = ""
		}
	}
}

func (z *zoo) cat(key string) *zcat {
	for _, c := range z.cats {
		if c.key == key {
			return c
		}
	}
	return z.cats[0]
}

// generation is the template variant in force: one more after each
// Rebuild, and one more once RebuildAfter requests have been served.
func (p *Portal) generation() int {
	z := p.zoo
	z.mu.Lock()
	g := z.manual
	z.mu.Unlock()
	if z.rebuildAfter > 0 {
		p.mu.Lock()
		n := len(p.log)
		p.mu.Unlock()
		if n > z.rebuildAfter {
			g++
		}
	}
	return g
}

func (z *zoo) variant(g int) *variant {
	z.mu.Lock()
	defer z.mu.Unlock()
	v := z.variants[g]
	if v == nil {
		v = newVariant(z, g)
		z.variants[g] = v
	}
	return v
}

// Rebuild switches a zoo portal to another template variant of its family
// (other class names, nesting and layout), serving the same articles at
// the same URLs with the same truth, as a portal rebuilt on a new theme.
// The Hanoi Liferay template has no other variant.
func (p *Portal) Rebuild() error {
	if p.zoo == nil {
		return errors.New("portalsim: the hanoi-liferay template has no other variant")
	}
	p.zoo.mu.Lock()
	p.zoo.manual++
	p.zoo.mu.Unlock()
	return nil
}

// Family is the portal's template family.
func (p *Portal) Family() string {
	if p.zoo == nil {
		return FamilyHanoiLiferay
	}
	return p.zoo.fam.info.Name
}

// Unit is the unit the portal reports for.
func (p *Portal) Unit() UnitInfo {
	if p.zoo == nil {
		return findZooUnit(p.prof.info.Slug).info
	}
	u := p.zoo.unit.info
	u.Members = slices.Clone(u.Members)
	return u
}

// SourceHints are what a DRA source needs to crawl the portal without
// selectors: where to start and which URLs are listings and articles.
type SourceHints struct {
	Name      string   // the site's name
	Host      string   // the real portal's host name, for reference
	StartURLs []string // the home page
	// ListingPattern and ArticlePattern are regular expressions on the
	// canonical URL (query parameters sorted by key), anchored on the base
	// URL the portal was started at (any http(s) host before Start).
	ListingPattern string
	ArticlePattern string
	District       string   // "" for a province's or a commune's portal
	Province       string   // the unit's province
	UnitCodes      []string // "old:district:018", "new:commune:00454", "old:province:74"
}

// SourceHints describes the portal as a DRA source would.
func (p *Portal) SourceHints() SourceHints {
	base := p.URL()
	anchor := `^https?://[^/]+`
	if base != "" {
		anchor = "^" + regexp.QuoteMeta(base)
	}
	u := p.Unit()
	h := SourceHints{Host: p.prof.info.Host, StartURLs: []string{base + "/"}, Province: u.Province, UnitCodes: []string{u.Code}}
	if u.Level == "district" {
		h.District = u.Name
	}
	if p.zoo == nil {
		h.Name = p.siteName()
		h.ListingPattern = anchor + `(?:/en)?/(?:[a-z0-9-]+)?(?:\?page=[0-9]+)?$`
		h.ArticlePattern = anchor + `(?:/en)?/[a-z0-9-]+/-/view_content/[0-9]+-[a-z0-9-]*\.html$`
		return h
	}
	h.Name = p.zoo.site.siteName
	h.ListingPattern = anchor + p.zoo.fam.listingRe
	h.ArticlePattern = anchor + p.zoo.fam.articleRe
	return h
}

// listingURLs are the first pages of the category listings.
func (z *zoo) listingURLs(base string) []string {
	out := make([]string, len(z.cats))
	for i, c := range z.cats {
		out[i] = base + z.fam.listingPath(z, c, 1)
	}
	return out
}

// PageTruth is the truth about one article page as a zoo portal (or the
// Hanoi Liferay template) serves it: what an extractor should find.
type PageTruth struct {
	Family string
	URL    string // absolute once the portal is started, else the path
	Path   string // path and canonical query
	// Title is the article's own title: the <title> element may add the
	// site's name after " - " or " | ", and the title itself may hold " - ".
	Title        string
	Category     string // the label shown on the page; "" when it shows none
	CategorySlug string // the category in the URL, which need not match the label
	HasDate      bool
	PublishedAt  time.Time // as the page shows it; zero when !HasDate
	// DateOnly: the page gives the day only (PublishedAt is its midnight).
	DateOnly bool
	DateText string // the date as written
	// Views is the article's own count when the page shows it; nil when it
	// shows none or only the template's own counter (TemplateViews, the
	// same on every page of the portal).
	Views         *int
	TemplateViews *int
	ViewsText     string // the counter as written ("Lượt xem: 1.234"); "" when none
	English       bool   // the page is in the site's English section ("Publish date")
	Byline        string // as shown, without the template's label
	Authors       []string
	AuthorUnit    string
	// District and Province are the article's place: the portal's unit, or
	// for a province portal the district the article is about. District is
	// "" on a new commune's portal (no district level since 1 July 2025),
	// whose unit is Commune.
	District   string
	Province   string
	Commune    string
	Paragraphs []string // the body: no widgets, no repeated title, no byline
	Metrics    []Metric // the tracked figures (MetricKeys), with their periods
	// Figures are the other figures the zoo wrote into the body (the hard
	// cases, a new commune's news), every one of them; the generator's
	// other figures are not listed.
	Figures   []Figure
	Documents []CitedDocument // every document code the body cites
}

// Figure is a figure the zoo wrote, labelled as the gold files label them.
type Figure struct {
	Value float64
	// Unit is the head noun of what is counted, lowercase ("hộ gia đình",
	// "tổ chức cơ sở đảng", "đồng chí" also when written "đ/c"); for a
	// percentage, what it is a share of ("kế hoạch" in "đạt 95 phần trăm
	// kế hoạch"); "" for a figure with no unit.
	Unit        string
	Kind        string // "count", "percent", "money", "measure"
	Target      *float64
	PlanPercent *float64 // "đạt X%" right after the figure
	Qualifier   string   // "gt", "lt", "approx" or ""
	Text        string   // exact substring of Paragraphs[Paragraph]
	Paragraph   int
	Period      string // when the sentence states it ("2025")
	// Neutral figures are neither required nor penalised: attributes such
	// as "Huy hiệu 30 năm tuổi Đảng".
	Neutral bool
}

// CitedDocument is a document code the body cites, with its date
// (YYYY-MM-DD) when the text gives one.
type CitedDocument struct {
	Code string // "47/2019/QH14", "1234/QĐ-UBND", "18-NQ/TW"
	Date string
}

// seedDocuments are the codes the real seed article cites (shared/eval).
var seedDocuments = []CitedDocument{{Code: "01-CTr/HU"}, {Code: "09-NQ/TU", Date: "2012-02-27"}, {Code: "09-ĐA/HU", Date: "2017-11-24"}}

// Truth is the truth of every article page, newest first.
func (p *Portal) Truth() []PageTruth {
	base := p.URL()
	p.site.RLock()
	defer p.site.RUnlock()
	out := make([]PageTruth, len(p.arts))
	for i, a := range p.arts {
		t := PageTruth{Family: FamilyHanoiLiferay, URL: base + a.Path, Path: a.Path, Title: a.Title, Category: a.Category,
			CategorySlug: a.catSlug, HasDate: a.HasDate, PublishedAt: a.PublishedAt, Byline: a.Byline,
			Authors: slices.Clone(a.Authors), AuthorUnit: a.AuthorUnit, Paragraphs: slices.Clone(a.Paragraphs),
			Metrics: cloneMetrics(a.Metrics)}
		if p.zoo == nil {
			t.English = strings.HasPrefix(a.Path, "/en/")
			t.District, t.Province = p.prof.info.Name, p.prof.info.Province
			if a.HasDate { // dateLine: "Ngày đăng 07/06/2019 | 08:40  | View count: 2045"
				t.DateText = "Ngày đăng " + a.PublishedAt.Format("02/01/2006") + " | " + a.PublishedAt.Format("15:04")
				t.Views, t.ViewsText = fp2i(a.Views), fmt.Sprintf("View count: %d", a.Views)
			}
			if a.Seed {
				t.Documents = slices.Clone(seedDocuments)
			}
			out[i] = t
			continue
		}
		z := p.zoo
		x := z.extraFor(a)
		if x.dateOnly {
			t.PublishedAt = time.Date(a.PublishedAt.Year(), a.PublishedAt.Month(), a.PublishedAt.Day(), 0, 0, 0, 0, hcm)
		}
		if !z.site.catShown {
			t.Category = ""
		}
		t.Family, t.CategorySlug = z.fam.info.Name, z.cat(a.catSlug).slug
		t.DateOnly, t.DateText, t.English = x.dateOnly, x.dateText, x.en
		t.District, t.Province, t.Commune = x.district, x.province, x.commune
		t.Figures, t.Documents = slices.Clone(x.figures), slices.Clone(x.docs)
		t.ViewsText = z.viewsText(a, x)
		if z.shownViews(a) {
			switch z.site.viewMode {
			case viewsOwn:
				t.Views = fp2i(a.Views)
			case viewsTemplate:
				t.TemplateViews = fp2i(z.site.templateViews)
			}
		}
		out[i] = t
	}
	return out
}

func cloneMetrics(ms []Metric) []Metric {
	out := slices.Clone(ms)
	for j, m := range out {
		if m.Target != nil {
			out[j].Target = fp(*m.Target)
		}
		if m.PlanPercent != nil {
			out[j].PlanPercent = fp(*m.PlanPercent)
		}
	}
	return out
}

func bodyBytes(a *Article) int {
	n := 0
	for _, p := range a.Paragraphs {
		n += len(p)
	}
	return n
}

func fp2i(n int) *int { return &n }

// extraFor is what the zoo knows about a; an article added at run time
// (AddArticle) gets the portal's defaults, computed afresh.
func (z *zoo) extraFor(a *Article) *zextra {
	if x := z.extra[a]; x != nil {
		return x
	}
	x := &zextra{province: z.unit.info.Province}
	switch z.unit.info.Level {
	case "district":
		x.district = z.unit.info.Name
	case "commune":
		x.commune = z.unit.info.Name
	}
	if a.HasDate {
		x.dateText, x.dateOnly = formatDate(z.site.dateFormat, a.PublishedAt, z.site.poster)
		x.dateOnly = x.dateOnly && !z.fam.machineDate
	}
	return x
}

// shownViews: the view counter sits with the date on the families that
// write them on one line, so a dateless page there shows none.
func (z *zoo) shownViews(a *Article) bool {
	return z.site.viewMode != viewsNone && (a.HasDate || !z.fam.viewsWithDate)
}

// queryKey is a request's route: the path and the query parameters sorted
// by key, tracking parameters dropped, as DRA canonicalises them.
func queryKey(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	var parts []string
	for part := range strings.SplitSeq(u.RawQuery, "&") {
		k, _, _ := strings.Cut(part, "=")
		if k == "" || strings.HasPrefix(strings.ToLower(k), "utm_") || k == "fbclid" || k == "gclid" {
			continue
		}
		parts = append(parts, part)
	}
	sort.SliceStable(parts, func(i, j int) bool {
		a, _, _ := strings.Cut(parts[i], "=")
		b, _, _ := strings.Cut(parts[j], "=")
		return a < b
	})
	if len(parts) == 0 {
		return u.Path
	}
	return u.Path + "?" + strings.Join(parts, "&")
}

// pathKey is queryKey of an article's Path.
func pathKey(path string) string {
	u, err := url.Parse(path)
	if err != nil {
		return path
	}
	return queryKey(u)
}

func (p *Portal) serveZoo(w http.ResponseWriter, r *http.Request) {
	p.record(r)
	defer p.done()
	if !p.admit(w, r) {
		return
	}
	z := p.zoo
	switch r.URL.Path {
	case "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "User-agent: *\nDisallow: /tim-kiem\nDisallow: /admin/\n\nSitemap: http://%s/sitemap.xml\n", r.Host)
		return
	case "/sitemap.xml":
		p.sitemap(w, r)
		return
	}
	v := z.variant(p.generation())
	body, ok := p.renderZoo(v, queryKey(r.URL))
	if !ok {
		w.Header().Set("Content-Type", htmlUTF8)
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(body))
		return
	}
	newPage([]byte(body), htmlUTF8, true).serve(w, r)
}

// renderZoo renders the page at key with variant v: the home page, a
// category listing page or an article; ok is false for a 404 page.
func (p *Portal) renderZoo(v *variant, key string) (string, bool) {
	p.site.RLock()
	defer p.site.RUnlock()
	z := p.zoo
	rc := &renderCtx{p: p, z: z, v: v}
	if key == "/" {
		return rc.home(), true
	}
	for _, a := range p.arts {
		if pathKey(a.Path) == key {
			return rc.article(a), true
		}
	}
	for _, c := range z.cats {
		arts := p.inCategory(c.key)
		total := max(1, (len(arts)+p.cfg.PageSize-1)/p.cfg.PageSize)
		for n := 1; n <= total; n++ {
			if pathKey(z.fam.listingPath(z, c, n)) == key {
				return rc.listing(c, arts, n, total), true
			}
		}
	}
	return rc.notFound(), false
}

func (p *Portal) inCategory(key string) []*Article {
	var out []*Article
	for _, a := range p.arts {
		if a.catSlug == key {
			out = append(out, a)
		}
	}
	return out
}

// ServedPage is a zoo page as a client got it over HTTP, with its truth.
type ServedPage struct {
	Truth  PageTruth
	Status int
	Body   []byte
}

// ServeZoo starts a portal of the zoo family with the seed and n
// articles and fetches every page of its truth over HTTP, as a crawler
// would. The caller closes the portal.
func ServeZoo(family string, seed int64, n int) (*Portal, []ServedPage, error) {
	p, err := New(Config{Family: family, Seed: seed, Articles: n})
	if err != nil {
		return nil, nil, err
	}
	if _, err := p.Start(); err != nil {
		return nil, nil, err
	}
	var out []ServedPage
	for _, tr := range p.Truth() {
		resp, err := http.Get(tr.URL)
		if err != nil {
			p.Close()
			return nil, nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			p.Close()
			return nil, nil, fmt.Errorf("read %s: %w", tr.URL, err)
		}
		out = append(out, ServedPage{Truth: tr, Status: resp.StatusCode, Body: body})
	}
	return p, out, nil
}
