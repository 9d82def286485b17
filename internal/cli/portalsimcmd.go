package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

func init() { register(portalsimCmd) }

// truthRecord is one line of `dra portalsim --truth`: what the simulator
// wrote into an article page.
type truthRecord struct {
	URL    string `json:"url"`
	Title  string `json:"title"`
	Body   string `json:"body"` // the body paragraphs, without the byline, joined by blank lines
	Byline string `json:"byline"`
}

// portalsimCmd serves simulated portals on loopback for benchmarks and
// other tools (scripts/peer-bench.sh): the same portals as the tests and
// the demo, with their sources and the simulator's record of what it wrote.
func portalsimCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var districts []string
	var seed int64
	var articles, pageSize, parallelism int
	var sourcesFile, truthFile string
	cmd := &cobra.Command{
		Use:    "portalsim",
		Short:  "Serve simulated district portals on loopback (a development and benchmark tool)",
		Hidden: true,
		Long: `Serve simulated Hanoi district portals on loopback until interrupted, the same portals
as the demo and the tests. One line per portal goes to standard output: "portal
<district> <base URL>". --sources writes their sources (YAML, for dra crawl and dra run);
--truth writes the simulator's record of every article (JSON lines: url, title, body,
byline), against which an extraction can be scored.`,
		Example: `  dra portalsim --district sontay --articles 5000 --page-size 50 --sources /tmp/src.yaml --truth /tmp/truth.jsonl`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var srcs []crawler.Source
			var truth []truthRecord
			for _, d := range districts {
				p, src, err := startDemoPortal(portalsim.Config{Seed: seed, District: d, Articles: articles, PageSize: pageSize})
				if err != nil {
					return err
				}
				defer p.Close()
				if parallelism > 0 {
					src.Politeness.Parallelism = parallelism
				}
				srcs = append(srcs, src)
				for _, a := range p.Articles() {
					truth = append(truth, truthRecord{URL: a.URL, Title: a.Title, Body: strings.Join(a.Paragraphs, "\n\n"),
						Byline: a.Byline})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "portal %s %s\n", p.District().Slug, p.URL())
			}
			if sourcesFile != "" {
				data, err := crawler.MarshalSources(srcs)
				if err != nil {
					return err
				}
				if err := os.WriteFile(sourcesFile, data, 0o644); err != nil {
					return err
				}
			}
			if truthFile != "" {
				if err := writeTruth(truthFile, truth); err != nil {
					return err
				}
			}
			ctx, stop := signalContext(o.log())
			defer stop()
			<-ctx.Done()
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&districts, "district", []string{"sontay"}, "districts to serve, one portal each (repeat or comma-separate)")
	f.Int64Var(&seed, "seed", 1, "seed of the simulated portals (same seed, same sites)")
	f.IntVar(&articles, "articles", 60, "generated articles per portal")
	f.IntVar(&pageSize, "page-size", 10, "articles per listing page")
	f.IntVar(&parallelism, "parallelism", 0, "requests at once per host in the written sources (0: the source default)")
	f.StringVar(&sourcesFile, "sources", "", "write the portals' sources (YAML) to this file")
	f.StringVar(&truthFile, "truth", "", "write the simulator's record of every article (JSON lines) to this file")
	return cmd
}

func writeTruth(path string, truth []truthRecord) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, t := range truth {
		if err := enc.Encode(t); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
