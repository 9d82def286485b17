// Package eval scores extraction against hand-labelled gold files, with the
// rules written in the gold files' "conventions": predicted metrics are
// matched to gold metrics as a multiset by value and unit containment,
// leftovers are matched against the neutral quantities, precision is over
// the predictions neutral did not absorb, and F1 is over all files together.
package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// Gold is one hand-labelled article.
type Gold struct {
	Conventions map[string]string `json:"conventions,omitempty"`
	// SourceFile is the article, relative to the gold file's directory
	// (the seed's gold names it relative to the shared tree).
	SourceFile  string         `json:"source_file"`
	URL         string         `json:"url,omitempty"`
	Title       string         `json:"title"`
	Category    string         `json:"category"`
	PublishedAt *string        `json:"published_at"`
	Views       *int           `json:"views"`
	District    string         `json:"district"`
	Province    string         `json:"province"`
	Authors     []event.Author `json:"authors"`
	Documents   []Document     `json:"documents"`
	Periods     []string       `json:"periods,omitempty"`
	Metrics     []Metric       `json:"metrics"`
	Neutral     []Metric       `json:"neutral"`
	NotMetrics  []string       `json:"not_metrics"`
}

// Document is a cited document as labelled: its code and, when the text
// gives one, its date (YYYY-MM-DD).
type Document struct {
	Code string `json:"code"`
	Date string `json:"date,omitempty"`
}

// Metric is a labelled figure. Kind is "count" when empty.
type Metric struct {
	Value       float64  `json:"value"`
	Unit        string   `json:"unit"`
	Kind        string   `json:"kind,omitempty"`
	Target      *float64 `json:"target,omitempty"`
	PlanPercent *float64 `json:"plan_percent,omitempty"`
	Qualifier   string   `json:"qualifier,omitempty"`
	// Alt names another reading that also counts as right: a percentage
	// labelled on its own may instead be the plan percentage of a figure.
	Alt string `json:"alt,omitempty"`
	Why string `json:"why,omitempty"`
	// Period is the label of the period the figure reports on, where the
	// labeller could tell it from the text ("2019", "2019-H1",
	// "2015-2020", "2019-12-31"); Estimate marks a figure the text states
	// as an estimate. Unlabelled figures are not scored on them.
	Period   string `json:"period,omitempty"`
	Estimate bool   `json:"estimate,omitempty"`
}

// Load reads a gold file.
func Load(path string) (Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Gold{}, err
	}
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return Gold{}, fmt.Errorf("gold %s: %w", path, err)
	}
	return g, nil
}

// Score is the metric score of one or more articles.
type Score struct {
	Gold      int // gold metrics
	Predicted int // predictions not absorbed by neutral
	Matched   int // gold metrics found
	Neutral   int // predictions absorbed by neutral quantities
	// FieldErrors counts matched metrics whose target, plan percentage,
	// kind or qualifier differ from the gold.
	TargetPlanErrors, KindErrors, QualifierErrors int
	// PeriodLabelled counts matched metrics with a labelled period,
	// PeriodErrors those whose period or estimate flag differs.
	PeriodLabelled, PeriodErrors int
	// Notes say what was missed, spurious or wrong, for reading failures.
	Notes []string
}

// Add sums scores, for F1 over many files.
func (s *Score) Add(o Score) {
	s.Gold += o.Gold
	s.Predicted += o.Predicted
	s.Matched += o.Matched
	s.Neutral += o.Neutral
	s.TargetPlanErrors += o.TargetPlanErrors
	s.KindErrors += o.KindErrors
	s.QualifierErrors += o.QualifierErrors
	s.PeriodLabelled += o.PeriodLabelled
	s.PeriodErrors += o.PeriodErrors
	s.Notes = append(s.Notes, o.Notes...)
}

// Precision is matched predictions over predictions.
func (s Score) Precision() float64 {
	if s.Predicted == 0 {
		return boolRatio(s.Gold == 0)
	}
	return float64(min(s.Matched, s.Predicted)) / float64(s.Predicted)
}

// Recall is matched gold metrics over gold metrics.
func (s Score) Recall() float64 {
	if s.Gold == 0 {
		return boolRatio(s.Predicted == 0)
	}
	return float64(s.Matched) / float64(s.Gold)
}

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func boolRatio(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Norm is a unit or name as compared: NFC, one tone placement (ủy = uỷ),
// lowercase, single spaces.
func Norm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(vietnamese.Normalize(s))), " ")
}

func sameValue(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func samePtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameValue(*a, *b)
}

func matches(g Metric, p event.Metric) bool {
	return sameValue(p.Value, g.Value) && strings.Contains(Norm(p.Unit), Norm(g.Unit))
}

func kindOf(g Metric) string {
	if g.Kind == "" {
		return "count"
	}
	return g.Kind
}

// exact reports whether a matched prediction also has the gold's
// attachments and kind, to prefer it among several candidates.
func exact(g Metric, p event.Metric) bool {
	return samePtr(g.Target, p.Target) && samePtr(g.PlanPercent, p.PlanPercent) && kindOf(g) == p.Kind
}

// ScoreMetrics scores one article's predicted metrics against its gold.
func ScoreMetrics(g Gold, pred []event.Metric) Score {
	s := Score{Gold: len(g.Metrics)}
	used := make([]bool, len(pred))
	var unmatched []Metric
	for _, gm := range g.Metrics {
		best := -1
		for i, p := range pred {
			if used[i] || !matches(gm, p) {
				continue
			}
			if best < 0 || exact(gm, p) && !exact(gm, pred[best]) {
				best = i
			}
		}
		if best < 0 {
			unmatched = append(unmatched, gm)
			continue
		}
		used[best] = true
		s.Matched++
		p := pred[best]
		if !samePtr(gm.Target, p.Target) || !samePtr(gm.PlanPercent, p.PlanPercent) {
			s.TargetPlanErrors++
			s.Notes = append(s.Notes, fmt.Sprintf("%s: %v %s: target/plan_percent %s/%s, want %s/%s",
				g.SourceFile, gm.Value, gm.Unit, fp(p.Target), fp(p.PlanPercent), fp(gm.Target), fp(gm.PlanPercent)))
		}
		if kindOf(gm) != p.Kind {
			s.KindErrors++
			s.Notes = append(s.Notes, fmt.Sprintf("%s: %v %s: kind %s, want %s", g.SourceFile, gm.Value, gm.Unit, p.Kind, kindOf(gm)))
		}
		if gm.Period != "" {
			s.PeriodLabelled++
			got := ""
			if p.Period != nil {
				got = p.Period.Label
			}
			if got != gm.Period || gm.Estimate != p.Estimate {
				s.PeriodErrors++
				s.Notes = append(s.Notes, fmt.Sprintf("%s: %v %s: period %q estimate %v, want %q estimate %v",
					g.SourceFile, gm.Value, gm.Unit, got, p.Estimate, gm.Period, gm.Estimate))
			}
		}
		if gm.Qualifier != p.Qualifier {
			s.QualifierErrors++
			s.Notes = append(s.Notes, fmt.Sprintf("%s: %v %s: qualifier %q, want %q", g.SourceFile, gm.Value, gm.Unit, p.Qualifier, gm.Qualifier))
		}
	}
	// A percentage labelled on its own with an alternative reading also
	// counts when some prediction carries it as a plan percentage.
	for _, gm := range unmatched {
		found := false
		if gm.Alt != "" {
			for _, p := range pred {
				if p.PlanPercent != nil && sameValue(*p.PlanPercent, gm.Value) {
					found = true
					break
				}
			}
		}
		if found {
			s.Matched++
			continue
		}
		s.Notes = append(s.Notes, fmt.Sprintf("%s: missed %v %q (%s)", g.SourceFile, gm.Value, gm.Unit, kindOf(gm)))
	}
	neutral := make([]bool, len(g.Neutral))
	for i, p := range pred {
		if used[i] {
			continue
		}
		absorbed := false
		for j, n := range g.Neutral {
			if !neutral[j] && matches(n, p) {
				neutral[j], absorbed = true, true
				break
			}
		}
		if absorbed {
			s.Neutral++
			continue
		}
		s.Notes = append(s.Notes, fmt.Sprintf("%s: spurious %v %q (%s) in %q", g.SourceFile, p.Value, p.Unit, p.Kind, p.Text))
	}
	s.Predicted = len(pred) - s.Neutral
	return s
}

func fp(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

// AuthorsRight reports whether the predicted authors are the gold's: the
// same names and units in the same order, compared with Norm.
func AuthorsRight(g Gold, got []event.Author) bool {
	if len(got) != len(g.Authors) {
		return false
	}
	for i, a := range g.Authors {
		if Norm(a.Name) != Norm(got[i].Name) || Norm(a.Unit) != Norm(got[i].Unit) {
			return false
		}
	}
	return true
}

// Fields are an article's extracted metadata, to check against the gold.
type Fields struct {
	Title, Category    string
	PublishedAt        *time.Time
	Views              *int
	District, Province string
	Documents          []event.Document
}

// CheckFields lists the metadata that differ from the gold: title,
// category, publish time (RFC 3339), views, district, province, and every
// gold document code with its date.
func CheckFields(g Gold, f Fields) []string {
	var errs []string
	diff := func(name, got, want string) {
		if got != want {
			errs = append(errs, fmt.Sprintf("%s = %q, want %q", name, got, want))
		}
	}
	diff("title", f.Title, g.Title)
	diff("category", f.Category, g.Category)
	gotAt, wantAt := "null", "null"
	if f.PublishedAt != nil {
		gotAt = f.PublishedAt.Format(time.RFC3339)
	}
	if g.PublishedAt != nil {
		wantAt = *g.PublishedAt
	}
	diff("published_at", gotAt, wantAt)
	gotV, wantV := "null", "null"
	if f.Views != nil {
		gotV = fmt.Sprint(*f.Views)
	}
	if g.Views != nil {
		wantV = fmt.Sprint(*g.Views)
	}
	diff("views", gotV, wantV)
	diff("district", Norm(f.District), Norm(g.District))
	diff("province", Norm(f.Province), Norm(g.Province))
	for _, d := range g.Documents {
		found := false
		for _, x := range f.Documents {
			if x.Code == d.Code {
				found = true
				diff("date of "+d.Code, x.Date, d.Date)
			}
		}
		if !found {
			errs = append(errs, "document "+d.Code+" not found")
		}
	}
	return errs
}
