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
	out.setBar(bar)
	if !strings.Contains(term.String(), "thanhtri: starting") {
		t.Fatalf("bar not drawn at start: %q", term.String())
	}
	term.Reset()
	logger := slog.New(slog.NewTextHandler(out, nil))
	logger.Warn("fetch failed", "url", "https://thanhtri.hanoi.gov.vn/a")
	got := term.String()
	i := strings.Index(got, "level=WARN")
	if i < 0 || !strings.HasSuffix(got[:i], clearLine+"time=") && !strings.Contains(got[:i], clearLine) {
		t.Fatalf("the log line does not start on a cleared line: %q", got)
	}
	end := strings.Index(got[i:], "\n")
	if end < 0 || !strings.Contains(got[i+end:], "thanhtri: starting") {
		t.Errorf("the bar is not drawn again below the log line: %q", got)
	}
}
