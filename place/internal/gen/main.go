// Command gen regenerates place/data from the official lists in
// shared/gazetteer. `go generate ./place/` runs it; by hand, from the
// repository root:
//
//	go run ./place/internal/gen -in ../shared/gazetteer -out place/data
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dra-archive/dra/place/internal/build"
)

func main() {
	in := flag.String("in", "../shared/gazetteer", "gazetteer directory (holds SOURCES.md and derived/)")
	out := flag.String("out", "place/data", "output directory")
	date := flag.String("date", "", "generation date recorded in PROVENANCE (YYYY-MM-DD; default today, UTC)")
	flag.Parse()
	if *date == "" {
		*date = time.Now().UTC().Format(time.DateOnly)
	}
	if err := run(*in, *out, *date); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out, date string) error {
	files, err := build.Generate(build.Options{Dir: in, Date: date})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("gen: wrote %s (%d bytes)\n", filepath.Join(out, name), len(files[name]))
	}
	return nil
}
