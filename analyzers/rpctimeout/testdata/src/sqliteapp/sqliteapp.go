// Package sqliteapp opens an embedded SQLite itself: its statements are
// local. Not reported.
package sqliteapp

import (
	"database/sql"

	_ "github.com/mattn/go-sqlite3"
)

func open(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	_, err = db.Exec(`PRAGMA journal_mode=WAL`)
	return db, err
}

func count(db *sql.DB) (n int) {
	db.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	return
}
