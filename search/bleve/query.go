package bleve

import (
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// Boosts. Recall is decided on the folded views alone; everything else only
// reorders what they found. The weights put an exact-view match (the words
// with the diacritics typed) above a folded-only one even when the folded
// match is in the title and the exact one only in the body; among matches of
// the same kind the title counts more, and adjacency (phrases, shingles) adds.
const (
	titleBoost  = 3.0 // a title match counts three times a body match
	exactBoost  = 4.0 // an exact-view term, on top of its folded match
	phraseBoost = 2.0 // the words typed, adjacent, in the exact view
	// maxBodyPhraseTerms bounds the queries whose words are also matched as
	// one exact phrase in the body. Longer queries of common words make that
	// phrase check read positions on nearly every candidate (the p95 cost);
	// their adjacency still counts through the body shingles.
	maxBodyPhraseTerms = 4
	codeBoost          = 2.0 // a document code in Documents
	shingleRate        = 1.0 // folded 2-3 word shingles of the words typed
	placeBoost         = 1.0 // query words naming the article's district or province
	namesBoost         = 1.0 // a word in the names (byline, authors, places, codes), as in the body
	// The scores below are constants, the same in both backends, large
	// enough to rank above any text score of either (Bleve's BM25 scores
	// here stay below 10, Elasticsearch's below 1000):
	//
	// allTermsScore is added to every article with all the words typed,
	// when some may be missing: it ranks them above any that lacks one.
	allTermsScore = search.AllTermsScore
	// nameScore is added once when the words typed stand together in the
	// names (a name that signs the article, "Hoàng Thị Thu Thủy", its unit,
	// its place) and once when two adjacent words typed do ("Thanh Trì" of
	// "phát triển đảng viên Thanh Trì"), or when an author: is the whole
	// name of one.
	nameScore = search.NameScore
)

// buildQuery turns a parsed text and the filters into a Bleve query. User
// input only ever becomes analysed match, phrase and term queries on named
// fields: never query-string syntax.
//
//   - required: the bare words, each on title_folded, body_folded or
//     names_folded, all of them or at least search.MinShouldMatch of them;
//     one clause per phrase (match_phrase on those fields), code (a keyword
//     on documents_folded or a phrase on the folded text), OR group (any of
//     its alternatives) and author: (a phrase on authors_folded).
//   - optional, for ranking: a constant allTermsScore when every word is
//     there (only when some may be missing); constant nameScores for the
//     words typed standing in the names (see nameScore). Refine clauses,
//     scored only on the top candidates (see Store.rescore; returned as
//     the sumQuery holding them, nil without any): each term on the
//     exact views; the terms as typed as an exact phrase (title, body) and
//     as a folded phrase in the title; body shingles of the terms
//     and of each phrase; quoted phrases on the exact views; codes as typed
//     on the documents keyword and the exact body.
//   - excluded: any exclusion as a phrase on the folded views.
//   - filter, not scored: keywords (the forgiving ones by search.FilterKey)
//     and the published_at range.
func buildQuery(p search.Parsed, q search.Query) (query.Query, *sumQuery, error) {
	// should: the constant scores that rank whole groups (names); refine:
	// the text scores that reorder the top candidates (see collect).
	var must, should, refine, mustNot []query.Query
	folded := func(f string) query.Query {
		return anyOf(phrase(fTitleFolded, f, titleBoost), phrase(fBodyFolded, f, 1), phrase(fNamesFolded, f, namesBoost))
	}
	var termClauses []query.Query
	for _, t := range p.DistinctTerms() {
		e, f := vietnamese.Views(t)
		termClauses = append(termClauses, anyOf(match(fTitleFolded, f, titleBoost), match(fBodyFolded, f, 1), match(fNamesFolded, f, namesBoost)))
		refine = append(refine, anyOf(match(fTitleExact, e, titleBoost*exactBoost), match(fBodyExact, e, exactBoost), match(fNamesExact, e, exactBoost)))
	}
	if n, k := len(termClauses), search.MinShouldMatch(len(termClauses)); k == n {
		must = append(must, termClauses...)
	} else {
		// At least k of the words, allTermsScore when all (see msmQuery).
		must = append(must, &msmQuery{clauses: termClauses, min: k, all: allTermsScore})
	}
	if len(p.Terms) > 0 {
		e, f := vietnamese.Views(strings.Join(p.Terms, " "))
		if len(p.Terms) > 1 {
			exactPhrase := phrase(fTitleExact, e, titleBoost*phraseBoost)
			if len(p.Terms) <= maxBodyPhraseTerms {
				exactPhrase = anyOf(exactPhrase, phrase(fBodyExact, e, phraseBoost))
			}
			refine = append(refine, exactPhrase, phrase(fTitleFolded, f, titleBoost), shingles(f))
			should = append(should, &constQuery{q: phrase(fNamesFolded, f, 1), score: nameScore})
			var pairs []query.Query
			for i := 1; i < len(p.Terms); i++ {
				pairs = append(pairs, phrase(fNamesFolded, vietnamese.Folded(p.Terms[i-1]+" "+p.Terms[i]), 1))
			}
			should = append(should, &constQuery{q: anyOf(pairs...), score: nameScore})
		}
		// Words typed that name the article's own place ("Thanh Trì")
		// count: otherwise "thanh" and "trì" match anywhere ("Thanh Mỹ",
		// "duy trì").
		m := query.NewMatchQuery(f)
		m.SetField(fPlaceFolded)
		m.SetOperator(query.MatchQueryOperatorOr)
		m.SetBoost(placeBoost)
		refine = append(refine, m)
	}
	for _, ph := range p.Phrases {
		e, f := vietnamese.Views(ph)
		must = append(must, folded(f))
		refine = append(refine, anyOf(phrase(fTitleExact, e, titleBoost*phraseBoost), phrase(fBodyExact, e, phraseBoost), phrase(fNamesExact, e, phraseBoost)))
		if len(search.Words(ph)) > 1 {
			refine = append(refine, shingles(f))
		}
	}
	code := func(c string) query.Query {
		f := vietnamese.Folded(c)
		return anyOf(term(fDocumentsFolded, f, codeBoost), phrase(fTitleFolded, f, titleBoost), phrase(fBodyFolded, f, 1))
	}
	for _, c := range p.Codes {
		must = append(must, code(c))
		refine = append(refine, term(fDocuments, vietnamese.Normalize(c), codeBoost), phrase(fBodyExact, vietnamese.Exact(c), exactBoost))
	}
	for _, group := range p.AnyOf {
		var alts []query.Query
		for _, alt := range group {
			if search.IsDocumentCode(alt) {
				alts = append(alts, code(alt))
				continue
			}
			e, f := vietnamese.Views(alt)
			alts = append(alts, folded(f))
			refine = append(refine, anyOf(phrase(fTitleExact, e, titleBoost*phraseBoost), phrase(fBodyExact, e, phraseBoost)))
		}
		must = append(must, anyOf(alts...))
	}
	for _, au := range p.Authors {
		must = append(must, phrase(fAuthorsFolded, vietnamese.Folded(au), 1))
		should = append(should, &constQuery{q: term(fAuthorsKey, search.FilterKey(au), 1), score: nameScore})
	}
	for _, x := range p.Exclude {
		mustNot = append(mustNot, folded(vietnamese.Folded(x)))
	}

	filters, err := filterQueries(p, q)
	if err != nil {
		return nil, nil, err
	}
	// Metric documents have none of the text fields the clauses in must
	// read: only a search without any needs the kind filter.
	if len(must) == 0 || layered {
		filters = append(filters, term(fKind, kindArticle, 1))
	}
	// Bleve scales a disjunction's score by the fraction of its clauses that
	// match (coord); Elasticsearch's bool query simply adds the optional
	// clauses up. sumQuery adds them up, as in Elasticsearch.
	var top query.Query
	switch {
	case len(must) == 0:
		top = query.NewMatchAllQuery()
	case len(must) == 1 && !layered:
		top = must[0]
	default:
		top = query.NewConjunctionQuery(must)
	}
	var sq *sumQuery
	if len(should)+len(refine) > 0 {
		sq = &sumQuery{must: top, should: should, refine: refine}
		top = sq
	}
	var out query.Query = top
	if sq != nil && len(mustNot) == 0 && len(filters) == 0 && !layered {
		// Nothing to exclude or filter: the sum is the whole query, without
		// Bleve's boolean and filtering layers (a wrapper per candidate);
		// it sets the query norm they would (see sumQuery.root).
		sq.root = true
	} else {
		bq := query.NewBooleanQuery([]query.Query{top}, nil, mustNot)
		if len(filters) > 0 {
			bq.AddFilter(query.NewConjunctionQuery(filters))
		}
		out = bq
	}
	if len(refine) == 0 {
		sq = nil
	}
	return out, sq, nil
}

func filterQueries(p search.Parsed, q search.Query) ([]query.Query, error) {
	fs := keywordFilters(map[string]string{fSourceID: q.SourceID, fDocuments: q.Document})
	for field, value := range map[string]string{fDistrictKey: q.District, fProvinceKey: q.Province,
		fCategoryKey: q.Category, fAuthorsKey: q.Author} {
		if value != "" {
			fs = append(fs, term(field, search.FilterKey(value), 1))
		}
	}
	if len(p.Districts) > 0 {
		var ds []query.Query
		for _, d := range p.Districts {
			ds = append(ds, term(fDistrictKey, search.FilterKey(d), 1))
		}
		fs = append(fs, anyOf(ds...))
	}
	from, to := search.Intersect(q.From, q.To, p.From, p.To)
	dq, err := dateFilter(from, to)
	if err != nil {
		return nil, err
	}
	if dq != nil {
		fs = append(fs, dq)
	}
	return fs, nil
}

// keywordFilters are exact matches of each non-empty value, normalised.
func keywordFilters(kv map[string]string) []query.Query {
	var fs []query.Query
	for field, value := range kv {
		if value != "" {
			fs = append(fs, term(field, vietnamese.Normalize(value), 1))
		}
	}
	return fs
}

// dateFilter bounds published_at inclusively; nil without bounds.
func dateFilter(from, to time.Time) (query.Query, error) {
	if from.IsZero() && to.IsZero() {
		return nil, nil
	}
	for _, t := range []struct {
		name string
		year int
		zero bool
	}{{"from", from.Year(), from.IsZero()}, {"to", to.Year(), to.IsZero()}} {
		if !t.zero && !datetimeCompatible(t.year) {
			return nil, fmt.Errorf("%w: %s date out of range", search.ErrBadQuery, t.name)
		}
	}
	inclusive := true
	dq := query.NewDateRangeInclusiveQuery(from, to, &inclusive, &inclusive)
	dq.SetField(fPublished)
	return dq, nil
}

func anyOf(qs ...query.Query) query.Query { return query.NewDisjunctionQuery(qs) }

// match is an analysed match of every token of text in field.
func match(field, text string, boost float64) query.Query {
	m := query.NewMatchQuery(text)
	m.SetField(field)
	m.SetOperator(query.MatchQueryOperatorAnd)
	m.SetBoost(boost)
	return m
}

// shingles matches any 2-3 word shingle of text in the body: the more of
// the typed words stand together in the body, the higher the score.
func shingles(text string) query.Query {
	m := query.NewMatchQuery(text)
	m.SetField(fBodyShingles)
	m.SetOperator(query.MatchQueryOperatorOr)
	m.SetBoost(shingleRate)
	return m
}

// phrase matches the words of text next to each other in field (see
// phraseQuery).
func phrase(field, text string, boost float64) query.Query {
	if blevePhrases {
		m := query.NewMatchPhraseQuery(text)
		m.SetField(field)
		m.SetBoost(boost)
		return m
	}
	return &phraseQuery{field: field, text: text, boost: boost}
}

// layered builds every query in Bleve's boolean query with the kind
// filter, as before the flat shape: benchmarks compare the two.
var layered = false

// blevePhrases makes phrase use Bleve's MatchPhraseQuery, which phraseQuery
// must match hit for hit and score for score; tests compare the two.
var blevePhrases = false

func term(field, value string, boost float64) query.Query {
	t := query.NewTermQuery(value)
	t.SetField(field)
	t.SetBoost(boost)
	return t
}
