// Command trapvet runs trapvet's analyzers, and go vet's, over Go packages.
//
//	trapvet ./...                              # standalone
//	tv=$(command -v trapvet) && go vet -vettool="$tv" ./...  # as go vet's tool
//	trapvet lsp                                # a language server on stdio, beside gopls
//
// Run "trapvet help" for flags, exit codes and the list of analyzers.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/analyzers/fmtlog"
	"github.com/trapvet/trapvet/internal/driver"
	"github.com/trapvet/trapvet/internal/lsp"
)

func main() {
	suite := &driver.Suite{
		Name:       "trapvet",
		Analyzers:  analyzers.Default(),
		Group:      analyzers.Vet(),
		GroupFlag:  analyzers.GroupFlag,
		GroupDoc:   "go vet's analyzers",
		OptIn:      analyzers.OptIn(),
		OptInFlag:  analyzers.OptInFlag,
		OptInDoc:   "design checks",
		Extensions: analyzers.Extensions(),
		InfoURL:    "https://github.com/trapvet/trapvet",
		// fmtlog's fixes reroute output from stdout to a logger: applied
		// only by -fix -fmtlog (see docs/fmtlog.md).
		FixOnRequest: []*analysis.Analyzer{fmtlog.Analyzer},
	}
	args := os.Args[1:]
	if len(args) == 2 && args[0] == "help" && args[1] == "lsp" {
		lsp.Usage(os.Stdout, suite.Name)
		os.Exit(0)
	}
	if len(args) > 0 && args[0] == "lsp" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := lsp.Serve(ctx, suite, args[1:], os.Stdin, os.Stdout)
		stop()
		os.Exit(code)
	}
	os.Exit(driver.Main(suite, args, os.Stdout, os.Stderr))
}
