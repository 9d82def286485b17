package cli

import (
	"context"
	"log/slog"
	"strings"
	"testing"
)

// TestWARCCompressionOutOfRange: a gzip level outside 1-9 is refused with
// what the flag accepts, before anything is opened.
func TestWARCCompressionOutOfRange(t *testing.T) {
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: t.TempDir(), archiveURL: "file://" + t.TempDir()}
	for _, level := range []int{-1, 10} {
		_, err := o.openArchive(context.Background(), nil, 0, level)
		if err == nil || !strings.Contains(err.Error(), "--warc-compression") {
			t.Errorf("level %d: error %v, want one naming --warc-compression", level, err)
		}
	}
	a, err := o.openArchive(context.Background(), nil, 0, 9)
	if err != nil {
		t.Fatalf("level 9: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
