package rpctimeout

import (
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// sendsRequestFact marks a function that sends its *http.Request
// parameters at Params as they are: it hands each to
// (*http.Client).Do, to a RoundTrip, or to another such function, and
// never gives it a context (WithContext, Clone) nor passes it elsewhere.
// A request made by http.NewRequest and given to it leaves without the
// caller's context, as if Do were called in place.
type sendsRequestFact struct {
	Params []int
}

func (*sendsRequestFact) AFact() {}

func (f *sendsRequestFact) String() string {
	var s []string
	for _, i := range f.Params {
		s = append(s, strconv.Itoa(i))
	}
	return "sendsRequest(" + strings.Join(s, ",") + ")"
}

func (f *sendsRequestFact) sends(i int) bool {
	if f == nil {
		return false
	}
	for _, j := range f.Params {
		if j == i {
			return true
		}
	}
	return false
}

// findRequestSenders computes the sendsRequest facts of this package's
// functions and exports them. A wrapper of a wrapper in the same package
// is found by going over the functions again until nothing changes.
func (c *checker) findRequestSenders(in *inspector.Inspector) {
	type candidate struct {
		cur    inspector.Cursor
		fn     *types.Func
		params map[*types.Var]int
	}
	var cands []candidate
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		fn, ok := c.info.Defs[fd.Name].(*types.Func)
		if !ok || fd.Body == nil {
			continue
		}
		params := make(map[*types.Var]int)
		sig := fn.Signature()
		for i := range sig.Params().Len() {
			if p := sig.Params().At(i); isRequestPtr(p.Type()) && p.Name() != "_" && p.Name() != "" {
				params[p] = i
			}
		}
		if len(params) > 0 {
			cands = append(cands, candidate{cur, fn, params})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, cd := range cands {
			if c.senders[cd.fn] != nil {
				continue
			}
			var sent []int
			for p, i := range cd.params {
				if c.sentAsIs(cd.cur, p) != nil {
					sent = append(sent, i)
				}
			}
			if len(sent) > 0 {
				slices.Sort(sent)
				c.senders[cd.fn] = &sendsRequestFact{Params: sent}
				changed = true
			}
		}
	}
	for fn, f := range c.senders {
		c.pass.ExportObjectFact(fn, f)
	}
}

// sentAsIs returns the call that sends the request v, when every use of
// v in the function at cur reads it (req.Header.Set, req.URL) or sends it
// as it is, and at least one sends it (the last, if more); nil otherwise.
// A call given v after its last send, with no loop around it that could
// send it again (a trace of the failed request: if err != nil {
// c.dump(req) }), cannot change what was sent, and counts as a read.
func (c *checker) sentAsIs(cur inspector.Cursor, v *types.Var) *ast.CallExpr {
	var sent *ast.CallExpr
	var handed []inspector.Cursor // calls given v that do not send it
	for u := range cur.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != v {
			continue
		}
		switch p := u.Parent().Node().(type) {
		case *ast.SelectorExpr:
			if p.X != id || p.Sel.Name == "WithContext" || p.Sel.Name == "Clone" {
				return nil
			}
		case *ast.CallExpr:
			if !c.sendsArg(p, id) {
				handed = append(handed, u.Parent())
				continue
			}
			if sent == nil || p.Pos() > sent.Pos() {
				sent = p
			}
		default:
			return nil
		}
	}
	if sent == nil {
		return nil
	}
	for _, h := range handed {
		if h.Node().Pos() < sent.Pos() || funcs.InLoop(h) {
			return nil
		}
	}
	return sent
}

// sendsArg reports whether call sends its argument arg as it is: arg is
// the request of (*http.Client).Do, of a RoundTrip, or a parameter a
// function's sendsRequest fact names.
func (c *checker) sendsArg(call *ast.CallExpr, arg ast.Expr) bool {
	fn := typematch.Callee(c.info, call)
	if fn == nil {
		return false
	}
	i := -1
	for j, a := range call.Args {
		if a == arg {
			i = j
		}
	}
	if i < 0 {
		return false
	}
	switch {
	case typematch.IsMethod(fn, "net/http", "Client", "Do"),
		typematch.IsMethod(fn, "net/http", "RoundTripper", "RoundTrip"),
		typematch.IsMethod(fn, "net/http", "Transport", "RoundTrip"):
		return len(call.Args) == 1
	}
	return c.requestSender(fn).sends(i)
}

// requestSender returns fn's sendsRequest fact, from this package's
// summary or an imported fact.
func (c *checker) requestSender(fn *types.Func) *sendsRequestFact {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.senders[fn]
	}
	f := new(sendsRequestFact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

func isRequestPtr(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && typematch.IsNamed(p.Elem(), "net/http", "Request")
}
