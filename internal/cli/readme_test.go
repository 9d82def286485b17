package cli

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// readmeCommands are the dra command lines of README.md's sh blocks
// ("go run ./cmd/dra" read as "dra"), with their line numbers.
func readmeCommands(t *testing.T) map[int]string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]string{}
	inSh := false
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
			continue
		case strings.HasPrefix(line, "```"):
			inSh = false
			continue
		}
		if !inSh {
			continue
		}
		cmd, _, _ := strings.Cut(line, "#")
		cmd = strings.TrimSpace(strings.Replace(cmd, "go run ./cmd/dra", "dra", 1))
		if strings.HasPrefix(cmd, "dra ") {
			out[i+1] = cmd
		}
	}
	return out
}

// splitArgs splits a command line as sh does for plain and "quoted" words.
func splitArgs(line string) []string {
	var args []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote, have = !inQuote, true
		case r == ' ' && !inQuote:
			if have {
				args = append(args, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		args = append(args, cur.String())
	}
	return args
}

// longRunning are commands that run until stopped: the test checks that
// their command line parses, and runs the others.
var longRunning = map[string]bool{"demo": true, "run": true, "process": true, "index": true, "serve": true, "crawl": true}

// TestREADMEExamples runs every dra command in README.md's sh blocks, as
// written, from the repository root, against a pipeline on the demo's
// simulated portals (the API address stands for the demo's 127.0.0.1:8080).
func TestREADMEExamples(t *testing.T) {
	cmds := readmeCommands(t)
	if len(cmds) < 8 {
		t.Fatalf("only %d dra commands found in README.md", len(cmds))
	}
	var portals []*portalsim.Portal
	var srcs []crawler.Source
	for _, d := range demoDistricts {
		p := startPortal(t, portalsim.Config{Seed: 1, District: d, Articles: 8})
		src, err := demoSource(p)
		if err != nil {
			t.Fatal(err)
		}
		portals = append(portals, p)
		srcs = append(srcs, src)
	}
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: t.TempDir(), httpAddr: "127.0.0.1:0", replicas: 1}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true, sources: srcs,
			onListen: func(a string) { addr <- a }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	api := <-addr
	want := 0
	for _, p := range portals {
		want += len(p.Articles())
	}
	waitTotal(t, "http://"+api, want, time.Minute)

	t.Chdir("../..")
	t.Setenv(EnvAPIURL, "http://"+api)
	for line, cmd := range cmds {
		args := splitArgs(strings.ReplaceAll(cmd, "127.0.0.1:8080", api))[1:]
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			if longRunning[args[0]] {
				root := NewRoot()
				c, rest, err := root.Find(args)
				if err != nil || c == root {
					t.Fatalf("README.md:%d: %q is not a dra command: %v", line, cmd, err)
				}
				if err := c.ParseFlags(rest); err != nil {
					t.Errorf("README.md:%d: %q: %v", line, cmd, err)
				}
				return
			}
			code, stdout, stderr := execute(t, args...)
			if code != ExitOK {
				t.Errorf("README.md:%d: %q exits %d\nstdout: %s\nstderr: %s", line, cmd, code, stdout, stderr)
			}
			if strings.TrimSpace(stdout) == "" {
				t.Errorf("README.md:%d: %q prints nothing", line, cmd)
			}
		})
	}
}
