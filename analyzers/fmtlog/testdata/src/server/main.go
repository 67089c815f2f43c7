// Command server runs an HTTP server. Its prints are reported only where
// a logger is at hand: with none, the standard streams and the standard
// logger are the program's only log, and nothing is lost.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

// A handler in a server with no logger anywhere: its print is the
// program's log line, not one that bypasses a logger.
func handler(w http.ResponseWriter, r *http.Request) {
	fmt.Printf("request for %s\n", r.URL.Path)
	fmt.Fprintln(w, "ok")
}

// api holds the *log.Logger the program configures for it.
type api struct {
	log *log.Logger
}

// A print beside the handler's own logger bypasses it.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fmt.Printf("request for %s\n", r.URL.Path) // want `fmt.Printf used as logging in a server program: use a.log instead`
	a.log.Printf("served %s", r.URL.Path)
	fmt.Fprintln(w, "ok")
}

// logf is a home-made logger of a type that holds a logger: its print
// bypasses the logger beside it.
func (a *api) handle(path string) {
	logf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, format+"\n", args...) // want `fmt.Fprintf used as logging in a server program: use a.log instead`
	}
	logf("handling %s", path)
}

// A start-up notice in a server main with no logger at hand.
func main() {
	addr := os.Getenv("ADDR")
	http.HandleFunc("/", handler)
	http.Handle("/api", &api{log: log.New(os.Stderr, "api ", log.LstdFlags)})
	fmt.Println("listening on", addr)
	if err := http.ListenAndServe(addr, nil); err != nil {
		log.Fatalf("serve failed: %v", err) // an exit with a message: reported only beside a structured logger
	}
	log.Fatal(http.ListenAndServe(addr, nil)) // net/http's idiom
}
