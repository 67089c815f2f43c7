package paramflow_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/paramflow"
)

const src = `package p

import "strings"

type T struct {
	names []string
	byKey map[string]int
	last  string
}

var global []byte

func (t *T) Add(name string)        { t.names = append(t.names, name) }
func (t *T) Key(k string)           { t.byKey[k] = 1 }
func (t *T) Keep(b []byte)          { global = b[:4] }
func send(ch chan []byte, b []byte) { ch <- b }
func boxed(t *T, s string)          { *t = T{last: s} }

// local fills a value of its own: no store beyond the call.
func local(s string) T {
	var r T
	r.last = s
	return r
}

// cloned keeps a copy.
func (t *T) cloned(s string) {
	s = strings.Clone(s)
	t.last = s
}

func head(b []byte) []byte {
	if len(b) < 8 {
		return nil
	}
	return b[:8]
}

// firstLine returns all of s when it has no newline: not a part.
func firstLine(s string) (string, error) {
	line := s
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		line = s[:i]
	}
	return strings.TrimSpace(line), nil
}

func name(s string) string {
	i := strings.IndexByte(s, ' ')
	if i < 0 {
		return ""
	}
	return s[:i]
}

func trimmed(s string) (string, error) {
	if len(s) < 10 {
		return "", nil
	}
	v := s[2:10]
	return strings.TrimSpace(v), nil
}

type Entry struct {
	Name string
	Size int
}

func entry(line string) Entry {
	fields := strings.Fields(line)
	return Entry{Name: fields[0], Size: len(fields)}
}

// entryCopy keeps a copy of the field.
func entryCopy(line string) *Entry {
	fields := strings.Fields(line)
	return &Entry{Name: strings.Clone(fields[0])}
}

// whole returns its parameter itself: no part.
func whole(s string) string { return s }

// mixed returns a part of a on one path and of b on another.
func mixed(a, b string) string {
	if len(a) > 2 {
		return a[:2]
	}
	return b[:2]
}
`

func TestSummaries(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	s := paramflow.New(info, funcs.DeclsOf(info, []*ast.File{f}))
	lookup := func(name string) *types.Func {
		if obj, ok := pkg.Scope().Lookup(name).(*types.Func); ok {
			return obj
		}
		tn := pkg.Scope().Lookup("T").(*types.TypeName)
		for m := range tn.Type().(*types.Named).Methods() {
			if m.Name() == name {
				return m
			}
		}
		t.Fatalf("no function %s", name)
		return nil
	}
	for _, tc := range []struct {
		fn   string
		want string
	}{
		{"Add", "stores [0] parts []"},
		{"Key", "stores [0] parts []"},
		{"Keep", "stores [0] parts []"},
		{"send", "stores [1] parts []"},
		{"boxed", "stores [1] parts []"},
		{"local", "none"},
		{"cloned", "none"},
		{"head", "stores [] parts [0<-0]"},
		{"firstLine", "none"},
		{"trimmed", "stores [] parts [0<-0]"},
		{"name", "stores [] parts [0<-0]"},
		{"entry", "stores [] parts [0<-0]"},
		{"entryCopy", "none"},
		{"whole", "none"},
		{"mixed", "none"},
	} {
		got := "none"
		if sum := s.Of(lookup(tc.fn)); sum != nil {
			var parts []string
			for _, p := range sum.Parts {
				parts = append(parts, fmt.Sprintf("%d<-%d", p.Result, p.Param))
			}
			got = fmt.Sprintf("stores %v parts %v", sum.Stores, parts)
		}
		if got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.fn, got, tc.want)
		}
	}
}
