// Test support: the functions that take TB, a stand-in for testing.TB,
// and the helpers only they use.
package tempdb

import (
	"context"
	"database/sql"
)

// New returns a fresh database for the test t.
func New(t TB, conf Config) *sql.DB {
	t.Helper()
	return create(t, conf)
}

// create makes the database: its statements run without a deadline, and
// go test -timeout bounds them.
func create(t TB, conf Config) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("postgres", conf.URL)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	waitUp(db)
	if _, err := db.ExecContext(ctx, "insert into tenants (name) values ('test')"); err != nil {
		t.Fatalf("seed: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.ExecContext(ctx, "delete from tenants"); err != nil {
			t.Logf("cleanup: %v", err)
		}
	})
	return db
}

// waitUp is called only by create.
func waitUp(db *sql.DB) {
	_ = db.PingContext(context.Background())
}

// Reset empties the tables of a test's database between subtests.
func (c Config) Reset(t TB, db *sql.DB) {
	if _, err := db.ExecContext(context.Background(), "delete from sessions"); err != nil {
		t.Fatalf("reset: %v", err)
	}
}
