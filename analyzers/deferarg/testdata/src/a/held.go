package a

import "os"

// A counter taken before a loop that counts it down: the call records
// the count as it was, a snapshot; the rule cannot tell it from a
// mistake, and stays silent.
func counterBeforeLoop(items []string) {
	n := len(items)
	defer record(n)
	for range items {
		n--
	}
}

func removeDir(dir string) { os.RemoveAll(dir) }

// Each temporary directory is removed by its own defer; the variable is
// reused for the next (regression: badger backup_test.go, client-go
// loader_test.go).
func tempDirsReused() error {
	dir, err := os.MkdirTemp("", "a")
	if err != nil {
		return err
	}
	defer removeDir(dir)
	dir, err = os.MkdirTemp("", "b")
	if err != nil {
		return err
	}
	defer removeDir(dir)
	return nil
}

type sessions struct{}

func (*sessions) Create() (string, error) { return "id", nil }
func (*sessions) Destroy(id string)       {}

// The session created first is the one destroyed by the first defer
// (regression: consul api session_test.go).
func sessionIDReused(s *sessions) {
	id, _ := s.Create()
	defer s.Destroy(id)
	id, _ = s.Create()
	defer s.Destroy(id)
}

type lease struct{ group string }

func (l lease) release() {}

func acquire() (lease, error) { return lease{}, nil }

// Each lease is released by the defer made when it was acquired
// (regression: temporal internal_worker_base_test.go).
func leasesReleased() {
	l, _ := acquire()
	defer l.release()
	l, _ = acquire()
	defer l.release()
}

type poll struct{ kind int }

func startPoll(kind int) poll { return poll{kind: kind} }

func finishPoll(p poll) {}

// A poll handle finished by its own defer; the variable then holds the
// next poll, finished by the next defer.
func pollsFinished() {
	normal := startPoll(1)
	defer finishPoll(normal)
	normal = startPoll(2)
	defer finishPoll(normal)
}

// A start time reset for a second phase: the deferred call measures from
// the first start, on purpose.
func startReset() {
	start := now()
	defer observe(start)
	work()
	start = now()
	observe(start)
}

func now() int64 { return 0 }

func observe(start int64) {}
