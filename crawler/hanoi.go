package crawler

import "regexp"

// Patterns of the Hanoi district portals' older (Liferay) layout:
// <base>/[en/]<category-slug>/-/view_content/<id>-<ascii-slug>.html for
// articles, <base>/<category-slug>[?page=N] for listings.
const (
	HanoiArticlePath = `(?:/en)?/[a-z0-9-]+/-/view_content/[0-9]+-[a-z0-9-]*\.html$`
	HanoiListingPath = `(?:/en)?/(?:[a-z0-9-]+)?(?:\?page=[0-9]+)?$`
)

// HanoiSelectors are the CSS selectors of the Hanoi template's article page.
var HanoiSelectors = Selectors{
	Title:    "h1.title",
	Category: ".journal-content-article .category",
	Date:     ".journal-content-article .date-view",
	Body:     ".journal-content-article .content",
	Byline:   ".journal-content-article .content p:last-child",
	Exclude:  []string{"script", "style", ".related", ".tools", "#header", "#footer"},
}

// HanoiSource is a source for a portal in the Hanoi district template
// served at base (scheme://host[:port]). Its articles are identified by
// base's host (Source.Host left to its default); a copy of a portal served
// elsewhere, such as a simulated one on loopback, sets Host to the real
// portal's host and lists base's host:port in Aliases (see dra demo).
func HanoiSource(id, district, province, base string, allowPrivate bool) Source {
	return Source{
		ID: id, Name: "Cổng thông tin điện tử " + district, District: district, Province: province,
		StartURLs:      []string{base + "/"},
		ListingPattern: "^" + regexp.QuoteMeta(base) + HanoiListingPath,
		ArticlePattern: "^" + regexp.QuoteMeta(base) + HanoiArticlePath,
		Selectors:      HanoiSelectors,
		AllowPrivate:   allowPrivate,
		Politeness:     Politeness{Parallelism: 4},
	}
}
