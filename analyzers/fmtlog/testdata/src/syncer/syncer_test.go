package syncer

import (
	"log"
	"log/slog"
	"net/http"
	"os"
	"testing"
)

var testLog = log.New(os.Stderr, "test: ", 0)

func TestSync(t *testing.T) {
	slog.Info("starting")
	testLog.Printf("starting")
	go http.ListenAndServe("localhost:0", nil)
	Sync(1)
}
