// Package main starts a goroutine from main, which runs once per
// process.
package main

import "errors"

func work() error { return errors.New("x") }

// main runs once: the goroutine it may strand ends with the process.
func main() {
	errc := make(chan error)
	stop := make(chan int)
	go func() { errc <- work() }()
	select {
	case err := <-errc:
		println(err.Error())
	case <-stop:
	}
}
