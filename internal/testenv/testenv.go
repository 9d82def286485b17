// Package testenv answers what tests ask about the environment they run
// in, one way for every package.
package testenv

import (
	"os"
	"strings"
)

// CI reports whether the tests run in CI: CI set to any true value (1, t,
// true, yes, y, on; any case). There, tests that need Elasticsearch or a
// browser fail instead of skipping. scripts/test.sh reads CI the same way.
func CI() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CI"))) {
	case "1", "t", "true", "yes", "y", "on":
		return true
	}
	return false
}
