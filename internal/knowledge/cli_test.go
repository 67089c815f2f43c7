package knowledge_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/trapvet/trapvet/internal/knowledge"
)

// TestIsCLIFramework checks the frameworks known by path and those known
// by the shape of their API: a kingpin fork, a cobra-like command, and
// packages with look-alike names that are no framework.
func TestIsCLIFramework(t *testing.T) {
	for _, tc := range []struct {
		path, src string
		want      bool
	}{
		{"github.com/spf13/cobra", "package cobra", true},
		{"github.com/urfave/cli/v3", "package cli", true},
		{"github.com/alecthomas/kingpin/v2", "package kingpin", true},
		{"github.com/choria-io/fisk", `package fisk
type Application struct{}
type CmdClause struct{}
type ParseContext struct{}
type Action func(*ParseContext) error
func (a *Application) Command(name, help string) *CmdClause { return nil }
func (c *CmdClause) Action(f Action) *CmdClause { return c }`, true},
		{"example.com/clifork", `package clifork
type Command struct {
	Use string
	RunE func(cmd *Command, args []string) error
}`, true},
		{"example.com/sqlbuilder", `package sqlbuilder
type DB struct{}
type Stmt struct{}
func (d *DB) Command(name, text string) *Stmt { return nil }`, false}, // no Action
		{"example.com/rpc", `package rpc
type Command struct{ Name string; Args []string }`, false}, // no function field
		{"github.com/urfave/client", "package client", false},
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, tc.path+".go", tc.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := (&types.Config{Importer: importer.Default()}).Check(tc.path, fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := knowledge.IsCLIFramework(pkg); got != tc.want {
			t.Errorf("IsCLIFramework(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestInPackage checks the major-version suffix rule.
func TestInPackage(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"github.com/redis/go-redis/v9", "github.com/redis/go-redis", true},
		{"github.com/redis/go-redis", "github.com/redis/go-redis", true},
		{"github.com/redis/go-redis/v9/internal", "github.com/redis/go-redis", false},
		{"github.com/redis/go-redisx", "github.com/redis/go-redis", false},
		{"github.com/redis/go-redis/vx", "github.com/redis/go-redis", false},
	} {
		if got := knowledge.InPackage(tc.path, tc.want); got != tc.ok {
			t.Errorf("InPackage(%q, %q) = %v, want %v", tc.path, tc.want, got, tc.ok)
		}
	}
}
