package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
)

func init() { register(sourcesCmd) }

func sourcesCmd(rs *rootState) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List or validate the portals in a sources file",
		Args:  cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&file, "sources", env(EnvSources, "sources.yaml"), "sources YAML file (env "+EnvSources+")")
	list := &cobra.Command{
		Use:   "list [FILE]",
		Short: "List the sources: id, district, province, schedule, start URL",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := fileArg(file, args)
			srcs, err := crawler.LoadSources(file)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tDISTRICT\tPROVINCE\tSCHEDULE\tDELAY\tSTART URL")
			for _, s := range srcs {
				sched := s.Schedule
				if sched == "" {
					sched = "(--crawl-interval)"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.District, s.Province, sched, s.Politeness.Delay, s.StartURLs[0])
			}
			return w.Flush()
		},
	}
	validate := &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a sources file, reporting every problem at once",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := fileArg(file, args)
			srcs, err := crawler.LoadSources(file)
			if err != nil {
				return fmt.Errorf("%s:\n%w", file, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d sources, all valid\n", file, len(srcs))
			return nil
		},
	}
	cmd.AddCommand(list, validate)
	return cmd
}

// fileArg is the sources file: the argument when given, else --sources.
func fileArg(flag string, args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return flag
}
