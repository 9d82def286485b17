package portalsim

import (
	"bytes"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Meter records what one server (a listener) served, as the server sees
// it: the most requests it had in flight at once, and when each request
// started, for which host and path. It is the truth a test of a crawler's
// per-server limit checks against.
//
// A request is in flight from the moment its handler starts until the
// handler is done. The response is held back until then and sent after
// the count drops, so a client that waits for one response before sending
// the next request is never counted twice: the count cannot be higher than
// what the clients really had in flight.
type Meter struct {
	mu       sync.Mutex
	inFlight int
	max      int
	starts   []Start
}

// Start is one request's arrival at the server.
type Start struct {
	At   time.Time
	Host string // the Host header, without its port, lowercase
	Path string // the URL's path
}

// Wrap returns h counted by the meter.
func (m *Meter) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hn, _, err := net.SplitHostPort(host); err == nil {
			host = hn
		}
		m.mu.Lock()
		m.inFlight++
		m.max = max(m.max, m.inFlight)
		m.starts = append(m.starts, Start{At: time.Now(), Host: strings.ToLower(host), Path: r.URL.Path})
		m.mu.Unlock()
		held := &heldResponse{header: http.Header{}}
		func() {
			defer func() {
				m.mu.Lock()
				m.inFlight--
				m.mu.Unlock()
			}()
			h.ServeHTTP(held, r)
		}()
		held.send(w)
	})
}

// MaxInFlight is the most requests the server had in flight at once.
func (m *Meter) MaxInFlight() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.max
}

// Starts are the requests' arrivals, in order.
func (m *Meter) Starts() []Start {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Start(nil), m.starts...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// Times are the arrival times of the requests for host (every request's
// when host is empty), in order.
func (m *Meter) Times(host string) []time.Time {
	var out []time.Time
	for _, s := range m.Starts() {
		if host == "" || s.Host == strings.ToLower(host) {
			out = append(out, s.At)
		}
	}
	return out
}

// heldResponse is a response kept in memory until the handler is done.
type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header { return h.header }

func (h *heldResponse) WriteHeader(status int) {
	if h.status == 0 {
		h.status = status
	}
}

func (h *heldResponse) Write(b []byte) (int, error) {
	h.WriteHeader(http.StatusOK)
	return h.body.Write(b)
}

func (h *heldResponse) send(w http.ResponseWriter) {
	for k, v := range h.header {
		w.Header()[k] = v
	}
	if h.status == 0 {
		h.status = http.StatusOK
	}
	w.WriteHeader(h.status)
	_, _ = w.Write(h.body.Bytes())
}
