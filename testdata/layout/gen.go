//go:build ignore

// Tooling: a program run by go run gen.go.
package main

import "fmt"

func main() {
	for _, p := range []string{"a", "b"} {
		fmt.Println(p)
	}
}
