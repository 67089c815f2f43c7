// Package log is a stub of github.com/rs/zerolog/log.
package log

type Event struct{}

func (e *Event) Msg(string) {}

func Info() *Event { return nil }
