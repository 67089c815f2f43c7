package runner

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// pathFact is a fact for TestImportable.
type pathFact struct{}

func (*pathFact) AFact() {}

// TestImportable checks importable, which decides a fact by the first
// element of its object's path and what the export data writer reaches
// from the exported objects, against the decoding of the export data
// (decodedImportable): for every object with a path, in
// every package net/http, go/types and encoding/json import, type-checked
// from source, both keep the same facts. A fact importable dropped and the
// decoding keeps would be a fact an importer could use, lost: a missed
// finding; one it kept and the decoding drops would make the entry
// rejected as damaged in every run that reads it.
func TestImportable(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks about 150 standard packages from source")
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, "net/http", "go/types", "encoding/json")
	if err != nil {
		t.Fatal(err)
	}
	var npkgs, nfacts, kept, decoded int
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types == nil || p.TypesInfo == nil || p.PkgPath == "unsafe" || len(p.Errors) > 0 {
			return
		}
		npkgs++
		var export bytes.Buffer
		if err := gcexportdata.Write(&export, p.Fset, p.Types); err != nil {
			t.Fatalf("%s: %v", p.PkgPath, err)
		}
		facts := []gobFact{{Fact: new(pathFact)}}
		var enc objectpath.Encoder
		seen := make(map[objectpath.Path]bool)
		for _, obj := range p.TypesInfo.Defs {
			if obj == nil || obj.Pkg() != p.Types {
				continue
			}
			if path, err := enc.For(obj); err == nil && !seen[path] {
				seen[path] = true
				facts = append(facts, gobFact{Object: path, Fact: new(pathFact)})
			}
		}
		nfacts += len(facts)
		want, err := decodedImportable(slices.Clone(facts), export.Bytes(), p.PkgPath)
		if err != nil {
			t.Fatalf("%s: %v", p.PkgPath, err)
		}
		got := importable(slices.Clone(facts), p.Types)
		kept += len(want)
		if len(want) < len(facts) {
			decoded++ // some fact is not importable
		}
		paths := func(fs []gobFact) []string {
			var out []string
			for _, f := range fs {
				out = append(out, string(f.Object))
			}
			slices.Sort(out)
			return out
		}
		if g, w := paths(got), paths(want); !slices.Equal(g, w) {
			for _, path := range w {
				if !slices.Contains(g, path) {
					t.Errorf("%s: importable drops %s, which the export data has", p.PkgPath, path)
				}
			}
			for _, path := range g {
				if !slices.Contains(w, path) {
					t.Errorf("%s: importable keeps %s, which the export data lacks", p.PkgPath, path)
				}
			}
		}
	})
	t.Logf("%d packages, %d facts, %d importable; %d packages with facts dropped", npkgs, nfacts, kept, decoded)
	if npkgs < 100 || kept == nfacts || decoded == 0 {
		t.Errorf("%d packages, %d facts, %d importable: the test does not exercise the rule", npkgs, nfacts, kept)
	}
}

// decodedImportable returns the facts about the package and those whose
// object the export data, decoded, has.
func decodedImportable(facts []gobFact, export []byte, path string) ([]gobFact, error) {
	decoded, err := gcexportdata.Read(bytes.NewReader(export), token.NewFileSet(), make(map[string]*types.Package), path)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(facts, func(f gobFact) bool {
		if f.Object == "" {
			return false
		}
		_, err := objectpath.Object(decoded, f.Object)
		return err != nil
	}), nil
}

// countFact and nameFact are facts for TestFactsBytesStable.
type countFact struct{ N int }

func (*countFact) AFact() {}

type nameFact struct{ Names []string }

func (*nameFact) AFact() {}

// TestFactsBytesStable checks that a package's facts encode to the same
// bytes whichever fact type the process met first: gob numbers types in
// the order it meets them, and concurrent units store their facts in no
// fixed order, so without registerFacts meeting every fact type first, a
// run after a cold one hashed the same facts differently and analyzed the
// importers again. Two processes (this test binary, run again) meet the
// types in opposite orders.
func TestFactsBytesStable(t *testing.T) {
	facts := []gobFact{{Object: "A", Fact: &countFact{N: 1}}, {Object: "B", Fact: &nameFact{Names: []string{"x"}}}}
	if first := os.Getenv("TRAPVET_TEST_FACTS_FIRST"); first != "" {
		registerFacts([]*analysis.Analyzer{{Name: "f", Run: func(*analysis.Pass) (any, error) { return nil, nil }, FactTypes: []analysis.Fact{new(nameFact), new(countFact)}}})
		i := slices.IndexFunc(facts, func(f gobFact) bool { return string(f.Object) == first })
		(&factsEntry{Key: "k", Facts: facts[i : i+1]}).marshal() // what a unit stored first
		data, err := (&factsEntry{Key: "k", Facts: facts}).marshal()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%x\n", sha256.Sum256(data))
		return
	}
	sum := func(first string) string {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFactsBytesStable$")
		cmd.Env = append(os.Environ(), "TRAPVET_TEST_FACTS_FIRST="+first)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s first: %v", first, err)
		}
		return strings.Fields(string(out))[0]
	}
	if a, b := sum("A"), sum("B"); a != b {
		t.Errorf("the same facts encode differently by the type met first: %s (countFact first), %s (nameFact first)", a, b)
	}
}
