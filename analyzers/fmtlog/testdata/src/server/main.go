// Command server runs an HTTP server: its prints are logs.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func handler(w http.ResponseWriter, r *http.Request) {
	fmt.Printf("request for %s\n", r.URL.Path) // want `fmt.Printf used as logging in a server program: use slog.InfoContext instead`
	fmt.Fprintln(w, "ok")
}

func main() {
	addr := os.Getenv("ADDR")
	http.HandleFunc("/", handler)
	fmt.Println("listening on", addr) // want `fmt.Println used as logging in a server program: use slog.Info instead`
	if err := http.ListenAndServe(addr, nil); err != nil {
		log.Fatalf("serve failed: %v", err) // an exit with a message: reported only beside a structured logger
	}
	log.Fatal(http.ListenAndServe(addr, nil)) // net/http's idiom
}
