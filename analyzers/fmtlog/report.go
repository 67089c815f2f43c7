package fmtlog

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/funcs"
)

// reportFile reports the print calls of one file, with fixes that share
// their import edits. A run of prints (consecutive print statements and
// print-only loops: a banner, a report, a warning printed as prefix, text
// and newline) is one message printed in pieces: it is reported once, at
// its first print, with one fix rewriting each of its prints.
func (c *checker) reportFile(f *ast.File, pcs []printCall) {
	plans := make([]*rewrite, len(pcs))
	type runKey struct {
		list  ast.Node
		start int
	}
	runs := make(map[runKey][]int) // indexes into pcs
	var order []runKey
	for i, pc := range pcs {
		plans[i] = c.plan(f, pc)
		list, start := c.runOf(pc)
		k := runKey{list, start}
		if list == nil {
			k = runKey{pc.call, i}
		}
		if runs[k] == nil {
			order = append(order, k)
		}
		runs[k] = append(runs[k], i)
	}
	// A run printing nothing but whitespace and punctuation (a progress
	// dot, the bare newline ending a line of them) draws a terminal: it
	// carries no event a logger, which writes whole lines, could take.
	blank := make(map[runKey]bool)
	for _, k := range order {
		if !slices.ContainsFunc(runs[k], func(i int) bool { return !c.printsNothing(pcs[i]) }) {
			blank[k] = true
			for _, i := range runs[k] {
				plans[i] = nil
			}
		}
	}
	for _, k := range order {
		for _, i := range runs[k] {
			if plans[i] == nil {
				for _, j := range runs[k] {
					plans[j] = nil // all of the run's prints or none
				}
				break
			}
		}
	}
	dropped := map[string]int{} // import path -> references the fixes remove
	for i, pc := range pcs {
		if plans[i] != nil {
			c.countDropped(pc, dropped)
		}
	}
	imports := c.importEdits(f, plans, dropped)
	for _, k := range order {
		if blank[k] {
			continue
		}
		idx := runs[k]
		first := idx[0]
		for _, i := range idx {
			if pcs[i].call.Pos() < pcs[first].call.Pos() {
				first = i
			}
		}
		pc := pcs[first]
		d := analysis.Diagnostic{
			Pos:     pc.call.Pos(),
			End:     pc.call.End(),
			Message: c.message(pc, plans[first]),
		}
		if p := plans[first]; p != nil {
			var edits []analysis.TextEdit
			for _, i := range idx {
				edits = append(edits, plans[i].edits...)
			}
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Log with " + p.callee,
				TextEdits: append(edits, imports...),
			}}
		}
		c.r.Report(d)
	}
}

// runOf returns the statement list holding the run of prints pc belongs
// to and the index where the run starts; nil if pc is no statement of
// its own.
func (c *checker) runOf(pc printCall) (ast.Node, int) {
	stmt := pc.cur.Parent()
	st, ok := stmt.Node().(ast.Stmt)
	if !ok || printStmtCall(st) != pc.call {
		return nil, 0
	}
	// Climb out of print-only loops: a listing is part of the run.
	for {
		block, ok := stmt.Parent().Node().(*ast.BlockStmt)
		if !ok {
			break
		}
		loop := stmt.Parent().Parent()
		switch l := loop.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if block == bodyOf(l) && c.onlyPrints(l.(ast.Stmt)) {
				stmt = loop
				continue
			}
		}
		break
	}
	owner := stmt.Parent().Node()
	list, ok := funcs.StmtList(owner)
	if !ok {
		return nil, 0
	}
	i := slices.Index(list, stmt.Node().(ast.Stmt))
	if i < 0 {
		return nil, 0
	}
	for i > 0 && c.printsInRun(list[i-1]) {
		i--
	}
	return owner, i
}

// printsInRun reports whether s continues a run of prints: a print
// statement or a print-only loop.
func (c *checker) printsInRun(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ForStmt, *ast.RangeStmt:
		return c.onlyPrints(s)
	}
	return false
}

func bodyOf(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	}
	return nil
}

func (c *checker) message(pc printCall, p *rewrite) string {
	where := "in library package " + c.pass.Pkg.Name()
	switch {
	case c.log != nil:
		where = "in a package that logs with " + c.log.name
	case c.program && c.server:
		where = "in a server program"
	}
	use := "use " + c.suggestion(pc)
	if p != nil {
		use = "use " + p.callee
	}
	return fmt.Sprintf("%s used as logging %s: %s instead", pc.name, where, use)
}

// suggestion names the logging call to use when no rewrite is offered.
func (c *checker) suggestion(pc printCall) string {
	level := c.levelOf(pc)
	// A debug trace (a function named for it, a branch a debugging
	// switch opens) belongs at Debug, where slog and zap keep it off by
	// default, not at Info with every request's lines.
	debug := level
	if level == "Info" && c.isTrace(pc) {
		debug = "Debug"
	}
	switch k, recv := c.loggerInScope(pc.call.Pos()); k {
	case "log/slog", "go.uber.org/zap":
		return recv + "." + debug
	case "github.com/zeromicro/go-zero/core/logx":
		if level != "Error" {
			level = "Info"
		}
		return recv + "." + level + "w"
	}
	// A logger the user plugs in, held beside the print, is where its
	// line belongs, before any package default.
	if t, e := c.firstLogger(pc.call.Pos(), isLoggerInterface); e != "" {
		return e + "." + loggerMethod(t, level)
	}
	if c.log == nil {
		if e := c.loggerAtHand(pc.call.Pos()); e != "" {
			return e // a logger without a fix: zerolog, logrus, a *log.Logger
		}
	}
	switch name := c.loggerName(); name {
	case "slog":
		return "slog." + debug
	case "zap":
		if c.sum.replaceGlobals {
			return "zap.L()." + debug
		}
		return "the program's *zap.Logger." + debug // zap.L() discards until ReplaceGlobals
	case "logx":
		if level != "Error" {
			level = "Info" // logx has no Warn or Debug with fields
		}
		return "logx." + level + "w"
	default:
		if c.log.own && c.log.levelled {
			return name + "." + level + "f"
		}
		if c.log.own {
			return name + ".Printf"
		}
		return name
	}
}

// levelOf returns the level a print logs at: Error for log.Fatal and
// log.Panic, else the level its prefix names ([WARN], error:), else Error
// for a message that reads like an error or prints an error, else Info.
func (c *checker) levelOf(pc printCall) string {
	if strings.HasPrefix(pc.fn, "Fatal") || strings.HasPrefix(pc.fn, "Panic") {
		return "Error"
	}
	info := c.pass.TypesInfo
	segs, attrs, ok := c.segments(pc)
	if !ok {
		if anyError(info, pc.call.Args[pc.argsOff:]) {
			return "Error"
		}
		return "Info"
	}
	level, msg := message(segs, keysFor(info, attrs))
	switch {
	case level != "":
		return level
	case looksLikeError(msg) || anyError(info, attrs):
		return "Error"
	}
	return "Info"
}

// isTrace reports whether the print is a debug trace: in a function whose
// name says it traces (jitterDebugf, traceStep), or in a branch only a
// debugging switch opens.
func (c *checker) isTrace(pc printCall) bool {
	for e := range pc.cur.Enclosing((*ast.FuncDecl)(nil)) {
		if isTraceName(e.Node().(*ast.FuncDecl).Name.Name) {
			return true
		}
	}
	return c.isOptIn(pc.cur)
}

func (c *checker) loggerName() string {
	if c.log == nil {
		return "slog"
	}
	return c.log.name
}

// printsNothing reports a print with nothing to log: no value, and
// constant text without a letter or a digit (fmt.Println(),
// fmt.Print("."), fmt.Printf("\r")).
func (c *checker) printsNothing(pc printCall) bool {
	if len(pc.call.Args) == pc.argsOff {
		return true
	}
	segs, attrs, ok := c.segments(pc)
	if !ok || len(attrs) > 0 {
		return false
	}
	for _, seg := range segs {
		if strings.ContainsFunc(seg, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			return false
		}
	}
	return true
}
