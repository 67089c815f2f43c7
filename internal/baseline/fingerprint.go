// Package baseline decides which findings are new: those not recorded in
// a baseline file of earlier findings (matched by fingerprint, not by line
// number), or those on lines changed since a git revision or in a unified
// diff. The drivers (standalone, go vet, the editor server) share it, so
// that a finding is new or held back the same way in each.
package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"go/scanner"
	"go/token"
	"os"
	"strings"
	"sync"
)

// A Key identifies a finding without its line number.
//
// Fingerprint hashes the analyzer, the enclosing top-level declaration
// ("func T.Method", "type T", "var x"; "" outside any) and the normalised
// text of the finding's line and of the nearest lines of code above and
// below it. LineKey hashes the same without the neighbours: it is the
// fallback when an edit touched a neighbour. Text is normalised as Go
// tokens separated by one space, so indentation, alignment and spacing
// (what gofmt changes) do not count; semicolons do not count; comments
// count on the finding's own line only (the directive checker reports on
// comments), and lines holding only comments or nothing are skipped when
// looking for neighbours.
type Key struct {
	Fingerprint string
	LineKey     string
	Decl        string
}

// fingerprintVersion is hashed into every key: a change to how keys are
// made must change it, and the file's header (Header) with it.
const fingerprintVersion = "trapvet-fingerprint-1"

// Sources computes keys, reading and scanning each file once. It is safe
// for concurrent use.
type Sources struct {
	mu    sync.Mutex
	files map[string]*source
	// ReadFile reads a file's content; nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
}

// Key returns the key of a finding of analyzer at line of file. A finding
// whose line cannot be read (no position, a file gone) is keyed by its
// message instead.
func (s *Sources) Key(analyzer, file string, line int, message string) Key {
	src := s.source(file)
	text, above, below := src.context(line)
	decl := src.declAt(line)
	if text == "" {
		text = "message: " + message
	}
	return Key{
		Fingerprint: hash(analyzer, decl, above, text, below),
		LineKey:     hash(analyzer, decl, text),
		Decl:        decl,
	}
}

func hash(parts ...string) string {
	sum := sha256.Sum256([]byte(fingerprintVersion + "\x00" + strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:8])
}

func (s *Sources) source(file string) *source {
	s.mu.Lock()
	defer s.mu.Unlock()
	if src, ok := s.files[file]; ok {
		return src
	}
	if s.files == nil {
		s.files = make(map[string]*source)
	}
	read := s.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	var src *source
	if data, err := read(file); err == nil && file != "" {
		src = scan(file, data)
	} else {
		src = &source{}
	}
	s.files[file] = src
	return src
}

// A source is a file's lines as keys see them.
type source struct {
	text  []string // per line (index line-1): its tokens, comments included
	code  []bool   // per line: holds a token that is not a comment
	decls []declSpan
}

// A declSpan is the lines of one top-level declaration (or of one spec
// of a grouped one).
type declSpan struct {
	from, to int
	name     string
}

func (src *source) context(line int) (text, above, below string) {
	if line < 1 || line > len(src.text) {
		return "", "", ""
	}
	text = src.text[line-1]
	for i := line - 2; i >= 0; i-- {
		if src.code[i] {
			above = src.text[i]
			break
		}
	}
	for i := line; i < len(src.text); i++ {
		if src.code[i] {
			below = src.text[i]
			break
		}
	}
	return text, above, below
}

func (src *source) declAt(line int) string {
	// Spans are in order and do not overlap, except a grouped
	// declaration's specs, which come after the group: the last match
	// is the narrowest.
	name := ""
	for _, d := range src.decls {
		if d.from <= line && line <= d.to {
			name = d.name
		}
	}
	return name
}

// scan splits src into normalised lines and top-level declarations. A Go
// file is read as Go tokens; any other file (assembly, go.mod) as
// whitespace-separated words.
func scan(name string, data []byte) *source {
	n := strings.Count(string(data), "\n") + 1
	src := &source{text: make([]string, n), code: make([]bool, n)}
	if !strings.HasSuffix(name, ".go") {
		for i, line := range strings.Split(string(data), "\n") {
			src.text[i] = strings.Join(strings.Fields(line), " ")
			src.code[i] = src.text[i] != ""
		}
		return src
	}
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(data))
	var sc scanner.Scanner
	sc.Init(file, data, func(token.Position, string) {}, scanner.ScanComments)
	words := make([][]string, n)
	var toks []tok
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		line := file.PositionFor(pos, false).Line
		if line < 1 || line > n {
			continue
		}
		if t == token.SEMICOLON {
			toks = append(toks, tok{t, "", line})
			continue
		}
		text := lit
		switch {
		case t == token.COMMENT:
			text = strings.Join(strings.Fields(lit), " ")
		case lit == "":
			text = t.String()
		}
		words[line-1] = append(words[line-1], text)
		if t != token.COMMENT {
			src.code[line-1] = true
			toks = append(toks, tok{t, lit, line})
		}
	}
	for i, w := range words {
		src.text[i] = strings.Join(w, " ")
	}
	src.decls = declarations(toks)
	return src
}

type tok struct {
	t    token.Token
	lit  string
	line int
}

// declarations finds the top-level declarations in a file's tokens (no
// comments): each starts at depth 0 with func, type, var, const or import
// and ends at the next semicolon at depth 0.
func declarations(toks []tok) []declSpan {
	var spans []declSpan
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth != 0 || !isDeclKeyword(t.t) {
			depth += nesting(t.t)
			continue
		}
		end := i
		d := 0
		for end < len(toks) {
			d += nesting(toks[end].t)
			if d == 0 && toks[end].t == token.SEMICOLON {
				break
			}
			end++
		}
		last := toks[min(end, len(toks)-1)].line
		spans = append(spans, declSpan{t.line, last, declName(toks[i:min(end, len(toks))])})
		if t.t != token.FUNC && i+1 < end && toks[i+1].t == token.LPAREN {
			spans = append(spans, specs(t.t, toks[i+2:end])...)
		}
		i = end
	}
	return spans
}

func isDeclKeyword(t token.Token) bool {
	return t == token.FUNC || t == token.TYPE || t == token.VAR || t == token.CONST || t == token.IMPORT
}

func nesting(t token.Token) int {
	switch t {
	case token.LPAREN, token.LBRACK, token.LBRACE:
		return 1
	case token.RPAREN, token.RBRACK, token.RBRACE:
		return -1
	}
	return 0
}

// declName names a declaration from its tokens: "func Name", "func
// Type.Method" (the receiver's type without pointer or type parameters),
// "type T", "var x", "const x", "import"; a group is named by its keyword.
func declName(toks []tok) string {
	kw := toks[0].t.String()
	if len(toks) < 2 {
		return kw
	}
	if toks[0].t != token.FUNC {
		if toks[1].t == token.IDENT && toks[0].t != token.IMPORT {
			return kw + " " + toks[1].lit
		}
		return kw
	}
	i := 1
	recv := ""
	if toks[i].t == token.LPAREN {
		d := 0
		inParams := true
		for ; i < len(toks); i++ {
			d += nesting(toks[i].t)
			if toks[i].t == token.LBRACK && d == 2 {
				inParams = false // type parameters of the receiver's type
			}
			if inParams && d == 1 && toks[i].t == token.IDENT {
				recv = toks[i].lit
			}
			if d == 0 {
				i++
				break
			}
		}
	}
	if i < len(toks) && toks[i].t == token.IDENT {
		if recv != "" {
			return kw + " " + recv + "." + toks[i].lit
		}
		return kw + " " + toks[i].lit
	}
	return kw
}

// specs names the specs of a grouped declaration (the tokens inside its
// parentheses): each by its first name.
func specs(kw token.Token, toks []tok) []declSpan {
	var spans []declSpan
	d := 0
	start := 0
	for i, t := range toks {
		d += nesting(t.t)
		if d < 0 {
			break // the group's closing parenthesis
		}
		if d == 0 && t.t == token.SEMICOLON {
			if i > start && toks[start].t == token.IDENT && kw != token.IMPORT {
				spans = append(spans, declSpan{toks[start].line, toks[i].line, kw.String() + " " + toks[start].lit})
			}
			start = i + 1
		}
	}
	return spans
}
