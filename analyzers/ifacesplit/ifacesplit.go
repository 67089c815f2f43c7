package ifacesplit

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports a service split into single-method interfaces.
var Analyzer = &analysis.Analyzer{
	Name: "ifacesplit",
	Doc:  docs.Extract(doc, "ifacesplit"),
	URL:  "https://github.com/trapvet/trapvet/blob/main/docs/ifacesplit.md",
	Run:  run,
}

// A single is a package-level interface with one method and nothing
// embedded.
type single struct {
	spec *ast.TypeSpec
	obj  *types.TypeName
	noun string
}

func run(pass *analysis.Pass) (any, error) {
	singles, composed, concrete := declarations(pass)
	byNoun := make(map[string][]*single)
	for _, s := range singles {
		if !composed[s.obj] && s.noun != "" {
			byNoun[s.noun] = append(byNoun[s.noun], s)
		}
	}
	r := report.New(pass)
	for _, noun := range slices.Sorted(maps.Keys(byNoun)) {
		group := byNoun[noun]
		if len(group) < 3 {
			continue
		}
		impl, ok := soleImplementer(group, concrete)
		if !ok {
			continue
		}
		together := usedTogether(pass, group)
		if len(together) < 3 {
			continue
		}
		names := make([]string, len(together))
		var related []analysis.RelatedInformation
		for i, s := range together {
			names[i] = s.obj.Name()
			if i > 0 {
				related = append(related, report.Related(s.spec.Name, "%s declared here", s.obj.Name())...)
			}
		}
		r.Report(analysis.Diagnostic{
			Pos:     together[0].spec.Name.Pos(),
			End:     together[0].spec.Name.End(),
			Message: "interfaces " + list(names) + " each hold one method of " + types.TypeString(impl, types.RelativeTo(pass.Pkg)) + ": declare one interface for that capability",
			Related: related,
		})
	}
	return nil, nil
}

// declarations returns the package's single-method interfaces, the
// interfaces embedded in others, and its concrete named types, all from
// files other than tests.
func declarations(pass *analysis.Pass) (singles []*single, composed map[*types.TypeName]bool, concrete []*types.TypeName) {
	composed = make(map[*types.TypeName]bool)
	for _, f := range pass.Files {
		if isTestFile(pass, f) {
			continue
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, sp := range g.Specs {
				spec := sp.(*ast.TypeSpec)
				obj, _ := pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
				if obj == nil || obj.IsAlias() || spec.TypeParams != nil {
					continue
				}
				iface, ok := obj.Type().Underlying().(*types.Interface)
				if !ok {
					concrete = append(concrete, obj)
					continue
				}
				for i := range iface.NumEmbeddeds() {
					if n, ok := iface.EmbeddedType(i).(*types.Named); ok {
						composed[n.Obj()] = true
					}
				}
				if iface.NumEmbeddeds() == 0 && iface.NumExplicitMethods() == 1 {
					singles = append(singles, &single{spec: spec, obj: obj, noun: noun(obj.Name(), iface.ExplicitMethod(0).Name())})
				}
			}
		}
	}
	return singles, composed, concrete
}

// noun returns what a single-method interface acts on: the words after
// the verb of its method (CreateUser: User), or, for a method that is a
// verb alone, the interface's name without its last word (Create in
// UserCreator: User).
func noun(iface, method string) string {
	if words := camelWords(method); len(words) > 1 {
		return strings.Join(words[1:], "")
	}
	if words := camelWords(iface); len(words) > 1 {
		return strings.Join(words[:len(words)-1], "")
	}
	return ""
}

// camelWords splits a Go name into its words: GetHTTPClient is Get, HTTP,
// Client.
func camelWords(name string) []string {
	var words []string
	runes := []rune(name)
	start := 0
	for i := 1; i < len(runes); i++ {
		upper := unicode.IsUpper(runes[i])
		prevLower := !unicode.IsUpper(runes[i-1])
		nextLower := i+1 < len(runes) && !unicode.IsUpper(runes[i+1])
		if upper && (prevLower || nextLower) {
			words = append(words, string(runes[start:i]))
			start = i
		}
	}
	return append(words, string(runes[start:]))
}

// soleImplementer returns the one concrete type that implements every
// interface of the group, as T or *T, when no other concrete type of the
// package implements any of them.
func soleImplementer(group []*single, concrete []*types.TypeName) (types.Type, bool) {
	var impl *types.TypeName
	needsPointer := false
	for _, s := range group {
		iface := s.obj.Type().Underlying().(*types.Interface)
		found := false
		for _, c := range concrete {
			byValue := types.Implements(c.Type(), iface)
			if !byValue && !types.Implements(types.NewPointer(c.Type()), iface) {
				continue
			}
			if impl != nil && impl != c {
				return nil, false // a second implementation
			}
			impl, found = c, true
			needsPointer = needsPointer || !byValue
		}
		if !found {
			return nil, false
		}
	}
	if needsPointer {
		return types.NewPointer(impl.Type()), true
	}
	return impl.Type(), true
}

// usedTogether returns the members of the group that one struct holds as
// fields, or one function takes as parameters: the largest such set, the
// first in the source on a tie.
func usedTogether(pass *analysis.Pass, group []*single) []*single {
	var best []*single
	consider := func(params *types.Tuple, st *types.Struct) {
		var set []*single
		for _, s := range group {
			if hasType(params, st, s.obj.Type()) {
				set = append(set, s)
			}
		}
		if len(set) > len(best) {
			best = set
		}
	}
	for _, f := range pass.Files {
		if isTestFile(pass, f) {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
					consider(fn.Signature().Params(), nil)
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					if ts, ok := sp.(*ast.TypeSpec); ok {
						if obj := pass.TypesInfo.Defs[ts.Name]; obj != nil {
							if st, ok := obj.Type().Underlying().(*types.Struct); ok {
								consider(nil, st)
							}
						}
					}
				}
			}
		}
	}
	return best
}

func isTestFile(pass *analysis.Pass, f *ast.File) bool {
	return code.InTestFile(pass.Fset, f.Pos())
}

func hasType(params *types.Tuple, st *types.Struct, t types.Type) bool {
	if params != nil {
		for i := range params.Len() {
			if types.Identical(params.At(i).Type(), t) {
				return true
			}
		}
	}
	if st != nil {
		for i := range st.NumFields() {
			if types.Identical(st.Field(i).Type(), t) {
				return true
			}
		}
	}
	return false
}

// list joins names as prose: A, B and C.
func list(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
