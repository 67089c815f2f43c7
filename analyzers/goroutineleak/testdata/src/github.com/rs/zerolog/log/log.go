// Package log is a stub of github.com/rs/zerolog/log, the global logger.
package log

import (
	"context"

	"github.com/rs/zerolog"
)

var Logger zerolog.Logger

func Fatal() *zerolog.Event { return Logger.Fatal() }

func Panic() *zerolog.Event { return Logger.Panic() }

func WithLevel(level zerolog.Level) *zerolog.Event { return Logger.WithLevel(level) }

func Ctx(ctx context.Context) *zerolog.Logger { return zerolog.Ctx(ctx) }
