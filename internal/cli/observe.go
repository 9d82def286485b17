package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dra-archive/dra/internal/run"
	"github.com/dra-archive/dra/web"
)

// EnvMetricsAddr is the address of the operations endpoints of a stage.
const EnvMetricsAddr = "DRA_METRICS_ADDR"

// newRegistry is a process's Prometheus registry with the Go and process
// collectors; every stage registers its own metrics on it.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// readiness is a process's /readyz: every unit has started, and every
// dependency check passes.
type readiness struct {
	started atomic.Bool
	checks  map[string]web.ReadyFunc
}

func newReadiness() *readiness { return &readiness{checks: map[string]web.ReadyFunc{}} }

// funcs are the checks as web.Config wants them. Until every unit has
// started only "started" fails; the others (which read what start-up
// opens) run once it has.
func (r *readiness) funcs() map[string]web.ReadyFunc {
	m := map[string]web.ReadyFunc{"started": func(context.Context) error {
		if !r.started.Load() {
			return errors.New("starting")
		}
		return nil
	}}
	for k, v := range r.checks {
		m[k] = func(ctx context.Context) error {
			if !r.started.Load() {
				return errors.New("starting")
			}
			return v(ctx)
		}
	}
	return m
}

func (r *readiness) serve(w http.ResponseWriter, req *http.Request) {
	ctx, cancel := context.WithTimeout(req.Context(), 5*time.Second)
	defer cancel()
	status := map[string]string{}
	code := http.StatusOK
	for name, check := range r.funcs() {
		if err := check(ctx); err != nil {
			status[name] = err.Error()
			code = http.StatusServiceUnavailable
			continue
		}
		status[name] = "ok"
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(status)
}

// opsHandler serves /metrics, /healthz and /readyz: what --metrics-addr
// listens with on every stage.
func opsHandler(g prometheus.Gatherer, r *readiness) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
	mux.HandleFunc("GET /readyz", r.serve)
	return mux
}

// httpUnit serves h on addr: it listens at start-up (a taken port fails the
// start) and shuts down gracefully when stopped.
func httpUnit(name, addr string, h http.Handler, logger *slog.Logger, onListen func(string)) run.Unit {
	var ln net.Listener
	srv := web.NewServer(addr, h)
	return run.Unit{Name: name,
		Start: func(context.Context) error {
			var err error
			if ln, err = net.Listen("tcp", addr); err != nil {
				return fmt.Errorf("listen %s: %w", addr, err)
			}
			logger.Info("listening", "component", name, "addr", "http://"+ln.Addr().String())
			if onListen != nil {
				onListen(ln.Addr().String())
			}
			return nil
		},
		Run: func(ctx context.Context) error {
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := srv.Shutdown(sctx)
			if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
				err = errors.Join(err, serr)
			}
			return err
		},
		Close: func() error {
			if ln != nil {
				_ = ln.Close()
			}
			return nil
		},
	}
}

// instrumentHTTP observes every request's duration in
// dra_http_request_duration_seconds, by method, route class and status.
func instrumentHTTP(reg prometheus.Registerer, next http.Handler) http.Handler {
	hist := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "dra_http_request_duration_seconds",
		Help:    "Duration of HTTP requests to the API and UI, by method, route (api, admin, ops, ui) and status code.",
		Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
	}, []string{"method", "route", "code"})
	reg.MustRegister(hist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		hist.WithLabelValues(methodLabel(r.Method), routeClass(r.URL.Path), strconv.Itoa(sw.code)).Observe(time.Since(start).Seconds())
	})
}

// routeClass keeps the route label's values few.
func routeClass(path string) string {
	switch {
	case len(path) >= len("/api/v1/admin/") && path[:len("/api/v1/admin/")] == "/api/v1/admin/":
		return "admin"
	case len(path) >= 5 && path[:5] == "/api/":
		return "api"
	case path == "/metrics" || path == "/healthz" || path == "/readyz":
		return "ops"
	}
	return "ui"
}

func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (s *statusWriter) WriteHeader(code int) {
	if !s.wrote {
		s.code, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
