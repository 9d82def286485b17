package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/dra-archive/dra/crawler"
)

// TestSourcesPush pushes a sources file into a real embedded NATS server
// with the command and reads the cluster's sources back: every source as
// validated, a second push of a smaller file removes what it lacks, and an
// invalid file writes nothing.
func TestSourcesPush(t *testing.T) {
	srv, conn := startBus(t)
	a := crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", "https://thanhtri.hanoi.gov.vn", false)
	b := crawler.HanoiSource("sontay", "Sơn Tây", "Hà Nội", "https://sontay.hanoi.gov.vn", false)
	code, out, errOut := execute(t, "sources", "push", writeSources(t, a, b), "--nats-url", srv.ClientURL())
	if code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("push: exit %d\n%s%s", code, out, errOut)
	}
	ctx := context.Background()
	cat, err := crawler.OpenCatalog(ctx, conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := cat.Get(ctx, "sontay")
	if err != nil || !ok || got.StartURLs[0] != b.StartURLs[0] || got.District != "Sơn Tây" {
		t.Fatalf("sontay in the cluster: %+v %v %v", got, ok, err)
	}
	code, out, _ = execute(t, "sources", "push", writeSources(t, a), "--nats-url", srv.ClientURL())
	if code != 0 || !strings.Contains(out, "1 unchanged, 1 removed") {
		t.Fatalf("second push: exit %d\n%s", code, out)
	}
	if _, ok, _ := cat.Get(ctx, "sontay"); ok {
		t.Error("a source removed from the file is still in the cluster")
	}
	bad := a
	bad.ID = "Bad ID"
	if code, _, _ := execute(t, "sources", "push", writeSources(t, bad), "--nats-url", srv.ClientURL()); code == 0 {
		t.Error("an invalid file was pushed")
	}
	if _, ok, _ := cat.Get(ctx, "thanhtri"); !ok {
		t.Error("a refused push changed the cluster's sources")
	}
}
