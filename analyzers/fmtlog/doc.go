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
//	type SubmitLogic struct {
//		logx.Logger
//		ctx    context.Context
//		svcCtx *svc.ServiceContext
//	}
//
//	func (l *SubmitLogic) Submit(req *types.SubmitReq) error {
//		fmt.Printf("patient %s submitted %d answers\n", req.PatientID, len(req.Answers))
//		...
//	}
//
// fmtlog reports, in a go-zero service's logic that holds its logger:
//
//	fmt.Printf used as logging in a package that logs with logx: use l.Logger.Infow instead
//
// and offers the structured call, the format's text as the message and
// each argument as an attribute whose key comes from the expression:
//
//	l.Logger.Infow("patient {patient_id} submitted {answers_len} answers",
//		logx.Field("patient_id", req.PatientID), logx.Field("answers_len", len(req.Answers)))
//
// # The rule
//
// fmtlog reports fmt.Print, Printf and Println, fmt.Fprint, Fprintf and
// Fprintln to os.Stdout or os.Stderr (or to a local variable only ever
// holding one of them), the builtins print and println (in a goroutine
// or a logf := func(...) helper too), and the log package's printers,
// where a logger is at hand that the print bypasses:
//
//   - the enclosing function's receiver, a parameter or a local holds a
//     logger, itself or in a field of the struct it holds or points to:
//     a *slog.Logger, *zap.Logger, *zap.SugaredLogger, logx.Logger (the
//     embedded one of a go-zero logic type), zerolog.Logger, a logrus
//     *Logger, *Entry or FieldLogger, a klog or logr Logger, a
//     *log.Logger the program configures (a log field of a handler), or
//     a logger its user plugs in: a named interface whose name ends in
//     Logger and that declares a printf-like method (Printf, Infof,
//     Errorf, Debugf, Warnf or Logf, taking a format and ...any), as an
//     API client's logger field;
//   - a library holds a logger of its own: a package-level variable named
//     for logging whose type has Printf, or Infof and Errorf
//     (grpclog.Component, a *log.Logger, sarama.Logger), or is one of the
//     loggers above (var pkgLog = slog.Default()); one named for a level
//     below the usual (TraceLog, DebugLogger, verboseLog) is an opt-in
//     channel, often writing to io.Discard until a flag turns it on, and
//     does not count, so the log.Printf lines beside it are the package's
//     logging, not lines it should have carried; a command-line
//     program's own logger is its diagnostics, beside its output on
//     stdout, and does not count;
//   - or the package logs with a structured logger (its non-test files
//     import and call log/slog, zap, zerolog, logrus, klog or go-zero's
//     logx; a package naming only a logger's type does not count), and
//     the print is in code that serves requests: an HTTP handler of
//     net/http, gin, echo or fiber; a function given what answers a
//     request (an http.ResponseWriter, gin's or echo's Context, fiber's
//     Ctx, a gRPC server stream or interceptor info); a function literal
//     inside one (the handler a go-zero handler constructor returns); or
//     a method of a type that serves requests (one of its methods is a
//     handler, like ServeHTTP, or it embeds the Unimplemented...Server of
//     a gRPC service). In a program that runs a server (it calls
//     http.ListenAndServe or Serve, starts a net listener,
//     grpc.NewServer, go-zero's rest or zrpc MustNewServer, gin's Run,
//     echo's Start) it counts everywhere.
//
// The first two are a logger the code holds: a print beside it is a line
// that logger should have carried, wherever it is. The third says only
// that the package logs somewhere: where it serves, a print is a
// request's line lost from the service's logs; elsewhere (a constructor
// warning of a bad configuration, a configuration loader's fallback, a
// generator's error, a client's notice) it is the package talking to its
// user, and fmtlog is silent. An *http.Request alone does not make a
// function a handler: an HTTP client's helpers take one too.
//
// In a command-line package (main, under a cmd/ directory, or importing
// a command framework: cobra, urfave/cli, kingpin, kong, ffcli, or a
// package with the API of one, such as kingpin's fork fisk, whose
// Command(name, help) returns a clause with an Action method) that
// neither serves nor logs, nothing counts: its output is its product.
//
// Where no logger is at hand fmtlog is silent: the print is the
// package's only output and nothing is lost or misrouted. That leaves
// out a library printing a warning or a deprecation notice with no
// logger of its own (the program sees it on its standard streams), a
// server program without a logger printing its start-up or its requests,
// and the log package's printers in request handlers of a package with
// no other logger (the standard logger is that package's logger, as it
// is net/http's, and the program configures it with log.SetOutput or
// slog.SetDefault).
//
// One print of a library is reported all the same: fmt.Print or
// fmt.Println of values alone, with no text of its own (every argument a
// non-constant value: fmt.Print(path), fmt.Println(err)), in a package
// that is no program (not package main, not under cmd/, not on a
// command-line framework). Such a line tells nobody what it is: it is a
// debugging print left behind, it writes into the standard output of
// every program that imports the library (a CLI's JSON output gets a
// stray path in it), and an error printed so is lost to the caller:
//
//	fmt.Print(path) writes a bare value to the stdout of every program that imports this library: return or log it, or drop the debug print
//
// It is left alone, as the other prints, in a function whose job is
// output (PrintRows, Dump, one taking an io.Writer, the Write method of
// a console writer, a prompt that reads os.Stdin), under a debug switch,
// or before the process exits.
//
// Methods of a *log.Logger the code is given or makes are not reported:
// that logger is configured by whoever made it. log.Fatal is reported
// only where one of these counts by the rule above: the package's own
// logger, a structured logger at hand, or the package's structured
// logger in code that serves requests or in a server program (a
// handler's log.Fatal stops the service on one request). Elsewhere it is
// how a program, or a constructor given a bad configuration, exits with
// a message on stderr, where start-up failures go; beside a *log.Logger
// the function holds, and nothing else, it is that logger's own exit;
// and log.Fatal(http.ListenAndServe(addr, nil)) is net/http's own idiom.
// log.Panic is a panic, and never reported. A logger is not at hand where
// the if statements around the print say it is nil (the else branch of
// if cfg.lg != nil, the body of if lg == nil): a fallback for a
// configuration that brought no logger cannot log through it.
//
// Nor is a logger field of a struct that a local of the function built
// and has not yet set. A receiver's or a parameter's fields count (a
// method runs on a built value), and so do those of a local whose value
// comes from elsewhere (a range, a map, a function value, a getter, a
// local reassigned or whose address is taken). A local built from a
// composite literal, new, its zero value or a call of a constructor (a
// function whose every non-nil result is one of those, or a local made
// from one) has the field only when it is known set at the print: the
// literal names it (&Service{Logger: l}); the constructor returns it set
// on every non-nil result; or a statement before the print, in a block
// around it, assigns it (svc.Logger = l) or calls a method that sets it
// on every path returning no error (a Start whose assignment of s.Logger,
// a statement of its body, comes after no return but those of a non-nil
// error). Functions of other packages are known by a fact. A print in the error branch of that statement (if
// err := svc.Start(); err != nil { log.Fatal(err) }), or after an error
// branch that does not end the function or the loop, has no logger in
// the field: a start-up failure printed before the service built its
// logger is not reported, and a fix would call a nil logger. A value
// from a call (a getter's, a loader's) has no logger in the error branch
// of that call either: beside an error a result is not to be used
// (opts, err := config.Load(b); if err != nil { log.Fatal(err) }, with
// opts nil there).
//
// fmtlog stays silent:
//
//   - in command-line programs that neither serve nor log (their output is
//     their product), including packages under a cmd/ directory; and, in
//     command-line programs that log, on the commands' results: the body
//     of a cobra Run or RunE (a literal or a named function) or a
//     urfave/cli Action, subcommand handlers returning (int, error) or
//     named cmdX, and version, list and build-info printers; and on the
//     exit on the command's failure: a log.Fatal, or a print followed
//     by an exit, whose only printed value (beside constant text) is the
//     error a command framework's entry point returned (if err :=
//     cmd.Execute(); err != nil { log.Fatalln(err) }, a variable given no
//     other value, err.Error(), or the call itself; cobra's Execute,
//     ExecuteC, ExecuteContext and ExecuteContextC, urfave/cli's App.Run
//     and RunContext and v3's Command.Run, kingpin's Application.Parse,
//     ffcli's ParseAndRun and Run), even in a program that serves: the
//     framework has shown the error, and the exit is for the shell. The
//     same holds for main's report, on stderr (fmt.Fprint to os.Stderr,
//     or the log package), of the error a function of the program
//     returned (if err := run(); err != nil { fmt.Fprintln(os.Stderr,
//     err); os.Exit(1) }) where main has no logger at hand: the logger
//     lives inside run, which may fail before it exists. A print to
//     stdout, or one in a main that holds a logger, is reported;
//   - on the log package's functions (log.Printf, log.Fatal) after the
//     function declaration around them has made an slog logger the
//     default (slog.SetDefault, a statement of its body's top level
//     before the print): their output goes through that logger's handler
//     as a structured record. A log.SetOutput call in the function undoes
//     that, and fmt's prints are not rerouted;
//   - in a program, even one that serves, on the answer to a flag asking
//     for output: a print in an if whose condition names a version, help
//     or usage flag (opts.Version, *showVersion, *printHelp), or compares
//     a command-line argument with such a word (os.Args[1] == "version",
//     flag.Arg(0) == "--help"; not os.Getenv's value, nor another
//     subcommand), and whose body ends the program with success
//     (os.Exit(0), or a return from main). The user asked for that line.
//     Such an if that exits
//     non-zero, or one whose condition names no such flag, is judged as
//     any other;
//   - on prints that carry nothing to log: no value, and constant text
//     without a letter or a digit (fmt.Print("."), a bare fmt.Println()
//     ending a line of progress dots, fmt.Printf("\r")). They draw a
//     terminal, and a logger, which writes whole lines, could take none
//     of it. Beside a print with content (fmt.Println(); fmt.Println(
//     "failed:", err)) such a print is part of that message, reported
//     with it;
//   - on fmt.Fprint to any other writer (an http.ResponseWriter, a buffer,
//     a file, a variable that may hold a file), and on fmt.Sprint and
//     fmt.Errorf;
//   - in code other than production code (docs/scope.md): tests and test
//     support (testutil, httptest, e2e and integration harnesses, packages
//     whose non-test files take a testing.T, and functions only they
//     use), examples, benchmark
//     harnesses, tooling and reproduction programs, which print to their
//     user or to the test log by design; -fmtlog.scope=all reports them.
//     What a package's _test.go files import or declare (slog only in a
//     test) does not change what is said of its other files;
//   - in functions whose job is output: named Print..., Display..., Show...,
//     Prompt..., Trace..., Test... (a test helper in a non-test file), or with Usage,
//     Help, Debug, Dump, Stdout or Stderr in the name, or with Print,
//     Println or Printf as a later word of it (prettyPrint, tablePrintln;
//     not fingerprint, nor a logging helper such as logPrintf or
//     warnPrint); literals assigned to
//     such names (printResult := func(...)); taking an io.Writer; reading
//     os.Stdin, directly or through a package-level variable initialized
//     from it (an interactive prompt); installed as a flag set's Usage; a
//     library's command entry point (Main, RunMain); a function returning a
//     type of the package's structured logger (it builds that logger, so
//     cannot log through it); a method that makes its type an io.Writer
//     or io.StringWriter (Write(p []byte) (int, error), WriteString(s
//     string) (int, error)): a console sink a program configures as an
//     output, whose job is to print what it is given;
//   - on defaults of a hook the program may set (tested alone or in a
//     && chain: s != nil && s.ErrorLog != nil): the else branch of if
//     s.ErrorLog != nil { s.ErrorLog.Printf(...) } or if s.Error != nil {
//     s.Error(...) }, what follows such an if that returns (text/scanner),
//     and a literal stored in a field left nil (if conf.Error == nil {
//     conf.Error = func(e error) {...} }) or in a package-level variable;
//   - on opt-in developer tracing: a call inside an if (or in a function
//     literal inside it) whose condition names a debug, verbose, trace,
//     chatty, dbg or log... switch (if debug, if t.verbose, if dbg('v'),
//     if mode&EnableTracing != 0), tests that an environment variable is
//     set (os.Getenv("X_DEBUG") != ""), or is a constant (if false { ... });
//     and in a function of the package called only from such branches (a
//     tracer: if debug { indentf(...) }). Where a structured logger is at
//     hand (a variable, parameter or receiver field of type *slog.Logger,
//     *zap.Logger or logx.Logger, or a package-level one), such a trace,
//     and one in a Trace..., dprint..., vlog... or ...Debug... function,
//     is reported: the logger's Debug level is the switch it bypasses;
//   - on crash reports: prints in a recover handler; in a function that
//     always ends the process (its last statement exits or panics and it
//     has no return); followed by panic, os.Exit or log.Fatal with nothing
//     but more printing in between (print-only loops, branches and switch
//     cases, local variables and helpers the report defines, and the
//     setting of a failure flag that a later if turns into a panic,
//     included). In a server program with a structured logger, a start-up
//     failure printed before os.Exit(1) is reported: it belongs in the
//     logs like the rest;
//   - on a print that runs before its function builds the structured
//     logger: a later statement of the same function, outside loops and
//     function literals, calls a function of the logger's package that
//     returns one of its types, or an alias the package declares
//     (klog.NewKlogr, whose klog.Logger is logr's), or sets it up
//     (slog.New, slog.SetDefault,
//     zap.NewProduction, logx.MustSetup), and no earlier call of the
//     function uses that package. A server's main whose configuration
//     fails to load has no logger built from it yet (if err != nil
//     { log.Fatal(err) }; logger := slog.New(...cfg.Level...)); a print
//     after the logger is built, or after the function has logged through
//     the package's default logger, is reported;
//   - on print and println in packages below fmt (the runtime and its
//     dependencies, where the builtins are the only output there is);
//   - inside loggers: the structured loggers themselves (logx, zap,
//     zerolog, logrus, klog, slog and their subpackages) and a program's
//     own logging package (a package named log, logger, logging, xlog,
//     ...logger): printing is a logger's last resort when its own output
//     fails. So is the package's own logger wherever it lives: the
//     methods of the type of its logger variable, or of the package's
//     types that implement its interface type (a defaultLogger whose
//     Infof ends in log.Printf is that logger's sink), and unexported
//     functions called only to configure it (DefaultLogger.SetLogLevel(
//     readLevel()), logger = newLogger(parseLevel(s))), which run before
//     it can carry their warning.
//
// A run of prints (consecutive print statements and print-only loops: a
// multi-line report, a warning printed as prefix, text and newline) is one
// finding, at its first print; its fix rewrites each print of the run, or
// none when one of them has no fix.
//
// The message names the logger to use: a logger in scope, else a plugged-in
// logger interface at hand (use api.logger.Printf, or the level's own
// method: l.log.Errorf), else the one the package imports (logx, zap,
// zerolog, logrus, klog, slog in that order of preference), else the
// package's own, else the logger at hand (use a.log).
//
// # The fix
//
// fmtlog rewrites the call to a logger in scope when there is one (a
// *slog.Logger, *zap.Logger or logx.Logger variable, parameter or field of
// one: s.log.Info, l.Logger.Infow), else to the package default of slog
// or logx. zap's global logger zap.L() discards everything until the
// program calls zap.ReplaceGlobals, so it is used only in a package that
// calls it; elsewhere a zap package gets no fix without a logger in scope.
//
// The message keeps every word of the text: a value at the end goes with
// the punctuation or the one word that introduced it ("save failed: %v" is
// "save failed", "serving files on %s" is "serving files"); a value in
// mid-sentence leaves its key in braces ("user {user} logged in after
// {tries} tries"), and quotes around it go ("module {module} did not
// return"). Each value becomes a key/value attribute with a key derived
// from the expression (req.PatientID becomes "patient_id", an error "err",
// pid=%d "pid"); a []byte printed as text and debug.Stack() become strings.
// A [ERROR], [WARN], [WARNING], [PANIC], [INFO], [DEBUG], error: or
// warning: prefix chooses the level and is dropped; otherwise messages
// that look like errors, and calls printing an error, log at Error level,
// the rest at Info. A context.Context in scope (a ctx variable, a
// receiver's context field like go-zero's l.ctx, or r.Context() of a
// request) selects slog's ...Context functions and logx's WithContext;
// log.Fatal keeps its exit (slog.Error then os.Exit(1), or zap's Fatal).
// The import of slog is added, and fmt or log removed when no use remains.
//
// No fix is offered when the format is not a constant, uses flags, width,
// precision or verbs other than %v %s %d %q %t %f %g, or does not match
// its arguments (go vet's printf check reports that bug, and a rewrite
// would hide it; a Println with a Printf directive likewise); when nothing
// is left to say as the message; for log.Panic (its panic value is
// behaviour); for zerolog, logrus, klog and a package's own logger, and
// for a logger at hand of those kinds or a *log.Logger in a package that
// logs with nothing else; for a
// print through a writer variable; and for log.Fatal in a file that does
// not import os.
//
// The rewrite changes where output goes: a command's printed result would
// vanish into a logger that discards or routes it. trapvet -fix therefore
// applies fmtlog's fixes only when fmtlog is named (trapvet -fix -fmtlog
// ./...); a blanket trapvet -fix leaves them and says so, and -diff and
// editors' quick fixes show them. Review them before applying. The fixes in
// one file share their import edits, so apply them together; applying one
// alone may need goimports afterwards.
//
// # Limits
//
// A library that deliberately prints beside its logger (a progress bar)
// is reported; name the function for its job (printProgress) or suppress
// the finding. A print with no logger at hand is not reported even where
// it is a lost line: a server that should have a logger and has none, or
// a library whose only output is a print that a caller cannot route (the
// corpus held one such bug, an error printed by a column decoder before a
// panic); the fix there is a logger, not a rewrite, and most such prints
// are deliberate. Code that serves requests is known by its signature or
// its type: a function a handler calls that neither takes what answers
// the request nor is a method of a serving type (a service layer, a
// go-zero logic type written without its logx.Logger, a handler in
// another package) is not seen as serving, and beside a package's calls
// of a structured logger alone its prints are not reported. A logger reached only through a call (s.Logger(),
// a context logger) or held two fields deep is not seen. A logger field
// of a local that a method sets only inside a branch (if err == nil {
// s.Logger = l }), or that a function given the local sets, is not known
// set: the prints beside it are not reported. Packages imported only by tests are test
// infrastructure, but an analysis of one package cannot know its importers:
// they are reported unless their path, or their use of the testing
// package, says what they are. A zap.ReplaceGlobals
// call in another package of the module is not seen, so such a package gets
// no zap.L() fix. go vet -fix and go fix apply every fix they are given;
// the naming rule is trapvet's own driver.
//
// # Suppressing
//
//	fmt.Println(banner) //trapvet:ignore fmtlog the banner is the program's output
//
// Golden rule for naming: a function that prints on purpose says so in its
// name (printReport, showProgress), and fmtlog leaves it alone.
package fmtlog
