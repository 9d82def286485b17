package elastic

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// Boosts. Matching is on the folded views (every term must match there);
// the boosts rank exact-view matches above folded-only ones, the title above
// the body, and adjacent words (phrase, shingles) above scattered ones.
const (
	boostTitle       = 2.0 // a field boost: title over body
	boostExactTerm   = 3.0 // a term as typed, with its diacritics: above a folded-only title match
	boostExactPhrase = 4.0 // the whole query text as typed, in order
	boostFoldPhrase  = 2.0 // the whole query, in order, diacritics ignored
	boostShingles    = 1.5 // two- and three-word runs of the query
	boostDocCode     = 3.0 // a document code in the article's code list
	boostPlace       = 1.0 // query words naming the article's district or province
	// Constants, as in the Bleve store (search/bleve/query.go):
	// allTermsScore for every word typed, when some may be missing;
	// nameScore for the words typed together in the names (byline,
	// authors, places, codes), for two adjacent words typed there, for an
	// author: that is an author's whole name.
	allTermsScore = search.AllTermsScore
	nameScore     = search.NameScore
)

// highlightFragments is the most highlights a hit carries.
const highlightFragments = 3

// buildQuery turns a search.Query into an Elasticsearch search body. User
// text only ever becomes the query string of match, match_phrase and
// multi_match queries or the value of term queries, never query_string
// syntax. The clauses are those of the Bleve store (search/bleve/query.go):
// the bare words on the folded title, body and names, all of them or at
// least search.MinShouldMatch, with a constant allTermsScore for all;
// phrases, codes, OR groups and author: required; exclusions in must_not;
// the forgiving filters on the search.FilterKey keywords.
func buildQuery(q search.Query, p search.Parsed, size int) map[string]any {
	// should: the constant scores that rank whole groups (names, all
	// words); refine: the text scores that reorder the top candidates (a
	// rescore of the first rescoreWindow by relevance, as the Bleve store
	// refines its candidates), scored with the query when sorted by date.
	var must, should, refine, mustNot, filter []any

	titleFolded := fmt.Sprintf("%s^%g", fieldTitleFolded, boostTitle)
	titleExact := fmt.Sprintf("%s^%g", fieldTitleExact, boostTitle)
	folded := []string{titleFolded, fieldBodyFolded, fieldNamesFolded}
	exact := []string{titleExact, fieldBodyExact, fieldNamesExact}

	var termClauses []any
	for _, t := range p.DistinctTerms() {
		termClauses = append(termClauses, multiMatch(vietnamese.Folded(t), folded, "best_fields", 1))
		refine = append(refine, multiMatch(vietnamese.Exact(t), exact, "best_fields", boostExactTerm))
	}
	if n, k := len(termClauses), search.MinShouldMatch(len(termClauses)); k == n {
		must = append(must, termClauses...)
	} else {
		must = append(must, map[string]any{"bool": map[string]any{"should": termClauses, "minimum_should_match": k}})
		should = append(should, constant(map[string]any{"bool": map[string]any{"must": termClauses}}, allTermsScore))
	}
	for _, ph := range p.Phrases {
		must = append(must, multiMatch(vietnamese.Folded(ph), folded, "phrase", 1))
		refine = append(refine, multiMatch(vietnamese.Exact(ph), exact, "phrase", boostExactPhrase))
	}
	code := func(code string) map[string]any {
		words := strings.Join(search.Words(vietnamese.Folded(code)), " ")
		return map[string]any{"bool": map[string]any{
			"should": []any{
				term(fieldDocuments, vietnamese.Normalize(code), boostDocCode),
				term(fieldDocumentsFolded, vietnamese.Folded(code), boostDocCode),
				multiMatch(words, []string{titleFolded, fieldBodyFolded}, "phrase", 1),
			},
			"minimum_should_match": 1,
		}}
	}
	for _, c := range p.Codes {
		must = append(must, code(c))
		refine = append(refine, multiMatch(vietnamese.Exact(c), exact[:2], "phrase", boostExactTerm))
	}
	for _, group := range p.AnyOf {
		var alts []any
		for _, alt := range group {
			if search.IsDocumentCode(alt) {
				alts = append(alts, code(alt))
				continue
			}
			alts = append(alts, multiMatch(vietnamese.Folded(alt), folded, "phrase", 1))
			refine = append(refine, multiMatch(vietnamese.Exact(alt), exact[:2], "phrase", boostExactPhrase))
		}
		must = append(must, map[string]any{"bool": map[string]any{"should": alts, "minimum_should_match": 1}})
	}
	for _, au := range p.Authors {
		must = append(must, map[string]any{"match_phrase": map[string]any{fieldAuthorsFolded: vietnamese.Folded(au)}})
		should = append(should, constant(term(fieldAuthorsKey, search.FilterKey(au), 0), nameScore))
	}
	for _, x := range p.Exclude {
		mustNot = append(mustNot, multiMatch(vietnamese.Folded(x), folded, "phrase", 1))
	}
	// Several terms: reward them standing together, as typed.
	if len(p.Terms) > 1 {
		joined := strings.Join(p.Terms, " ")
		refine = append(refine,
			multiMatch(vietnamese.Exact(joined), exact[:2], "phrase", boostExactPhrase),
			multiMatch(vietnamese.Folded(joined), folded[:2], "phrase", boostFoldPhrase),
			multiMatch(vietnamese.Folded(joined),
				[]string{fieldTitleFolded + "." + subShingles + fmt.Sprintf("^%g", boostTitle), fieldBodyFolded + "." + subShingles},
				"most_fields", boostShingles),
		)
		should = append(should, constant(matchPhrase(fieldNamesFolded, vietnamese.Folded(joined)), nameScore))
		var pairs []any
		for i := 1; i < len(p.Terms); i++ {
			pairs = append(pairs, matchPhrase(fieldNamesFolded, vietnamese.Folded(p.Terms[i-1]+" "+p.Terms[i])))
		}
		should = append(should, constant(map[string]any{"bool": map[string]any{"should": pairs, "minimum_should_match": 1}}, nameScore))
	}

	// Words typed that name the article's own place ("Thanh Trì") count:
	// otherwise "thanh" and "trì" match anywhere ("Thanh Mỹ", "duy trì").
	if len(p.Terms) > 0 {
		refine = append(refine, multiMatch(vietnamese.Folded(strings.Join(p.Terms, " ")), []string{fieldPlaceFolded}, "most_fields", boostPlace))
	}

	for _, f := range []struct{ field, value string }{
		{fieldSourceID, q.SourceID},
		{fieldDocuments, vietnamese.Normalize(q.Document)},
		{fieldDistrictKey, search.FilterKey(q.District)},
		{fieldProvinceKey, search.FilterKey(q.Province)},
		{fieldCategoryKey, search.FilterKey(q.Category)},
		{fieldAuthorsKey, search.FilterKey(q.Author)},
	} {
		if f.value != "" {
			filter = append(filter, term(f.field, f.value, 0))
		}
	}
	if len(p.Districts) > 0 {
		var keys []string
		for _, d := range p.Districts {
			keys = append(keys, search.FilterKey(d))
		}
		filter = append(filter, map[string]any{"terms": map[string]any{fieldDistrictKey: keys}})
	}
	from, to := search.Intersect(q.From, q.To, p.From, p.To)
	if !from.IsZero() || !to.IsZero() {
		r := map[string]any{}
		if !from.IsZero() {
			r["gte"] = esTime(from)
		}
		if !to.IsZero() {
			r["lte"] = esTime(to)
		}
		filter = append(filter, map[string]any{"range": map[string]any{fieldPublishedAt: r}})
	}

	// By relevance, the refine clauses rescore the top candidates; by
	// date, or with none, they are scored with the query.
	rescored := q.Sort != search.SortDate && len(refine) > 0
	if !rescored {
		should = append(should, refine...)
	}
	boolQ := map[string]any{}
	if len(must) > 0 {
		boolQ["must"] = must
	} else {
		boolQ["must"] = map[string]any{"match_all": map[string]any{}}
	}
	if len(should) > 0 {
		boolQ["should"] = should
	}
	if len(mustNot) > 0 {
		boolQ["must_not"] = mustNot
	}
	if len(filter) > 0 {
		boolQ["filter"] = filter
	}

	byDate := map[string]any{fieldPublishedAt: map[string]any{"order": "desc", "missing": "_last"}}
	byScore := map[string]any{"_score": map[string]any{"order": "desc"}}
	byID := map[string]any{fieldID: map[string]any{"order": "asc"}}
	// The score is a sort key, so it is computed and returned among the
	// sort values (track_scores would score again: a third of the time).
	sort := []any{byScore, byDate, byID}
	var rescore map[string]any
	switch {
	case q.Sort == search.SortDate:
		sort = []any{byDate, byScore, byID}
	case rescored:
		// Elasticsearch rescores only under a sort by score alone; ties
		// keep the index's order, and pages go by offset (see Search).
		sort = []any{byScore}
		rescore = map[string]any{"window_size": rescoreWindow, "query": map[string]any{
			"rescore_query": map[string]any{"bool": map[string]any{"should": refine}},
			"query_weight":  1, "rescore_query_weight": 1, "score_mode": "total",
		}}
	}

	source := []string{
		fieldArticle + ".id", fieldArticle + ".url", fieldArticle + ".title", fieldArticle + ".source_id",
		fieldArticle + ".district", fieldArticle + ".province", fieldArticle + ".category",
		fieldArticle + ".authors", fieldArticle + ".published_at",
	}
	if p.HasText() {
		source = append(source, fieldArticle+".body", fieldArticle+".byline") // for highlights
	}
	body := map[string]any{
		"query":            map[string]any{"bool": boolQ},
		"sort":             sort,
		"track_total_hits": true,
		"from":             q.Offset,
		"size":             size,
		"_source":          map[string]any{"includes": source},
	}
	if rescore != nil {
		body["rescore"] = rescore
	}
	if len(q.Facets) > 0 {
		aggs := map[string]any{}
		for _, name := range q.Facets {
			switch name {
			case search.FacetYear:
				aggs[name] = map[string]any{"date_histogram": map[string]any{
					"field": fieldPublishedAt, "calendar_interval": "year", "time_zone": timeZone,
					"format": "yyyy", "min_doc_count": 1,
				}}
			default:
				field := map[string]string{search.FacetDistrict: fieldDistrict, search.FacetCategory: fieldCategory,
					search.FacetAuthor: fieldAuthors}[name]
				aggs[name] = map[string]any{"terms": map[string]any{"field": field, "size": 1000}}
			}
		}
		body["aggs"] = aggs
	}
	return body
}

// scoreAt is where the score is among a hit's sort values (see buildQuery).
func scoreAt(q search.Query, byOffset bool) int {
	if q.Sort == search.SortDate && !byOffset {
		return 1
	}
	return 0
}

// rescoreWindow is how many of the top candidates by relevance the
// refine clauses reorder, as the Bleve store's refineWindow.
const rescoreWindow = 100

// timeZone is the zone of date buckets: vietnamese.TimeZone.
const timeZone = "Asia/Ho_Chi_Minh"

// multiMatch queries fields for text. Types other than "phrase" require
// every word (a term's folded form can still be several tokens), except
// most_fields, used for shingles, where any shared run of words counts.
func multiMatch(text string, fields []string, typ string, boost float64) map[string]any {
	m := map[string]any{"query": text, "fields": fields, "type": typ}
	if typ == "best_fields" {
		m["operator"] = "and"
	}
	if boost != 0 && boost != 1 {
		m["boost"] = boost
	}
	return map[string]any{"multi_match": m}
}

// constant scores what filter matches with score.
func constant(filter map[string]any, score float64) map[string]any {
	return map[string]any{"constant_score": map[string]any{"filter": filter, "boost": score}}
}

func matchPhrase(field, text string) map[string]any {
	return map[string]any{"match_phrase": map[string]any{field: text}}
}

func term(field, value string, boost float64) map[string]any {
	t := map[string]any{"value": value}
	if boost != 0 && boost != 1 {
		t["boost"] = boost
	}
	return map[string]any{"term": map[string]any{field: t}}
}

// Search runs a query as search.Query describes.
func (s *Store) Search(ctx context.Context, q search.Query) (search.Result, error) {
	p, err := search.ParseText(q.Text)
	if err != nil {
		return search.Result{}, err
	}
	size, err := q.Check()
	if err != nil {
		return search.Result{}, err
	}
	for _, t := range []time.Time{q.From, q.To} {
		if !t.IsZero() && (t.UTC().Year() < 1 || t.UTC().Year() > 9999) {
			return search.Result{}, fmt.Errorf("%w: date %v out of range", search.ErrBadQuery, t)
		}
	}
	// One more hit than the page tells whether there is a next page.
	body := buildQuery(q, p, size+1)
	// A rescored order (text typed, by relevance) pages by offset, as the
	// Bleve store does: Elasticsearch cannot resume after a hit of it. The
	// others resume after the last hit's sort values (search_after), past
	// any window.
	_, byOffset := body["rescore"]
	offset := q.Offset
	if q.After != "" {
		if byOffset {
			if offset, err = search.DecodeOffsetCursor(q.After, search.CursorKey(q)); err != nil {
				return search.Result{}, err
			}
			if offset+size > search.MaxWindow {
				return search.Result{}, fmt.Errorf("%w: pages by relevance end at %d hits; sort by date to go further", search.ErrBadQuery, search.MaxWindow)
			}
			body["from"] = offset
		} else {
			var after []json.RawMessage
			if err := search.DecodeCursor(q.After, search.CursorKey(q), &after); err != nil {
				return search.Result{}, err
			}
			if len(after) != 3 {
				return search.Result{}, fmt.Errorf("%w: invalid cursor", search.ErrBadQuery)
			}
			body["search_after"] = after
			delete(body, "from")
		}
	}

	var res struct {
		Hits struct {
			Total struct {
				Value int `json:"value"`
			} `json:"total"`
			Hits []struct {
				ID     string            `json:"_id"`
				Score  *float64          `json:"_score"`
				Sort   []json.RawMessage `json:"sort"`
				Source struct {
					Article struct {
						ID          string     `json:"id"`
						URL         string     `json:"url"`
						Title       string     `json:"title"`
						Body        string     `json:"body"`
						Byline      string     `json:"byline"`
						SourceID    string     `json:"source_id"`
						District    string     `json:"district"`
						Province    string     `json:"province"`
						Category    string     `json:"category"`
						Authors     []string   `json:"authors"`
						PublishedAt *time.Time `json:"published_at"`
					} `json:"article"`
				} `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
		Aggregations map[string]struct {
			Buckets []struct {
				Key         any    `json:"key"`
				KeyAsString string `json:"key_as_string"`
				DocCount    int    `json:"doc_count"`
			} `json:"buckets"`
		} `json:"aggregations"`
	}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.alias+"/_search", nil, body, &res); err != nil {
		return search.Result{}, fmt.Errorf("elastic: search: %w", err)
	}
	out := search.Result{Total: res.Hits.Total.Value, Hits: make([]search.Hit, 0, len(res.Hits.Hits))}
	hits := res.Hits.Hits
	if len(hits) > size {
		hits = hits[:size]
		if byOffset {
			if next := offset + size; next < search.MaxWindow {
				out.Next = search.EncodeOffsetCursor(search.CursorKey(q), next)
			}
		} else {
			out.Next = search.EncodeCursor(search.CursorKey(q), hits[size-1].Sort)
		}
	}
	if len(q.Facets) > 0 {
		out.Facets = map[string][]search.FacetCount{}
		for _, name := range q.Facets {
			var fc []search.FacetCount
			for _, b := range res.Aggregations[name].Buckets {
				v := b.KeyAsString
				if v == "" {
					v = fmt.Sprint(b.Key)
				}
				fc = append(fc, search.FacetCount{Value: v, Count: b.DocCount})
			}
			out.Facets[name] = search.SortFacet(name, fc)
		}
	}
	for _, h := range hits {
		a := h.Source.Article
		hit := search.Hit{
			ID: h.ID, URL: a.URL, Title: a.Title, SourceID: a.SourceID,
			District: a.District, Province: a.Province, Category: a.Category,
			Authors: a.Authors, PublishedAt: a.PublishedAt,
		}
		if h.Score != nil {
			hit.Score = *h.Score
		} else if k := scoreAt(q, byOffset); k < len(h.Sort) {
			// Scored as a sort key: the score is among the sort values.
			_ = json.Unmarshal(h.Sort[k], &hit.Score)
		}
		hit.Highlights = search.HitHighlights(a.Title, a.Body, a.Byline, p, highlightFragments)
		out.Hits = append(out.Hits, hit)
	}
	if out.Total == 0 {
		if typed := search.FilterValues(q, p); len(typed) > 0 {
			known, err := s.values(ctx, typed)
			if err != nil {
				return search.Result{}, fmt.Errorf("elastic: search: suggestions: %w", err)
			}
			out.Suggestions = search.Suggestions(typed, known)
		}
	}
	return out, nil
}

// filterFields are the keyword fields holding the values of the filters
// that suggestions are given for.
var filterFields = map[string]string{search.FilterDistrict: fieldDistrict, search.FilterProvince: fieldProvince,
	search.FilterCategory: fieldCategory, search.FilterAuthor: fieldAuthors}

// suggestionValues is the most values of a field suggestions choose from
// (the most frequent), as in the Bleve store.
const suggestionValues = 1000

// values returns the values the articles have for each named filter, for
// suggestions.
func (s *Store) values(ctx context.Context, filters map[string][]string) (map[string][]string, error) {
	aggs := map[string]any{}
	for name := range filters {
		aggs[name] = map[string]any{"terms": map[string]any{"field": filterFields[name], "size": suggestionValues}}
	}
	var res struct {
		Aggregations map[string]struct {
			Buckets []struct {
				Key string `json:"key"`
			} `json:"buckets"`
		} `json:"aggregations"`
	}
	body := map[string]any{"size": 0, "track_total_hits": false, "aggs": aggs}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.alias+"/_search", nil, body, &res); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for name := range filters {
		for _, b := range res.Aggregations[name].Buckets {
			out[name] = append(out[name], b.Key)
		}
	}
	return out, nil
}
