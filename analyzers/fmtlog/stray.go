package fmtlog

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// A library's bare-value print.
//
// Where no logger is at hand, a library's print is its only output and
// fmtlog stays silent (hasLogger), with one exception: fmt.Print or
// fmt.Println of values alone, with no text of its own (fmt.Print(path),
// fmt.Println(err)), in a function of a library package. Such a line
// tells nobody what it is: it is a debugging print left behind, and it
// writes into the standard output of every program that imports the
// package, corrupting output that other programs parse (a CLI's JSON),
// while an error printed so is lost to its caller.

// isStrayPrint reports whether pc prints bare values to standard output
// in a library: fmt.Print or fmt.Println whose every argument is a
// non-constant value, in a package that is no program (package main,
// under cmd/, or on a command-line framework), outside the functions
// whose job is output or that ask a flag or a debug switch first.
func (c *checker) isStrayPrint(pc printCall) bool {
	if c.program || pc.pkg != "fmt" || pc.fn != "Print" && pc.fn != "Println" || len(pc.call.Args) == 0 {
		return false
	}
	info := c.pass.TypesInfo
	for _, a := range pc.call.Args {
		tv, ok := info.Types[a]
		if !ok || tv.Value != nil {
			return false // a message of its own: the package talking to its user
		}
		if _, isSig := tv.Type.Underlying().(*types.Signature); isSig {
			return false
		}
	}
	return !c.isOutputFunc(pc.cur) && !c.isOptIn(pc.cur) && !c.isCLIExit(pc) && !c.answersFlag(pc.cur) && !c.isCrashReportHere(pc.cur)
}

// reportStray reports a bare-value print of a library.
func (c *checker) reportStray(pc printCall) {
	msg := pc.name + " of bare values writes them to the stdout of every program that imports this library: return or log them, or drop the debug print"
	if arg := types.ExprString(pc.call.Args[0]); len(pc.call.Args) == 1 && len(arg) <= 24 {
		msg = fmt.Sprintf("%s(%s) writes a bare value to the stdout of every program that imports this library: return or log it, or drop the debug print", pc.name, arg)
	}
	c.r.Report(analysis.Diagnostic{Pos: pc.call.Pos(), End: pc.call.End(), Message: msg})
}
