// Package postgres is the same backend for a database across the network:
// reported.
package postgres

import (
	"context"
	"database/sql"

	"sqlhelper"
)

type events struct{ db *sql.DB }

func (s *events) Count() (n int, err error) {
	err = s.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n) // want `s.db.QueryRow has no context`
	return
}

// The same migrator on a network database: reported.
func migrate(db *sql.DB) error {
	return sqlhelper.Migrate(context.Background(), db) // want `Migrate passes context.Background\(\), which has no deadline, on to db.ExecContext`
}
