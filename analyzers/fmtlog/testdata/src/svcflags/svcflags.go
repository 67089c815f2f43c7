// Package svcflags builds a service whose logger its Start sets up.
package svcflags

import "go.uber.org/zap"

// A Service's Logger is nil until Start sets it.
type Service struct {
	Logger *zap.Logger
	name   string
}

// NewService leaves Logger nil.
func NewService(name string) *Service {
	return &Service{name: name}
}

// NewServiceWith returns a Service whose Logger is set.
func NewServiceWith(l *zap.Logger) *Service {
	return &Service{Logger: l}
}

// Start sets Logger on every path that returns no error.
func (s *Service) Start() error {
	l, err := zap.NewProduction()
	if err != nil {
		return err
	}
	s.Logger = l
	return nil
}
