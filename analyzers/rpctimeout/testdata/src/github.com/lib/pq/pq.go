// Package pq is a stub of github.com/lib/pq, which registers the postgres
// driver.
package pq
