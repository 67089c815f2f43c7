package sqlapp

import (
	"database/sql"
	"errors"
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
