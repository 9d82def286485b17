package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

func searchCmd() *cobra.Command {
	var apiURL, format string
	var size int
	filters := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the archive through the HTTP API and print the top hits",
		Long: `Search the archive through a running dra API (dra run, dra demo or dra serve).
Type with or without diacritics; put phrases in double quotes; document codes such as
09-ĐA/HU are matched whole.`,
		Example: `  dra search "nang luc lanh dao"
  dra search --district "Thanh Trì" --from 2016-01-01 --to 2020-12-31 '"dân vận khéo"'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			v := url.Values{"q": {strings.Join(args, " ")}, "size": {strconv.Itoa(size)}}
			for k, p := range filters {
				if *p != "" {
					v.Set(k, *p)
				}
			}
			res, err := callSearch(apiURL, v)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			case "table":
				printHits(cmd.OutOrStdout(), res, isTerminal(cmd.OutOrStdout()))
				return nil
			}
			return fmt.Errorf("format must be table or json, not %q", format)
		},
	}
	cmd.Flags().StringVar(&apiURL, "api-url", env(EnvAPIURL, "http://127.0.0.1:8080"), "URL of the dra API (env "+EnvAPIURL+")")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	cmd.Flags().IntVarP(&size, "size", "n", 10, "number of hits")
	for _, f := range []struct{ name, help string }{
		{"source", "source id"}, {"district", `district, e.g. "Thanh Trì"`}, {"province", `province, e.g. "Hà Nội"`},
		{"category", "category as shown on the portal"}, {"author", "author name"}, {"document", "cited document code"},
		{"from", "published on or after (YYYY-MM-DD)"}, {"to", "published on or before (YYYY-MM-DD)"}, {"sort", "relevance or date"},
	} {
		filters[f.name] = cmd.Flags().String(f.name, "", f.help)
	}
	return cmd
}

func callSearch(apiURL string, v url.Values) (search.Result, error) {
	var res search.Result
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Get(strings.TrimRight(apiURL, "/") + "/api/v1/search?" + v.Encode())
	if err != nil {
		return res, fmt.Errorf("the dra API at %s is not answering (start it with dra demo, dra run or dra serve): %w", apiURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return res, err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return res, fmt.Errorf("search: %s", e.Error)
		}
		return res, fmt.Errorf("search: %s", resp.Status)
	}
	return res, json.Unmarshal(body, &res)
}

func printHits(w io.Writer, res search.Result, color bool) {
	fmt.Fprintf(w, "%d articles found\n\n", res.Total)
	open, closeMark := "[", "]"
	if color {
		open, closeMark = "\x1b[1;33m", "\x1b[0m"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for i, h := range res.Hits {
		date := "(no date)"
		if h.PublishedAt != nil {
			date = h.PublishedAt.In(vietnamese.TimeZone).Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d.\t%s\n\t%s · %s · %s\n\t%s\n", i+1, h.Title, date, orDash(h.District), orDash(h.Category), h.URL)
		for _, hl := range h.Highlights {
			hl = strings.NewReplacer("<mark>", open, "</mark>", closeMark, "&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").Replace(hl)
			fmt.Fprintf(tw, "\t%s\n", hl)
		}
		fmt.Fprintln(tw)
	}
	_ = tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
