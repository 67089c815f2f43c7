// Production: functions taking interfaces that look like a TB and are no
// stand-in for testing.TB: a logger, Helper alone, and one with a method
// testing.TB lacks.
package tempdb

import (
	"context"
	"database/sql"
)

// Logger is a logger: Printf is no method of testing.TB.
type Logger interface {
	Logf(format string, args ...any)
	Printf(format string, args ...any)
}

// Count logs how many tenants there are.
func Count(l Logger, db *sql.DB) {
	var n int
	if err := db.QueryRowContext(context.Background(), "select count(*) from tenants").Scan(&n); err != nil {
		l.Printf("count: %v", err)
	}
	l.Logf("%d tenants", n)
}

// helper has Helper alone, and no method that fails a test.
type helper interface {
	Helper()
}

// Touch marks h a helper and touches the tenants.
func Touch(h helper, db *sql.DB) {
	h.Helper()
	_, _ = db.ExecContext(context.Background(), "update tenants set seen = now()")
}

// session has Close, which testing.TB lacks.
type session interface {
	Helper()
	Fatalf(format string, args ...any)
	Close() error
}

// Expire ends the session's rows.
func Expire(s session, db *sql.DB) {
	if _, err := db.ExecContext(context.Background(), "delete from sessions where expired"); err != nil {
		s.Fatalf("expire: %v", err)
	}
	_ = s.Close()
}
