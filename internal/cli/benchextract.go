package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/processor"
)

func init() { register(benchExtractCmd) }

// benchExtractCmd times the processor's extraction page by page, the
// pages read beforehand, for comparisons with other extractors
// (scripts/peer-bench.sh).
func benchExtractCmd(_ *rootState) *cobra.Command {
	return &cobra.Command{
		Use:    "bench-extract FILE...",
		Short:  "Time the extraction of each page (a benchmark tool)",
		Hidden: true,
		Long: `Read every page first, then extract each with the processor's extraction (no selectors,
as for a portal whose template is not configured) and print one JSON line per page:
file, seconds (the extraction alone) and body.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pages := make([][]byte, len(args))
			for i, f := range args {
				var err error
				if pages[i], err = os.ReadFile(f); err != nil {
					return fmt.Errorf("read page: %w", err)
				}
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			for i, page := range pages {
				start := time.Now()
				r, err := processor.ExtractRecord(page, processor.Options{})
				secs := time.Since(start).Seconds()
				if err != nil {
					return fmt.Errorf("extract %s: %w", args[i], err)
				}
				if err := enc.Encode(struct {
					File    string  `json:"file"`
					Seconds float64 `json:"seconds"`
					Body    string  `json:"body"`
				}{args[i], secs, r.Body}); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
