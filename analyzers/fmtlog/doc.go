// Package fmtlog defines an Analyzer that reports printing used as logging.
//
// # Analyzer fmtlog
//
// fmtlog: report fmt and log printing used instead of a logger
//
// Services log. A service that prints with fmt.Println, println or the
// standard log package writes unstructured lines without level, time,
// request or trace identifiers; they cannot be searched, sampled or routed,
// and the one line that mattered during an incident is lost among them. A
// library that prints writes into the output of every program that imports
// it.
//
//	func (l *SubmitLogic) Submit(req *types.SubmitReq) error {
//		fmt.Printf("patient %s submitted %d answers\n", req.PatientID, len(req.Answers))
//		...
//	}
//
// fmtlog reports, in a package that logs with go-zero's logx:
//
//	fmt.Printf used as logging in a package that logs with logx: use logx.WithContext(ctx).Infow instead
//
// and offers the structured call, the format's literal text as the message
// and each argument as an attribute whose key comes from the expression:
//
//	logx.WithContext(l.ctx).Infow("patient submitted answers",
//		logx.Field("patient_id", req.PatientID), logx.Field("answers_len", len(req.Answers)))
//
// # The rule
//
// fmtlog reports fmt.Print, Printf and Println, fmt.Fprint, Fprintf and
// Fprintln to os.Stdout or os.Stderr, and the builtins print and println:
//
//   - in a library package (not main, not under a cmd/ directory, and not a
//     command-line package that imports cobra, urfave/cli or kingpin);
//   - in a main or command-line package that runs a server (it calls
//     http.ListenAndServe or Serve, starts a net listener, grpc.NewServer,
//     go-zero's rest or zrpc MustNewServer, gin's Run, echo's Start) or that
//     already imports a structured logger (log/slog, zap, zerolog, logrus,
//     klog, go-zero logx).
//
// The log package's Print functions are reported where fmt's are: in
// libraries, in server programs and beside a structured logger. They write
// unstructured lines through a global logger, with no level or attributes
// to search by. Methods of a *log.Logger the code is given or makes are not
// reported: that logger is configured by whoever made it; nor is the log
// package as the default of such a logger (if s.ErrorLog != nil {
// s.ErrorLog.Printf(...) } else { log.Printf(...) }, net/http's pattern). log.Fatal is
// reported only beside a structured logger: elsewhere it is how a program
// exits with a message, and log.Fatal(http.ListenAndServe(addr, nil)) is
// net/http's own idiom. log.Panic is a panic, and never reported.
//
// fmtlog stays silent:
//
//   - in command-line programs that neither serve nor log (their output is
//     their product), including packages under a cmd/ directory;
//   - on fmt.Fprint to any other writer (an http.ResponseWriter, a buffer,
//     a file), and on fmt.Sprint and fmt.Errorf;
//   - in _test.go files and test-support packages (a path element starting
//     or ending with "test": testing, httptest, iotest, testutil, testenv),
//     whose output belongs to the test log;
//   - in functions whose job is output: named Print..., Display..., Show...,
//     Trace..., Test... (a test helper in a non-test file), or with Usage, Help, Debug or Dump in the name; taking an
//     io.Writer; reading os.Stdin (an interactive prompt); installed as a
//     flag set's Usage; or a library's command entry point (Main, RunMain);
//   - on opt-in developer tracing: a call inside an if (or in a function
//     literal inside it) whose condition names a debug, verbose, trace,
//     chatty, dbg or log... switch (if debug, if t.verbose, if dbg('v'),
//     if mode&EnableTracing != 0), or is a constant (if false { ... });
//   - on crash reports: prints followed by panic, os.Exit or log.Fatal with
//     nothing but more printing in between (print-only loops and branches,
//     and local variables the report computes, included);
//   - on print and println in packages below fmt (the runtime and its
//     dependencies, where the builtins are the only output there is);
//   - inside the structured loggers themselves (logx, zap, zerolog, logrus,
//     klog, slog and their subpackages): printing is a logger's last resort
//     when its own output fails.
//
// The message names the logger to use: the one the package imports (logx,
// zap, zerolog, logrus, klog, slog in that order of preference), else
// log/slog.
//
// # The fix
//
// For slog (the default), zap and logx, fmtlog rewrites the call: the
// format's literal text becomes the message, each argument a key/value
// attribute with a key derived from the expression (req.PatientID becomes
// "patient_id", an error "err"); a context.Context in scope (a ctx
// variable, a receiver's context field like go-zero's l.ctx, or
// r.Context() of a request) selects slog's ...Context functions and logx's
// WithContext; log.Fatal keeps its exit (slog.Error then os.Exit(1), or
// zap's Fatal); messages that look like errors, and calls printing an error,
// log at Error level, the rest at Info. The import of slog is added, and
// fmt or log removed when no use remains. No fix is offered when the format
// is not a constant, uses flags, width, precision or verbs other than
// %v %s %d %q %t %f %g, when nothing is left to say as the message, for
// log.Panic (its panic value is behaviour), for zerolog, logrus and klog,
// and for log.Fatal in a file that does not import os.
//
// The fixes in one file share their import edits, so apply them together,
// as trapvet -fix, go vet -fix and golangci-lint --fix do; applying one
// alone may need goimports afterwards.
//
// # Limits
//
// A library that deliberately prints (a progress bar, a debugging helper
// behind a flag) is reported; name the function for its job (printProgress)
// or suppress the finding. fmtlog does not follow a writer through
// variables: fmt.Fprintln(w, ...) with w := os.Stdout is not reported.
//
// # Suppressing
//
//	fmt.Println(banner) //trapvet:ignore fmtlog the banner is the program's output
//
// Golden rule for naming: a function that prints on purpose says so in its
// name (printReport, showProgress), and fmtlog leaves it alone.
package fmtlog
