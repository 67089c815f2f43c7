// Package sqlite3 is a stub of github.com/mattn/go-sqlite3, which
// registers the embedded SQLite driver.
package sqlite3
