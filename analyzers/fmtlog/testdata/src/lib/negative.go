package lib

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
)

// Sprintf builds a string; nothing is printed.
func Describe(r *Request) string {
	return fmt.Sprintf("patient %s", r.PatientID)
}

// Errorf builds an error.
func Validate(r *Request) error {
	return fmt.Errorf("patient %s: no answers", r.PatientID)
}

// Writing to a response is the handler's output, not logging.
func Handle(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "hello %s", r.URL.Path)
}

// Writing to a buffer builds a value.
func Render(r *Request) string {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s: %d", r.PatientID, len(r.Answers))
	return buf.String()
}

// Writing to a file is the file's content.
func Export(f *os.File, r *Request) {
	fmt.Fprintln(f, r.PatientID)
}

// A function taking an io.Writer writes output by design, even when it
// also echoes to stdout.
func Report(w io.Writer, r *Request) {
	fmt.Fprintln(w, r.PatientID)
	fmt.Println("written")
}

// A usage function prints help: that is its job.
func PrintUsage() {
	fmt.Println("usage: lib [flags]")
}

// Help text, named for it.
func showHelp() {
	fmt.Println("help")
}

// A flag set's Usage prints to the terminal by design.
func Flags() *flag.FlagSet {
	fs := flag.NewFlagSet("lib", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: lib")
	}
	return fs
}

// Suppressed, with a reason.
func Banner() {
	fmt.Println("lib v1") //trapvet:ignore fmtlog the banner is this library's documented output
}
