package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/search"
)

func init() { register(metricsCmd) }

func metricsCmd(_ *rootState) *cobra.Command {
	var apiURL, format string
	cmd := &cobra.Command{
		Use:   "metrics",
		Short: "List the metric catalogue: every key with its count, units and districts",
		Example: `  dra metrics
  dra metrics --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			var res struct {
				Metrics []search.CatalogEntry `json:"metrics"`
			}
			if err := apiGet(apiURL, "/api/v1/metrics", nil, &res); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(w, res)
			case "csv":
				rows := [][]string{{"key", "count", "units", "districts", "provinces", "first", "last"}}
				for _, e := range res.Metrics {
					rows = append(rows, []string{e.Key, strconv.Itoa(e.Count), strings.Join(e.Units, "; "),
						strings.Join(e.Districts, "; "), strings.Join(e.Provinces, "; "), dateOf(e.First), dateOf(e.Last)})
				}
				return writeCSV(w, rows)
			}
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tCOUNT\tUNITS\tFROM\tTO\tDISTRICTS")
			for _, e := range res.Metrics {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", e.Key, e.Count, strings.Join(e.Units, ", "),
					orDash(dateOf(e.First)), orDash(dateOf(e.Last)), strings.Join(e.Districts, ", "))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(res.Metrics) == 0 {
				fmt.Fprintln(w, "no metrics indexed yet")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&apiURL, "api-url", env(EnvAPIURL, "http://127.0.0.1:8080"), "URL of the dra API (env "+EnvAPIURL+")")
	cmd.Flags().StringVarP(&format, "format", "o", "table", "table, json or csv")
	return cmd
}
