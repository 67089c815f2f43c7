// Package pluglog is an API client whose users plug in their own logger,
// an interface of the package: a print beside it bypasses their choice of
// where the line goes.
package pluglog

import (
	"fmt"
	"log"
)

// Logger is what a user plugs in.
type Logger interface {
	Printf(format string, v ...any)
}

// LeveledLogger is a logger with levels.
type LeveledLogger interface {
	Debugf(format string, v ...any)
	Errorf(format string, v ...any)
}

// API is the client.
type API struct {
	logger  Logger
	leveled LeveledLogger
}

// New builds a client that logs to l.
func New(l Logger, ll LeveledLogger) *API { return &API{logger: l, leveled: ll} }

// Create prints a failure to stdout instead of the user's logger.
func (api *API) Create(id string) error {
	err := fmt.Errorf("create %s: refused", id)
	if err != nil {
		fmt.Printf("err:%+v\n", err) // want `fmt.Printf used as logging .*: use api.logger.Printf instead`
	}
	return err
}

// Delete logs through the user's logger.
func (api *API) Delete(id string) {
	api.logger.Printf("deleted %s", id)
}

// Printer has Printf but is named for no logger: a writer of reports.
type Printer interface {
	Printf(format string, v ...any)
}

// Report's receiver holds a Printer, not a logger.
type Report struct{ out Printer }

// Write prints the report's summary line.
func (r *Report) Write(n int) {
	r.out.Printf("%d rows", n)
	fmt.Println("written") // a library's print with no logger at hand
}

// EventLogger is named for logging but records events, with no
// printf-like method.
type EventLogger interface {
	Record(event string)
}

// Tracker holds an EventLogger.
type Tracker struct{ events EventLogger }

// Track records an event and prints a line.
func (t *Tracker) Track(e string) {
	t.events.Record(e)
	log.Print(e)
}

// Leveled uses the level's own method.
type Leveled struct{ log LeveledLogger }

// NewLeveled builds a Leveled.
func NewLeveled(l LeveledLogger) *Leveled { return &Leveled{log: l} }

// Fail prints an error beside a leveled logger.
func (l *Leveled) Fail(err error) {
	log.Printf("failed: %v", err) // want `log.Printf used as logging .*: use l.log.Errorf instead`
}

// Stop prints an error's text beside the leveled logger: an error line.
func (l *Leveled) Stop(err error) {
	if err != nil {
		fmt.Print(err.Error()) // want `fmt.Print used as logging .*: use l.log.Errorf instead`
	}
}
