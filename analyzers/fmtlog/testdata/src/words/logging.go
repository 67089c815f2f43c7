// Command words serves HTTP and logs with slog: in a server program every
// print beside the logger it calls bypasses it.
package main

import (
	"log/slog"
	"net/http"
)

func main() {
	slog.Info("words loaded")
	_ = http.ListenAndServe(":8080", nil)
}
