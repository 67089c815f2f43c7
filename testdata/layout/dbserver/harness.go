// Test support: a harness that starts a database server for tests.
package dbserver

import "testing"

// Start waits for the test server at url and fails the test when it does
// not answer.
func Start(t testing.TB, url string) {
	t.Helper()
	if err := waitReady(url); err != nil {
		t.Fatal(err)
	}
	if err := ping(url); err != nil {
		t.Fatal(err)
	}
}
