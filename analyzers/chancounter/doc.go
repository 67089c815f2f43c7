// Package chancounter defines an Analyzer that reports channels used only
// to count events.
//
// # Analyzer chancounter
//
// chancounter: report a channel used only as a counter
//
// A channel that carries no data, drained by a goroutine that only adds
// one to an integer, is a counter built the slow way: every event costs a
// channel send and a goroutine wake-up, the count lags behind the events,
// the buffer fills and blocks the senders under load, and the draining
// goroutine must be started, stopped and waited for:
//
//	var processed int64
//	done := make(chan struct{}, 100)
//	go func() {
//		for range done {
//			processed++
//		}
//	}()
//	for _, img := range images {
//		go func() {
//			resize(img)
//			done <- struct{}{}
//		}()
//	}
//
// chancounter reports:
//
//	channel done only counts events into processed: use an atomic counter instead
//
// An atomic counter needs no goroutine and is exact at every moment:
//
//	var processed atomic.Int64
//	for _, img := range images {
//		go func() {
//			resize(img)
//			processed.Add(1)
//		}()
//	}
//
// chancounter is a design check, off by default: the counting works, it
// is only slower and more complex than it needs to be. Run it with
// -chancounter, or with the whole design group, -design.
//
// # The rule
//
// A channel, a variable or struct field that is not exported, is reported
// when, in the whole package:
//   - every send on it sends a constant or an empty struct;
//   - the only receive is one range loop whose body does nothing but add
//     to an integer: n++, n += 1, or n += v with v the received constant;
//   - nothing else uses it but close and the make that creates it;
//   - and the integer is read somewhere outside that loop.
//
// Where the rewrite is local, a suggested fix replaces each send with
// atomic.AddInt64(&n, 1) (or the function for n's type), each other read
// of n with atomic.LoadInt64(&n), and removes the channel, its close
// statements and the draining goroutine. It is offered when the channel is
// a local variable made in one statement, the draining loop is the whole
// body of a go statement's function literal, the counter is of type int32,
// int64, uint32 or uint64, and the counter is neither assigned nor has its
// address taken anywhere else.
//
// # Limits
//
// The rule stays silent when the channel carries data, when anything else
// receives from it (a semaphore, sem <- struct{}{} then <-sem, holds
// capacity; it is not a counter), when the loop does anything else
// (batching, flushing, a select with other cases), when the channel is
// passed to a function, stored, or measured with len or cap, or when it is
// exported, since another package may use it. A counter that is never read
// is dead code, for other tools. A draining loop written with a select or
// a bare receive, rather than range, is not followed.
//
// # Suppressing
//
// Add //trapvet:ignore chancounter <reason> on the reported line or the
// line above it.
package chancounter
