package deferloop

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// noCaseMatches reports whether b is the way out of a switch when no case
// matches (the block after its last case's test, leading to the switch's
// end), for a switch that cannot fall through there: it has no default,
// and its cases list every constant its tag's defined type has
// (exhaustiveSwitch). Such a switch over a three-valued action whose every
// case returns leaves the function; the control-flow graph still has the
// edge for a value no case lists.
func noCaseMatches(info *types.Info, b *cfg.Block) bool {
	if b.Kind != cfg.KindSwitchNextCase || len(b.Succs) != 1 || b.Succs[0].Kind != cfg.KindSwitchDone {
		return false
	}
	sw, ok := b.Succs[0].Stmt.(*ast.SwitchStmt)
	if !ok || len(sw.Body.List) == 0 || b.Stmt != sw.Body.List[len(sw.Body.List)-1] {
		return false
	}
	return exhaustiveSwitch(info, sw)
}

// exhaustiveSwitch reports whether a tag switch without default lists, as
// constant cases, every constant of its tag's defined type that the
// type's package declares (at least two).
func exhaustiveSwitch(info *types.Info, sw *ast.SwitchStmt) bool {
	if sw.Tag == nil {
		return false
	}
	named, ok := types.Unalias(info.TypeOf(sw.Tag)).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	listed := make(map[string]bool)
	for _, s := range sw.Body.List {
		cc := s.(*ast.CaseClause)
		if cc.List == nil {
			return false // a default
		}
		for _, e := range cc.List {
			if tv, ok := info.Types[e]; ok && tv.Value != nil {
				listed[tv.Value.ExactString()] = true
			}
		}
	}
	scope := named.Obj().Pkg().Scope()
	n := 0
	for _, name := range scope.Names() {
		c, ok := scope.Lookup(name).(*types.Const)
		if !ok || !types.Identical(c.Type(), named) || c.Val().Kind() == constant.Unknown {
			continue
		}
		n++
		if !listed[c.Val().ExactString()] {
			return false
		}
	}
	return n >= 2
}
