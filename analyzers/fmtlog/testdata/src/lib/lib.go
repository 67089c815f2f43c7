package lib

import (
	"fmt"
	"log"
	"os"
)

type Request struct {
	PatientID string
	Answers   []int
}

func Submit(req *Request) {
	fmt.Printf("patient %s submitted %d answers\n", req.PatientID, len(req.Answers)) // want `fmt.Printf used as logging in library package lib: use slog.Info instead`
}

func Save(err error) {
	fmt.Printf("save failed: %v\n", err) // want `fmt.Printf used as logging in library package lib: use slog.Error instead`
}

func Warn(name string) {
	fmt.Fprintln(os.Stderr, "skipping", name) // want `fmt.Fprintln used as logging in library package lib: use slog.Info instead`
}

func Count(n int) {
	println("n is", n) // want `println used as logging in library package lib: use slog.Info instead`
}

func Start() {
	fmt.Println("starting") // want `fmt.Println used as logging`
}

// The log package's printers are unstructured logging in a library too.
func Legacy(err error) {
	log.Printf("legacy: %v", err) // want `log.Printf used as logging in library package lib: use slog.Error instead`
}

// An else branch is no fallback unless its if logs through a configured
// *log.Logger.
func Retry(n int, quiet bool) {
	if quiet {
		return
	} else {
		log.Printf("retry %d", n) // want `log.Printf used as logging in library package lib: use slog.Info instead`
	}
}

// Work done before the panic makes this ordinary logging, not a report.
func Fail(n int, cleanup func()) {
	fmt.Printf("failing with %d\n", n) // want `fmt.Printf used as logging`
	cleanup()
	panic(n)
}
