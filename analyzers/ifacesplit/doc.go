// Package ifacesplit defines an Analyzer that reports one service split
// into single-method interfaces.
//
// # Analyzer ifacesplit
//
// ifacesplit: report one service split into one-method interfaces
//
// Small interfaces are good Go when they are composed and implemented by
// many types: io.Reader, io.Writer. An interface per method of one service
// is something else: three or more names for one concrete type, each
// consumer asking for two or three of them, and every new method a new
// interface to thread through constructors and mocks:
//
//	type UserCreator interface{ CreateUser(u User) error }
//	type UserUpdater interface{ UpdateUser(u User) error }
//	type UserDeleter interface{ DeleteUser(id string) error }
//
//	type UserHandler struct {
//		creator UserCreator
//		updater UserUpdater
//		deleter UserDeleter
//	}
//
// where *UserService alone implements all three. ifacesplit reports:
//
//	UserCreator, UserUpdater and UserDeleter each hold one method on User, all implemented by *UserService alone: declare one interface for that capability
//
// Declare the capability once, at the boundary that consumes it:
//
//	type UserStore interface {
//		CreateUser(u User) error
//		UpdateUser(u User) error
//		DeleteUser(id string) error
//	}
//
// ifacesplit is a design check, off by default: run it with -ifacesplit,
// or with the whole design group, -design.
//
// # The rule
//
// A package is reported when it declares three or more interfaces, each
// with exactly one method and no embedded interface, such that:
//   - their methods are verbs on the same noun: CreateUser, UpdateUser and
//     DeleteUser; or Create, Update and Delete in interfaces whose names
//     share a prefix (UserCreator, UserUpdater, UserDeleter);
//   - one concrete type of the package implements them all, and no other
//     type of the package implements any of them (types declared in
//     _test.go files, such as mocks, do not count);
//   - they are used together: all are field types of one struct, or
//     parameter types of one function.
//
// The report stands on the first of the interfaces, the others are
// related positions.
//
// # Limits
//
// Interfaces that are composed into others (io.ReadWriter of io.Reader
// and io.Writer) are the good kind, and are left alone, as are interfaces
// with more than one implementation in the package and those of generated
// files. An implementation in another package is not seen, so interfaces
// declared at a consumer, with the service elsewhere, are not reported.
// Nouns are compared by the method names' words, not by meaning.
//
// # Suppressing
//
// Add //trapvet:ignore ifacesplit <reason> on the reported line or the
// line above it.
package ifacesplit
