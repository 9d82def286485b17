// Package testenv answers what tests ask about the environment they run
// in, one way for every package.
package testenv

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"testing"
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

// Ports handed out by FreeAddr lie below Linux's default ephemeral range
// (32768-60999): a port taken from the ephemeral range and released can be
// reused at once as the local port of any outgoing connection (a NATS
// client's, say) before the process meant to listen on it binds it.
const (
	freeLow  = 20000
	freeHigh = 32000
)

// FreeAddr returns a loopback address "127.0.0.1:port" that nothing
// listens on now, for a process a test starts and must know the address of
// in advance (a server given --metrics-addr, a cluster route).
func FreeAddr(t testing.TB) string {
	t.Helper()
	for range 200 {
		addr := fmt.Sprintf("127.0.0.1:%d", freeLow+rand.IntN(freeHigh-freeLow))
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			continue
		}
		ln.Close()
		return addr
	}
	t.Fatal("no free loopback port below the ephemeral range")
	return ""
}
