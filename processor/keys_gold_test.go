package processor

import (
	"math"
	"strings"
	"testing"

	"github.com/dra-archive/dra/processor/eval"
)

// TestSeedGoldKeys: every figure of the seed's gold file that reports a
// quantity of its own gets a taxonomy key, so that it has a metric name in
// the UI and in trends. A gold figure with an alternative reading (a plan
// percentage that may belong to another figure) is not a quantity of its
// own and is not counted. Gold figures are paired with the extracted ones
// as the scorer pairs them: same value, extracted unit containing the
// gold unit, each extracted figure used once.
func TestSeedGoldKeys(t *testing.T) {
	g, r := extractGold(t, "testdata/thanhtri-2020-03-18.gold.json")
	used := make([]bool, len(r.Metrics))
	want, keyed := 0, 0
	for _, gm := range g.Metrics {
		if gm.Alt != "" {
			continue
		}
		want++
		found := -1
		for i, p := range r.Metrics {
			if !used[i] && math.Abs(p.Value-gm.Value) <= 1e-6*math.Max(1, math.Abs(gm.Value)) &&
				strings.Contains(eval.Norm(p.Unit), eval.Norm(gm.Unit)) {
				found = i
				break
			}
		}
		switch {
		case found < 0:
			t.Errorf("gold figure %v %q not extracted", gm.Value, gm.Unit)
		case r.Metrics[found].Key == "":
			used[found] = true
			t.Errorf("gold figure %v %q has no key (extracted as %q in %q)", gm.Value, gm.Unit, r.Metrics[found].Unit, r.Metrics[found].Text)
		default:
			used[found] = true
			keyed++
		}
	}
	t.Logf("%d of %d gold figures keyed (%d gold figures in all)", keyed, want, len(g.Metrics))
}
