package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/internal/warcstore"
)

// portalBytes is what the portal serves at u, byte for byte: the truth an
// archived original is checked against.
func portalBytes(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func articleID(t *testing.T, a portalsim.Article) string {
	t.Helper()
	u, err := crawler.Canonical(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	return event.ArticleID(u)
}

// TestArchiveMigrate crawls into local WARC files (as every crawler did
// before the shared archive), reads an article by scanning them, moves them
// into the JetStream object store with "dra archive migrate", and reads
// every article from a node that has none of the files. A second run sends
// nothing; a run after records and a file's done mark were lost resends
// exactly those; a file cut by a crash is migrated up to the cut and
// reported.
func TestArchiveMigrate(t *testing.T) {
	srv, conn := startBus(t)
	p := startPortal(t, portalsim.Config{Seed: 43, District: "thuongtin", Articles: 24, Faults: portalsim.Faults{Windows1258: true}})
	sourcesFile := writeSources(t, crawler.HanoiSource("thuongtin", "Thường Tín", "Hà Nội", p.URL(), true))
	dataDir := t.TempDir()
	warcDir := filepath.Join(dataDir, "warc")
	var out, errb bytes.Buffer
	if code := Execute([]string{"crawl", "--once", "--sources", sourcesFile, "--nats-url", srv.ClientURL(), "--data-dir", dataDir,
		"--archive", "file://" + warcDir, "--warc-size", "40000", "--log-level", "error"}, &out, &errb); code != 0 {
		t.Fatalf("crawl --once: exit %d\n%s%s", code, out.String(), errb.String())
	}
	files, _ := filepath.Glob(filepath.Join(warcDir, "*.warc.gz"))
	if len(files) < 2 {
		t.Fatalf("%d local WARC files, want several", len(files))
	}
	a := p.Articles()[5]
	id, want := articleID(t, a), portalBytes(t, a.URL)
	out.Reset()
	errb.Reset()
	if code := Execute([]string{"archive", "get", id, "--data-dir", dataDir, "--nats-url", ""}, &out, &errb); code != 0 || !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("archive get by scan: exit %d, %d bytes, want %d: %s", code, out.Len(), len(want), errb.String())
	}

	// A copy of a file cut in the middle of a record (a crash while writing).
	whole, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(warcDir, "DRA-cut.warc.gz")
	if err := os.WriteFile(cut, whole[:len(whole)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	// The files are old ones: a file written to in the last minute is
	// migrated but not marked done (a crawler may still be writing it).
	hourAgo := time.Now().Add(-time.Hour)
	for _, f := range append(files, cut) {
		if err := os.Chtimes(f, hourAgo, hourAgo); err != nil {
			t.Fatal(err)
		}
	}

	migrate := func() (int, string) {
		var out, errb bytes.Buffer
		code := Execute([]string{"archive", "migrate", "--nats-url", srv.ClientURL(), "--data-dir", dataDir, "--log-level", "error"}, &out, &errb)
		return code, errb.String()
	}
	code, log := migrate()
	if code == 0 || !strings.Contains(log, "DRA-cut.warc.gz") {
		t.Errorf("first migrate: exit %d, the cut file not reported:\n%s", code, log)
	}
	total := sentRecords(t, log)
	if total == 0 {
		t.Fatalf("first migrate sent nothing:\n%s", log)
	}
	if n := strings.Count(log, ", done\n"); n != len(files) {
		t.Errorf("%d files marked done, want %d:\n%s", n, len(files), log)
	}
	if err := os.Remove(cut); err != nil {
		t.Fatal(err)
	}

	code, log = migrate()
	if code != 0 || strings.Count(log, "already migrated") != len(files) || sentRecords(t, log) != 0 {
		t.Errorf("second migrate: exit %d, want every file skipped:\n%s", code, log)
	}

	// Lose a file's done mark and two of its records: the next run sends
	// those two again, and nothing else.
	obs, err := conn.JS.ObjectStore(context.Background(), warcstore.DefaultBucket)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(files[1])
	var offsets []int64
	if err := crawler.SplitWARC(files[1], func(off int64, _ []byte) error { offsets = append(offsets, off); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{warcstore.LegacyDoneKey(name), warcstore.LegacyKey(name, offsets[1]), warcstore.LegacyKey(name, offsets[len(offsets)-1])} {
		if err := obs.Delete(context.Background(), key); err != nil {
			t.Fatalf("delete %s: %v", key, err)
		}
	}
	code, log = migrate()
	if code != 0 || sentRecords(t, log) != 2 || strings.Count(log, "already migrated") != len(files)-1 {
		t.Errorf("migrate after a loss: exit %d, want 2 records sent and the other files skipped:\n%s", code, log)
	}

	// The local files are gone (another node): every article reads from the
	// migrated records, through the CLI and through the API's path.
	if err := os.RemoveAll(warcDir); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errb.Reset()
	if code := Execute([]string{"archive", "get", id, "--data-dir", t.TempDir(), "--nats-url", srv.ClientURL()}, &out, &errb); code != 0 || !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("archive get of a migrated record: exit %d, %d bytes, want %d: %s", code, out.Len(), len(want), errb.String())
	}
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: dataDir, natsURL: srv.ClientURL()}
	w := o.webExtras(conn, stages{})
	for _, a := range p.Articles() {
		_, body, err := w.Archive(context.Background(), articleID(t, a), nil)
		if err != nil {
			t.Fatalf("%s: %v", a.URL, err)
		}
		if !bytes.Equal(body, portalBytes(t, a.URL)) {
			t.Errorf("%s: migrated original differs from what the portal serves", a.URL)
		}
	}
}

var sentRE = regexp.MustCompile(`records \((\d+) sent`)

// sentRecords reads the records sent from migrate's summary line.
func sentRecords(t *testing.T, log string) int {
	t.Helper()
	m := sentRE.FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("no summary in:\n%s", log)
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

// TestArchiveAcrossCluster: on a 3-node NATS cluster with replicas 3, an
// article archived by a crawler connected to one node is read through a
// connection to another, and still after the first node is shut down.
func TestArchiveAcrossCluster(t *testing.T) {
	nodes, _ := startCluster(t)
	p := startPortal(t, portalsim.Config{Seed: 44, District: "sontay", Articles: 20})
	sourcesFile := writeSources(t, crawler.HanoiSource("sontay", "Sơn Tây", "Hà Nội", p.URL(), true))
	var out, errb bytes.Buffer
	if code := Execute([]string{"crawl", "--once", "--sources", sourcesFile, "--nats-url", nodes[0].ClientURL(), "--replicas", "3",
		"--data-dir", t.TempDir(), "--log-level", "error"}, &out, &errb); code != 0 {
		t.Fatalf("crawl --once on node 1: exit %d\n%s%s", code, out.String(), errb.String())
	}
	readAll := func(node int) {
		t.Helper()
		nc, err := nats.Connect(nodes[node].ClientURL())
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err != nil {
			t.Fatal(err)
		}
		o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: t.TempDir(), natsURL: nodes[node].ClientURL()}
		for _, a := range p.Articles() {
			ref, err := o.findArchived(context.Background(), js, articleID(t, a), nil)
			if err != nil {
				t.Fatalf("node %d: %s: %v", node+1, a.URL, err)
			}
			if !strings.HasPrefix(ref.File, "nats-os://"+warcstore.DefaultBucket+"/") {
				t.Errorf("%s: record at %s, want the object store", a.URL, ref.File)
			}
			_, body, err := crawler.ReadArchivedFrom(context.Background(), o.archiveReader(context.Background(), js), ref)
			if err != nil {
				t.Fatalf("node %d: %s: %v", node+1, a.URL, err)
			}
			if !bytes.Equal(body, portalBytes(t, a.URL)) {
				t.Errorf("node %d: %s: archived original differs from what the portal serves", node+1, a.URL)
			}
		}
	}
	readAll(2)
	nodes[0].Shutdown()
	nodes[0].WaitForShutdown()
	readAll(1)
	a := p.Articles()[0]
	out.Reset()
	errb.Reset()
	if code := Execute([]string{"archive", "get", articleID(t, a), "--nats-url", nodes[2].ClientURL(), "--data-dir", t.TempDir()}, &out, &errb); code != 0 ||
		!bytes.Equal(out.Bytes(), portalBytes(t, a.URL)) {
		t.Errorf("archive get on node 3 with node 1 down: exit %d, %d bytes: %s", code, out.Len(), errb.String())
	}
}

// TestArchiveS3 crawls with --archive s3://... against an S3 server on
// loopback (gofakes3, an S3 API over HTTP) with the keys from the
// environment, and reads the article from another node's data directory.
func TestArchiveS3(t *testing.T) {
	s3srv := httptest.NewServer(gofakes3.New(s3mem.New(), gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	t.Cleanup(s3srv.Close)
	t.Setenv(EnvS3AccessKey, "dra")
	t.Setenv(EnvS3SecretKey, "dra-secret")
	t.Setenv(EnvS3Region, "us-east-1")
	srv, _ := startBus(t)
	p := startPortal(t, portalsim.Config{Seed: 45, District: "thanhtri", Articles: 12})
	sourcesFile := writeSources(t, crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", p.URL(), true))
	archive := []string{"--archive", "s3://dra-warc/site-a", "--s3-endpoint", s3srv.URL}
	var out, errb bytes.Buffer
	if code := Execute(append([]string{"crawl", "--once", "--sources", sourcesFile, "--nats-url", srv.ClientURL(), "--data-dir", t.TempDir(),
		"--log-level", "error"}, archive...), &out, &errb); code != 0 {
		t.Fatalf("crawl --once: exit %d\n%s%s", code, out.String(), errb.String())
	}
	for _, a := range p.Articles() {
		out.Reset()
		errb.Reset()
		if code := Execute(append([]string{"archive", "get", articleID(t, a), "--headers", "--nats-url", srv.ClientURL(), "--data-dir", t.TempDir()}, archive...), &out, &errb); code != 0 {
			t.Fatalf("archive get: exit %d: %s", code, errb.String())
		}
		if !bytes.Equal(out.Bytes(), portalBytes(t, a.URL)) {
			t.Errorf("%s: archived original differs from what the portal serves", a.URL)
		}
		if !strings.Contains(errb.String(), "in s3://dra-warc/site-a/") {
			t.Errorf("%s: record not in the S3 archive: %s", a.URL, errb.String())
		}
	}
}
