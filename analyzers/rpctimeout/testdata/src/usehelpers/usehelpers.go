package usehelpers

import (
	"context"
	"database/sql"

	"helpers"
)

// crossPackageHelper gets its context from another package's helper that
// always sets a deadline.
func crossPackageHelper(db *sql.DB) {
	ctx, cancel := helpers.WithDefaultTimeout(context.Background())
	defer cancel()
	_, _ = db.ExecContext(ctx, "DELETE FROM sessions")
}

// crossPackageMethod uses a helper method.
func crossPackageMethod(db *sql.DB, c *helpers.Config) {
	ctx, cancel := c.Context()
	defer cancel()
	_, _ = db.ExecContext(ctx, "DELETE FROM sessions")
}

// namedResults uses a helper with named results.
func namedResults(db *sql.DB) {
	ctx, cancel := helpers.Short()
	defer cancel()
	_ = db.QueryRowContext(ctx, "SELECT 1")
}

func notAHelper(db *sql.DB) {
	ctx := helpers.Maybe(false)
	_ = db.QueryRowContext(context.WithValue(context.Background(), k{}, ctx), "SELECT 1") // want `db.QueryRowContext is called with a context that has no deadline: a slow database`
}

type k struct{}
