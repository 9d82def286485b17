package cli

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

func init() { register(trendsCmd) }

func trendsCmd(_ *rootState) *cobra.Command {
	var apiURL, format, by, interval, district, province, unit, from, to string
	cmd := &cobra.Command{
		Use:   "trends KEY",
		Short: "Show a metric's series by year, quarter or month, optionally per district, province or unit",
		Long: `Show one metric key's figures bucketed by the publish date of their articles (calendar
periods in Asia/Ho_Chi_Minh): count, sum, min, max, average and the latest value, with
the plan target and percentage of plan where the reports state them. List the keys
with "dra metrics".

Across the 1 July 2025 reform, --by old_district, old_province, new_province or
new_commune rolls figures up by the articles' unit codes. Old district and province
series are exact; an old province went wholly into one new province, so new province
series are exact too. A figure of an old district split among several new communes is
not divided: it is counted whole under each, and the series is marked partial.`,
		Example: `  dra trends party.new_members --by district
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
				return writeCSV(w, trendRows(res))
			}
			printTrend(w, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&apiURL, "api-url", env(EnvAPIURL, "http://127.0.0.1:8080"), "URL of the dra API (env "+EnvAPIURL+")")
	f.StringVar(&format, "format", "table", "table, json or csv")
	f.StringVar(&by, "by", "", "split by district or province (names), or old_district, old_province, new_province or new_commune (unit codes)")
	f.StringVar(&interval, "interval", "year", "year, quarter or month")
	f.StringVar(&district, "district", "", `only this district, e.g. "Thanh Trì"`)
	f.StringVar(&province, "province", "", `only this province, e.g. "Hà Nội"`)
	f.StringVar(&unit, "unit", "", `only figures of this unit code, e.g. old:district:020 or new:province:01`)
	f.StringVar(&from, "from", "", "published on or after (YYYY-MM-DD)")
	f.StringVar(&to, "to", "", "published on or before (YYYY-MM-DD)")
	return cmd
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optNum(f *float64, digits int) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', digits, 64)
}

func trendRows(res search.TrendResult) [][]string {
	rows := [][]string{{"group", "name", "period", "start", "count", "sum", "min", "max", "avg", "latest", "latest_at",
		"latest_article", "target_sum", "plan_percent", "partial", "partial_count"}}
	for _, s := range res.Series {
		for _, b := range s.Buckets {
			rows = append(rows, []string{s.Group, s.Name, b.Label, b.Start.Format(time.RFC3339), strconv.Itoa(b.Count), num(b.Sum),
				num(b.Min), num(b.Max), num(b.Avg), num(b.Latest), b.LatestAt.In(vietnamese.TimeZone).Format(time.RFC3339),
				b.LatestArticle, optNum(b.TargetSum, -1), optNum(b.PlanPercent, 1), strconv.FormatBool(b.Partial),
				strconv.Itoa(b.PartialCount)})
		}
	}
	return rows
}

func printTrend(w io.Writer, res search.TrendResult) {
	fmt.Fprintf(w, "%s by %s", res.Key, res.Interval)
	if res.SplitBy != "" {
		fmt.Fprintf(w, " and %s", res.SplitBy)
	}
	if len(res.Units) > 0 {
		fmt.Fprintf(w, " (unit: %v)", res.Units)
	}
	fmt.Fprintln(w)
	if res.Undated > 0 {
		fmt.Fprintf(w, "%d figures have no publish date and are in no period\n", res.Undated)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tperiod\tcount\tsum\tmin\tmax\tavg\tlatest\ttarget\tplan %\t")
	partial := 0
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
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", orDash(group), b.Label, b.Count,
				fmtNum(b.Sum), fmtNum(b.Min), fmtNum(b.Max), fmtNum(b.Avg), fmtNum(b.Latest),
				orDash(optNum(b.TargetSum, 1)), orDash(optNum(b.PlanPercent, 1)))
		}
	}
	_ = tw.Flush()
	if partial > 0 {
		fmt.Fprintf(w, "\n* partial (%d series): some figures are of old units that went only in part into the unit;\n"+
			"  each is counted whole, not divided, so these are not the unit's exact figures\n", partial)
	}
	if len(res.Series) == 0 {
		fmt.Fprintln(w, "no figures (list the keys with dra metrics)")
	}
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
