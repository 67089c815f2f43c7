// Package sqlhelper opens SQLite or Postgres by configuration: it imports
// both drivers, so its statements may cross the network. Reported.
package sqlhelper

import (
	"context"
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

// Migrate runs the migrations on the caller's handle, bounded only by ctx.
func Migrate(ctx context.Context, db *sql.DB) error { // want Migrate:"ctxSink\\(0:db.ExecContext\\)"
	_, err := db.ExecContext(ctx, `INSERT INTO db_migrations VALUES (1)`)
	return err
}
