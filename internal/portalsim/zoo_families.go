package portalsim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// family is a template family: its URLs, the choices its portals draw per
// seed (site) and per template variant, and its CMS's markup idioms.
type family struct {
	info FamilyInfo

	hanoiOnly     bool // serves Hanoi's districts only
	english       bool // has an English section ("Publish date")
	hard          bool // writes the hard cases into some articles
	lead          bool // editors sometimes open with a lead restating the title
	alwaysDated   bool // every page shows a date
	machineDate   bool // a date-only line comes with a machine-readable time (<time datetime>)
	viewsWithDate bool // the view counter is on the date line: a dateless page shows none
	dates         []string
	views         []int
	viewsLabel    string // "Lượt xem: %s"
	catAlways     bool   // the category is always shown
	titleTags     []string
	sig           map[string][]string // the CMS's own classes per role
	ids           string              // "webforms", "dnn", "sharepoint" or ""
	tables        bool                // old ASP.NET layouts: tables
	brParas       bool                // may write paragraphs as <br>-separated text
	posters       []string            // the CMS account the template shows
	posterShown   bool                // the meta line shows the account ("Người đăng: admin")
	bylines       func(z *zoo, a *Article, u *zunit, r *rand.Rand)
	meta          string // the meta idiom: "", "joomla", "wordpress", "drupal", "sharepoint", "nukeviet", "dnn"

	articlePath func(z *zoo, a *Article, x *zextra, dup int) string
	listingPath func(z *zoo, c *zcat, n int) string
	href        func(path string) string // a link as the CMS writes it (the path is canonical)
	articleRe   string
	listingRe   string
	host        func(u *zunit) string
	siteName    func(u *zunit) string
}

func slugDup(title string, dup int) string {
	s := asciiSlug(title)
	if dup > 0 {
		s += "-" + itoa(dup)
	}
	return s
}

func enPath(x *zextra, p string) string {
	if x != nil && x.en {
		return "/en" + p
	}
	return p
}

func govHost(u *zunit) string    { return u.info.Slug + "." + u.provSlug + ".gov.vn" }
func portalName(u *zunit) string { return "Cổng thông tin điện tử " + u.kd() }

// bylineStyles restyles some bylines in the given styles.
func bylineStyles(styles ...string) func(*zoo, *Article, *zunit, *rand.Rand) {
	return func(_ *zoo, a *Article, u *zunit, r *rand.Rand) { restyleByline(a, pickR(r, styles), u, r) }
}

var families = []*family{
	{info: FamilyInfo{Name: FamilyHanoiLiferay, CMS: "the older Hanoi district platform (Liferay view_content), New's template", Level: "district",
		Units: []string{"thanhtri", "sontay", "thuongtin", "phuxuyen", "haibatrung"}}},
	{
		info:      FamilyInfo{Name: FamilyHanoiPortal, CMS: "the newer Hanoi platform: <category>/<title-slug>-<15 digits>.htm", Level: "district", Randomised: true},
		hanoiOnly: true, english: true, hard: true, lead: true, viewsWithDate: true,
		dates: []string{"weekday-comma", "hanoi", "timefirst"}, views: []int{viewsOwn, viewsOwn, viewsNone}, viewsLabel: "Lượt xem: %s",
		titleTags: []string{"h1"}, sig: map[string][]string{"title": {"title-detail", "detail-title"}, "lead": {"sapo", "detail-sapo"}, "content": {"detail-content", "content-detail"}}, bylines: bylineStyles(bylineKinds...),
		articlePath: func(z *zoo, a *Article, x *zextra, dup int) string {
			return enPath(x, fmt.Sprintf("/%s/%s-%s%03d.htm", z.cat(a.catSlug).slug, slugDup(a.Title, dup), a.sortAt.Format("060102150405"), a.id%1000))
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/" + c.slug + ".htm"
			}
			return fmt.Sprintf("/%s/trang-%d.htm", c.slug, n)
		},
		articleRe: `(?:/en)?/[a-z0-9-]+/[a-z0-9-]+-[0-9]{15}\.htm$`, listingRe: `/(?:[a-z0-9-]+\.htm|[a-z0-9-]+/trang-[0-9]+\.htm)?$`,
		host: func(u *zunit) string { return u.info.Slug + ".hanoi.gov.vn" }, siteName: portalName,
	},
	{
		info:  FamilyInfo{Name: FamilySharePoint, CMS: "Microsoft SharePoint blog posts (Ho Chi Minh City's districts)", Level: "district", Randomised: true},
		dates: []string{"sharepoint"}, views: []int{viewsOwn}, viewsLabel: "Số lượt người xem: %s", alwaysDated: true,
		posters:   []string{"System Account", "Quản Trị Viên", "Administrator"},
		titleTags: []string{"h2", "div", "span"}, ids: "sharepoint", tables: true, brParas: true, meta: "sharepoint", bylines: bylineStyles(bylineKinds...),
		sig: map[string][]string{"content": {"ms-rtestate-field", "ms-PostBody"}, "title": {"ms-PostTitle", "ms-rteElement-H2"}, "article": {"ms-PostWrapper"}},
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/Lists/Posts/Post.aspx?ItemID=%d&List=%s", a.id, z.site.token)
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			if n == 1 {
				return fmt.Sprintf("/Lists/Categories/Category.aspx?CategoryId=%d", c.num)
			}
			return fmt.Sprintf("/Lists/Categories/Category.aspx?CategoryId=%d&Page=%d", c.num, n)
		},
		articleRe: `/Lists/Posts/Post\.aspx\?ItemID=[0-9]+&List=[0-9a-f-]+$`, listingRe: `/(?:Lists/Categories/Category\.aspx\?CategoryId=[0-9]+(?:&Page=[0-9]+)?)?$`,
		host: govHost, siteName: portalName,
	},
	{
		info: FamilyInfo{Name: FamilyNukeViet, CMS: "NukeViet 4 news module", Level: "district", Randomised: true},
		hard: true, dates: []string{"nukeviet", "timefirst", "dangngay"}, views: []int{viewsOwn, viewsTemplate}, viewsLabel: "Lượt xem: %s",
		titleTags: []string{"h1"}, meta: "nukeviet", bylines: bylineStyles(bylineKinds...),
		sig: map[string][]string{"article": {"news_column panel panel-default"}, "content": {"bodytext margin-bottom-lg"}, "title": {"title margin-bottom-lg"}, "lead": {"hometext m-bottom"}},
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/news/%s/%s-%d.html", z.cat(a.catSlug).slug, asciiSlug(a.Title), a.id)
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/news/" + c.slug + "/"
			}
			return fmt.Sprintf("/news/%s/page-%d/", c.slug, n)
		},
		articleRe: `/news/[a-z0-9-]+/[a-z0-9-]+-[0-9]+\.html$`, listingRe: `/(?:news/[a-z0-9-]+/(?:page-[0-9]+/)?)?$`,
		host: govHost, siteName: portalName,
	},
	{
		info:  FamilyInfo{Name: FamilyWordPress, CMS: "WordPress single posts", Level: "district", Randomised: true},
		dates: []string{"wp-vi", "dangngay"}, views: []int{viewsNone, viewsOwn}, viewsLabel: "%s lượt xem", alwaysDated: true, machineDate: true, catAlways: true,
		titleTags: []string{"h1"}, meta: "wordpress", posters: []string{"admin", "quantri", "bientap"}, bylines: bylineStyles(bylineKinds...),
		sig: map[string][]string{"title": {"entry-title"}, "content": {"entry-content"}, "meta": {"entry-meta"}, "article": {"post type-post status-publish format-standard hentry"}},
		articlePath: func(_ *zoo, a *Article, _ *zextra, dup int) string {
			return fmt.Sprintf("/%s/%s/", a.sortAt.Format("2006/01/02"), slugDup(a.Title, dup))
		},
		listingPath: func(_ *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/category/" + c.slug + "/"
			}
			return fmt.Sprintf("/category/%s/page/%d/", c.slug, n)
		},
		articleRe: `/[0-9]{4}/[0-9]{2}/[0-9]{2}/[a-z0-9-]+/$`, listingRe: `/(?:category/[a-z0-9-]+/(?:page/[0-9]+/)?)?$`,
		host: govHost, siteName: func(u *zunit) string { return "Trang thông tin điện tử " + u.kd() },
	},
	{
		info:  FamilyInfo{Name: FamilyJoomla, CMS: "Joomla com_content articles", Level: "district", Randomised: true},
		dates: []string{"joomla", "capnhat"}, views: []int{viewsOwn}, viewsLabel: "Lượt xem: %s", catAlways: true,
		titleTags: []string{"h2", "h1"}, meta: "joomla", posters: []string{"Super User", "Quản trị viên"}, bylines: bylineStyles(bylineKinds...),
		sig: map[string][]string{"article": {"item-page"}, "title": {"page-header"}, "meta": {"article-info muted"}},
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/index.php/%s/%d-%s", z.cat(a.catSlug).slug, a.id, asciiSlug(a.Title))
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/index.php/" + c.slug
			}
			return fmt.Sprintf("/index.php/%s?start=%d", c.slug, (n-1)*z.pageSize)
		},
		articleRe: `/index\.php/[a-z0-9-]+/[0-9]+-[a-z0-9-]+$`, listingRe: `/(?:index\.php/[a-z0-9-]+(?:\?start=[0-9]+)?)?$`,
		host: govHost, siteName: portalName,
	},
	{
		info: FamilyInfo{Name: FamilyWebForms, CMS: "hand-made ASP.NET WebForms portals (ctl00_ ids, __VIEWSTATE)", Level: "district", Randomised: true},
		hard: true, dates: []string{"dangngay", "dash", "capnhat", "xuatban"}, views: []int{viewsTemplate, viewsOwn}, viewsLabel: "Số lần đọc: %s",
		posters:   []string{"Administrator Account", "SuperUser Account", "Quản trị viên", "Admin", "Quản Trị Hệ Thống"},
		titleTags: []string{"span", "h1", "h2"}, ids: "webforms", tables: true, brParas: true, bylines: bylineStyles(bylineKinds...),
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/ChiTietTin.aspx?CateID=%d&NewsID=%d", z.cat(a.catSlug).num, a.id)
		},
		listingPath: func(_ *zoo, c *zcat, n int) string {
			if n == 1 {
				return fmt.Sprintf("/DanhSachTin.aspx?CateID=%d", c.num)
			}
			return fmt.Sprintf("/DanhSachTin.aspx?CateID=%d&Page=%d", c.num, n)
		},
		articleRe: `/ChiTietTin\.aspx\?CateID=[0-9]+&NewsID=[0-9]+$`, listingRe: `/(?:DanhSachTin\.aspx\?CateID=[0-9]+(?:&Page=[0-9]+)?)?$`,
		host: govHost, siteName: portalName,
	},
	{
		info: FamilyInfo{Name: FamilyHuyenUy, CMS: "a district party committee's portal (?u=nws&su=d&cid=&id=)", Level: "district", Randomised: true},
		hard: true, lead: true, dates: []string{"timefirst", "paren", "capnhat"}, views: []int{viewsTemplate, viewsOwn, viewsNone}, viewsLabel: "Đã xem: %s",
		titleTags: []string{"h2", "h3", "div"}, bylines: bylineStyles(bylineKinds...),
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/?cid=%d&id=%d&su=d&u=nws", z.cat(a.catSlug).num, a.id)
		},
		listingPath: func(_ *zoo, c *zcat, n int) string {
			if n == 1 {
				return fmt.Sprintf("/?cid=%d&su=c&u=nws", c.num)
			}
			return fmt.Sprintf("/?cid=%d&p=%d&su=c&u=nws", c.num, n)
		},
		href:      reverseQuery,
		articleRe: `/\?cid=[0-9]+&id=[0-9]+&su=d&u=nws$`, listingRe: `/(?:\?cid=[0-9]+(?:&p=[0-9]+)?&su=c&u=nws)?$`,
		host: func(u *zunit) string {
			return strings.ReplaceAll(asciiSlug(u.committee()), "-", "") + u.info.Slug + ".vn" // huyenuygialam.vn
		},
		siteName: func(u *zunit) string { return "Trang thông tin điện tử " + u.committee() + " " + u.info.Name },
	},
	{
		info:  FamilyInfo{Name: FamilyCommune, CMS: "a new commune's or ward's small portal, after 1 July 2025", Level: "commune", Randomised: true},
		dates: []string{"dangngay", "capnhat", "hanoi", "capnhatluc"}, views: []int{viewsTemplate, viewsNone}, viewsLabel: "Lượt xem: %s",
		titleTags: []string{"h1", "h2"},
		articlePath: func(_ *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/chi-tiet-tin/%s-%d", asciiSlug(a.Title), a.id)
		},
		listingPath: func(_ *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/chuyen-muc/" + c.slug
			}
			return fmt.Sprintf("/chuyen-muc/%s?trang=%d", c.slug, n)
		},
		articleRe: `/chi-tiet-tin/[a-z0-9-]+-[0-9]+$`, listingRe: `/(?:chuyen-muc/[a-z0-9-]+(?:\?trang=[0-9]+)?)?$`,
		host:     govHost,
		siteName: func(u *zunit) string { return "Trang thông tin điện tử " + u.kd() },
	},
	{
		info: FamilyInfo{Name: FamilyDNN, CMS: "DotNetNuke with the EasyDNNnews module", Level: "district", Eval: true, Randomised: true},
		hard: true, dates: []string{"xuatban", "weekday-comma", "dash"}, views: []int{viewsOwn, viewsTemplate}, viewsLabel: "Số lần xem: %s",
		titleTags: []string{"h1", "h2"}, ids: "dnn", meta: "dnn",
		sig: map[string][]string{"title": {"edn_articleTitle"}, "content": {"edn_articleContent"}, "lead": {"edn_articleSummary"}, "article": {"edn_article edn_clearFix"}},
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/%s/ArtMID/%d/ArticleID/%d/%s", z.cat(a.catSlug).slug, z.site.module, a.id, asciiSlug(a.Title))
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/" + c.slug
			}
			return fmt.Sprintf("/%s/PgrID/%d/PageID/%d", c.slug, z.site.module, n)
		},
		articleRe: `/[a-z0-9-]+/ArtMID/[0-9]+/ArticleID/[0-9]+/[a-z0-9-]+$`, listingRe: `/(?:[a-z0-9-]+(?:/PgrID/[0-9]+/PageID/[0-9]+)?)?$`,
		host: govHost, siteName: portalName,
	},
	{
		info: FamilyInfo{Name: FamilyDrupal, CMS: "Drupal article nodes", Level: "district", Eval: true, Randomised: true},
		hard: true, dates: []string{"drupal", "capnhat", "timefirst"}, views: []int{viewsNone, viewsOwn}, viewsLabel: "%s lượt đọc",
		titleTags: []string{"h1", "h2"}, meta: "drupal", posters: []string{"quantri", "admin", "bbt"}, bylines: bylineStyles("theo"),
		sig: map[string][]string{"content": {"field field-name-body field-type-text-with-summary field-label-hidden", "field field--name-body field--type-text-with-summary field--label-hidden field__item"},
			"title": {"page-title", "title"}, "article": {"node node-article node-promoted clearfix", "node node--type-article node--view-mode-full"}},
		articlePath: func(z *zoo, a *Article, _ *zextra, dup int) string {
			if z.site.pathauto {
				return fmt.Sprintf("/tin-tuc/%s/%s", z.cat(a.catSlug).slug, slugDup(a.Title, dup))
			}
			return fmt.Sprintf("/node/%d", a.id)
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			p := fmt.Sprintf("/taxonomy/term/%d", c.num)
			if z.site.pathauto {
				p = "/chuyen-muc/" + c.slug
			}
			if n > 1 {
				p += fmt.Sprintf("?page=%d", n-1)
			}
			return p
		},
		articleRe: `/(?:node/[0-9]+|tin-tuc/[a-z0-9-]+/[a-z0-9-]+)$`, listingRe: `/(?:(?:chuyen-muc/[a-z0-9-]+|taxonomy/term/[0-9]+)(?:\?page=[0-9]+)?)?$`,
		host: govHost, siteName: portalName,
	},
	{
		info: FamilyInfo{Name: FamilyTinhUy, CMS: "a provincial party committee's portal, whose articles name many districts", Level: "province", Eval: true, Randomised: true},
		hard: true, lead: true, dates: []string{"timefirst", "weekday-comma", "dangngay"}, views: []int{viewsOwn, viewsTemplate}, viewsLabel: "Lượt xem: %s",
		titleTags: []string{"h1", "div"}, bylines: bylineStyles("nguon", "theo"),
		articlePath: func(z *zoo, a *Article, _ *zextra, _ int) string {
			return fmt.Sprintf("/%s/%s-a%d.html", z.cat(a.catSlug).slug, asciiSlug(a.Title), a.id)
		},
		listingPath: func(_ *zoo, c *zcat, n int) string {
			if n == 1 {
				return "/" + c.slug + "/"
			}
			return fmt.Sprintf("/%s/trang-%d/", c.slug, n)
		},
		articleRe: `/[a-z0-9-]+/[a-z0-9-]+-a[0-9]+\.html$`, listingRe: `/(?:[a-z0-9-]+/(?:trang-[0-9]+/)?)?$`,
		host: func(u *zunit) string {
			if u.info.Kind == "thành phố" {
				return "thanhuy" + u.info.Slug + ".vn"
			}
			return "tinhuy" + u.info.Slug + ".vn"
		},
		siteName: func(u *zunit) string { return "Cổng thông tin điện tử Đảng bộ " + u.kd() },
	},
	{
		info:    FamilyInfo{Name: FamilyEGov, CMS: "the e-government portal platform sold to provinces (Liferay asset publisher)", Level: "district", Eval: true, Randomised: true},
		english: true, hard: true, viewsWithDate: true, dates: []string{"xuatban", "capnhat"}, views: []int{viewsOwn, viewsTemplate}, viewsLabel: "Số lượt xem: %s",
		titleTags: []string{"h3", "h2", "div"},
		sig:       map[string][]string{"article": {"asset-full-content", "portlet-body"}, "content": {"asset-content", "portlet-content-container"}, "title": {"header-title", "asset-title"}},
		articlePath: func(z *zoo, a *Article, x *zextra, dup int) string {
			return enPath(x, fmt.Sprintf("/web/%s/%s/-/asset_publisher/%s/content/%s", z.unit.info.Slug, z.cat(a.catSlug).slug, z.site.token, slugDup(a.Title, dup)))
		},
		listingPath: func(z *zoo, c *zcat, n int) string {
			p := fmt.Sprintf("/web/%s/%s", z.unit.info.Slug, c.slug)
			if n > 1 {
				p += fmt.Sprintf("?_101_INSTANCE_%s_cur=%d&p_p_id=101_INSTANCE_%s", z.site.token, n, z.site.token)
			}
			return p
		},
		articleRe: `(?:/en)?/web/[a-z0-9-]+/[a-z0-9-]+/-/asset_publisher/[A-Za-z0-9]+/content/[a-z0-9-]+$`,
		listingRe: `/(?:web/[a-z0-9-]+/[a-z0-9-]+(?:\?_101_INSTANCE_[A-Za-z0-9]+_cur=[0-9]+&p_p_id=101_INSTANCE_[A-Za-z0-9]+)?)?$`,
		host:      govHost, siteName: portalName,
	},
}

func init() {
	defaults := map[string][]string{
		FamilyHanoiPortal: {"thanhtri", "gialam", "donganh", "sontay", "haibatrung"},
		FamilySharePoint:  {"cuchi", "govap"},
		FamilyNukeViet:    {"haihau", "nghiloc", "dautieng"},
		FamilyWordPress:   {"ninhkieu", "bencat", "haihau"},
		FamilyJoomla:      {"halong", "nghiloc", "govap"},
		FamilyWebForms:    {"govap", "thudaumot", "haihau"},
		FamilyHuyenUy:     {"gialam", "donganh", "nghiloc", "haihau"},
		FamilyCommune:     {"xathanhtri", "xadonganh", "phuongthudaumot", "phuonghalong", "xanghiloc", "phuongninhkieu", "xahaihau"},
		FamilyDNN:         {"thudaumot", "ninhkieu", "halong"},
		FamilyDrupal:      {"ninhkieu", "bencat", "nghiloc"},
		FamilyTinhUy:      {"binhduong", "hanoi"},
		FamilyEGov:        {"nghiloc", "dautieng", "haihau", "bencat"},
	}
	for _, f := range families {
		if d, ok := defaults[f.info.Name]; ok {
			f.info.Units = d
		}
	}
}

// reverseQuery writes a canonical "/?cid=3&id=5&su=d&u=nws" as the party
// portals link it: "/?u=nws&su=d&cid=3&id=5".
func reverseQuery(path string) string {
	p, q, ok := strings.Cut(path, "?")
	if !ok {
		return path
	}
	parts := strings.Split(q, "&")
	var front, back []string
	for _, s := range parts {
		if strings.HasPrefix(s, "u=") || strings.HasPrefix(s, "su=") {
			front = append([]string{s}, front...)
		} else {
			back = append(back, s)
		}
	}
	return p + "?" + strings.Join(append(front, back...), "&")
}

// Category labels and slugs: a portal draws one of each for every section,
// so the slug in its URLs often does not match the label on its pages.
var catChoices = []struct {
	key     string
	labels  []string
	slugs   []string
	enLabel string
}{
	{"dang-doan-the", []string{"Đảng, đoàn thể", "Đảng - đoàn thể", "Xây dựng Đảng", "Tin Đảng - Đoàn thể", "Công tác Đảng"},
		[]string{"dang-doan-the", "xay-dung-dang", "tin-dang", "chinh-tri", "cong-tac-dang"}, "Party - Mass organizations"},
	{"kinh-te", []string{"Kinh tế", "Kinh tế - Chính trị", "Phát triển kinh tế", "Kinh tế - Ngân sách"},
		[]string{"kinh-te", "kinh-te-xa-hoi", "phat-trien-kinh-te", "ktxh", "kinh-te-chinh-tri"}, "Economy"},
	{"van-hoa-xa-hoi", []string{"Văn hóa - Xã hội", "Văn hóa, xã hội", "Văn hoá - Xã hội", "Giáo dục - Y tế - Văn hóa"},
		[]string{"van-hoa-xa-hoi", "van-hoa", "vhxh", "giao-duc-y-te", "xa-hoi"}, "Culture - Society"},
	{"tin-tuc-su-kien", []string{"Tin tức - Sự kiện", "Tin tức sự kiện", "Tin hoạt động", "Tin tức", "Thời sự"},
		[]string{"tin-tuc-su-kien", "tin-tuc", "tin-hoat-dong", "thoi-su", "su-kien"}, "News - Events"},
}

func (f *family) categories(z *zoo) []*zcat {
	r := zrand(z.seed, "cats", f.info.Name, z.unit.info.Slug)
	nums := r.Perm(60)
	var out []*zcat
	for i, c := range catChoices {
		out = append(out, &zcat{key: c.key, label: pickR(r, c.labels), slug: pickR(r, c.slugs), enLabel: c.enLabel, num: 2 + nums[i]})
	}
	return out
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func token(r *rand.Rand, n int, chars string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}

// footerFacts are the site's own numbers: licence, phone, responsible person.
type footerFacts struct {
	licence, licenceDate, editor, editorRole, fax, email, owner string
}

func (f *family) siteStyle(z *zoo) siteStyle {
	r := zrand(z.seed, "site", f.info.Name, z.unit.info.Slug)
	s := siteStyle{
		dateFormat:    pickR(r, f.dates),
		viewMode:      pickR(r, f.views),
		templateViews: 10_000 + r.IntN(2_000_000),
		catShown:      f.catAlways || r.IntN(5) != 0,
		thousands:     r.IntN(2) == 0,
		siteName:      f.siteName(z.unit),
		host:          f.host(z.unit),
		pathauto:      r.IntN(2) == 0,
		module:        400 + r.IntN(2000),
	}
	if len(f.posters) > 0 {
		s.poster = pickR(r, f.posters)
	}
	switch f.info.Name {
	case FamilySharePoint:
		const hex = "0123456789abcdef"
		s.token = token(r, 8, hex) + "-" + token(r, 4, hex) + "-" + token(r, 4, hex) + "-" + token(r, 4, hex) + "-" + token(r, 12, hex)
	default:
		s.token = token(r, 12, alnum)
	}
	u := z.unit
	s.footer = footerFacts{
		licence:     fmt.Sprintf("%d/GP-TTĐT", 10+r.IntN(400)),
		licenceDate: day(2012+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28)).Format("02/01/2006"),
		editor:      zooName(r),
		fax:         u.phone[:len(u.phone)-1] + itoa(r.IntN(10)),
		email:       "bbt@" + s.host,
		owner:       "UBND " + u.kd(),
		editorRole:  "Chánh Văn phòng HĐND và UBND " + u.kd(),
	}
	switch f.info.Name {
	case FamilyHuyenUy, FamilyTinhUy:
		s.footer.owner = "Ban Thường vụ " + u.committee() + " " + u.info.Name
		s.footer.editorRole = "Trưởng Ban Tuyên giáo " + u.committee() + " " + u.info.Name
	case FamilyCommune:
		s.footer.owner = "Đảng ủy - HĐND - UBND " + u.kd()
		s.footer.editorRole = "Phó Chủ tịch UBND " + u.kd()
	}
	return s
}
