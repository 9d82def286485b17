package facts

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dra-archive/dra/event"
)

// taxonomyYAML maps Vietnamese phrasings to canonical metric keys.
//
//go:embed taxonomy.yaml
var taxonomyYAML []byte

// Rule is one taxonomy entry; see taxonomy.yaml for how rules match.
type Rule struct {
	Key     string   `yaml:"key"`
	Measure string   `yaml:"measure"`
	Kind    string   `yaml:"kind"`
	Units   []string `yaml:"units"`
	Context []string `yaml:"context"`
	Exclude []string `yaml:"exclude"`
}

// Taxonomy assigns canonical keys to metrics.
type Taxonomy struct {
	rules    []Rule
	measures map[string]string
}

// defaultTaxonomy is the embedded taxonomy; a broken file is a build bug,
// caught by every test.
var defaultTaxonomy = func() *Taxonomy {
	t, err := ParseTaxonomy(taxonomyYAML)
	if err != nil {
		panic(err)
	}
	return t
}()

// DefaultTaxonomy is the taxonomy embedded in the binary.
func DefaultTaxonomy() *Taxonomy { return defaultTaxonomy }

// ParseTaxonomy reads a taxonomy file.
func ParseTaxonomy(data []byte) (*Taxonomy, error) {
	var f struct {
		Rules []Rule `yaml:"rules"`
	}
	measures := map[string]string{}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	for i, r := range f.Rules {
		if r.Key == "" {
			return nil, fmt.Errorf("taxonomy: rule %d has no key", i)
		}
		switch r.Measure {
		case event.MeasureFlow, event.MeasureStock, event.MeasureRate:
		default:
			return nil, fmt.Errorf("taxonomy: %s: measure must be flow, stock or rate, not %q", r.Key, r.Measure)
		}
		if m, ok := measures[r.Key]; ok && m != r.Measure {
			return nil, fmt.Errorf("taxonomy: %s: measure %s here, %s in an earlier rule", r.Key, r.Measure, m)
		}
		measures[r.Key] = r.Measure
		switch r.Kind {
		case "", kindCount, kindPercent, kindMoney, kindMeasure:
		default:
			return nil, fmt.Errorf("taxonomy: %s: unknown kind %q", r.Key, r.Kind)
		}
		for _, list := range [][]string{r.Units, r.Context, r.Exclude} {
			for j := range list {
				list[j] = normUnit(list[j])
			}
		}
		f.Rules[i] = r
	}
	return &Taxonomy{rules: f.Rules, measures: measures}, nil
}

// Measure is what key counts (event.MeasureFlow, MeasureStock or
// MeasureRate); "" for a key the taxonomy does not have.
func (t *Taxonomy) Measure(key string) string { return t.measures[key] }

// Keys lists the keys in file order, without duplicates.
func (t *Taxonomy) Keys() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range t.rules {
		if !seen[r.Key] {
			seen[r.Key] = true
			out = append(out, r.Key)
		}
	}
	return out
}

// Key returns the key for a metric of kind and normalised unit, whose
// clause context (normalised, lowercase) is ctx; "" when no rule matches.
func (t *Taxonomy) Key(kind, unit, ctx string) string {
	for _, r := range t.rules {
		if r.Kind != "" && r.Kind != kind {
			continue
		}
		if len(r.Units) > 0 && !unitMatches(unit, r.Units) {
			continue
		}
		if len(r.Context) > 0 && !containsAny(ctx, r.Context) {
			continue
		}
		if containsAny(ctx, r.Exclude) {
			continue
		}
		return r.Key
	}
	return ""
}

func unitMatches(unit string, units []string) bool {
	for _, u := range units {
		if strings.HasPrefix(unit, u) && (len(unit) == len(u) || unit[len(u)] == ' ') { // u, or u and more words
			return true
		}
	}
	return false
}

func containsAny(s string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
