// Package weakslog calls slog's package functions and holds no logger of
// its own: that it calls slog somewhere counts only where the print is in
// code that serves requests. Elsewhere a print is the package talking to
// its user, as in package nologger. (Package lib holds the same prints
// beside a logger of its own, which counts everywhere.)
package weakslog

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
)

// Ready logs with slog.
func Ready() {
	slog.Info("weakslog ready")
}

type Request struct {
	PatientID string
	Answers   []int
}

// A library function that serves no request: its line goes to the
// program that called it, and no log line is lost.
func Submit(req *Request) {
	fmt.Printf("patient %s submitted %d answers\n", req.PatientID, len(req.Answers))
}

// A library's warning to its user on stderr.
func Warn(name string) {
	fmt.Fprintln(os.Stderr, "skipping", name)
}

// A start-up warning on a missing configuration.
func LoadDefaults(path string) {
	log.Printf("config %s not found, using defaults", path)
}

// Given its caller's context, a function still serves no request of its
// own.
func Enroll(ctx context.Context, patientID string, err error) {
	log.Printf("enrol %s failed: %v", patientID, err)
}

// Context carries a request, as web frameworks' contexts do, but its type
// has no method that serves one: Bind's notice is a framework's
// deprecation warning to its user.
type Context struct {
	Request *http.Request
}

func (c *Context) Bind() {
	log.Println("Bind is going to be deprecated")
}

// An HTTP client's helper takes a request, and serves none.
func send(req *http.Request) {
	fmt.Fprintf(os.Stderr, "sending %s\n", req.URL)
}

// A constructor stops on a bad configuration (go-zero's cache.New):
// log.Fatal counts only where a logger does, and the reason goes to
// stderr where start-up failures go.
func NewCache(nodes []string) {
	if len(nodes) == 0 {
		log.Fatal("no cache nodes")
	}
}

// In a request's handler, the log package's line is one per request,
// without the request's attributes.
func Serve(w http.ResponseWriter, r *http.Request) {
	log.Printf("bad request from %s", r.RemoteAddr) // want `log.Printf used as logging in a package that logs with slog: use slog.InfoContext instead`
}

// A function given the response writer answers a request.
func writeError(w http.ResponseWriter, err error) {
	fmt.Printf("request failed: %v\n", err) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Error instead`
	w.WriteHeader(http.StatusInternalServerError)
}

// A function literal inside a handler runs for its request.
func Stream(w http.ResponseWriter, r *http.Request) {
	emit := func(n int) {
		fmt.Println("sent", n) // want `fmt.Println used as logging in a package that logs with slog: use slog.InfoContext instead`
	}
	emit(1)
}

// log.Fatal in a handler stops the server on one request.
func Admin(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "" {
		log.Fatalf("bad admin path") // want `log.Fatalf used as logging in a package that logs with slog`
	}
}

// A handler type's other methods run for its requests.
type API struct{}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.audit(r.URL.Path)
}

func (a *API) audit(path string) {
	fmt.Printf("audit %s\n", path) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Info instead`
}

// A gRPC service implementation's methods serve its RPCs.
type UnimplementedGreeterServer struct{}

type greeter struct{ UnimplementedGreeterServer }

func (g *greeter) SayHello(ctx context.Context, name string) error {
	fmt.Printf("hello %s\n", name) // want `fmt.Printf used as logging in a package that logs with slog: use slog.InfoContext instead`
	return nil
}
