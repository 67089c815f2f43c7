// Package sqliteopen reads a SQLite database file found in an image; the
// program's main imports the driver (_ "modernc.org/sqlite"), so the
// package names it only by the driver name it gives sql.Open.
package sqliteopen

import "database/sql"

// count's handle is an in-process SQLite: no network round trip.
func count(path string) (int, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.Query("SELECT id FROM ValidPaths")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// countPG's driver is a network database's, imported by main too.
func countPG(dsn string) (int, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0, err
	}
	var n int
	return n, db.QueryRow("SELECT count(*) FROM t").Scan(&n) // want `db.QueryRow has no context`
}

// countBy opens whatever driver its caller names: unknown.
func countBy(driver, dsn string) (int, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return 0, err
	}
	var n int
	return n, db.QueryRow("SELECT count(*) FROM t").Scan(&n) // want `db.QueryRow has no context`
}

// readAll hands its in-process handle to helpers: every call passes it.
func readAll(path string) (int, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return countPaths(db)
}

func countPaths(db *sql.DB) (int, error) {
	var n int
	return n, db.QueryRow("SELECT count(*) FROM ValidPaths").Scan(&n)
}

// countRemote is also given a network handle: judged as any other.
func countRemote(db *sql.DB) (int, error) {
	var n int
	return n, db.QueryRow("SELECT count(*) FROM t").Scan(&n) // want `db.QueryRow has no context`
}

func both(path, dsn string) {
	local, _ := sql.Open("sqlite", path)
	remote, _ := sql.Open("postgres", dsn)
	countRemote(local)
	countRemote(remote)
}
