package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

func searchCmd() *cobra.Command {
	var apiURL, format, after, facets string
	var size int
	filters := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the archive through the HTTP API and print the top hits",
		Long: `Search the archive through a running dra API (dra run, dra demo or dra serve).

Query syntax:
` + search.QuerySyntax + `

The --district, --province, --category and --author filters match whole names in any
case, with or without diacritics (--district "son tay" finds Sơn Tây); when one matches
nothing, the closest names are suggested.`,
		Example: `  dra search "nang luc lanh dao"
  dra search "Hoàng Thị Thu Thủy"
  dra search --district "son tay" giam ngheo
  dra search 'author:"Thu Hà" year:2021 -"phòng chống dịch"'
  dra search '"hộ nghèo" OR "cận nghèo" district:"phu xuyen" year:2016-2020'
  dra search --district "Thanh Trì" --from 2016-01-01 --to 2020-12-31 '"dân vận khéo"'
  dra search --document 09-ĐA/HU --facets district,year --format csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if size < 0 || size > search.MaxSize {
				return fmt.Errorf("-n must be from 0 to %d, not %d (0: only the count and facets, no hits)", search.MaxSize, size)
			}
			v := url.Values{"q": {strings.Join(args, " ")}, "size": {strconv.Itoa(size)}}
			for k, p := range filters {
				if *p != "" {
					v.Set(k, *p)
				}
			}
			if after != "" {
				v.Set("after", after)
			}
			if facets != "" {
				v.Set("facets", facets)
			}
			var res search.Result
			if err := apiGet(apiURL, "/api/v1/search", v, &res); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(w, res)
			case "csv":
				rows := [][]string{{"rank", "id", "published_at", "district", "province", "category", "authors", "title", "url", "score"}}
				for i, h := range res.Hits {
					rows = append(rows, []string{strconv.Itoa(i + 1), h.ID, dateOf(h.PublishedAt), h.District, h.Province,
						h.Category, strings.Join(h.Authors, "; "), h.Title, h.URL, strconv.FormatFloat(h.Score, 'f', 4, 64)})
				}
				return writeCSV(w, rows)
			}
			printHits(w, res, colorOn(w))
			return nil
		},
	}
	cmd.Flags().StringVar(&apiURL, "api-url", env(EnvAPIURL, "http://127.0.0.1:8080"), "URL of the dra API (env "+EnvAPIURL+")")
	cmd.Flags().StringVarP(&format, "format", "o", "table", "table, json or csv")
	cmd.Flags().IntVarP(&size, "size", "n", 10, "number of hits, at most 100; 0: only the count (and --facets), no hits")
	cmd.Flags().StringVar(&after, "after", "", "cursor printed as next by the previous page")
	cmd.Flags().StringVar(&facets, "facets", "", "facet counts to show: district,category,year,author")
	for _, f := range []struct{ name, help string }{
		{"source", "source id"}, {"district", `district, e.g. "Thanh Trì" or "thanh tri"`}, {"province", `province, e.g. "Hà Nội" or "ha noi"`},
		{"category", "category as shown on the portal (diacritics and punctuation optional)"}, {"author", "an author's whole name (diacritics optional)"}, {"document", "cited document code"},
		{"from", "published on or after (YYYY-MM-DD)"}, {"to", "published on or before (YYYY-MM-DD)"}, {"sort", "relevance or date"},
	} {
		filters[f.name] = cmd.Flags().String(f.name, "", f.help)
	}
	return cmd
}

// apiGet calls the dra API and decodes its JSON answer into out; an error
// answer becomes an error with the API's message.
func apiGet(apiURL, path string, v url.Values, out any) error {
	client := &http.Client{Timeout: 30 * time.Second}
	u := strings.TrimRight(apiURL, "/") + path
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	resp, err := client.Get(u)
	if err != nil {
		return fmt.Errorf("the dra API at %s is not answering (start it with dra demo, dra run or dra serve): %w", apiURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return errors.New(e.Error)
		}
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	return json.Unmarshal(body, out)
}

func checkFormat(f string) error {
	switch f {
	case "table", "json", "csv":
		return nil
	}
	return fmt.Errorf("format must be table, json or csv, not %q", f)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(vietnamese.TimeZone).Format(time.DateOnly)
}

func printHits(w io.Writer, res search.Result, color bool) {
	fmt.Fprintf(w, "%d articles found\n\n", res.Total)
	for _, name := range slices.Sorted(maps.Keys(res.Suggestions)) {
		if sug := res.Suggestions[name]; len(sug) > 0 {
			fmt.Fprintf(w, "no %s matches that name; did you mean: %s?\n", name, strings.Join(sug, ", "))
		} else {
			fmt.Fprintf(w, "no %s matches that name, and none is close\n", name)
		}
	}
	if len(res.Suggestions) > 0 {
		fmt.Fprintln(w)
	}
	open, closeMark := "[", "]"
	if color {
		open, closeMark = "\x1b[1;33m", "\x1b[0m"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for _, name := range search.FacetNames {
		if fc, ok := res.Facets[name]; ok {
			var parts []string
			for _, c := range fc {
				parts = append(parts, fmt.Sprintf("%s (%d)", c.Value, c.Count))
			}
			fmt.Fprintf(tw, "%s:\t%s\n", name, strings.Join(parts, ", "))
		}
	}
	if len(res.Facets) > 0 {
		fmt.Fprintln(tw)
	}
	marks := strings.NewReplacer("<mark>", open, "</mark>", closeMark, "&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'")
	for i, h := range res.Hits {
		date := dateOf(h.PublishedAt)
		if date == "" {
			date = "(no date)"
		}
		fmt.Fprintf(tw, "%d.\t%s\n\tid %s · %s · %s · %s\n\t%s\n", i+1, h.Title, h.ID, date, orDash(h.District), orDash(h.Category), h.URL)
		for _, hl := range h.Highlights {
			fmt.Fprintf(tw, "\t%s\n", marks.Replace(hl))
		}
		fmt.Fprintln(tw)
	}
	if res.Next != "" {
		fmt.Fprintf(tw, "next page: --after %s\n", res.Next)
	}
	_ = tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// colorOn reports whether output to w may use ANSI colours: only on a
// terminal, and never when NO_COLOR is set to anything but "" (no-color.org).
func colorOn(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
