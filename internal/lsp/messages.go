package lsp

import (
	"fmt"
	"go/build"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/trapvet/trapvet/internal/driver"
)

// What the server tells the user beyond diagnostics: counts, and the
// messages shown once (window/showMessage).

// noteExcluded tells the user, once per file, that a file the editor
// opened is left out of its package by its build constraints (a
// //go:build line, a _GOOS or _GOARCH suffix): its empty diagnostics mean
// it was not analyzed, not that it is clean.
func (s *server) noteExcluded(u *unit, set *driver.Settings) {
	if u.key != u.dir {
		return // a file alone is analyzed whatever its constraints
	}
	ctxt := build.Default
	if set.Tags != "" {
		ctxt.BuildTags = strings.Split(set.Tags, ",")
	}
	s.mu.Lock()
	var opened []string
	for path := range s.uris {
		if filepath.Dir(path) == u.dir {
			opened = append(opened, path)
		}
	}
	s.mu.Unlock()
	slices.Sort(opened)
	for _, path := range opened {
		match, err := ctxt.MatchFile(u.dir, filepath.Base(path))
		if err != nil || match || !set.Tests && strings.HasSuffix(path, "_test.go") {
			continue
		}
		msg := fmt.Sprintf("%s is excluded by its build constraints (GOOS=%s, GOARCH=%s, tags %q): not analyzed; the \"tags\" setting adds build tags", filepath.Base(path), ctxt.GOOS, ctxt.GOARCH, set.Tags)
		s.logf(protocol.MessageTypeInfo, "%s", msg)
		s.showOnce("excluded:"+path, protocol.MessageTypeInfo, s.suite.Name+": "+msg)
	}
}

// countFindings says "1 finding", "2 findings".
func countFindings(n int) string {
	if n == 1 {
		return "1 finding"
	}
	return fmt.Sprintf("%d findings", n)
}

// showOnce shows msg to the user (window/showMessage), once per key for
// the server's life: a failure repeated on every save is said once, and
// the log keeps each.
func (s *server) showOnce(key string, typ protocol.MessageType, msg string) {
	s.mu.Lock()
	if s.shown == nil {
		s.shown = make(map[string]bool)
	}
	seen := s.shown[key]
	s.shown[key] = true
	s.mu.Unlock()
	if !seen {
		s.show(typ, msg)
	}
}

// show shows msg to the user (window/showMessage).
func (s *server) show(typ protocol.MessageType, msg string) {
	if s.conn != nil {
		_ = s.conn.Notify(s.ctx, protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: typ, Message: msg})
	}
}
