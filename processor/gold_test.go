package processor

import (
	"path/filepath"
	"testing"

	"github.com/dra-archive/dra/processor/eval"
)

// extractGold runs the full extraction on a gold file's article.
func extractGold(t *testing.T, goldPath string) (eval.Gold, Record) {
	t.Helper()
	g, err := eval.Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(filepath.Dir(goldPath), filepath.Base(g.SourceFile))
	page, err := readFile(src)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ExtractRecord(page, Options{URL: g.URL})
	if err != nil {
		t.Fatal(err)
	}
	return g, r
}

func fieldsOf(r Record) eval.Fields {
	return eval.Fields{Title: r.Title, Category: r.Category, PublishedAt: r.PublishedAt, Views: r.Views,
		District: r.District, Province: r.Province, Documents: r.Documents}
}

// TestSeedGold scores the seed article against shared/eval's gold file:
// metric F1 at least 0.95 with every target and plan percentage right, and
// the metadata, author and documents exact.
func TestSeedGold(t *testing.T) {
	g, r := extractGold(t, "testdata/thanhtri-2020-03-18.gold.json")
	s := eval.ScoreMetrics(g, r.Metrics)
	t.Logf("seed: P=%.3f R=%.3f F1=%.3f (%d gold, %d predicted, %d matched, %d neutral)",
		s.Precision(), s.Recall(), s.F1(), s.Gold, s.Predicted, s.Matched, s.Neutral)
	for _, n := range s.Notes {
		t.Log(n)
	}
	if s.F1() < 0.95 {
		t.Errorf("seed metric F1 = %.3f, want >= 0.95", s.F1())
	}
	if s.TargetPlanErrors > 0 {
		t.Errorf("%d targets or plan percentages wrong", s.TargetPlanErrors)
	}
	if s.PeriodLabelled == 0 || s.PeriodErrors > 0 {
		t.Errorf("%d of %d labelled periods wrong", s.PeriodErrors, s.PeriodLabelled)
	}
	for _, e := range eval.CheckFields(g, fieldsOf(r)) {
		t.Error(e)
	}
	if !eval.AuthorsRight(g, r.Authors) {
		t.Errorf("authors = %+v, want %+v", r.Authors, g.Authors)
	}
}

// TestGoldSet scores the hand-labelled articles of testdata/gold: metric
// F1 over all files at least 0.9, authors right on at least 90% of them.
func TestGoldSet(t *testing.T) {
	files, err := filepath.Glob("testdata/gold/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("%d gold files, want at least 15", len(files))
	}
	var total eval.Score
	authorsRight, fieldErrs := 0, 0
	for _, f := range files {
		g, r := extractGold(t, f)
		s := eval.ScoreMetrics(g, r.Metrics)
		total.Add(s)
		if eval.AuthorsRight(g, r.Authors) {
			authorsRight++
		} else {
			t.Logf("%s: authors = %+v, want %+v", filepath.Base(f), r.Authors, g.Authors)
		}
		for _, e := range eval.CheckFields(g, fieldsOf(r)) {
			fieldErrs++
			t.Logf("%s: %s", filepath.Base(f), e)
		}
	}
	for _, n := range total.Notes {
		t.Log(n)
	}
	acc := float64(authorsRight) / float64(len(files))
	t.Logf("gold set: %d files, metric P=%.3f R=%.3f F1=%.3f (%d gold, %d predicted, %d matched); target/plan errors %d, kind errors %d, qualifier errors %d; authors %.0f%%; field errors %d",
		len(files), total.Precision(), total.Recall(), total.F1(), total.Gold, total.Predicted, total.Matched,
		total.TargetPlanErrors, total.KindErrors, total.QualifierErrors, 100*acc, fieldErrs)
	t.Logf("periods: %d of %d labelled right", total.PeriodLabelled-total.PeriodErrors, total.PeriodLabelled)
	if total.PeriodLabelled < 10 || total.PeriodErrors > 0 {
		t.Errorf("%d of %d labelled periods wrong", total.PeriodErrors, total.PeriodLabelled)
	}
	if total.F1() < 0.9 {
		t.Errorf("gold set metric F1 = %.3f, want >= 0.9", total.F1())
	}
	if acc < 0.9 {
		t.Errorf("authors right on %.0f%% of the gold set, want >= 90%%", 100*acc)
	}
}
