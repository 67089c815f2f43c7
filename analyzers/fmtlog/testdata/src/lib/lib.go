package lib

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
)

// Context carries the request it serves, as web frameworks' contexts do.
type Context struct {
	Request *http.Request
}

type Request struct {
	PatientID string
	Answers   []int
}

func Submit(req *Request) {
	fmt.Printf("patient %s submitted %d answers\n", req.PatientID, len(req.Answers)) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Info instead`
}

func Save(err error) {
	fmt.Printf("save failed: %v\n", err) // want `fmt.Printf used as logging in a package that logs with slog: use slog.Error instead`
}

func Warn(name string) {
	fmt.Fprintln(os.Stderr, "skipping", name) // want `fmt.Fprintln used as logging in a package that logs with slog: use slog.Info instead`
}

func Count(n int) {
	println("n is", n) // want `println used as logging in a package that logs with slog: use slog.Info instead`
}

func Start() {
	fmt.Println("starting") // want `fmt.Println used as logging`
}

// The log package beside the package's loggers bypasses them (in a
// library with no logger, package nologger, it is left alone).
func Legacy(err error) {
	log.Printf("legacy: %v", err) // want `log.Printf used as logging in a package that logs with slog: use slog.Error instead`
}

// Beside the package's own logger, a start-up warning through the log
// package is reported too, request or not (package weakslog: not where
// the package only calls slog).
func LoadDefaults(path string) {
	log.Printf("config %s not found, using defaults", path) // want `log.Printf used as logging in a package that logs with slog: use slog.Info instead`
}

// A service method given the request's context writes one line per
// request without its attributes: slog with the context keeps them.
func Enroll(ctx context.Context, patientID string, err error) {
	log.Printf("enrol %s failed: %v", patientID, err) // want `log.Printf used as logging in a package that logs with slog: use slog.ErrorContext instead`
}

// In a request's handler the log package's line is one per request,
// without the request's attributes.
func Serve(w http.ResponseWriter, r *http.Request) {
	log.Printf("bad request from %s", r.RemoteAddr) // want `log.Printf used as logging in a package that logs with slog: use slog.InfoContext instead`
}

// A value carrying its request (a framework's context) is a handler too.
func (c *Context) Bind() {
	log.Println("Bind is going to be deprecated") // want `log.Println used as logging in a package that logs with slog: use slog.Info instead`
}

// A function that always ends in a panic reports the failure it panics
// on, even with work in between.
func Fail(n int, cleanup func()) {
	fmt.Printf("failing with %d\n", n)
	cleanup()
	panic(n)
}

// Work done before a panic that does not always happen makes this
// ordinary logging.
func MaybeFail(n int, cleanup func()) error {
	fmt.Printf("failing with %d\n", n) // want `fmt.Printf used as logging`
	cleanup()
	if n > 2 {
		panic(n)
	}
	return nil
}
