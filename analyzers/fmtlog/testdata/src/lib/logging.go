package lib

import (
	"io"
	"log"
	"log/slog"
)

// Logger is the package's own logger, which programs replace: it counts
// wherever the package prints, so the package's prints bypass it and the
// logger it calls, slog. (Package nologger holds the same prints with no
// logger at hand; package weakslog holds them beside calls of slog alone,
// where only code that serves requests is reported.)
var Logger = log.New(io.Discard, "lib: ", log.LstdFlags)

// Ready logs with slog and with the package's own logger.
func Ready() {
	slog.Info("lib ready")
	Logger.Print("ready")
}
