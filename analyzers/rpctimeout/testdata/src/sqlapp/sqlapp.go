package sqlapp

import (
	"context"
	"database/sql"
	"time"
)

func query(db *sql.DB) {
	rows, err := db.Query("SELECT id FROM sites") // want `db.Query has no context, so a slow database blocks this goroutine forever; use QueryContext with a deadline`
	if err == nil {
		rows.Close()
	}
}

func begin(db *sql.DB) error {
	tx, err := db.Begin() // want `db.Begin has no context`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE sites SET name = ?", "x"); err != nil { // one defect with db.Begin, reported there
		return err
	}
	return tx.Commit()
}

func stmtRow(stmt *sql.Stmt) {
	var id int
	_ = stmt.QueryRow(1).Scan(&id) // want `stmt.QueryRow has no context`
}

func background(db *sql.DB) {
	rows, err := db.QueryContext(context.Background(), "SELECT 1") // want `db.QueryContext is called with context.Background\(\), which has no deadline: a slow database blocks`
	if err == nil {
		rows.Close()
	}
}

func valueCtx(conn *sql.Conn) {
	ctx := context.WithValue(context.TODO(), key{}, 1)
	_, _ = conn.ExecContext(ctx, "DELETE FROM sessions") // want `conn.ExecContext is called with ctx, which has no deadline: a slow database`
}

type key struct{}

// callerCtx queries with the caller's context.
func callerCtx(ctx context.Context, db *sql.DB) { // want callerCtx:`ctxSink\(0:db\.QueryContext\)`
	rows, err := db.QueryContext(ctx, "SELECT 1")
	if err == nil {
		rows.Close()
	}
}

// timeout derives a deadline from context.Background().
func timeout(db *sql.DB) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = db.ExecContext(ctx, "DELETE FROM sessions")
}

// beginTxDeadline starts a transaction under a deadline.
func beginTxDeadline(db *sql.DB) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err == nil {
		tx.Rollback()
	}
}

type store struct{}

func (store) Query(q string) error { return nil }

// notDatabaseSQL calls a Query method of the program's own type.
func notDatabaseSQL(s store) {
	_ = s.Query("SELECT 1")
}

// unknownCtx queries with a context whose origin is not in this function.
func unknownCtx(db *sql.DB, newCtx func() context.Context) {
	_ = db.QueryRowContext(newCtx(), "SELECT 1")
}

// rowsNext uses the rows of a bounded query; Next and Scan wait for
// nothing new.
func rowsNext(ctx context.Context, db *sql.DB) { // want rowsNext:`ctxSink\(0:db\.QueryContext\)`
	rows, err := db.QueryContext(ctx, "SELECT id FROM sites")
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		_ = rows.Scan(&id)
	}
}
