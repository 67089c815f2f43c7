package sqlapp

import (
	"context"
	"database/sql"
)

// Start-up schema work: a table's DDL run once before the program
// serves, with no context to bound it. A deadline would cut a long index
// build short. Not reported.
func createTables(db *sql.DB) error {
	if _, err := db.Exec(`
		-- the accounts table
		CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	_, err := db.Exec(`/* v2 */ ALTER TABLE accounts ADD COLUMN name TEXT`)
	return err
}

// Data in the same function is not schema work: reported.
func seedAccounts(db *sql.DB) error {
	_, err := db.Exec(`INSERT INTO accounts (id) VALUES ('root')`) // want `db.Exec has no context`
	return err
}

// DDL where a context is at hand: pass it on. Reported.
func dropTemp(ctx context.Context, db *sql.DB) error {
	_, err := db.Exec(`DROP TABLE IF EXISTS tmp_import`) // want `db.Exec has no context`
	return err
}
