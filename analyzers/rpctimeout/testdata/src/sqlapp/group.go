package sqlapp

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

var userDB *sql.DB

// The package never gives userDB a context: one finding, at the first
// call, with the others as related positions.
func saveUser(name string) error {
	_, err := userDB.Exec("INSERT INTO users VALUES (?)", name) // want `userDB.Exec has no context, so a slow database blocks this goroutine forever; use ExecContext with a deadline \(and 2 more calls on userDB\)`
	return err
}

func deleteUser(name string) error {
	_, err := userDB.Exec("DELETE FROM users WHERE name = ?", name)
	return err
}

func countUsers() (n int, err error) {
	err = userDB.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// Each transaction is a handle of its own.
func rename(tx *sql.Tx, from, to string) error {
	if from == "" {
		return errors.New("empty name")
	}
	_, err := tx.Exec("UPDATE users SET name = ? WHERE name = ?", to, from) // want `tx.Exec has no context, so a slow database blocks this goroutine forever; use ExecContext with a deadline$`
	return err
}

// The transaction's statements end with BeginTx's context: database/sql
// rolls the transaction back when it is done.
func renameAll(ctx context.Context, db *sql.DB, names []string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, n := range names {
		if _, err := tx.Exec("UPDATE users SET seen = 1 WHERE name = ?", n); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// A transaction begun without a deadline is one defect, reported at
// BeginTx, not again at each statement.
func purge(db *sql.DB) error {
	tx, err := db.BeginTx(context.Background(), nil) // want `db.BeginTx is called with context.Background\(\), which has no deadline`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err = tx.Exec("DELETE FROM users"); err != nil {
		return err
	}
	return tx.Commit()
}

// stmtStore keeps its prepared statements in a map: every call on an element
// of stmts is the one habit, one finding.
type stmtStore struct {
	stmts map[string]*sql.Stmt
}

func (s *stmtStore) add(name string) error {
	_, err := s.stmts["add"].Exec(name) // want `s.stmts\["add"\].Exec has no context, so a slow database blocks this goroutine forever; use ExecContext with a deadline \(and 1 more call on stmts\)`
	return err
}

func (s *stmtStore) remove(name string) error {
	_, err := s.stmts["remove"].Exec(name)
	return err
}
