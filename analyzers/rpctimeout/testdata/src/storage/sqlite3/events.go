// Package sqlite3 is a storage backend for SQLite: its handle is opened
// with an embedded driver elsewhere, so its statements make no network
// round trip. Not reported.
package sqlite3

import (
	"context"
	"database/sql"
	"net/http"

	"sqlhelper"
)

type events struct{ db *sql.DB }

func NewEventsTable(db *sql.DB) (*events, error) {
	_, err := db.Exec(`CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY)`)
	return &events{db: db}, err
}

func (s *events) Count() (n int, err error) {
	err = s.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n)
	return
}

// A network call in the same package is still one.
func fetch(url string) error {
	resp, err := http.Get(url) // want `http.Get uses http.DefaultClient, which has no timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The shared migrator runs on this package's SQLite handle: not reported.
func migrate(db *sql.DB) error { return sqlhelper.Migrate(context.Background(), db) }
