// Package progress is the body of a command-line tool that draws a dot per
// attempt while it retries, beside the *log.Logger its main gives it.
package progress

import (
	"errors"
	"fmt"
	"log"
)

var errRetry = errors.New("retry")

// Loop retries until an answer comes. The dots and the bare newline that
// ends their line carry nothing a logger could take (it writes whole
// lines); the give-up line is a log line bypassing ll.
func Loop(ll *log.Logger, try func() (string, error)) error {
	for i := 0; ; i++ {
		s, err := try()
		switch err {
		case errRetry:
			fmt.Print(".")
			continue
		case nil:
			fmt.Println()
			ll.Printf("answer %q after %d tries", s, i+1)
			return nil
		default:
			fmt.Println("giving up:", err) // want `fmt.Println used as logging in library package progress: use ll instead`
			return err
		}
	}
}

// Spin draws a spinner: a carriage return and punctuation only.
func Spin(ll *log.Logger, frames int) {
	for range frames {
		fmt.Print("\r-")
		fmt.Print("\r|")
	}
	fmt.Printf("\r \r")
	ll.Print("done")
}

// A digit is content: the count is a value a log line would carry.
func Count(ll *log.Logger) {
	fmt.Print("3") // want `fmt.Print used as logging in library package progress: use ll instead`
	ll.Print("counted")
}

// A blank print in a run with text is part of that message.
func Report(ll *log.Logger, err error) {
	fmt.Println() // want `fmt.Println used as logging in library package progress: use ll instead`
	fmt.Println("failed:", err)
	ll.Print("reported")
}
