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

// A record the package fills in before it publishes it: the caller builds
// it (NewPermit), Attach sets its owner, then stores it under the lock.
// No handout can hold it before the store under the lock.
type Permit struct {
	Peer  string
	owner *Permits
}

func NewPermit(peer string) *Permit { return &Permit{Peer: peer} }

type Permits struct {
	mu     sync.RWMutex
	grants map[string]*Permit
}

// Attach fills in the caller's new grant, then publishes it.
func (g *Permits) Attach(gr *Permit) {
	gr.owner = g
	g.mu.Lock()
	g.grants[gr.Peer] = gr
	g.mu.Unlock()
}

// Open makes a grant with a constructor, fills it in, then publishes it.
func (g *Permits) Open(peer string) {
	gr := NewPermit(peer)
	gr.owner = g
	g.mu.Lock()
	defer g.mu.Unlock()
	g.grants[peer] = gr
}

// Permit hands out a grant that the package fills in only before it
// publishes it: the holder of the handout races with nothing.
func (g *Permits) Permit(peer string) *Permit { // want Permit:"result 0 refers into g\\.grants, guarded by g\\.mu"
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.grants[peer]
}

// A record changed after it is published: Publish stores it, then sets
// its owner, while a Lookup caller may read it.
type Lease2 struct {
	Key   string
	owner *Leases
}

type Leases struct {
	mu     sync.Mutex
	leases map[string]*Lease2
}

func (l *Leases) Publish(le *Lease2) {
	l.mu.Lock()
	l.leases[le.Key] = le
	l.mu.Unlock()
	le.owner = l
}

// Lookup hands out a lease that Publish changes after publishing it.
func (l *Leases) Lookup(k string) *Lease2 { // want Lookup:"result 0 refers into l\\.leases, guarded by l\\.mu"
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.leases[k] // want `Lookup returns \*Lease2 from l\.leases, changed in place, guarded by l\.mu`
}

// A record filled in and published in every round of a loop: the next
// round's store changes the record the last round published.
type Slot struct {
	N    int
	Name string
}

type Slots struct {
	mu    sync.Mutex
	slots []*Slot
}

func (s *Slots) Fill(sl *Slot, names []string) {
	for _, n := range names {
		sl.Name = n
		s.mu.Lock()
		s.slots = append(s.slots, sl)
		s.mu.Unlock()
	}
}

// At hands out a slot that Fill changes after publishing it.
func (s *Slots) At(i int) *Slot { // want At:"result 0 refers into s\\.slots, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.slots[i] // want `At returns \*Slot from s\.slots, changed in place, guarded by s\.mu`
}
