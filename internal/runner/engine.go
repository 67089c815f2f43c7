package runner

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// This file is the engine for analyzer sets with facts: trapvet's own
// action graph, in place of go/analysis/checker's, so that a package can
// be analyzed against its dependencies' cached types and facts instead of
// their source. It works as go vet does, in one process:
//
//   - a graph query (go list, no parsing) names every package, its files
//     and its imports, and gives each its cache key;
//   - a root whose findings are cached is not analyzed; nor is a
//     dependency whose types and facts are cached;
//   - every other package is parsed and type-checked, in dependency order
//     and in parallel, against its imports: in memory when they were
//     analyzed in this run, from their cached export data otherwise; then
//     its analyzers run (all of them for a root, those with facts and what
//     they require for a dependency), with its dependencies' facts, in
//     memory or decoded from the cache;
//   - its findings, its export data and its facts are stored, and its
//     syntax and type information dropped: the run holds only the types
//     and facts that later packages import.
//
// So a leaf edit costs the go command's graph query, the leaf's own
// analysis and the decoding of what it imports, as go vet's rerun does.

// A unit is one package of the graph and what the run does with it.
type unit struct {
	pkg  *packages.Package
	key  string
	root bool
	// needed: a root or a dependency of one. The others (generated test
	// mains, and what only they import) are not analyzed.
	needed bool
	// terminal: a root that no package can import (a command, an
	// external test package) and that no needed unit imports: its
	// findings are stored, not its export data and facts.
	terminal bool

	// The plan.
	analyze bool          // parsed, type-checked and analyzed in this run
	full    bool          // with every analyzer: a root whose findings are not cached
	header  *factsHeader  // not analyzed: its cached types and facts, read when first needed
	entry   *factsEntry   // ... once read
	cached  []*Finding    // a root not analyzed: its cached findings
	iface   string        // what its importers' keys cover of it (cutoffKey); "": keyless importers
	imports []*unit       // the units it imports, in the graph's order
	done    chan struct{} // closed when analyzed

	// A cached unit's types and facts, decoded when first needed
	// (engine.typesOf, universe.factsOf), with engine.mu held.
	decoded   *types.Package
	decodeErr error
	resolved  *factSet

	rejected bool // the entry is damaged (engine.reject)

	dependents atomic.Int32 // units that import it and are not released (engine.finish)
	ok         bool         // analyzed without errors (engine.finish)

	// The outcome of the analysis, set before done is closed.
	types    *types.Package    // type-checked from source
	sums     map[string]string // the hash of each file as parsed
	stale    bool              // a file read is not what its key hashed, here or in a dependency
	tainted  bool              // analyzed with a damaged cached entry
	facts    *factSet          // the facts its analyzers exported
	exported *factsEntry       // its export data and importable facts (engine.exportOf)
	broken   bool              // errors in it or in a dependency: not analyzed
	failed   map[*analysis.Analyzer]bool
	findings []*Finding
	errs     []Error
}

// runGraph is Run for analyzer sets with facts.
func runGraph(opts Options, patterns []string) (*Result, error) {
	buildContext := opts.queryContext()
	meta, err := opts.load(graphMode, patterns)
	if err != nil {
		return nil, err
	}
	if len(meta) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	bc, err := buildContext()
	if err != nil {
		return nil, err
	}
	var ks *keySet
	if opts.Cache != nil {
		ks = opts.Cache.keys(opts, bc, meta)
		if opts.afterKeys != nil {
			opts.afterKeys()
		}
	}
	// A cached entry found damaged only when it is used (a fact about an
	// object its export data lacks, export data that does not decode) is
	// removed, and the run done again without it: what was analyzed with
	// it is neither stored nor reported.
	distrust := make(map[string]bool)
	for {
		res, rejected := runUnits(opts, meta, ks, bc.sizes(), distrust)
		if len(rejected) == 0 {
			return res, nil
		}
		for _, key := range rejected {
			distrust[key] = true
			opts.Cache.remove(key)
		}
	}
}

// runUnits plans and runs the analysis of the graph meta.
func runUnits(opts Options, meta []*packages.Package, ks *keySet, sizes types.Sizes, distrust map[string]bool) (*Result, []string) {
	e := &engine{
		opts:      opts,
		fset:      token.NewFileSet(),
		units:     make(map[string]*unit),
		rootOrder: postorder(opts.Analyzers),
		depOrder:  postorder(factAnalyzers(opts.Analyzers)),
		pkgUnit:   make(map[*types.Package]*unit),
		ctx:       opts.Context,
		sizes:     sizes,
	}
	if e.ctx == nil {
		e.ctx = context.Background()
	}
	// Export data brings aliases back even when GODEBUG=gotypesalias=0
	// turns them off in the type checker: with them off, dependencies are
	// analyzed from source, as without the cache.
	store := opts.Cache != nil && registerFacts(opts.Analyzers) && aliasesEnabled()
	keys := map[string]string(nil)
	if ks != nil {
		keys, e.own, e.sums, e.findings = ks.keys, ks.own, ks.sums, ks.findings
	}

	// The units, in dependency order.
	var order []*unit
	packages.Visit(meta, nil, func(p *packages.Package) {
		u := &unit{pkg: p, key: keys[p.ID], done: make(chan struct{})}
		if p.PkgPath == "unsafe" {
			// Not a package of source: the type checker's own.
			u.types, u.facts, u.iface = types.Unsafe, newFactSet(), "unsafe"
		}
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			u.imports = append(u.imports, e.units[p.Imports[path].ID])
		}
		e.units[p.ID] = u
		order = append(order, u)
	})

	countDependents(order)

	// The plan. With the facts cache (store), each unit's key covers its
	// imports' export data and facts, known once they are done: the plan
	// is made unit by unit during the analysis (planCutoff). Without it,
	// the keys cover the dependencies' source: roots whose findings are
	// cached are done, and every dependency of the others is analyzed.
	// Nothing is taken from the cache for a package whose graph has errors.
	bad := make(map[*unit]bool)
	for _, u := range order {
		bad[u] = len(u.pkg.Errors) > 0
		for _, d := range u.imports {
			bad[u] = bad[u] || bad[d]
		}
	}
	res := &Result{}
	var work []*unit
	planned := make(map[*unit]bool)
	for _, p := range roots(meta) {
		u := e.units[p.ID]
		u.root = true
		res.Packages++
		if u.types != nil || store {
			continue // unsafe, or planned later
		}
		if opts.Cache != nil && !bad[u] {
			if fs, ok := opts.Cache.get(u.key); ok {
				u.cached = fromVariant(fs, u.pkg.ID)
				continue
			}
		}
		u.analyze, u.full = true, true
		planned[u] = true
		work = append(work, u)
	}
	for len(work) > 0 {
		u := work[len(work)-1]
		work = work[:len(work)-1]
		for _, d := range u.imports {
			if !planned[d] && d.types == nil {
				planned[d], d.analyze = true, true
				work = append(work, d)
			}
		}
	}

	markNeeded(order, roots(meta), e.units)

	// The analysis, in parallel, each unit after the units it imports.
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, u := range order {
		// A unit not analyzed is done once its imports are: its export
		// data may refer to them, so it is decoded only after they are
		// type-checked.
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(u.done)
			defer e.finish(u) // before done: a dependent may release u
			for _, d := range u.imports {
				<-d.done
			}
			if store && u.types == nil && u.needed {
				e.planCutoff(u, bad[u], distrust)
			}
			if !u.analyze {
				return
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			e.analyze(u)
			if store && !u.broken && !u.stale && len(u.failed) == 0 && e.ctx.Err() == nil {
				e.store(u)
			}
		}()
	}
	wg.Wait()

	// The outcome, errors in dependency order.
	errs := newErrorList(res)
	var findings []*Finding
	for _, u := range order {
		findings = append(findings, u.cached...)
		errs.addList(u.pkg)
		for _, err := range u.errs {
			errs.add(err)
		}
		if u.full && u.ok { // analyzed, without errors
			res.Analyzed++
			findings = append(findings, u.findings...)
		}
	}
	res.Findings = sortFindings(findings)
	return res, e.rejected
}

// aliasesEnabled reports whether the type checker makes alias types
// (GODEBUG gotypesalias, on by default).
func aliasesEnabled() bool {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "a.go", "package p; type A = int", parser.SkipObjectResolution)
	if err != nil {
		return false
	}
	pkg, err := new(types.Config).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		return false
	}
	_, ok := pkg.Scope().Lookup("A").Type().(*types.Alias)
	return ok
}

// graphMode is what the graph query asks of the go command: everything
// but the parsing and type-checking, which the engine does itself, and the
// type sizes, which come from the build context (queryContext).
const graphMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedEmbedFiles

// An engine is one run's shared state.
type engine struct {
	opts  Options
	ctx   context.Context
	fset  *token.FileSet
	units map[string]*unit // by package ID
	// The analyzers run on a root and on a dependency, each after those
	// it requires: all, and those with facts and what they require.
	rootOrder, depOrder []*analysis.Analyzer

	// mu guards pkgUnit, and the decoding of export data (typesOf),
	// which may add to the packages it reads.
	mu       sync.Mutex
	pkgUnit  map[*types.Package]*unit // the unit of each package type-checked or decoded
	rejected []string                 // keys of cached entries found damaged in use

	sizes types.Sizes
	own   map[string]string // each package's key without its imports, by ID
	sums  map[string]string // the hash of each file when the keys were computed
	// findings is the hash of every analyzer's name and flags and of
	// Options.Salt, in the roots' findings keys (findingsKey).
	findings string
}

// reject records that d's cached entry is damaged; with e.mu held.
func (e *engine) reject(d *unit) {
	if !d.rejected {
		d.rejected = true
		e.rejected = append(e.rejected, d.key)
	}
}

// analyze parses, type-checks and analyzes u, whose imports are done.
// The analysis of each analyzer follows go/analysis/checker's
// Action.execOnce: the Pass it fills (Module included), the skipping of
// an analyzer whose prerequisite failed, the check of the result's type,
// the check of fixes when reported (checkFixes) and the resolution of URLs
// (resolveURL).
func (e *engine) analyze(u *unit) {
	p := u.pkg
	for _, d := range u.imports {
		if d.broken {
			u.broken = true // the dependency's errors are reported; u's would follow from them
			return
		}
	}
	if e.ctx.Err() != nil || len(p.CompiledGoFiles) == 0 {
		u.broken = true
		return
	}
	errorf := func(err Error) { u.errs = append(u.errs, err) }

	for _, d := range u.imports {
		u.stale = u.stale || d.stale
	}
	files := make([]*ast.File, 0, len(p.CompiledGoFiles))
	u.sums = make(map[string]string, len(p.CompiledGoFiles))
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			errorf(Error{Pos: name + ":1", Msg: err.Error()})
			continue
		}
		u.sums[name] = e.checkSum(u, name, src)
		f, err := parser.ParseFile(e.fset, name, src, parser.AllErrors|parser.ParseComments)
		if list, ok := err.(scanner.ErrorList); ok {
			for _, se := range list {
				errorf(Error{Pos: se.Pos.String(), Msg: se.Msg})
			}
		} else if err != nil {
			errorf(Error{Msg: err.Error()})
		}
		if f != nil {
			files = append(files, f)
		}
	}

	uni := &universe{e: e, u: u}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	cfg := &types.Config{
		Importer: importerFunc(uni.importPath),
		Sizes:    e.sizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				errorf(Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg})
			}
		},
	}
	if v := moduleGoVersion(p.Module); v != "" {
		cfg.GoVersion = "go" + v
	}
	pkg := types.NewPackage(p.PkgPath, p.Name)
	err := types.NewChecker(cfg, e.fset, pkg, info).Files(files)
	if err != nil && len(u.errs) == 0 {
		errorf(Error{Msg: err.Error()}) // a failure the checker reported nowhere else
	}
	if len(u.errs) > 0 || len(p.Errors) > 0 {
		u.broken = true
		return
	}
	u.types = pkg
	u.facts = newFactSet()
	e.mu.Lock()
	e.pkgUnit[pkg] = u
	e.mu.Unlock()

	analyzers := e.depOrder
	if u.full {
		analyzers = e.rootOrder
	}
	results := make(map[*analysis.Analyzer]any)
	module := &analysis.Module{} // never nil, as in go/analysis/checker
	if p.Module != nil {
		module = moduleOf(p.Module)
	}
	for _, a := range analyzers {
		if u.failedPrereq(a) {
			u.fail(a)
			continue
		}
		var diags []analysis.Diagnostic
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         e.fset,
			Files:        files,
			OtherFiles:   p.OtherFiles,
			IgnoredFiles: p.IgnoredFiles,
			Pkg:          pkg,
			TypesInfo:    info,
			TypesSizes:   e.sizes,
			TypeErrors:   nil, // a package with type errors is not analyzed
			Module:       module,
			ResultOf:     make(map[*analysis.Analyzer]any, len(a.Requires)),
			Report: func(d analysis.Diagnostic) {
				if err := checkFixes(e.fset, a, d.SuggestedFixes); err != nil {
					panic(err) // the analyzer's bug, reported as its error
				}
				diags = append(diags, d)
			},
		}
		for _, r := range a.Requires {
			pass.ResultOf[r] = results[r]
		}
		pass.ReadFile = e.readable(u, pass)
		uni.bind(pass)
		result, err := run(a, pass)
		pass.ExportObjectFact, pass.ExportPackageFact = nil, nil
		if err == nil && reflect.TypeOf(result) != a.ResultType {
			err = fmt.Errorf("internal error: on package %s, analyzer %s returned a result of type %v, but declared ResultType %v", pkg.Path(), a, reflect.TypeOf(result), a.ResultType)
		}
		for i := 0; err == nil && i < len(diags); i++ {
			diags[i].URL, err = resolveURL(a, diags[i])
		}
		if err != nil {
			u.fail(a)
			errorf(analysisError(a, p.PkgPath, err.Error()))
			continue
		}
		results[a] = result
		if u.full {
			for _, d := range diags {
				f := resolve(e.fset, files, a.Name, p.PkgPath, d, e.opts.Suppressions)
				f.variant = p.ID
				f.setSums(u.sums)
				u.findings = append(u.findings, f)
			}
		}
	}
	// The errors of analyzers are reported, but do not make the package
	// broken: its importers run the analyzers that did not fail.
}

// checkSum returns the hash of src, the content of the file name of u as
// the analysis read it, and marks u stale if it is not the content its
// key was computed from: its results are then not stored.
func (e *engine) checkSum(u *unit, name string, src []byte) string {
	s := fileSum(src)
	if e.sums != nil && e.sums[name] != s {
		u.stale = true
	}
	return s
}

// readable returns the pass's ReadFile: the files of the package, and its
// other and ignored files, as the go/analysis contract allows; what it
// reads is checked against the key as the parsed files are. It follows
// x/tools' driverutil.CheckedReadFile, which go/analysis/checker uses.
func (e *engine) readable(u *unit, pass *analysis.Pass) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		ok := slices.Contains(pass.OtherFiles, name) || slices.Contains(pass.IgnoredFiles, name)
		for _, f := range pass.Files {
			ok = ok || pass.Fset.File(f.FileStart).Name() == name
		}
		if !ok {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", name)
		}
		data, err := os.ReadFile(name)
		if err == nil {
			e.checkSum(u, name, data)
		}
		return data, err
	}
}

// run runs a on pass, a panic becoming an error.
func run(a *analysis.Analyzer, pass *analysis.Pass) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return a.Run(pass)
}

// fail records that a failed, or was skipped after a failure, on u.
func (u *unit) fail(a *analysis.Analyzer) {
	if u.failed == nil {
		u.failed = make(map[*analysis.Analyzer]bool)
	}
	u.failed[a] = true
}

// failedPrereq reports whether a cannot run on u: an analyzer it requires
// failed on u, or, for an analyzer with facts, a failed on an import. It
// follows the "failed prerequisites" check of go/analysis/checker's
// Action.execOnce, whose action for a depends on those.
func (u *unit) failedPrereq(a *analysis.Analyzer) bool {
	for _, r := range a.Requires {
		if u.failed[r] {
			return true
		}
	}
	if len(a.FactTypes) > 0 {
		for _, d := range u.imports {
			if d.failed[a] {
				return true
			}
		}
	}
	return false
}

// store writes u's findings (a root analyzed in full) and its export data
// and facts to the cache.
func (e *engine) store(u *unit) {
	c := e.opts.Cache
	if u.key == "" {
		return
	}
	if u.tainted {
		return
	}
	if u.full {
		c.put(e.findingsKey(u), u.findings)
	}
	if u.terminal {
		return // nothing imports it
	}
	fe, err := e.exportOf(u)
	if err != nil {
		return
	}
	fe.Key = u.key
	if c.putFacts(fe) {
		u.iface = e.ifaceOf(u, fe.out)
	}
}

// postorder returns the analyzers and those they require, each after
// what it requires.
func postorder(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return out
}

// factAnalyzers returns the analyzers with facts among analyzers and
// those they require: the ones that run on dependencies.
func factAnalyzers(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range postorder(analyzers) {
		if len(a.FactTypes) > 0 {
			out = append(out, a)
		}
	}
	return out
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// A universe is what one unit sees of its dependencies: their types and
// their facts. The types of a package are one *types.Package for the
// whole run, whichever unit imports it: type-checked from source when the
// package is analyzed in this run, decoded once from its cached export
// data otherwise (engine.typesOf), so that every reference to it, from
// source or from another package's export data, means the same objects.
type universe struct {
	e *engine
	u *unit

	byPath map[string]*unit // u's dependencies, transitively; nil until needed
}

// importPath is the type checker's importer.
func (uni *universe) importPath(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	ip := uni.u.pkg.Imports[path]
	if ip == nil {
		return nil, fmt.Errorf("no metadata for %s", path) // the go command reported why
	}
	return uni.e.typesOf(uni.e.units[ip.ID])
}

// typesOf returns d's types: in memory if d was analyzed in this run,
// else decoded from its cached export data, once, after its dependencies,
// into a map of the run's packages.
func (e *engine) typesOf(d *unit) (*types.Package, error) {
	if d.types != nil {
		return d.types, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.decode(d)
}

// importsOf returns the packages u's export data may refer to, by path:
// its dependencies, transitively, each type-checked or decoded before it;
// with e.mu held.
func (e *engine) importsOf(u *unit) (map[string]*types.Package, error) {
	imports := make(map[string]*types.Package)
	var visit func(u *unit) error
	visit = func(u *unit) error {
		for _, dep := range u.imports {
			if _, ok := imports[dep.pkg.PkgPath]; ok {
				continue
			}
			pkg := dep.types
			if pkg == nil {
				var err error
				if pkg, err = e.decode(dep); err != nil {
					return err
				}
			}
			imports[dep.pkg.PkgPath] = pkg
			if err := visit(dep); err != nil {
				return err
			}
		}
		return nil
	}
	return imports, visit(u)
}

// decode is typesOf for a cached unit, with e.mu held.
func (e *engine) decode(d *unit) (*types.Package, error) {
	if d.decoded != nil || d.decodeErr != nil {
		return d.decoded, d.decodeErr
	}
	if d.entry == nil && d.header != nil {
		fe, ok := e.opts.Cache.getFacts(d.key, d.header)
		if !ok {
			d.decodeErr = fmt.Errorf("cached types of %s: damaged entry", d.pkg.PkgPath)
			e.reject(d)
			return nil, d.decodeErr
		}
		d.entry = fe
	}
	if d.entry == nil {
		return nil, fmt.Errorf("no types for %s", d.pkg.PkgPath) // d is broken, and its importers with it
	}
	imports, err := e.importsOf(d)
	if err != nil {
		d.decodeErr = err
		return nil, err
	}
	path := d.pkg.PkgPath
	d.decoded, d.decodeErr = gcexportdata.Read(bytes.NewReader(d.entry.Export), e.fset, imports, path)
	if d.decodeErr != nil {
		d.decodeErr = fmt.Errorf("cached export data of %s: %v", path, d.decodeErr)
		e.reject(d)
		return nil, d.decodeErr
	}
	e.pkgUnit[d.decoded] = d
	return d.decoded, nil
}

// deps returns u's dependencies, transitively, by package path: one unit
// for each, the variant u's build uses.
func (uni *universe) deps() map[string]*unit {
	if uni.byPath == nil {
		uni.byPath = make(map[string]*unit)
		var visit func(u *unit)
		visit = func(u *unit) {
			for _, d := range u.imports {
				if _, ok := uni.byPath[d.pkg.PkgPath]; !ok {
					uni.byPath[d.pkg.PkgPath] = d
					visit(d)
				}
			}
		}
		visit(uni.u)
	}
	return uni.byPath
}

// unitOf returns the unit whose types pkg is, and whether u imports it
// directly; nil if pkg is not one of the run's packages.
func (uni *universe) unitOf(pkg *types.Package) (d *unit, direct bool) {
	uni.e.mu.Lock()
	d = uni.e.pkgUnit[pkg]
	uni.e.mu.Unlock()
	if d == nil {
		return nil, false
	}
	return d, slices.Contains(uni.u.imports, d)
}

// moduleOf returns the analysis.Module of a package's module, every
// field filled. It follows go/analysis/checker's
// analysisModuleFromPackagesModule.
func moduleOf(m *packages.Module) *analysis.Module {
	if m == nil {
		return nil
	}
	var merr *analysis.ModuleError
	if m.Error != nil {
		merr = &analysis.ModuleError{Err: m.Error.Err}
	}
	return &analysis.Module{
		Path:      m.Path,
		Version:   m.Version,
		Replace:   moduleOf(m.Replace),
		Time:      m.Time,
		Main:      m.Main,
		Indirect:  m.Indirect,
		Dir:       m.Dir,
		GoMod:     m.GoMod,
		GoVersion: moduleGoVersion(m),
		Error:     merr,
	}
}

// moduleGoVersion returns the Go version the go command builds and vets a
// module's packages at: its go line, or, when it has none (a module of
// before modules, +incompatible, with no go.mod, or vendored without a go
// annotation), go 1.16, as cmd/go does (gover.DefaultGoModVersion). There
// a loop variable is shared by the iterations, and go vet mode says so.
// "" outside a module.
func moduleGoVersion(m *packages.Module) string {
	if m == nil {
		return ""
	}
	if m.GoVersion != "" {
		return m.GoVersion
	}
	return "1.16"
}
