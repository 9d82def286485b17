package web

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/search"
)

// MetricName is what a metric key is called in Vietnamese and English and
// the unit its figures are counted in. Known is false for a key that the
// taxonomy does not name (then the names are the key itself and the unit
// the figures' own).
type MetricName struct {
	VI     string `json:"vi"`
	EN     string `json:"en"`
	UnitVI string `json:"unit_vi"`
	UnitEN string `json:"unit_en"`
	Known  bool   `json:"known"`
}

// nameOf names key; units are the unit words of its figures, the fallback
// unit label of a key the taxonomy does not name.
func nameOf(key string, units ...string) MetricName {
	if n, ok := facts.MetricName(key); ok {
		return MetricName{VI: n.VI, EN: n.EN, UnitVI: n.UnitVI, UnitEN: n.UnitEN, Known: true}
	}
	u := strings.Join(units, ", ")
	return MetricName{VI: key, EN: key, UnitVI: u, UnitEN: u}
}

// CatalogItem is a catalogue entry with the names and the unit of its key.
type CatalogItem struct {
	search.CatalogEntry
	Name MetricName `json:"name"`
}

// MetricView is an extracted figure as the article page shows it: the
// metric, its key's names, and where the figure itself (the number, with
// its scale word and unit) is in the body. Start and End span the clause
// it was read from; FigureStart and FigureEnd (rune offsets into the body,
// inside the clause) span the figure; both are 0 when the figure could not
// be placed.
type MetricView struct {
	event.Metric
	Name        *MetricName `json:"name,omitempty"`
	FigureStart int         `json:"figure_start"`
	FigureEnd   int         `json:"figure_end"`
}

// numberRe finds numbers as the reports write them: 1.234,5 · 125 · 1,2.
var numberRe = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

// figureSpan returns the rune offsets, within text, of the figure whose
// value is value: the number that reads as value (directly or with a
// scale word: "1,2 tỷ" for 1.2e9), followed by its '%' or unit when they
// come next. ok is false when no number of text reads as value.
func figureSpan(text string, value float64, unit string) (start, end int, ok bool) {
	locs := numberRe.FindAllStringIndex(text, -1)
	match := -1
	for i, l := range locs {
		n, good := facts.ParseNumber(text[l[0]:l[1]])
		if !good {
			continue
		}
		if same(n, value) || same(n*1e3, value) || same(n*1e6, value) || same(n*1e9, value) {
			match = i
			break
		}
	}
	if match < 0 {
		return 0, 0, false
	}
	a, b := locs[match][0], locs[match][1]
	// "342/280 đảng viên": the figure, its plan, then the unit.
	if next := match + 1; next < len(locs) && locs[next][0] == b+1 && text[b] == '/' {
		b = locs[next][1]
	}
	rest := text[b:]
	trimmed := strings.TrimLeft(rest, " \u00a0")
	lower := strings.ToLower(trimmed)
	switch {
	case strings.HasPrefix(trimmed, "%"):
		b += len(rest) - len(trimmed) + 1
	case unit != "" && strings.HasPrefix(lower, strings.ToLower(unit)):
		b += len(rest) - len(trimmed) + len(unit)
	default:
		// The first word of the unit ("đảng viên" of "đảng viên mới").
		if w, _, _ := strings.Cut(unit, " "); w != "" && strings.HasPrefix(lower, strings.ToLower(w)) {
			b += len(rest) - len(trimmed) + len(w)
		}
	}
	return utf8.RuneCountInString(text[:a]), utf8.RuneCountInString(text[:b]), true
}

func same(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// metricViews names each metric and places its figure in the body.
func metricViews(ms []event.Metric, offsets bool) []MetricView {
	out := make([]MetricView, len(ms))
	for i, m := range ms {
		out[i] = MetricView{Metric: m}
		if m.Key != "" {
			n := nameOf(m.Key, m.Unit)
			out[i].Name = &n
		}
		if !offsets || m.End <= m.Start {
			continue
		}
		if a, b, ok := figureSpan(m.Text, m.Value, m.Unit); ok {
			out[i].FigureStart, out[i].FigureEnd = m.Start+a, m.Start+b
		}
	}
	return out
}
