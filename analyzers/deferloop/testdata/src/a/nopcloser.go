package a

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
)

type request struct{ body io.ReadCloser }

func (r *request) Body() io.ReadCloser     { return r.body }
func (r *request) SetBody(b io.ReadCloser) { r.body = b }

var send = func(r *request) error { _, err := io.ReadAll(r.Body()); return err }

// sendRetry resets the request's body from bytes in memory on each
// attempt: the deferred Close of io.NopCloser's reader holds nothing.
func sendRetry(req *request, content []byte, maxRetry int) error {
	retries := 0
	for {
		req.SetBody(io.NopCloser(bytes.NewReader(content)))
		defer req.Body().Close()
		if err := send(req); err == nil {
			return nil
		}
		if retries >= maxRetry {
			return errors.New("give up")
		}
		retries++
	}
}

// readRetry wraps the bytes in a local reader.
func readRetry(content []byte, maxRetry int) error {
	for i := 0; ; i++ {
		rc := io.NopCloser(bytes.NewReader(content))
		defer rc.Close()
		if _, err := io.ReadAll(rc); err == nil || i >= maxRetry {
			return err
		}
	}
}

// getRetry keeps every attempt's response body, and its connection, open.
func getRetry(c *http.Client, url string) error {
	for {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close() // want `defer resp.Body.Close\(\) in loop: every resp.Body stays open until getRetry returns`
		if resp.StatusCode == http.StatusOK {
			return nil
		}
	}
}

// readEither reads a file on some attempts: that reader holds a
// descriptor.
func readEither(paths []string, content []byte) error {
	for _, p := range paths {
		var rc io.ReadCloser = io.NopCloser(bytes.NewReader(content))
		if p != "" {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			rc = f
		}
		defer rc.Close() // want `defer rc.Close\(\) in loop: every rc stays open until readEither returns`
		if _, err := io.ReadAll(rc); err != nil {
			return err
		}
	}
	return nil
}

// sendFile sets the body from a file: the setter's argument holds a
// descriptor.
func sendFile(req *request, paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		req.SetBody(f)
		defer req.Body().Close() // want `defer req.Body\(\).Close\(\) in loop: every req.Body\(\) stays open until sendFile returns`
		if err := send(req); err != nil {
			return err
		}
	}
	return nil
}
