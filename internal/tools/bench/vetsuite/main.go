// Command vetsuite is go vet's default analyzers as a standalone
// multichecker, for make bench: the standalone counterpart of plain go vet.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/suite/vet"
)

func main() { multichecker.Main(vet.Suite...) }
