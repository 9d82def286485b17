package portalsim

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// done ends the count of a request record started.
func (p *Portal) done() {
	p.mu.Lock()
	p.inflight--
	p.mu.Unlock()
}

var bombs sync.Map // inflated size -> []byte, built once per process

// gzipBomb is a gzip stream of n zero bytes (about n/1000 bytes long).
func gzipBomb(n int64) []byte {
	if b, ok := bombs.Load(n); ok {
		return b.([]byte)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= int64(len(zeros)) {
		if _, err := zw.Write(zeros[:min(left, int64(len(zeros)))]); err != nil {
			panic(err) // writes to a bytes.Buffer do not fail
		}
	}
	_ = zw.Close()
	b, _ := bombs.LoadOrStore(n, buf.Bytes())
	return b.([]byte)
}
