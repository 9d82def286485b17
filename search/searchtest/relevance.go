package searchtest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// judged is what the relevance judgments know about an article: the
// simulator's truth (district, category, the figures and the years they
// report) and the title, which states its topic.
type judged struct {
	id, district, category, title string
	text                          string // folded title and body, for phrase and code judgments
	keys                          map[string]int
	seed                          bool
}

// RelevanceQuery is one query of the relevance set with its judged
// articles: gain 2 for an article that answers it, 1 for one on its topic.
type RelevanceQuery struct {
	Text  string
	Gains map[string]int
}

// RelevanceCorpus is the corpus of the relevance set: 80 articles of every
// simulated district (reports and news) and the fixtures, seed included.
func RelevanceCorpus() []search.Article {
	docs := Fixtures()
	fetched := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range portalsim.Districts() {
		p, err := portalsim.New(portalsim.Config{Seed: 7, District: d.Slug, Articles: 80})
		if err != nil {
			panic(err)
		}
		for _, pa := range p.Articles() {
			if pa.Seed {
				continue
			}
			a := search.Article{
				ID: relID(d.Slug, pa.Path), Version: fetched.UnixNano(), FetchedAt: fetched, URL: "https://" + d.Host + pa.Path,
				SourceID: d.Slug, District: d.Name, Province: d.Province, Category: pa.Category, Title: pa.Title,
				Body: strings.Join(pa.Paragraphs, "\n"), Byline: pa.Byline, Authors: pa.Authors,
			}
			if pa.HasDate {
				t := pa.PublishedAt
				a.PublishedAt = &t
			}
			docs = append(docs, a)
		}
		_ = p.Close()
	}
	return docs
}

func relID(slug, path string) string {
	return "rel-" + slug + "-" + strings.TrimSuffix(path[strings.LastIndex(path, "/")+1:], ".html")[:7]
}

func judgedCorpus() []judged {
	var out []judged
	for _, a := range Fixtures() {
		out = append(out, judged{id: a.ID, district: a.District, category: a.Category, title: a.Title,
			text: vietnamese.Folded(a.Title + "\n" + a.Body), seed: a.ID == SeedID})
	}
	for _, d := range portalsim.Districts() {
		p, _ := portalsim.New(portalsim.Config{Seed: 7, District: d.Slug, Articles: 80})
		for _, pa := range p.Articles() {
			if pa.Seed {
				continue
			}
			j := judged{id: relID(d.Slug, pa.Path), district: d.Name, category: pa.Category, title: pa.Title,
				text: vietnamese.Folded(pa.Title + "\n" + strings.Join(pa.Paragraphs, "\n")), keys: map[string]int{}}
			for _, m := range pa.Metrics {
				j.keys[m.Key] = m.Year
			}
			out = append(out, j)
		}
		_ = p.Close()
	}
	return out
}

// RelevanceQueries is the relevance set: queries researchers type (with and
// without diacritics, both tone placements, phrases, document codes, place
// names) and the articles judged relevant to each, from the simulator's truth
// and the articles' titles, never from a search engine.
func RelevanceQueries() []RelevanceQuery {
	corpus := judgedCorpus()
	var qs []RelevanceQuery
	add := func(gain func(j judged) int, texts ...string) {
		g := map[string]int{}
		for _, j := range corpus {
			if v := gain(j); v > 0 {
				g[j.id] = v
			}
		}
		if len(g) == 0 {
			panic(fmt.Sprintf("searchtest: no relevant article for %q", texts))
		}
		for _, t := range texts {
			qs = append(qs, RelevanceQuery{Text: t, Gains: g})
		}
	}
	title := func(j judged, words ...string) bool {
		f := vietnamese.Folded(j.title)
		for _, w := range words {
			if !strings.Contains(f, vietnamese.Folded(w)) {
				return false
			}
		}
		return true
	}
	both := func(full, partial bool) int {
		switch {
		case full:
			return 2
		case partial:
			return 1
		}
		return 0
	}
	seedOnly := func(j judged) int { return both(j.seed, false) }

	add(seedOnly, "năng lực lãnh đạo sức chiến đấu", "nang luc lanh dao suc chien dau", "NÂNG CAO NĂNG LỰC LÃNH ĐẠO")
	add(func(j judged) int { return both(strings.Contains(j.text, "dan van kheo"), false) }, `"dân vận khéo"`, `"dan van kheo"`)
	add(func(j judged) int { return both(strings.Contains(j.text, "09-da/hu"), false) }, "09-ĐA/HU", "09-da/hu")
	add(func(j judged) int { return both(strings.Contains(j.text, "01-ctr/hu"), false) }, "01-CTr/HU")
	// A district's report on the key for the year answers; its reports of
	// other years are on the topic.
	report := func(key, district string, year int) func(j judged) int {
		return func(j judged) int {
			y, ok := j.keys[key]
			return both(ok && j.district == district && y == year, false)
		}
	}
	add(report(portalsim.KeyPartyNewMembers, "Thanh Trì", 2019), "phát triển đảng viên Thanh Trì năm 2019", "phat trien dang vien thanh tri nam 2019")
	add(report(portalsim.KeyPoorHouseholds, "Sơn Tây", 2018), "giảm nghèo Sơn Tây năm 2018", "giam ngheo son tay nam 2018")
	add(report(portalsim.KeyBudgetRevenue, "Phú Xuyên", 2020), "kinh tế xã hội Phú Xuyên năm 2020", "kinh te xa hoi phu xuyen nam 2020")
	add(report(portalsim.KeyPoorHouseholds, "Thường Tín", 2021), "hộ nghèo huyện Thường Tín năm 2021")
	add(report(portalsim.KeyPartyNewMembers, "Hai Bà Trưng", 2017), "công tác xây dựng Đảng Hai Bà Trưng năm 2017")
	// An article of the district whose title is on the topic answers; one
	// of the district that mentions it is on the topic.
	topic := func(district string, words ...string) func(j judged) int {
		return func(j judged) int {
			mentions := true
			for _, w := range words {
				mentions = mentions && strings.Contains(j.text, vietnamese.Folded(w))
			}
			return both(title(j, words...) && j.district == district, mentions && j.district == district)
		}
	}
	add(topic("Phú Xuyên", "Liên hiệp Phụ nữ", "Phúc Tiến"), "Đại hội Phụ nữ xã Phúc Tiến", "dai hoi phu nu xa phuc tien")
	add(topic("Thanh Trì", "lễ hội truyền thống", "Ngũ Hiệp"), "lễ hội truyền thống Ngũ Hiệp")
	add(topic("Sơn Tây", "tiêm chủng", "vắc-xin"), "tiêm chủng vắc-xin Sơn Tây", "tiem chung vac xin son tay")
	add(topic("Thanh Trì", "phòng", "chống", "sốt xuất huyết"), "phòng chống sốt xuất huyết Thanh Trì")
	add(topic("Thường Tín", "lập lại trật tự đô thị"), `"lập lại trật tự đô thị" Thường Tín`)
	add(topic("Thanh Trì", "di sản văn hóa"), "di sản văn hóa Thanh Trì", "di sản văn hoá Thanh Trì", "di san van hoa thanh tri")
	add(func(j judged) int { return both(title(j, "sức khỏe", "người cao tuổi"), false) },
		"khám sức khỏe người cao tuổi", "khám sức khoẻ người cao tuổi")
	add(func(j judged) int { return both(title(j, "cử tri", "Hữu Hòa"), title(j, "Hữu Hòa")) },
		"cử tri xã Hữu Hòa", "cử tri xã Hữu Hoà")
	add(func(j judged) int {
		return both(title(j, "Thanh niên tình nguyện", "2019"), title(j, "Thanh niên tình nguyện"))
	},
		`"thanh niên tình nguyện" hè 2019`)
	add(func(j judged) int { return both(title(j, "học sinh giỏi"), false) }, "tuyên dương học sinh giỏi")
	return qs
}

// NDCG returns the mean nDCG@10 of a search function over the relevance
// set, and each query's figure.
func NDCG(t testing.TB, run func(text string) ([]string, error)) (float64, map[string]float64) {
	t.Helper()
	per := map[string]float64{}
	sum := 0.0
	qs := RelevanceQueries()
	for _, q := range qs {
		ids, err := run(q.Text)
		if err != nil {
			t.Fatalf("query %q: %v", q.Text, err)
		}
		dcg := 0.0
		for i, id := range ids[:min(10, len(ids))] {
			dcg += (math.Pow(2, float64(q.Gains[id])) - 1) / math.Log2(float64(i+2))
		}
		var gains []int
		for _, g := range q.Gains {
			gains = append(gains, g)
		}
		slices.SortFunc(gains, func(a, b int) int { return b - a })
		idcg := 0.0
		for i, g := range gains[:min(10, len(gains))] {
			idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
		}
		per[q.Text] = dcg / idcg
		sum += dcg / idcg
	}
	return sum / float64(len(qs)), per
}

// StoreNDCG is NDCG for a search.Store loaded with RelevanceCorpus.
func StoreNDCG(t testing.TB, st search.Store) (float64, map[string]float64) {
	return NDCG(t, func(text string) ([]string, error) {
		res, err := st.Search(t.Context(), search.Query{Text: text, Size: 10})
		if err != nil {
			return nil, err
		}
		return hitIDs(res), nil
	})
}

func (s suite) testRelevance(t *testing.T) {
	st := s.newStore(t)
	upsertAll(t, st, RelevanceCorpus()...)
	if n := len(RelevanceQueries()); n < 30 {
		t.Fatalf("the relevance set has %d queries, want at least 30", n)
	}
	mean, per := StoreNDCG(t, st)
	t.Logf("nDCG@10 = %.3f over %d queries", mean, len(per))
	for q, v := range per {
		if v < 0.9 {
			t.Logf("  %.3f  %s", v, q)
		}
	}
	if mean < 0.9 {
		t.Errorf("nDCG@10 = %.3f, want at least 0.9", mean)
	}
}
