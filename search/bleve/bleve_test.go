package bleve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	"go.uber.org/goleak"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
)

func TestMain(m *testing.M) {
	// Bleve starts its analysis workers once per process, at init, and never
	// stops them; everything an index starts ends in Close.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/blevesearch/bleve_index_api.AnalysisWorker"))
}

func openStore(t *testing.T, path string) *bleve.Store {
	t.Helper()
	s, err := bleve.Open(path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Store {
		return openStore(t, filepath.Join(t.TempDir(), "index"))
	}, searchtest.Capabilities{})
}

func TestConformanceInMemory(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Store {
		return openStore(t, "")
	}, searchtest.Capabilities{SkipDeepPagination: true}) // TestConformance pages past the window on disk
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	s, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := searchtest.Fixtures()
	if _, err := s.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, path)
	checkStored(t, s, docs)
}

// checkStored checks that s holds docs and answers a search over them.
func checkStored(t *testing.T, s search.Store, docs []search.Article) {
	t.Helper()
	n, err := s.Count(t.Context())
	if err != nil || n != len(docs) {
		t.Fatalf("Count = %d, %v; want %d, nil", n, err, len(docs))
	}
	got, err := s.Get(t.Context(), searchtest.SeedID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if want := docs[0]; got.Title != want.Title || got.Version != want.Version || got.Body != want.Body {
		t.Errorf("Get = %q (version %d), want %q (version %d)", got.Title, got.Version, want.Title, want.Version)
	}
	res, err := s.Search(t.Context(), search.Query{Text: "nang luc lanh dao"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != searchtest.SeedID {
		t.Errorf("Search = %+v, %v; want the seed first", res, err)
	}
}

func TestOpenRefusesOtherLayouts(t *testing.T) {
	t.Run("index with another mapping", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "index")
		idx, err := blevesearch.New(path, blevesearch.NewIndexMapping())
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err := bleve.Open(path); err == nil || !strings.Contains(err.Error(), "rebuild") {
			if s != nil {
				s.Close()
			}
			t.Fatalf("Open of an index with another layout: %v, want an error asking for a rebuild", err)
		}
	})
	t.Run("broken index", func(t *testing.T) {
		path := t.TempDir()
		if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if s, err := bleve.Open(path); err == nil {
			s.Close()
			t.Fatal("Open of a broken index: nil error")
		}
	})
}

const killEnv = "DRA_BLEVE_KILL_INDEX"

// TestDurableAfterKill upserts in a child process that SIGKILLs itself as
// soon as Upsert returns, then reopens the index: what Upsert acknowledged
// must be there.
func TestDurableAfterKill(t *testing.T) {
	if path := os.Getenv(killEnv); path != "" {
		upsertAndDie(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "index")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestDurableAfterKill$")
	cmd.Env = append(os.Environ(), killEnv+"="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if !bytes.Contains(out.Bytes(), []byte("upserted\n")) {
		t.Fatalf("child did not upsert (%v): %s", err, out.Bytes())
	}
	if err == nil {
		t.Fatalf("child exited cleanly, want it killed: %s", out.Bytes())
	}
	s := openStore(t, path)
	checkStored(t, s, searchtest.Fixtures())
}

func upsertAndDie(path string) {
	s, err := bleve.Open(path)
	if err != nil {
		panic(err)
	}
	// Two batches, so the index has more than one segment to recover.
	docs := searchtest.Fixtures()
	for _, b := range [][]search.Article{docs[:1], docs[1:]} {
		errs, err := s.Upsert(context.Background(), b)
		if err != nil {
			panic(err)
		}
		for _, err := range errs {
			if err != nil {
				panic(err)
			}
		}
	}
	os.Stdout.WriteString("upserted\n")
	p, err := os.FindProcess(os.Getpid())
	if err == nil {
		err = p.Kill() // SIGKILL on Unix: no deferred work, no Close
	}
	if err != nil {
		panic(err)
	}
	time.Sleep(time.Minute) // until the signal lands
	panic("not killed")
}

// TestReindexOldLayout writes an index in the previous layout (articles
// only, layout dra-bleve-1), checks that Open refuses it, and rebuilds it.
func TestReindexOldLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	m := blevesearch.NewIndexMapping()
	doc := blevesearch.NewDocumentStaticMapping()
	stored := blevesearch.NewTextFieldMapping()
	stored.Index, stored.Store = false, true
	doc.AddFieldMappingsAt("article", stored)
	m.DefaultMapping = doc
	old, err := blevesearch.New(path, m)
	if err != nil {
		t.Fatal(err)
	}
	docs := append(searchtest.Fixtures(), searchtest.PortalArticles()[:30]...)
	metrics := 0
	for _, a := range docs {
		metrics += len(a.Metrics)
		raw, _ := json.Marshal(a)
		if err := old.Index(a.ID, map[string]any{"article": string(raw)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.SetInternal([]byte("dra_mapping_version"), []byte("dra-bleve-1")); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err := bleve.Open(path); err == nil {
		s.Close()
		t.Fatal("Open accepted the old layout")
	}
	rep, err := bleve.Reindex(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != len(docs) || rep.Metrics != metrics || rep.Old == "" {
		t.Errorf("report %+v, want %d articles and %d metrics", rep, len(docs), metrics)
	}
	s := openStore(t, path)
	if n, err := s.Count(t.Context()); err != nil || n != len(docs) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(docs))
	}
	if m, err := s.Metrics(t.Context(), search.MetricQuery{}); err != nil || m.Total != metrics {
		t.Errorf("metrics = %d, %v; want %d", m.Total, err, metrics)
	}
}
