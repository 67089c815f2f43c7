package timeafter

import "time"

// pipeline makes a timer per batch and waits on it in an inner loop; the
// case that continues the outer loop leaves it pending.
func pipeline(batches <-chan []int, acks <-chan int, stop <-chan struct{}) {
outer:
	for {
		timeout := time.After(time.Second) // want `time\.After\(time\.Second\) in a loop makes a new timer on every iteration`
		for {
			select {
			case <-timeout:
				return
			case b := <-batches:
				if len(b) > 0 {
					continue outer
				}
			case <-stop:
				return
			}
		}
	}
}

// nestedSelect waits on the timer in a select nested in another one's
// case; the inner select's other case goes round the loop.
func nestedSelect(in <-chan int, more <-chan int, stop <-chan struct{}) {
	for {
		timeout := time.After(time.Second) // want `time\.After\(time\.Second\) in a loop makes a new timer on every iteration`
		select {
		case <-in:
			select {
			case <-timeout:
				return
			case <-more:
			}
		case <-stop:
			return
		}
	}
}

// innerOnly goes round the inner loop only: the timer is kept until it
// fires, and the outer loop starts the next one after that.
func innerOnly(batches <-chan []int, stop <-chan struct{}) { // want innerOnly:"awaits stop"
	for {
		timeout := time.After(time.Second)
	inner:
		for {
			select {
			case <-timeout:
				break inner
			case <-batches:
				continue inner
			case <-stop:
				return
			}
		}
	}
}

// leavesOuter's other cases leave the whole function: one timer at most.
func leavesOuter(batches <-chan []int, stop <-chan struct{}) {
	for {
		timeout := time.After(time.Second)
		for {
			select {
			case <-timeout:
				return
			case <-batches:
			case <-stop:
				return
			}
		}
	}
}
