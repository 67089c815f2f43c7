package httpdefault

import (
	"net/http"
	"time"
)

func setup() {
	http.DefaultClient.Timeout = 30 * time.Second
}

// defaultClientTimed calls http.Get in a package that gives
// http.DefaultClient a Timeout.
func defaultClientTimed(url string) {
	resp, err := http.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}
