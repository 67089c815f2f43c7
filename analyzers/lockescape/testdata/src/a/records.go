package a

import "sync"

// Containers of pointers to records that the package changes in place:
// handing out the container or an element shares the record, whatever
// lock the package changes it under.

type Build struct {
	ID     string
	Status string
	Tries  int
}

// Retry changes the build in place, without any lock.
func (b *Build) Retry() {
	b.Tries++
}

type Pipeline struct {
	mu      sync.Mutex
	builds  map[string]*Build
	pending []*Build
}

func (p *Pipeline) Add(b *Build) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.builds[b.ID] = b
	next := make([]*Build, 0, len(p.pending)+1)
	next = append(next, p.pending...)
	p.pending = append(next, b)
}

// Get hands out a build that Retry changes in place.
func (p *Pipeline) Get(id string) *Build { // want Get:"result 0 refers into p\\.builds, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.builds[id] // want `Get returns \*Build from p\.builds, changed in place, guarded by p\.mu: callers can change it without the lock`
}

// Pending returns a slice that is only ever replaced whole, but of
// pointers to builds changed in place.
func (p *Pipeline) Pending() []*Build { // want Pending:"result 0 refers into p\\.pending, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pending // want `Pending returns slice p\.pending of \*Build, changed in place, guarded by p\.mu`
}

// First returns a part of that slice.
func (p *Pipeline) First(n int) []*Build { // want First:"result 0 refers into p\\.pending, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pending[:n] // want `First returns slice p\.pending\[:n\] of p\.pending, whose \*Build are changed in place`
}

// Find loads the pointer under the lock and returns it after the unlock.
func (p *Pipeline) Find(id string) *Build { // want Find:"result 0 refers into p\\.builds, guarded by p\\.mu"
	p.mu.Lock()
	b := p.builds[id]
	p.mu.Unlock()
	return b // want `Find returns \*Build from p\.builds, changed in place`
}

// find is unexported: its callers are in the package.
func (p *Pipeline) find(id string) *Build { // want find:"result 0 refers into p\\.builds, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.builds[id]
}

// Snapshot copies each build.
func (p *Pipeline) Snapshot(id string) Build {
	p.mu.Lock()
	defer p.mu.Unlock()
	return *p.builds[id]
}

// A record that is only filled in where it is made.

type Ticket struct {
	ID    string
	Owner string
}

func (t *Ticket) String() string { return t.ID + " " + t.Owner }

func NewTicket(id, owner string) *Ticket {
	t := &Ticket{ID: id}
	t.Owner = owner
	return t
}

type Desk struct {
	mu      sync.Mutex
	tickets map[string]*Ticket
	queue   []*Ticket
}

func (d *Desk) Open(id, owner string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	t := NewTicket(id, owner)
	d.tickets[id] = t
	d.queue = append(append([]*Ticket(nil), d.queue...), t)
}

// Ticket returns a record nobody changes after it is made.
func (d *Desk) Ticket(id string) *Ticket { // want Ticket:"result 0 refers into d\\.tickets, guarded by d\\.mu"
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tickets[id]
}

// Queue returns a slice replaced whole, of records never changed.
func (d *Desk) Queue() []*Ticket { // want Queue:"result 0 refers into d\\.queue, guarded by d\\.mu"
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queue
}

// A record that synchronises itself.

type Lease struct {
	mu    sync.Mutex
	Owner string
}

func (l *Lease) Renew(owner string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Owner = owner
}

type LeaseTable struct {
	mu     sync.Mutex
	leases map[string]*Lease
}

func (t *LeaseTable) Put(k string, l *Lease) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.leases[k] = l
}

// Lease returns a record that takes its own lock to change.
func (t *LeaseTable) Lease(k string) *Lease {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.leases[k]
}

// A record that carries its mutex in an embedded struct.

type participantBase struct {
	lock sync.RWMutex
	name string
}

type RemoteParticipant struct {
	participantBase
	State string
}

func (p *RemoteParticipant) SetState(s string) {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.State = s
}

type Session struct {
	mu           sync.RWMutex
	participants map[string]*RemoteParticipant
}

func (s *Session) Add(p *RemoteParticipant) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.participants[p.name] = p
}

// Touch changes a participant in place under the session lock.
func (s *Session) Touch(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.participants[id].State = "active"
}

// Participant returns a record that carries its own mutex, through an
// embedded struct: the record synchronises itself.
func (s *Session) Participant(id string) *RemoteParticipant {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.participants[id]
}
