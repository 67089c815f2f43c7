// Package postgres is the same backend for a database across the network:
// reported.
package postgres

import "database/sql"

type events struct{ db *sql.DB }

func (s *events) Count() (n int, err error) {
	err = s.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n) // want `s.db.QueryRow has no context`
	return
}
