package cli

import (
	"fmt"
	"io"
	"net/url"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// demoDistricts are the simulated portals the demo serves.
var demoDistricts = []string{"thanhtri", "sontay", "thuongtin"}

func demoCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var seed int64
	var articles int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Serve simulated district portals on loopback and run the whole pipeline against them",
		Long: `Start simulated Hanoi district portals (Thanh Trì with the real seed article, Sơn Tây,
Thường Tín) on loopback, then run every stage against them as "dra run" does: crawl,
process, index into the embedded Bleve index (or --es-url), and serve the API. Everything
stays on this machine. Stop it with Ctrl-C.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var portals []*portalsim.Portal
			defer func() {
				for _, p := range portals {
					_ = p.Close()
				}
			}()
			var srcs []crawler.Source
			for _, d := range demoDistricts {
				p, src, err := startDemoPortal(portalsim.Config{Seed: seed, District: d, Articles: articles})
				if err != nil {
					return err
				}
				portals = append(portals, p)
				srcs = append(srcs, src)
				fmt.Fprintf(cmd.OutOrStdout(), "simulated portal %-10s %s (%d articles)\n", p.District().Name, p.URL(), len(p.Articles()))
			}
			out := cmd.OutOrStdout()
			ctx, stop := signalContext(o.log())
			defer stop()
			return o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true, sources: srcs,
				onListen: func(addr string) { printTryThis(out, addr) },
				onCrawled: func() {
					fmt.Fprintln(out, "demo: every portal has been crawled; the pipeline keeps running until Ctrl-C")
				},
			})
		},
	}
	o.bindStorage(cmd)
	o.bindNATS(cmd, true)
	o.bindHTTP(cmd)
	o.bindMetrics(cmd)
	o.bindArchive(cmd, false)
	cmd.Flags().Int64Var(&seed, "seed", 1, "seed of the simulated portals (same seed, same sites)")
	cmd.Flags().IntVar(&articles, "articles", 60, "generated articles per portal")
	return cmd
}

// startDemoPortal starts a simulated portal on loopback and returns it with
// its source (demoSource); on an error nothing is left running.
func startDemoPortal(cfg portalsim.Config) (*portalsim.Portal, crawler.Source, error) {
	p, err := portalsim.New(cfg)
	if err != nil {
		return nil, crawler.Source{}, err
	}
	if _, err := p.Start(); err != nil {
		_ = p.Close()
		return nil, crawler.Source{}, err
	}
	src, err := demoSource(p)
	if err != nil {
		_ = p.Close()
		return nil, crawler.Source{}, err
	}
	return p, src, nil
}

// demoSource is the source of a started simulated portal. Its articles are
// identified by the real portal's host (thanhtri.hanoi.gov.vn) and the
// loopback address it is served on now is an alias, so a demo run again on
// the same data directory, with the portals on other ports, finds the
// articles it already has instead of archiving them a second time.
func demoSource(p *portalsim.Portal) (crawler.Source, error) {
	base := p.URL()
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return crawler.Source{}, fmt.Errorf("simulated portal at %q: not started", base)
	}
	info := p.District()
	src := crawler.HanoiSource(info.Slug, info.Name, info.Province, base, true)
	src.Host = info.Host
	src.Aliases = []string{u.Host}
	if info.Slug != "thanhtri" {
		// Configured from the documented fields only, as a new portal is:
		// the processor learns its template from its pages.
		src.Selectors = crawler.Selectors{}
	}
	return src, nil
}

func printTryThis(w io.Writer, addr string) {
	api := "http://" + addr
	apiFlag := ""
	if addr != "127.0.0.1:8080" {
		apiFlag = " --api-url " + api
	}
	fmt.Fprintf(w, `
DRA demo is up. Web UI: %s/   API: %s/api/v1/openapi.json   health: %s/readyz   metrics: %s/metrics
Try, in another terminal (go run ./cmd/dra, or the built binary):
  dra search%s "nang luc lanh dao"
  dra search%s "năng lực lãnh đạo"
  dra search%s "Huyện uỷ Thanh Trì"
  dra search%s --district "Sơn Tây" "hộ nghèo"
  dra search%s "09-ĐA/HU"
  dra trends%s party.new_members --by district
`, api, api, api, api, apiFlag, apiFlag, apiFlag, apiFlag, apiFlag, apiFlag)
}
