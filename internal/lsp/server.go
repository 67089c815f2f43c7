// Package lsp is "trapvet lsp": a Language Server Protocol server on
// standard input and output that runs trapvet's analyzers next to gopls.
//
// On open and on save it analyzes the package of the file (with its test
// variant) through the standalone driver (driver.Suite.Analyze) and
// publishes diagnostics for every file of the package, empty where the
// findings went away. textDocument/codeAction offers each suggested fix as
// a quick fix, and a directive that suppresses the finding. The protocol
// types and the JSON-RPC framing are go.lsp.dev/protocol and
// go.lsp.dev/jsonrpc2.
//
// One analysis runs at a time, in one worker goroutine, which alone
// publishes diagnostics and applies settings (analyzer flags live in the
// analyzers, shared by the process). A save of a package whose analysis is
// running cancels it and queues it again.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/trapvet/trapvet/internal/driver"
)

// Serve runs the server on in and out until the client sends exit or
// closes the stream. args are the command line after "lsp": the same
// analyzer selection and flags as the standalone command. It returns the
// process's exit code: 0 after shutdown and exit, 1 otherwise.
func Serve(ctx context.Context, suite *driver.Suite, args []string, in io.Reader, out io.Writer) int {
	if isHelp(args) {
		Usage(out, suite.Name)
		return 0
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		suite:    suite,
		baseArgs: args,
		ctx:      ctx,
		units:    make(map[string]*unit),
		files:    make(map[string]*fileState),
		uris:     make(map[string]protocol.DocumentURI),
	}
	s.cond = sync.NewCond(&s.mu)
	s.modCache = goEnv("GOMODCACHE")
	// Check the command line before talking: a bad flag is a usage error.
	set, err := suite.ParseSettings(withDefaults(s.baseArgs, suite.GroupFlag))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s lsp: %v\n", suite.Name, err)
		return driver.ExitError
	}
	s.settings = set
	s.settingsArgs = withDefaults(s.baseArgs, suite.GroupFlag)

	s.conn = jsonrpc2.NewConn(newStream(in, out))
	s.conn.Go(ctx, s.handle)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.work()
	}()
	var code int
	select {
	case <-s.conn.Done():
		// The stream ended. An exit read before the end has left its code
		// (messages are handled in order, before the end is seen).
		select {
		case code = <-s.exited():
		default:
			code = 1 // the client went away without exit
			var broken *brokenStream
			if errors.As(s.conn.Err(), &broken) {
				fmt.Fprintf(os.Stderr, "%s lsp: cannot read the client's messages: %v\n", suite.Name, broken)
			}
		}
	case code = <-s.exited():
	case <-ctx.Done():
		code = 1 // interrupted
	}
	s.mu.Lock()
	s.closed = true
	if s.cancelRunning != nil {
		s.cancelRunning()
	}
	s.cond.Broadcast()
	s.mu.Unlock()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // an analyzer run in progress finishes first; do not wait for it
	}
	return code
}

type server struct {
	suite    *driver.Suite
	baseArgs []string // the command line after "lsp"
	ctx      context.Context
	conn     jsonrpc2.Conn

	mu          sync.Mutex
	cond        *sync.Cond // signals the worker: queue, settings, closed
	initialized bool
	shutdown    bool
	closed      bool
	exitCode    chan int

	clientProgress bool // the client takes window/workDoneProgress/create
	watchDynamic   bool // the client registers file watchers on request

	settings        *driver.Settings
	settingsArgs    []string // what settings were parsed from
	pendingArgs     []string // new settings for the worker to apply
	pendingSettings bool

	units         map[string]*unit                // by key: a package directory, or a file outside any module
	queue         []*unit                         // units to analyze, in order
	running       *unit                           // the unit being analyzed
	cancelRunning context.CancelFunc              // cancels running's analysis
	files         map[string]*fileState           // by path: what was last published
	uris          map[string]protocol.DocumentURI // the client's spelling of the paths it sent
	progressSeq   int
	modCache      string          // files under it are dependencies' (go to definition), not analyzed
	shown         map[string]bool // the keys of the messages shown (showOnce)
}

// goEnv returns a go env variable, or "" if the go command fails.
func goEnv(name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// A unit is what one analysis covers: the package in a directory with its
// tests, or a single file outside any module.
type unit struct {
	key      string
	dir      string   // where the go command runs
	patterns []string // what it loads
	analyzed bool     // has published at least once
	files    []string // paths published for by the last analysis
}

// fileState holds a file's published diagnostics and their code actions.
type fileState struct {
	unit  *unit
	diags []entry
}

type entry struct {
	diag    protocol.Diagnostic
	actions []protocol.CodeAction
}

func (s *server) exited() chan int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.exitCode == nil {
		s.exitCode = make(chan int, 1)
	}
	return s.exitCode
}

// handle answers one message. It runs on the connection's reading
// goroutine, so messages are handled in order; it never blocks on the
// client (requests to the client are made by the worker) and never returns
// an error, which would close the connection.
func (s *server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
	_, isCall := req.(*jsonrpc2.Call)
	replied := false
	answer := func(result any, rerr error) {
		if isCall && !replied {
			replied = true
			_ = reply(ctx, result, rerr)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			s.logf(protocol.MessageTypeError, "internal error handling %s: %v\n%s", req.Method(), r, debug.Stack())
			answer(nil, jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprint(r)))
		}
		answer(nil, nil) // notifications need no answer; a request always gets one
	}()

	method := req.Method()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		code := 1
		if shutdown {
			code = 0
		}
		select {
		case s.exited() <- code:
		default: // a second exit
		}
		return nil
	case shutdown:
		answer(nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shut down"))
		return nil
	case !initialized && method != protocol.MethodInitialize:
		answer(nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "server not initialized"))
		return nil
	}

	params := req.Params()
	decode := func(v any) bool {
		if len(params) == 0 {
			return true
		}
		if err := json.Unmarshal(params, v); err != nil {
			answer(nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error()))
			s.logf(protocol.MessageTypeError, "%s: bad parameters: %v", method, err)
			return false
		}
		return true
	}

	switch method {
	case protocol.MethodInitialize:
		var p protocol.InitializeParams
		if !decode(&p) {
			return nil
		}
		if initialized {
			answer(nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize sent twice"))
			return nil
		}
		answer(s.initialize(&p), nil)
	case protocol.MethodInitialized:
		s.mu.Lock()
		watch := s.watchDynamic
		s.mu.Unlock()
		if watch {
			go s.registerWatchers()
		}
	case protocol.MethodShutdown:
		s.mu.Lock()
		s.shutdown = true
		s.queue = nil
		if s.cancelRunning != nil {
			s.cancelRunning()
		}
		s.mu.Unlock()
		answer(nil, nil)
	case protocol.MethodTextDocumentDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if decode(&p) {
			s.touch(p.TextDocument.URI, false)
		}
	case protocol.MethodTextDocumentDidSave:
		var p protocol.DidSaveTextDocumentParams
		if decode(&p) {
			s.touch(p.TextDocument.URI, true)
		}
	case protocol.MethodTextDocumentDidClose, protocol.MethodTextDocumentDidChange:
		// Diagnostics are of the saved file; they stay after close, like a
		// build's.
	case protocol.MethodWorkspaceDidChangeConfiguration:
		var p protocol.DidChangeConfigurationParams
		if decode(&p) {
			s.configure(p.Settings)
		}
	case protocol.MethodWorkspaceDidChangeWatchedFiles:
		var p protocol.DidChangeWatchedFilesParams
		if decode(&p) {
			for _, ev := range p.Changes {
				s.fileChanged(ev.URI)
			}
		}
	case protocol.MethodDidDeleteFiles:
		var p protocol.DeleteFilesParams
		if decode(&p) {
			for _, f := range p.Files {
				s.fileChanged(protocol.DocumentURI(f.URI))
			}
		}
	case protocol.MethodDidRenameFiles:
		var p protocol.RenameFilesParams
		if decode(&p) {
			for _, f := range p.Files {
				s.fileChanged(protocol.DocumentURI(f.OldURI))
				s.fileChanged(protocol.DocumentURI(f.NewURI))
			}
		}
	case protocol.MethodDidCreateFiles:
		var p protocol.CreateFilesParams
		if decode(&p) {
			for _, f := range p.Files {
				s.fileChanged(protocol.DocumentURI(f.URI))
			}
		}
	case protocol.MethodWorkspaceDidChangeWorkspaceFolders:
		// Each file's package is found from its own path (its module
		// root), so any number of folders and modules work alike.
	case protocol.MethodTextDocumentCodeAction:
		var p protocol.CodeActionParams
		if decode(&p) {
			answer(s.codeActions(&p), nil)
		}
	default:
		if isCall {
			answer(nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not supported: "+method))
		}
		// Unknown notifications ($/cancelRequest, $/setTrace, ...) are
		// ignored, as the protocol allows.
	}
	return nil
}

func (s *server) initialize(p *protocol.InitializeParams) *protocol.InitializeResult {
	s.mu.Lock()
	s.initialized = true
	if w := p.Capabilities.Window; w != nil {
		s.clientProgress = w.WorkDoneProgress
	}
	if ws := p.Capabilities.Workspace; ws != nil && ws.DidChangeWatchedFiles != nil {
		s.watchDynamic = ws.DidChangeWatchedFiles.DynamicRegistration
	}
	s.mu.Unlock()
	if p.InitializationOptions != nil {
		s.configure(p.InitializationOptions)
	}
	goFiles := &protocol.FileOperationRegistrationOptions{Filters: []protocol.FileOperationFilter{{
		Scheme:  "file",
		Pattern: protocol.FileOperationPattern{Glob: "**/*.go"},
	}}}
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindNone,
				Save:      &protocol.SaveOptions{},
			},
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix},
			},
			Workspace: &protocol.ServerCapabilitiesWorkspace{
				WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
				FileOperations: &protocol.ServerCapabilitiesWorkspaceFileOperations{
					DidCreate: goFiles, DidRename: goFiles, DidDelete: goFiles,
				},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: s.suite.Name, Version: driver.BuildVersion(s.suite.Name)},
	}
}

// registerWatchers asks the client to report changes of Go files made
// outside the editor (a checkout, a deleted file).
func (s *server) registerWatchers() {
	defer s.recoverTo("registering file watchers")
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:     "trapvet-watch-go",
		Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{
			Watchers: []protocol.FileSystemWatcher{{GlobPattern: "**/*.go"}},
		},
	}}}
	if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil {
		s.logf(protocol.MessageTypeLog, "file watchers not registered: %v", err)
	}
}

// touch schedules the analysis of the file's unit: always on save, on
// open only if the unit has not been analyzed yet (its diagnostics, for
// every file of the package, were published then).
func (s *server) touch(u protocol.DocumentURI, save bool) {
	path, ok := uriPath(u)
	if !ok || !strings.HasSuffix(path, ".go") {
		return
	}
	if s.modCache != "" && strings.HasPrefix(path, s.modCache+string(filepath.Separator)) {
		return // a dependency's source, opened to read it
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.uris[path] = u
	un := s.unitOf(path)
	if !save && un.analyzed {
		return
	}
	s.scheduleLocked(un)
}

// fileChanged re-analyzes the unit of a Go file created, changed or
// deleted outside the editor, if that unit has been analyzed before.
func (s *server) fileChanged(u protocol.DocumentURI) {
	path, ok := uriPath(u)
	if !ok || !strings.HasSuffix(path, ".go") {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.files[path]; f != nil && f.unit != nil {
		s.scheduleLocked(f.unit)
		return
	}
	for _, un := range s.units {
		if un.analyzed && un.dir == filepath.Dir(path) {
			s.scheduleLocked(un)
		}
	}
}

func (s *server) scheduleLocked(u *unit) {
	if s.shutdown || s.closed {
		return
	}
	if s.running == u && s.cancelRunning != nil {
		s.cancelRunning() // a newer save: the running result would be stale
	}
	if !slices.Contains(s.queue, u) {
		s.queue = append(s.queue, u)
	}
	s.cond.Signal()
}

// unitOf returns the unit a file belongs to: its directory's package if the
// directory is inside a module, else the file alone.
func (s *server) unitOf(path string) *unit {
	dir := filepath.Dir(path)
	key, patterns := dir, []string{"."}
	if !inModule(dir) {
		key, patterns = path, []string{path}
	}
	u := s.units[key]
	if u == nil {
		u = &unit{key: key, dir: dir, patterns: patterns}
		s.units[key] = u
	}
	return u
}

// inModule reports whether dir or a parent holds a go.mod (a go.work
// names modules that each have one).
func inModule(dir string) bool {
	// In GOPATH mode the go command finds the package without one.
	return os.Getenv("GO111MODULE") == "off" || driver.HasGoMod(dir)
}

// work is the worker: it applies settings and runs the queued analyses
// one at a time until the server closes.
func (s *server) work() {
	for {
		s.mu.Lock()
		for !s.closed && len(s.queue) == 0 && !s.pendingSettings {
			s.cond.Wait()
		}
		if s.closed {
			s.mu.Unlock()
			return
		}
		if s.pendingSettings {
			s.pendingSettings = false
			args := s.pendingArgs
			s.mu.Unlock()
			s.applySettings(args)
			continue
		}
		u := s.queue[0]
		s.queue = s.queue[1:]
		ctx, cancel := context.WithCancel(s.ctx)
		s.running, s.cancelRunning = u, cancel
		set := s.settings
		s.mu.Unlock()

		s.analyze(ctx, u, set)
		// Nothing of an analysis is kept but its diagnostics: give the
		// memory of the loaded packages back to the system while the
		// editor is idle, rather than holding a load's peak.
		debug.FreeOSMemory()

		cancel()
		s.mu.Lock()
		s.running, s.cancelRunning = nil, nil
		s.mu.Unlock()
	}
}

// analyze runs one unit's analysis and publishes its diagnostics.
func (s *server) analyze(ctx context.Context, u *unit, set *driver.Settings) {
	defer s.recoverTo("analyzing " + u.key)
	if gone(u) {
		// Nothing left to analyze: clear what was published and forget
		// the unit until a file of it is opened again.
		s.publish(u, nil)
		s.mu.Lock()
		if s.units[u.key] == u {
			delete(s.units, u.key)
		}
		s.mu.Unlock()
		s.logf(protocol.MessageTypeLog, "%s: no Go files left, diagnostics cleared", u.key)
		return
	}
	end := s.beginProgress(ctx, "analyzing "+u.key)
	start := time.Now()
	findings, errs, failed := s.suite.Analyze(ctx, u.dir, u.patterns, set)
	if ctx.Err() != nil {
		end("canceled")
		return
	}
	if failed != nil {
		// Nothing was analyzed: what was published stays, and the user
		// hears why once (an editor started from a desktop launcher often
		// lacks Go's bin directory on its PATH).
		s.logf(protocol.MessageTypeError, "%s: analysis failed: %v", u.key, failed)
		s.showOnce("failed", protocol.MessageTypeError, fmt.Sprintf("%s: %v", s.suite.Name, failed))
		end("failed")
		return
	}
	if len(errs) > 0 {
		const max = 30
		more := ""
		if len(errs) > max {
			more = fmt.Sprintf("\n(and %d more)", len(errs)-max)
			errs = errs[:max]
		}
		s.logf(protocol.MessageTypeWarning, "%s: %s%s", u.key, strings.Join(errs, "\n"), more)
	}
	byFile := convert(findings, s.suite, u)
	s.publish(u, byFile)
	s.noteExcluded(u, set)
	msg := fmt.Sprintf("%s in %.1fs", countFindings(len(findings)), time.Since(start).Seconds())
	s.logf(protocol.MessageTypeLog, "%s: %s", u.key, msg)
	end(msg)
}

// gone reports whether a unit has no Go file left on disk.
func gone(u *unit) bool {
	if u.key != u.dir {
		_, err := os.Stat(u.key)
		return err != nil
	}
	ents, err := os.ReadDir(u.dir)
	if err != nil {
		return true
	}
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return false
		}
	}
	return true
}

// publish sends the unit's diagnostics for every Go file of its directory
// and every file it published for before, empty where nothing is left.
func (s *server) publish(u *unit, byFile map[string][]entry) {
	paths := make(map[string]bool)
	for p := range byFile {
		paths[p] = true
	}
	s.mu.Lock()
	for _, p := range u.files {
		paths[p] = true
	}
	s.mu.Unlock()
	if u.key == u.dir {
		if ents, err := os.ReadDir(u.dir); err == nil {
			for _, e := range ents {
				if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
					paths[filepath.Join(u.dir, e.Name())] = true
				}
			}
		}
	} else {
		paths[u.key] = true
	}
	sorted := slices.Sorted(func(yield func(string) bool) {
		for p := range paths {
			if !yield(p) {
				return
			}
		}
	})
	type note struct {
		uri   protocol.DocumentURI
		diags []protocol.Diagnostic
	}
	var notes []note
	s.mu.Lock()
	u.analyzed = true
	u.files = u.files[:0]
	for _, p := range sorted {
		ents := byFile[p]
		diags := make([]protocol.Diagnostic, 0, len(ents))
		for _, e := range ents {
			diags = append(diags, e.diag)
		}
		if len(ents) > 0 {
			s.files[p] = &fileState{unit: u, diags: ents}
			u.files = append(u.files, p)
		} else {
			delete(s.files, p)
		}
		notes = append(notes, note{s.uriOfLocked(p), diags})
	}
	s.mu.Unlock()
	for _, n := range notes {
		err := s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{
			URI:         n.uri,
			Diagnostics: n.diags,
		})
		if err != nil {
			return // the connection is gone
		}
	}
}

// codeActions returns the quick fixes of the file's diagnostics that
// touch the requested range.
func (s *server) codeActions(p *protocol.CodeActionParams) []protocol.CodeAction {
	actions := []protocol.CodeAction{}
	if only := p.Context.Only; len(only) > 0 {
		ok := false
		for _, k := range only {
			if k == protocol.QuickFix || strings.HasPrefix(string(protocol.QuickFix), string(k)+".") || k == "" {
				ok = true
			}
		}
		if !ok {
			return actions
		}
	}
	path, ok := uriPath(p.TextDocument.URI)
	if !ok {
		return actions
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[path]
	if f == nil {
		return actions
	}
	for _, e := range f.diags {
		if overlaps(e.diag.Range, p.Range) {
			actions = append(actions, e.actions...)
		}
	}
	return actions
}

// overlaps reports whether two ranges share a position (ends inclusive,
// so that a cursor at either end of a diagnostic counts).
func overlaps(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(x, y protocol.Position) bool {
	return x.Line < y.Line || x.Line == y.Line && x.Character < y.Character
}

// beginProgress reports work-done progress for a long load if the client
// takes it, and returns what ends it.
func (s *server) beginProgress(ctx context.Context, title string) func(msg string) {
	s.mu.Lock()
	ok := s.clientProgress
	s.progressSeq++
	token := protocol.NewProgressToken(fmt.Sprintf("trapvet-%d", s.progressSeq))
	s.mu.Unlock()
	if !ok {
		return func(string) {}
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := s.conn.Call(cctx, protocol.MethodWorkDoneProgressCreate, &protocol.WorkDoneProgressCreateParams{Token: *token}, nil); err != nil {
		return func(string) {}
	}
	_ = s.conn.Notify(s.ctx, protocol.MethodProgress, &protocol.ProgressParams{Token: *token, Value: &protocol.WorkDoneProgressBegin{
		Kind:    protocol.WorkDoneProgressKindBegin,
		Title:   s.suite.Name,
		Message: title,
	}})
	return func(msg string) {
		_ = s.conn.Notify(s.ctx, protocol.MethodProgress, &protocol.ProgressParams{Token: *token, Value: &protocol.WorkDoneProgressEnd{
			Kind:    protocol.WorkDoneProgressKindEnd,
			Message: msg,
		}})
	}
}

func (s *server) logf(typ protocol.MessageType, format string, args ...any) {
	if s.conn == nil {
		return
	}
	_ = s.conn.Notify(s.ctx, protocol.MethodWindowLogMessage, &protocol.LogMessageParams{
		Type:    typ,
		Message: s.suite.Name + ": " + fmt.Sprintf(format, args...),
	})
}

// logfLocked is logf with s.mu held: the notification is sent from its own
// goroutine so that no write waits under the lock.
func (s *server) logfLocked(typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	go s.logf(typ, "%s", msg)
}

// recoverTo turns a panic in the worker into an error message: one bad
// package must not take the server down.
func (s *server) recoverTo(what string) {
	if r := recover(); r != nil {
		s.logf(protocol.MessageTypeError, "internal error %s: %v\n%s", what, r, debug.Stack())
	}
}

// uriOfLocked returns the URI to publish a path under: the client's own
// spelling if it sent one.
func (s *server) uriOfLocked(path string) protocol.DocumentURI {
	if u, ok := s.uris[path]; ok {
		return u
	}
	return fileURI(path)
}
