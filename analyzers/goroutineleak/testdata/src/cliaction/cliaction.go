// Package cliaction starts goroutines from command-line actions, which the
// framework runs once, for the command the process was started with.
package cliaction

import (
	"net/http"
	"time"

	"github.com/urfave/cli/v2"
)

type syncer struct{}

func (s *syncer) flush() {}

// newSyncer is called only by serve, a command's action: its ticker lives
// as long as the process. Not reported.
func newSyncer() *syncer {
	s := &syncer{}
	go func() {
		t := time.NewTicker(5 * time.Second)
		for {
			<-t.C
			s.flush()
		}
	}()
	return s
}

func serve(c *cli.Context) error {
	s := newSyncer()
	defer s.flush()
	return http.ListenAndServe(":4195", nil)
}

func Command() *cli.Command { return &cli.Command{Name: "server", Action: serve} }

// A goroutine started by an action literal itself. Not reported.
func Watch() *cli.Command {
	return &cli.Command{Name: "watch", Action: func(c *cli.Context) error {
		go func() {
			for {
				time.Sleep(time.Second)
			}
		}()
		return http.ListenAndServe(":4196", nil)
	}}
}

// The same constructor reached from a request handler the action installs
// runs per request: reported. (A callback of another kind counts as its
// function's: a command factory run once per invocation, say.)
func newPoller() {
	go func() {
		for { // want `the goroutine started in newPoller runs a for loop with no way out, so it can never stop`
			time.Sleep(time.Second)
		}
	}()
}

func servePolling(c *cli.Context) error {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { newPoller() })
	return http.ListenAndServe(":4197", nil)
}

func PollCommand() *cli.Command { return &cli.Command{Name: "poll", Action: servePolling} }

var spins int

// An action that starts one goroutine per item in a loop, each spinning.
// Reported.
func Fanout() *cli.Command {
	return &cli.Command{Name: "fanout", Action: func(c *cli.Context) error {
		for i := 0; i < 3; i++ {
			go func() {
				for { // want `the goroutine started in the function literal runs a for loop with no way out, so it can never stop`
					spins++
				}
			}()
		}
		return nil
	}}
}

// A command factory literal, run once for the command the process was
// started with, counts as its function's. Not reported.
func shutdownCh() <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
	return ch
}

func commandsFor() map[string]func() *cli.Command {
	return map[string]func() *cli.Command{
		"query": func() *cli.Command { _ = shutdownCh(); return &cli.Command{Name: "query"} },
	}
}

func init() { _ = commandsFor() }
