package portalsim

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestGzipBomb: the bomb is served gzip-encoded, small, with a non-text
// type, and inflates to GzipBombBytes.
func TestGzipBomb(t *testing.T) {
	const size = 3<<20 + 5
	p, err := New(Config{Seed: 1, District: "thanhtri", Articles: 1,
		Faults: Faults{GzipBombPath: "/bom", GzipBombBytes: size}})
	if err != nil {
		t.Fatal(err)
	}
	rw := httptest.NewRecorder()
	p.Handler().ServeHTTP(rw, httptest.NewRequest(http.MethodGet, "/bom", nil))
	if rw.Header().Get("Content-Encoding") != "gzip" || rw.Header().Get("Content-Type") != "application/octet-stream" {
		t.Fatalf("headers %v", rw.Header())
	}
	body := rw.Body.Bytes()
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil || n != size || len(body) > size/500 {
		t.Errorf("%d bytes inflate to %d (%v), want %d from under %d", len(body), n, err, size, size/500)
	}
	if p.MaxInFlight() != 1 {
		t.Errorf("MaxInFlight %d, want 1", p.MaxInFlight())
	}
}
