package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

// SourcesFile is the layout of sources.yaml.
type SourcesFile struct {
	Sources []Source `yaml:"sources"`
}

// LoadSources reads and validates a sources file, reporting every problem
// at once.
func LoadSources(path string) ([]Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSources(data)
}

// ParseSources parses and validates sources YAML.
func ParseSources(data []byte) ([]Source, error) {
	var f SourcesFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	var errs []error
	seen := map[string]bool{}
	for i := range f.Sources {
		s := &f.Sources[i]
		if err := s.Compile(); err != nil {
			errs = append(errs, err)
		}
		if s.ID != "" && seen[s.ID] {
			errs = append(errs, fmt.Errorf("source %q: duplicate id", s.ID))
		}
		seen[s.ID] = true
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return f.Sources, nil
}

// MarshalSources writes sources as YAML.
func MarshalSources(srcs []Source) ([]byte, error) {
	return yaml.Marshal(SourcesFile{Sources: srcs})
}
