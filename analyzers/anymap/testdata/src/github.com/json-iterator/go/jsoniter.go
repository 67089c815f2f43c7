// Package jsoniter is a stub of github.com/json-iterator/go.
package jsoniter

type API interface {
	Unmarshal(data []byte, v any) error
	UnmarshalFromString(str string, v any) error
}

type frozen struct{}

func (frozen) Unmarshal(data []byte, v any) error          { return nil }
func (frozen) UnmarshalFromString(str string, v any) error { return nil }

var ConfigCompatibleWithStandardLibrary API = frozen{}

func Unmarshal(data []byte, v any) error { return nil }
