package knowledge

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/trapvet/trapvet/internal/typematch"
)

// HandlerRequest returns the parameter holding the request when sig is
// the signature of an HTTP handler, whose request context is cancelled
// when it returns: net/http's func(http.ResponseWriter, *http.Request),
// gin's func(*gin.Context), echo's func(echo.Context) error.
func HandlerRequest(sig *types.Signature) *types.Var {
	params, results := sig.Params(), sig.Results()
	switch {
	case params.Len() == 2 && results.Len() == 0 &&
		typematch.IsNamed(params.At(0).Type(), "net/http", "ResponseWriter") &&
		isPointerTo(params.At(1).Type(), "net/http", "Request"):
		return params.At(1)
	case params.Len() == 1 && results.Len() == 0 &&
		isPointerTo(params.At(0).Type(), "github.com/gin-gonic/gin", "Context"):
		return params.At(0)
	case params.Len() == 1 && results.Len() == 1 &&
		typematch.IsNamed(params.At(0).Type(), "github.com/labstack/echo/v4", "Context"):
		return params.At(0)
	}
	return nil
}

// IsRequestOrWriter reports whether t is net/http's Request or
// ResponseWriter (or a pointer to one): a function with such a parameter
// serves a request, whatever its shape, and its context is the request's.
// HandlerRequest is the narrower question of a handler's own signature.
func IsRequestOrWriter(t types.Type) bool {
	return typematch.IsNamed(t, "net/http", "Request") || typematch.IsNamed(t, "net/http", "ResponseWriter")
}

// ServesRequest reports whether a function of signature sig serves a
// request: it is an HTTP handler (HandlerRequest), or it is given what
// answers one: net/http's ResponseWriter, gin's *Context, echo's
// Context, fiber's Ctx, or gRPC's server stream or interceptor info. An
// *http.Request alone does not say so: an HTTP client's helpers take one
// too.
func ServesRequest(sig *types.Signature) bool {
	if HandlerRequest(sig) != nil {
		return true
	}
	for p := range sig.Params().Variables() {
		if answersRequest(p.Type()) {
			return true
		}
	}
	return false
}

// answersRequest reports whether t is what a server answers a request
// through (the types are matched whether or not a pointer).
func answersRequest(t types.Type) bool {
	return typematch.IsNamed(t, "net/http", "ResponseWriter") ||
		typematch.IsNamed(t, "github.com/gin-gonic/gin", "Context") ||
		typematch.IsNamed(t, "github.com/labstack/echo/v4", "Context") ||
		typematch.IsNamed(t, "github.com/gofiber/fiber/v2", "Ctx") ||
		typematch.IsNamed(t, "github.com/gofiber/fiber/v3", "Ctx") ||
		typematch.IsNamed(t, "google.golang.org/grpc", "ServerStream") ||
		typematch.IsNamed(t, "google.golang.org/grpc", "UnaryServerInfo") ||
		typematch.IsNamed(t, "google.golang.org/grpc", "StreamServerInfo") ||
		typematch.IsNamed(t, "google.golang.org/grpc", "ServerStreamingServer") ||
		typematch.IsNamed(t, "google.golang.org/grpc", "ClientStreamingServer") ||
		typematch.IsNamed(t, "google.golang.org/grpc", "BidiStreamingServer")
}

// IsGRPCServer reports whether t (or what t points to) is a struct that
// embeds the Unimplemented<Service>Server type protoc-gen-go-grpc
// generates for every service implementation. The generated type is
// matched by name: each service has its own, in the user's package.
func IsGRPCServer(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if !f.Embedded() {
			continue
		}
		obj := typematch.NamedObj(f.Type())
		if obj != nil && strings.HasPrefix(obj.Name(), "Unimplemented") && strings.HasSuffix(obj.Name(), "Server") {
			return true
		}
	}
	return false
}

// IsUnaryRPC reports whether sig has the shape of a unary gRPC method:
// func(context.Context, *Req) (*Resp, error).
func IsUnaryRPC(sig *types.Signature) bool {
	p, r := sig.Params(), sig.Results()
	if p.Len() != 2 || r.Len() != 2 || !typematch.IsNamed(p.At(0).Type(), "context", "Context") {
		return false
	}
	_, reqPtr := types.Unalias(p.At(1).Type()).(*types.Pointer)
	_, respPtr := types.Unalias(r.At(0).Type()).(*types.Pointer)
	return reqPtr && respPtr && typematch.IsError(r.At(1).Type())
}

// StartsServer reports whether fn starts a network server or listener:
// net/http's and net's, gRPC's, go-zero's rest and zrpc, gin's, echo's.
func StartsServer(fn *types.Func) bool {
	return typematch.IsFunc(fn, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		typematch.IsMethod(fn, "net/http", "Server", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		typematch.IsFunc(fn, "net", "Listen", "ListenTCP", "ListenUnix", "ListenPacket", "ListenUDP") ||
		typematch.IsMethod(fn, "net", "ListenConfig", "Listen", "ListenPacket") ||
		typematch.IsFunc(fn, "google.golang.org/grpc", "NewServer") ||
		typematch.IsFunc(fn, "github.com/zeromicro/go-zero/rest", "MustNewServer", "NewServer") ||
		typematch.IsFunc(fn, "github.com/zeromicro/go-zero/zrpc", "MustNewServer", "NewServer") ||
		typematch.IsMethod(fn, "github.com/gin-gonic/gin", "Engine", "Run", "RunTLS") ||
		typematch.IsMethod(fn, "github.com/labstack/echo/v4", "Echo", "Start", "StartTLS")
}

func isPointerTo(t types.Type, path, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && typematch.IsNamed(p.Elem(), path, name)
}

// CallsStartServer reports whether call starts a network server or
// listener (StartsServer).
func CallsStartServer(info *types.Info, call *ast.CallExpr) bool {
	fn := typematch.Callee(info, call)
	return fn != nil && StartsServer(fn)
}
