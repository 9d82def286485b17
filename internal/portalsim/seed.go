package portalsim

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// seedText is a real article from the Thanh Trì portal (shared/seed).
//
//go:embed testdata/thanhtri-2020-03-18.txt
var seedText string

var seedDateRe = regexp.MustCompile(`^Ngày đăng (\d\d/\d\d/\d{4})[\s\x{a0}]+\|[\s\x{a0}]+(\d\d:\d\d)[\s\x{a0}]+\|[\s\x{a0}]*View count: (\d+)$`)

// seedArticle parses the seed file: category, title, date line, paragraphs
// and the byline as the last non-blank line.
func seedArticle() (*Article, error) {
	var lines []string
	for _, l := range strings.Split(seedText, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 5 {
		return nil, fmt.Errorf("seed article: %d lines", len(lines))
	}
	m := seedDateRe.FindStringSubmatch(lines[2])
	if m == nil {
		return nil, fmt.Errorf("seed article: date line %q", lines[2])
	}
	t, err := time.ParseInLocation("02/01/2006 15:04", m[1]+" "+m[2], hcm)
	if err != nil {
		return nil, fmt.Errorf("seed article: %w", err)
	}
	views, _ := strconv.Atoi(m[3])
	a := &Article{
		Category: lines[0], Title: lines[1], PublishedAt: t, HasDate: true, Views: views,
		Paragraphs: lines[3 : len(lines)-1], Byline: lines[len(lines)-1], Seed: true, sortAt: t,
	}
	for _, c := range categories {
		if c.Label == a.Category {
			a.catSlug = c.Slug
		}
	}
	if a.catSlug == "" {
		return nil, fmt.Errorf("seed article: unknown category %q", a.Category)
	}
	a.Author, a.AuthorUnit, _ = strings.Cut(a.Byline, " - ")
	a.Authors = []string{a.Author}
	return a, nil
}
