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

// gzipBomb is a gzip stream of n zero bytes (about n/1000 bytes long): one
// gzip member of 1 MiB of zeros repeated (a reader inflates every member
// of a multi-member stream), so it is built in a moment.
func gzipBomb(n int64) []byte {
	if b, ok := bombs.Load(n); ok {
		return b.([]byte)
	}
	member := func(size int64) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(make([]byte, size)) // writes to a bytes.Buffer do not fail
		_ = zw.Close()
		return buf.Bytes()
	}
	const chunk = 1 << 20
	one := member(chunk)
	out := bytes.Repeat(one, int(n/chunk))
	if rest := n % chunk; rest > 0 {
		out = append(out, member(rest)...)
	}
	b, _ := bombs.LoadOrStore(n, out)
	return b.([]byte)
}
