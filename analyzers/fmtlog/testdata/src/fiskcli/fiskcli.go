// Package fiskcli is the commands of a command-line program built on a
// kingpin fork: its own logger is its diagnostics, and what its commands
// print is their result.
package fiskcli

import (
	"fmt"
	glog "log"

	"github.com/choria-io/fisk"
)

type Logger interface{ Printf(format string, a ...any) }

type goLogger struct{}

func (goLogger) Printf(f string, a ...any) { glog.Printf(f, a...) }

var log Logger = goLogger{}

type lsCmd struct{ all bool }

// Configure installs the ls command.
func Configure(app *fisk.Application) {
	c := &lsCmd{}
	app.Command("ls", "list streams").Action(c.lsAction)
}

// lsAction lists the streams: its result, for the person who ran it.
func (c *lsCmd) lsAction(_ *fisk.ParseContext) error {
	names := []string{"ORDERS", "EVENTS"}
	if len(names) == 0 {
		fmt.Println("No Streams defined")
		return nil
	}
	log.Printf("found %d streams", len(names))
	for _, n := range names {
		fmt.Println(n)
	}
	return nil
}
