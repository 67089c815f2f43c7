package since

import (
	"log"
	"time"
)

func record(d time.Duration) {}

type timer struct{}

func (timer) observe(d time.Duration) {}

func arg(start time.Time) {
	defer record(time.Since(start)) // want `time.Since\(start\) is evaluated`
}

func nested(start time.Time) {
	defer log.Println("took", time.Since(start).Seconds()) // want `time.Since\(start\) is evaluated`
}

func receiver(start time.Time, t timer) {
	defer t.observe(time.Since(start)) // want `time.Since\(start\) is evaluated`
}

func literalArgument(start time.Time) {
	defer func(d time.Duration) { record(d) }(time.Since(start)) // want `time.Since\(start\) is evaluated`
}

func multiline(start time.Time) {
	defer log.Println(
		"took",
		time.Since(start), // want `time.Since\(start\) is evaluated`
	)
}

// time.Since in a deferred literal runs when the literal does.
func inLiteral(start time.Time) {
	defer func() { record(time.Since(start)) }()
}

// A start time passed on, measured by the callee when it runs.
func passedOn(start time.Time) {
	defer logSince(start)
}

func logSince(start time.Time) { record(time.Since(start)) }

// Not deferred: measured here, on purpose.
func direct(start time.Time) {
	record(time.Since(start))
}

// A duration computed before the defer is what the call means.
func computedBefore(start time.Time) {
	d := time.Since(start)
	defer record(d)
}

// Measured inside the deferred literal's body.
func literalBody(start time.Time) {
	defer func(s time.Time) { record(time.Since(s)) }(start)
}
