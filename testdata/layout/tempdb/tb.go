// Production: the types of a library for database-backed tests; only its
// functions that take the TB are test support (tempdb.go).
package tempdb

// TB is the part of testing.TB the package needs: a stand-in, so that
// the package does not import testing.
type TB interface {
	Cleanup(func())
	Failed() bool
	Fatalf(format string, args ...any)
	Helper()
	Logf(format string, args ...any)
}

// Config says where the test databases live.
type Config struct {
	URL string
}
