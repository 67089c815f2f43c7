package nilzap

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"go.uber.org/zap"
)

// stdin stands for os.Stdin, which tests replace.
var stdin = io.ReadWriter(os.Stdin)

// An issuer asks its user to agree, and logs the rest.
type issuer struct {
	Logger *zap.Logger
}

// promptAgreement is a prompt: its output is the conversation.
func (is *issuer) promptAgreement(url string) {
	fmt.Printf("\n\nBy continuing, you agree to the terms at:\n  %s\n", url)
}

// askEmail reads the answer through the package's stdin.
func (is *issuer) askEmail() (string, error) {
	is.promptAgreement("")
	fmt.Print("  Email address: ")
	return bufio.NewReader(stdin).ReadString('\n')
}

// renew does not talk to a user: its print is a stray log line.
func (is *issuer) renew(name string) {
	fmt.Printf("renewing %s\n", name) // want `fmt.Printf used as logging in a package that logs with zap: use is.Logger.Info instead`
}
