// Package require is a stub of testify's: FailNow ends the test through
// an interface method, where ctrlflow cannot see that it never returns.
package require

// TestingT is what testify asks of a test.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// FailNow fails the test and stops it.
func FailNow(t TestingT, msg string, args ...any) {
	t.Errorf(msg, args...)
	t.FailNow()
}

// NoError fails the test and stops it when err is not nil.
func NoError(t TestingT, err error) {
	if err != nil {
		FailNow(t, err.Error())
	}
}
