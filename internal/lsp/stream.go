package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// stream is the LSP base protocol's framing ("Content-Length: N", a blank
// line, N bytes of JSON) for jsonrpc2, telling a broken stream from a bad
// message. A frame whose content is not JSON, or not a JSON-RPC message,
// is answered with a Parse error (-32700) or an Invalid Request (-32600),
// with a null id as JSON-RPC 2.0 asks, and the server reads on. A stream
// that cannot be framed (a header line without a colon, a missing or bad
// Content-Length, plain text, content cut short) ends the connection with
// a brokenStream error saying why; the end of input between messages ends
// it with io.EOF.
type stream struct {
	in  *bufio.Reader
	out io.Writer
	mu  sync.Mutex // one message written at a time
}

// brokenStream is why the client's input could not be framed.
type brokenStream struct{ why string }

func (e *brokenStream) Error() string { return e.why }

func newStream(in io.Reader, out io.Writer) *stream {
	return &stream{in: bufio.NewReader(in), out: out}
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, err := s.frame()
		if err != nil {
			return nil, 0, err
		}
		if !json.Valid(data) {
			s.replyError(jsonrpc2.ParseError, "Parse error: the message is not valid JSON")
			continue
		}
		msg, err := jsonrpc2.DecodeMessage(data)
		if err != nil {
			s.replyError(jsonrpc2.InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 request, notification or response")
			continue
		}
		return msg, int64(len(data)), nil
	}
}

// frame reads one message's header and content.
func (s *stream) frame() ([]byte, error) {
	length := -1
	for first := true; ; first = false {
		line, err := s.in.ReadString('\n')
		if err != nil {
			if first && line == "" && err == io.EOF {
				return nil, io.EOF // the client closed the stream between messages
			}
			if err == io.EOF {
				return nil, &brokenStream{"the input ended inside a message header"}
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, &brokenStream{fmt.Sprintf("not an LSP message header: %q (want \"Content-Length: N\", a blank line, then N bytes of JSON)", clip(line))}
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, &brokenStream{fmt.Sprintf("bad Content-Length %q", clip(strings.TrimSpace(value)))}
			}
			length = n
		}
	}
	if length < 0 {
		return nil, &brokenStream{"a message header without Content-Length"}
	}
	data := make([]byte, length)
	if _, err := io.ReadFull(s.in, data); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
			return nil, &brokenStream{fmt.Sprintf("the input ended inside a message: Content-Length %d, fewer bytes followed", length)}
		}
		return nil, err
	}
	return data, nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// replyError answers a message that could not be read, with a null id.
func (s *stream) replyError(code jsonrpc2.Code, msg string) {
	data, _ := json.Marshal(map[string]any{
		"jsonrpc": "2.0",
		"id":      nil,
		"error":   map[string]any{"code": code, "message": msg},
	})
	_, _ = s.write(data)
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	return s.write(data)
}

func (s *stream) write(data []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n%s", len(data), data)
	return int64(n), err
}

func (s *stream) Close() error { return nil }
