// Command tearsheet builds a research site from markdown, data and a theme.
// See the package doc of github.com/tearsheet/tearsheet/generator for the
// site format, and `tearsheet help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/tearsheet/tearsheet/generator/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
