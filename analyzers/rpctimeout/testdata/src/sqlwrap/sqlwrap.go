// Package sqlwrap is a database library with two forms of its API, like
// database/sql: each method without a context has a twin with one, or
// mirrors the database/sql method it wraps. The context-less forms run
// without a deadline on purpose; their callers chose them.
package sqlwrap

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

// Queryx is the short form of QueryxContext.
func (db *DB) Queryx(q string, args ...any) (*sql.Rows, error) {
	return db.DB.Query(q, args...)
}

func (db *DB) QueryxContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) { // want QueryxContext:`ctxSink\(0:db.DB.QueryContext\)`
	return db.DB.QueryContext(ctx, q, args...)
}

// Prepare is the short form of PrepareContext, which hands its context on.
func (db *DB) Prepare(q string) (*sql.Stmt, error) {
	return db.PrepareContext(context.Background(), q)
}

func (db *DB) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) { // want PrepareContext:`ctxSink\(0:db.DB.PrepareContext\)`
	return db.DB.PrepareContext(ctx, q)
}

// Connect is the short form of ConnectCtx, a function of the package.
func Connect(dsn string) (*DB, error) {
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	return &DB{db}, db.Ping()
}

func ConnectCtx(ctx context.Context, dsn string) (*DB, error) { // want ConnectCtx:`ctxSink\(0:db.PingContext\)`
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	return &DB{db}, db.PingContext(ctx)
}

type Stmt struct{ *sql.Stmt }

// Exec mirrors sql.Stmt.Exec.
func (s *Stmt) Exec(args ...any) (sql.Result, error) {
	return s.Stmt.Exec(args...)
}

// Beginx is the short form of BeginTxx, named as database/sql names
// Begin beside BeginTx (sqlx's naming).
func (db *DB) Beginx() (*sql.Tx, error) {
	return db.DB.Begin()
}

func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) { // want BeginTxx:`ctxSink\(0:db.DB.BeginTx\)`
	return db.DB.BeginTx(ctx, opts)
}

// CountUsers is the program's query, not a form of one: reported.
func (db *DB) CountUsers() (n int, err error) {
	err = db.DB.QueryRow("SELECT count(*) FROM users").Scan(&n) // want `db.DB.QueryRow has no context, so a slow database blocks this goroutine forever; use QueryRowContext with a deadline`
	return n, err
}

// Session has database/sql's own pair: Begin is the short form of
// BeginTx.
type Session struct{ db *sql.DB }

func (s *Session) Begin() (*sql.Tx, error) {
	return s.db.Begin()
}

func (s *Session) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) { // want BeginTx:`ctxSink\(0:s.db.BeginTx\)`
	return s.db.BeginTx(ctx, opts)
}

// BeginBatch starts a batch and has no context form (no BeginTxBatch,
// BeginBatchContext or the like): reported.
func (s *Session) BeginBatch() (*sql.Tx, error) {
	return s.db.Begin() // want `s.db.Begin has no context, so a slow database blocks this goroutine forever; use BeginTx with a deadline`
}

// A call of a short form with context.Background() in the program is
// where the deadline belongs.
func Load(db *DB) error {
	_, err := db.PrepareContext(context.Background(), "SELECT 1") // want `PrepareContext passes context.Background\(\), which has no deadline, on to db.DB.PrepareContext`
	return err
}
