// Package nilzap logs with zap through a logger its configuration may
// leave nil, and builds a logger of its own when it does.
package nilzap

import (
	"log"

	"go.uber.org/zap"
)

type Config struct {
	lg *zap.Logger
}

type raftLogger interface{ Info(msg string) }

type zapRaft struct{ lg *zap.Logger }

func (z zapRaft) Info(msg string) { z.lg.Info(msg) }

func newDefaultLogger() (raftLogger, error) { return nil, nil }

// setup falls back to a default logger when the configuration has none;
// when that fails too there is no logger to log with, and log.Fatalf is
// the exit (cfg.lg is nil there).
func setup(cfg Config) raftLogger {
	var lg raftLogger
	if cfg.lg != nil {
		lg = zapRaft{cfg.lg}
	} else {
		var err error
		lg, err = newDefaultLogger()
		if err != nil {
			log.Fatalf("cannot create raft logger %v", err)
		}
	}
	return lg
}

// check has cfg.lg at hand where it tests it is set.
func check(cfg Config, err error) {
	if cfg.lg != nil {
		if err != nil {
			log.Fatalf("bad configuration: %v", err) // want `log.Fatalf used as logging in a package that logs with zap: use cfg.lg.Fatal instead`
		}
	}
}

// fallback prints where the configuration brought no logger.
func fallback(cfg Config, err error) {
	if cfg.lg == nil {
		log.Fatalf("no logger, and: %v", err)
	}
	cfg.lg.Info("ok")
}
