package lib

import (
	"fmt"
	"testing"
)

// Tests print freely.
func TestSubmit(t *testing.T) {
	fmt.Println("testing submit")
}

// Examples print their output.
func ExampleSubmit() {
	fmt.Println("ok")
	// Output: ok
}
