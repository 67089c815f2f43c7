package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSaveLatency measures the time from didSave to the end of the
// analysis (its diagnostics published) on real packages; docs/performance.md
// quotes it. It runs only when TRAPVET_LSP_LATENCY lists Go files,
// comma-separated, each in a package of a writable module:
//
//	TRAPVET_LSP_LATENCY=/tmp/m/grpc/server.go go test ./internal/lsp -run SaveLatency -v
//
// For each file: start a server, open the file (the first analysis), then
// save it TRAPVET_LSP_SAVES times (default 3), waiting for each analysis.
// Each save follows an edit, as in an editor: a comment line appended to
// the file (removed at the end), so the package is analyzed anew rather
// than served from the findings cache; one more save without an edit
// shows the cached case.
func TestSaveLatency(t *testing.T) {
	files := os.Getenv("TRAPVET_LSP_LATENCY")
	if files == "" {
		t.Skip("TRAPVET_LSP_LATENCY not set")
	}
	saves := 3
	if n := os.Getenv("TRAPVET_LSP_SAVES"); n != "" {
		if _, err := fmt.Sscan(n, &saves); err != nil {
			t.Fatal(err)
		}
	}
	for _, file := range strings.Split(files, ",") {
		c := startServer(t, filepath.Dir(file))
		c.initialize(nil, filepath.Dir(file))
		start := time.Now()
		c.open(file)
		msg := c.waitEnd()
		t.Logf("%s: open → diagnostics %.2fs (%s)", file, time.Since(start).Seconds(), msg)
		orig, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
		for i := range saves {
			edited := fmt.Appendf(append([]byte(nil), orig...), "\n// edit %d at %d\n", i+1, time.Now().UnixNano())
			if err := os.WriteFile(file, edited, 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			c.save(file)
			msg := c.waitEnd()
			t.Logf("%s: edit and save %d → diagnostics %.2fs (%s)", file, i+1, time.Since(start).Seconds(), msg)
		}
		start = time.Now()
		c.save(file)
		msg = c.waitEnd()
		t.Logf("%s: save without an edit → diagnostics %.2fs (%s)", file, time.Since(start).Seconds(), msg)
		c.shutdown()
		if ps := c.cmd.ProcessState; ps != nil {
			cpu := ps.UserTime() + ps.SystemTime()
			t.Logf("%s: server CPU (user+sys, go list included) %.1fs over %d analyses: %.1fs each",
				file, cpu.Seconds(), saves+2, cpu.Seconds()/float64(saves+2))
		}
	}
}
