package traps

import "log/slog"

// logger is the package's own logger: its prints to stderr bypass it
// (fmtlog).
var logger = slog.Default()

// Warn logs through the package's logger.
func Warn(msg string) { logger.Warn(msg) }
