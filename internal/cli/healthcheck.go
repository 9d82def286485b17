package cli

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

func init() { register(healthcheckCmd) }

// healthcheckCmd is the container probe: the image has no shell and no
// curl, so the binary asks itself.
func healthcheckCmd(_ *rootState) *cobra.Command {
	var addr, path string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Probe a dra process: GET /readyz (or --path) on its address; exit 0 when it answers 200, else 1",
		Long: `Probe a running dra process for container health checks: GET --path (default /readyz)
on --addr, the process's --metrics-addr (or the --http-addr of serve, run and demo).
Exit 0 when it answers 200, 1 otherwise, with the answer on stderr.`,
		Example: `  dra healthcheck --addr 127.0.0.1:9090
  dra healthcheck --addr 127.0.0.1:9090 --path /healthz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if addr == "" {
				return usageError(fmt.Errorf("--addr is empty: give the process's --metrics-addr (env %s)", EnvMetricsAddr))
			}
			base := addr
			if !strings.Contains(base, "://") {
				base = "http://" + base
			}
			if strings.HasPrefix(strings.TrimPrefix(base, "http://"), "0.0.0.0:") {
				base = "http://127.0.0.1:" + strings.TrimPrefix(base, "http://0.0.0.0:")
			}
			client := &http.Client{Timeout: timeout}
			resp, err := client.Get(base + path)
			if err != nil {
				return fmt.Errorf("healthcheck %s%s: %w", base, path, err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("healthcheck %s%s: %s: %s", base, path, resp.Status, strings.TrimSpace(string(body)))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s%s: %s\n", base, path, strings.TrimSpace(string(body)))
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", env(EnvMetricsAddr, ""), "address of the process's operations endpoints, host:port (env "+EnvMetricsAddr+")")
	cmd.Flags().StringVar(&path, "path", "/readyz", "path to GET")
	cmd.Flags().DurationVar(&timeout, "timeout", 5*time.Second, "give up after this long")
	return cmd
}
