package cli

import (
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/search"
)

func init() { register(trendsCmd) }

func trendsCmd(_ *rootState) *cobra.Command {
	var apiURL, format, by, interval, district, province, unit, from, to string
	var figures bool
	cmd := &cobra.Command{
		Use:   "trends KEY",
		Short: "Show a metric's series by year, half, quarter, month or term, optionally per district, province or unit",
		Long: `Show one metric key's figures by the period they report on (read from the text: "năm 2016",
"6 tháng đầu năm", "nhiệm kỳ 2015-2020", "tính đến 31/12/2019"; the publish date only
when the text names none). Each bucket's value is the figure reported for that group and
period; it is absent (a gap, "-") when none was reported. The same figure repeated in
several articles is one observation; when articles disagree the report on that period
wins over a passing mention or an earlier estimate, and the bucket is flagged conflict.
A flow (new members, revenue) takes only figures of exactly that period (a yearly trend
never shows a half-year or a term total: ask --interval half or term); a stock (poor
households) takes the level at the period's end. List the keys with "dra metrics".
--format csv --figures lists every figure behind the trend, with its source article.

Across the 1 July 2025 reform, --by old_district, old_province, new_province or
new_commune rolls figures up by the articles' unit codes. Old district and province
series are exact; an old province went wholly into one new province, so new province
series are exact too. A figure of an old district split among several new communes is
not divided: it is counted whole under each, and the series is marked partial.`,
		Example: `  dra trends party.new_members --by district
  dra trends party.new_members --by district --interval term
  dra trends party.new_members --district "Sơn Tây" --format csv --figures
  dra trends budget.revenue --interval quarter --district "Thanh Trì" --from 2016-01-01 --format csv
  dra trends budget.revenue --by new_province
  dra trends poverty.households --by new_commune --unit old:district:020`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			v := url.Values{"key": {args[0]}}
			for k, val := range map[string]string{"by": by, "interval": interval, "district": district,
				"province": province, "unit": unit, "from": from, "to": to} {
				if val != "" {
					v.Set(k, val)
				}
			}
			var res search.TrendResult
			if err := apiGet(apiURL, "/api/v1/trends", v, &res); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(w, res)
			case "csv":
				if figures {
					return writeCSV(w, search.ObservationRows(res))
				}
				return writeCSV(w, search.TrendRows(res))
			}
			printTrend(w, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&apiURL, "api-url", env(EnvAPIURL, "http://127.0.0.1:8080"), "URL of the dra API (env "+EnvAPIURL+")")
	f.StringVarP(&format, "format", "o", "table", "table, json or csv")
	f.StringVar(&by, "by", "", "split by district or province (names), or old_district, old_province, new_province or new_commune (unit codes)")
	f.StringVar(&interval, "interval", "year", "year, half, quarter, month or term")
	f.BoolVar(&figures, "figures", false, "with --format csv: one row per figure behind the trend (source article, URL)")
	f.StringVar(&district, "district", "", `only this district, e.g. "Thanh Trì"`)
	f.StringVar(&province, "province", "", `only this province, e.g. "Hà Nội"`)
	f.StringVar(&unit, "unit", "", `only figures of this unit code, e.g. old:district:020 or new:province:01`)
	f.StringVar(&from, "from", "", "periods starting on or after (YYYY-MM-DD)")
	f.StringVar(&to, "to", "", "periods starting on or before (YYYY-MM-DD)")
	return cmd
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optNum(f *float64, digits int) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', digits, 64)
}

func printTrend(w io.Writer, res search.TrendResult) {
	fmt.Fprintf(w, "%s (%s) by %s", res.Key, orDash(res.Measure), res.Interval)
	if res.SplitBy != "" {
		fmt.Fprintf(w, " and %s", res.SplitBy)
	}
	if len(res.Units) > 0 {
		fmt.Fprintf(w, " (unit: %s)", strings.Join(res.Units, ", "))
	}
	fmt.Fprintln(w)
	if res.Undated > 0 {
		fmt.Fprintf(w, "%d figures have no period (no period in the text and no publish date)\n", res.Undated)
	}
	if len(res.OtherPeriods) > 0 {
		kinds := slices.Sorted(maps.Keys(res.OtherPeriods))
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%d %s", res.OtherPeriods[k], k)
		}
		fmt.Fprintf(w, "not in these periods: %s figures (see --interval)\n", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tperiod\tvalue\tplaces\tmentions\tsum\tavg\ttarget\tplan %\tflags\t")
	partial, flagged := 0, false
	for _, s := range res.Series {
		group := s.Group
		if s.Name != "" {
			group = s.Name
		}
		if s.Partial {
			group += " *"
			partial++
		}
		for _, b := range s.Buckets {
			var flags []string
			if b.Conflict {
				flags = append(flags, "conflict")
			}
			if b.Estimate {
				flags = append(flags, "estimate")
			}
			if b.Partial {
				flags = append(flags, "partial")
			}
			flagged = flagged || len(flags) > 0
			value, sum, avg := "-", "-", "-"
			if b.Value != nil {
				value = fmtNum(*b.Value)
			}
			if b.Count > 0 {
				sum, avg = fmtNum(b.Sum), fmtNum(b.Avg)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", orDash(group), b.Label, value, b.Count,
				b.Mentions, sum, avg, orDash(optNum(b.TargetSum, 1)), orDash(optNum(b.PlanPercent, 1)), orDash(strings.Join(flags, ",")))
		}
	}
	_ = tw.Flush()
	if flagged {
		fmt.Fprintln(w, "\nconflict: the articles give different values (the report on the period wins); estimate: no final figure yet")
	}
	if partial > 0 {
		fmt.Fprintf(w, "\n* partial (%d series): some figures are of old units that went only in part into the unit;\n"+
			"  each is counted whole, not divided, so these are not the unit's exact figures\n", partial)
	}
	if len(res.Series) == 0 {
		fmt.Fprintln(w, "no figures (list the keys with dra metrics)")
	}
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
