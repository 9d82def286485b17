package testenv

import "testing"

func TestCI(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"true", "true", true},
		{"one", "1", true},
		{"yes", "yes", true},
		{"capitalised", "True", true},
		{"upper", "YES", true},
		{"on", "on", true},
		{"false", "false", false},
		{"zero", "0", false},
		{"empty", "", false},
		{"no", "no", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.value)
			if got := CI(); got != tt.want {
				t.Errorf("CI=%q: CI() = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}
