package facts

import (
	"bytes"
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// namesYAML names every metric key of the taxonomy in Vietnamese and
// English, with the unit its figures are counted in.
//
//go:embed names.yaml
var namesYAML []byte

// Name is what people call a metric key, and its unit, in both languages.
type Name struct {
	VI     string `yaml:"vi" json:"vi"`
	EN     string `yaml:"en" json:"en"`
	UnitVI string `yaml:"unit_vi" json:"unit_vi"`
	UnitEN string `yaml:"unit_en" json:"unit_en"`
}

var names = func() map[string]Name {
	m := map[string]Name{}
	// Strict: an unquoted comma in a flow mapping would split a name into
	// a field of its own, which KnownFields refuses.
	dec := yaml.NewDecoder(bytes.NewReader(namesYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		panic(fmt.Errorf("names.yaml: %w", err))
	}
	return m
}()

// MetricName returns the names and unit of a metric key; ok is false for a
// key that names.yaml does not know (a key of another taxonomy or a test).
func MetricName(key string) (n Name, ok bool) {
	n, ok = names[key]
	return n, ok
}
