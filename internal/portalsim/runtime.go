package portalsim

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// AddArticle publishes a new article at runtime, as a portal editor would:
// it becomes the newest article, first on the home page and on its
// category's first listing page. category is a category slug
// ("dang-doan-the", "kinh-te", "van-hoa-xa-hoi", "tin-tuc-su-kien").
func (p *Portal) AddArticle(category, title string, paragraphs ...string) (Article, error) {
	c, ok := categoryBySlug(category)
	if !ok {
		return Article{}, fmt.Errorf("portalsim: unknown category %q", category)
	}
	if title == "" || len(paragraphs) == 0 {
		return Article{}, errors.New("portalsim: an article needs a title and a paragraph")
	}
	base := p.URL()
	p.site.Lock()
	defer p.site.Unlock()
	id := 0
	for _, a := range p.arts {
		id = max(id, a.id)
	}
	t := p.today.Add(9 * time.Hour)
	if newest := p.arts[0].sortAt; !t.After(newest) {
		t = newest.Add(time.Hour)
	}
	a := &Article{Category: c.Label, Title: title, PublishedAt: t, HasDate: true, Views: 1,
		Paragraphs: slices.Clone(paragraphs), Byline: "Ban Biên tập", Author: "Ban Biên tập",
		Authors: []string{"Ban Biên tập"}, id: id + 2, catSlug: c.Slug, sortAt: t}
	a.Path = fmt.Sprintf("/%s/-/view_content/%d-%s.html", c.Slug, a.id, asciiSlug(title))
	p.arts = append([]*Article{a}, p.arts...)
	if err := p.build(); err != nil {
		p.arts = p.arts[1:]
		return Article{}, err
	}
	out := *a
	out.URL = base + a.Path
	return out, nil
}

// UpdateArticle changes an article's content at runtime (a correction
// appended as the last paragraph before the byline); its page, ETag
// included, changes, and so does its lastmod in the sitemap. path is the
// article's Path.
func (p *Portal) UpdateArticle(path, correction string) error {
	p.site.Lock()
	defer p.site.Unlock()
	for _, a := range p.arts {
		if a.Path == path {
			a.Paragraphs = append(slices.Clone(a.Paragraphs), correction)
			a.modAt = time.Now()
			return p.build()
		}
	}
	return fmt.Errorf("portalsim: no article %s", path)
}
