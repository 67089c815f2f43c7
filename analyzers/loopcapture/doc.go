// Package loopcapture defines an Analyzer that reports function literals
// that read a loop variable after the loop has changed it.
//
// # Analyzer loopcapture
//
// loopcapture: report closures that see a loop variable change under them
//
// # TODO
//
// # Limits
//
// # TODO
//
// # Suppressing
//
// TODO
package loopcapture
