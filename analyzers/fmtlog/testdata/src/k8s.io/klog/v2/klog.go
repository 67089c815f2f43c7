// Package klog is a stand-in for k8s.io/klog/v2, whose Logger is an alias
// of logr's.
package klog

import "github.com/go-logr/logr"

type Logger = logr.Logger

func NewKlogr() Logger { return Logger{} }

func Infof(format string, args ...any) {}
