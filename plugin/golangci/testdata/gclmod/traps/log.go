package traps

import "log/slog"

// Warn logs through the program's slog handler: the package logs with
// slog, so its prints to stderr bypass the logger (fmtlog).
func Warn(msg string) { slog.Warn(msg) }
