// Package cli is a stub of github.com/urfave/cli/v2.
package cli

type Context struct{}

type Command struct {
	Name   string
	Action func(*Context) error
}

type App struct {
	Commands []*Command
	Action   func(*Context) error
}

func (a *App) Run(args []string) error { return nil }
