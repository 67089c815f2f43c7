package stopsignal

import (
	"context"
	"log"
	"time"

	zlog "github.com/rs/zerolog/log"
)

// The close is deferred before the launch: every return closes stop.
func deferredFirst() error {
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		<-stop
		log.Print("stopped")
	}()
	return load()
}

// A deferred literal after the launch closes stop on every return after
// it; the launch is the first statement it can be skipped from.
func deferredLit() error {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	defer func() {
		close(stop)
	}()
	return load()
}

// Every path closes stop before it returns.
func closedOnEveryPath() error {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	if err := load(); err != nil {
		close(stop)
		return err
	}
	close(stop)
	return nil
}

// The goroutine also ends on its context: the caller's cancel stops it.
func withContext(ctx context.Context) error {
	stop := make(chan struct{})
	go func() {
		select {
		case <-stop:
		case <-ctx.Done():
		}
	}()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

// The goroutine gives up on a timer of its own.
func withTimeout() error {
	stop := make(chan struct{})
	go func() {
		select {
		case <-stop:
		case <-time.After(time.Second):
		}
	}()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

type service struct{ stop chan struct{} }

// The channel is kept in a field: Close closes it later.
func (s *service) start() error {
	stop := make(chan struct{})
	s.stop = stop
	go func() {
		<-stop
	}()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

// The close is handed to the caller as a function.
func startCancelable() (func(), error) {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	if err := load(); err != nil {
		return nil, err
	}
	return func() { close(stop) }, nil
}

// Started in a loop: one channel, several goroutines.
func inLoop(n int) error {
	stop := make(chan struct{})
	for range n {
		go func() {
			<-stop
		}()
	}
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

// Nothing ever closes stop: the goroutine is meant to live on (or is the
// endless rule's), not stranded by one path.
func neverClosed() {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	refresh()
}

// The path that skips the close ends the process.
func fatalPath() {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	if err := load(); err != nil {
		log.Fatal(err)
	}
	close(stop)
}

// The goroutine closes the channel itself: a done signal for the
// function, not a stop signal from it.
func closedByGoroutine() error {
	done := make(chan struct{})
	go func() {
		defer close(done)
		refresh()
	}()
	if err := load(); err != nil {
		return err
	}
	<-done
	return nil
}

// Two goroutines wait for the same channel: beyond this rule.
func shared() error {
	stop := make(chan struct{})
	go func() { <-stop }()
	go func() { <-stop }()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

// A ranging consumer: a send is a value for it, not a signal, and the
// producer that never closes leaves it ranging on every path alike.
func neverClosesRange(items []string) error {
	ch := make(chan string, 1)
	go func() {
		for it := range ch {
			log.Print(it)
		}
	}()
	for _, it := range items {
		if it == "" {
			return nil
		}
		ch <- it
	}
	return nil
}

// poll returns after a number of rounds, stop or not.
func poll(stop <-chan struct{}) {
	for i := 0; i < 3; i++ {
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
	}
}

// go poll(stop): poll has a way out without stop, so no fact.
func polling() error {
	stop := make(chan struct{})
	go poll(stop)
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

// The stop channel comes from a call: its owner may close it.
func fromCall(mk func() chan struct{}) error {
	stop := mk()
	go func() { <-stop }()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

func handOver(ch chan struct{}) { close(ch) }

// The goroutine hands the channel on, in parentheses: it does more than
// receive, and may end by its own close.
func parenHandedOn() error {
	stop := make(chan struct{})
	go func() {
		handOver((stop))
		<-stop
	}()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

// The path that skips the close sends a fatal event, which exits the
// process: the return after it is never reached.
func fatalEventPath() {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	if err := load(); err != nil {
		zlog.Fatal().Err(err).Msg("load")
		return
	}
	close(stop)
}
