// Package refresher holds caches that a goroutine of the package refreshes
// under their lock while callers read them.
package refresher

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"
)

type details struct {
	ByService map[string][]string
	IDs       []string
}

// Repository's refresher replaces the cache under mu every interval.
type Repository struct {
	mu      sync.RWMutex
	cache   details
	lastErr error
	name    string
}

func NewRepository(ctx context.Context, every time.Duration) *Repository {
	r := &Repository{name: "prom"}
	r.refresh()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
				r.refresh()
			}
		}
	}()
	return r
}

func (r *Repository) refresh() {
	fresh := details{ByService: map[string][]string{"a": {"1"}}, IDs: []string{"1"}}
	r.mu.Lock()
	r.cache.ByService = fresh.ByService
	r.cache.IDs = fresh.IDs
	r.lastErr = nil
	r.mu.Unlock()
}

// ListByService reads the cache the refresher replaces, without the lock.
func (r *Repository) ListByService(service string) []string {
	return r.cache.ByService[service] // want `ListByService reads r.cache without holding r.mu, under which the goroutine started in NewRepository assigns it: a data race`
}

// Err reads a field the refresher assigns, without the lock.
func (r *Repository) Err() error {
	return r.lastErr // want `Err reads r.lastErr without holding r.mu, under which the goroutine started in NewRepository assigns it: a data race`
}

// Count holds the read lock: fine.
func (r *Repository) Count() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.cache.IDs)
}

// Name reads a field set once in the constructor: nothing races.
func (r *Repository) Name() string {
	return r.name
}

// Loader fans out and waits: its goroutines are done before Load reads.
type Loader struct {
	mu    sync.Mutex
	parts map[int]string
	total int
}

func (l *Loader) Load(n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.mu.Lock()
			l.total++
			l.mu.Unlock()
		}()
	}
	wg.Wait()
}

// Total reads what Load's joined goroutines wrote: Load has returned.
func (l *Loader) Total() int {
	return l.total
}

// Poller's goroutine writes its state without taking the lock the
// methods use for other fields: no background write under the lock.
type Poller struct {
	mu    sync.Mutex
	seen  map[string]bool
	ticks int
}

func (p *Poller) Start() {
	go p.loop()
}

func (p *Poller) loop() {
	for range time.Tick(time.Second) {
		p.mu.Lock()
		p.seen["tick"] = true
		p.mu.Unlock()
	}
}

// Seen holds the lock.
func (p *Poller) Seen(k string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen[k]
}

// Runner's Run is the goroutine itself: it reads what it writes.
type Runner struct {
	mu    sync.Mutex
	state string
}

func (r *Runner) Start() { go r.Run() }

func (r *Runner) Run() {
	r.mu.Lock()
	r.state = "running"
	r.mu.Unlock()
	_ = r.state
}

// stateLocked's name says the caller holds the lock.
func (r *Runner) StateLocked() string { return r.state }

// Session's receive loop records why it stopped and Close closes done:
// a reader returning the error after done is closed is ordered after the
// write.
type Session struct {
	errMu       sync.Mutex
	shutdownErr error
	done        chan struct{}
}

func NewSession() *Session {
	s := &Session{done: make(chan struct{})}
	go s.recv()
	return s
}

func (s *Session) recv() {
	s.exit(errors.New("eof"))
}

func (s *Session) exit(err error) {
	s.errMu.Lock()
	if s.shutdownErr == nil {
		s.shutdownErr = err
	}
	s.errMu.Unlock()
}

func (s *Session) isClosed() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Accept returns the error once done is closed.
func (s *Session) Accept() error {
	<-s.done
	return s.shutdownErr
}

// Open asks a helper that receives from done.
func (s *Session) Open() error {
	if s.isClosed() {
		return s.shutdownErr
	}
	return nil
}

// LastErr reads it with nothing ordering the read.
func (s *Session) LastErr() error {
	return s.shutdownErr // want `LastErr reads s.shutdownErr without holding s.errMu, under which the goroutine started in NewSession assigns it: a data race`
}

// Image's loader goroutines are handed the image as a parameter of
// another type's method: they may work on any image, not on the value a
// method of Image or its constructor shares.
type Image struct {
	mu      sync.Mutex
	loadErr error
}

func (im *Image) setErr(err error) {
	im.mu.Lock()
	im.loadErr = err
	im.mu.Unlock()
}

type Info struct{ images []*Image }

func (bi *Info) load(im *Image, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		im.setErr(errors.New("no symbols"))
	}()
}

// LoadError: its writers ran on images the caller joined.
func (im *Image) LoadError() error {
	return im.loadErr
}

type serverInfo struct {
	Name      string
	JetStream bool
}

// Server's out-of-space goroutine turns JetStream off in info under mu;
// Name is set before the server is shared and never again.
type Server struct {
	mu   sync.Mutex
	info serverInfo
	// state is written holding both stateMu and mu; a reader holding mu
	// is ordered with it.
	stateMu sync.Mutex
	dirty   int
}

func NewServer(name string) *Server {
	s := &Server{info: serverInfo{Name: name}}
	go s.watchSpace()
	return s
}

func (s *Server) watchSpace() {
	s.mu.Lock()
	s.info.JetStream = false
	s.mu.Unlock()
	s.stateMu.Lock()
	s.mu.Lock()
	s.dirty = 0
	s.mu.Unlock()
	s.stateMu.Unlock()
}

// NodeName reads a field of info the goroutine never writes.
func (s *Server) NodeName() string {
	return s.info.Name
}

// JetStreamEnabled reads the one it writes.
func (s *Server) JetStreamEnabled() bool {
	return s.info.JetStream // want `JetStreamEnabled reads s.info without holding s.mu, under which the goroutine started in NewServer assigns it: a data race`
}

// MarkDirty holds mu, one of the two the write holds.
func (s *Server) MarkDirty() {
	s.mu.Lock()
	s.dirty++
	s.mu.Unlock()
}

// Reason returns why the session stopped. It is not safe to call this
// function until Done has been closed.
func (s *Session) Reason() error {
	return s.shutdownErr
}

// Options of a value being built are set before it starts.
type Plugin struct {
	mu      sync.Mutex
	metrics string
	reload  chan string
}

func NewPlugin() *Plugin { return &Plugin{reload: make(chan string)} }

func (p *Plugin) Start() { go p.loop() }

func (p *Plugin) loop() {
	for m := range p.reload {
		p.mu.Lock()
		p.metrics = m
		p.mu.Unlock()
	}
}

// WithMetrics returns its receiver: a builder step, before Start.
func (p *Plugin) WithMetrics(m string) *Plugin {
	p.metrics = m
	return p
}

// Metrics reads at run time.
func (p *Plugin) Metrics() string {
	return p.metrics // want `Metrics reads p.metrics without holding p.mu, under which the goroutine started in Start assigns it: a data race`
}

// UnmarshalText fills a Plugin a decoder made.
func (p *Plugin) UnmarshalText(b []byte) error {
	p.metrics = string(b)
	return nil
}

// Injector's actions run in goroutines its HTTP handler starts; Start
// registers that handler after reading nodes: no action exists yet.
type Injector struct {
	nodesMu sync.Mutex
	nodes   []string
	mux     *http.ServeMux
}

func (s *Injector) Start() int {
	n := len(s.nodes)
	s.mux.HandleFunc("/action", s.handleAction)
	return n
}

func (s *Injector) handleAction(w http.ResponseWriter, r *http.Request) {
	s.trigger()
}

func (s *Injector) trigger() {
	go func() {
		s.nodesMu.Lock()
		s.nodes = append(s.nodes, "n")
		s.nodesMu.Unlock()
	}()
}

// Nodes reads while actions run.
func (s *Injector) Nodes() int {
	return len(s.nodes) // want `Nodes reads s.nodes without holding s.nodesMu, under which the goroutine started in trigger assigns it: a data race`
}

// Forwarders is a map type whose Kill ranges over and deletes from it.
type Forwarders map[string]int

func (ff Forwarders) Kill(path string) int {
	n := 0
	for k := range ff {
		if k == path {
			delete(ff, k)
			n++
		}
	}
	return n
}

// Size reads only the count.
func (ff Forwarders) Size() int { return len(ff) }

type Factory struct {
	mx         sync.RWMutex
	forwarders Forwarders
}

func (f *Factory) AddForwarder(path string) {
	f.mx.Lock()
	defer f.mx.Unlock()
	f.forwarders[path] = 1
}

// DeleteForwarder kills through the map type's method, without the lock.
func (f *Factory) DeleteForwarder(path string) int {
	return f.forwarders.Kill(path) // want `DeleteForwarder uses map f.forwarders without holding f.mx`
}

// Count calls a method that touches no element.
func (f *Factory) Count() int {
	return f.forwarders.Size()
}

// WaitLogged reads the cache after a tick: a clock orders nothing.
func (r *Repository) WaitLogged(t *time.Ticker) int {
	<-t.C
	return len(r.cache.IDs) // want `WaitLogged reads r.cache without holding r.mu, under which the goroutine started in NewRepository assigns it: a data race`
}
