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
	var apiURL, format, by, interval, district, province, from, to string
	cmd := &cobra.Command{
		Use:   "trends KEY",
		Short: "Show a metric's series by year, quarter or month, optionally per district or province",
		Long: `Show one metric key's figures bucketed by the publish date of their articles (calendar
periods in Asia/Ho_Chi_Minh): count, sum, min, max, average and the latest value, with
the plan target and percentage of plan where the reports state them. List the keys
with "dra metrics".`,
		Example: `  dra trends party.new_members --by district
  dra trends budget.revenue --interval quarter --district "Thanh Trì" --from 2016-01-01 --format csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			v := url.Values{"key": {args[0]}}
			for k, val := range map[string]string{"by": by, "interval": interval, "district": district,
				"province": province, "from": from, "to": to} {
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
	f.StringVar(&by, "by", "", "split by district or province")
	f.StringVar(&interval, "interval", "year", "year, quarter or month")
	f.StringVar(&district, "district", "", `only this district, e.g. "Thanh Trì"`)
	f.StringVar(&province, "province", "", `only this province, e.g. "Hà Nội"`)
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
	rows := [][]string{{"group", "period", "start", "count", "sum", "min", "max", "avg", "latest", "latest_at",
		"latest_article", "target_sum", "plan_percent"}}
	for _, s := range res.Series {
		for _, b := range s.Buckets {
			rows = append(rows, []string{s.Group, b.Label, b.Start.Format(time.RFC3339), strconv.Itoa(b.Count), num(b.Sum),
				num(b.Min), num(b.Max), num(b.Avg), num(b.Latest), b.LatestAt.In(vietnamese.TimeZone).Format(time.RFC3339),
				b.LatestArticle, optNum(b.TargetSum, -1), optNum(b.PlanPercent, 1)})
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
	for _, s := range res.Series {
		for _, b := range s.Buckets {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", orDash(s.Group), b.Label, b.Count,
				fmtNum(b.Sum), fmtNum(b.Min), fmtNum(b.Max), fmtNum(b.Avg), fmtNum(b.Latest),
				orDash(optNum(b.TargetSum, 1)), orDash(optNum(b.PlanPercent, 1)))
		}
	}
	_ = tw.Flush()
	if len(res.Series) == 0 {
		fmt.Fprintln(w, "no figures (list the keys with dra metrics)")
	}
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
