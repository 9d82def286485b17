package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dra-archive/dra/web"
)

// apiSource is what the package's own source says about its routes: each
// route pattern of the API with the handler it calls, and for every
// function the query and path parameters it reads and the functions of
// the package it calls.
type apiSource struct {
	routes map[string]string              // "GET /api/v1/search" -> handler function name
	reads  map[string]map[string]string   // function -> parameter -> "query" or "path"
	calls  map[string]map[string]struct{} // function -> functions of the package it calls
}

// readSource parses the package's non-test Go files.
func readSource(t *testing.T) apiSource {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	src := apiSource{routes: map[string]string{}, reads: map[string]map[string]string{}, calls: map[string]map[string]struct{}{}}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			src.function(fd.Name.Name, fd.Type, fd.Body)
		}
	}
	return src
}

func (s apiSource) function(name string, typ *ast.FuncType, body ast.Node) {
	if s.reads[name] == nil {
		s.reads[name] = map[string]string{}
		s.calls[name] = map[string]struct{}{}
	}
	// Variables holding a request's query: v := r.URL.Query(), or a
	// parameter v url.Values.
	queryVars := map[string]bool{}
	for _, f := range typ.Params.List {
		if sel, ok := f.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Values" {
			for _, n := range f.Names {
				queryVars[n.Name] = true
			}
		}
	}
	isQuery := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.Ident:
			return queryVars[x.Name]
		case *ast.CallExpr:
			sel, ok := x.Fun.(*ast.SelectorExpr)
			return ok && sel.Sel.Name == "Query"
		}
		return false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			if len(x.Lhs) == 1 && len(x.Rhs) == 1 && isQuery(x.Rhs[0]) {
				if id, ok := x.Lhs[0].(*ast.Ident); ok {
					queryVars[id.Name] = true
				}
			}
		case *ast.CallExpr:
			lit := ""
			if len(x.Args) > 0 {
				if b, ok := x.Args[0].(*ast.BasicLit); ok && b.Kind == token.STRING {
					lit, _ = strconv.Unquote(b.Value)
				}
			}
			switch fn := x.Fun.(type) {
			case *ast.Ident:
				s.calls[name][fn.Name] = struct{}{}
			case *ast.SelectorExpr:
				switch {
				case fn.Sel.Name == "Get" && lit != "" && isQuery(fn.X):
					s.reads[name][lit] = "query"
				case fn.Sel.Name == "PathValue" && lit != "":
					s.reads[name][lit] = "path"
				case (fn.Sel.Name == "HandleFunc" || fn.Sel.Name == "Handle") && lit != "" && len(x.Args) == 2:
					s.route(lit, x.Args[1])
				}
				if id, ok := fn.X.(*ast.Ident); ok && id.Name == "a" {
					s.calls[name][fn.Sel.Name] = struct{}{} // a method of *api
				}
			}
		}
		return true
	})
}

// route records a pattern and its handler: a.method, a.admin(a.method),
// or a function literal (read as a function of its own).
func (s apiSource) route(pattern string, h ast.Expr) {
	switch x := h.(type) {
	case *ast.SelectorExpr:
		s.routes[pattern] = x.Sel.Name
	case *ast.CallExpr:
		if len(x.Args) == 1 {
			if sel, ok := x.Args[0].(*ast.SelectorExpr); ok {
				s.routes[pattern] = sel.Sel.Name
				return
			}
		}
		s.routes[pattern] = "(" + pattern + ")"
	case *ast.FuncLit:
		name := "(" + pattern + ")"
		s.routes[pattern] = name
		s.function(name, x.Type, x.Body)
	default:
		s.routes[pattern] = "(" + pattern + ")"
	}
}

// params is every parameter fn reads, itself or through the functions it
// calls.
func (s apiSource) params(fn string) map[string]string {
	out := map[string]string{}
	seen := map[string]bool{}
	var walk func(string)
	walk = func(f string) {
		if seen[f] {
			return
		}
		seen[f] = true
		for p, in := range s.reads[f] {
			out[p] = in
		}
		for c := range s.calls[f] {
			walk(c)
		}
	}
	walk(fn)
	return out
}

// notDocumented are parameters a handler reads on purpose without the
// document offering them, with the reason.
var notDocumented = map[string]string{
	"exportSearch size":   "an export pages through the store itself; size is overwritten",
	"exportSearch offset": "read only to refuse it: an export starts at the first hit",
	"exportSearch after":  "read only to refuse it: an export starts at the first hit",
	"exportSearch facets": "read by the shared search parser; an export drops facets",
}

// TestOpenAPIMatchesRouter compares the OpenAPI document with the router
// and the handlers, both ways: every API route of the source is documented
// with the method it is registered with, and every documented operation is
// a route; every query and path parameter a handler reads (itself or
// through the parsers it calls) is documented, and every documented
// parameter is read. The routes found in the source are then asked over
// HTTP, so the source reading is checked against the running router.
func TestOpenAPIMatchesRouter(t *testing.T) {
	src := readSource(t)
	doc := web.OpenAPI()
	type op struct{ method, path string }
	routes := map[op]string{}
	for pattern, h := range src.routes {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok || !(strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/readyz" || path == "/metrics") {
			continue // the UI's pages and files, and the catch-all 404
		}
		routes[op{strings.ToLower(method), path}] = h
	}
	if len(routes) < 15 {
		t.Fatalf("found %d API routes in the source: %v", len(routes), routes)
	}
	documented := map[op]*web.Operation{}
	for path, ops := range doc.Paths {
		for method, o := range ops {
			documented[op{method, path}] = o
		}
	}
	for r := range routes {
		if documented[r] == nil {
			t.Errorf("route %s %s is not in the OpenAPI document", strings.ToUpper(r.method), r.path)
		}
	}
	for d := range documented {
		if _, ok := routes[d]; !ok {
			t.Errorf("the OpenAPI document has %s %s, which no route serves", strings.ToUpper(d.method), d.path)
		}
	}
	for r, h := range routes {
		o := documented[r]
		if o == nil {
			continue
		}
		read := src.params(h)
		for _, p := range o.Parameters {
			in, ok := read[p.Name]
			switch {
			case !ok:
				t.Errorf("%s: parameter %s is documented but %s never reads it", o.OperationID, p.Name, h)
			case in != p.In:
				t.Errorf("%s: parameter %s is documented in %s, read from the %s", o.OperationID, p.Name, p.In, in)
			}
		}
		for p := range read {
			if _, why := notDocumented[o.OperationID+" "+p]; why {
				continue
			}
			if !slices.ContainsFunc(o.Parameters, func(x web.Parameter) bool { return x.Name == p }) {
				t.Errorf("%s: %s reads parameter %s, which the document does not list", o.OperationID, h, p)
			}
		}
		// A path parameter in the path template is one the handler reads.
		for _, seg := range strings.Split(r.path, "/") {
			if strings.HasPrefix(seg, "{") && read[strings.Trim(seg, "{}")] != "path" {
				t.Errorf("%s: path parameter %s is not read by %s", o.OperationID, seg, h)
			}
		}
	}

	// The routes read from the source are the running router's: each
	// answers its method (not the catch-all 404, not 405).
	srv, c, _ := newApp(t, nil)
	for r := range routes {
		u := strings.NewReplacer("{id}", c.seedID, "{key}", "party.new_members").Replace(r.path)
		if strings.Contains(r.path, "/sources/") {
			u = strings.ReplaceAll(r.path, "{id}", "thanhtri")
		}
		req, _ := http.NewRequest(strings.ToUpper(r.method), srv.URL+u, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotFound && resp.Header.Get("Content-Type") == "" {
			t.Errorf("%s %s: %d", strings.ToUpper(r.method), u, resp.StatusCode)
		}
	}
	for k, why := range notDocumented {
		if why == "" {
			t.Errorf("%s: no reason", k)
		}
	}
}
