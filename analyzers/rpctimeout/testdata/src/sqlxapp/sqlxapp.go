// Package sqlxapp stores releases through sqlx: a transaction begun with
// Beginx is one defect with its Begin, reported there, with the handle's
// other calls.
package sqlxapp

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

type Store struct{ db *sqlx.DB }

func (s *Store) Create(key, body string) error {
	tx, err := s.db.Beginx() // want `s.db.Beginx has no context, so a slow database blocks this goroutine forever; use BeginTxx with a deadline \(and 1 more call on db\)`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO r VALUES ($1, $2)`, key, body); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *Store) Update(key, body string) error {
	_, err := s.db.Exec(`UPDATE r SET body = $2 WHERE key = $1`, key, body)
	return err
}

// Delete's transaction is bounded by BeginTxx's deadline: its statements
// end when the context does.
func (s *Store) Delete(key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM r WHERE key = $1`, key); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
