package early

import (
	"context"
	"encoding/xml"
	"errors"
	"os"

	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

// Only a path that sends a fatal event skips the receive from aErr: the
// process exits there. The path where a stops cleanly ends the literal
// without receiving from bErr.
func serveBoth() {
	go func() {
		aErr := make(chan error)
		bErr := make(chan error)
		go func() { aErr <- work() }()
		go func() {
			bErr <- work() // want `blocks forever sending on unbuffered bErr when the function literal returns before receiving from it`
		}()
		select {
		case err := <-aErr:
			if !errors.Is(err, os.ErrClosed) {
				log.Fatal().Err(err).Msg("serve a")
			}
		case err := <-bErr:
			log.Fatal().Err(err).Msg("serve b")
		}
	}()
}

// Each case receives from its own channel and ends the process: the
// other send is never waited for, and it does not need to be.
func serveFatal() {
	aErr := make(chan error)
	bErr := make(chan error)
	go func() { aErr <- work() }()
	go func() { bErr <- work() }()
	select {
	case err := <-aErr:
		log.Fatal().Err(err).Msg("serve a")
	case err := <-bErr:
		log.Fatal().Err(err).Send()
	}
}

// The early path sends a fatal event: the process exits there, and the
// return after it, which the compiler asks for, is never reached.
func fatalEvent() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		log.Fatal().Err(err).Msg("open")
		return err
	}
	return <-ch
}

// The fatal builder sits in the middle of the chain, after the logger is
// looked up, and its event panics when sent: the else branch ends the
// function only through the panic.
func ctxLoggerPanic(ctx context.Context) { // want ctxLoggerPanic:"works with ctx"
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err == nil {
		<-ch
	} else {
		log.Ctx(ctx).Panic().Str("step", "open").Msg("failed")
	}
}

// entry and appLogger are the program's own logger: Fatal builds an entry
// that exits when it is written, under a condition no fact can follow.
type entry struct{ fatal bool }

func (e *entry) With(k, v string) *entry { return e }

func (e *entry) Write(msg string) {
	if e.fatal {
		os.Exit(1)
	}
}

type appLogger struct{}

func (l *appLogger) Fatal() *entry { return &entry{fatal: true} }

// A fatal builder of the program's own: it is matched by its name, not
// by its package.
func ownLogger(lg *appLogger, mode int) {
	ch := make(chan error)
	go func() { ch <- work() }()
	switch mode {
	case 0:
		<-ch
	default:
		lg.Fatal().With("mode", "unknown").Write("failed")
	}
}

// An event at the fatal level built by WithLevel does not exit when sent:
// only the Fatal builder's does.
func withFatalLevel() error {
	ch := make(chan error)
	go func() {
		ch <- work() // want `blocks forever sending on unbuffered ch when withFatalLevel returns before receiving from it`
	}()
	if _, err := open(); err != nil {
		log.WithLevel(zerolog.FatalLevel).Err(err).Msg("open")
		return err
	}
	return <-ch
}

// A fatal event built but never sent ends nothing.
func builtNotSent() error {
	ch := make(chan error)
	go func() {
		ch <- work() // want `blocks forever sending on unbuffered ch when builtNotSent returns before receiving from it`
	}()
	if _, err := open(); err != nil {
		ev := log.Fatal()
		ev.Err(err)
		return err
	}
	return <-ch
}

type fatalLogger interface {
	Fatalf(format string, args ...any)
}

// The early path calls a logger interface's Fatalf, which exits in an
// implementation no fact can follow: the return after it is never
// reached.
func interfaceFatal(lg fatalLogger) error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		lg.Fatalf("open: %v", err)
		return err
	}
	return <-ch
}

// Skip here skips an XML element and returns an error: its name ends
// nothing.
func skipElement(dec *xml.Decoder) error {
	ch := make(chan error)
	go func() {
		ch <- work() // want `blocks forever sending on unbuffered ch when skipElement returns before receiving from it`
	}()
	if _, err := open(); err != nil {
		dec.Skip()
		return err
	}
	return <-ch
}
