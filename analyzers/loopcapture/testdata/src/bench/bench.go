//go:build go1.21

// Package bench holds tests and benchmarks at Go 1.21, where a loop
// variable is shared by every iteration. Its test file shows the scope
// model's benchmark kind: a Benchmark function, and the helpers only
// benchmarks call, are benchmarks (not reported by default), while the
// same code in a test, or in a helper a test also calls, is reported.
package bench

func get(key string) {}
