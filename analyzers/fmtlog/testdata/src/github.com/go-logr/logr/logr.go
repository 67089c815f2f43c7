// Package logr is a stand-in for github.com/go-logr/logr.
package logr

type Logger struct{}

func (Logger) Info(msg string, kv ...any)             {}
func (Logger) Error(err error, msg string, kv ...any) {}
