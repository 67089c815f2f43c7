package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"go/token"
	"go/types"
	"io"
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
// A fact is decided by the first element of its path, the package-level
// object it starts from, as gcexportdata.Write (x/tools' iexport) decides
// what it writes: every exported package-level object, with its whole type
// (fields, methods, parameters); of the unexported ones, the type names
// that what it writes refers to (exported). A path from an object written
// resolves; one from an unexported function, variable or constant, or a
// type name nothing written refers to, does not. TestImportable compares
// this with the decoding of the export data for every object of the
// packages net/http, go/types and encoding/json import.
func importable(facts []gobFact, pkg *types.Package) []gobFact {
	var reached map[types.Object]bool
	return slices.DeleteFunc(facts, func(f gobFact) bool {
		if f.Object == "" {
			return false
		}
		name, _, _ := strings.Cut(string(f.Object), ".")
		if token.IsExported(name) {
			return false
		}
		obj, ok := pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok {
			return true
		}
		if reached == nil {
			reached = exported(pkg)
		}
		return !reached[obj]
	})
}

// exported returns the objects of pkg that its export data holds (and
// the type parameters it declares): its exported package-level objects
// and, transitively, the objects of pkg that their declarations refer to.
// It follows x/tools' iexport (iexportCommon, doDecl, doTyp), which pushes
// a declaration for every exported name and for every type name
// (qualifiedType) a declaration it writes refers to.
func exported(pkg *types.Package) map[types.Object]bool {
	seen := make(map[types.Object]bool)
	var queue []types.Object
	push := func(obj types.Object) {
		if obj.Pkg() == pkg && !seen[obj] {
			seen[obj] = true
			queue = append(queue, obj)
		}
	}
	done := make(map[types.Type]bool)
	var typ func(t types.Type)
	tuple := func(t *types.Tuple) {
		for v := range t.Variables() {
			typ(v.Type())
		}
	}
	tparams := func(list *types.TypeParamList) {
		for tp := range list.TypeParams() {
			push(tp.Obj())
		}
	}
	signature := func(sig *types.Signature) {
		tparams(sig.TypeParams())
		tuple(sig.Params())
		tuple(sig.Results())
	}
	// named reaches an alias or a defined type: an instance by its type
	// arguments and its generic origin, the origin by its name.
	named := func(targs *types.TypeList, origin types.Type, obj *types.TypeName) {
		if targs.Len() == 0 {
			push(obj)
			return
		}
		for a := range targs.Types() {
			typ(a)
		}
		typ(origin)
	}
	typ = func(t types.Type) {
		if t == nil || done[t] {
			return
		}
		done[t] = true
		switch t := t.(type) {
		case *types.Alias:
			named(t.TypeArgs(), t.Origin(), t.Obj())
		case *types.Named:
			named(t.TypeArgs(), t.Origin(), t.Obj())
		case *types.TypeParam:
			push(t.Obj())
		case *types.Pointer:
			typ(t.Elem())
		case *types.Slice:
			typ(t.Elem())
		case *types.Array:
			typ(t.Elem())
		case *types.Chan:
			typ(t.Elem())
		case *types.Map:
			typ(t.Key())
			typ(t.Elem())
		case *types.Signature:
			signature(t)
		case *types.Struct:
			for f := range t.Fields() {
				typ(f.Type())
			}
		case *types.Interface:
			for e := range t.EmbeddedTypes() {
				typ(e)
			}
			for m := range t.ExplicitMethods() {
				signature(m.Signature())
			}
		case *types.Union:
			for i := range t.Len() {
				typ(t.Term(i).Type())
			}
		case *types.Tuple:
			tuple(t)
		}
	}
	for _, name := range pkg.Scope().Names() {
		if token.IsExported(name) {
			push(pkg.Scope().Lookup(name))
		}
	}
	for len(queue) > 0 {
		obj := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		switch obj := obj.(type) {
		case *types.Var, *types.Const:
			typ(obj.Type())
		case *types.Func:
			signature(obj.Signature())
		case *types.TypeName:
			t := obj.Type()
			if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
				typ(tp.Constraint())
				break
			}
			if obj.IsAlias() {
				if alias, ok := t.(*types.Alias); ok {
					tparams(alias.TypeParams())
					t = alias.Rhs()
				}
				typ(t)
				break
			}
			named, ok := t.(*types.Named)
			if !ok {
				break
			}
			tparams(named.TypeParams())
			typ(named.Underlying())
			if types.IsInterface(t) {
				break
			}
			for m := range named.Methods() {
				sig := m.Signature()
				tparams(sig.RecvTypeParams())
				if recv := sig.Recv(); recv != nil {
					typ(recv.Type())
				}
				signature(sig)
			}
		}
	}
	return seen
}

// resolveFacts returns the cached facts of d, keyed by the objects of its
// decoded types, pkg; with e.mu held. A fact about an object that pkg does
// not have (facts are only stored for objects with a path) means a
// damaged entry: it is rejected, and nil returned.
func (e *engine) resolveFacts(d *unit, pkg *types.Package) *factSet {
	if d.resolved != nil || d.rejected {
		return d.resolved
	}
	fs, ok := factsAbout(pkg, d.entry.Facts)
	if !ok {
		e.reject(d)
		return nil
	}
	d.resolved = fs
	return fs
}

// factsAbout returns facts keyed by the objects of pkg their paths name,
// or false if a path names none.
func factsAbout(pkg *types.Package, facts []gobFact) (*factSet, bool) {
	fs := newFactSet()
	for _, gf := range facts {
		t := reflect.TypeOf(gf.Fact)
		if gf.Object == "" {
			fs.pkgs[t] = gf.Fact
			continue
		}
		obj, err := objectpath.Object(pkg, gf.Object)
		if err != nil {
			return nil, false
		}
		fs.objs[objectFactKey{obj, t}] = gf.Fact
	}
	return fs, true
}

// exportOf returns u's export data and the facts an importer can see
// (importable), written once for the cache (engine.store) and compact.
func (e *engine) exportOf(u *unit) (*factsEntry, error) {
	if u.exported != nil {
		return u.exported, nil
	}
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, e.fset, u.types); err != nil {
		return nil, err
	}
	fe := u.facts.encode()
	fe.Facts = importable(fe.Facts, u.types)
	fe.Export = buf.Bytes()
	u.exported = fe
	return fe, nil
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
	var facts []analysis.Fact
	for _, a := range factAnalyzers(analyzers) {
		for _, f := range a.FactTypes {
			gob.Register(f)
			facts = append(facts, f)
		}
	}
	// gob numbers a type when an encoder or decoder of the process first
	// meets it, and writes the numbers into what it encodes. A package's
	// facts must encode to the same bytes in every run, since their hash
	// keys its importers (cutoff.go): so every fact type is met here, in
	// the order of its name, before any unit stores or reads facts, and
	// not in the order in which concurrent units first store theirs.
	slices.SortFunc(facts, func(a, b analysis.Fact) int {
		return strings.Compare(reflect.TypeOf(a).String(), reflect.TypeOf(b).String())
	})
	for _, f := range facts {
		gob.NewEncoder(io.Discard).Encode([]gobFact{{Fact: f}})
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
