package sqlapp

import (
	"database/sql"
)

// openLocal opens an embedded SQLite file: the engine runs in this
// process, with no server to stall. Not reported.
func openLocal(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec("PRAGMA journal_mode=WAL"); err != nil {
		return nil, err
	}
	return db, nil
}

// localStore keeps its embedded database in a field set only from
// sql.Open("sqlite3", ...): its calls are not reported.
type localStore struct {
	db *sql.DB
}

func newLocalStore(path string) (*localStore, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	return &localStore{db: db}, nil
}

// purge runs a transaction the embedded database began: not reported.
func (s *localStore) purge() error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM t"); err != nil {
		return err
	}
	return tx.Commit()
}

// openServer opens a networked database: its calls are reported.
func openServer(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec("SET TIME ZONE 'UTC'"); err != nil { // want `db.Exec has no context, so a slow database blocks this goroutine forever; use ExecContext with a deadline$`
		return nil, err
	}
	return db, nil
}

// openNamed takes the driver from its caller: not known to be embedded.
func openNamed(driver, dsn string) error {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	return db.Ping() // want `db.Ping has no context, so a slow database blocks this goroutine forever; use PingContext with a deadline$`
}
