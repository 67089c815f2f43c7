package fakeclock

import "testing"

func TestFake(t *testing.T) {
	f := &fakeClock{}
	f.Init()
	if !isFake(f) {
		t.Fatal("not fake")
	}
}
