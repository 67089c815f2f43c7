package lsp_test

// End-to-end tests: build the trapvet binary, start "trapvet lsp" and
// drive it over its standard input and output as an editor would.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	// Imported for its URL; it also ties this test's cached result to the
	// analyzers the server binary is built from.
	"github.com/trapvet/trapvet/analyzers/deferloop"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// trapvetBinary builds cmd/trapvet once per test binary; with
// TRAPVET_LSP_RACE set, with the race detector (a race makes the server
// write a report to stderr, which TestSession checks is empty).
func trapvetBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "trapvet-lsp")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "trapvet")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		args := []string{"build", "-o", binPath}
		if os.Getenv("TRAPVET_LSP_RACE") != "" { // a server built with the race detector
			args = append(args, "-race")
		}
		out, err := exec.Command("go", append(args, "github.com/trapvet/trapvet/cmd/trapvet")...).CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("building trapvet: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// env keeps the fixture modules self-contained: no workspace, no
// toolchain switch, no network; the build cache is shared.
func env() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOPROXY=off")
}

// copyFixture copies testdata/mod into a fresh directory.
func copyFixture(t *testing.T, dst string) string {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "mod"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

// client is an editor's side of a session.
type client struct {
	t    *testing.T
	cmd  *exec.Cmd
	conn jsonrpc2.Conn

	mu       sync.Mutex
	diags    map[protocol.DocumentURI][]protocol.Diagnostic // last published
	logs     []protocol.LogMessageParams
	shown    []protocol.ShowMessageParams
	progress []string // "begin: message" / "end: message"
	ends     chan string
	begins   chan string
	stderr   bytes.Buffer
}

func startServer(t *testing.T, dir string, args ...string) *client {
	t.Helper()
	return startServerEnv(t, dir, env(), args...)
}

// startServerEnv starts the server with the environment environ.
func startServerEnv(t *testing.T, dir string, environ []string, args ...string) *client {
	t.Helper()
	bin := trapvetBinary(t)
	cmd := exec.Command(bin, append([]string{"lsp"}, args...)...)
	cmd.Dir = dir
	cmd.Env = environ
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, cmd: cmd, diags: make(map[protocol.DocumentURI][]protocol.Diagnostic),
		ends: make(chan string, 100), begins: make(chan string, 100)}
	cmd.Stderr = &c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(pipes{stdout, stdin}))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

type pipes struct {
	io.ReadCloser
	io.WriteCloser
}

func (p pipes) Close() error { p.WriteCloser.Close(); return p.ReadCloser.Close() }

// handle records the server's notifications and answers its requests.
func (c *client) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch req.Method() {
	case protocol.MethodTextDocumentPublishDiagnostics:
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		if !strings.Contains(string(req.Params()), `"diagnostics":[`) {
			c.t.Errorf("publishDiagnostics without a diagnostics array: %s", req.Params())
		}
		c.diags[p.URI] = p.Diagnostics
	case protocol.MethodWindowLogMessage:
		var p protocol.LogMessageParams
		json.Unmarshal(req.Params(), &p)
		c.logs = append(c.logs, p)
	case protocol.MethodWindowShowMessage:
		var p protocol.ShowMessageParams
		json.Unmarshal(req.Params(), &p)
		c.shown = append(c.shown, p)
	case protocol.MethodProgress:
		var p struct {
			Value struct{ Kind, Message string }
		}
		json.Unmarshal(req.Params(), &p)
		c.progress = append(c.progress, p.Value.Kind+": "+p.Value.Message)
		switch p.Value.Kind {
		case "begin":
			c.begins <- p.Value.Message
		case "end":
			c.ends <- p.Value.Message
		}
	}
	return reply(ctx, nil, nil)
}

func (c *client) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// waitEnd waits for the end of the next analysis and returns its message.
func (c *client) waitEnd() string {
	c.t.Helper()
	select {
	case msg := <-c.ends:
		return msg
	case <-time.After(90 * time.Second):
		c.t.Fatalf("no analysis ended; logs: %v; stderr: %s", c.logText(), c.stderr.String())
		return ""
	}
}

// waitLog waits for a log message containing text.
func (c *client) waitLog(text string) {
	c.t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if strings.Contains(c.logText(), text) {
			return
		}
	}
	c.t.Fatalf("no log message %q; logs:\n%s", text, c.logText())
}

func (c *client) published(u protocol.DocumentURI) ([]protocol.Diagnostic, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.diags[u]
	return d, ok
}

func (c *client) logText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, l := range c.logs {
		fmt.Fprintf(&b, "[%v] %s\n", l.Type, l.Message)
	}
	return b.String()
}

func (c *client) initialize(options any, folders ...string) {
	c.t.Helper()
	p := map[string]any{
		"processId": os.Getpid(),
		"rootUri":   uri.File(folders[0]),
		"capabilities": map[string]any{
			"window":    map[string]any{"workDoneProgress": true},
			"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}, "workspaceFolders": true},
		},
		"initializationOptions": options,
	}
	var ws []map[string]any
	for _, f := range folders {
		ws = append(ws, map[string]any{"uri": uri.File(f), "name": filepath.Base(f)})
	}
	p["workspaceFolders"] = ws
	var res protocol.InitializeResult
	if err := c.call(protocol.MethodInitialize, p, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	if res.ServerInfo == nil || res.ServerInfo.Name != "trapvet" {
		c.t.Errorf("serverInfo = %+v", res.ServerInfo)
	}
	if res.Capabilities.CodeActionProvider == nil || res.Capabilities.TextDocumentSync == nil {
		c.t.Errorf("capabilities lack code actions or text sync: %+v", res.Capabilities)
	}
	c.notify(protocol.MethodInitialized, map[string]any{})
}

func (c *client) open(path string) {
	c.t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri.File(path), LanguageID: "go", Version: 1, Text: string(text),
	}})
}

func (c *client) save(path string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(path)}})
}

// shutdown ends the session as an editor does and checks the exit code.
func (c *client) shutdown() {
	c.t.Helper()
	var res any = "unset"
	if err := c.call(protocol.MethodShutdown, nil, &res); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	if res != "unset" && res != nil {
		c.t.Errorf("shutdown result = %v, want null", res)
	}
	c.notify(protocol.MethodExit, nil)
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			c.t.Errorf("server exit: %v; stderr: %s", err, c.stderr.String())
		}
	case <-time.After(20 * time.Second):
		c.t.Errorf("server did not exit after exit")
	}
	if s := c.stderr.String(); s != "" { // a race report, a panic
		c.t.Errorf("server wrote to stderr: %s", s)
	}
}

func (c *client) codeActions(path string, r protocol.Range) []protocol.CodeAction {
	c.t.Helper()
	var actions []protocol.CodeAction
	err := c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(path)},
		Range:        r,
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{}},
	}, &actions)
	if err != nil {
		c.t.Fatalf("codeAction: %v", err)
	}
	return actions
}

// applyEdit applies a WorkspaceEdit's changes to the files on disk,
// counting columns in UTF-16 code units as the protocol does.
func applyEdit(t *testing.T, edit *protocol.WorkspaceEdit) {
	t.Helper()
	if edit == nil || len(edit.Changes) == 0 {
		t.Fatal("code action has no edit")
	}
	for u, edits := range edit.Changes {
		path := uri.URI(u).Filename()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(edits, func(a, b protocol.TextEdit) int {
			return -int(offsetOf(t, data, a.Range.Start)) + int(offsetOf(t, data, b.Range.Start))
		})
		for _, e := range edits { // from the end, so offsets hold
			s, end := offsetOf(t, data, e.Range.Start), offsetOf(t, data, e.Range.End)
			data = slices.Concat(data[:s], []byte(e.NewText), data[end:])
		}
		if err := os.WriteFile(path, data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func offsetOf(t *testing.T, data []byte, p protocol.Position) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if int(p.Line) > len(lines) {
		t.Fatalf("position %v past the end", p)
	}
	off := 0
	for _, l := range lines[:p.Line] {
		off += len(l)
	}
	if int(p.Line) == len(lines) {
		return off
	}
	units := 0
	for i, r := range string(lines[p.Line]) {
		if units >= int(p.Character) {
			return off + i
		}
		units += len(utf16.Encode([]rune{r}))
	}
	return off + len(lines[p.Line])
}

// utf16Col returns the 0-based UTF-16 column of the first byte of needle
// on line (1-based) of file.
func utf16Col(t *testing.T, file string, line int, needle string) uint32 {
	data, _ := os.ReadFile(file)
	l := strings.Split(string(data), "\n")[line-1]
	i := strings.Index(l, needle)
	if i < 0 {
		t.Fatalf("%q not on line %d of %s", needle, line, file)
	}
	return uint32(len(utf16.Encode([]rune(l[:i]))))
}

// TestSession drives one editor session: initialize with an analyzer flag
// in initializationOptions, open a file, read the package's diagnostics
// (test variant included), take a fix and a suppression through
// codeAction, save, see the diagnostics cleared, shut down and exit.
func TestSession(t *testing.T) {
	dir := copyFixture(t, t.TempDir())
	main, test := filepath.Join(dir, "fixture.go"), filepath.Join(dir, "fixture_test.go")
	mainURI, testURI := uri.File(main), uri.File(test)

	c := startServer(t, dir)
	// -deferloop.tests makes deferloop report in _test.go files too.
	c.initialize(map[string]any{"deferloop.tests": true}, dir)
	c.open(main)
	if msg := c.waitEnd(); !strings.Contains(msg, "2 findings") {
		t.Fatalf("first analysis: %q; logs:\n%s", msg, c.logText())
	}

	diags, _ := c.published(mainURI)
	if len(diags) != 1 {
		t.Fatalf("fixture.go: %d diagnostics, want 1: %+v", len(diags), diags)
	}
	d := diags[0]
	wantStart := protocol.Position{Line: 15, Character: utf16Col(t, main, 16, "defer")}
	if d.Range.Start != wantStart {
		t.Errorf("range start = %+v, want %+v (UTF-16 columns)", d.Range.Start, wantStart)
	}
	if wantStart.Character != 12 { // "\t\t/* 😀é */ ": 2 + 3 + 2 (😀) + 1 (é) + 4 units; 15 bytes
		t.Errorf("fixture: UTF-16 column of defer = %d, want 12", wantStart.Character)
	}
	if d.Range.End.Line != 15 || d.Range.End.Character != wantStart.Character+uint32(len("defer f.Close()")) {
		t.Errorf("range end = %+v", d.Range.End)
	}
	if d.Severity != protocol.DiagnosticSeverityWarning || d.Source != "trapvet" || d.Code != "deferloop" {
		t.Errorf("severity %v, source %q, code %v", d.Severity, d.Source, d.Code)
	}
	if d.CodeDescription == nil || string(d.CodeDescription.Href) != deferloop.Analyzer.URL {
		t.Errorf("codeDescription = %+v", d.CodeDescription)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != mainURI ||
		d.RelatedInformation[0].Location.Range.Start != (protocol.Position{Line: 10, Character: 1}) ||
		d.RelatedInformation[0].Message != "the loop" {
		t.Errorf("relatedInformation = %+v", d.RelatedInformation)
	}
	if !strings.Contains(d.Message, "every f stays open until closeEach returns") {
		t.Errorf("message = %q", d.Message)
	}
	if td, _ := c.published(testURI); len(td) != 1 || td[0].Code != "deferloop" {
		t.Fatalf("fixture_test.go (test variant): %+v", td)
	}
	c.mu.Lock()
	progress := slices.Clone(c.progress)
	c.mu.Unlock()
	if len(progress) < 2 || !strings.HasPrefix(progress[0], "begin: analyzing ") || !strings.HasPrefix(progress[1], "end: ") {
		t.Errorf("$/progress = %q", progress)
	}

	// The fix, then save: fixture.go's diagnostic goes away.
	actions := c.codeActions(main, protocol.Range{Start: d.Range.Start, End: d.Range.Start})
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
		if a.Kind != protocol.QuickFix || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "deferloop" {
			t.Errorf("action %q: kind %q, diagnostics %+v", a.Title, a.Kind, a.Diagnostics)
		}
	}
	want := []string{"Run each iteration in a function literal, so the defer runs per iteration", "Suppress deferloop on this line"}
	if !slices.Equal(titles, want) {
		t.Fatalf("code actions = %q, want %q", titles, want)
	}
	if !actions[0].IsPreferred {
		t.Errorf("the fix is not the preferred action")
	}
	applyEdit(t, actions[0].Edit)
	fixed, _ := os.ReadFile(main)
	if _, err := parser.ParseFile(token.NewFileSet(), main, fixed, 0); err != nil {
		t.Fatalf("fixed file does not parse: %v\n%s", err, fixed)
	}
	if !strings.Contains(string(fixed), "\t\tfunc() {\n\t\t\tf, err := os.Open(p)") {
		t.Errorf("fix not applied or not formatted:\n%s", fixed)
	}
	c.save(main)
	c.waitEnd()
	if d, ok := c.published(mainURI); !ok || len(d) != 0 {
		t.Errorf("fixture.go after the fix: %+v, want cleared", d)
	}
	if td, _ := c.published(testURI); len(td) != 1 {
		t.Errorf("fixture_test.go after fixing fixture.go: %+v, want its finding kept", td)
	}

	// The suppression, then save: nothing left.
	td, _ := c.published(testURI)
	actions = c.codeActions(test, td[0].Range)
	if len(actions) == 0 || actions[len(actions)-1].Title != "Suppress deferloop on this line" {
		t.Fatalf("test file actions: %+v", actions)
	}
	applyEdit(t, actions[len(actions)-1].Edit)
	src, _ := os.ReadFile(test)
	if !strings.Contains(string(src), "\t\t//trapvet:ignore deferloop <why this finding is wrong or accepted>\n\t\tdefer f.Close()") {
		t.Errorf("directive not inserted above the line:\n%s", src)
	}
	// Until the placeholder is replaced by a reason, the directive
	// suppresses nothing and is reported.
	c.save(test)
	c.waitEnd()
	if d, _ := c.published(testURI); len(d) != 2 || d[0].Code != "ignores" || !strings.Contains(d[0].Message, "needs a reason") || d[1].Code != "deferloop" {
		t.Errorf("fixture_test.go with the placeholder: %+v, want the directive (line above) and the finding reported", d)
	}
	// The setting "ignores": false leaves the directives' check out, as
	// -ignores=false does; the directive still suppresses nothing.
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": map[string]any{
		"deferloop.tests": true, "ignores": false,
	}})
	c.waitEnd()
	if d, _ := c.published(testURI); len(d) != 1 || d[0].Code != "deferloop" {
		t.Errorf("fixture_test.go with the placeholder and ignores=false: %+v, want the finding alone; logs:\n%s", d, c.logText())
	}
	src = []byte(strings.Replace(string(src), "<why this finding is wrong or accepted>", "two files at most", 1))
	if err := os.WriteFile(test, src, 0o666); err != nil {
		t.Fatal(err)
	}
	c.save(test)
	c.waitEnd()
	if d, _ := c.published(testURI); len(d) != 0 {
		t.Errorf("fixture_test.go after the suppression: %+v, want cleared", d)
	}
	c.shutdown()
}

// TestRobust covers what an editor throws at a server: a package with a
// type error, a file outside any module, two workspace folders, a newer
// save while an analysis runs, a deleted file, new settings (bad ones
// too), unknown methods; the server keeps answering and exits cleanly.
func TestRobust(t *testing.T) {
	root := t.TempDir()
	a := copyFixture(t, filepath.Join(root, "a"))
	b := copyFixture(t, filepath.Join(root, "b"))
	for _, dir := range []string{a, b} {
		os.Remove(filepath.Join(dir, "fixture_test.go"))
	}
	broken := filepath.Join(root, "broken")
	os.MkdirAll(broken, 0o777)
	os.WriteFile(filepath.Join(broken, "go.mod"), []byte("module example.com/broken\n\ngo 1.26\n"), 0o666)
	brokenFile := filepath.Join(broken, "broken.go")
	os.WriteFile(brokenFile, []byte("package broken\n\nfunc f() int { return \"not an int\" }\n"), 0o666)
	loose := filepath.Join(root, "loose", "loose.go")
	os.MkdirAll(filepath.Dir(loose), 0o777)
	os.WriteFile(loose, []byte("package main\n\nimport \"os\"\n\nfunc main() {\n\tfor _, p := range os.Args {\n\t\tf, _ := os.Open(p)\n\t\tdefer f.Close()\n\t}\n}\n"), 0o666)

	c := startServer(t, root)
	c.initialize(nil, a, b)

	// Unknown request: an error answer, and the server goes on.
	if err := c.call("trapvet/nosuch", map[string]any{}, nil); err == nil {
		t.Errorf("unknown method: no error")
	}

	// A type error: logged, no diagnostics, no crash.
	c.open(brokenFile)
	c.waitEnd()
	if !strings.Contains(c.logText(), "broken.go:3:") {
		t.Errorf("type error not logged:\n%s", c.logText())
	}
	if d, ok := c.published(uri.File(brokenFile)); !ok || len(d) != 0 {
		t.Errorf("broken.go: published %v %+v, want an empty list", ok, d)
	}

	// Outside any module: the file alone.
	c.open(loose)
	c.waitEnd()
	if d, _ := c.published(uri.File(loose)); len(d) != 1 || d[0].Code != "deferloop" {
		t.Errorf("loose.go: %+v", d)
	}

	// A dependency's file in the module cache (go to definition): not
	// analyzed; checked after the next analysis.
	modFile := ""
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		modFile = filepath.Join(strings.TrimSpace(string(out)), "go.lsp.dev", "protocol@v0.12.0", "base.go")
		if _, err := os.Stat(modFile); err == nil {
			c.open(modFile)
		} else {
			modFile = ""
		}
	}

	// Two workspace folders, two modules.
	for _, dir := range []string{a, b} {
		c.open(filepath.Join(dir, "fixture.go"))
		c.waitEnd()
		if d, _ := c.published(uri.File(filepath.Join(dir, "fixture.go"))); len(d) != 1 {
			t.Errorf("%s: %+v", dir, d)
		}
	}

	if _, ok := c.published(uri.File(modFile)); modFile != "" && ok {
		t.Errorf("a file in the module cache was analyzed")
	}

	// A newer save cancels the running analysis of the same package.
	aFile := filepath.Join(a, "fixture.go")
	for len(c.begins) > 0 {
		<-c.begins
	}
	c.save(aFile)
	select {
	case <-c.begins:
	case <-time.After(60 * time.Second):
		t.Fatal("no analysis began")
	}
	c.save(aFile)
	first, second := c.waitEnd(), c.waitEnd()
	if first != "canceled" || !strings.Contains(second, "1 finding in") {
		t.Errorf("two saves: analyses ended %q then %q, want canceled then 1 finding", first, second)
	}

	// A deleted file: its diagnostics are cleared.
	bFile := filepath.Join(b, "fixture.go")
	os.Remove(bFile)
	c.notify(protocol.MethodDidDeleteFiles, protocol.DeleteFilesParams{Files: []protocol.FileDelete{{URI: string(uri.File(bFile))}}})
	c.waitLog(b + ": no Go files left, diagnostics cleared")
	if d, ok := c.published(uri.File(bFile)); !ok || len(d) != 0 {
		t.Errorf("deleted file: %v %+v, want cleared", ok, d)
	}

	// A bad setting is shown and logged, the others apply; good ones re-analyze.
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": map[string]any{"nosuch": true}})
	c.waitLog("settings ignored: flag provided but not defined: -nosuch")
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": map[string]any{"trapvet": map[string]any{"deferloop": false}}})
	for range 3 { // loose, broken and a are analyzed again; b is gone
		c.waitEnd()
	}
	if d, _ := c.published(uri.File(loose)); len(d) != 0 {
		t.Errorf("loose.go with deferloop off: %+v", d)
	}
	if d, _ := c.published(uri.File(aFile)); len(d) != 0 {
		t.Errorf("a/fixture.go with deferloop off: %+v", d)
	}
	if acts := c.codeActions(filepath.Join(root, "nofile.go"), protocol.Range{}); len(acts) != 0 {
		t.Errorf("actions for an unknown file: %+v", acts)
	}
	c.shutdown()
}

// TestNodeClient drives a session with VS Code's protocol layer
// (testdata/node/client.mjs, npm packages vscode-jsonrpc and
// vscode-languageserver-protocol), a client independent of the server's
// library. The packages are installed by "npm ci" from the committed
// package-lock.json into a cache directory keyed by the lock file; the
// test is skipped only if node or npm is missing.
func TestNodeClient(t *testing.T) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: %v", tool, err)
		}
	}
	clientDir := nodeClient(t)
	dir := copyFixture(t, t.TempDir())
	cmd := exec.Command("node", filepath.Join(clientDir, "client.mjs"), trapvetBinary(t), dir)
	cmd.Env = env()
	out, err := cmd.CombinedOutput()
	t.Logf("node client:\n%s", out)
	if err != nil {
		t.Fatalf("node client: %v", err)
	}
}

// nodeClient returns a directory holding client.mjs and its node_modules,
// installed with "npm ci" once per package-lock.json.
func nodeClient(t *testing.T) string {
	t.Helper()
	src := filepath.Join("testdata", "node")
	lock, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256(lock)
	dir := filepath.Join(cache, "trapvet", "lsp-node", hex.EncodeToString(sum[:8]))
	installed := func() bool {
		_, err := os.Stat(filepath.Join(dir, "node_modules", "vscode-languageserver-protocol", "package.json"))
		return err == nil
	}
	if !installed() {
		if err := os.MkdirAll(filepath.Dir(dir), 0o777); err != nil {
			t.Fatal(err)
		}
		tmp, err := os.MkdirTemp(filepath.Dir(dir), "install-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		for _, name := range []string{"package.json", "package-lock.json"} {
			data, err := os.ReadFile(filepath.Join(src, name))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(tmp, name), data, 0o666)
		}
		npm := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		npm.Dir = tmp
		if out, err := npm.CombinedOutput(); err != nil {
			t.Fatalf("npm ci: %v\n%s", err, out)
		}
		if err := os.Rename(tmp, dir); err != nil && !installed() {
			// Not a concurrent install that won: a damaged one, replaced.
			os.RemoveAll(dir)
			if err := os.Rename(tmp, dir); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The client itself is copied each time, so edits to it take effect.
	data, err := os.ReadFile(filepath.Join(src, "client.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "client.mjs"), data, 0o666); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCommandLine: "trapvet lsp" takes the standalone command's selection
// flags; others are a usage error before any protocol traffic, and a
// client that goes away without exit ends the server with code 1.
func TestCommandLine(t *testing.T) {
	bin := trapvetBinary(t)
	for _, args := range [][]string{{"lsp", "-json"}, {"lsp", "-nosuch"}, {"lsp", "./..."}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env()
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 1 || stdout.Len() > 0 || !strings.Contains(stderr.String(), "trapvet lsp: ") {
			t.Errorf("%q: exit %d (%v), stdout %q, stderr %q", args, code, err, stdout.String(), stderr.String())
		}
	}
	// Help, both ways.
	for _, args := range [][]string{{"lsp", "-h"}, {"lsp", "-help"}, {"help", "lsp"}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env()
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil || stderr.Len() > 0 || !strings.HasPrefix(stdout.String(), "trapvet lsp runs a language server") || !strings.Contains(stdout.String(), "docs/editors.md") {
			t.Errorf("%q: %v, stdout %q, stderr %q", args, err, stdout.String(), stderr.String())
		}
	}
	// A client gone at once: 1. A client that sends shutdown and exit and
	// closes the stream right after: 0, whichever the server sees first.
	var session strings.Builder
	for _, msg := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		fmt.Fprintf(&session, "Content-Length: %d\r\n\r\n%s", len(msg), msg)
	}
	for _, tc := range []struct {
		input string
		code  int
	}{{"", 1}, {session.String(), 0}} {
		cmd := exec.Command(bin, "lsp", "-vet", "-lostunlock=false", "-deferloop.tests")
		cmd.Env = env()
		cmd.Stdin = strings.NewReader(tc.input)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != tc.code || stderr.Len() > 0 {
			t.Errorf("input of %d bytes then end: exit %d (%v), stderr %q; want exit %d", len(tc.input), code, err, stderr.String(), tc.code)
		}
	}
}
