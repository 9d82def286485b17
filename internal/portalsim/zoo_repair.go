package portalsim

import (
	"math/rand/v2"
	"strings"
)

// repairSeries writes the right figures into a zoo district's half-year
// and term figures. The generator reads those truths by name (HalfSeries,
// TermTotal), which know only Districts(): for the zoo's other districts it
// wrote 0 (or an "estimate" of 0) and a change of NaN %. The figure, its
// Text and its paragraph get the unit's own truth (halfSeries, termTotal),
// a corrected estimate 1 to 4 % off it, as the generator draws them.
func repairSeries(u *zunit, a *Article, r *rand.Rand) {
	if findProfile(u.info.Name) != nil {
		return
	}
	p := u.prof
	for i := range a.Metrics {
		m := &a.Metrics[i]
		var truth float64
		switch m.PeriodKind {
		case PeriodHalf:
			truth = halfSeries(p, m.Key, m.Year)
		case PeriodTerm:
			first, last, ok := parseTerm(m.Period)
			if !ok {
				continue
			}
			truth = termTotal(p, m.Key, first, last)
		default:
			continue
		}
		value := truth
		if m.Estimate && m.Year < LastYear { // a corrected estimate
			f := 0.01 + 0.03*r.Float64()
			if r.IntN(2) == 0 {
				f = -f
			}
			if value = roundKey(m.Key, truth*(1+f)); value == truth {
				value = roundKey(m.Key, truth*1.01+1)
			}
		}
		format := func(v float64) string {
			if m.Key == KeyBudgetRevenue {
				return vnDec(v, 1)
			}
			return vnInt(int(v))
		}
		oldText := m.Text
		m.Text = strings.Replace(m.Text, " "+format(m.Value)+" ", " "+format(value)+" ", 1)
		for j, para := range a.Paragraphs {
			if strings.Contains(para, oldText) {
				a.Paragraphs[j] = strings.Replace(para, oldText, m.Text, 1)
				break
			}
		}
		m.Value = value
		if m.PeriodKind == PeriodHalf && m.Key == KeyBudgetRevenue {
			change := (value/halfSeries(p, m.Key, m.Year-1) - 1) * 100
			moved := "tăng " + vnDec(change, 1) + "%"
			if change < 0 {
				moved = "giảm " + vnDec(-change, 1) + "%"
			}
			for j, para := range a.Paragraphs {
				a.Paragraphs[j] = strings.Replace(para, "tăng NaN%", moved, 1)
			}
		}
	}
}
