package cli

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/schollz/progressbar/v3"
)

// TestLogLinesAboveTheProgressBar: the bar is drawn before the first
// request answers, and a log line written while it shows clears the bar's
// line, is written whole, and the bar is drawn again below it.
func TestLogLinesAboveTheProgressBar(t *testing.T) {
	var term bytes.Buffer
	out := &logOutput{w: &term}
	bar := progressbar.NewOptions64(-1, progressbar.OptionSetWriter(out.barWriter()), progressbar.OptionSetDescription("thanhtri: starting"),
		progressbar.OptionSetRenderBlankState(true))
	defer func() { _ = bar.Exit() }()
	out.setBar(bar)
	// The bar draws from its own goroutine: the terminal is read under the
	// output's lock.
	read := func(reset bool) string {
		out.mu.Lock()
		defer out.mu.Unlock()
		s := term.String()
		if reset {
			term.Reset()
		}
		return s
	}
	if s := read(true); !strings.Contains(s, "thanhtri: starting") {
		t.Fatalf("bar not drawn at start: %q", s)
	}
	logger := slog.New(slog.NewTextHandler(out, nil))
	logger.Warn("fetch failed", "url", "https://thanhtri.hanoi.gov.vn/a")
	got := read(false)
	i := strings.Index(got, "level=WARN")
	if i < 0 || !strings.HasSuffix(got[:i], clearLine+"time=") && !strings.Contains(got[:i], clearLine) {
		t.Fatalf("the log line does not start on a cleared line: %q", got)
	}
	end := strings.Index(got[i:], "\n")
	if end < 0 || !strings.Contains(got[i+end:], "thanhtri: starting") {
		t.Errorf("the bar is not drawn again below the log line: %q", got)
	}
}
