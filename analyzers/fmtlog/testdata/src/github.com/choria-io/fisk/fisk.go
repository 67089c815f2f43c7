// Package fisk is a stub of a kingpin fork: known to fmtlog only by the
// shape of its API.
package fisk

type Application struct{}

type CmdClause struct{}

type ParseContext struct{}

type Action func(*ParseContext) error

func New(name, help string) *Application { return &Application{} }

func (a *Application) Command(name, help string) *CmdClause { return &CmdClause{} }

func (c *CmdClause) Action(f Action) *CmdClause { return c }
