package a

import "os"

type sshRequest struct {
	kind string
	path string
}

type sshSession struct {
	handled bool
	log     *os.File
	events  chan string
}

// The log request is served once per sshSession: a second one is refused
// by the guard, which tests the field the first one sets.
func (s *sshSession) serve(reqs []sshRequest) error {
	for _, r := range reqs {
		switch r.kind {
		case "log":
			if s.handled || s.log != nil {
				continue
			}
			f, err := os.Create(r.path)
			if err != nil {
				return err
			}
			s.log = f
			defer f.Close()
		case "events":
			if s.events != nil {
				continue
			}
			s.events = make(chan string, 1)
			defer close(s.events)
		}
	}
	return nil
}

// The guard tests one field and the branch sets another: every log
// request opens a file.
func (s *sshSession) serveEach(reqs []sshRequest) error {
	for _, r := range reqs {
		if s.log != nil && r.kind == "" {
			continue
		}
		f, err := os.Create(r.path)
		if err != nil {
			return err
		}
		s.handled = true
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until serveEach returns`
	}
	return nil
}

// The guard is reset after the defer: nothing stops the next iteration.
func (s *sshSession) serveReset(reqs []sshRequest) error {
	for _, r := range reqs {
		if s.log != nil {
			continue
		}
		s.log = nil
		f, err := os.Create(r.path)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until serveReset returns`
	}
	return nil
}
