package fmtlog

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// isCrashReport reports whether the print at cur is part of a crash
// report: it sits in a recover handler (a function calling recover, whose
// panic is the abort, or a literal inside one), in a function that always ends the process (its
// last statement aborts and it has no return), or it is followed by a
// panic or exit with nothing but more printing in between.
func (c *checker) isCrashReport(cur inspector.Cursor) bool {
	innermost := true
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var body *ast.BlockStmt
		switch fn := fc.Node().(type) {
		case *ast.FuncDecl:
			body = fn.Body
		case *ast.FuncLit:
			body = fn.Body
		}
		if body != nil && (c.callsRecover(body) || innermost && c.alwaysAborts(body)) {
			return true
		}
		innermost = false
	}
	return c.precedesAbort(cur)
}

// callsRecover reports whether body calls the builtin recover outside
// nested function literals.
func (c *checker) callsRecover(body *ast.BlockStmt) bool {
	return funcs.HasCall(body, func(call *ast.CallExpr) bool { return c.isBuiltin(call, "recover") })
}

// alwaysAborts reports whether a function body ends in an abort and has no
// return statement: every path that finishes ends the process.
func (c *checker) alwaysAborts(body *ast.BlockStmt) bool {
	if len(body.List) == 0 || c.abortStmt(body.List[len(body.List)-1]) != aborts {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return !found
}

func (c *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	return code.CallsBuiltin(c.pass.TypesInfo, call, name)
}

// precedesAbort reports whether the print is followed by a panic or an
// exit with nothing but more printing in between, looking past the end of
// a print-only loop or branch (or a switch case) to what follows it: it is
// part of a crash report, not logging. A print inside a function literal
// defined as a local (report := func() {...}) is where the literal is
// defined. Setting a failure flag (ok = false) that a later if turns into
// a panic counts as the abort. log.Fatal(http.ListenAndServe(...)) is no
// abort: it serves first.
func (c *checker) precedesAbort(cur inspector.Cursor) bool {
	stmt := cur.Parent()
	if _, ok := stmt.Node().(ast.Stmt); !ok || printStmtCall(stmt.Node().(ast.Stmt)) == nil {
		return false
	}
	for {
		list, ok := funcs.StmtList(stmt.Parent().Node())
		if !ok {
			return false
		}
		switch c.abortsAfter(list, stmt.Node().(ast.Stmt)) {
		case aborts:
			return true
		case continues:
			return false
		}
		// The list ended in printing: if it is the body of a print-only
		// loop or branch, or a switch case, or a local function literal,
		// go on after that statement.
		outer := stmt.Parent().Parent()
		switch o := outer.Node().(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			if !c.onlyPrints(o.(ast.Stmt)) {
				return false
			}
			stmt = outer
		case *ast.CaseClause, *ast.CommClause:
			stmt = outer.Parent().Parent() // the switch or select statement
		case *ast.FuncLit:
			def, ok := outer.Parent().Node().(*ast.AssignStmt)
			if !ok || !definesLocals(def) {
				return false
			}
			stmt = outer.Parent()
		default:
			return false
		}
		if _, ok := stmt.Node().(ast.Stmt); !ok {
			return false
		}
	}
}

type abortKind int

const (
	endsPrinting abortKind = iota // the block ends with nothing but prints
	aborts                        // a panic or exit follows
	continues                     // other work follows
)

// abortsAfter classifies what follows stmt in list.
func (c *checker) abortsAfter(list []ast.Stmt, stmt ast.Stmt) abortKind {
	after := false
	for _, s := range list {
		if s == stmt {
			after = true
			continue
		}
		if !after {
			continue
		}
		switch c.abortStmt(s) {
		case aborts:
			return aborts
		case continues:
			if !c.onlyPrints(s) && !definesLocals(s) {
				return continues
			}
		}
	}
	return endsPrinting
}

// abortStmt classifies one statement: a panic, os.Exit, log.Fatal or the
// setting of a failure flag aborts.
func (c *checker) abortStmt(s ast.Stmt) abortKind {
	info := c.pass.TypesInfo
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return continues
		}
		if c.isBuiltin(call, "panic") || typematch.CallsFunc(info, call, "os", "Exit") {
			return aborts
		}
		if typematch.CallsFunc(info, call, "log", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln") {
			if c.servesIn(call.Args) {
				return continues // log.Fatal(http.ListenAndServe(...)) serves first
			}
			return aborts
		}
	case *ast.AssignStmt:
		if c.setsFailureFlag(s) {
			return aborts
		}
	}
	return continues
}

// setsFailureFlag reports whether s sets a local boolean to a constant
// (ok = false, altered = true) that an if of the same function tests
// before a panic or an exit.
func (c *checker) setsFailureFlag(s *ast.AssignStmt) bool {
	if s.Tok.String() != "=" || len(s.Lhs) != 1 || len(s.Rhs) != 1 {
		return false
	}
	id, ok := s.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return false
	}
	if tv, ok := c.pass.TypesInfo.Types[s.Rhs[0]]; !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return false
	}
	found := false
	for _, f := range c.pass.Files {
		if f.FileStart > v.Pos() || v.Pos() >= f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ifs, ok := n.(*ast.IfStmt)
			if !ok || found || !code.Uses(c.pass.TypesInfo, ifs.Cond, v) {
				return !found
			}
			ast.Inspect(ifs.Body, func(n ast.Node) bool {
				// An assignment there never counts, and asking about it
				// would ask about its flag again (if failed { failed =
				// true }): only the other statements are judged.
				if st, ok := n.(ast.Stmt); ok {
					if _, isAssign := st.(*ast.AssignStmt); !isAssign && c.abortStmt(st) == aborts {
						found = true
					}
				}
				return !found
			})
			return !found
		})
	}
	return found
}

// servesIn reports whether the expressions call a function that starts a
// server.
func (c *checker) servesIn(es []ast.Expr) bool {
	found := false
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && knowledge.CallsStartServer(c.pass.TypesInfo, call) {
				found = true
			}
			return !found
		})
	}
	return found
}

// printStmtCall returns the call of a statement that is only a call, or
// discards its results (_, _ = fmt.Fprintln(os.Stderr, err)); else nil.
func printStmtCall(s ast.Stmt) *ast.CallExpr {
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, _ := ast.Unparen(s.X).(*ast.CallExpr)
		return call
	case *ast.AssignStmt:
		for _, l := range s.Lhs {
			if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
				return nil
			}
		}
		if len(s.Rhs) == 1 {
			call, _ := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
			return call
		}
	}
	return nil
}

// onlyPrints reports whether the compound statement s does nothing but
// print: each statement in it is a print call, or a loop or branch made of
// such statements (calls inside the printed arguments only compute them).
func (c *checker) onlyPrints(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt:
		call := printStmtCall(s)
		if call == nil {
			return false
		}
		_, isPrint := asPrintCall(c.pass, c.sum, call)
		return isPrint
	case *ast.BlockStmt:
		for _, st := range s.List {
			if !c.onlyPrints(st) {
				return false
			}
		}
		return true
	case *ast.IfStmt:
		return s.Init == nil && c.onlyPrints(s.Body) && (s.Else == nil || c.onlyPrints(s.Else))
	case *ast.ForStmt:
		return s.Init == nil && s.Post == nil && c.onlyPrints(s.Body)
	case *ast.RangeStmt:
		return c.onlyPrints(s.Body)
	}
	return false
}

// isCrashReportHere reports whether the print is a crash report fmtlog
// leaves alone: anywhere but in a server program with a structured
// logger, whose start-up failure belongs in its logs like the rest.
func (c *checker) isCrashReportHere(cur inspector.Cursor) bool {
	if c.program && c.server && c.log != nil {
		return false
	}
	return c.isCrashReport(cur)
}

// definesLocals reports whether s only declares local variables (x := ...,
// var buf [32]uintptr): a crash report assembling what it prints.
func definesLocals(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.AssignStmt:
		return s.Tok == token.DEFINE
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		return ok && gd.Tok == token.VAR
	}
	return false
}
