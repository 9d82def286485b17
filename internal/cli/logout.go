package cli

import (
	"io"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// logOutput is where the logger writes: stderr, shared with the progress
// bar of dra crawl --once. While a bar is shown, a log line clears the
// bar's line, is written, and the bar is drawn again below it: the log
// scrolls above the bar instead of breaking into it.
type logOutput struct {
	mu  sync.Mutex
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (l *logOutput) setBar(b *progressbar.ProgressBar) {
	l.mu.Lock()
	l.bar = b
	l.mu.Unlock()
}

// clearLine returns the cursor to the start of the line and erases it.
const clearLine = "\r\x1b[K"

func (l *logOutput) Write(p []byte) (int, error) {
	l.mu.Lock()
	bar := l.bar
	if bar != nil {
		_, _ = io.WriteString(l.w, clearLine)
	}
	n, err := l.w.Write(p)
	l.mu.Unlock()
	if bar != nil {
		_ = bar.RenderBlank()
	}
	return n, err
}

// barWriter is the bar's own output: serialised with the log lines.
func (l *logOutput) barWriter() io.Writer { return lockedWriter{l} }

type lockedWriter struct{ l *logOutput }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.l.mu.Lock()
	defer w.l.mu.Unlock()
	return w.l.w.Write(p)
}
