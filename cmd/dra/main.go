// Command dra is the District Reports Archive: one binary for every stage.
package main

import (
	"os"

	"github.com/dra-archive/dra/internal/cli"
)

func main() { os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr)) }
