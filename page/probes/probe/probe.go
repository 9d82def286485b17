// Package probe runs the byline probes of page/probes: each variant is a
// simulated site of 16 pages whose byline it writes. A template is
// learned (page.Observe, page.Learn) from pages 0-7; pages 8-15 are read
// with the generic extractor and with the learned template. On every one
// of them both readings must credit exactly the persons the variant wrote
// into the page, and the body must not hold the byline.
package probe

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/vietnamese"
)

// Page is what a variant wrote into one page: the truth the readings are
// held to.
type Page struct {
	HTML  string
	Names []string // the persons the byline credits
	Shown string   // the byline as the page shows it; "" when the variant does not say
	Body  string   // the article's text exactly, paragraphs apart; "" when the variant does not say
	Paras []string // the article's paragraphs, each to be found in the body; nil when the variant does not say
}

// Variant is one simulated site: Build writes its page i.
type Variant struct {
	Name  string
	Build func(i int) Page
}

// showMisses logs what a known miss reads wrong (go test -args -probe.show).
var showMisses = flag.Bool("probe.show", false, "log the misreadings of the known misses")

// KnownMiss is a variant that the extractor reads wrong today, in the
// modes marked. Its checks in those modes are expected to fail; the test
// fails when they pass, so that the entry is removed.
type KnownMiss struct {
	Generic, Learned bool
	Reason           string
}

// Run reads every variant as a subtest, its pages at url(variant, i).
func Run(t *testing.T, vs []Variant, known map[string]KnownMiss, url func(variant string, i int) string) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.Name] {
			t.Fatalf("two variants are named %s", v.Name)
		}
		seen[v.Name] = true
	}
	for name, k := range known {
		if !seen[name] {
			t.Errorf("the known misses name %s, which is no variant", name)
		}
		if !k.Generic && !k.Learned {
			t.Errorf("the known miss %s marks no mode", name)
		}
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) { runVariant(t, v, known[v.Name], func(i int) string { return url(v.Name, i) }) })
	}
}

func runVariant(t *testing.T, v Variant, k KnownMiss, url func(int) string) {
	var samples []page.Sample
	for i := range 8 {
		s, err := page.Observe([]byte(v.Build(i).HTML), page.Options{URL: url(i)})
		if err != nil || s == nil {
			t.Fatalf("observe page %d: %v", i, err)
		}
		samples = append(samples, *s)
	}
	generic := &misses{mode: "generic"}
	learned := &misses{mode: "learned"}
	prof, learnt := page.Learn(v.Name, samples)
	if !learnt {
		learned.fail("no template learned:\n" + prof.Describe())
	}
	for i := 8; i < 16; i++ {
		p := v.Build(i)
		g, err := page.ExtractWith([]byte(p.HTML), page.Options{URL: url(i)})
		if err != nil {
			t.Fatalf("generic page %d: %v", i, err)
		}
		generic.check(i, p, g)
		if !learnt {
			continue
		}
		a, err := page.ExtractWith([]byte(p.HTML), page.Options{URL: url(i), Profile: &prof})
		if err != nil {
			t.Fatalf("learned page %d: %v", i, err)
		}
		if !a.Templated {
			learned.fail(fmt.Sprintf("page %d not read with the template", i))
			continue
		}
		learned.check(i, p, a)
	}
	generic.report(t, v.Name, k.Generic)
	learned.report(t, v.Name, k.Learned)
	t.Logf("generic %d/8 right (%d exact bodies, %d lost a paragraph), learned %d/8 right (%d exact bodies, %d lost a paragraph)",
		generic.right, generic.exact, generic.lost, learned.right, learned.exact, learned.lost)
}

// misses gathers what one mode (generic or learned) read wrong.
type misses struct {
	mode               string
	right, exact, lost int      // pages read right; whose body is exactly the text; whose body lacks a paragraph
	fails              []string // one line per page read wrong
}

func (m *misses) check(i int, p Page, a page.Article) {
	var got []string
	for _, au := range facts.ParseByline(a.Byline) {
		got = append(got, au.Name)
	}
	okNames := slices.Equal(foldedNames(got), foldedNames(p.Names))
	pol := polluted(a.Body, p)
	if p.Body != "" && a.Body == p.Body {
		m.exact++
	}
	if lost(a.Body, p.Paras) {
		m.lost++
	}
	if okNames && !pol {
		m.right++
		return
	}
	msg := fmt.Sprintf("%s page %d: shown %q, want %q; byline %q read %q; body kept the byline: %v", m.mode, i, p.Shown, p.Names, a.Byline, got, pol)
	if pol {
		msg += fmt.Sprintf(" (body ends %q)", tail(a.Body))
	}
	m.fails = append(m.fails, msg)
}

func (m *misses) fail(msg string) { m.fails = append(m.fails, m.mode+": "+msg) }

// report fails t with m's misses, or, for a known miss, when it has none.
func (m *misses) report(t *testing.T, name string, known bool) {
	t.Helper()
	if known {
		if len(m.fails) == 0 {
			t.Errorf("known miss %s (%s) now passes: remove it from the known misses", name, m.mode)
		}
		if *showMisses {
			for _, f := range m.fails {
				t.Log("known miss: " + f)
			}
		}
		return
	}
	for _, f := range m.fails {
		t.Error(f)
	}
}

// foldedNames is the names folded (lower case, no diacritics) and sorted.
func foldedNames(ns []string) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, vietnamese.Folded(n))
	}
	slices.Sort(out)
	return out
}

// polluted says whether the body holds one of the page's names, or the
// byline line as shown (a paragraph that is the line alone, when the
// byline credits nobody).
func polluted(body string, p Page) bool {
	fb := vietnamese.Folded(body)
	for _, n := range p.Names {
		if strings.Contains(fb, vietnamese.Folded(n)) {
			return true
		}
	}
	if p.Shown == "" {
		return false
	}
	fs := vietnamese.Folded(p.Shown)
	for _, para := range strings.Split(fb, "\n\n") {
		if strings.Contains(para, fs) && (len(p.Names) > 0 || strings.TrimSpace(para) == fs) {
			return true
		}
	}
	return false
}

// lost says whether the body lacks one of the text's paragraphs.
func lost(body string, paras []string) bool {
	fb := vietnamese.Folded(body)
	for _, q := range paras {
		if !strings.Contains(fb, vietnamese.Folded(q)) {
			return true
		}
	}
	return false
}

func tail(s string) string {
	r := []rune(s)
	if len(r) > 120 {
		return "…" + string(r[len(r)-120:])
	}
	return s
}
