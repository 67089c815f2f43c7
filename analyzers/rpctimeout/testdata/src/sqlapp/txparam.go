package sqlapp

import (
	"context"
	"database/sql"
	"time"
)

// The statements of migration steps kept in a package variable run on the
// transaction Migrate begins: one defect, reported at the Begin.
var migrations = []func(tx *sql.Tx) error{
	func(tx *sql.Tx) error {
		_, err := tx.Exec(`CREATE TABLE a (id int)`)
		return err
	},
	func(tx *sql.Tx) error {
		_, err := tx.Exec(`ALTER TABLE a ADD COLUMN b int`)
		return err
	},
}

func migrate(db *sql.DB) error {
	for v := range migrations {
		tx, err := db.Begin() // want `db.Begin has no context`
		if err != nil {
			return err
		}
		if err := migrations[v](tx); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

var steps = map[string]func(*sql.Tx, int) error{
	"bump": func(tx *sql.Tx, n int) error {
		_, err := tx.Exec(`UPDATE counters SET n = n + ?`, n)
		return err
	},
}

func runSteps(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, step := range steps {
		if err := step(tx, 1); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// A helper given a transaction that BeginTx bounded with a deadline:
// rolled back at the deadline, its statement is bounded too.
func insertRow(tx *sql.Tx, name string) error {
	_, err := tx.Exec(`INSERT INTO t (name) VALUES (?)`, name)
	return err
}

func save(ctx context.Context, db *sql.DB, name string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := insertRow(tx, name); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// An exported helper's callers are not all in sight: reported.
func DeleteRow(tx *sql.Tx, name string) error {
	_, err := tx.Exec(`DELETE FROM t WHERE name = ?`, name) // want `tx.Exec has no context`
	return err
}

// An unexported helper one of whose callers passes a transaction of
// unknown origin (a parameter of an exported function): reported.
func touchRow(tx *sql.Tx) error {
	_, err := tx.Exec(`UPDATE t SET at = now()`) // want `tx.Exec has no context`
	return err
}

func Touch(tx *sql.Tx) error { return touchRow(tx) }

// A pool handle carries no context: its statements are reported
// whoever calls.
func count(db *sql.DB) int {
	var n int
	db.QueryRow(`SELECT count(*) FROM t`).Scan(&n) // want `db.QueryRow has no context`
	return n
}

func useCount(db *sql.DB) int { return count(db) }

// An unexported method given the transaction its caller begins: one
// defect with the Begin.
type entryStore struct{ db *sql.DB }

func (s *entryStore) createEntry(tx *sql.Tx, title string) error {
	_, err := tx.Exec(`INSERT INTO entries (title) VALUES (?)`, title)
	return err
}

func (s *entryStore) addEntry(title string) error {
	tx, err := s.db.Begin() // want `s.db.Begin has no context`
	if err != nil {
		return err
	}
	if err := s.createEntry(tx, title); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// A method an interface of the package names may be called through it,
// with any transaction: reported.
type remover interface {
	removeEntry(tx *sql.Tx, id int) error
}

func (s *entryStore) removeEntry(tx *sql.Tx, id int) error {
	_, err := tx.Exec(`DELETE FROM entries WHERE id = ?`, id) // want `tx.Exec has no context`
	return err
}

var _ remover = (*entryStore)(nil)
