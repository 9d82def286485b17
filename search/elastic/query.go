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
)

// highlightFragments is the most highlights a hit carries.
const highlightFragments = 3

// buildQuery turns a search.Query into an Elasticsearch search body. User
// text only ever becomes the query string of match, match_phrase and
// multi_match queries or the value of term queries, never query_string
// syntax.
func buildQuery(q search.Query, p search.Parsed, size int) map[string]any {
	var must, should, filter []any

	titleFolded := fmt.Sprintf("%s^%g", fieldTitleFolded, boostTitle)
	titleExact := fmt.Sprintf("%s^%g", fieldTitleExact, boostTitle)
	folded := []string{titleFolded, fieldBodyFolded}
	exact := []string{titleExact, fieldBodyExact}

	for _, t := range p.Terms {
		must = append(must, multiMatch(vietnamese.Folded(t), folded, "best_fields", 1))
		should = append(should, multiMatch(vietnamese.Exact(t), exact, "best_fields", boostExactTerm))
	}
	for _, ph := range p.Phrases {
		must = append(must, multiMatch(vietnamese.Folded(ph), folded, "phrase", 1))
		should = append(should, multiMatch(vietnamese.Exact(ph), exact, "phrase", boostExactPhrase))
	}
	for _, code := range p.Codes {
		words := strings.Join(search.Words(vietnamese.Folded(code)), " ")
		must = append(must, map[string]any{"bool": map[string]any{
			"should": []any{
				term(fieldDocuments, vietnamese.Normalize(code), boostDocCode),
				term(fieldDocumentsFolded, vietnamese.Folded(code), boostDocCode),
				multiMatch(words, folded, "phrase", 1),
			},
			"minimum_should_match": 1,
		}})
		should = append(should, multiMatch(vietnamese.Exact(code), exact, "phrase", boostExactTerm))
	}
	// Several terms: reward them standing together, as typed.
	if len(p.Terms) > 1 {
		joined := strings.Join(p.Terms, " ")
		should = append(should,
			multiMatch(vietnamese.Exact(joined), exact, "phrase", boostExactPhrase),
			multiMatch(vietnamese.Folded(joined), folded, "phrase", boostFoldPhrase),
			multiMatch(vietnamese.Folded(joined),
				[]string{fieldTitleFolded + "." + subShingles + fmt.Sprintf("^%g", boostTitle), fieldBodyFolded + "." + subShingles},
				"most_fields", boostShingles),
		)
	}

	// Words typed that name the article's own place ("Thanh Trì") count:
	// otherwise "thanh" and "trì" match anywhere ("Thanh Mỹ", "duy trì").
	if len(p.Terms) > 0 {
		should = append(should, multiMatch(vietnamese.Folded(strings.Join(p.Terms, " ")), []string{fieldPlaceFolded}, "most_fields", boostPlace))
	}

	for _, f := range []struct{ field, value string }{
		{fieldSourceID, q.SourceID},
		{fieldDistrict, vietnamese.Normalize(q.District)},
		{fieldProvince, vietnamese.Normalize(q.Province)},
		{fieldCategory, vietnamese.Normalize(q.Category)},
		{fieldAuthors, vietnamese.Normalize(q.Author)},
		{fieldDocuments, vietnamese.Normalize(q.Document)},
	} {
		if f.value != "" {
			filter = append(filter, term(f.field, f.value, 0))
		}
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		r := map[string]any{}
		if !q.From.IsZero() {
			r["gte"] = esTime(q.From)
		}
		if !q.To.IsZero() {
			r["lte"] = esTime(q.To)
		}
		filter = append(filter, map[string]any{"range": map[string]any{fieldPublishedAt: r}})
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
	if len(filter) > 0 {
		boolQ["filter"] = filter
	}

	byDate := map[string]any{fieldPublishedAt: map[string]any{"order": "desc", "missing": "_last"}}
	byScore := map[string]any{"_score": map[string]any{"order": "desc"}}
	byID := map[string]any{fieldID: map[string]any{"order": "asc"}}
	sort := []any{byScore, byDate, byID}
	if q.Sort == search.SortDate {
		sort = []any{byDate, byScore, byID}
	}

	source := []string{
		fieldArticle + ".id", fieldArticle + ".url", fieldArticle + ".title", fieldArticle + ".source_id",
		fieldArticle + ".district", fieldArticle + ".province", fieldArticle + ".category",
		fieldArticle + ".authors", fieldArticle + ".published_at",
	}
	if len(p.Terms)+len(p.Phrases)+len(p.Codes) > 0 {
		source = append(source, fieldArticle+".body") // for highlights
	}
	body := map[string]any{
		"query":            map[string]any{"bool": boolQ},
		"sort":             sort,
		"track_scores":     true,
		"track_total_hits": true,
		"from":             q.Offset,
		"size":             size,
		"_source":          map[string]any{"includes": source},
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
	var after []json.RawMessage
	if q.After != "" {
		if err := search.DecodeCursor(q.After, search.CursorKey(q), &after); err != nil {
			return search.Result{}, err
		}
		if len(after) != 3 {
			return search.Result{}, fmt.Errorf("%w: invalid cursor", search.ErrBadQuery)
		}
	}
	for _, t := range []time.Time{q.From, q.To} {
		if !t.IsZero() && (t.UTC().Year() < 1 || t.UTC().Year() > 9999) {
			return search.Result{}, fmt.Errorf("%w: date %v out of range", search.ErrBadQuery, t)
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
	// One more hit than the page tells whether there is a next page.
	body := buildQuery(q, p, size+1)
	if after != nil {
		body["search_after"] = after
		delete(body, "from")
	}
	if _, err := s.do(ctx, http.MethodPost, "/"+s.alias+"/_search", nil, body, &res); err != nil {
		return search.Result{}, fmt.Errorf("elastic: search: %w", err)
	}
	out := search.Result{Total: res.Hits.Total.Value, Hits: make([]search.Hit, 0, len(res.Hits.Hits))}
	hits := res.Hits.Hits
	if len(hits) > size {
		hits = hits[:size]
		out.Next = search.EncodeCursor(search.CursorKey(q), hits[size-1].Sort)
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
		}
		hit.Highlights = search.Highlight(a.Body, p, highlightFragments)
		if len(hit.Highlights) == 0 {
			hit.Highlights = search.Highlight(a.Title, p, 1)
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}
