package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// A diagnostic is one finding as the driver's -json output gives it.
type diagnostic struct {
	Package  string
	Analyzer string
	Posn     string // file:line:col, absolute file name
	Message  string
}

// An analysisError is an analyzer that failed on a package.
type analysisError struct {
	Package  string
	Analyzer string
	Err      string
}

// parseJSON reads the -json output of a go/analysis driver: a stream of
// objects mapping package ID to analyzer name to either a list of
// diagnostics or {"error": "..."}. multichecker prints one object, go vet
// one per package; both are accepted. Duplicates (a package and its test
// variant share files) are removed.
func parseJSON(r io.Reader) ([]diagnostic, []analysisError, error) {
	var diags []diagnostic
	var errs []analysisError
	seen := make(map[diagnostic]bool)
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return diags, errs, fmt.Errorf("decoding -json output: %v", err)
		}
		for pkg, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				raw = bytes.TrimSpace(raw)
				if len(raw) > 0 && raw[0] == '{' {
					var e struct {
						Error string `json:"error"`
					}
					if err := json.Unmarshal(raw, &e); err != nil {
						return diags, errs, fmt.Errorf("package %s, analyzer %s: %v", pkg, name, err)
					}
					errs = append(errs, analysisError{pkg, name, e.Error})
					continue
				}
				var list []struct {
					Posn    string `json:"posn"`
					Message string `json:"message"`
				}
				if err := json.Unmarshal(raw, &list); err != nil {
					return diags, errs, fmt.Errorf("package %s, analyzer %s: %v", pkg, name, err)
				}
				for _, d := range list {
					dd := diagnostic{Analyzer: name, Posn: d.Posn, Message: d.Message}
					if seen[dd] {
						continue
					}
					seen[dd] = true
					dd.Package = pkg
					diags = append(diags, dd)
				}
			}
		}
	}
	sort.Slice(diags, func(i, j int) bool {
		if diags[i].Posn != diags[j].Posn {
			return lessPosn(diags[i].Posn, diags[j].Posn)
		}
		return diags[i].Analyzer < diags[j].Analyzer
	})
	sort.Slice(errs, func(i, j int) bool {
		if errs[i].Package != errs[j].Package {
			return errs[i].Package < errs[j].Package
		}
		return errs[i].Analyzer < errs[j].Analyzer
	})
	return diags, errs, nil
}

// splitPosn splits file:line:col. A position without line or column gets 0.
func splitPosn(posn string) (file string, line, col int) {
	file = posn
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		if n, err := strconv.Atoi(file[i+1:]); err == nil {
			file, col = file[:i], n
			if j := strings.LastIndexByte(file, ':'); j >= 0 {
				if n, err := strconv.Atoi(file[j+1:]); err == nil {
					return file[:j], n, col
				}
			}
			return file, col, 0
		}
	}
	return file, 0, 0
}

func lessPosn(a, b string) bool {
	fa, la, ca := splitPosn(a)
	fb, lb, cb := splitPosn(b)
	if fa != fb {
		return fa < fb
	}
	if la != lb {
		return la < lb
	}
	return ca < cb
}

// messageHash names a message in the review file: short, stable, and
// independent of the position.
func messageHash(msg string) string {
	sum := sha256.Sum256([]byte(msg))
	return hex.EncodeToString(sum[:4])
}
