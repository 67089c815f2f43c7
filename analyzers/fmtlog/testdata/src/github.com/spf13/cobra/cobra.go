// Package cobra is a stub of github.com/spf13/cobra.
package cobra

import "context"

type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}

func (c *Command) Execute() error                                        { return nil }
func (c *Command) ExecuteC() (*Command, error)                           { return c, nil }
func (c *Command) ExecuteContext(ctx context.Context) error              { return nil }
func (c *Command) ExecuteContextC(ctx context.Context) (*Command, error) { return c, nil }
