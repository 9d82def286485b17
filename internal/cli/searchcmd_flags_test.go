package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/dra-archive/dra/search/searchtest"
)

// TestSearchTableAndFlags: the table names each hit's article ID (what
// dra archive get takes), -n 0 prints the count without hits, -o is
// --format, and a negative -n is refused. The truth is the fixtures' IDs.
func TestSearchTableAndFlags(t *testing.T) {
	fx := searchtest.Fixtures()
	run := apiCLI(t, fx)
	var sonTay []string
	for _, a := range fx {
		if a.District == "Sơn Tây" {
			sonTay = append(sonTay, a.ID)
		}
	}
	out, _, code := run("search", "--district", "son tay")
	if code != 0 || len(sonTay) == 0 {
		t.Fatalf("code %d, %d fixtures in Sơn Tây", code, len(sonTay))
	}
	for _, id := range sonTay {
		if !strings.Contains(out, "id "+id+" ·") {
			t.Errorf("the table does not name article %s:\n%s", id, out)
		}
	}
	out, _, code = run("search", "-n", "0", "--district", "son tay", "--facets", "district")
	if code != 0 || !strings.Contains(out, "2 articles found") || strings.Contains(out, "1.\t") || strings.Contains(out, "id ") ||
		!strings.Contains(out, "district:") {
		t.Errorf("-n 0: code %d:\n%s", code, out)
	}
	out, _, code = run("search", "-o", "csv", "--district", "son tay")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 1+len(sonTay) || rows[0][1] != "id" {
		t.Errorf("-o csv: code %d, %v:\n%s", code, err, out)
	}
	for _, cmd := range [][]string{{"metrics", "-o", "json"}, {"trends", "-o", "json", "party.new_members"}} {
		if out, errOut, code := run(cmd...); code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "{") {
			t.Errorf("%v: code %d: %s %s", cmd, code, out, errOut)
		}
	}
	if _, errOut, code := run("search", "-n", "-1", "x"); code == 0 || !strings.Contains(errOut, "-n must be from 0 to 100") {
		t.Errorf("-n -1: code %d: %s", code, errOut)
	}
}

// TestNoColor: on a terminal the highlights are ANSI bold; with NO_COLOR
// set they are brackets. The terminal is a real pseudo-terminal.
func TestNoColor(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if !isTerminal(tty) {
		t.Fatal("the pseudo-terminal is not seen as a terminal")
	}
	for _, tc := range []struct {
		name, noColor string
		want          bool
	}{
		{"unset", "", true},
		{"set", "1", false},
		{"set to anything", "false", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tc.noColor) // restored after the test
			if tc.noColor == "" {
				os.Unsetenv("NO_COLOR")
			}
			if got := colorOn(tty); got != tc.want {
				t.Errorf("NO_COLOR=%q: colour %v, want %v", tc.noColor, got, tc.want)
			}
		})
	}
	var buf bytes.Buffer
	if colorOn(&buf) {
		t.Error("colour into a buffer")
	}
}
