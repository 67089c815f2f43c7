package lib

import "log/slog"

// Ready logs with slog: the package's other prints bypass the logger it
// uses (package nologger holds the same prints with no logger at hand).
func Ready() {
	slog.Info("lib ready")
}
