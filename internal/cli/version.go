package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func init() { register(versionCmd) }

// Version, when set at build time (-ldflags "-X ...cli.Version=v1.2.3"),
// overrides the module version the build info names.
var Version = ""

// buildInfo is what the binary knows about its build.
type buildInfo struct {
	Version, Commit, Time, Go string
	Modified                  bool
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: Version, Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		if b.Version == "" {
			b.Version = "(unknown)"
		}
		return b
	}
	if b.Version == "" {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	return b
}

// versionLine is one line: version, commit (with +dirty for a modified
// work tree) and Go version.
func versionLine() string {
	b := readBuildInfo()
	commit := b.Commit
	if commit == "" {
		commit = "unknown (built without VCS information)"
	} else if b.Modified {
		commit += "+dirty"
	}
	s := fmt.Sprintf("%s commit %s", b.Version, commit)
	if b.Time != "" {
		s += " (" + b.Time + ")"
	}
	return s + " " + b.Go
}

func versionCmd(_ *rootState) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the VCS commit the binary was built from and the Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "dra %s\n", versionLine())
			return err
		},
	}
}
