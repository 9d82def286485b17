package web_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/vietnamese"
	"github.com/dra-archive/dra/web"
)

// gapArticle is a report of Thanh Trì with one figure of test.gap for year.
func gapArticle(id string, year int, published time.Time, value float64, estimate, about bool) search.Article {
	y := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")
	return search.Article{ID: id, Version: 1, FetchedAt: published, URL: "https://thanhtri.hanoi.gov.vn/" + id,
		SourceID: "thanhtri", District: "Thanh Trì", Province: "Hà Nội", Title: "Báo cáo năm " + y, Body: "Số liệu.",
		PublishedAt: &published, Metrics: []search.Metric{{Key: "test.gap", Unit: "đảng viên", Value: value, Text: "Số liệu",
			Estimate: estimate, ReportOn: about, Measure: event.MeasureFlow,
			Period: &event.Period{Kind: event.PeriodYear, Start: y + "-01-01", End: y + "-12-31", Label: y, Found: event.FoundSentence}}}}
}

// TestBrowserTrendGaps: a year nobody reported is a gap in the chart (no
// line drawn across it) and an empty cell in the table; an estimate and a
// conflict are marked in both; each figure links to its source article.
func TestBrowserTrendGaps(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests in -short mode")
	}
	store, err := bleve.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, vietnamese.TimeZone) }
	docs := []search.Article{
		gapArticle("g2016", 2016, at(2017, 1, 9), 310, false, true),
		gapArticle("g2017", 2017, at(2018, 1, 8), 320, false, true),
		// 2018: nothing reported.
		gapArticle("g2019", 2019, at(2020, 1, 7), 330, false, true),
		gapArticle("g2019-news", 2019, at(2021, 4, 2), 333, false, false), // disagrees: a conflict
		gapArticle("g2020", 2020, at(2020, 12, 15), 340, true, true),      // only an estimate
	}
	if errs, err := store.Upsert(t.Context(), docs); err != nil || errs[0] != nil {
		t.Fatal(err, errs)
	}
	srv := httptest.NewServer(web.App(web.Config{Store: store}, web.Extras{}))
	t.Cleanup(srv.Close)

	ctx := newBrowser(t, 1280, 900)
	b := browser{t, ctx}
	b.do(chromedp.Navigate(srv.URL+"/trends?key=test.gap&by=district&interval=year"), ready("/trends"))
	segments := eval[int](b, `document.querySelectorAll('svg.linechart g.series polyline.seg').length`)
	points := eval[int](b, `document.querySelectorAll('svg.linechart circle.pt').length`)
	gapCells := eval[[]string](b, `[...document.querySelectorAll('table.trendtable tbody tr')].filter(r => r.querySelector('td.gap')).map(r => r.querySelector('th').textContent)`)
	estimates := eval[int](b, `document.querySelectorAll('svg.linechart circle.pt.estimate').length + document.querySelectorAll('table.trendtable td.estimate .flag.est').length`)
	conflicts := eval[int](b, `document.querySelectorAll('svg.linechart circle.pt.conflict').length + document.querySelectorAll('table.trendtable td.conflict .flag.conflict').length`)
	link2019 := eval[string](b, `[...document.querySelectorAll('table.trendtable tbody tr')].find(r => r.querySelector('th').textContent === '2019').querySelector('a').dataset.article`)
	cell2019 := eval[string](b, `[...document.querySelectorAll('table.trendtable tbody tr')].find(r => r.querySelector('th').textContent === '2019').querySelector('td').textContent`)
	b.shot("trends-gap.png")
	if segments != 2 || points != 4 {
		t.Errorf("chart: %d line segments and %d points, want 2 segments (2016-2017, 2019-2020) around the gap and 4 points", segments, points)
	}
	if len(gapCells) != 1 || gapCells[0] != "2018" {
		t.Errorf("empty table cells in %v, want 2018 only", gapCells)
	}
	if estimates != 2 || conflicts != 2 {
		t.Errorf("estimate marks %d, conflict marks %d; want 2 each (chart and table)", estimates, conflicts)
	}
	if link2019 != "g2019" {
		t.Errorf("2019 links to %q, want the report g2019", link2019)
	}
	if cell2019 != "⚠330" {
		t.Errorf("2019 cell %q, want the report's 330 marked as a conflict", cell2019)
	}
}
