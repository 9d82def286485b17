package warcstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/warcstore"
)

// runStore is the one suite every Store passes: objects written whole are
// read back byte for byte, from any offset, by size; a missing key is
// ErrNotFound; a key written twice holds the second object.
func runStore(t *testing.T, s warcstore.Store, scheme string) {
	ctx := context.Background()
	big := bytes.Repeat([]byte("0123456789abcdef"), 40<<10) // 640 KiB: several NATS chunks
	for _, tt := range []struct {
		name string
		key  string
		data []byte
	}{
		{"small", "2026/12/06/thanhtri.hanoi.gov.vn/a.warc.gz", []byte("WARC/1.1 one record")},
		{"several chunks", "legacy/DRA-x.warc.gz/1024", big},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.Put(ctx, tt.key, tt.data); err != nil {
				t.Fatal(err)
			}
			if got, want := s.URI(tt.key), scheme+"://"; len(got) < len(want) || got[:len(want)] != want {
				t.Errorf("URI %q, want a %s location", got, scheme)
			}
			size, err := s.Size(ctx, tt.key)
			if err != nil || size != int64(len(tt.data)) {
				t.Errorf("Size: %d %v, want %d", size, err, len(tt.data))
			}
			for _, off := range []int64{0, int64(len(tt.data) / 2), int64(len(tt.data) - 1)} {
				rc, err := s.Open(ctx, tt.key, off)
				if err != nil {
					t.Fatalf("Open at %d: %v", off, err)
				}
				got, err := io.ReadAll(rc)
				rc.Close()
				if err != nil || !bytes.Equal(got, tt.data[off:]) {
					t.Errorf("Open at %d: %d bytes %v, want the %d from there", off, len(got), err, len(tt.data)-int(off))
				}
			}
		})
	}
	if err := s.Put(ctx, "twice", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "twice", []byte("second, longer")); err != nil {
		t.Fatal(err)
	}
	if rc, err := s.Open(ctx, "twice", 0); err != nil {
		t.Error(err)
	} else if got, _ := io.ReadAll(rc); string(got) != "second, longer" {
		t.Errorf("a key written twice reads %q", got)
		rc.Close()
	}
	if _, err := s.Size(ctx, "missing"); !errors.Is(err, warcstore.ErrNotFound) {
		t.Errorf("Size of a missing key: %v, want ErrNotFound", err)
	}
	if _, err := s.Open(ctx, "missing", 0); !errors.Is(err, warcstore.ErrNotFound) {
		t.Errorf("Open of a missing key: %v, want ErrNotFound", err)
	}
}

func startNATS(t *testing.T) jetstream.JetStream {
	t.Helper()
	emb, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: t.TempDir()}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emb.Shutdown)
	nc, err := nats.Connect(emb.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// startS3 serves S3 on loopback: gofakes3, an S3 API implementation over
// HTTP, with an in-memory backend.
func startS3(t *testing.T) warcstore.S3Config {
	t.Helper()
	srv := httptest.NewServer(gofakes3.New(s3mem.New(), gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	t.Cleanup(srv.Close)
	return warcstore.S3Config{Endpoint: srv.URL, Region: "us-east-1", AccessKey: "dra", SecretKey: "dra-secret"}
}

func TestNATSStore(t *testing.T) {
	js := startNATS(t)
	s, err := warcstore.OpenNATS(context.Background(), js, "dra-warc", 1)
	if err != nil {
		t.Fatal(err)
	}
	runStore(t, s, warcstore.SchemeNATS)
	if _, err := warcstore.ExistingNATS(context.Background(), js, "no-such-bucket"); !errors.Is(err, warcstore.ErrNotFound) {
		t.Errorf("ExistingNATS of a missing bucket: %v", err)
	}
}

func TestS3Store(t *testing.T) {
	cfg := startS3(t)
	s, err := warcstore.OpenS3(context.Background(), cfg, "dra-warc", true)
	if err != nil {
		t.Fatal(err)
	}
	runStore(t, s, warcstore.SchemeS3)
	// Opening again finds the bucket it made.
	if _, err := warcstore.OpenS3(context.Background(), cfg, "dra-warc", true); err != nil {
		t.Error(err)
	}
}

// TestReader reads each kind of location through one Reader: the shared
// stores, a local file by bare name and by file:// URI, and the migrated
// copy of a file that is not on this node's disk.
func TestReader(t *testing.T) {
	ctx := context.Background()
	js := startNATS(t)
	ns, err := warcstore.OpenNATS(ctx, js, "dra-warc", 1)
	if err != nil {
		t.Fatal(err)
	}
	s3cfg := startS3(t)
	ss, err := warcstore.OpenS3(ctx, s3cfg, "bucket", true)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "local.warc.gz"), []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustPut(t, ns, "a/b.warc.gz", "in nats")
	mustPut(t, ss, "x/y.warc.gz", "in s3")
	mustPut(t, ns, "pre/"+warcstore.LegacyKey("gone.warc.gz", 42), "migrated record")
	rd := &warcstore.Reader{Dir: dir, JS: js, S3: s3cfg, Migrated: ns, MigratedPrefix: "pre"}
	for _, tt := range []struct {
		loc  string
		off  int64
		want string
	}{
		{"nats-os://dra-warc/a/b.warc.gz", 3, "nats"},
		{"s3://bucket/x/y.warc.gz", 0, "in s3"},
		{"local.warc.gz", 4, "456789"},
		{"file://" + filepath.ToSlash(filepath.Join(dir, "local.warc.gz")), 8, "89"},
		{"gone.warc.gz", 42, "migrated record"},
		{"file:///elsewhere/gone.warc.gz", 42, "migrated record"},
	} {
		t.Run(tt.loc, func(t *testing.T) {
			rc, where, err := rd.Open(ctx, tt.loc, tt.off)
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			got, _ := io.ReadAll(rc)
			if string(got) != tt.want {
				t.Errorf("read %q from %s, want %q", got, where, tt.want)
			}
		})
	}
	for _, loc := range []string{"gone.warc.gz@1", "../local.warc.gz", "file:///etc/passwd", "ftp://x/y", "nats-os://dra-warc/missing", "s3://bucket/missing"} {
		if rc, _, err := rd.Open(ctx, loc, 1); err == nil {
			rc.Close()
			t.Errorf("%s: read, want an error", loc)
		}
	}
	// A relative Dir (the default data directory is "data") reads the same.
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Fatal(err)
	}
	if rc, _, err := (&warcstore.Reader{Dir: rel}).Open(ctx, "local.warc.gz", 2); err != nil {
		t.Errorf("bare name in a relative Dir: %v", err)
	} else {
		got, _ := io.ReadAll(rc)
		rc.Close()
		if string(got) != "23456789" {
			t.Errorf("bare name in a relative Dir: %q", got)
		}
	}
	if _, _, err := (&warcstore.Reader{Dir: dir}).Open(ctx, "nats-os://dra-warc/a/b.warc.gz", 0); err == nil {
		t.Error("nats-os:// read without a NATS connection")
	}
}

func mustPut(t *testing.T, s warcstore.Store, key, data string) {
	t.Helper()
	if err := s.Put(context.Background(), key, []byte(data)); err != nil {
		t.Fatal(err)
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    warcstore.Location
		wantErr bool
	}{
		{in: "nats-os://dra-warc/2026/12/06/h/u.warc.gz", want: warcstore.Location{Scheme: "nats-os", Bucket: "dra-warc", Key: "2026/12/06/h/u.warc.gz"}},
		{in: "s3://b/k", want: warcstore.Location{Scheme: "s3", Bucket: "b", Key: "k"}},
		{in: "file:///srv/warc/a.warc.gz", want: warcstore.Location{Scheme: "file", Key: "/srv/warc/a.warc.gz"}},
		{in: "DRA-1.warc.gz", want: warcstore.Location{Key: "DRA-1.warc.gz"}},
		{in: "", wantErr: true},
		{in: "../a.warc.gz", wantErr: true},
		{in: "file:///srv/../etc/passwd", wantErr: true},
		{in: "file://host/a", wantErr: true},
		{in: "s3://b/", wantErr: true},
		{in: "http://x/y", wantErr: true},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := warcstore.ParseLocation(tt.in)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Errorf("ParseLocation: %+v %v, want %+v (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
	for _, tt := range []struct {
		in      string
		want    warcstore.Target
		wantErr bool
	}{
		{in: warcstore.DefaultURL, want: warcstore.Target{Scheme: "nats-os", Bucket: "dra-warc"}},
		{in: "s3://archive/dra/warc/", want: warcstore.Target{Scheme: "s3", Bucket: "archive", Prefix: "dra/warc"}},
		{in: "file:///srv/warc", want: warcstore.Target{Scheme: "file", Dir: "/srv/warc"}},
		{in: "nats-os://bad.bucket", wantErr: true},
		{in: "data/warc", wantErr: true},
		{in: "s3://", wantErr: true},
	} {
		t.Run(fmt.Sprint("target ", tt.in), func(t *testing.T) {
			got, err := warcstore.ParseTarget(tt.in)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Errorf("ParseTarget: %+v %v, want %+v (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
