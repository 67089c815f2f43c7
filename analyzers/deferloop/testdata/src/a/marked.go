package a

import (
	"errors"
	"os"
)

const (
	headerSeen uint8 = 1 << iota
	bodySeen
)

func hasFlag(state, flag uint8) bool { return state&flag != 0 }

func addFlag(state *uint8, flag uint8) { *state |= flag }

// parseOnce opens the header's file at most once: the guard refuses a
// second header, and the branch that defers marks the state before the
// next iteration whichever way it goes on.
func parseOnce(keys []string) error {
	var state uint8
	for _, k := range keys {
		if k == "header" {
			if hasFlag(state, headerSeen) {
				return errors.New("header repeated")
			}
			f, err := os.Open(k)
			if err != nil {
				return err
			}
			defer f.Close()
			addFlag(&state, headerSeen)
			continue
		}
	}
	return nil
}

// openFirst sets its flag to true after the defer: the guard then leaves.
func openFirst(paths []string) error {
	opened := false
	for _, p := range paths {
		if opened {
			break
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		opened = true
	}
	return nil
}

// openUntil marks its guard with a value computed per iteration: every
// iteration until check succeeds keeps a file open.
func openUntil(paths []string, check func(*os.File) bool) error {
	found := false
	for _, p := range paths {
		if found {
			break
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until openUntil returns`
		found = check(f)
	}
	return nil
}

// openSkipMark leaves one path around the mark: a skipped path goes on
// to the next iteration with the flag still unset.
func openSkipMark(paths []string) error {
	var state uint8
	for _, p := range paths {
		if hasFlag(state, bodySeen) {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until openSkipMark returns`
		if p == "" {
			continue
		}
		addFlag(&state, bodySeen)
	}
	return nil
}

// openCounted counts instead of marking: every one of its iterations
// defers until the count is reached.
func openCounted(paths []string, limit int) error {
	n := 0
	for _, p := range paths {
		if n >= limit {
			break
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until openCounted returns`
		n++
	}
	return nil
}

// openReset sets its flag to false: the guard never leaves.
func openReset(paths []string) error {
	busy := false
	for _, p := range paths {
		if busy {
			break
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until openReset returns`
		busy = false
	}
	return nil
}
