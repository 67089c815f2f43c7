// Package logrus is a stub of github.com/sirupsen/logrus with the
// signatures fmtlog's fixtures use.
package logrus

type Entry struct{}

func WithField(key string, value any) *Entry      { return nil }
func Infof(format string, args ...any)            {}
func (e *Entry) Warnf(format string, args ...any) {}
