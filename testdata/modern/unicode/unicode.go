// Package unicode has a finding after non-ASCII text on its line, where
// byte columns and UTF-16 columns differ.
package unicode

import "fmt"

// Greet passes a string to %d.
func Greet(name string) string {
	return fmt.Sprintf("héllo 世界 %d", name)
}
