// Command trapvet runs trapvet's analyzers, and go vet's, over Go packages.
//
//	trapvet ./...                              # standalone
//	go vet -vettool=$(command -v trapvet) ./... # as go vet's analysis tool
//
// Run "trapvet help" for flags, exit codes and the list of analyzers.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/analyzers/fmtlog"
	"github.com/trapvet/trapvet/internal/driver"
)

func main() {
	os.Exit(driver.Main(&driver.Suite{
		Name:       "trapvet",
		Analyzers:  analyzers.Default(),
		Group:      analyzers.Vet(),
		GroupFlag:  analyzers.GroupFlag,
		GroupDoc:   "go vet's analyzers",
		Extensions: analyzers.Extensions(),
		InfoURL:    "https://github.com/trapvet/trapvet",
		// fmtlog's fixes reroute output from stdout to a logger: applied
		// only by -fix -fmtlog (see docs/fmtlog.md).
		FixOnRequest: []*analysis.Analyzer{fmtlog.Analyzer},
	}, os.Args[1:], os.Stdout, os.Stderr))
}
