package elastic

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/search"
)

// TestUserTextNeverBecomesQuerySyntax checks that query text, however much
// it looks like Lucene syntax, only reaches Elasticsearch as the text of
// match queries and the value of term queries.
func TestUserTextNeverBecomesQuerySyntax(t *testing.T) {
	text := `title :năng AND lực* OR (lãnh~2) "đạo -x" 09-ĐA/HU \ {"query_string":1} -(y)`
	p, err := search.ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(buildQuery(search.Query{Text: text, District: `Thanh Trì" OR *`}, p, 10))
	if err != nil {
		t.Fatal(err)
	}
	var q any
	if err := json.Unmarshal(body, &q); err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"bool": true, "must": true, "should": true, "filter": true, "minimum_should_match": true,
		"multi_match": true, "term": true, "range": true, "match_all": true, "must_not": true, "constant_score": true,
		"boost": true, "terms": true, "match_phrase": true}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				switch k {
				case "multi_match", "term", "range", "terms", "match_phrase":
					// Leaves: their content is text, field names and values.
					if !allowed[k] {
						t.Errorf("%s: query type %q", path, k)
					}
					continue
				}
				if !allowed[k] {
					t.Errorf("%s: unexpected query key %q", path, k)
				}
				walk(path+"."+k, child)
			}
		case []any:
			for _, child := range v {
				walk(path, child)
			}
		}
	}
	walk("query", q.(map[string]any)["query"])
	if !strings.Contains(string(body), `"query":"title"`) {
		t.Errorf("the word %q is not a match text: %s", "title", body)
	}
}

func TestQueryShape(t *testing.T) {
	p, err := search.ParseText(`năng lực "dân vận khéo" 09-ĐA/HU`)
	if err != nil {
		t.Fatal(err)
	}
	q := buildQuery(search.Query{Sort: search.SortDate, Offset: 20}, p, 5)
	if q["from"] != 20 || q["size"] != 5 {
		t.Errorf("from, size = %v, %v; want 20, 5", q["from"], q["size"])
	}
	b := q["query"].(map[string]any)["bool"].(map[string]any)
	if got, want := len(b["must"].([]any)), 4; got != want { // 2 terms, 1 phrase, 1 code
		t.Errorf("%d must clauses, want %d", got, want)
	}
	sort, _ := json.Marshal(q["sort"])
	if !strings.HasPrefix(string(sort), `[{"published_at"`) {
		t.Errorf("date sort = %s, want published_at first", sort)
	}
	// The phrase as typed, with its diacritics, is a refine clause: scored
	// with the query when sorted by date, in the rescore by relevance.
	typed := `"dân vận khéo"`
	inQuery, _ := json.Marshal(q["query"])
	if !strings.Contains(string(inQuery), typed) || q["rescore"] != nil {
		t.Errorf("by date, the query lacks the phrase as typed or has a rescore: %s", inQuery)
	}
	r := buildQuery(search.Query{}, p, 5)
	inQuery, _ = json.Marshal(r["query"])
	rescore, _ := json.Marshal(r["rescore"])
	if strings.Contains(string(inQuery), typed) || !strings.Contains(string(rescore), typed) {
		t.Errorf("by relevance, the phrase as typed is not in the rescore alone:\nquery %s\nrescore %s", inQuery, rescore)
	}
	if sort, _ := json.Marshal(r["sort"]); string(sort) != `[{"_score":{"order":"desc"}}]` {
		t.Errorf("rescored sort = %s, want the score alone", sort)
	}
}

func TestSearchRejectsBadQueriesLocally(t *testing.T) {
	s, calls := fakeES(t, http.StatusOK, `{}`)
	for _, q := range []search.Query{
		{Text: `"unbalanced`},
		{Size: -1},
		{Offset: -1},
		{Offset: search.MaxWindow},
		{Sort: "views"},
		{From: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if _, err := s.Search(t.Context(), q); !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("Search(%+v) error = %v, want one wrapping ErrBadQuery", q, err)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d requests sent for bad queries", n)
	}
}
