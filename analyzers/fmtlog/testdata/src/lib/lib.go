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

// The log package writes through the logger the program configures
// (log.SetOutput): a library without a structured logger defers to it.
func Legacy(err error) {
	log.Printf("legacy: %v", err)
}

// Work done before the panic makes this ordinary logging, not a report.
func Fail(n int, cleanup func()) {
	fmt.Printf("failing with %d\n", n) // want `fmt.Printf used as logging`
	cleanup()
	panic(n)
}
