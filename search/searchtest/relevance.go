package searchtest

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

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
	authors                       []string // folded names that sign it
	unit                          string   // folded unit of the byline's author, if it names one
	typedAuthor                   string   // the first author as written
	words                         string   // the words of text, space-separated, with a space at each end
	year                          int      // publish year in Asia/Ho_Chi_Minh, 0 undated
}

// RelevanceQuery is one query of the relevance set with its judged
// articles: gain 2 for an article that answers it, 1 for one on its topic.
// A query with no judged article (nothing relevant in the corpus) scores 1
// when it returns nothing, else 0.
type RelevanceQuery struct {
	Text string
	// Filter holds the query's filters (District, Province, Category,
	// Author), typed as a researcher would: without diacritics, any case.
	Filter search.Query
	Gains  map[string]int
}

// Query is the search the store runs for q.
func (q RelevanceQuery) Query() search.Query {
	sq := q.Filter
	sq.Text = q.Text
	return sq
}

// String names q in logs.
func (q RelevanceQuery) String() string {
	s := q.Text
	for _, f := range []struct{ name, v string }{{"district", q.Filter.District}, {"province", q.Filter.Province},
		{"category", q.Filter.Category}, {"author", q.Filter.Author}} {
		if f.v != "" {
			s += fmt.Sprintf(" [--%s %q]", f.name, f.v)
		}
	}
	return s
}

// RelevanceCorpus is the corpus of the relevance set: 80 articles of every
// simulated district (reports and news) and the fixtures, seed included.
func RelevanceCorpus() []search.Article {
	docs := Fixtures()
	for _, d := range portalsim.Districts() {
		p, err := portalsim.New(portalsim.Config{Seed: 7, District: d.Slug, Articles: 80})
		if err != nil {
			panic(err)
		}
		for _, pa := range p.Articles() {
			if pa.Seed {
				continue
			}
			docs = append(docs, truthArticle(d, pa, relID(d.Slug, pa.Path)))
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
		j := judged{id: a.ID, district: a.District, category: a.Category, title: a.Title,
			text: vietnamese.Folded(a.Title + "\n" + a.Body), seed: a.ID == SeedID}
		for _, au := range a.Authors {
			j.authors = append(j.authors, vietnamese.Folded(au))
		}
		if a.PublishedAt != nil {
			j.year = a.PublishedAt.In(vietnamese.TimeZone).Year()
		}
		if j.seed {
			_, unit, _ := strings.Cut(a.Byline, " - ")
			j.unit = vietnamese.Folded(unit)
		}
		out = append(out, j)
	}
	for _, d := range portalsim.Districts() {
		p, _ := portalsim.New(portalsim.Config{Seed: 7, District: d.Slug, Articles: 80})
		for _, pa := range p.Articles() {
			if pa.Seed {
				continue
			}
			j := judged{id: relID(d.Slug, pa.Path), district: d.Name, category: pa.Category, title: pa.Title,
				text: vietnamese.Folded(pa.Title + "\n" + strings.Join(pa.Paragraphs, "\n")), keys: map[string]int{},
				unit: vietnamese.Folded(pa.AuthorUnit), typedAuthor: pa.Author}
			for _, au := range pa.Authors {
				j.authors = append(j.authors, vietnamese.Folded(au))
			}
			if pa.HasDate {
				j.year = pa.PublishedAt.In(vietnamese.TimeZone).Year()
			}
			for _, m := range pa.Metrics {
				j.keys[m.Key] = m.Year
			}
			out = append(out, j)
		}
		_ = p.Close()
	}
	for i := range out {
		out[i].words = " " + strings.Join(search.Words(out[i].text), " ") + " "
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

	// What researchers type beyond topics (issue 13): names, units, codes,
	// filters without diacritics, the query syntax, a word the article
	// lacks, and queries nothing answers. Judged from the simulator's
	// truth (authors, units, districts, figures, publish years) and the
	// articles' text, never from a search engine.
	addQ := func(filter search.Query, gain func(j judged) int, texts ...string) {
		n := len(qs)
		add(gain, texts...)
		for i := n; i < len(qs); i++ {
			qs[i].Filter = filter
		}
	}
	none := func(filter search.Query, texts ...string) {
		for _, t := range texts {
			qs = append(qs, RelevanceQuery{Text: t, Filter: filter, Gains: map[string]int{}})
		}
	}
	has := func(j judged, phrase string) bool {
		return strings.Contains(j.words, " "+strings.Join(search.Words(phrase), " ")+" ")
	}
	signs := func(name string) func(j judged) int {
		f := vietnamese.Folded(name)
		return func(j judged) int { return both(slices.Contains(j.authors, f), has(j, f)) }
	}
	// Names that sign articles: the seed's author (as typed, without
	// diacritics, in the other tone placement), a full name of each
	// district's first article signed by one, and pen names.
	add(signs("Hoàng Thị Thu Thủy"), "Hoàng Thị Thu Thủy", "hoang thi thu thuy", "Hoàng Thị Thu Thuỷ")
	for i, d := range portalsim.Districts() {
		var name string
		for _, j := range corpus {
			if j.district == d.Name && !j.seed && len(j.authors) == 1 && len(strings.Fields(j.authors[0])) == 3 && j.unit == "" {
				name = j.authors[0]
				break
			}
		}
		var typed string
		for _, j := range corpus { // the name as written, from the truth
			if j.district == d.Name && len(j.authors) == 1 && j.authors[0] == name {
				typed = j.typedAuthor
				break
			}
		}
		switch i % 3 {
		case 1:
			typed = name // without diacritics
		case 2:
			typed = strings.ToUpper(typed)
		}
		add(signs(name), typed)
	}
	add(signs("Thanh Khánh"), "Thanh Khánh")
	add(signs("Minh Anh"), "minh anh")
	// Units that sign articles.
	unit := func(u, district string) func(j judged) int {
		f := vietnamese.Folded(u)
		return func(j judged) int {
			return both(j.unit == f, j.district == district && strings.Contains(j.unit, "tuyen giao") && strings.Contains(f, "tuyen giao"))
		}
	}
	add(unit("Tuyên giáo Thanh Trì", "Thanh Trì"), "Tuyên giáo Thanh Trì")
	add(unit("Ban Tuyên giáo Thị ủy Sơn Tây", "Sơn Tây"), "ban tuyen giao thi uy son tay")
	add(unit("Trung tâm TT-VH-TT thị xã Sơn Tây", "Sơn Tây"), "Trung tâm TT-VH-TT thị xã Sơn Tây")

	// Filters typed without diacritics, in any case.
	inKey := func(key, district string) func(j judged) int {
		return func(j judged) int { _, ok := j.keys[key]; return both(ok && j.district == district, false) }
	}
	poorST := func(j judged) int {
		return both(j.district == "Sơn Tây" && title(j, "nghèo"), j.district == "Sơn Tây" && has(j, "giam ngheo"))
	}
	addQ(search.Query{District: "son tay"}, poorST, "giảm nghèo")
	addQ(search.Query{}, poorST, `district:"son tay" giảm nghèo`)
	addQ(search.Query{District: "THANH TRI"}, func(j judged) int {
		_, ok := j.keys[portalsim.KeyPartyNewMembers]
		return both(j.district == "Thanh Trì" && ok, j.district == "Thanh Trì" && has(j, "ket nap"))
	}, "kết nạp đảng viên")
	addQ(search.Query{District: "thuong tin", Category: "van hoa xa hoi"}, func(j judged) int {
		in := j.district == "Thường Tín" && vietnamese.Folded(j.category) == "van hoa - xa hoi"
		return both(in && title(j, "lễ hội truyền thống"), in && has(j, "le hoi truyen thong"))
	}, "lễ hội truyền thống")
	addQ(search.Query{Author: "hoang thi thu thuy"}, signs("Hoàng Thị Thu Thủy"), "")
	addQ(search.Query{District: "phu xuyen", Province: "ha noi"}, func(j judged) int {
		return both(inKey(portalsim.KeyBudgetRevenue, "Phú Xuyên")(j) > 0, j.district == "Phú Xuyên" && has(j, "thu ngan sach"))
	}, "thu ngân sách")
	addQ(search.Query{District: "Hai Ba Trung"}, func(j judged) int {
		return both(inKey(portalsim.KeyPoorHouseholds, "Hai Bà Trưng")(j) > 0, j.district == "Hai Bà Trưng" && has(j, "ho ngheo"))
	}, "hộ nghèo")
	addQ(search.Query{District: "son tay", Category: "dang - doan the"}, func(j judged) int {
		in := j.district == "Sơn Tây" && vietnamese.Folded(j.category) == "dang, doan the"
		_, ok := j.keys[portalsim.KeyPartyNewMembers]
		return both(in && ok, in && has(j, "dang vien"))
	}, "phát triển đảng viên")

	// The query syntax: author:, district:, year:, code:, OR, exclusions.
	add(signs("Thu Hà"), `author:"Thu Hà"`)
	add(func(j judged) int {
		return both(j.district == "Sơn Tây" && title(j, "lễ hội truyền thống") && !has(j, "duong lam"), false)
	}, `district:"son tay" "lễ hội truyền thống" -"Đường Lâm"`)
	add(func(j judged) int {
		tt := j.district == "Thanh Trì"
		return both(tt && (title(j, "tiêm chủng") || title(j, "sốt xuất huyết")), tt && (has(j, "tiem chung") || has(j, "sot xuat huyet")))
	}, `"tiêm chủng" OR "sốt xuất huyết" district:"thanh tri"`)
	add(func(j judged) int {
		_, ok := j.keys[portalsim.KeyPartyNewMembers]
		in := j.district == "Thanh Trì" && j.year == 2020
		return both(in && ok, in && has(j, "dang vien"))
	}, `phát triển đảng viên year:2020 district:"thanh tri"`)
	add(func(j judged) int { return both(strings.Contains(j.text, "09-da/hu"), false) }, "code:09-ĐA/HU")
	add(func(j judged) int {
		_, ok := j.keys[portalsim.KeyPoorHouseholds]
		in := j.district == "Phú Xuyên" && j.year >= 2016 && j.year <= 2018
		return both(in && ok, in && has(j, "ho ngheo"))
	}, `hộ nghèo year:2016-2018 district:"phu xuyen"`)
	add(func(j judged) int {
		return both(j.district == "Thanh Trì" && title(j, "cử tri") && !has(j, "huu hoa"), false)
	}, `cử tri -"Hữu Hòa" district:"thanh tri"`, `cu tri NOT "huu hoa" district:"Thanh Trì"`)

	// One word the answer lacks: articles with most of the words come back.
	partial := func(gain func(j judged) int, text string) {
		words := search.Words(vietnamese.Folded(text))
		for _, j := range corpus {
			if gain(j) < 2 {
				continue
			}
			missing := 0
			for _, w := range words {
				if !has(j, w) {
					missing++
				}
			}
			if missing == 0 || missing > len(words)/3 {
				panic(fmt.Sprintf("searchtest: %q lacks %d of its words in %s, want 1 to %d", text, missing, j.id, len(words)/3))
			}
		}
		add(gain, text)
	}
	partial(report(portalsim.KeyPoorHouseholds, "Sơn Tây", 2018), "giảm nghèo Sơn Tây năm 2018 nhanh")
	partial(report(portalsim.KeyPartyNewMembers, "Thanh Trì", 2019), "phát triển đảng viên Thanh Trì năm 2019 mạnh")
	partial(topic("Sơn Tây", "tiêm chủng", "vắc-xin"), "tiêm chủng vắc-xin Sơn Tây bệnh dại")
	partial(topic("Thanh Trì", "lễ hội truyền thống", "Ngũ Hiệp"), "lễ hội truyền thống Ngũ Hiệp đặc sắc")
	partial(topic("Phú Xuyên", "Liên hiệp Phụ nữ", "Phúc Tiến"), "đại hội phụ nữ xã Phúc Tiến khóa mới")

	// Phrases and codes.
	add(func(j judged) int {
		return both(title(j, "cử tri", "Đường Lâm"), has(j, "tiep xuc cu tri") && has(j, "duong lam"))
	}, `"tiếp xúc cử tri" Đường Lâm`)
	add(func(j judged) int {
		_, ok := j.keys[portalsim.KeyPartyNewMembers]
		return both(j.district == "Hai Bà Trưng" && ok, j.district == "Hai Bà Trưng" && has(j, "ket nap"))
	}, `"kết nạp" đảng viên Hai Bà Trưng`)
	add(func(j judged) int { return both(strings.Contains(j.text, "30/2020/nd-cp"), false) }, "30/2020/NĐ-CP")
	add(func(j judged) int { return both(strings.Contains(j.text, "123/qd-ubnd"), false) }, "123/QĐ-UBND", "quyết định 123/qd-ubnd")
	add(func(j judged) int { return both(strings.Contains(j.text, "01-ctr/tu"), false) }, "01-CTr/TU")

	// Nothing answers these: the best answer is none.
	none(search.Query{}, "09-NQ/HU", `"khéo dân vận"`, "xyzzy qwerty", `author:"Nguyễn Văn Zzz"`, `district:"Ba Đình" giảm nghèo`)
	none(search.Query{District: "ba dinh"}, "hộ nghèo")
	return qs
}

// NDCG returns the mean nDCG@10 of a search function over the relevance
// set, and each query's figure (by RelevanceQuery.String). A query nothing
// answers scores 1 when it returns nothing, else 0.
func NDCG(t testing.TB, run func(q RelevanceQuery) ([]string, error)) (float64, map[string]float64) {
	t.Helper()
	per := map[string]float64{}
	sum := 0.0
	qs := RelevanceQueries()
	for _, q := range qs {
		ids, err := run(q)
		if err != nil {
			t.Fatalf("query %s: %v", q, err)
		}
		v := 0.0
		if len(q.Gains) == 0 {
			if len(ids) == 0 {
				v = 1
			}
		} else {
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
			v = dcg / idcg
		}
		per[q.String()] = v
		sum += v
	}
	return sum / float64(len(qs)), per
}

// StoreNDCG is NDCG for a search.Store loaded with RelevanceCorpus.
func StoreNDCG(t testing.TB, st search.Store) (float64, map[string]float64) {
	return NDCG(t, func(q RelevanceQuery) ([]string, error) {
		sq := q.Query()
		sq.Size = 10
		res, err := st.Search(t.Context(), sq)
		if err != nil {
			return nil, err
		}
		return hitIDs(res), nil
	})
}

// Relevance targets: nDCG@10 over the relevance set, and how far above the
// standard-analyzer baseline measured in the same run.
const (
	MinNDCG           = 0.95
	MinOverBaseline   = 0.05
	MinRelevanceQuery = 60
)

// CheckRelevance logs the store's and the baseline's nDCG@10 and the
// store's weakest queries, and fails t unless the store reaches MinNDCG
// and the baseline plus MinOverBaseline. Both backends' relevance tests
// call it with the figures of one run.
func CheckRelevance(t testing.TB, backend string, got float64, per map[string]float64, baseline float64) {
	t.Helper()
	n := len(RelevanceQueries())
	t.Logf("nDCG@10 over %d queries: %s store %.3f, standard-analyzer baseline %.3f", n, backend, got, baseline)
	keys := slices.Sorted(maps.Keys(per))
	for _, q := range keys {
		if per[q] < 0.9 {
			t.Logf("  %.3f  %s", per[q], q)
		}
	}
	if n < MinRelevanceQuery {
		t.Errorf("the relevance set has %d queries, want at least %d", n, MinRelevanceQuery)
	}
	if got < MinNDCG {
		t.Errorf("nDCG@10 = %.3f, want at least %.2f", got, MinNDCG)
	}
	if got < baseline+MinOverBaseline {
		t.Errorf("nDCG@10 = %.3f, want at least %.2f above the baseline's %.3f", got, MinOverBaseline, baseline)
	}
}

func (s suite) testRelevance(t *testing.T) {
	st := s.newStore(t)
	upsertAll(t, st, RelevanceCorpus()...)
	mean, per := StoreNDCG(t, st)
	t.Logf("nDCG@10 = %.3f over %d queries", mean, len(per))
	for q, v := range per {
		if v < 0.9 {
			t.Logf("  %.3f  %s", v, q)
		}
	}
	if n := len(RelevanceQueries()); n < MinRelevanceQuery {
		t.Errorf("the relevance set has %d queries, want at least %d", n, MinRelevanceQuery)
	}
	if mean < MinNDCG {
		t.Errorf("nDCG@10 = %.3f, want at least %.2f", mean, MinNDCG)
	}
}
