package cli

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
	"github.com/dra-archive/dra/web"
)

// TestSearchForgivingFiltersAndSyntax runs dra search with filters typed
// without diacritics, a filter that matches nothing, the query syntax and
// --help.
func TestSearchForgivingFiltersAndSyntax(t *testing.T) {
	run := apiCLI(t, searchtest.Fixtures())
	if out, _, code := run("search", "--district", "son tay"); code != 0 || !strings.Contains(out, "2 articles found") ||
		!strings.Contains(out, "Hội diễn múa rối nước") || !strings.Contains(out, "Thị ủy Sơn Tây sơ kết") {
		t.Errorf(`search --district "son tay": code %d:\n%s`, code, out)
	}
	if out, _, code := run("search", "--district", "son tey"); code != 0 || !strings.Contains(out, "0 articles found") ||
		!strings.Contains(out, "did you mean: Sơn Tây") {
		t.Errorf(`search --district "son tey": code %d:\n%s`, code, out)
	}
	if out, _, code := run("search", "Hoàng Thị Thu Thủy"); code != 0 || !strings.Contains(out, "1. Nâng cao năng lực lãnh đạo") {
		t.Errorf("search by name: code %d:\n%s", code, out)
	}
	if out, _, code := run("search", `district:"son tay" -"múa rối"`); code != 0 || !strings.Contains(out, "1 articles found") {
		t.Errorf("search with district: and an exclusion: code %d:\n%s", code, out)
	}
	if _, errOut, code := run("search", `colour:red`); code == 0 || !strings.Contains(errOut, `unknown field "colour:" at character 1`) {
		t.Errorf("search with an unknown field: code %d: %s", code, errOut)
	}
	if out, _, code := run("search", "--help"); code != 0 || !strings.Contains(out, `author:"Thu Hà"`) || !strings.Contains(out, "-word") {
		t.Errorf("search --help: code %d:\n%s", code, out)
	}
}

// apiCLI starts the API on an in-memory Bleve store holding docs and
// returns a runner of dra commands against it: their stdout, stderr and
// exit code.
func apiCLI(t *testing.T, docs []search.Article) func(args ...string) (string, string, int) {
	t.Helper()
	store, err := bleve.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.Handler(web.Config{Store: store}))
	t.Cleanup(srv.Close)
	return func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := Execute(append(args, "--api-url", srv.URL), &out, &errOut)
		return out.String(), errOut.String(), code
	}
}
