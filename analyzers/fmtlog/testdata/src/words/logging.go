package words

import "log/slog"

// Loaded logs with slog: the package's prints bypass it.
func Loaded() {
	slog.Info("words loaded")
}
