// Command trapvet runs trapvet's analyzers over Go packages.
//
//	trapvet ./...                          # standalone
//	go vet -vettool=$(which trapvet) ./... # as go vet's analysis tool
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/trapvet/trapvet/analyzers"
)

func main() { multichecker.Main(analyzers.All...) }
