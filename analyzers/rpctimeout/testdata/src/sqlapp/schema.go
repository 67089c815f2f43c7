package sqlapp

import (
	"context"
	"database/sql"
	"fmt"
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

// A statement cache built at start-up: prepared once into fields before
// the program serves. Not reported.
type accountStatements struct {
	insert *sql.Stmt
	list   *sql.Stmt
}

func prepareAccounts(db *sql.DB) (*accountStatements, error) {
	s := &accountStatements{}
	var err error
	if s.insert, err = db.Prepare(`INSERT INTO accounts (id) VALUES (?)`); err != nil {
		return nil, err
	}
	if s.list, err = db.Prepare(`SELECT id FROM accounts`); err != nil {
		return nil, err
	}
	return s, nil
}

type namedStatement struct {
	stmt **sql.Stmt
	text string
}

func prepareAll(db *sql.DB, list []namedStatement) (err error) {
	for _, st := range list {
		if *st.stmt, err = db.Prepare(st.text); err != nil {
			return err
		}
	}
	return nil
}

// A statement prepared into a local for one call: reported.
func countAccounts(db *sql.DB) (n int, err error) {
	st, err := db.Prepare(`SELECT count(*) FROM accounts`) // want `db.Prepare has no context`
	if err != nil {
		return 0, err
	}
	defer st.Close()
	err = st.QueryRow().Scan(&n) // want `st.QueryRow has no context`
	return n, err
}

// A bucket's table, its DDL built from a constant template and run with
// ExecContext and context.Background(): start-up or bucket-creation
// schema work, as Exec would be. Not reported.
func createBucketTable(db *sql.DB, bucket string) error {
	if _, err := db.ExecContext(context.Background(), fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (k TEXT)", bucket)); err != nil {
		return err
	}
	_, err := db.Exec("DROP TABLE IF EXISTS " + bucket + "_old")
	return err
}

// Data built the same way is no schema work: reported.
func insertBucket(db *sql.DB, bucket string) error {
	_, err := db.ExecContext(context.Background(), fmt.Sprintf("INSERT INTO %s (k) VALUES ('x')", bucket)) // want `db.ExecContext is called with context.Background\(\)`
	return err
}
