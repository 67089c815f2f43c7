package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/types/objectpath"
)

// A factSet holds facts about one package's objects and the package.
type factSet struct {
	objs map[objectFactKey]analysis.Fact
	pkgs map[reflect.Type]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	t   reflect.Type
}

func newFactSet() *factSet {
	return &factSet{objs: make(map[objectFactKey]analysis.Fact), pkgs: make(map[reflect.Type]analysis.Fact)}
}

// A gobFact is a fact as the cache keeps it: the object by its path in
// its package ("" for a fact about the package).
type gobFact struct {
	Object objectpath.Path
	Fact   analysis.Fact
}

// encode returns the facts of fs for the cache. Facts about objects that
// have no path (local ones) cannot be seen by an importer, and are left
// out, as go vet's unitchecker leaves them out (x/tools' facts.Set.Encode).
func (fs *factSet) encode() *factsEntry {
	fe := &factsEntry{}
	var enc objectpath.Encoder
	for k, f := range fs.objs {
		path, err := enc.For(k.obj)
		if err != nil {
			continue
		}
		fe.Facts = append(fe.Facts, gobFact{Object: path, Fact: f})
	}
	for _, f := range fs.pkgs {
		fe.Facts = append(fe.Facts, gobFact{Fact: f})
	}
	return fe
}

// importable returns the facts an importer can see: those about the
// package, and those about objects its export data has. objectpath names
// every package-level object of the source, but the export data holds the
// exported ones and what they reach; a fact about an unexported function,
// or a method of an unexported type nothing exported reaches, would not
// resolve in an importer (go vet drops it there). Dropping it here, where
// the export data is written, lets a fact that does not resolve when read
// mean a damaged entry.
//
// Most facts are decided by the first element of their path, the
// package-level object they start from, as gcexportdata.Write (x/tools'
// iexport) decides what it writes: every exported package-level object,
// with its whole type (fields, methods, parameters), is written, so a
// path from one resolves; an unexported function, variable or constant is
// never written (only type names are written for what exported objects
// reach), so a path from one does not. Only a path from an unexported
// type name depends on what reaches it: for those, the export data is
// decoded and the path looked up. TestImportable checks the rule against
// the decoding for every object of many standard packages.
func importable(facts []gobFact, pkg *types.Package, export []byte) ([]gobFact, error) {
	unsure := false
	facts = slices.DeleteFunc(facts, func(f gobFact) bool {
		if f.Object == "" {
			return false
		}
		name, _, _ := strings.Cut(string(f.Object), ".")
		if token.IsExported(name) {
			return false
		}
		switch pkg.Scope().Lookup(name).(type) {
		case *types.Func, *types.Var, *types.Const:
			return true
		}
		unsure = true
		return false
	})
	if !unsure {
		return facts, nil
	}
	return decodedImportable(facts, export, pkg.Path())
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

// resolveFacts returns the cached facts of d, keyed by the objects of its
// decoded types, pkg; with e.mu held. A fact about an object that pkg does
// not have (facts are only stored for objects with a path) means a
// damaged entry: it is rejected, and nil returned.
func (e *engine) resolveFacts(d *unit, pkg *types.Package) *factSet {
	if d.resolved != nil || d.rejected {
		return d.resolved
	}
	fs := newFactSet()
	for _, gf := range d.entry.Facts {
		t := reflect.TypeOf(gf.Fact)
		if gf.Object == "" {
			fs.pkgs[t] = gf.Fact
			continue
		}
		obj, err := objectpath.Object(pkg, gf.Object)
		if err != nil {
			e.reject(d)
			return nil
		}
		fs.objs[objectFactKey{obj, t}] = gf.Fact
	}
	d.resolved = fs
	return fs
}

// factsOf returns the facts of the dependency whose types pkg is, and
// whether u imports it directly; nil if pkg is none of the run's packages.
func (uni *universe) factsOf(pkg *types.Package) (*factSet, bool) {
	d, direct := uni.unitOf(pkg)
	switch {
	case d == nil:
		return nil, false
	case d.types == pkg:
		return d.facts, direct
	case d.entry != nil && d.decoded == pkg:
		uni.e.mu.Lock()
		defer uni.e.mu.Unlock()
		fs := uni.e.resolveFacts(d, pkg)
		if fs == nil {
			uni.u.tainted = true // the run is done again without d's entry
		}
		return fs, direct
	}
	return nil, false
}

// visible reports whether a fact about obj, an object of a dependency,
// reaches the analyzed package: as go/analysis/checker passes facts on,
// one import at a time (inheritFacts), each step keeping those about
// objects that may appear in the importer's view of the package
// (exportedFrom: exported functions and package variables of a direct
// import; methods, fields, types and constants of any dependency). The cached facts and the in-memory ones
// go through the same filter, so that a cached run finds what a cold one
// does.
func visible(obj types.Object, direct bool) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Signature().Recv() != nil || direct && obj.Exported()
	case *types.Var:
		return obj.IsField() || direct
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// bind sets pass's fact functions: its own package's facts are u's; the
// others come from the dependencies. They follow go/analysis/checker's
// Action.ObjectFact, exportObjectFact, PackageFact, exportPackageFact,
// AllObjectFacts and AllPackageFacts.
func (uni *universe) bind(pass *analysis.Pass) {
	u := uni.u
	own := u.facts
	a := pass.Analyzer
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil {
			panic("nil object")
		}
		key := objectFactKey{obj, reflect.TypeOf(ptr)}
		var fact analysis.Fact
		if obj.Pkg() == u.types {
			fact = own.objs[key]
		} else if obj.Pkg() != nil {
			if fs, direct := uni.factsOf(obj.Pkg()); fs != nil && visible(obj, direct) {
				fact = fs.objs[key]
			}
		}
		if fact == nil {
			return false
		}
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
		return true
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != u.types {
			panic(fmt.Sprintf("in analysis %s of package %s: ExportObjectFact(%s, %T): the object belongs to another package", a.Name, u.pkg.PkgPath, obj, fact))
		}
		checkFactType(a, fact)
		own.objs[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		if pkg == nil {
			panic("nil package")
		}
		t := reflect.TypeOf(ptr)
		var fact analysis.Fact
		if pkg == u.types {
			fact = own.pkgs[t]
		} else if fs, _ := uni.factsOf(pkg); fs != nil {
			fact = fs.pkgs[t]
		}
		if fact == nil {
			return false
		}
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
		return true
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		checkFactType(a, fact)
		own.pkgs[reflect.TypeOf(fact)] = fact
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		var out []analysis.ObjectFact
		add := func(fs *factSet, direct, dep bool) {
			for k, f := range fs.objs {
				if declares(a, k.t) && (!dep || visible(k.obj, direct)) {
					out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
				}
			}
		}
		add(own, true, false)
		uni.eachDep(func(fs *factSet, _ *types.Package, direct bool) { add(fs, direct, true) })
		return out
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		var out []analysis.PackageFact
		add := func(fs *factSet, pkg *types.Package) {
			for t, f := range fs.pkgs {
				if declares(a, t) {
					out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
				}
			}
		}
		add(own, u.types)
		uni.eachDep(func(fs *factSet, pkg *types.Package, _ bool) { add(fs, pkg) })
		return out
	}
}

// eachDep calls f with the facts of each dependency that uni sees.
func (uni *universe) eachDep(f func(fs *factSet, pkg *types.Package, direct bool)) {
	for _, d := range uni.deps() {
		pkg, err := uni.e.typesOf(d)
		if err != nil {
			continue
		}
		if fs, direct := uni.factsOf(pkg); fs != nil {
			f(fs, pkg, direct)
		}
	}
}

// declares reports whether t is one of a's fact types.
func declares(a *analysis.Analyzer, t reflect.Type) bool {
	return slices.ContainsFunc(a.FactTypes, func(f analysis.Fact) bool { return reflect.TypeOf(f) == t })
}

func checkFactType(a *analysis.Analyzer, fact analysis.Fact) {
	if !declares(a, reflect.TypeOf(fact)) {
		panic(fmt.Sprintf("analyzer %s exported a fact of type %T, not among its FactTypes", a.Name, fact))
	}
}

// registerFacts registers the analyzers' fact types with encoding/gob,
// as go vet's protocol does, and reports whether it could: two fact types
// of one name (in packages of one name) cannot both be registered, and
// then facts are not cached.
func registerFacts(analyzers []*analysis.Analyzer) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	for _, a := range factAnalyzers(analyzers) {
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
	}
	return true
}

// A factsEntry is a cache file of a package's types and facts.
type factsEntry struct {
	Key    string
	Export []byte // gcexportdata
	Facts  []gobFact

	out [sha256.Size]byte // the SHA-256 of the file's body (marshal)
}

// marshal returns the facts file of fe (Cache.factsPath), the facts in
// the order of their objects' paths and their types, so that the same
// facts make the same bytes, and sets fe.out.
func (fe *factsEntry) marshal() ([]byte, error) {
	slices.SortFunc(fe.Facts, func(a, b gobFact) int {
		if c := strings.Compare(string(a.Object), string(b.Object)); c != 0 {
			return c
		}
		return strings.Compare(reflect.TypeOf(a.Fact).String(), reflect.TypeOf(b.Fact).String())
	})
	var facts bytes.Buffer
	if err := gob.NewEncoder(&facts).Encode(fe.Facts); err != nil {
		return nil, err
	}
	body := sha256.New()
	body.Write(fe.Export)
	body.Write(facts.Bytes())
	body.Sum(fe.out[:0])
	buf := make([]byte, 0, factsHeaderSize+len(fe.Export)+facts.Len())
	buf = append(buf, factsMagic...)
	buf = append(buf, fe.Key...)
	buf = append(buf, fe.out[:]...)
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(fe.Export)))
	buf = binary.BigEndian.AppendUint64(buf, uint64(facts.Len()))
	sum := sha256.Sum256(buf)
	buf = append(buf, sum[:]...)
	buf = append(buf, fe.Export...)
	return append(buf, facts.Bytes()...), nil
}
