package a

import (
	"errors"
	"io"
	"os"
)

type action int

const (
	actContinue action = iota
	actExit
	actUndo
)

type handler struct {
	act  action
	path string
}

func (h handler) match(err error) bool { return err != nil }

var errExit = errors.New("exit")

// handleFirst opens the first matching handler's file: the switch after
// the defer lists every action, and each case returns, so the loop never
// comes back to the defer.
func handleFirst(hs []handler, err error) error {
	for i := len(hs) - 1; i >= 0; i-- {
		if !hs[i].match(err) {
			continue
		}
		f, oerr := os.Open(hs[i].path)
		if oerr != nil {
			return oerr
		}
		defer f.Close()
		switch hs[i].act {
		case actExit:
			return errExit
		case actContinue:
			return nil
		case actUndo:
			return io.ErrUnexpectedEOF
		}
	}
	return err
}

// handlePartial leaves actUndo out: a handler with that action falls out
// of the switch, and the next handler opens another file.
func handlePartial(hs []handler, err error) error {
	for i := len(hs) - 1; i >= 0; i-- {
		if !hs[i].match(err) {
			continue
		}
		f, oerr := os.Open(hs[i].path)
		if oerr != nil {
			return oerr
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until handlePartial returns`
		switch hs[i].act {
		case actExit:
			return errExit
		case actContinue:
			return nil
		}
	}
	return err
}

// handleOnward lists every action, but one case goes on with the loop.
func handleOnward(hs []handler, err error) error {
	for i := len(hs) - 1; i >= 0; i-- {
		f, oerr := os.Open(hs[i].path)
		if oerr != nil {
			return oerr
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until handleOnward returns`
		switch hs[i].act {
		case actExit:
			return errExit
		case actContinue:
			continue
		case actUndo:
			return io.ErrUnexpectedEOF
		}
	}
	return err
}
