package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/internal/bus"
)

func init() { register(deadletterCmd) }

// deadletterFilter selects dead letters by stage and by a reason substring.
type deadletterFilter struct{ stage, reason string }

func (f deadletterFilter) match(d bus.DeadLetter) bool {
	return (f.stage == "" || d.Stage == f.stage) &&
		(f.reason == "" || strings.Contains(strings.ToLower(d.Error), strings.ToLower(f.reason)))
}

// selected returns the dead letters the filter selects.
func (f deadletterFilter) selected(ctx context.Context, conn *bus.Conn) ([]bus.DeadLetter, error) {
	dls, err := conn.DeadLetters(ctx, f.stage)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(dls, func(d bus.DeadLetter) bool { return !f.match(d) }), nil
}

// withDeadLetterBus runs fn on a connection to the bus; a signal cancels it.
func (o *options) withDeadLetterBus(fn func(ctx context.Context, conn *bus.Conn) error) error {
	ctx, stop := signalContext(o.log())
	defer stop()
	conn, closeBus, err := o.openBus(ctx, "dra-deadletter", nil)
	if err != nil {
		return withCode(ExitUnavailable, err)
	}
	defer closeBus()
	return fn(ctx, conn)
}

func deadletterCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var f deadletterFilter
	cmd := &cobra.Command{
		Use:   "deadletter",
		Short: "List, show and replay dead-lettered messages (stream DRA_DEADLETTER)",
		Long: `Messages a stage could not handle are dead-lettered with the reason. list shows them
(filter with --stage and --reason, a case-insensitive substring of the reason), show prints one
with its headers and a payload summary, replay republishes the original payload to its original
subject with a new message ID and removes it from the dead-letter stream.`,
		Example: `  dra deadletter list --nats-url nats://127.0.0.1:4222 --stage indexer --reason 429
  dra deadletter show 12
  dra deadletter replay 12
  dra deadletter replay --stage indexer --reason "store refused"`,
	}
	cmd.PersistentFlags().StringVar(&o.natsURL, "nats-url", env(EnvNATSURL, "nats://127.0.0.1:4222"), "NATS server URL (env "+EnvNATSURL+")")
	cmd.PersistentFlags().StringVar(&f.stage, "stage", "", "only dead letters of this stage (processor, indexer)")
	cmd.PersistentFlags().StringVar(&f.reason, "reason", "", "only dead letters whose reason contains this (case-insensitive)")

	list := &cobra.Command{
		Use: "list", Short: "List dead letters: sequence, stage, time, original subject, deliveries, reason",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.withDeadLetterBus(func(ctx context.Context, conn *bus.Conn) error {
				dls, err := f.selected(ctx, conn)
				if err != nil {
					return err
				}
				w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "SEQ\tSTAGE\tTIME\tSUBJECT\tDELIVERIES\tREASON")
				for _, d := range dls {
					fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\n", d.Seq, d.Stage, d.Time.UTC().Format(time.RFC3339),
						d.Subject, d.Deliveries, oneLine(d.Error, 120))
				}
				if err := w.Flush(); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%d dead letters\n", len(dls))
				return nil
			})
		},
	}
	show := &cobra.Command{
		Use: "show SEQ", Short: "Show one dead letter: its headers and a summary of its payload",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			seq, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return withCode(ExitUsage, fmt.Errorf("sequence %q: %w", args[0], err))
			}
			return o.withDeadLetterBus(func(ctx context.Context, conn *bus.Conn) error {
				d, err := conn.DeadLetterAt(ctx, seq)
				if err != nil {
					return err
				}
				printDeadLetter(cmd.OutOrStdout(), d)
				return nil
			})
		},
	}
	replay := &cobra.Command{
		Use:   "replay [SEQ...]",
		Short: "Republish dead letters to their original subjects (new message IDs) and remove them",
		Long:  "Replay the dead letters given by sequence, or without sequences every one the --stage and --reason filters select (at least one filter is then required).",
		RunE: func(cmd *cobra.Command, args []string) error {
			var seqs []uint64
			for _, a := range args {
				seq, err := strconv.ParseUint(a, 10, 64)
				if err != nil {
					return withCode(ExitUsage, fmt.Errorf("sequence %q: %w", a, err))
				}
				seqs = append(seqs, seq)
			}
			if len(seqs) == 0 && f.stage == "" && f.reason == "" {
				return withCode(ExitUsage, fmt.Errorf("replay: give sequences, or --stage or --reason to select dead letters"))
			}
			return o.withDeadLetterBus(func(ctx context.Context, conn *bus.Conn) error {
				if len(seqs) == 0 {
					dls, err := f.selected(ctx, conn)
					if err != nil {
						return err
					}
					for _, d := range dls {
						seqs = append(seqs, d.Seq)
					}
				}
				for _, seq := range seqs {
					id, err := conn.Replay(ctx, seq)
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "replayed %d as %s\n", seq, id)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%d dead letters replayed\n", len(seqs))
				return nil
			})
		},
	}
	cmd.AddCommand(list, show, replay)
	return cmd
}

func printDeadLetter(w io.Writer, d bus.DeadLetter) {
	fmt.Fprintf(w, "sequence: %d\ntime:     %s\n", d.Seq, d.Time.UTC().Format(time.RFC3339))
	keys := make([]string, 0, len(d.Header))
	for k := range d.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "headers:")
	for _, k := range keys {
		for _, v := range d.Header[k] {
			fmt.Fprintf(w, "  %s: %s\n", k, v)
		}
	}
	fmt.Fprintf(w, "payload:  %d bytes\n", len(d.Data))
	fmt.Fprintf(w, "  %s\n", oneLine(string(d.Data), 400))
}

// oneLine is s on one line, cut to n bytes at a rune boundary.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n] + "…"
}
