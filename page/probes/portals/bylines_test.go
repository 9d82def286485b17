// Package portals tests bylines as Vietnamese government and party
// portals, ministries' portals and provincial newspapers write and place
// them, on the platforms they run: Liferay, SharePoint, WebSphere
// Portal, VietSoftware's vPortal, NukeViet, Joomla (and K2), WordPress,
// Drupal, and custom ASP.NET and Bootstrap portals. The byline closes
// the text, opens it, sits in a meta line or an info bar of icons, in a
// field or label of its own, in a credits table, twice for wide screens
// and phones, beside a hidden account name; it carries labels, units,
// ranks and academic titles, collaborator and compilation marks, several
// names, or none ("PV", "Nhóm PV").
//
// Each variant is one simulated site of 16 pages. A template is learned
// (page.Observe, page.Learn) from pages 0-7; pages 8-15 are read with
// the generic extractor and with the learned template. On every one of
// them both readings must credit exactly the persons the variant wrote
// into the page, and the body must hold neither their names nor the
// byline line.
package portals

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/vietnamese"
)

// knownMiss is a variant that the extractor reads wrong today, in the
// modes marked. Its checks in those modes are expected to fail; the test
// fails when they pass, so that the entry is removed.
type knownMiss struct {
	generic, learned bool
	reason           string
}

var knownMisses = map[string]knownMiss{
	"journal-top-two-authors": {generic: true, learned: true, reason: "of two authors at the top, each over an institution ('TS X<br>inst<br>ThS Y<br>inst'), only X is read; Y and the institutions stay in the body"},
}

// polluted says whether the body holds one of the page's names, or the
// byline line as shown (a paragraph that is the line alone, when the
// byline credits nobody).
func polluted(body string, p pg) bool {
	fb := vietnamese.Folded(body)
	for _, n := range p.names {
		if strings.Contains(fb, vietnamese.Folded(n)) {
			return true
		}
	}
	if p.shown == "" {
		return false
	}
	fs := vietnamese.Folded(p.shown)
	for _, para := range strings.Split(fb, "\n\n") {
		if strings.Contains(para, fs) && (len(p.names) > 0 || strings.TrimSpace(para) == fs) {
			return true
		}
	}
	return false
}

// lost says whether the body lacks one of the text's paragraphs.
func lost(body string, p pg) bool {
	fb := vietnamese.Folded(body)
	for _, q := range p.paras {
		if !strings.Contains(fb, vietnamese.Folded(q)) {
			return true
		}
	}
	return false
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

// authors is the names facts.ParseByline reads in the byline.
func authors(byline string) []string {
	var out []string
	for _, a := range facts.ParseByline(byline) {
		out = append(out, a.Name)
	}
	return out
}

// excerpt is the body's part around where it holds the byline, or its start.
func excerpt(body string, p pg) string {
	r := []rune(body)
	if len(r) <= 160 {
		return fmt.Sprintf("%q", body)
	}
	fb := vietnamese.Folded(body)
	for _, n := range p.names {
		if k := strings.Index(fb, vietnamese.Folded(n)); k >= 0 && k > len(fb)/2 {
			return fmt.Sprintf("…%q", string(r[len(r)-120:]))
		}
	}
	return fmt.Sprintf("%q…", string(r[:160]))
}

// misses gathers what one mode (generic or learned) read wrong.
type misses struct {
	mode  string
	right int      // pages with the right authors and a clean body
	lost  int      // pages whose body lacks a paragraph of the text
	fails []string // one line per page read wrong
}

func (m *misses) check(i int, p pg, a page.Article) {
	got := authors(a.Byline)
	okNames := slices.Equal(foldedNames(got), foldedNames(p.names))
	pol := polluted(a.Body, p)
	if lost(a.Body, p) {
		m.lost++
	}
	if okNames && !pol {
		m.right++
		return
	}
	msg := fmt.Sprintf("%s page %d: shown %q, want %q; byline %q read %q; body kept the byline: %v", m.mode, i, p.shown, p.names, a.Byline, got, pol)
	if pol {
		msg += "; body " + excerpt(a.Body, p)
	}
	m.fails = append(m.fails, msg)
}

func (m *misses) fail(msg string) { m.fails = append(m.fails, m.mode+": "+msg) }

// report fails t with m's misses, or, for a known miss, when it has none.
func (m *misses) report(t *testing.T, name string, known bool) {
	t.Helper()
	if known {
		if len(m.fails) == 0 {
			t.Errorf("known miss %s (%s) now passes: remove it from knownMisses", name, m.mode)
		}
		return
	}
	for _, f := range m.fails {
		t.Error(f)
	}
}

func TestBylines(t *testing.T) {
	vs := variants()
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.name] {
			t.Fatalf("two variants are named %s", v.name)
		}
		seen[v.name] = true
	}
	for name, k := range knownMisses {
		if !seen[name] {
			t.Errorf("knownMisses names %s, which is no variant", name)
		}
		if !k.generic && !k.learned {
			t.Errorf("knownMisses[%s] marks no mode", name)
		}
	}
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			url := func(i int) string {
				return fmt.Sprintf("https://huyen%s.gov.vn/tin-tuc/%d", strings.ReplaceAll(v.name, "-", ""), 1000+i)
			}
			var samples []page.Sample
			for i := range 8 {
				p := v.build(i)
				s, err := page.Observe([]byte(p.html), page.Options{URL: url(i)})
				if err != nil || s == nil {
					t.Fatalf("observe page %d: %v", i, err)
				}
				samples = append(samples, *s)
			}
			generic := &misses{mode: "generic"}
			learned := &misses{mode: "learned"}
			prof, learnt := page.Learn(v.name, samples)
			if !learnt {
				learned.fail("no template learned:\n" + prof.Describe())
			}
			for i := 8; i < 16; i++ {
				p := v.build(i)
				g, err := page.ExtractWith([]byte(p.html), page.Options{URL: url(i)})
				if err != nil {
					t.Fatalf("generic page %d: %v", i, err)
				}
				generic.check(i, p, g)
				if !learnt {
					continue
				}
				a, err := page.ExtractWith([]byte(p.html), page.Options{URL: url(i), Profile: &prof})
				if err != nil {
					t.Fatalf("learned page %d: %v", i, err)
				}
				if !a.Templated {
					learned.fail(fmt.Sprintf("page %d not read with the template", i))
					continue
				}
				learned.check(i, p, a)
			}
			k := knownMisses[v.name]
			generic.report(t, v.name, k.generic)
			learned.report(t, v.name, k.learned)
			t.Logf("generic %d/8 right (%d lost a paragraph), learned %d/8 right (%d lost a paragraph)", generic.right, generic.lost, learned.right, learned.lost)
		})
	}
}
