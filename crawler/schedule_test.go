package crawler

import (
	"testing"
	"time"
)

func TestPrevSlot(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, spec, now, want string
	}{
		{"daily, later that day", "30 2 * * *", "2026-03-10T05:00:00Z", "2026-03-10T02:30:00Z"},
		{"daily, before today's slot", "30 2 * * *", "2026-03-10T01:00:00Z", "2026-03-09T02:30:00Z"},
		{"exactly on the slot", "0 */6 * * *", "2026-03-10T06:00:00Z", "2026-03-10T06:00:00Z"},
		{"monthly", "0 0 1 * *", "2026-03-20T00:00:00Z", "2026-03-01T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cronParser.Parse(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := prevSlot(s, at(tt.now)); !got.Equal(at(tt.want)) {
				t.Errorf("prevSlot(%q, %s) = %s, want %s", tt.spec, tt.now, got, tt.want)
			}
		})
	}
	e := every(6 * time.Hour)
	if got := prevSlot(e, at("2026-03-10T07:00:00Z")); !got.Equal(at("2026-03-10T06:00:00Z")) {
		t.Errorf("interval slot %s", got)
	}
}
