// Package stopsignal holds goroutines that end only when the function
// that started them closes a channel of its own, and functions that skip
// that close on some path.
package stopsignal

import (
	"errors"
	"log"
	"time"
)

func load() error { return errors.New("x") }

func refresh() {}

// An error check between the launch and the close returns first: the
// ticker goroutine waits for stop forever.
func Sync() error {
	stop := make(chan struct{})
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go func() { // want `the goroutine started in Sync waits for stop, but Sync returns at line 33 without closing it: the goroutine never stops`
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				refresh()
			}
		}
	}()
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}

type watcher struct{ events chan string }

// run ends only once stop is closed.
func (w *watcher) run(stop <-chan struct{}) { // want run:"awaits stop"
	for {
		select {
		case <-stop:
			return
		case e := <-w.events:
			log.Print(e)
		}
	}
}

// go w.run(stop), judged by run's fact: the error return skips the close.
func (w *watcher) Watch(names []string) error {
	stop := make(chan struct{})
	go w.run(stop) // want `the goroutine started in Watch waits for stop, but Watch returns at line 59 without closing it`
	for _, n := range names {
		if n == "" {
			return errors.New("empty name")
		}
	}
	close(stop)
	return nil
}

// A consumer ranging over the channel ends when it is closed; the
// producer's early return skips the close.
func Publish(items []string) error {
	ch := make(chan string, len(items))
	go func() { // want `the goroutine started in Publish waits for ch, but Publish returns at line 77 without closing it`
		for it := range ch {
			log.Print(it)
		}
	}()
	for _, it := range items {
		if it == "" {
			return errors.New("empty item")
		}
		ch <- it
	}
	close(ch)
	return nil
}

// A done signal sent, not closed, under a condition: the function ends
// without it when quiet is set.
func Notify(quiet bool) {
	done := make(chan bool, 1)
	go func() { // want `the goroutine started in Notify waits for done, but Notify ends at line 98 without closing or sending on it`
		if <-done {
			log.Print("done")
		}
	}()
	refresh()
	if !quiet {
		done <- true
	}
}
