// Package nologger prints with no logger at hand: it neither logs with a
// structured logger nor holds a logger of its own, and none of its
// functions is given one. Its prints are its only output, so nothing is
// lost or misrouted and fmtlog is silent (the same code beside a logger,
// in package lib, is reported).
package nologger

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

// A print with no logger at hand is the package's only output.
func Submit(req *Request) {
	fmt.Printf("patient %s submitted %d answers\n", req.PatientID, len(req.Answers))
}

// An error printed with no logger at hand: the program sees it on stdout.
func Save(err error) {
	fmt.Printf("save failed: %v\n", err)
}

// A warning to stderr with no logger to route it to.
func Warn(name string) {
	fmt.Fprintln(os.Stderr, "skipping", name)
}

// println in a package with no logger.
func Count(n int) {
	println("n is", n)
}

// A start-up notice with no logger at hand.
func Start() {
	fmt.Println("starting")
}

// The log package in a library writes to the logger the program
// configures (log.SetOutput, slog.SetDefault): left alone.
func Legacy(err error) {
	log.Printf("legacy: %v", err)
}

// A library reading a config file at start-up, with no request to
// speak of: its warning goes to the logger the program configures.
func LoadDefaults(path string) {
	log.Printf("config %s not found, using defaults", path)
}

// A service method given the request's context but no logger: the log
// package is the only logger there is, and the program configures it.
func Enroll(ctx context.Context, patientID string, err error) {
	log.Printf("enrol %s failed: %v", patientID, err)
}

// A request's handler in a package with no other logger: the standard
// logger is its logger, as it is net/http's.
func Serve(w http.ResponseWriter, r *http.Request) {
	log.Printf("bad request from %s", r.RemoteAddr)
}

// A handler on a framework's context, with no logger at hand.
func (c *Context) Bind() {
	log.Println("Bind is going to be deprecated")
}

// A function that always ends in a panic reports the failure it panics
// on, even with work in between.
func Fail(n int, cleanup func()) {
	fmt.Printf("failing with %d\n", n)
	cleanup()
	panic(n)
}

// Ordinary logging, but with no logger at hand to bypass.
func MaybeFail(n int, cleanup func()) error {
	fmt.Printf("failing with %d\n", n)
	cleanup()
	if n > 2 {
		panic(n)
	}
	return nil
}

// log.Fatal without a structured logger is how a program stops with a
// message; in a library it is a deliberate exit, not logging.
func MustEnv(name string) string {
	v := os.Getenv(name)
	if v == "" {
		log.Fatalf("%s is not set", name)
	}
	return v
}
