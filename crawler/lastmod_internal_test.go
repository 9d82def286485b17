package crawler

import (
	"testing"
	"time"
)

// TestLastModPrecision: a sitemap's lastmod stands for the whole second,
// minute or day it names, so a page changed after its last check but
// within the same second is due (the simulator edits an article in the
// very second the crawl before checked it).
func TestLastModPrecision(t *testing.T) {
	checked := time.Date(2024, 3, 12, 10, 0, 7, 500_000_000, time.UTC)
	tests := []struct {
		lastmod string
		due     bool
	}{
		{"2024-03-12T10:00:07Z", true},      // the second of the check
		{"2024-03-12T17:00:07+07:00", true}, // the same, in Vietnam's time
		{"2024-03-12T10:00:06Z", false},     // the second before
		{"2024-03-12T10:00:07.400Z", false}, // precise, before the check
		{"2024-03-12T10:00:07.600Z", true},  // precise, after it
		{"2024-03-12T10:00Z", true},         // the minute of the check
		{"2024-03-12T09:59Z", false},        // the minute before
		{"2024-03-12", true},                // the day of the check
		{"2024-03-11", false},               // the day before
		{"yesterday", false},                // unreadable: no hint
	}
	for _, tt := range tests {
		if got := parseLastMod(tt.lastmod).After(checked); got != tt.due {
			t.Errorf("lastmod %q after a check at %s: %v, want %v", tt.lastmod, checked.Format(time.RFC3339Nano), got, tt.due)
		}
	}
}
