package fieldchan

import "testing"

// The test builds its indexer with a buffered channel: that says nothing
// of the indexer the package ships, whose Add is reported in the package
// and in its test variant alike (go vet sees only the test variant).
func TestAdd(t *testing.T) {
	x := &indexer{keys: make(chan string, 1), stop: make(chan struct{})}
	x.Add("k")
	if k := <-x.keys; k != "k" {
		t.Fatal(k)
	}
}

// Only this test closes the handlers: the package never does.
func TestCloseAll(t *testing.T) {
	hs := handlers{newHandler()}
	hs.closeAll()
}
