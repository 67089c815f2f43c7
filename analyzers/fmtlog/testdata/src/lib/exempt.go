package lib

import (
	"fmt"
	"log"
	"os"
)

// Scanner reports errors through its Error hook when the user set one.
type Scanner struct {
	Error  func(msg string)
	errLog func(err error)
}

// Printing is the default of a hook the program may set (text/scanner).
func (s *Scanner) error(msg string) {
	if s.Error != nil {
		s.Error(msg)
		return
	}
	fmt.Fprintf(os.Stderr, "%s\n", msg)
}

// The else branch of a hook is its default (go/loader).
func (s *Scanner) appendError(err error) {
	if s.errLog != nil {
		s.errLog(err)
	} else {
		fmt.Fprintln(os.Stderr, err)
	}
}

// A default stored in a field left nil is replaced by the program.
func (s *Scanner) Init() {
	if s.errLog == nil {
		s.errLog = func(err error) { fmt.Fprintln(os.Stderr, err) }
	}
}

// A callback the code installs itself is its logging.
func (s *Scanner) Start() {
	s.errLog = func(err error) { fmt.Fprintln(os.Stderr, err) } // want `fmt.Fprintln used as logging`
}

// A package-level function variable is a replaceable default.
var reportError = func(msg string) {
	fmt.Fprintf(os.Stderr, "%s\n", msg)
}

// An if that does not test and call a hook is no fallback.
func (s *Scanner) warn(msg string) {
	if s.Error == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "warning:", msg) // want `fmt.Fprintln used as logging in a package that logs with slog: use slog.Warn instead`
}

// A recover handler's print reports the panic it recovered.
func recoverReport() {
	if p := recover(); p != nil {
		fmt.Fprintln(os.Stderr, "panic:", p)
		os.Exit(2)
	}
}

// A function that always ends the process reports why.
func hanging(cmd string) {
	fmt.Fprintln(os.Stderr, "DETECTED A HANGING COMMAND", cmd)
	dump := cmd + "!"
	_ = dump
	os.Exit(1)
}

// Prints in a switch case before an exit are its message.
func child(path string) {
	switch path {
	case "/no-content":
		fmt.Printf("Content-Length: 0\n\n")
		os.Exit(0)
	}
}

// A result discarded with _, _ = is still a print before the exit.
func finalError(err error) {
	if err != nil {
		if err.Error() != "" {
			_, _ = fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

// A failure flag that a later if turns into a panic makes the prints a
// sanity check's report.
func sanityCheck(got, want []int) {
	ok := true
	for i := range got {
		if got[i] != want[i] {
			fmt.Fprintf(os.Stderr, "got[%d]==%d, want %d\n", i, got[i], want[i])
			ok = false
		}
	}
	if !ok {
		panic("sanity check failed")
	}
}

// A flag that is not turned into an abort is ordinary state.
func countMismatches(got, want []int) int {
	n := 0
	seen := false
	for i := range got {
		if got[i] != want[i] {
			fmt.Fprintf(os.Stderr, "got[%d]==%d, want %d\n", i, got[i], want[i]) // want `fmt.Fprintf used as logging`
			seen = true
		}
	}
	if seen {
		n++
	}
	return n
}

// A local helper defined for a crash report is part of it.
func bailout(stack []string) {
	if p := recover(); p != nil {
		doPrint := func(ps []string) {
			for _, s := range ps {
				fmt.Fprintf(os.Stderr, "\t%v\n", s)
			}
		}
		doPrint(stack)
		panic(p)
	}
}

// Output only when an environment variable is set is opt-in.
func driverErrors(stderr string) {
	if len(stderr) != 0 && os.Getenv("LIB_PRINT_DRIVER_ERRORS") != "" {
		fmt.Fprintf(os.Stderr, "driver stderr: <<%s>>\n", stderr)
	}
}

// A function named for where it writes prints by design.
func syncToStdout(key string) error {
	fmt.Printf("Sync/Add/Update for %s\n", key)
	return nil
}

// A local writer holding os.Stderr is the standard stream.
func viaWriter(err error) {
	w := os.Stderr
	fmt.Fprintln(w, "fetch failed:", err) // want `fmt.Fprintln used as logging in a package that logs with slog: use slog.Error instead`
}

// A local writer that may hold a file is a file.
func viaFile(err error, f *os.File) {
	w := os.Stderr
	if f != nil {
		w = f
	}
	fmt.Fprintln(w, "fetch failed:", err)
}

// println in a goroutine is logging like any other.
func background(n int) {
	go func() {
		println("worker started", n) // want `println used as logging in a package that logs with slog: use slog.Info instead`
	}()
}

// A logf helper is a home-made logger: its print is reported.
func localLoggers(n int) {
	logf := func(format string, args ...any) {
		fmt.Printf(format, args...) // want `fmt.Printf used as logging`
	}
	logf("n=%d", n)
}

// A closure named for printing prints by design.
func printers(n int) {
	printResult := func(v int) {
		fmt.Println("result:", v)
	}
	printResult(n)
}

var traceTerms bool

// A tracer called only when a debugging switch is on is opt-in output.
func indentf(depth int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

// Its callers turn it on with the switch.
func computeTerms(depth int) {
	if traceTerms {
		indentf(depth, "computing terms")
	}
}

// A helper also called unconditionally is logging.
func notef(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...) // want `fmt.Fprintf used as logging`
}

// One call under the switch, one without.
func computeMore(depth int) {
	if traceTerms {
		notef("computing more")
	}
	notef("computed")
}

// A function that always exits reports why, even with computed
// arguments in the fatal call.
func hangingFatal(start int) {
	fmt.Fprintln(os.Stderr, "DETECTED A HANGING COMMAND")
	log.Fatalf("hanging for %d seconds (%s)", start, fmt.Sprint(start))
}

// Provider stands for an OpenTelemetry TracerProvider.
type Provider interface{ Tracer() }

// TraceOptions configures tracing.
type TraceOptions struct{ TracerProvider Provider }

// A nil tracing provider is no debugging switch: its warning is logging.
func initializeTraces(o TraceOptions) {
	if o.TracerProvider == nil {
		fmt.Fprintln(os.Stderr, "TracerProvider is not provided") // want `fmt.Fprintln used as logging`
		return
	}
}
