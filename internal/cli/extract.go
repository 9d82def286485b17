package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/processor"
)

func init() { register(extractCmd) }

// extractRecord is what `dra extract` prints: the processor's record with
// every nested field present (null when unknown), so scripts can rely on
// the shape.
type extractRecord struct {
	Title       string            `json:"title"`
	Category    string            `json:"category"`
	PublishedAt *string           `json:"published_at"`
	Views       *int              `json:"views"`
	District    string            `json:"district"`
	Province    string            `json:"province"`
	Authors     []extractAuthor   `json:"authors"`
	Documents   []extractDocument `json:"documents"`
	Periods     []string          `json:"periods"`
	// ReportPeriod is the period the title says the article reports on.
	ReportPeriod *event.Period   `json:"report_period"`
	Metrics      []extractMetric `json:"metrics"`
	Body         string          `json:"body"`
}

type extractAuthor struct {
	Name string `json:"name"`
	Unit string `json:"unit"`
}

type extractDocument struct {
	Code   string  `json:"code"`
	Type   string  `json:"type"`
	Issuer string  `json:"issuer"`
	Number string  `json:"number"`
	Year   *int    `json:"year"`
	Date   *string `json:"date"`
}

type extractMetric struct {
	Value       float64  `json:"value"`
	Kind        string   `json:"kind"`
	Unit        string   `json:"unit"`
	Key         *string  `json:"key"`
	Target      *float64 `json:"target"`
	PlanPercent *float64 `json:"plan_percent"`
	Qualifier   *string  `json:"qualifier"`
	Change      *string  `json:"change"`
	Text        string   `json:"text"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	// Period is what the figure reports on (null when unknown); Measure
	// the key's semantics (flow, stock, rate; null without a key).
	Period   *event.Period `json:"period"`
	Estimate bool          `json:"estimate"`
	Measure  *string       `json:"measure"`
}

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toExtractRecord(r processor.Record) extractRecord {
	out := extractRecord{
		Title: r.Title, Category: r.Category, Views: r.Views, District: r.District, Province: r.Province,
		Periods: r.Periods, ReportPeriod: r.ReportPeriod, Body: r.Body,
		Authors: []extractAuthor{}, Documents: []extractDocument{}, Metrics: []extractMetric{},
	}
	if out.Periods == nil {
		out.Periods = []string{}
	}
	if r.PublishedAt != nil {
		s := r.PublishedAt.Format(time.RFC3339)
		out.PublishedAt = &s
	}
	for _, a := range r.Authors {
		out.Authors = append(out.Authors, extractAuthor{Name: a.Name, Unit: a.Unit})
	}
	for _, d := range r.Documents {
		x := extractDocument{Code: d.Code, Type: d.Type, Issuer: d.Issuer, Number: d.Number, Date: strOrNil(d.Date)}
		if d.Year != 0 {
			y := d.Year
			x.Year = &y
		}
		out.Documents = append(out.Documents, x)
	}
	for _, m := range r.Metrics {
		out.Metrics = append(out.Metrics, extractMetric{
			Value: m.Value, Kind: m.Kind, Unit: m.Unit, Key: strOrNil(m.Key), Target: m.Target, PlanPercent: m.PlanPercent,
			Qualifier: strOrNil(m.Qualifier), Change: strOrNil(m.Change), Text: m.Text, Start: m.Start, End: m.End,
			Period: m.Period, Estimate: m.Estimate, Measure: strOrNil(m.Measure),
		})
	}
	return out
}

func extractCmd(_ *rootState) *cobra.Command {
	var opts processor.Options
	cmd := &cobra.Command{
		Use:   "extract [--url URL] FILE|-",
		Short: "Extract one article (HTML or plain text) and print its record as JSON",
		Long: `Extract one article, an HTML page or a plain-text article, with the processor's
extraction and print one JSON object: title, category, published_at (RFC 3339 or null),
views, district, province, authors, documents, periods, report_period (the period the
title names), metrics (with their canonical keys, the period each reports on, estimate
flags and rune offsets into body) and body. "-" reads standard input. --url gives the
page's address, from which the district, the province and sometimes the date are read.`,
		Example: `  dra extract ../shared/seed/thanhtri-2020-03-18.txt
  curl -s https://thanhtri.hanoi.gov.vn/... | dra extract --url https://thanhtri.hanoi.gov.vn/... -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var page []byte
			var err error
			if args[0] == "-" {
				page, err = io.ReadAll(cmd.InOrStdin())
			} else {
				page, err = os.ReadFile(args[0])
			}
			if err != nil {
				return fmt.Errorf("read article: %w", err)
			}
			r, err := processor.ExtractRecord(page, opts)
			if err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			return writeJSON(cmd.OutOrStdout(), toExtractRecord(r))
		},
	}
	cmd.Flags().StringVar(&opts.URL, "url", "", "the page's URL (gives district, province and URL dates)")
	cmd.Flags().StringVar(&opts.District, "district", "", "the source's district, when known")
	cmd.Flags().StringVar(&opts.Province, "province", "", "the source's province, when known")
	cmd.Flags().StringVar(&opts.Selectors.Title, "title-selector", "", "CSS selector of the title")
	cmd.Flags().StringVar(&opts.Selectors.Body, "body-selector", "", "CSS selector of the body")
	cmd.Flags().StringVar(&opts.Selectors.Date, "date-selector", "", "CSS selector of the date line")
	cmd.Flags().StringVar(&opts.Selectors.Byline, "byline-selector", "", "CSS selector of the byline")
	cmd.Flags().StringVar(&opts.Selectors.Category, "category-selector", "", "CSS selector of the category")
	return cmd
}
