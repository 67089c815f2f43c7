package main

import (
	"errors"
	"log"

	"go.uber.org/zap"
)

// An app's logger field is set by its composite literal, by a
// constructor of this package, by an assignment or by its start method.
type app struct {
	log  *zap.Logger
	name string
}

func newApp(name string) *app { return &app{name: name} }

func newAppWith(l *zap.Logger) *app {
	a := &app{name: "x"}
	a.log = l
	return a
}

func (a *app) start() error {
	if a.name == "" {
		return errors.New("no name")
	}
	a.log = zap.L()
	return nil
}

// A method runs on a built value: its receiver's logger counts.
func (a *app) run() {
	log.Printf("running %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}

func literal() {
	a := &app{log: zap.L(), name: "lit"}
	log.Printf("app %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}

// The literal names no logger: a.log is nil.
func literalWithout() {
	a := &app{name: "lit"}
	log.Printf("app %s", a.name)
}

// The zero value has no logger.
func zeroValue() {
	var a app
	log.Printf("app %s", a.name)
}

// A constructor of this package that leaves the field nil.
func constructorWithout() {
	a := newApp("c")
	log.Printf("app %s", a.name)
}

func constructorWith() {
	a := newAppWith(zap.L())
	log.Printf("app %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}

func assigned() {
	a := newApp("c")
	log.Printf("before %s", a.name)
	a.log = zap.L()
	log.Printf("after %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}

// After start succeeded the logger is set; in its error branch it may
// not be.
func started() {
	a := newApp("s")
	err := a.start()
	if err != nil {
		log.Fatalf("cannot start: %v", err)
	}
	log.Printf("started %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}

// An error branch that goes on: the logger may be nil after it.
func startFailureIgnored() {
	a := newApp("s")
	if err := a.start(); err != nil {
		log.Printf("cannot start: %v", err)
	}
	log.Printf("started %s", a.name)
}

// A value from elsewhere (a range over built apps) counts as built.
func ranged(apps []*app) {
	for _, a := range apps {
		log.Printf("app %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
	}
}

var current = &app{log: zap.L(), name: "current"}

func currentApp() *app { return current }

// A function that returns a value it did not build (a getter) gives a
// built value: its logger counts.
func fromGetter() {
	a := currentApp()
	log.Printf("app %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}

func newAppNamed(name string) *app {
	a := new(app)
	a.name = name
	return a
}

// A constructor that builds the value with new and sets no logger.
func constructorNew() {
	a := newAppNamed("n")
	log.Printf("app %s", a.name)
}

// lookupApp returns an app from elsewhere, or an error.
func lookupApp(name string) (*app, error) { return nil, nil }

// fromCall prints in the error branch of the call that returned the app:
// beside an error the app is not to be used (nil here), so it has no
// logger at hand there. Not reported.
func fromCall() {
	a, err := lookupApp("api")
	if err != nil {
		log.Fatalf("no app: %v", err)
	}
	log.Printf("app %s", a.name) // want `log.Printf used as logging in a package that logs with zap: use a.log.Info instead`
}
