// Package logx is a stub of go-zero's logx with the signatures fmtlog uses.
package logx

import "context"

type LogField struct {
	Key   string
	Value any
}

func Field(key string, value any) LogField { return LogField{key, value} }

func Infow(msg string, fields ...LogField)  {}
func Errorw(msg string, fields ...LogField) {}
func Infof(format string, v ...any)         {}

type Logger interface {
	Infow(string, ...LogField)
	Errorw(string, ...LogField)
}

func WithContext(ctx context.Context) Logger { return nil }
