package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dra-archive/dra/internal/testenv"
	"github.com/dra-archive/dra/search"
)

// chromiumPath finds Debian's chromium. Missing, the browser tests fail
// under CI=true (scripts/install-browser.sh installs it) and skip elsewhere.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("DRA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if testenv.CI() {
		t.Fatal("chromium is not installed; run scripts/install-browser.sh")
	}
	t.Skip("chromium is not installed (scripts/install-browser.sh installs it); skipping the browser tests")
	return ""
}

// screenshotDir is test-output/screenshots at the module root.
func screenshotDir(t *testing.T) string {
	dir := filepath.Join("..", "test-output", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// browser runs actions in one tab, each step bounded in time.
type browser struct {
	t   *testing.T
	ctx context.Context
}

func (b browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

func eval[T any](b browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// until waits for a JavaScript condition to hold, across navigations (a
// page being replaced fails an evaluation; it is tried again).
func until(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		deadline := time.Now().Add(15 * time.Second)
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, tg)
			if err == nil && ok {
				return chromedp.Void{}, nil
			}
			if time.Now().After(deadline) {
				return chromedp.Void{}, fmt.Errorf("waited 15 s for %s (last error: %v)", expr, err)
			}
			select {
			case <-ctx.Done():
				return chromedp.Void{}, ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// ready waits for the page at path to have rendered.
func ready(path string) chromedp.Action[chromedp.Void] {
	return until(`location.pathname === ` + jsString(path) + ` && document.body.dataset.ready === 'true'`)
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func (b browser) shot(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(b.t), name), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// view saves what the window shows (the top of a long page).
func (b browser) view(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(b.t), name), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests in -short mode")
	}
	srv, c, _ := newApp(t, nil)
	ctx := newBrowser(t, 1280, 900)
	nav := chromedp.Navigate
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	t.Run("search with and without diacritics finds the seed first", func(t *testing.T) {
		b := browser{t, ctx}
		for _, q := range []string{"năng lực lãnh đạo", "nang luc lanh dao"} {
			b.do(nav(srv.URL+"/"), ready("/"),
				chromedp.SendKeys(css(`input[name=q]`), q),
				chromedp.Click(css(`form.searchform button[type=submit]`)),
				until(`new URLSearchParams(location.search).get('q') === `+jsString(q)+` && document.body.dataset.ready === 'true'`))
			first := eval[string](b, `document.querySelector('li.hit').dataset.id`)
			count := eval[string](b, `document.querySelector('.count').textContent`)
			marks := eval[int](b, `document.querySelectorAll('li.hit mark').length`)
			if first != c.seedID {
				t.Errorf("%q: first hit %s, want the seed %s", q, first, c.seedID)
			}
			if !strings.Contains(count, "kết quả") || marks == 0 {
				t.Errorf("%q: count %q, %d highlighted words", q, count, marks)
			}
		}
		b.shot("search.png")
	})

	t.Run("a facet click narrows the results", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(nav(srv.URL+"/?q="+url.QueryEscape("kết nạp đảng viên")), ready("/"))
		before := eval[int](b, `Number(document.querySelector('.count').dataset.total)`)
		b.do(chromedp.Click(chromedp.Search(`//section[@data-facet="district"]//a[.//span[text()="Sơn Tây"]]`)),
			until(`new URLSearchParams(location.search).get('district') === 'Sơn Tây' && document.body.dataset.ready === 'true'`))
		after := eval[int](b, `Number(document.querySelector('.count').dataset.total)`)
		metas := eval[[]string](b, `[...document.querySelectorAll('li.hit .meta')].map(e => e.textContent)`)
		if after == 0 || after >= before {
			t.Errorf("facet Sơn Tây: %d results before, %d after", before, after)
		}
		for _, d := range metas {
			if !strings.HasPrefix(d, "Sơn Tây") {
				t.Errorf("hit outside Sơn Tây: %q", d)
			}
		}
		b.shot("search-facet.png")
	})

	t.Run("search to chart in three clicks", func(t *testing.T) {
		// Click 1: the search box (type the words); click 2: Tìm; click 3:
		// the metric chip on a result. The trends page opens with the chart
		// per district and year.
		b := browser{t, ctx}
		b.do(nav(srv.URL+"/"), ready("/"),
			chromedp.Click(css(`input[name=q]`)),
			chromedp.SendKeys(css(`input[name=q]`), "kết nạp đảng viên"),
			chromedp.Click(css(`form.searchform button[type=submit]`)),
			until(`location.search.includes('q=') && document.body.dataset.ready === 'true'`),
			chromedp.Click(css(`a.chip.metric[data-key="party.new_members"]`)),
			ready("/trends"))
		loc := eval[string](b, `location.href`)
		points := eval[int](b, `document.querySelectorAll('svg.linechart circle.pt').length`)
		res, err := c.store.Trend(context.Background(), search.TrendQuery{Key: "party.new_members", Interval: search.IntervalYear, SplitBy: search.SplitDistrict})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, s := range res.Series {
			for _, b := range s.Buckets {
				if b.Count > 0 {
					want++
				}
			}
		}
		if !strings.Contains(loc, "key=party.new_members") || !strings.Contains(loc, "by=district") {
			t.Errorf("chip led to %s", loc)
		}
		if want < 3*5 || points != want {
			t.Errorf("chart has %d points, the trend has %d buckets (%d series)", points, want, len(res.Series))
		}
		series := eval[int](b, `document.querySelectorAll('svg.linechart g.series').length`)
		rows := eval[int](b, `document.querySelectorAll('table.trendtable tbody tr').length`)
		csvHref := eval[string](b, `document.querySelector('#export-csv').getAttribute('href')`)
		if series != 3 || rows == 0 {
			t.Errorf("%d series, %d table rows", series, rows)
		}
		resp, err := http.Get(srv.URL + csvHref)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "\ufeffkey,group,name,period") {
			t.Errorf("CSV export: %d %.80s", resp.StatusCode, body)
		}
		b.shot("trends.png")
	})

	t.Run("article page shows its metrics and the archived original", func(t *testing.T) {
		b := browser{t, ctx}
		v, err := c.store.Get(context.Background(), c.seedID)
		if err != nil {
			t.Fatal(err)
		}
		b.do(nav(srv.URL+"/articles/"+c.seedID+"?q="+url.QueryEscape("năng lực lãnh đạo")), ready("/articles/"+c.seedID))
		marks := eval[int](b, `document.querySelectorAll('.articletext mark.metric').length`)
		rows := eval[int](b, `document.querySelectorAll('table.metrics tbody tr').length`)
		title := eval[string](b, `document.querySelector('article h1').textContent`)
		banner := eval[string](b, `document.querySelector('#archive-link').getAttribute('href')`)
		if rows != len(v.Metrics) || marks == 0 || title != v.Title {
			t.Errorf("article: %d table rows for %d metrics, %d marks in the text, title %q", rows, len(v.Metrics), marks, title)
		}
		b.shot("article.png")
		b.view("article-top.png")

		// The archive link opens the banner page; its raw link is the
		// archived original.
		if banner != "/articles/"+c.seedID+"/archive" {
			t.Errorf("archive link %q, want the banner page", banner)
		}
		b.do(nav(srv.URL+banner), ready(banner))
		archive := eval[string](b, `document.querySelector('#archive-raw').getAttribute('href')`)

		// The archive link returns the original bytes, inert.
		resp, err := http.Get(srv.URL + archive)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		orig, err := http.Get(v.URL)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := io.ReadAll(orig.Body)
		orig.Body.Close()
		if string(got) != string(want) || !strings.HasPrefix(resp.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("archive link %s: %d bytes (want %d), CSP %q", archive, len(got), len(want), resp.Header.Get("Content-Security-Policy"))
		}
		b.do(nav(srv.URL + archive))
		text, err := chromedp.Run(ctx, chromedp.Text(css(`body`)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "năng lực lãnh đạo") {
			t.Errorf("the archived page in the browser does not show the article: %.200s", text)
		}
		b.shot("archive.png")
	})

	t.Run("English labels and a narrow screen", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(chromedp.EmulateViewport(420, 900),
			nav(srv.URL+"/?lang=en&q="+url.QueryEscape("ho ngheo")), ready("/"))
		if button := eval[string](b, `document.querySelector('form.searchform button').textContent`); button != "Search" {
			t.Errorf("English search button %q", button)
		}
		b.shot("search-en-mobile.png")
		b.do(chromedp.EmulateViewport(1280, 900))
	})
}
