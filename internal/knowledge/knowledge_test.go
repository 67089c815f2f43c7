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

// stubs are the third-party packages the tests import, with just the
// declarations the knowledge relies on.
var stubs = map[string]string{
	"golang.org/x/sync/errgroup": `package errgroup
type Group struct{}
func (g *Group) Go(f func() error) {}
func (g *Group) Wait() error { return nil }`,
	"github.com/zeromicro/go-zero/core/threading": `package threading
import "context"
type RoutineGroup struct{}
func (g *RoutineGroup) Run(fn func()) {}
func (g *RoutineGroup) Wait() {}
func GoSafe(fn func()) {}
func GoSafeCtx(ctx context.Context, fn func()) {}`,
	"github.com/gin-gonic/gin": `package gin
type Context struct{}`,
	"google.golang.org/grpc": `package grpc
import "context"
type Server struct{}
type ServerStream interface{ Context() context.Context }
func NewServer() *Server { return nil }`,
}

type stubImporter struct {
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	src, ok := stubs[path]
	if !ok {
		return im.std.Import(path)
	}
	f, err := parser.ParseFile(im.fset, path+".go", src, 0)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: im}
	p, err := conf.Check(path, im.fset, []*ast.File{f}, nil)
	im.pkgs[path] = p
	return p, err
}

const src = `package p

import (
	"context"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/zeromicro/go-zero/core/threading"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
)

type Req struct{}
type Resp struct{}
type UnimplementedGreeterServer struct{}
type server struct{ UnimplementedGreeterServer }
type plain struct{}

func (s *server) SayHello(ctx context.Context, in *Req) (*Resp, error) { return nil, nil }
func (s *server) Stream(ctx context.Context, in Req) error            { return nil }
func (p plain) SayHello(ctx context.Context, in *Req) (*Resp, error)  { return nil, nil }

func serve(w http.ResponseWriter, r *http.Request) {}
func ginServe(c *gin.Context)                      {}
func helper(r *http.Request, n int) int            { return n }
func answer(w http.ResponseWriter, code int)       {}
func ginHelper(c *gin.Context, n int) int          { return n }
func stream(srv any, ss grpc.ServerStream) error   { return nil }

type Go struct{}

func (Go) Go(f func()) {}

func launches(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return nil })
	var wg sync.WaitGroup
	wg.Go(func() {})
	var rg threading.RoutineGroup
	rg.Run(func() {})
	threading.GoSafe(func() {})
	threading.GoSafeCtx(ctx, func() {})
	Go{}.Go(func() {})
	g.Wait()
	wg.Wait()
	rg.Wait()
	_ = grpc.NewServer()
	_ = http.ListenAndServe(":0", nil)
}
`

func load(t *testing.T) (*ast.File, *types.Info, *types.Package) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	im := &stubImporter{fset: fset, std: importer.Default(), pkgs: map[string]*types.Package{}}
	pkg, err := (&types.Config{Importer: im}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return f, info, pkg
}

func TestLaunchers(t *testing.T) {
	f, info, _ := load(t)
	var launched, joined, waits []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		name := types.ExprString(call.Fun)
		if l, ok := knowledge.LauncherOf(info, call); ok {
			if _, lit := knowledge.Launched(call).(*ast.FuncLit); !lit {
				t.Errorf("Launched(%s) is not the function literal", name)
			}
			launched = append(launched, name)
			if l.Joined {
				joined = append(joined, name)
			}
		}
		if knowledge.CallsJoin(info, call) {
			waits = append(waits, name)
		}
		return true
	})
	check := func(what string, got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s = %q, want %q", what, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s = %q, want %q", what, got, want)
			}
		}
	}
	check("launchers", launched, "g.Go", "wg.Go", "rg.Run", "threading.GoSafe", "threading.GoSafeCtx")
	check("joined", joined, "g.Go", "wg.Go", "rg.Run")
	check("joins", waits, "g.Wait", "wg.Wait", "rg.Wait")
}

func TestServers(t *testing.T) {
	f, info, pkg := load(t)
	sig := func(name string) *types.Signature { return pkg.Scope().Lookup(name).Type().(*types.Signature) }
	if req := knowledge.HandlerRequest(sig("serve")); req == nil || req.Name() != "r" {
		t.Errorf("HandlerRequest(serve) = %v, want r", req)
	}
	if req := knowledge.HandlerRequest(sig("ginServe")); req == nil || req.Name() != "c" {
		t.Errorf("HandlerRequest(ginServe) = %v, want c", req)
	}
	if req := knowledge.HandlerRequest(sig("helper")); req != nil {
		t.Errorf("HandlerRequest(helper) = %v, want nil: it is no handler", req)
	}
	if !knowledge.IsRequestOrWriter(sig("helper").Params().At(0).Type()) || knowledge.IsRequestOrWriter(sig("helper").Params().At(1).Type()) {
		t.Error("IsRequestOrWriter: wrong answer for helper's parameters")
	}
	for name, want := range map[string]bool{"serve": true, "ginServe": true, "answer": true, "ginHelper": true, "stream": true, "helper": false, "launches": false} {
		if got := knowledge.ServesRequest(sig(name)); got != want {
			t.Errorf("ServesRequest(%s) = %v, want %v", name, got, want)
		}
	}
	method := func(typ, name string) *types.Func {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(pkg.Scope().Lookup(typ).Type()), true, pkg, name)
		return obj.(*types.Func)
	}
	if !knowledge.IsGRPCServer(pkg.Scope().Lookup("server").Type()) || knowledge.IsGRPCServer(pkg.Scope().Lookup("plain").Type()) {
		t.Error("IsGRPCServer: wrong answer for server or plain")
	}
	if !knowledge.IsUnaryRPC(method("server", "SayHello").Signature()) || knowledge.IsUnaryRPC(method("server", "Stream").Signature()) {
		t.Error("IsUnaryRPC: wrong answer for SayHello or Stream")
	}
	var servers []string
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn, ok := info.Uses[calleeIdent(call)].(*types.Func); ok && knowledge.StartsServer(fn) {
				servers = append(servers, types.ExprString(call.Fun))
			}
		}
		return true
	})
	if len(servers) != 2 || servers[0] != "grpc.NewServer" || servers[1] != "http.ListenAndServe" {
		t.Errorf("StartsServer found %q, want grpc.NewServer and http.ListenAndServe", servers)
	}
}

func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}
