// Package store holds a structured logger, in a field and at package
// level: printing to the standard streams beside it bypasses it, however
// the print is dressed up.
package store

import (
	"fmt"
	"log/slog"
	"os"
)

var pkgLog = slog.Default()

var debug = os.Getenv("STORE_DEBUG") != ""

type Store struct {
	log     *slog.Logger
	verbose bool
}

func (s *Store) Put(k string) error {
	if k == "" {
		fmt.Fprintf(os.Stderr, "store: empty key\n") // want `fmt\.Fprintf used as logging in a package that logs with slog: use s\.log\.Info instead`
		return fmt.Errorf("empty key")
	}
	s.log.Info("put", "key", k)
	return nil
}

// Flush prints through a local logf closure: still the receiver's
// logger bypassed.
func (s *Store) Flush(keys []string) {
	logf := func(format string, args ...any) {
		fmt.Printf(format+"\n", args...) // want `fmt\.Printf used as logging in a package that logs with slog`
	}
	for _, k := range keys {
		logf("flushing %s", k)
	}
}

// trace is a debug-trace helper behind a flag, on a type whose logger
// has a Debug level for exactly that.
func (s *Store) trace(format string, args ...any) {
	if s.verbose {
		fmt.Fprintf(os.Stderr, format, args...) // want `fmt\.Fprintf used as logging in a package that logs with slog`
	}
}

func (s *Store) Get(k string) {
	s.trace("get %s\n", k)
	pkgLog.Info("get", "key", k)
}

// Compact traces behind a package debug switch, beside the package's
// logger.
func Compact() {
	if debug {
		fmt.Println("compacting") // want `fmt\.Println used as logging in a package that logs with slog`
	}
	pkgLog.Info("compacted")
}

// PrintStats is named for its job, printing a report: not logging, even
// beside a logger.
func (s *Store) PrintStats(n int) {
	fmt.Printf("%d keys\n", n)
}
