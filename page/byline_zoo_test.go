package page

import (
	"slices"
	"testing"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/vietnamese"
)

// TestZooBylines finds the byline on every page of the template zoo's
// tuning families, wherever the template puts it (the last paragraph,
// closing it, with the day, its own element before or after the text, a
// table cell, the meta line, a link), and compares the authors read from
// it with the ones the simulator recorded: with the generic extractor,
// and with the profile learned from the portal's pages. The evaluation
// families are not read: extraction is never tuned on them.
func TestZooBylines(t *testing.T) {
	if testing.Short() {
		t.Skip("serves every tuning family of the zoo")
	}
	folded := func(xs []string) []string {
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			out = append(out, vietnamese.Folded(x))
		}
		slices.Sort(out)
		return out
	}
	authors := func(byline string) []string {
		var out []string
		for _, a := range facts.ParseByline(byline) {
			out = append(out, a.Name)
		}
		return out
	}
	for _, fam := range portalsim.Families() {
		if fam.Eval {
			continue
		}
		t.Run(fam.Name, func(t *testing.T) {
			pages, generic, learned := 0, 0, 0
			for seed := int64(1); seed <= 4; seed++ {
				p, served, err := portalsim.ServeZoo(fam.Name, seed, 24)
				if err != nil {
					t.Fatal(err)
				}
				defer p.Close()
				truth := make([]portalsim.PageTruth, len(served))
				raw := make([][]byte, len(served))
				var samples []Sample
				for i, sp := range served {
					truth[i], raw[i] = sp.Truth, sp.Body
					s, err := Observe(raw[i], Options{URL: sp.Truth.URL})
					if err != nil {
						t.Fatal(err)
					}
					samples = append(samples, *s)
				}
				prof, ok := Learn(fam.Name, samples)
				if !ok {
					t.Fatalf("seed %d: no profile learned", seed)
				}
				for i, tr := range truth {
					want := folded(tr.Authors)
					pages++
					a, err := ExtractHTMLWith(raw[i], Options{URL: tr.URL})
					if err != nil {
						t.Fatal(err)
					}
					if slices.Equal(folded(authors(a.Byline)), want) {
						generic++
					} else {
						t.Logf("generic: %s: byline %q, want %q (%q)", tr.URL, a.Byline, tr.Authors, tr.Byline)
					}
					a, err = ExtractHTMLWith(raw[i], Options{URL: tr.URL, Profile: &prof})
					if err != nil {
						t.Fatal(err)
					}
					if slices.Equal(folded(authors(a.Byline)), want) {
						learned++
					} else {
						t.Errorf("profile: %s: byline %q, want %q (%q)", tr.URL, a.Byline, tr.Authors, tr.Byline)
					}
				}
			}
			t.Logf("%s: authors right on %d of %d pages with the generic extractor, %d with the learned profile", fam.Name, generic, pages, learned)
			if generic*100 < pages*98 {
				t.Errorf("generic extraction: authors right on %d of %d pages, want 98%% or more", generic, pages)
			}
		})
	}
}
