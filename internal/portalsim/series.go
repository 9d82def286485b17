package portalsim

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
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
