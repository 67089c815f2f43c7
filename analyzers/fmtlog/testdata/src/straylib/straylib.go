// Package straylib is a library with no logger at hand: its prints with
// text of their own talk to its user and are left alone, but a print of
// bare values is a debugging line left behind.
package straylib

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

type Client struct {
	hc    *http.Client
	Debug bool
}

// The request path printed on every call, with no newline, into the
// output of the program that uses the client.
func (c *Client) DeleteKnowledgeBase(ctx context.Context, id string) error {
	path := fmt.Sprintf("/v2/gen-ai/knowledge_bases/%s", id)
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, path, nil)
	if err != nil {
		return err
	}
	fmt.Print(path) // want `fmt.Print\(path\) writes a bare value to the stdout of every program that imports this library: return or log it, or drop the debug print`
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type column struct{ rows []any }

func (col *column) scan(i int) (any, error) {
	if i >= len(col.rows) {
		return nil, fmt.Errorf("row %d out of range", i)
	}
	return col.rows[i], nil
}

// An error printed and dropped: the caller never sees it.
func (col *column) Row(i int) any {
	v, err := col.scan(i)
	if err != nil {
		fmt.Println(err) // want `fmt.Println\(err\) writes a bare value to the stdout`
	}
	return v
}

func (col *column) Pair(i int) {
	a, b := col.rows[i], col.rows[i+1]
	fmt.Println(a, b) // want `fmt.Println of bare values writes them to the stdout of every program that imports this library`
}

// Not reported: a message with text of its own is the package talking to
// its user (there is no logger to route it through).
func (col *column) Warn(i int) {
	fmt.Println("straylib: row", i, "is deprecated")
	fmt.Printf("%v\n", col.rows[i])
}

const notice = "straylib: the v1 API is deprecated"

// A constant alone is a message too.
func Deprecated() { fmt.Println(notice) }

// A prompt prints and then reads the answer.
func ReadLine(prompt string) string {
	fmt.Print(prompt)
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	return strings.TrimSpace(line)
}

// A function whose job is output.
func PrintRows(rows []string) {
	for _, r := range rows {
		fmt.Println(r)
	}
}

func (col *column) Dump() {
	fmt.Println(col.rows)
}

// Output to a writer the caller gives is the caller's choice.
func Render(w io.Writer, v any) {
	fmt.Fprintln(w, v)
}

// A print the user switched on.
func (c *Client) trace(v any) {
	if c.Debug {
		fmt.Println(v)
	}
}

// A print then an exit: a fail-fast message to the user of a command.
func Must(err error) {
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}

// consoleWriter is an output a program configures: an io.Writer whose
// Write prints what it is given is that sink's job.
type consoleWriter struct{}

func (consoleWriter) Write(b []byte) (int, error) {
	fmt.Print(string(b))
	return len(b), nil
}

func (consoleWriter) WriteString(s string) (int, error) {
	fmt.Print(s)
	return len(s), nil
}

// A Write with another signature is no io.Writer: its bare print is a
// debugging line.
func (col *column) Write(i int) {
	fmt.Println(col.rows[i]) // want `fmt.Println\(col.rows\[i\]\) writes a bare value to the stdout`
}
