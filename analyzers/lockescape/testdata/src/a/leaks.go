package a

import (
	"slices"
	"sort"
	"sync"
)

// ---- 1. the address of a guarded value field ----

type GameStats struct {
	Games int
	Wins  int
}

type Scoreboard struct {
	mu     sync.Mutex
	stats  GameStats
	hist   [8]int
	config GameStats
	last   GameStats
}

func NewScoreboard(cfg GameStats) *Scoreboard { return &Scoreboard{config: cfg} }

func (s *Scoreboard) Record(win bool, bucket int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Games++
	if win {
		s.stats.Wins++
	}
	s.hist[bucket%8]++
	s.last = s.stats
}

func (s *Scoreboard) Stats() *GameStats { // want Stats:"result 0 refers into s\\.stats, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return &s.stats // want `Stats returns &s.stats, a pointer into s.stats, guarded by s.mu: callers can change it without the lock`
}

func (s *Scoreboard) Histogram() *[8]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &s.hist // want `Histogram returns &s.hist, a pointer into s.hist, guarded by s.mu`
}

// StatsCopy returns a copy of a struct of scalars: it shares nothing.
func (s *Scoreboard) StatsCopy() GameStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Config returns the address of a field set only by the constructor,
// never written under the lock.
func (s *Scoreboard) Config() *GameStats { // want Config:"result 0 refers into s\\.config, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return &s.config
}

// Wins copies a scalar out of the guarded struct.
func (s *Scoreboard) Wins() *int {
	s.mu.Lock()
	w := s.stats.Wins
	s.mu.Unlock()
	return &w
}

// ---- 2. pointers into guarded slices and arrays of structs ----

type Entry struct {
	Name  string
	Score int
}

type Job struct {
	Repo  string
	State string
}

type Leaderboard struct {
	mu       sync.Mutex
	top      []Entry
	byRunner map[string][]Job
	podium   [3]Entry
}

func (l *Leaderboard) Add(e Entry, runner string, j Job) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.top = append(l.top, e)
	l.byRunner[runner] = append(l.byRunner[runner], j)
	l.podium[0] = e
}

// Top hands out a pointer into l.top, which the lock only appends to:
// no element a holder sees is written under the lock, so reading through
// it races with nothing; a caller's write through it is reported where
// it is made (TopWrite).
func (l *Leaderboard) Top(i int) *Entry { // want Top:"result 0 refers into l\\.top, guarded by l\\.mu"
	l.mu.Lock()
	defer l.mu.Unlock()
	return &l.top[i]
}

func TopWrite(l *Leaderboard) {
	l.Top(0).Score = 0 // want `assignment to l.Top\(0\).Score writes the \*Entry that l.Top returns from l.top without holding l.mu`
}

func (l *Leaderboard) RunnerJob(runner string, i int) *Job { // want RunnerJob:"result 0 refers into l\\.byRunner, guarded by l\\.mu"
	l.mu.Lock()
	defer l.mu.Unlock()
	return &l.byRunner[runner][i] // want `RunnerJob returns &l.byRunner\[runner\]\[i\], a pointer into l.byRunner, guarded by l.mu`
}

func (l *Leaderboard) Winner() *Entry { // want Winner:"result 0 refers into l\\.podium, guarded by l\\.mu"
	l.mu.Lock()
	w := &l.podium[0]
	l.mu.Unlock()
	return w // want `Winner returns &l.podium\[0\], a pointer into l.podium, guarded by l.mu`
}

// TopCopy returns a pointer to a copy of the entry.
func (l *Leaderboard) TopCopy(i int) *Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.top[i]
	return &e
}

// RunnerJobValue returns the job by value: a struct of strings.
func (l *Leaderboard) RunnerJobValue(runner string, i int) Job {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byRunner[runner][i]
}

// ---- 3. a struct copy that shares guarded maps and slices ----

type Settings struct {
	Name   string
	Labels map[string]string
	Peers  []string
}

type Node struct {
	mu    sync.Mutex
	cfg   Settings
	other Settings
}

func (n *Node) SetLabel(k, v string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.cfg.Labels[k] = v
}

func (n *Node) Settings() Settings {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.cfg // want `Settings returns a copy of n.cfg that shares its maps and slices, guarded by n.mu`
}

func (n *Node) Rename(name string, labels map[string]string, peer string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.other.Name = name
	n.other.Labels = labels
	n.other.Peers = append(n.other.Peers, peer)
}

// Other returns a copy of a struct whose map is only ever replaced whole
// and whose slice is only appended past its length: the copy keeps the
// old map and the old length, which nobody changes.
func (n *Node) Other() Settings {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.other
}

type Limits struct {
	PerUser map[string]int
}

type Policy struct {
	Name   string
	Limits Limits
}

type Gate struct {
	mu     sync.Mutex
	policy Policy
	quiet  Policy
}

func (g *Gate) SetLimit(user string, n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.policy.Limits.PerUser[user] = n
	g.quiet.Name = user
}

func (g *Gate) Policy() Policy {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.policy // want `Policy returns a copy of g.policy that shares its maps and slices, guarded by g.mu`
}

// Quiet returns a copy of a struct whose nested map is never written in
// place; only a string field is assigned.
func (g *Gate) Quiet() Policy {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.quiet
}

// ---- 4. a reference read under the lock and returned after Unlock ----

type Queue struct {
	mu    sync.Mutex
	jobs  []Job
	byID  []*Job
	names []string
}

// Retry changes a queued job in place under the lock: a pointer into
// q.jobs held outside it races with this write.
func (q *Queue) Retry(i int) {
	q.mu.Lock()
	q.jobs[i].State = "retry"
	q.mu.Unlock()
}

func (q *Queue) Push(j Job) {
	q.mu.Lock()
	q.jobs = append(q.jobs, j)
	q.byID = append(q.byID, &Job{Repo: j.Repo})
	q.mu.Unlock()
}

// find returns a pointer into q.jobs; its callers hold q.mu.
func (q *Queue) find(repo string) *Job {
	for i := range q.jobs {
		if q.jobs[i].Repo == repo {
			return &q.jobs[i]
		}
	}
	return nil
}

// lookup returns an element of q.byID, a slice of pointers.
func (q *Queue) lookup(repo string) *Job {
	for _, j := range q.byID {
		if j.Repo == repo {
			return j
		}
	}
	return nil
}

func (q *Queue) SetState(repo, state string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j := q.lookup(repo); j != nil {
		j.State = state
	}
}

func (q *Queue) Find(repo string) *Job { // want Find:"result 0 refers into q\\.jobs, guarded by q\\.mu"
	q.mu.Lock()
	j := q.find(repo)
	q.mu.Unlock()
	return j // want `Find returns \*Job from q.jobs through q.find, guarded by q.mu`
}

func (q *Queue) Lookup(repo string) *Job { // want Lookup:"result 0 refers into q\\.byID, guarded by q\\.mu"
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.lookup(repo) // want `Lookup returns \*Job from q.byID through q.lookup, guarded by q.mu`
}

// State copies a field of the job found under the lock.
func (q *Queue) State(repo string) string {
	q.mu.Lock()
	defer q.mu.Unlock()
	j := q.find(repo)
	if j == nil {
		return ""
	}
	return j.State
}

// FindCopy returns a copy of the job.
func (q *Queue) FindCopy(repo string) (Job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j := q.find(repo); j != nil {
		return *j, true
	}
	return Job{}, false
}

// clone returns a fresh job: nothing of q.jobs.
func (q *Queue) clone(repo string) *Job {
	for _, j := range q.jobs {
		if j.Repo == repo {
			c := j
			return &c
		}
	}
	return nil
}

// Clone returns what clone made, which shares nothing.
func (q *Queue) Clone(repo string) *Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.clone(repo)
}

// ---- 5. a guarded slice changed in place elsewhere ----

type History struct {
	mu      sync.Mutex
	names   []string
	events  []string
	log     []string
	queue   []int
	removed []int
	spliced []int
	appends []string
	swapped []string
	nonce   []byte
	ids     []int
	front   []int
}

func (h *History) Record(name, ev string, id int, src []byte, snap []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.names = append(h.names, name)
	sort.Strings(h.names)
	h.events = append(h.events, ev)
	h.log = append(h.log, ev)
	h.queue = append(h.queue, id)
	h.removed = append(h.removed, id)
	h.spliced = append(h.spliced, id)
	h.appends = append(h.appends, ev)
	h.swapped = snap
	h.front = append(h.front, id)
	h.nonce = make([]byte, len(src))
	copy(h.nonce, src)
	h.ids = make([]int, id)
	for i := range h.ids {
		h.ids[i] = i
	}
}

func (h *History) Forget(i int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = slices.Delete(h.events, i, i+1)
	h.removed = append(h.removed[:i], h.removed[i+1:]...)
	slices.Sort(h.spliced)
	if len(h.log) > 100 {
		h.log = h.log[:0]
	}
	h.front = h.front[1:]
}

func (h *History) Names() []string { // want Names:"result 0 refers into h\\.names, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.names // want `Names returns slice h.names, guarded by h.mu: callers can change it without the lock; return slices.Clone\(h.names\)`
}

func (h *History) Recent(n int) []string { // want Recent:"result 0 refers into h\\.events, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.events[len(h.events)-n:] // want `Recent returns slice h.events\[len\(h.events\) - n:\] of h.events, guarded by h.mu`
}

func (h *History) Log() []string { // want Log:"result 0 refers into h\\.log, guarded by h\\.mu"
	h.mu.Lock()
	l := h.log
	h.mu.Unlock()
	return l // want `Log returns slice h.log, guarded by h.mu`
}

func (h *History) Removed() []int { // want Removed:"result 0 refers into h\\.removed, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.removed // want `Removed returns slice h.removed, guarded by h.mu`
}

func (h *History) Spliced() []int { // want Spliced:"result 0 refers into h\\.spliced, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.spliced[:2] // want `Spliced returns slice h.spliced\[:2\] of h.spliced, guarded by h.mu`
}

// Appends returns a slice only appended to past its length: the caller's
// elements are never written again.
func (h *History) Appends() []string { // want Appends:"result 0 refers into h\\.appends, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.appends
}

// Swapped returns a slice only ever replaced whole.
func (h *History) Swapped() []string { // want Swapped:"result 0 refers into h\\.swapped, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.swapped
}

// Nonce returns a slice made and filled before it was published, then
// never written: replaced whole.
func (h *History) Nonce() []byte { // want Nonce:"result 0 refers into h\\.nonce, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.nonce
}

// IDs returns a slice filled element by element right after it was made.
func (h *History) IDs() []int { // want IDs:"result 0 refers into h\\.ids, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ids
}

// Front returns a slice whose head is dropped by reslicing: the elements
// a caller holds are never written.
func (h *History) Front() []int { // want Front:"result 0 refers into h\\.front, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.front
}

// Queue returns a slice only appended to.
func (h *History) Queue() []int { // want Queue:"result 0 refers into h\\.queue, guarded by h\\.mu"
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.queue
}

type Batcher struct {
	mu      sync.Mutex
	pending []string
	queued  []string
}

func (b *Batcher) Add(s string) {
	b.mu.Lock()
	b.pending = append(b.pending, s)
	b.queued = append(b.queued, s)
	b.mu.Unlock()
}

func (b *Batcher) Drain() []string { // want Drain:"result 0 refers into b\\.pending, guarded by b\\.mu"
	b.mu.Lock()
	out := b.pending
	b.pending = b.pending[:0]
	b.mu.Unlock()
	return out // want `Drain returns slice b.pending, guarded by b.mu`
}

// DrainOwned hands the slice over and starts a new one: the caller owns
// the old backing array.
func (b *Batcher) DrainOwned() []string {
	b.mu.Lock()
	out := b.queued
	b.queued = nil
	b.mu.Unlock()
	return out
}

type streamEntry struct {
	ID     string
	Values []string
}

type entryStream struct {
	mu      sync.Mutex
	entries []streamEntry
}

func (s *entryStream) add(e streamEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, e)
}

func (s *entryStream) trim(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.entries) > n {
		s.entries = s.entries[len(s.entries)-n:]
	}
}

// Get returns a pointer into entries, which the lock appends to and
// re-slices from the front, and never writes in place: the entry a
// holder sees never changes under the lock.
func (s *entryStream) Get(id string) *streamEntry { // want Get:"result 0 refers into s\\.entries, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.entries {
		if s.entries[i].ID == id {
			return &s.entries[i]
		}
	}
	return nil
}

type ackStream struct {
	mu      sync.Mutex
	entries []streamEntry
}

func (s *ackStream) ack(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries[i].ID = "acked"
}

func (s *ackStream) Get(i int) *streamEntry { // want Get:"result 0 refers into s\\.entries, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return &s.entries[i] // want `Get returns &s.entries\[i\], a pointer into s.entries, guarded by s.mu`
}

// A slice compacted in place through a local variable: kept starts as a
// cut of the field and is appended to, so Remove overwrites the array
// that IPs hands out.
type ipPool struct {
	mu  sync.Mutex
	ips []string
	old []string
}

func (p *ipPool) IPs() []string { // want IPs:"result 0 refers into p\\.ips, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ips // want `IPs returns slice p.ips, guarded by p.mu: callers can change it without the lock`
}

func (p *ipPool) Remove(ip string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.ips[:0]
	for _, x := range p.ips {
		if x != ip {
			kept = append(kept, x)
		}
	}
	p.ips = kept
}

// Old hands out a slice that Prune replaces with a new one, filtered
// into a fresh array: the handout is never overwritten.
func (p *ipPool) Old() []string { // want Old:"result 0 refers into p\\.old, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.old
}

func (p *ipPool) Prune(ip string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var kept []string
	for _, x := range p.old {
		if x != ip {
			kept = append(kept, x)
		}
	}
	p.old = kept
}
