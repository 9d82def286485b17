package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/web"
)

const adminToken = "test-admin-token"

// newApp serves the demo corpus through web.App with admin actions that
// record their calls.
func newApp(t *testing.T, mod func(*web.Extras)) (*httptest.Server, *demoCorpus, *calls) {
	t.Helper()
	c := loadDemo(t)
	x := c.extras()
	cl := &calls{}
	x.AdminToken = adminToken
	x.Crawl = func(_ context.Context, id string, full bool) error {
		if id != "thanhtri" && id != "sontay" && id != "thuongtin" {
			return fmt.Errorf("source %s: %w", id, search.ErrNotFound)
		}
		cl.add("crawl " + id)
		return nil
	}
	x.Reprocess = func(_ context.Context, a search.Article) error { cl.add("reprocess " + a.ID); return nil }
	if mod != nil {
		mod(&x)
	}
	reg := prometheus.NewRegistry()
	srv := httptest.NewServer(web.App(web.Config{Store: c.store, Gatherer: reg,
		Ready: map[string]web.ReadyFunc{"store": c.store.Ping}}, x))
	t.Cleanup(srv.Close)
	return srv, c, cl
}

type calls struct {
	mu  sync.Mutex
	log []string
}

func (c *calls) add(s string) { c.mu.Lock(); c.log = append(c.log, s); c.mu.Unlock() }
func (c *calls) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.log)
}

// badValues are invalid inputs for a parameter schema, and whether the API
// must refuse them with 400 (free-text values may legitimately match
// nothing, so they only must not fail).
func badValues(p web.Parameter) (vals []string, must400 bool) {
	s := p.Schema
	long := strings.Repeat("x", 5000)
	switch {
	case s.Type == "integer":
		return []string{"abc", "-1", "1.5", "99999999999999999999", "1e3"}, true
	case s.Format == "date":
		return []string{"2020-13-45", "yesterday", "1800-01-01", "2020-02-30"}, true
	case len(s.Enum) > 0:
		return []string{"bogus", "YEAR", "' OR 1=1"}, true
	case s.Pattern != "":
		return []string{"a b", "../../etc/passwd", strings.Repeat("a", 200), "%"}, true
	default:
		return []string{"\xff\xfe", `"unbalanced`, long[:600], "<script>alert(1)</script>", "*", "a:b/c?d"}, false
	}
}

func TestOpenAPIWalk(t *testing.T) {
	srv, c, cl := newApp(t, nil)
	resp, err := http.Get(srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc web.Document
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if doc.OpenAPI != "3.0.3" || len(doc.Paths) < 12 {
		t.Fatalf("openapi %q with %d paths", doc.OpenAPI, len(doc.Paths))
	}
	pathValues := map[string]string{"id": c.seedID, "key": "party.new_members"}
	var paths []string
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	walked := 0
	for _, path := range paths {
		for method, op := range doc.Paths[path] {
			t.Run(op.OperationID, func(t *testing.T) {
				walked++
				values := map[string]string{}
				for _, p := range op.Parameters {
					switch {
					case p.In == "path" && strings.Contains(path, "/sources/"):
						values[p.Name] = "thanhtri"
					case p.In == "path":
						values[p.Name] = pathValues[p.Name]
					case p.Example != nil:
						values[p.Name] = fmt.Sprint(p.Example)
					}
					if p.Required && values[p.Name] == "" {
						t.Fatalf("required parameter %s has no example", p.Name)
					}
				}
				if op.OperationID == "articleSummaries" {
					values["ids"] = c.seedID + ",0123456789abcdef"
				}
				build := func(vals map[string]string) string {
					u := path
					q := url.Values{}
					for _, p := range op.Parameters {
						v, ok := vals[p.Name]
						if !ok {
							continue
						}
						if p.In == "path" {
							u = strings.ReplaceAll(u, "{"+p.Name+"}", url.PathEscape(v))
						} else {
							q.Set(p.Name, v)
						}
					}
					if len(q) > 0 {
						u += "?" + q.Encode()
					}
					return srv.URL + u
				}
				do := func(u string, token string) (int, http.Header, []byte) {
					req, _ := http.NewRequest(strings.ToUpper(method), u, nil)
					if token != "" {
						req.Header.Set("Authorization", "Bearer "+token)
					}
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					defer resp.Body.Close()
					b, _ := io.ReadAll(resp.Body)
					return resp.StatusCode, resp.Header, b
				}
				admin := len(op.Security) > 0
				token := ""
				if admin {
					token = adminToken
					// Without a token or with a wrong one: 401, and nothing runs.
					before := len(cl.list())
					for _, tok := range []string{"", "wrong"} {
						code, h, b := do(build(values), tok)
						if code != http.StatusUnauthorized {
							t.Errorf("token %q: %d %s, want 401", tok, code, b)
						}
						checkBody(t, &doc, op, code, h, b)
					}
					if n := len(cl.list()); n != before {
						t.Errorf("an admin action ran without the token: %v", cl.list())
					}
				}
				// Valid input.
				code, h, b := do(build(values), token)
				if code >= 300 {
					t.Fatalf("valid request %s: %d %s", build(values), code, b)
				}
				checkBody(t, &doc, op, code, h, b)
				// Invalid input, one parameter at a time.
				for _, p := range op.Parameters {
					bad, must400 := badValues(p)
					for _, v := range bad {
						vals := maps.Clone(values)
						vals[p.Name] = v
						u := build(vals)
						code, h, b := do(u, token)
						if code >= 500 {
							t.Errorf("%s=%q: %d %s", p.Name, v, code, b)
						}
						if must400 && code != http.StatusBadRequest && code != http.StatusNotFound {
							t.Errorf("%s=%q: %d %s, want 400", p.Name, v, code, b)
						}
						checkBody(t, &doc, op, code, h, b)
					}
				}
			})
		}
	}
	if walked < 15 {
		t.Errorf("walked %d operations", walked)
	}
	// Unknown API paths answer JSON too.
	code, body := get(t, srv.URL+"/api/v1/nothing-here")
	if code != 404 || body["error"] == "" {
		t.Errorf("unknown endpoint: %d %v", code, body)
	}
}

// checkBody checks a JSON answer against the schema the document gives for
// its status code; errors must carry a message.
func checkBody(t *testing.T, doc *web.Document, op *web.Operation, code int, h http.Header, b []byte) {
	t.Helper()
	ct := h.Get("Content-Type")
	r, ok := op.Responses[fmt.Sprint(code)]
	if !ok {
		t.Errorf("%s: status %d is not documented (%s)", op.OperationID, code, b)
		return
	}
	if !strings.HasPrefix(ct, "application/json") {
		if _, ok := r.Content["application/json"]; ok && len(r.Content) == 1 {
			t.Errorf("%s: %d answered %s, documented as JSON", op.OperationID, code, ct)
		}
		return
	}
	mt, ok := r.Content["application/json"]
	if !ok {
		t.Errorf("%s: %d answered JSON, not documented", op.OperationID, code)
		return
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Errorf("%s: %d: invalid JSON: %v", op.OperationID, code, err)
		return
	}
	if err := validate(doc, mt.Schema, v, "$"); err != nil {
		t.Errorf("%s: %d: %v\n%.400s", op.OperationID, code, err, b)
	}
	if code >= 400 {
		if m, _ := v.(map[string]any); m == nil || m["error"] == "" {
			t.Errorf("%s: %d without an error message: %s", op.OperationID, code, b)
		}
	}
}

// validate checks v against s: types, required properties, enums,
// recursively through $ref.
func validate(doc *web.Document, s *web.Schema, v any, at string) error {
	if s == nil {
		return nil
	}
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		def, ok := doc.Components.Schemas[name]
		if !ok {
			return fmt.Errorf("%s: unknown $ref %s", at, s.Ref)
		}
		if v == nil {
			return nil // pointers to structs are nullable
		}
		return validate(doc, def, v, at)
	}
	if v == nil {
		if s.Nullable || s.Type == "" {
			return nil
		}
		return fmt.Errorf("%s: null for a %s", at, s.Type)
	}
	switch s.Type {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: %T, want object", at, v)
		}
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				return fmt.Errorf("%s: missing required %q", at, r)
			}
		}
		for k, fv := range m {
			ps, ok := s.Properties[k]
			if !ok {
				ps = s.AdditionalProperties
				if ps == nil && len(s.Properties) > 0 {
					return fmt.Errorf("%s: undocumented property %q", at, k)
				}
			}
			if err := validate(doc, ps, fv, at+"."+k); err != nil {
				return err
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: %T, want array", at, v)
		}
		for i, e := range a {
			if err := validate(doc, s.Items, e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: %T, want string", at, v)
		}
		if len(s.Enum) > 0 && !slices.Contains(s.Enum, str) {
			return fmt.Errorf("%s: %q not in %v", at, str, s.Enum)
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != float64(int64(f)) {
			return fmt.Errorf("%s: %v, want integer", at, v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return fmt.Errorf("%s: %T, want number", at, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: %T, want boolean", at, v)
		}
	}
	return nil
}
