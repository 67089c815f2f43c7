package a

import (
	"fmt"
	"io"
)

// fetchStatus cuts the body only on the error branch, which returns: the
// body returned later is never the cut one.
func fetchStatus(r io.Reader, code int) ([]byte, error) {
	data, err := io.ReadAll(r)
	if code != 200 {
		if len(data) > 64 {
			data = data[:64]
		}
		return nil, fmt.Errorf("status %d; response: %q", code, data)
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}

// fetchHead's cut falls through to the return.
func fetchHead(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) > 64 {
		data = data[:64] // want `keeps all of`
	}
	return data, nil
}

// fetchOrPanic's cut branch panics.
func fetchOrPanic(r io.Reader, ok bool) []byte {
	data, _ := io.ReadAll(r)
	if !ok {
		data = data[:8]
		panic(fmt.Sprintf("bad header %x", data))
	}
	return data
}
