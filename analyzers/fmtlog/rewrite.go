package fmtlog

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/astedit"
	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A rewrite is the structured logging call that replaces one print call.
type rewrite struct {
	callee string // as named in messages: slog.InfoContext
	target string // import path of the logger
	edits  []analysis.TextEdit
}

// plan returns the rewrite of pc into a structured logging call, or nil
// when none is safe: no logger to rewrite to (zap's global logger is one
// only where the package calls zap.ReplaceGlobals), the format is not a
// constant, needs verbs a key/value attribute would lose or does not
// match its arguments, there is no message to log, the call panics, or it
// prints through a writer variable.
func (c *checker) plan(f *ast.File, pc printCall) *rewrite {
	if strings.HasPrefix(pc.fn, "Panic") || pc.call.Ellipsis.IsValid() {
		return nil // the panic's value is part of the behaviour
	}
	info := c.pass.TypesInfo
	if pc.argsOff > 0 && !isStdStream(info, pc.call.Args[0]) {
		return nil // through a writer variable, whose other uses remain
	}
	segs, attrs, ok := c.segments(pc)
	if !ok {
		return nil
	}
	keys := keysFor(info, attrs)
	for i, seg := range segs[:len(segs)-1] {
		if k := keyBefore(seg); k != "" && keys[i] != "err" && !slices.Contains(keys, k) {
			keys[i] = k
		}
	}
	_, msg := message(segs, keys)
	if msg == "" {
		return nil
	}
	fatal := strings.HasPrefix(pc.fn, "Fatal")
	level := c.levelOf(pc)

	kind, recv := c.loggerInScope(pc.call.Pos())
	target := ""
	if kind == "" {
		if c.log == nil {
			return nil // the logger at hand has no fix (a *log.Logger, zerolog, logrus)
		}
		kind = c.log.path
		switch kind {
		case "log/slog", "github.com/zeromicro/go-zero/core/logx":
		case "go.uber.org/zap":
			if !c.sum.replaceGlobals {
				return nil // zap.L() discards everything until ReplaceGlobals
			}
		default:
			return nil
		}
	}
	var qual string
	if recv == "" || kind != "log/slog" {
		// Package functions, or zap.Any and logx.Field, name the package.
		q, ok := c.qualifier(f, pc.call.Pos(), kind)
		if !ok {
			return nil
		}
		qual = q
		if recv == "" {
			target = kind
		}
	}
	ctx := ""
	if kind != "go.uber.org/zap" && !(kind == "github.com/zeromicro/go-zero/core/logx" && recv != "") {
		ctx = c.contextInScope(pc.call.Pos())
	}

	vals := make([]string, len(attrs))
	for i, a := range attrs {
		vals[i] = c.exprText(a)
		if t := info.TypeOf(a); isBytes(t) {
			vals[i] = "string(" + vals[i] + ")" // a stack or text, not base64
		}
	}
	var b strings.Builder
	var callee string
	switch kind {
	case "log/slog":
		if recv != "" {
			callee = recv + "." + level
		} else {
			callee = qual + "." + level
		}
		if ctx != "" {
			callee += "Context"
		}
		b.WriteString(callee + "(")
		if ctx != "" {
			b.WriteString(ctx + ", ")
		}
		b.WriteString(strconv.Quote(msg))
		for i := range attrs {
			fmt.Fprintf(&b, ", %q, %s", keys[i], vals[i])
		}
		b.WriteString(")")
	case "go.uber.org/zap":
		if fatal {
			level = "Fatal" // zap's Fatal exits, as log.Fatal did
			fatal = false
		}
		if recv != "" {
			callee = recv + "." + level
		} else {
			callee = qual + ".L()." + level
		}
		b.WriteString(callee + "(" + strconv.Quote(msg))
		for i := range attrs {
			fmt.Fprintf(&b, ", %s.Any(%q, %s)", qual, keys[i], vals[i])
		}
		b.WriteString(")")
	case "github.com/zeromicro/go-zero/core/logx":
		lv := "Info"
		if level == "Error" {
			lv = "Error" // logx has no Warn or Debug with fields
		}
		switch {
		case recv != "":
			callee = recv + "." + lv + "w"
		case ctx != "":
			callee = qual + ".WithContext(" + ctx + ")." + lv + "w"
		default:
			callee = qual + "." + lv + "w"
		}
		b.WriteString(callee + "(" + strconv.Quote(msg))
		for i := range attrs {
			fmt.Fprintf(&b, ", %s.Field(%q, %s)", qual, keys[i], vals[i])
		}
		b.WriteString(")")
	}
	var exit *analysis.TextEdit
	if fatal {
		// log.Fatal exits: keep the exit after logging.
		stmt, ok := pc.cur.Parent().Node().(*ast.ExprStmt)
		osName, osOK := c.qualifier(f, pc.call.Pos(), "os")
		if !ok || !osOK || !imports(f, "os") {
			return nil
		}
		// The exit goes on a line of its own after the statement's line,
		// so that a trailing comment stays with the logging call.
		tf := c.pass.Fset.File(stmt.End())
		line := tf.Line(stmt.End())
		if line >= tf.LineCount() {
			return nil
		}
		eol := tf.LineStart(line+1) - 1
		indent := strings.Repeat("\t", max(c.pass.Fset.Position(stmt.Pos()).Column-1, 0))
		exit = &analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + osName + ".Exit(1)")}
	}
	if ctx != "" && strings.Contains(callee, "(") {
		callee = strings.Replace(callee, "("+ctx+")", "(ctx)", 1)
	}
	edits := []analysis.TextEdit{{Pos: pc.call.Pos(), End: pc.call.End(), NewText: []byte(b.String())}}
	if exit != nil {
		edits = append(edits, *exit)
	}
	return &rewrite{callee: callee, target: target, edits: edits}
}

// segments splits what pc prints into literal text around holes, one hole
// per printed value: a Printf format's text and verbs, or a Print's
// constant strings and other operands. It fails when the format is not a
// constant, uses verbs a key/value attribute would lose, or does not match
// its arguments (go vet's printf check reports those; a rewrite would hide
// the bug).
func (c *checker) segments(pc printCall) (segs []string, attrs []ast.Expr, ok bool) {
	info := c.pass.TypesInfo
	args := pc.call.Args[pc.argsOff:]
	if len(args) == 0 {
		return nil, nil, false
	}
	if strings.HasSuffix(pc.fn, "f") {
		format, ok := code.ConstString(info, args[0])
		if !ok {
			return nil, nil, false
		}
		segs, verbs, ok := parseFormat(format)
		if !ok || len(verbs) != len(args)-1 {
			return nil, nil, false
		}
		for i, v := range verbs {
			if !verbFits(info, v, args[i+1]) {
				return nil, nil, false
			}
		}
		return segs, args[1:], true
	}
	sep := ""
	if strings.HasSuffix(pc.fn, "ln") {
		sep = " "
	}
	cur := ""
	for i, a := range args {
		if i > 0 {
			cur += sep
		}
		if s, ok := code.ConstString(info, a); ok {
			if hasVerb(s) {
				return nil, nil, false // Println with a Printf directive: vet's finding
			}
			cur += s
			continue
		}
		segs = append(segs, cur)
		cur = ""
		attrs = append(attrs, a)
	}
	return append(segs, cur), attrs, true
}

func hasVerb(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && strings.IndexByte("vsdqtfgxXeEpTcbou", s[i+1]) >= 0 {
			return true
		}
	}
	return false
}

// verbFits reports whether go vet's printf check accepts arg for verb.
func verbFits(info *types.Info, verb byte, arg ast.Expr) bool {
	t := info.TypeOf(arg)
	if t == nil || verb == 'v' || types.IsInterface(t) {
		return t != nil
	}
	b, _ := t.Underlying().(*types.Basic)
	stringer := typematch.HasMethod(t, "String") || typematch.HasMethod(t, "Error")
	switch verb {
	case 'd':
		return b != nil && b.Info()&types.IsInteger != 0 || isPointer(t)
	case 't':
		return b != nil && b.Info()&types.IsBoolean != 0
	case 'f', 'g':
		return b != nil && b.Info()&(types.IsFloat|types.IsComplex) != 0
	case 's':
		return b != nil && b.Info()&types.IsString != 0 || isBytes(t) || stringer
	case 'q':
		return b != nil && b.Info()&(types.IsString|types.IsInteger) != 0 || isBytes(t) || stringer
	}
	return false
}

func isBytes(t types.Type) bool {
	if t == nil {
		return false
	}
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// levelPrefixes choose the level from a message's prefix, which is then
// dropped: [ERROR] failed, warning: slow.
var levelPrefixes = []struct{ prefix, level string }{
	{"[error]", "Error"}, {"[err]", "Error"}, {"[panic]", "Error"}, {"[fatal]", "Error"},
	{"[warning]", "Warn"}, {"[warn]", "Warn"}, {"[info]", "Info"}, {"[debug]", "Debug"},
	{"error:", "Error"}, {"warning:", "Warn"}, {"warn:", "Warn"},
}

// message builds the log message from the segments and the attribute keys:
// every word is kept. A level prefix ([ERROR], warning:) sets the level
// and goes; values at the end of the text go with what introduced them
// ("failed: %v", "serving on %s"), the attributes carry them; a value in
// mid-sentence leaves its key in braces ("user {name} logged in"), and
// quotes around it go ("module '%s' failed" -> "module {name} failed").
func message(segs, keys []string) (level, msg string) {
	segs = slices.Clone(segs)
	first := strings.TrimLeft(segs[0], " \t\n")
	for _, p := range levelPrefixes {
		if len(first) >= len(p.prefix) && strings.EqualFold(first[:len(p.prefix)], p.prefix) {
			level, segs[0] = p.level, first[len(p.prefix):]
			break
		}
	}
	// Drop the values that end the text, and what introduced them.
	n := len(segs)
	for n > 1 && strings.Trim(segs[n-1], " \t\n.!;,:") == "" {
		n--
		segs[n-1] = trimIntro(segs[n-1])
	}
	segs = segs[:n]
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			s = strings.TrimLeft(s, "'\"`")
			b.WriteString("{" + keys[i-1] + "}")
		}
		if i < len(segs)-1 {
			s = strings.TrimRight(s, "'\"`")
		}
		b.WriteString(s)
	}
	msg = strings.Join(strings.Fields(b.String()), " ")
	return level, strings.TrimRight(msg, ":=,;. \t")
}

// introWords introduce a value at the end of a message: "serving on %s".
var introWords = []string{"on", "at", "to", "from", "for", "in", "of", "with", "by", "as", "via", "into"}

// trimIntro removes the punctuation and the one word that introduced a
// dropped value at the end of s.
func trimIntro(s string) string {
	s = strings.TrimRight(s, " \t\n:=,(['\"`")
	if i := strings.LastIndexAny(s, " \t"); i >= 0 && slices.Contains(introWords, strings.ToLower(s[i+1:])) {
		s = strings.TrimRight(s[:i], " \t:,")
	}
	return s
}

// keyBefore returns the name a format gives the value after seg
// ("pid=%d"), as an attribute key; "" if none.
func keyBefore(seg string) string {
	s := strings.TrimRight(seg, " ")
	if !strings.HasSuffix(s, "=") || strings.HasSuffix(s, "==") {
		return ""
	}
	s = strings.TrimRight(s[:len(s)-1], " ")
	i := len(s)
	for i > 0 && (unicode.IsLetter(rune(s[i-1])) || unicode.IsDigit(rune(s[i-1])) || s[i-1] == '_') {
		i--
	}
	if i == len(s) || i > 0 && s[i-1] != ' ' && s[i-1] != '(' && s[i-1] != ',' || !unicode.IsLetter(rune(s[i])) {
		return ""
	}
	return snake(s[i:])
}

// parseFormat splits a Printf format into its literal text around each
// verb and the verbs. It fails on verbs whose output a key/value attribute
// would not reproduce: flags, width, precision, argument indexes, and
// verbs other than %v %s %d %q %t %f %g.
func parseFormat(format string) (segs []string, verbs []byte, ok bool) {
	var text strings.Builder
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			text.WriteByte(ch)
			continue
		}
		if i+1 >= len(format) {
			return nil, nil, false
		}
		i++
		switch format[i] {
		case '%':
			text.WriteByte('%')
		case 'v', 's', 'd', 'q', 't', 'f', 'g':
			verbs = append(verbs, format[i])
			segs = append(segs, text.String())
			text.Reset()
		default:
			return nil, nil, false
		}
	}
	return append(segs, text.String()), verbs, true
}

func looksLikeError(msg string) bool {
	lower := strings.ToLower(msg)
	for _, w := range []string{"error", "fail", "cannot", "can't", "unable", "panic", "fatal"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func isError(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	return t != nil && !types.IsInterface(t) && types.Implements(t, errorType) ||
		t != nil && types.IsInterface(t) && typematch.IsError(t)
}

func anyError(info *types.Info, es []ast.Expr) bool {
	for _, e := range es {
		if isError(info, e) || isErrorText(info, e) {
			return true
		}
	}
	return false
}

// isErrorText reports whether e is the text of an error: err.Error().
func isErrorText(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Error" && isError(info, sel.X)
}

// keysFor derives an attribute key from each expression: req.PatientID
// becomes "patient_id", an error "err"; repeats get a numeric suffix.
func keysFor(info *types.Info, es []ast.Expr) []string {
	keys := make([]string, len(es))
	seen := make(map[string]int)
	for i, e := range es {
		k := keyOf(e)
		if isError(info, e) {
			k = "err"
		}
		if k == "" {
			k = fmt.Sprintf("arg%d", i+1)
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k = fmt.Sprintf("%s_%d", k, n)
		}
		keys[i] = k
	}
	return keys
}

func keyOf(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return snake(e.Name)
	case *ast.SelectorExpr:
		return snake(e.Sel.Name)
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			switch sel.Sel.Name {
			case "String", "Error", "Get", "Load", "Value", "Unix", "Seconds", "Milliseconds":
				if k := keyOf(sel.X); k != "" {
					return k
				}
			}
			return snake(strings.TrimPrefix(sel.Sel.Name, "Get"))
		}
		if id, ok := e.Fun.(*ast.Ident); ok && len(e.Args) == 1 {
			if inner := keyOf(e.Args[0]); inner != "" {
				return inner + "_" + snake(id.Name)
			}
		}
	case *ast.IndexExpr:
		return keyOf(e.X)
	case *ast.StarExpr:
		return keyOf(e.X)
	case *ast.UnaryExpr:
		return keyOf(e.X)
	}
	return ""
}

// snake converts a Go identifier to snake_case: PatientID -> patient_id,
// HTTPServer -> http_server.
func snake(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i > 0 && i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])
			if prevLower || nextLower {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), "_")
}

func (c *checker) exprText(e ast.Expr) string {
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, c.pass.Fset, e); err != nil {
		return types.ExprString(e)
	}
	return buf.String()
}

// qualifier returns the name by which code at pos refers to the package
// path: the file's import name if it imports it, else the package's
// default name, provided nothing else by that name is in scope there.
func (c *checker) qualifier(f *ast.File, pos token.Pos, path string) (string, bool) {
	name := defaultName(path)
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path {
			if spec.Name != nil {
				if spec.Name.Name == "_" || spec.Name.Name == "." {
					return "", false
				}
				name = spec.Name.Name
			}
			break
		}
	}
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", false
	}
	if _, obj := scope.LookupParent(name, pos); obj != nil {
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != path {
			return "", false // shadowed, or another package by that name
		}
	} else if path != "log/slog" && !imports(f, path) {
		// Only slog is added to a file by the fix; other loggers must
		// already be imported here.
		return "", false
	}
	return name, true
}

func defaultName(path string) string {
	switch path {
	case "log/slog":
		return "slog"
	case "github.com/zeromicro/go-zero/core/logx":
		return "logx"
	case "go.uber.org/zap":
		return "zap"
	}
	return path[strings.LastIndex(path, "/")+1:]
}

func imports(f *ast.File, path string) bool {
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path {
			return true
		}
	}
	return false
}

// contextInScope returns an expression for a context.Context usable at
// pos: a variable of that type (ctx preferred), a receiver's context field
// (go-zero's l.ctx), or r.Context() of an *http.Request; "" if none.
func (c *checker) contextInScope(pos token.Pos) string {
	var found, request string
	for v := range c.localsAt(pos) {
		name := v.Name()
		switch {
		case typematch.IsNamed(v.Type(), "context", "Context") && !isPointer(v.Type()):
			if found == "" || name == "ctx" {
				found = name
			}
		case typematch.IsNamed(v.Type(), "net/http", "Request") && isPointer(v.Type()) && request == "":
			request = name + ".Context()"
		default:
			if f := contextField(v.Type()); f != "" && found == "" {
				found = name + "." + f
			}
		}
	}
	if found == "" {
		return request
	}
	return found
}

// localsAt yields the variables of the function scopes that the name
// resolves to at pos, innermost scope first: declared before pos, not
// shadowed, not blank (package-level variables are not locals).
func (c *checker) localsAt(pos token.Pos) iter.Seq[*types.Var] {
	return func(yield func(*types.Var) bool) {
		scope := c.pass.Pkg.Scope().Innermost(pos)
		for s := scope; s != nil && s != c.pass.Pkg.Scope(); s = s.Parent() {
			for _, name := range s.Names() {
				v, ok := s.Lookup(name).(*types.Var)
				if !ok || v.Pos() > pos || name == "_" {
					continue
				}
				if _, obj := scope.LookupParent(name, pos); obj != v {
					continue // shadowed
				}
				if !yield(v) {
					return
				}
			}
		}
	}
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// contextField returns the name of a context.Context field of the struct
// t (or *t) points to, as go-zero's logic types hold one.
func contextField(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return ""
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if typematch.IsNamed(f.Type(), "context", "Context") && !f.Embedded() {
			return f.Name()
		}
	}
	return ""
}

// importEdits returns the import changes every fix in the file carries:
// the logger's import added where missing, and fmt or log removed when the
// fixes rewrite all their uses. Identical edits coalesce when the fixes are
// applied together, as trapvet -fix, go vet -fix and golangci-lint do.
func (c *checker) importEdits(f *ast.File, plans []*rewrite, dropped map[string]int) []analysis.TextEdit {
	target, any := "", false
	for _, p := range plans {
		if p != nil {
			any = true
			if target == "" {
				target = p.target
			}
		}
	}
	if !any {
		return nil
	}
	needAdd := target != "" && !imports(f, target)
	var edits []analysis.TextEdit
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		if dropped[path] == 0 || c.uses(f, path) != dropped[path] {
			continue
		}
		if needAdd {
			edits = append(edits, analysis.TextEdit{Pos: spec.Pos(), End: spec.End(), NewText: []byte(strconv.Quote(target))})
			needAdd = false
			continue
		}
		edits = append(edits, c.deleteSpec(f, spec))
	}
	if needAdd {
		edits = append(edits, astedit.AddImport(f, target))
	}
	return edits
}

// countDropped adds to dropped the package references that rewriting pc
// removes: the printer's own (fmt., log.) and those in the arguments it
// drops (os.Stderr). The printed arguments are kept.
func (c *checker) countDropped(pc printCall, dropped map[string]int) {
	nodes := []ast.Node{pc.call.Fun}
	for _, a := range pc.call.Args[:pc.argsOff] {
		nodes = append(nodes, a)
	}
	for _, n := range nodes {
		ast.Inspect(n, func(node ast.Node) bool {
			if id, ok := node.(*ast.Ident); ok {
				if pn, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); ok {
					dropped[pn.Imported().Path()]++
				}
			}
			return true
		})
	}
}

// uses counts the references in f to the package imported as path.
func (c *checker) uses(f *ast.File, path string) int {
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		if id, ok := node.(*ast.Ident); ok {
			if pn, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); ok && pn.Imported().Path() == path {
				n++
			}
		}
		return true
	})
	return n
}

// deleteSpec deletes an import spec with its line, or its whole import
// declaration when it is the only spec.
func (c *checker) deleteSpec(f *ast.File, spec *ast.ImportSpec) analysis.TextEdit {
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			if s != spec {
				continue
			}
			var from, to token.Pos = spec.Pos(), spec.End()
			if len(gd.Specs) == 1 {
				from, to = gd.Pos(), gd.End()
			}
			tf := c.pass.Fset.File(from)
			start := tf.LineStart(tf.Line(from))
			end := to
			if line := tf.Line(to); line < tf.LineCount() {
				end = tf.LineStart(line + 1)
			}
			return analysis.TextEdit{Pos: start, End: end}
		}
	}
	return analysis.TextEdit{Pos: spec.Pos(), End: spec.End()}
}

// loggerInScope returns a structured logger usable at pos, preferred to
// any package default: a variable, or a field of a variable's struct, of
// type *slog.Logger, *zap.Logger or logx.Logger (s.log, l.Logger, a
// logger parameter). It returns the logger's package path and the
// expression; "" if none.
func (c *checker) loggerInScope(pos token.Pos) (kind, expr string) {
	t, expr := c.firstLogger(pos, func(t types.Type) bool { return loggerKind(t) != "" })
	if expr == "" {
		return "", ""
	}
	return loggerKind(t), expr
}

// loggerKind returns the import path of the logger t is, or "".
func loggerKind(t types.Type) string {
	switch {
	case isPointer(t) && typematch.IsNamed(t, "log/slog", "Logger"):
		return "log/slog"
	case isPointer(t) && typematch.IsNamed(t, "go.uber.org/zap", "Logger"):
		return "go.uber.org/zap"
	case !isPointer(t) && typematch.IsNamed(t, "github.com/zeromicro/go-zero/core/logx", "Logger"):
		return "github.com/zeromicro/go-zero/core/logx"
	}
	return ""
}
