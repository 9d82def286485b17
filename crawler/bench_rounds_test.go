package crawler_test

import (
	"slices"
	"testing"
	"time"
)

// side is one contender of a side-by-side benchmark: run does one round of
// its work and returns the units done (pages) and the seconds they took
// (0: the wall time of run).
type side struct {
	name string
	run  func(round int) (units, seconds float64)
}

// interleave runs b.N rounds of every side, the order rotated each round
// (A B C, B C A, C A B ...) so no side always runs first or on warm caches,
// and reports each side's median rate (<side>-<unit>/s) and, for every side
// but the baseline sides[0], the min, median and max over the rounds of its
// rate over the baseline's rate of the same round (<side>/<baseline>-min,
// -med, -max). A rate is units/s.
func interleave(b *testing.B, unit string, sides ...side) {
	b.Helper()
	rates := make([][]float64, len(sides))
	b.ResetTimer()
	for round := 0; round < b.N; round++ {
		for k := range sides {
			i := (k + round) % len(sides)
			start := time.Now()
			units, secs := sides[i].run(round)
			if secs == 0 {
				secs = time.Since(start).Seconds()
			}
			rates[i] = append(rates[i], units/secs)
		}
	}
	b.StopTimer()
	for i, s := range sides {
		b.ReportMetric(median(rates[i]), s.name+"-"+unit+"/s")
		if i == 0 {
			continue
		}
		ratios := make([]float64, b.N)
		for r := range ratios {
			ratios[r] = rates[i][r] / rates[0][r]
		}
		name := s.name + "/" + sides[0].name
		b.ReportMetric(slices.Min(ratios), name+"-min")
		b.ReportMetric(median(ratios), name+"-med")
		b.ReportMetric(slices.Max(ratios), name+"-max")
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
