// Tooling: a main under internal (not internal/cmd), which only the
// module's own maintainers build: a helper that waits for the test
// database.
package main

import "database/sql"

// Wait pings the database with no deadline.
func Wait(db *sql.DB) error { return db.Ping() }

func main() {
	db, _ := sql.Open("postgres", "")
	for Wait(db) != nil {
	}
}
