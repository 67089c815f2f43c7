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
		for i := range saves {
			start := time.Now()
			c.save(file)
			msg := c.waitEnd()
			t.Logf("%s: save %d → diagnostics %.2fs (%s)", file, i+1, time.Since(start).Seconds(), msg)
		}
		c.shutdown()
		if ps := c.cmd.ProcessState; ps != nil {
			cpu := ps.UserTime() + ps.SystemTime()
			t.Logf("%s: server CPU (user+sys, go list included) %.1fs over %d analyses: %.1fs each",
				file, cpu.Seconds(), saves+1, cpu.Seconds()/float64(saves+1))
		}
	}
}
