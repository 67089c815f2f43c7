// Package tracelog keeps a trace log beside the standard logger: TraceLog
// writes to io.Discard unless the program turns tracing on, and the log
// package's standard logger carries the package's operational lines. A
// logger named for a level (trace, debug, verbose) is that opt-in channel,
// not the package's logger: a log.Printf beside it is the package logging,
// and moving it to TraceLog would lose it.
package tracelog

import (
	"errors"
	"io"
	"log"
)

// TraceLog is a log for low-level tracing, enabled by configuration.
var TraceLog = log.New(io.Discard, "", log.LstdFlags|log.Lmicroseconds)

type Store struct{ id string }

func (s *Store) lease() error { return errors.New("no lease") }

// Acquire logs its lease changes on the standard logger and traces on
// TraceLog: neither log.Printf is reported.
func (s *Store) Acquire() {
	TraceLog.Printf("[Acquire(%s)]: begin", s.id)
	if err := s.lease(); err != nil {
		log.Printf("%s: cannot acquire lease, retrying: %s", s.id, err)
		return
	}
	log.Printf("%s: primary lease acquired", s.id)
}
