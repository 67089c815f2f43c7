package lsp

import (
	"fmt"
	"io"
	"slices"
)

// Usage writes the help of "NAME lsp", for "NAME lsp -h" and "NAME help
// lsp".
func Usage(w io.Writer, name string) {
	fmt.Fprintf(w, `%[1]s lsp runs a language server on standard input and output, beside gopls.

Usage:
	%[1]s lsp [flags]

An editor starts it as a second server for Go files. On open and on save
it analyzes the file's package, with its tests, and publishes diagnostics
for every Go file of the package; a code action offers each finding's
suggested fixes and a directive that suppresses it.

Flags: the standalone command's analyzer selection and analyzer flags
(-NAME, -NAME=false, -NAME.FLAG=value), -ignores=false (no check of the
//trapvet:ignore directives), -vet (go vet's suite, off by default: gopls
runs it), -scope, -test, -tags and -baseline. The client's settings
(initializationOptions or workspace/didChangeConfiguration) are the same
flags without the dash, applied after these.

Exit codes: 0 after shutdown and exit; 1 otherwise (a usage error, a
client gone without exit, input that is not LSP framing).

Configurations for Neovim, Helix, Emacs, Zed, Sublime Text and VS Code:
https://github.com/trapvet/trapvet/blob/main/docs/editors.md
`, name)
}

// isHelp reports whether args ask for help.
func isHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool {
		return a == "-h" || a == "-help" || a == "--help" || a == "--h"
	})
}
