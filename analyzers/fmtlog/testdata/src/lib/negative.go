package lib

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
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

const debug = false

type tracer struct{ verbose bool }

// Developer tracing behind a debug switch is opt-in, not logging.
func step(n int) {
	if debug {
		fmt.Printf("step %d\n", n)
	}
}

// A verbose field gates the output the same way.
func (t *tracer) match(name string) {
	if t.verbose {
		fmt.Fprintf(os.Stderr, "matched %s\n", name)
	}
}

// Output printed just before a panic is a crash report.
func mustPositive(n int) {
	if n < 0 {
		fmt.Printf("bad value %d\n", n)
		panic("negative")
	}
}

// log.Panic is a panic with a message, not logging.
func mustFind(m map[string]int, k string) int {
	v, ok := m[k]
	if !ok {
		log.Panicf("no key %q", k)
	}
	return v
}

// A debugf helper's job is debugging output.
func debugf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
}

// A constant condition keeps debugging output compiled but off.
func findPkg(path, id string) {
	if false { // for debugging
		fmt.Printf("%s -> %s\n", path, id)
	}
}

// A literal deferred inside a debug branch only runs with the switch on.
func lookup(host string, debugLevel int) (order string) {
	if debugLevel > 1 {
		defer func() {
			println("lookup(", host, ") =", order)
		}()
	}
	return "files,dns"
}

// A library's Main is a command's entry point: its output is the command's.
func Main(args []string) {
	fmt.Printf("renamed %d files\n", len(args))
}

// An interactive prompt prints to talk to the user at the terminal.
func ReadLine(prompt string) string {
	fmt.Print(prompt)
	var line string
	fmt.Fscanln(os.Stdin, &line)
	return line
}

// A crash report may print in a loop before it panics.
func desync(want, got int, writers []string) {
	if want != got {
		fmt.Printf("desync: found %d, want %d; written at:\n", got, want)
		for _, w := range writers {
			fmt.Printf("\t%s\n", w)
		}
		panic("desync")
	}
}

// A test helper compiled into the package writes what the test reads.
func testChild() {
	fmt.Printf("Content-Type: text/plain\r\n\r\n")
}

// A crash report may compute what it prints on the way to the panic.
func reportStack(want string) {
	fmt.Printf("unexpected state, want %s; stack:\n", want)
	var pcs [8]uintptr
	n := len(pcs)
	fmt.Printf("%d frames\n", n)
	panic("unexpected state")
}

// A *log.Logger the caller hands in is the caller's logger, configured
// where it was made: using it is not printing.
type Client struct{ Log *log.Logger }

func (c *Client) Retry(n int) {
	c.Log.Printf("retry %d", n)
}

// log.Printf behind a verbose switch is opt-in tracing like fmt's.
func (t *tracer) retried(n int) {
	if t.verbose {
		log.Printf("retried %d times", n)
	}
}

var debugFlags string

func dbg(b byte) bool { return len(debugFlags) > 0 && debugFlags[0] == b }

// A dbg(...) switch, the usual abbreviation, gates tracing too.
func load(args []string) {
	if dbg('v') {
		log.Printf("load %s", args)
	}
}

// The default of a logger the user may configure: net/http's ErrorLog
// pattern. The user chose the global log by leaving ErrorLog nil.
type Server struct{ ErrorLog *log.Logger }

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
	} else {
		log.Printf(format, args...)
	}
}

// A hook tested together with its owner (net/http's logf: s != nil &&
// s.ErrorLog != nil) is a hook: the else branch is its default.
func logTo(s *Server, format string, args ...any) {
	if s != nil && s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
	} else {
		log.Printf(format, args...)
	}
}
