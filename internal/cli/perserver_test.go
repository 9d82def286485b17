package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
)

// TestCrawlPerServer crawls two portals of one server (two listeners on
// 127.0.0.1, one named localhost, so one is found through the resolver)
// with dra crawl --once --workers 2: they are on different hosts, so
// without the per-server limit they are crawled at once; with
// DRA_CRAWL_PER_SERVER (or --per-server) the portals' own request logs show
// one crawl after the other, and every article is still crawled.
func TestCrawlPerServer(t *testing.T) {
	for _, tt := range []struct {
		name      string
		env, flag string
		perServer bool
	}{
		{"env", "true", "", true},
		{"flag", "", "--per-server", true},
		{"off", "", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvPerServer, tt.env)
			srv, conn := startBus(t)
			var ps []*portalsim.Portal
			var srcs []crawler.Source
			for i, d := range []string{"sontay", "thanhtri"} {
				p := startPortal(t, portalsim.Config{Seed: int64(60 + i), District: d, Articles: 5, PageSize: 10})
				base := p.URL()
				if i == 0 {
					base = strings.Replace(base, "127.0.0.1", "localhost", 1)
				}
				s := crawler.HanoiSource(d, d, "Hà Nội", base, true)
				s.Politeness = crawler.Politeness{Delay: 10 * time.Millisecond, Parallelism: 1, Timeout: 10 * time.Second}
				ps, srcs = append(ps, p), append(srcs, s)
			}
			args := []string{"crawl", "--once", "--workers", "2", "--sources", writeSources(t, srcs...), "--nats-url", srv.ClientURL(),
				"--data-dir", t.TempDir(), "--log-level", "error"}
			if tt.flag != "" {
				args = append(args, tt.flag)
			}
			var out, errb bytes.Buffer
			if code := Execute(args, &out, &errb); code != 0 {
				t.Fatalf("crawl --once: exit %d\n%s%s", code, out.String(), errb.String())
			}
			if got, want := streamMsgs(conn, event.StreamFetched), uint64(len(ps[0].Articles())+len(ps[1].Articles())); got != want {
				t.Errorf("%d fetched events, the portals have %d articles", got, want)
			}
			a, b := ps[0].RequestTimes(), ps[1].RequestTimes()
			if len(a) == 0 || len(b) == 0 {
				t.Fatalf("requests: %d and %d", len(a), len(b))
			}
			overlap := a[0].Before(b[len(b)-1]) && b[0].Before(a[len(a)-1])
			t.Logf("%d requests %s-%s, %d requests %s-%s", len(a), a[0].Format("05.000"), a[len(a)-1].Format("05.000"),
				len(b), b[0].Format("05.000"), b[len(b)-1].Format("05.000"))
			if overlap == tt.perServer {
				t.Errorf("crawls of the two portals of one server overlapped: %v, want %v", overlap, !tt.perServer)
			}
		})
	}
}
