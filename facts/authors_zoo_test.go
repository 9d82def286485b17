package facts

import (
	"slices"
	"testing"

	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/vietnamese"
)

// TestParseBylineZoo reads every byline the template zoo's tuning
// families write (and the Hanoi template's), as the page shows it, and
// compares the names with the ones the simulator recorded. The
// evaluation families are not read: extraction is never tuned on them.
func TestParseBylineZoo(t *testing.T) {
	names := func(xs []string) []string {
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			out = append(out, vietnamese.Folded(x))
		}
		slices.Sort(out)
		return out
	}
	n, bylines := 0, map[string]bool{}
	for _, fam := range portalsim.Families() {
		if fam.Eval {
			continue
		}
		for seed := int64(1); seed <= 4; seed++ {
			p, err := portalsim.New(portalsim.Config{Family: fam.Name, Seed: seed, Articles: 40})
			if err != nil {
				t.Fatal(err)
			}
			for _, tr := range p.Truth() {
				if tr.Byline == "" || bylines[tr.Byline] {
					continue
				}
				bylines[tr.Byline] = true
				n++
				var got []string
				for _, a := range ParseByline(tr.Byline) {
					got = append(got, a.Name)
				}
				if !slices.Equal(names(got), names(tr.Authors)) {
					t.Errorf("%s: ParseByline(%q) = %q, want %q", fam.Name, tr.Byline, got, tr.Authors)
				}
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d distinct bylines in the tuning families", n)
	}
	t.Logf("%d distinct bylines", n)
}
