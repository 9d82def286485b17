package portalsim

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Metric keys written into report articles.
const (
	KeyPartyNewMembers = "party.new_members"       // đảng viên mới kết nạp; target = chỉ tiêu kế hoạch
	KeyPoorHouseholds  = "poverty.poor_households" // số hộ nghèo cuối năm; no target
	KeyPoorRate        = "poverty.poor_rate"       // tỷ lệ hộ nghèo, percent with 2 decimals; no target
	KeyBudgetRevenue   = "budget.revenue"          // thu ngân sách, tỷ đồng with 1 decimal; target = dự toán
)

// The years every district reports each key for.
const (
	FirstYear = 2015
	LastYear  = 2025
)

// MetricKeys lists the keys that have a series.
func MetricKeys() []string {
	return []string{KeyPartyNewMembers, KeyPoorHouseholds, KeyPoorRate, KeyBudgetRevenue}
}

// Measures: what a key counts, and so how a period is read for it.
const (
	MeasureFlow  = "flow"  // counted over a period: a year's, a half-year's or a term's total
	MeasureStock = "stock" // a level at a date: the level at the end of year Y is year Y's value
	MeasureRate  = "rate"  // a ratio at a date, read like a stock
)

// Measure is the measure of key: new party members and budget revenue are
// flows, poor households a stock, the poverty rate a rate; "" for an
// unknown key.
func Measure(key string) string {
	switch key {
	case KeyPartyNewMembers, KeyBudgetRevenue:
		return MeasureFlow
	case KeyPoorHouseholds:
		return MeasureStock
	case KeyPoorRate:
		return MeasureRate
	}
	return ""
}

// Period kinds of Metric.PeriodKind, and the labels of Metric.Period.
const (
	PeriodYear       = "year"        // "2016": "năm 2016", "cả năm 2016", "trong năm" under a title naming 2016
	PeriodHalf       = "half"        // "2016-H1": "6 tháng đầu năm 2016"
	PeriodNineMonths = "nine_months" // "2016-9M" (not written by the simulator)
	PeriodQuarter    = "quarter"     // "2016-Q3" (not written by the simulator)
	PeriodMonth      = "month"       // "2016-05" (not written by the simulator)
	PeriodTerm       = "term"        // "2015-2020": "nhiệm kỳ 2015 - 2020", "giai đoạn 2016-2020"
	PeriodDate       = "date"        // "2019-12-31": "tính đến 31/12/2019", "đến hết năm 2019", "cuối năm 2019"
	PeriodCumulative = "cumulative"  // from a start to a date (not written by the simulator)
)

// YearValue is the truth a yearly trend shows for key in district (name or
// slug) and year: Series's value. For a flow it is the year's total, for a
// stock or a rate the level at the end of the year. For LastYear it is the
// estimate the June 2025 reports wrote, which no later report corrects. ok
// is false for an unknown district or key or a year outside
// FirstYear..LastYear.
func YearValue(district, key string, year int) (value float64, ok bool) {
	if findProfile(district) == nil || Measure(key) == "" || year < FirstYear || year > LastYear {
		return 0, false
	}
	value, _ = Series(district, key, year)
	return value, true
}

// HalfSeries is the truth of a flow key's first half-year ("6 tháng đầu
// năm", period "Y-H1") in district and year: 42 to 50 % of the year's
// Series value (so a half-year's change on the year before stays
// plausible), rounded like it (whole party members, budget to 0,1 tỷ
// đồng). Like Series it does not depend on Config.Seed. 0 for stocks,
// rates, unknown districts and years outside FirstYear..LastYear.
func HalfSeries(district, key string, year int) float64 {
	p := findProfile(district)
	if p == nil || Measure(key) != MeasureFlow || year < FirstYear || year > LastYear {
		return 0
	}
	v, _ := series(p, key, year)
	r := rand.New(rand.NewPCG(hash64(p.info.Slug), hash64(key, "H1", strconv.Itoa(year))))
	return roundKey(key, v*(0.42+0.08*r.Float64()))
}

// TermTotal is the truth of a flow key's total over the multi-year period
// labelled "first-last" (Metric.Period of a PeriodTerm figure): the sum of
// Series over the calendar years the period covers, rounded like the key.
// A plan period ("giai đoạn 2016-2020") covers first..last. A party
// congress term ("nhiệm kỳ 2015 - 2020": congresses in years divisible by
// 5, five years apart) runs from congress to congress and counts
// first+1..last, so the 2015-2020 term and the 2016-2020 plan period have
// the same total, and consecutive terms do not count a year twice. 0 for
// stocks, rates, unknown districts, first >= last, or covered years outside
// FirstYear..LastYear.
func TermTotal(district, key string, first, last int) float64 {
	p := findProfile(district)
	if p == nil {
		return 0
	}
	return termTotal(p, key, first, last)
}

// termTotal is TermTotal for a profile (the zoo's units have their own).
func termTotal(p *profile, key string, first, last int) float64 {
	if Measure(key) != MeasureFlow || first >= last {
		return 0
	}
	from := first
	if first%5 == 0 && last == first+5 {
		from = first + 1
	}
	if from < FirstYear || last > LastYear {
		return 0
	}
	sum := 0.0
	for y := from; y <= last; y++ {
		v, _ := series(p, key, y)
		sum += v
	}
	return roundKey(key, sum)
}

// roundKey rounds v as the articles write key: whole party members, tỷ
// đồng to one decimal, rates to two.
func roundKey(key string, v float64) float64 {
	switch key {
	case KeyBudgetRevenue:
		return round(v, 1)
	case KeyPoorRate:
		return round(v, 2)
	}
	return math.Round(v)
}

// yearLabel, halfLabel, termLabel and dateLabel are Metric.Period labels.
func yearLabel(y int) string           { return strconv.Itoa(y) }
func halfLabel(y int) string           { return fmt.Sprintf("%d-H1", y) }
func termLabel(first, last int) string { return fmt.Sprintf("%d-%d", first, last) }
func dateLabel(y int) string           { return fmt.Sprintf("%d-12-31", y) }

// parseTerm reads a term label "2015-2020".
func parseTerm(label string) (first, last int, ok bool) {
	a, b, found := strings.Cut(label, "-")
	first, err1 := strconv.Atoi(a)
	last, err2 := strconv.Atoi(b)
	return first, last, found && err1 == nil && err2 == nil && len(a) == 4 && len(b) == 4
}

// Series is the known truth behind the report articles: the value of key in
// district (name or slug) for year, and its plan target (0 when the key has
// none). It does not depend on Config.Seed, so trends can be computed without
// a portal. Unknown districts, keys or years outside FirstYear..LastYear give 0, 0.
func Series(district, key string, year int) (value, target float64) {
	p := findProfile(district)
	if p == nil || year < FirstYear || year > LastYear {
		return 0, 0
	}
	return series(p, key, year)
}

// planPercent is the percentage of plan as the articles write it.
func planPercent(value, target float64) float64 { return round(value/target*100, 1) }

func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, s := range parts {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// series walks the key's random walk from 2015 to year; each year draws a
// fixed number of values, so a year's value never depends on later years.
// Poverty also answers for 2014, the level before the first report.
func series(p *profile, key string, year int) (value, target float64) {
	r := rand.New(rand.NewPCG(hash64(p.info.Slug), hash64(key)))
	switch key {
	case KeyPartyNewMembers:
		for y := FirstYear; y <= year; y++ {
			target = math.Round(p.partyBase*(0.85+0.3*r.Float64())/10) * 10
			value = math.Round(target * (0.92 + 0.4*r.Float64()))
		}
		return value, target
	case KeyPoorHouseholds, KeyPoorRate:
		r = rand.New(rand.NewPCG(hash64(p.info.Slug), hash64(KeyPoorHouseholds)))
		n := math.Round(p.poorBase)
		for y := FirstYear; y <= year; y++ {
			f := 0.80 + 0.14*r.Float64()
			if y == 2016 || y == 2022 { // a new poverty standard starts: more households count as poor
				f += 0.5 + 0.3*r.Float64()
			}
			n = math.Round(n * f)
		}
		if key == KeyPoorHouseholds {
			return n, 0
		}
		h := math.Round(p.households * math.Pow(1.015, float64(year-FirstYear)))
		return round(n/h*100, 2), 0
	case KeyBudgetRevenue:
		v := p.budgetBase
		for y := FirstYear; y <= year; y++ {
			v *= p.budgetGrowF - 0.05 + 0.10*r.Float64()
			pct := 96 + 38*r.Float64()
			value = round(v, 1)
			target = round(value*100/pct, 1)
		}
		return value, target
	}
	return 0, 0
}

// Truth is the simulator's truth for the figure's district, key and period:
// YearValue for PeriodYear and for a stock's or a rate's level on 31
// December, HalfSeries for PeriodHalf, TermTotal for PeriodTerm. An
// estimate's Value differs from it when a later report corrects the
// estimate. ok is false for a period the simulator has no truth for.
func (m Metric) Truth() (value float64, ok bool) {
	switch m.PeriodKind {
	case PeriodHalf:
		if m.Period != halfLabel(m.Year) {
			return 0, false
		}
		v := HalfSeries(m.District, m.Key, m.Year)
		return v, v != 0
	case PeriodTerm:
		first, last, ok := parseTerm(m.Period)
		if !ok {
			return 0, false
		}
		v := TermTotal(m.District, m.Key, first, last)
		return v, v != 0
	}
	y, ok := m.TrendYear()
	if !ok {
		return 0, false
	}
	return YearValue(m.District, m.Key, y)
}

// TrendYear is the year a yearly trend puts the figure on: the year of a
// PeriodYear figure, or of a stock's or a rate's level on 31 December (the
// level at the end of year Y is year Y's value). ok is false for
// half-years, terms, flows at a date and other dates.
func (m Metric) TrendYear() (year int, ok bool) {
	switch m.PeriodKind {
	case PeriodYear:
		y, err := strconv.Atoi(m.Period)
		return y, err == nil
	case PeriodDate:
		if Measure(m.Key) == MeasureFlow {
			return 0, false
		}
		ys, ok := strings.CutSuffix(m.Period, "-12-31")
		y, err := strconv.Atoi(ys)
		return y, ok && err == nil
	}
	return 0, false
}
