// Command tearsheet builds a research site from markdown, data and a theme.
// See the package doc of github.com/tearsheet/tearsheet/generator for the
// site format, and `tearsheet help` for the commands.
package main

import (
	"os"

	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/tearsheet/tearsheet/generator/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
