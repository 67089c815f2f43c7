package rangeexit

import "context"

// The consumer reads to the end.
func sum(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// A break of an inner switch stays in the range.
func innerBreak(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
		switch v {
		case 0:
			break
		default:
			n += v
		}
	}
	return n
}

// The producer stops after sending an error, and the consumer returns on
// exactly that item.
func rows(next func() (int, error)) error {
	ch := make(chan item)
	go func() {
		defer close(ch)
		for {
			v, err := next()
			if err != nil {
				ch <- item{err: err}
				return
			}
			ch <- item{v: v}
		}
	}()
	for it := range ch {
		if it.err != nil {
			return it.err
		}
	}
	return nil
}

// The producer's last act is a final value the consumer stops on.
func sentinel(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
		ch <- -1
	}()
	n := 0
	for v := range ch {
		if v == -1 {
			break
		}
		n += v
	}
	return n
}

// The producer's send selects on the context: it can leave.
func cancellable(ctx context.Context, xs []int) error {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			select {
			case ch <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	for v := range ch {
		if v < 0 {
			return ctx.Err()
		}
	}
	return nil
}

// A buffered channel as large as the input never blocks the producer.
func buffered(xs []int) error {
	ch := make(chan int, len(xs))
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	for v := range ch {
		if v < 0 {
			return nil
		}
	}
	return nil
}

// The consumer drains the rest after leaving the first range.
func drains(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	first := 0
	for v := range ch {
		first = v
		break
	}
	for range ch {
	}
	return first
}

// A producer that never closes the channel is not this shape: the
// consumer's break is its only way out.
func unclosed(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	for v := range ch {
		if v == len(xs) {
			break
		}
	}
	return 0
}

// Workers, and a counting loop that keeps the first error but receives
// every result.
func firstError(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- check(x) }()
	}
	var first error
	for range xs {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Workers with a buffer for every result.
func bufferedWorkers(xs []int) error {
	errc := make(chan error, len(xs))
	for _, x := range xs {
		go func() { errc <- check(x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// A range that nobody closes ends by counting: its break is the end.
func counted(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	n, sum := 0, 0
	for v := range ch {
		sum += v
		n++
		if n == len(xs) {
			break
		}
	}
	return sum
}

// A loop without a condition ends only by its exits.
func forever(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	n, sum := 0, 0
	for {
		sum += <-ch
		n++
		if n == len(xs) {
			return sum
		}
	}
}

// Each worker sends twice: not one value per goroutine.
func twice(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() {
			errc <- check(x)
			errc <- check(-x)
		}()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// A labeled break of an inner loop stays in the range.
func innerLabel(xs []int, m [][]int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
	rows:
		for _, row := range m {
			for _, c := range row {
				if c == v {
					break rows
				}
			}
		}
		n += v
	}
	return n
}

// A second consumer goroutine drains what the range leaves.
func secondConsumer(xs []int, sink func(int)) error {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	go func() {
		for v := range ch {
			sink(v)
		}
	}()
	for v := range ch {
		if v < 0 {
			return nil
		}
	}
	return nil
}
