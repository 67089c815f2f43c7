// Package ownimpl implements the logger it logs with: a package-level
// DefaultLogger of an interface type, and the type that implements it by
// writing through the standard log package. The implementation's prints
// are the logger's sink, and the function that reads its level is called
// only to configure it; the package's other prints bypass it.
package ownimpl

import (
	"fmt"
	"log"
	"os"
	"strings"
)

// Logger is the package's logging interface.
type Logger interface {
	Debugf(format string, args ...any)
	Infof(format string, args ...any)
	Errorf(format string, args ...any)
	SetLogLevel(level int)
}

// DefaultLogger is the package's own logger.
var DefaultLogger Logger

type defaultLogger struct {
	level  int
	prefix string
}

func (l *defaultLogger) SetLogLevel(level int) { l.level = level }

func (l *defaultLogger) Debugf(format string, args ...any) {
	if l.level >= 2 {
		l.logMessage(format, args...)
	}
}

func (l *defaultLogger) Infof(format string, args ...any) {
	if l.level >= 1 {
		l.logMessage(format, args...)
	}
}

func (l *defaultLogger) Errorf(format string, args ...any) {
	l.logMessage(format, args...)
}

// logMessage is the logger's sink: not reported.
func (l *defaultLogger) logMessage(format string, args ...any) {
	log.Printf(l.prefix+format, args...)
}

func init() {
	DefaultLogger = &defaultLogger{}
	DefaultLogger.SetLogLevel(readLevel(os.Getenv("APP_LOG_LEVEL")))
}

// readLevel is called only to configure DefaultLogger, which cannot carry
// its warning yet: not reported.
func readLevel(s string) int {
	switch strings.ToLower(s) {
	case "":
		return 0
	case "info":
		return 1
	case "debug":
		return 2
	}
	fmt.Fprintln(os.Stderr, "invalid log level", s)
	return 0
}

// parseMode is called to configure the logger and from Dial: the logger is
// ready on the second path.
func parseMode(s string) int {
	if s == "" {
		fmt.Fprintln(os.Stderr, "empty mode") // want `fmt.Fprintln used as logging in a package that logs with DefaultLogger: use DefaultLogger.Infof instead`
	}
	return len(s)
}

// SetMode configures the logger.
func SetMode(s string) { DefaultLogger.SetLogLevel(parseMode(s)) }

// Dial prints beside the logger it has: reported.
func Dial(addr string) error {
	if parseMode(addr) == 0 {
		log.Printf("dialing %s", addr) // want `log.Printf used as logging in a package that logs with DefaultLogger: use DefaultLogger.Infof instead`
	}
	return nil
}

// fileLogger is not a Logger (no SetLogLevel): its prints are a print
// beside the package's logger.
type fileLogger struct{}

func (fileLogger) Infof(format string, args ...any) {
	log.Printf(format, args...) // want `log.Printf used as logging in a package that logs with DefaultLogger: use DefaultLogger.Infof instead`
}
