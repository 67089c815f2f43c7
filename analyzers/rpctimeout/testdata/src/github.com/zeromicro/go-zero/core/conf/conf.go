// Package conf is a stub of go-zero's core/conf.
package conf

type Option func(opt *struct{})

func MustLoad(path string, v any, opts ...Option) {}

func Load(file string, v any, opts ...Option) error { return nil }

func FillDefault(v any) error { return nil }
