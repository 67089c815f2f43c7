// Package sqlhelper opens SQLite or Postgres by configuration: it imports
// both drivers, so its statements may cross the network. Reported.
package sqlhelper

import (
	"database/sql"

	_ "github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"
)

func withTransaction(db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.Begin() // want `db.Begin has no context`
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
