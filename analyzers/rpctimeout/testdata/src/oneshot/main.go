// Command oneshot is an operator's maintenance command: its requests run
// once, in front of whoever started it. Not reported.
package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"os/signal"
)

func open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	return db, db.Ping()
}

func main() {
	db, err := open(os.Args[1])
	if err != nil {
		os.Exit(1)
	}
	resp, err := http.Get(os.Args[2])
	if err == nil {
		resp.Body.Close()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	_ = fetch(ctx, os.Args[2])
	for _, q := range os.Args[3:] {
		db.Exec(q) // want `db.Exec has no context`
	}
}

// A function given a context it does not pass on: reported (signal
// handling swallowed Ctrl-C, and the context would end it).
func fetch(ctx context.Context, url string) error {
	resp, err := http.Get(url) // want `http.Get uses http.DefaultClient, which has no timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
