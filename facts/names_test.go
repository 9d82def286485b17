package facts

import "testing"

// TestEveryKeyIsNamed: each key of the embedded taxonomy has a Vietnamese
// and an English name and a unit label in both languages, and names.yaml
// names no key the taxonomy lacks.
func TestEveryKeyIsNamed(t *testing.T) {
	keys := DefaultTaxonomy().Keys()
	if len(keys) < 30 {
		t.Fatalf("the taxonomy has %d keys", len(keys))
	}
	inTaxonomy := map[string]bool{}
	for _, k := range keys {
		inTaxonomy[k] = true
		n, ok := MetricName(k)
		switch {
		case !ok:
			t.Errorf("%s has no entry in names.yaml", k)
		case n.VI == "" || n.EN == "" || n.UnitVI == "" || n.UnitEN == "":
			t.Errorf("%s: incomplete name %+v", k, n)
		}
		// A rate is counted in per cent, whatever its figures' unit words say.
		if DefaultTaxonomy().Measure(k) == "rate" && (n.UnitVI != "%" || n.UnitEN != "%") {
			t.Errorf("%s is a rate but its unit is %q/%q", k, n.UnitVI, n.UnitEN)
		}
	}
	for k := range names {
		if !inTaxonomy[k] {
			t.Errorf("names.yaml names %s, which taxonomy.yaml does not have", k)
		}
	}
}
