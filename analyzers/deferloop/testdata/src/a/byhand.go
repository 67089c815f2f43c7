package a

import (
	"context"
	"database/sql"
)

// recoverAll defers the Close for the iteration's early returns and
// closes the rows by hand on every path to the next iteration: nothing
// stays open past its iteration. Not reported.
func recoverAll(ctx context.Context, db *sql.DB, ids []int64) (int, error) {
	n := 0
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT x FROM t WHERE id = ?", id)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			var x int
			if err := rows.Scan(&x); err != nil {
				return 0, err
			}
			n += x
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
		rows.Close()
	}
	return n, nil
}

// drainUntil closes by hand before it breaks out, and at the end of the
// iteration: the break keeps no more than the one value. Not reported.
func drainUntil(ctx context.Context, db *sql.DB, ids []int64, stop int64) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT x FROM t WHERE id = ?", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		if id == stop {
			break
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// closeSome closes by hand on some iterations only.
func closeSome(ctx context.Context, db *sql.DB, ids []int64) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT x FROM t WHERE id = ?", id)
		if err != nil {
			return err
		}
		defer rows.Close() // want `defer rows.Close\(\) in loop: every rows stays open until closeSome returns`
		if id > 100 {
			rows.Close()
		}
	}
	return nil
}

// skipFirst continues past the explicit Close.
func skipFirst(ctx context.Context, db *sql.DB, ids []int64) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT x FROM t WHERE id = ?", id)
		if err != nil {
			return err
		}
		defer rows.Close() // want `defer rows.Close\(\) in loop: every rows stays open until skipFirst returns`
		if id == 0 {
			continue
		}
		rows.Close()
	}
	return nil
}

// closeInside closes only inside the inner loop, which may not run.
func closeInside(ctx context.Context, db *sql.DB, ids []int64) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT x FROM t WHERE id = ?", id)
		if err != nil {
			return err
		}
		defer rows.Close() // want `defer rows.Close\(\) in loop: every rows stays open until closeInside returns`
		for rows.Next() {
			rows.Close()
		}
	}
	return nil
}

// removeBatches commits each batch's transaction on every path back to
// the loop's head: the deferred Rollback only covers the early returns.
// Not reported.
func removeBatches(ctx context.Context, db *sql.DB, ids []string, n int) error {
	for i := 0; i < len(ids); i += n {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = ?", ids[i]); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// removeSome skips the Commit on some iterations: their transactions stay
// open until the function returns.
func removeSome(ctx context.Context, db *sql.DB, ids []string) error {
	for _, id := range ids {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback() // want `every transaction tx stays open until removeSome returns`
		if id == "" {
			continue
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
