package testsflag

import (
	"net/http"
	"testing"
)

func TestFetch(t *testing.T) {
	resp, err := http.Get("http://example.com") // want `http.Get uses http.DefaultClient`
	if err == nil {
		resp.Body.Close()
	}
}
