//go:build go1.20

// A //go:build line cannot lower a file's version below go1.21 (the first
// release that honours it), so go/types reports go1.21 here; a go.mod line
// of go 1.20 does yield go1.20.

package v // want `version="go1.21" lang1.22=false std1.21=true`
