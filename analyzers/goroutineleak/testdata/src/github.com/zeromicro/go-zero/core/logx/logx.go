// Package logx is a stub of go-zero's core/logx.
package logx

import "context"

type Logger interface {
	Infof(format string, v ...any)
	Errorf(format string, v ...any)
}

type nopLogger struct{}

func (nopLogger) Infof(string, ...any)  {}
func (nopLogger) Errorf(string, ...any) {}

func WithContext(ctx context.Context) Logger { return nopLogger{} }

func Infof(format string, v ...any) {}

func Errorf(format string, v ...any) {}
