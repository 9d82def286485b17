package web

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimiter is a token bucket per client IP for /api/ requests. Buckets
// idle for ten minutes are forgotten.
type rateLimiter struct {
	limit rate.Limit
	burst int
	now   func() time.Time

	mu      sync.Mutex
	clients map[string]*client
	swept   time.Time
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

func newRateLimiter(perSecond float64, burst int, now func() time.Time) *rateLimiter {
	if perSecond == 0 {
		perSecond = 20
	}
	if burst <= 0 {
		burst = 60
	}
	l := rate.Limit(perSecond)
	if perSecond < 0 {
		l = rate.Inf
	}
	return &rateLimiter{limit: l, burst: burst, now: now, clients: map[string]*client{}}
}

func (rl *rateLimiter) allow(ip string) (bool, time.Duration) {
	if rl.limit == rate.Inf {
		return true, 0
	}
	now := rl.now()
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if now.Sub(rl.swept) > time.Minute {
		for k, c := range rl.clients {
			if now.Sub(c.seen) > 10*time.Minute {
				delete(rl.clients, k)
			}
		}
		rl.swept = now
	}
	c := rl.clients[ip]
	if c == nil {
		c = &client{lim: rate.NewLimiter(rl.limit, rl.burst)}
		rl.clients[ip] = c
	}
	c.seen = now
	res := c.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

func (rl *rateLimiter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			if ok, wait := rl.allow(clientIP(r)); !ok {
				secs := int(math.Ceil(wait.Seconds()))
				w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
				writeError(w, http.StatusTooManyRequests, "too many requests from your address; wait "+strconv.Itoa(max(secs, 1))+" s and try again")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// clientIP is the peer address. A reverse proxy in front must keep one
// connection per client or set its own limits; X-Forwarded-For is not
// trusted, since any client can send it.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
