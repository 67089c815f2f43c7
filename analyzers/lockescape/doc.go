// Package lockescape defines an Analyzer that reports references to
// mutex-guarded state handed out of the lock, and writes to guarded state
// under a read lock.
//
// # Analyzer lockescape
//
// lockescape: report guarded data leaking out of its mutex
//
// A mutex protects data, not the code that reads it. A method that locks,
// looks up a pointer, map or slice in guarded state and returns it has
// finished with the lock, but the caller now holds a reference into the
// same memory, and reads or changes it without the lock while other
// methods change it under the lock: a data race, and for maps a fatal
// "concurrent map read and map write".
//
//	type ProjectCache struct {
//		mu       sync.Mutex
//		projects map[string]*ProjectInfo
//	}
//
//	func (c *ProjectCache) UpdateStatus(id, s string) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		c.projects[id].Status = s
//	}
//
//	func (c *ProjectCache) GetProject(id string) *ProjectInfo {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		return c.projects[id]
//	}
//
// lockescape reports:
//
//	GetProject returns *ProjectInfo from c.projects, guarded by c.mu: callers can change it without the lock
//
// Return a copy, which shares nothing, or give the type a method that
// performs the caller's update under the lock:
//
//	func (c *ProjectCache) GetProject(id string) (ProjectInfo, bool) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		p, ok := c.projects[id]
//		if !ok {
//			return ProjectInfo{}, false
//		}
//		return *p, true
//	}
//
// A guarded map or slice of values returned as is gets a suggested fix
// that returns maps.Clone or slices.Clone of it, when the file's Go
// version has those (Go 1.21).
//
// lockescape also reports writes to guarded state while holding only the
// read lock of a sync.RWMutex: field stores, ++ and --, map assignments,
// delete, append to a guarded slice, and clear. Readers hold the read lock
// together, so such a write races with every concurrent reader; for a map
// it crashes the program. (gVisor's checklocks does not see map writes
// and delete.)
//
//	c.mu.RLock()
//	defer c.mu.RUnlock()
//	delete(c.projects, id) // delete(c.projects, id) writes c.projects under c.mu.RLock: ...; use c.mu.Lock
//
// A field touched only under the read lock is guarded too when the write
// is a counter or a map change (c.reads++, c.n += d, l.denied[k]++,
// delete): every reader runs it at once. Every such field written is
// reported, each at its statement. So is a write through a pointer that
// the function read from guarded state under the read lock and assigned
// once, b := l.buckets[k] followed by b.tokens--: the pointee is shared
// by every concurrent reader.
//
// # The guard model
//
// For a struct type with a sync.Mutex or sync.RWMutex field (named or
// embedded), a field is guarded by that mutex when code of the package
// accesses it, through the same variable, between a Lock or RLock of the
// mutex and its unlock (or the end of the function, for a deferred
// unlock), following the control-flow graph. A field accessed only outside
// the lock, such as one set by a constructor before the value is shared,
// is not guarded. A field is guarded by the one mutex held at every
// access made under a lock: with nested locks (Leave takes leaveLock,
// then nodeLock, around a read of nodeMap that every other access makes
// under nodeLock alone), the inner one guards it. A field accessed under
// one mutex in one place and under another elsewhere has no guard, and
// is left alone.
//
// # The rule
//
// While holding the lock, a function may not return, or store through a
// pointer parameter (an out-parameter), a reference that shares memory
// with guarded state that the package changes in place under the lock:
//
//   - a guarded map or slice (or a sub-slice of it, as in
//     c.history[len(c.history)-n:]) changed in place under the lock
//     somewhere in the package: its elements assigned, deleted or
//     cleared, copy into it, sorted (sort.Strings, sort.Sort, slices.Sort
//     and its kin), spliced (slices.Delete, slices.Insert, slices.Compact,
//     append(c.f[:i], c.f[i+1:]...)), or cut back to a prefix
//     (c.f = c.f[:0]) and appended to again, directly or through a local
//     variable stored back (kept := c.f[:0]; kept = append(kept, x);
//     c.f = kept, an in-place filter), which overwrites the elements a
//     holder of the old slice sees;
//   - from an exported function or method, a pointer to a struct of the
//     package read from a guarded field, map or slice, when the package
//     writes fields of that struct type under the same lock, through a
//     pointer it read from guarded state (not while initialising a value
//     it has just created or been given);
//   - from an exported function or method, a guarded map or slice of
//     pointers to structs of the package ([]*Job, map[string]*Job, even
//     one only ever replaced whole), a sub-slice of it, or one of its
//     elements, when the package changes a record of that struct type in
//     place anywhere, under the lock or not: a field assigned through a
//     pointer (j.Tries++ in a method, a worker, a loop over the jobs) in
//     a function that does not itself allocate a value of that type
//     (&Job{...}, new(Job)), which is filling in a value nobody else
//     holds yet. So is a store that fills in a record before the same
//     function publishes it: through a parameter, or a local set once
//     from a call (a constructor), used only through its fields before
//     the store, and stored itself into a field or an element after it
//     (r.owner = t; t.mu.Lock(); t.recs[k] = r), with no loop or closure
//     that could run the store again after the publication. Types that
//     hold their own mutex or atomics are left out.
//     The message says the record is changed in place, and the related
//     positions show where;
//   - &c.f, &c.f[i], &c.f.g or &c.m[k][i] for a guarded field written
//     under the lock: the address of a struct or array field whose own
//     fields or elements are written under the lock (return &c.stats
//     while another method does c.stats.Games++), or a pointer into a
//     guarded slice or array of structs, also one held in a map
//     (&c.byRunner[runner][i]), whose elements the package changes in
//     place under the lock (c.jobs[i].State = s, a splice, a sort, a cut
//     back to c.jobs[:0] and appended to again). A slice the lock only
//     appends to or re-slices from the front never rewrites an element a
//     holder of &c.f[i] sees: only a caller's write through the pointer
//     could race, and that write is reported where it is made (below);
//   - &v.f (or &v.f.g through struct values) where v is a pointer to a
//     record read out of guarded state under the lock and reported when
//     returned itself (st := m.nodes[name]; return &st.Node), when the
//     package stores into that field of such a record through a shared
//     pointer (st.Addr = a, a promoted field of the embedded Node, in a
//     function that may also allocate the record for a new key): the
//     pointer shares the record's memory as the record does. A field the
//     package only sets while building the record is left alone;
//   - a fresh slice the method fills under the lock with such records, or
//     with &v.f of them, ranging over the guarded container (out :=
//     make([]*Service, 0, len(r.m)); for _, s := range r.m { out =
//     append(out, s) }; return out), when every assignment to the slice
//     makes it empty or appends to it: the slice is new, its elements are
//     the package's records;
//   - a copy of a guarded struct value that contains maps or slices
//     changed in place under the lock (return c.cfg, when another method
//     does c.cfg.Labels[k] = v): the copy shares them.
//
// A local variable loaded from such a reference under the lock and
// returned later, after the unlock, is reported too, and so is a function
// literal, returned while holding the lock, that reads a guarded field
// written under the lock without locking itself: it runs after the
// unlock. One that releases the mutex itself (return func() { defer
// s.mu.Unlock(); ... }) is handed the lock the function returned
// holding, and runs under it: not reported.
//
// The reference may come from a method of the same type called on the
// same variable under the lock: lockescape summarises, per package, what
// each method that takes no lock itself returns (&q.jobs[i], an element
// of q.byID reached by a range loop, q.f through a local variable), so
//
//	q.mu.Lock()
//	j := q.find(repo) // find returns &q.jobs[i]
//	q.mu.Unlock()
//	return j // Find returns *Job from q.jobs through q.find, guarded by q.mu: ...
//
// is the same leak: the lock only protected the lookup.
//
// # Writes by the caller
//
// When the package itself never changes the data in place, the race is
// in the caller: the first article's handler takes the project from
// GetProject and writes project.Status = "paused" without the lock.
// lockescape records, as a fact, each function that returns, read under
// a lock, a pointer to a struct, a map or a slice that shares memory with
// the state that lock guards (returned while holding it, or loaded under
// it and returned after the unlock), and reports a write through that
// result made without holding the mutex, in the same package or in any
// package that imports it:
//
//	project := cache.GetProject(id)
//	project.Status = "paused" // assignment to project.Status writes the *cache.Project that cache.GetProject returns from c.projects without holding c.mu (a data race)
//
// The write races with every use of c.projects under c.mu: make the change
// in a method of the cache that holds the lock.
//
// Writes are field stores (project.Status = s, project.n++), element
// stores (m[k] = v, s[i] = v, p.Labels[k] = v), append stored back into a
// field (p.Tags = append(p.Tags, t)), delete and clear; through a
// variable assigned once from the call (a declaration without a value,
// var p *Project before p, err = cache.Find(id), does not count as an
// assignment), or on the call itself (cache.GetProject(id).Status = s). A function's first write through
// one result is reported; the next ones are the same race. A write made
// while holding the same mutex (an exported or embedded one the caller
// can lock) is not reported, and neither are writes to a copy
// (p := *cache.GetProject(id)) or to a variable assigned again.
//
// A write that goes on from the returned record through a pointer, map
// or slice held in one of its fields (p.Callback.OnLeave = f,
// p.Meta.Tags[k] = v, p.Labels[k] = v) changes another object, which
// the lock guards only if the package uses it there: it is reported only
// when code of the package reaches the same field path (Callback.OnLeave,
// Meta.Tags) while holding the mutex, from a record read from guarded
// state (p := c.peers[id]; p.Callback.OnLeave(p) before the unlock, or
// c.m[k].Meta.Tags[v] = true), directly or in a method of the package
// called on it there (p.fire(), one call deep); code in _test.go files
// does not count. Callbacks set on a peer that the package
// calls only after the unlock race with no holder of the lock. The fact
// carries those paths to importers.
//
// A write into a field of the record itself (c.nextSeq++) is reported
// when the field is exported and importers can get the record (an
// exported function of an exported type returns it: the article's
// project.Status), or when code of the package uses that field, or the
// whole record (a copy of it, the record handed to a function or method
// of another package), while holding the mutex, on a record read from
// guarded state, directly or one call deep (a method called on the
// record, or a function of the package it is handed to: what that body
// does with it). Otherwise the lock
// guards the record's place in its container, not that field: a
// channel's sequence that only the goroutine owning the channel
// increments, never read under the lock, is not reported.
//
// Not reported, because the caller cannot race with the lock's holders:
//
//   - what a function returns when it takes the lock and never releases
//     it itself (no unlock of that mutex, deferred or not, outside function
//     literals other than a deferred one): an acquire API that hands the
//     lock to its caller, or to a release function it returns
//     (storage, release := c.Acquire(); ...; release(storage)), so the
//     caller reads and writes the result holding the lock;
//   - values that share no memory: scalars, strings, structs of those,
//     copies (*p), and clones;
//   - types that are safe on their own: channels, sync.Map, atomic
//     values, structs that carry their own mutex or atomics, directly or
//     in an embedded struct (type RemoteParticipant struct{
//     participantBase; ... } with participantBase holding a mutex), by
//     value, or through a pointer to a struct of the same package (a
//     pointer to another package's struct, *log.Logger, is a shared
//     handle whose mutex guards only that type's fields);
//   - maps, slices and pointees that are only ever replaced under the
//     lock, never changed in place (copy-on-write snapshots, immutable
//     records published by pointer), and slices only appended to past
//     their length or resliced from the front (c.q = c.q[1:]): the
//     elements a caller holds are never written again;
//   - a pointer to a record that no code of the package writes after it
//     is published, however the container holding it changes (a cache
//     of verified responses whose entries are replaced and deleted under
//     the lock, each response kept as it was built): readers of an
//     immutable record race with nobody. A caller that writes through
//     the pointer is the race, and is reported at its write (Writes by
//     the caller);
//   - a slice or map made and filled before anyone else can see it:
//     c.nonce = make([]byte, n) followed, in the same statement list
//     under the lock, by copy(c.nonce, src) or element writes counts as
//     replaced whole, not changed in place (and so does
//     b := make(...); copy(b, src); c.nonce = b);
//   - a struct copy whose maps and slices are only replaced whole or
//     appended to (c.cfg.Labels = m): the copy keeps the old ones;
//   - the byte buffer of an io.WriterAt sink (b.buf, or a slice of it,
//     from Bytes), when the package's only change to its bytes is
//     WriteAt's copy of its argument at its offset (copy(b.buf[off:], p)
//     in a method WriteAt(p []byte, off int64) (int, error)). io.WriterAt
//     lets parallel WriteAt calls fill ranges that do not overlap, and
//     the sink is read once they have all returned: the lock serialises
//     the buffer's growth, not a reader beside the writers. A buffer
//     also cleared, overwritten by a Write, or filled from anything but
//     WriteAt's argument is still reported;
//   - writes under RLock that also run under another mutex's write lock,
//     and plain stores under RLock (rs.lastcols = v, not ++ or a map
//     change) to fields never accessed under the write lock, or only in
//     a teardown method (Close, Stop, Shutdown: a merge iterator's Close
//     clearing itr.curr): there the read lock serves another purpose
//     (database/sql's Rows uses it as a barrier against Close), and the
//     fields belong to the one goroutine iterating; and a plain store
//     under RLock in a teardown method to a field no other function
//     accesses under the read lock (Stop clearing s.provider: it runs
//     once, and no reader holds the read lock over the field);
//   - writes under RLock through a copy of the pointee (b := *l.buckets[k]),
//     through a variable assigned again, or into a pointee that carries
//     its own mutex;
//   - pointers returned by unexported functions: their callers, in the
//     same package, may dereference them under the lock again. A method
//     with an exported name on an unexported type counts as unexported
//     when no importer can reach the type: no exported function, method,
//     variable or field names it, no exported struct embeds it, and it
//     implements no exported interface (of the package or of one it
//     imports) with a method of that name (go-fuse's handle map, held
//     through an unexported interface in an unexported field). A caller's
//     write through the result is still reported, also when the call goes
//     through an interface of the package (c.m.Decode(id)) to the method
//     that hands the pointer out;
//   - anything an unexported function hands out (a guarded map or slice
//     changed in place, &c.f[i], a closure) when none of its callers can
//     race with the lock: all of them are in the package, in view, and
//     each is in a _test.go file and uses the result on the test's own
//     goroutine, or there are none. A caller in production code, a use
//     that is not a call (a method value, an interface of the package
//     naming the method), or a test that reads the result in a go
//     statement, in a subtest that calls t.Parallel, or in any other
//     function literal but one called at once, deferred, or passed to
//     t.Run without t.Parallel or to t.Cleanup, keeps the finding
//     (go func() { for d, p := range a.domainProviders() { ... } }()). A
//     package without its tests sees no test caller, so the code it
//     ships is reported there only for a production caller, which its
//     test variant (all that go vet analyses) sees too;
//   - a function that takes guarded state out and resets the field
//     (out := c.buf; c.buf = nil, or return c.buf with a deferred
//     c.buf = nil deferred after the unlock, so that it runs first): the
//     caller owns it now (but not after c.buf = c.buf[:0], which keeps
//     the backing array for the next append to overwrite);
//   - an element a function takes out of its container before returning
//     it, a pop (c := s.idle[i], then s.idle cut shorter with the slot
//     cleared or shifted over, spliced out, or delete(s.m, k) for a
//     map) on every path to the return (a delete on another path, after
//     an early return of the element, does not count), also in a helper
//     the locked method calls: the caller alone holds it, and its writes
//     to it race with nothing. Not when another
//     field of the same struct holds elements of that type (a pool that
//     keeps every connection in an all list too);
//   - stores into a field of a parameter (req.next = s.free), which link
//     the parameter into guarded state rather than leak it;
//   - a field handed out only once frozen: the function sets a bool field
//     of the same value to true (b.frozen = true) under the lock, and every
//     function of the package that changes the field (its elements, or the
//     field itself) first tests that flag and gives up when it is set (a
//     hash bucket's nodes, frozen before a resize copies them). One writer
//     that does not test the flag keeps the handout reported.
//
// # A guarded map used without the lock
//
// A map field that other methods change in place under the write lock
// (c.data[k] = v or delete(c.data, k) after c.mu.Lock()) is reported
// where an exported method of the same type, through its pointer
// receiver, reads or writes its elements (an index, a range, delete or
// clear, or a method of the package's map type doing so:
// c.forwarders.Kill(path), where Kill ranges over and deletes from its
// receiver) without holding that mutex: before the Lock, after the
// Unlock, or in a method that never locks. A read of the field's value
// alone (data := c.data, then a loop over it under the lock) or a reset
// of the field (c.data = nil) touches no element, and is not judged. A concurrent
// call of the two is not a data race the program survives but a fatal
// error of the runtime (concurrent map read and map write), which no
// recover stops:
//
//	Get uses map m.data without holding m.Mutex, under which other methods change it: a concurrent call is a fatal concurrent map access
//
// One finding is made per method, at its first such map. Take the lock
// (RLock, for a reader of an RWMutex) around the access. Not
// reported, because the package shows the lock is held or not needed: a
// method whose name says its caller holds the lock (getLocked, setNoLock,
// unsafeGet) or that tears the value down (Close, Stop, Shutdown, the last
// call by convention); String and GoString, and a method whose doc comment
// says it is for debugging or not for concurrent use ("must not be called
// concurrently with Set", "should only be called after Close", "cannot be
// used concurrently", "it is not safe to call this function until Notify
// has been closed"); a decoding method (UnmarshalJSON, UnmarshalText,
// UnmarshalBinary, UnmarshalYAML, GobDecode: a decoder fills a value
// before it is shared); a builder option, named With... and returning
// nothing or its receiver (New(cfg).WithMetrics(m), set before the value
// starts); a method that takes the lock through a helper
// the model does not see (c.lockAll(), s.acquire()); the methods of a
// type that hands its lock to callers (an exported method of its own that
// locks and returns holding the lock, LockWithVersion beside Unlock); an
// unexported method,
// which callers may call holding the lock, and a method of an unexported
// type no importer reaches (as for handouts, below); an access in a
// function literal; len of the map (it reads the count without the
// runtime's check); a map only replaced whole or only read under the
// lock (a snapshot swapped in: racy, but no fatal map access); a map that
// every function changing it in place guards with a test of a bool field
// of the same value that gives up when set (if s.serve { log.Fatalf(...)
// }): registration closes once the value serves, as gRPC's
// RegisterService does before Serve; an access in a method that, before
// it, assigns a state field of its receiver another constant under the
// lock, when every change of the map under the lock happens in the then
// branch of a test of that field against one constant (Add writes
// s.services only if s.state == notRunning, and Serve sets s.state =
// normal before it reads the map; later Adds reach the map through
// Serve's own goroutine); an access that comes after a join on every
// path to it, when every function that changes the map in place under
// the lock runs only on goroutines the package starts (the
// shutdown-after-wait pattern, below). The lock
// stays held across a call that hands the struct embedding the mutex to a
// function of the package that does not unlock it, and across building a
// closure that locks it later (sync.OnceFunc(func() { c.mu.Lock(); ...
// })): only a function literal that runs where it stands counts as its
// function's unlock.
//
// A join is a Wait of a sync.WaitGroup, an errgroup.Group or go-zero's
// RoutineGroup, in the method itself or in a function of the package it
// calls that joins on every path that returns (a path that panics or
// exits does not return; the package's functions are summarised once,
// helpers of helpers included). It returns once every goroutine the
// group counts has returned, so an access after it is ordered after
// their writes. A pool's ShutDown that waits for the dispatcher (whose
// addWorker stores into p.workers under the lock) and its workers (each
// deleting itself from p.workers under the lock before Done), then
// ranges over p.workers, meets no writer:
//
//	func (p *Pool) ShutDown() {
//		p.closeQueue() // close(p.queue); p.wg.Wait()
//		for _, w := range p.workers { // not reported
//			w.release()
//		}
//		p.workers = nil
//	}
//
// A writer runs only on the package's goroutines when it is a function
// literal that a go statement, a WaitGroup's or an errgroup's Go starts
// (or one run at once inside such a function), or an unexported function
// (an exported method no importer reaches counts as unexported) whose
// every use in the package's non-test files is a call on such a
// goroutine: go p.work(name), p.addWorker(n) in the dispatcher's go
// func() { ... }, or a call in another such function (followed up
// through three of them). A Wait only on some paths (if force {
// p.wg.Wait() }, a helper that may return early without waiting), after
// the access, deferred (it runs after the access) or in a go statement
// orders nothing; and an exported writer (Put), a helper that an exported
// method calls on its caller's goroutine, or a function literal stored
// as a callback, runs where no Wait of the method orders it: the finding
// stays.
//
// # A field a background goroutine assigns, read without the lock
//
// A field that a goroutine started by a method of its struct, or by a
// constructor on the value it allocates (&T{...}, new(T)), assigns on
// that same value while holding the write lock (a cache refresher
// started in the constructor replacing r.cache every minute under
// r.mu.Lock(), or setting r.lastErr) is reported where an exported
// method of the same type, through its pointer receiver, reads or writes
// it without holding that mutex. The
// goroutine runs while callers use the value, so every such access races
// with its assignments (a reader may also see some fields of the old
// cache and some of the new):
//
//	ListByService reads r.cache without holding r.mu, under which the goroutine started in NewRepository assigns it: a data race
//
// The goroutine's own function, the methods it calls on that value and
// the functions it passes the value to (three calls deep), and the
// function literals it runs count; c.s.f = v assigns the struct field
// c.s. A value the goroutine reaches otherwise (a parameter of another
// type's method, an element of a list) may be another instance, and is
// not followed. Not reported: an access after the method receives from a
// channel (<-s.done, also as a select's case, a range over a channel, or
// a call of a function of the package that receives; not a clock's
// channel, a Ticker's or Timer's C, time.After or time.Tick, which orders
// nothing): the goroutine may publish its
// write by closing or sending on it (s.err set, then close(s.done)),
// which orders the write before the read; an access after a join on
// every path to it (p.wg.Wait(), or a helper that always waits, as for
// maps above): the goroutine's write comes before its Done; an access
// before the method
// itself starts the goroutine, or refers to a function of the package
// that does (Start reading s.nodes, then registering the handler whose
// requests start it): the goroutine does not exist yet; a goroutine started by a function that
// then waits (a WaitGroup's or an errgroup's Wait after the go statement:
// a fan-out done before the function returns); a goroutine in a test
// file; a write into a map or slice element, or through a pointer field
// (no field of the struct is replaced); a method the goroutine itself
// runs (go r.Run() reading what Run writes); a field only set before the
// value is shared. The methods judged are those of the guarded map rule
// above, with the same exceptions but one, and one finding is made per
// method, counting both rules. A teardown method (Close, Stop, Shutdown)
// is the last call of the value's users, not of its goroutine: it is
// judged for the fields of a mutex it takes itself, which shows that it
// runs beside that lock's other holders, and left alone for the others:
//
//	func (p *Pipeline) Stop() error {
//		p.mu.Lock()
//		if p.state != StateRunning {
//			p.mu.Unlock()
//			return fmt.Errorf("cannot stop (state=%s)", p.state) // Stop reads p.state without holding p.mu, under which the goroutine started in HandleMessage assigns it: a data race
//		}
//		p.state = StateStopping
//		p.mu.Unlock()
//		...
//	}
//
// # Limits
//
// Guarded state is found per package, from accesses through the variable
// that holds the mutex: c.mu.Lock() guards c.f, not d.f. A join is not
// matched with the group's Add and Done: a Wait of any group orders an
// access after every goroutine the package starts, also one the group
// does not count or one started after the Wait, and a Wait inside a
// function literal called at once is not seen. Closures are
// checked only when returned directly while holding the lock. The method
// summary covers methods of the same type called on the same variable,
// one call deep (find calling locate is not followed), and methods whose
// results come straight from the receiver's fields; references built by
// functions that are not methods, by methods of another type, or in
// another package are not followed. The caller rule follows a result one
// call deep: a write in a function the result is passed to, a write
// through a copy of the variable (q := p), through a range over a
// returned slice, or through an interface method, is not seen; a result
// read from guarded state in one package and written by a third that
// gets it through a second one's wrapper is not either. A caller's write
// that goes on from the returned record through a pointer, map or slice
// field (p.Callback.OnLeave = f) is reported only when the package uses
// that field path under the lock; a use through an alias taken under the
// lock (cb := p.Callback; cb.OnLeave(p)), or through a helper more than
// one call deep (a method of the record, or a function of the package
// it is handed to, counts one call deep) is not seen, and such a write is then not reported. The same
// holds for a write into the record's own unexported field: a use under
// the lock more than one call deep (a method that calls another on the
// record, or hands it on) is not seen. Changes in place are those made
// under the lock by code of the package, with the field named directly:
// a guarded slice passed to a helper that sorts it (sortJobs(c.jobs)),
// or changed through an alias (s := c.f; s[0] = x), is not seen as
// changed in place. "Made and filled" is recognised only when the make
// and the writes are in the same statement list; a slice made in one
// branch and filled after it counts as changed in place. A slice cut
// back to a prefix and appended to is reported even when the appends
// are known to reallocate. A record is judged changed in place by its
// field stores alone: one changed only through a method of another
// package, or through reflection or encoding, is not, and a handout of
// it is reported only at a caller's write that lockescape sees (a
// caller in a module it does not analyse is not seen); one changed only
// by a function that also allocates that type (a constructor that then
// refreshes an old value) is taken for initialisation, and so is a
// record filled in before a publication that puts back a record the
// caller read from the container (r := t.Get(k); t.Update(k, r), with
// Update storing into r and then t.recs[k] = r). A field whose
// guard the code does not show by accessing it under the lock (a comment
// "guarded by mu" on a field no method touches under mu) is not known; an
// annotation like gVisor's checklocks "+checklocks:mu" would make that
// explicit, and trapvet does not read one yet.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the reported line or the
// line above it:
//
//	return c.projects[id] //trapvet:ignore lockescape ProjectInfo is immutable once published
package lockescape
