// Package rpctimeout defines an Analyzer that reports network calls that
// can wait forever.
//
// # Analyzer rpctimeout
//
// rpctimeout: report network calls that have no deadline
//
// placeholder
//
// # Limits
//
// placeholder
//
// # Suppressing
//
// placeholder
package rpctimeout
