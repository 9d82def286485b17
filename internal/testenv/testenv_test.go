package testenv

import (
	"net"
	"strconv"
	"testing"
)

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

func TestFreeAddr(t *testing.T) {
	addr := FreeAddr(t)
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := strconv.Atoi(port); p < freeLow || p >= freeHigh {
		t.Errorf("FreeAddr() = %s, want a port in [%d, %d)", addr, freeLow, freeHigh)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen on FreeAddr() = %s: %v", addr, err)
	}
	ln.Close()
}
