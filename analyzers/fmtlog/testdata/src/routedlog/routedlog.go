// Package routedlog holds a logger named for nothing but logging, which
// users route with SetLogger: a print beside it escapes their routing,
// even while the logger discards by default.
package routedlog

import (
	"io"
	"log"
)

// Logger is the package's logger; SetLogger routes it.
var Logger = log.New(io.Discard, "[routedlog] ", 0)

// SetLogger routes the package's lines.
func SetLogger(l *log.Logger) { Logger = l }

func Sync(n int) {
	Logger.Printf("sync %d", n)
	log.Printf("synced %d", n) // want `log.Printf used as logging in a package that logs with Logger: use Logger.Printf instead`
}
