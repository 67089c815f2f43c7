// Package rpctimeout defines an Analyzer that reports network calls that
// can wait forever.
//
// # Analyzer rpctimeout
//
// rpctimeout: report network calls that have no deadline
//
// A call that crosses the network waits as long as the other side takes,
// unless something bounds it: a deadline on its context, a timeout on the
// client. context.Background() and context.TODO() have no deadline, and
// neither has a context derived from them with WithCancel, WithValue or
// WithoutCancel. When the downstream service hangs (a slow query, a lost
// packet, a dead node behind a load balancer), every goroutine that called
// it hangs too, holding its connection and memory, until the caller runs
// out of both.
//
//	func (h *PmsHandler) GetProject(w http.ResponseWriter, r *http.Request) {
//		site, err := h.svcCtx.SiteRpc.GetSite(context.Background(), &site.GetSiteRequest{SiteId: 101})
//		...
//	}
//
// rpctimeout reports, when nothing else bounds the call (see below):
//
//	GetSite is called with context.Background(), which has no deadline: a slow siteservice blocks this goroutine forever
//
// Derive a context with a deadline, and release it when done:
//
//	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
//	defer cancel()
//	site, err := h.svcCtx.SiteRpc.GetSite(ctx, &site.GetSiteRequest{SiteId: 101})
//
// # The rule
//
// A context has a deadline when it comes from context.WithTimeout or
// WithDeadline (or their Cause forms), or from a function that always
// returns such a context (a helper: rpctimeout records these with an
// analysis fact, so helpers in other packages count too). A context
// parameter counts as bounded: its deadline is the caller's duty. A
// context has no deadline when it is context.Background() or
// context.TODO(), or derived from them only through WithCancel,
// WithValue, WithoutCancel, errgroup.WithContext, gRPC's
// metadata.NewOutgoingContext and AppendToOutgoingContext, local
// variables and struct fields assigned in the same function. A
// context.WithoutCancel made inside a goroutine started with a go
// statement has no deadline whatever its parent: it drops the caller's,
// and nobody waits for the goroutine.
//
// A context kept in an unexported struct field and used in a method
// (s.ctx) is judged by every value the package stores into that field:
//
//	func newWatcher(c pb.SiteClient) *watcher {
//		w := &watcher{client: c}
//		w.baseCtx, w.stop = context.WithCancel(context.Background())
//		return w
//	}
//
//	func (w *watcher) poll() {
//		_, _ = w.client.GetSite(w.baseCtx, req)
//	}
//
//	GetSite is called with w.baseCtx, which has no deadline: a slow site blocks this goroutine forever
//
// A message names the call and the context; the places involved are its
// related positions: here the context.Background() the context comes
// from, elsewhere the client made without a timeout and the call that
// sends the request.
//
// The field has no deadline only when every store does (a constructor
// that keeps the caller's context makes it the caller's duty again).
// A cancel function kept in a field and called by a Close method is no
// deadline; one handed to time.AfterFunc is. A context of any other
// origin (an exported field, which other packages may set, the result of
// an unknown function) is not reported.
//
// gRPC. A call of a method whose first parameter is a context and whose
// last is ...grpc.CallOption (generated clients, go-zero zrpc clients,
// grpc.ClientConnInterface.Invoke and NewStream) with a context that has
// no deadline is reported, unless something bounds the call:
//
//   - a call option that may set a timeout: zrpc.WithCallTimeout, any
//     option whose function name says timeout or deadline, an option of
//     the program's own (an interceptor may read it), options spread from
//     a slice;
//   - a connection dialled (in the package) with an interceptor or a
//     default service configuration, either of which can set timeouts;
//   - a go-zero zrpc client whose RpcClientConf go-zero's configuration
//     loader filled: the Timeout field's tag gives every call a 2 s
//     timeout. A client built from a struct literal, a zero value,
//     zrpc.NewDirectClientConf or zrpc.NewEtcdClientConf gets no timeout:
//     tag defaults apply only to loaded configurations, and the literal
//     must set both Timeout and Middlewares.Timeout (the switch for the
//     timeout interceptor, also a tag default) to be bounded. A zrpc
//     client whose construction is not seen (a field of a service
//     context built in another package) is presumed loaded, in a package
//     that depends on zrpc.
//
// net/http. http.Get, Head, Post and PostForm use http.DefaultClient,
// which has no timeout: they are reported unless the package sets
// http.DefaultClient.Timeout. Client.Get, Head, Post and PostForm on a
// client known to have no timeout (http.DefaultClient or a copy of it,
// c := *http.DefaultClient; an http.Client literal or new(http.Client)
// in the package without Timeout and without a transport that sets
// ResponseHeaderTimeout, such as &http.Client{CheckRedirect: f}; a
// field that every store in the package gives such a client; an
// unexported http.Client field that nothing stores into or changes in
// place, which holds the zero client; a parameter of a function whose
// every call the package holds passes such a client (an unexported
// constructor only ever given http.DefaultClient: newClient(url,
// http.DefaultClient) storing it in a field); the client a function of the
// package returns, when every client it returns that is not nil is such
// a client: client, err := newTLSClient(cert). A transport without
// ResponseHeaderTimeout is nil, http.DefaultTransport, an http.Transport
// literal that does not set it, a clone of
// http.DefaultTransport.(*http.Transport), or a local variable holding
// only those whose ResponseHeaderTimeout nothing sets) are
// reported; setting CheckRedirect or Jar afterwards bounds nothing;
// Client.Do through such a client is reported when the request has no
// deadline either: made by http.NewRequest (no context), or by
// NewRequestWithContext or WithContext with a context that has no
// deadline. Setting the request's fields afterwards (ContentLength,
// Header, Host) attaches no context; only Cancel can end it, and a
// request given a Cancel channel, or replaced whole (*req = ...), is not
// judged. Nor is a request for an event stream the function consumes as it
// comes: the response's Body read by a json.Decoder or a bufio.Scanner or
// Reader in a for loop without a condition (until the server ends the
// stream) that hands each item on, by a send on a channel or a call of a
// function value; such a request is meant to stay open, and a deadline
// would cut it. A response decoded once is judged as any other. A client whose construction is not seen, or with a transport
// of the program's own, is not reported.
//
//	c := &http.Client{CheckRedirect: noRedirect}
//	resp, err := c.Get(url)
//
//	c.Get sends a request through a client with no timeout: a slow server blocks this goroutine forever
//
// Its related position is the literal: "this http.Client literal sets no
// Timeout". Set the client's Timeout, or send the request with Do, made
// by http.NewRequestWithContext with a context that has a deadline.
//
// A method promoted from an embedded client (t.Do(req), with t a struct
// that embeds *http.Client) is judged as a call on that field,
// t.Client.Do(req), by the values the package stores into it.
//
// http.NewRequest in a function that has a context parameter is reported
// whatever client sends the request: the request carries
// context.Background(), so the caller's deadline and cancellation never
// reach it.
//
//	func forward(ctx context.Context, c *http.Client, url string) error {
//		req, err := http.NewRequest(http.MethodGet, url, nil)
//
//	http.NewRequest makes a request without ctx, so the caller's deadline and cancellation never reach it
//
// A slow server then blocks the goroutine after ctx is done: use
// http.NewRequestWithContext(ctx, ...) (the suggested fix).
//
// A context given to a copy that is then dropped reaches nothing.
// req.WithContext(ctx) and req.Clone(ctx) return a new request and leave
// req as it was, so a call of them used as a statement is reported, with
// the fix of assigning the result back:
//
//	func fetch(ctx context.Context, c *http.Client, req *http.Request) error {
//		req.WithContext(ctx)
//		resp, err := c.Do(req)
//
//	the result of req.WithContext is dropped: req keeps its old context, so the deadline and cancellation given here never reach it
//
// The same holds for any method, in any package, that takes a context
// and returns a new value of its receiver's pointer type without
// changing the receiver (a retrying client's Request.WithContext that
// wraps req.Request.WithContext(ctx)): it exports a "copies with context"
// fact. A fluent setter that stores the context in its receiver and
// returns it (b.ctx = ctx; return b) does not, and dropping its result
// is harmless.
//
// The request may also be sent through a wrapper (c.do(req), a package
// function, a RoundTrip): a function that hands its *http.Request
// parameter as it is to (*http.Client).Do, to a RoundTrip or to another
// such wrapper, never giving it a context (WithContext, Clone) nor
// passing it elsewhere before it is sent, exports a "sends its request
// parameter" fact, and a call of it counts as Do, in this package and
// others. A call given the request after every send, with no loop around
// it that could send again (a trace of the failed request: if err != nil
// { c.dumpHTTP(req) }), cannot change what was sent and does not count.
//
// A goroutine started with a go statement does not count as having its
// launcher's context in scope: detaching may be the point.
//
// Contexts through parameters. A function whose context parameter is the
// only deadline of a network call it makes (a gRPC call, a database/sql
// ...Context call, or Do through a client without timeout of a request
// made with that context, with no call option, client timeout or derived
// deadline) exports a fact saying so, and so does a function that hands
// its context parameter on, with no deadline added, to such a function:
// the fact follows the chain of calls, in the package and across
// packages. A call of it that passes
// context.Background(), context.TODO() or a context derived from them
// without a deadline is reported at the argument, with the network call
// (or, across packages, the callee) as the related position:
//
//	func refresh(ctx context.Context, c site.SiteServiceClient) error {
//		_, err := c.GetSite(ctx, &site.GetSiteRequest{})
//		return err
//	}
//
//	return refresh(context.Background(), c)
//
//	refresh passes context.Background(), which has no deadline, on to GetSite: a slow server blocks this goroutine forever
//
// Derive a context with context.WithTimeout to pass.
//
// One context variable handed to several such functions (a test client's
// ctx := context.Background() given to every case) is reported once, at
// the first call, with the others as related positions.
//
// A function given a context that calls with another one. A network call
// made with a context that comes from another function's parameter (kept
// in a struct field at setup), in a function that was given a context of
// its own and never uses it, is reported: a context.Context parameter it
// never refers to, or a *tls.ClientHelloInfo, *tls.CertificateRequestInfo
// or *http.Request whose Context() it never calls. The deadline of the
// handshake or request never reaches the call:
//
//	func (m *Manager) GetCertificate(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
//		req, err := http.NewRequestWithContext(m.ctx, http.MethodGet, url, nil)
//		...
//		resp, err := http.DefaultClient.Do(req)
//
//	http.DefaultClient.Do is called with m.ctx, not GetCertificate's hello.Context(): the caller's deadline and cancellation never reach it
//
// Use the context given (hello.Context()).
//
// Reported only when nothing else bounds the call (as above); a function
// that reads its context at all (ctx.Value) is left alone.
//
// database/sql. Query, QueryRow, Exec, Prepare and Begin on *sql.DB,
// *sql.Tx, *sql.Conn and *sql.Stmt, and (*sql.DB).Ping, run with
// context.Background(): they are reported, except in the context-less
// form of a library's own API, which its callers chose as they would
// DB.Query: a function or method without a context parameter that has a
// twin taking one (Queryx beside QueryxContext, Prepare beside
// PrepareContext or PrepareCtx, Connect beside ConnectContext, and, as
// database/sql names its transactions, Begin beside BeginTx and sqlx's
// Beginx beside BeginTxx), or that
// is exported with the name of the method it calls (a wrapper's Exec
// calling Stmt.Exec, its Ping calling DB.Ping). Such a form handing
// context.Background() to its twin is not reported either. The calls
// without a context on one database handle (a variable or a field, also
// through an index or a dereference: s.stmts[k].Exec is on s.stmts) in a
// file are one finding, at the first of them, naming how many more there
// are and listing them as related positions: code that never gives its
// database a context does so by habit, one defect with one fix. A
// suppression on that first call covers the others in the file. The
// statements of a transaction the package begins (Exec, Query, QueryRow
// and Prepare on it) are not reported: one held in a variable only ever
// assigned by Begin or BeginTx, or a *sql.Tx parameter of a function
// whose every call in the package passes such a transaction (an
// unexported function, an unexported method no interface of the package
// names, or a function literal kept in an unexported
// package variable and called through it: a list of migration steps run
// as migrations[v](tx), or by a range over it). database/sql rolls the
// transaction back when BeginTx's context ends, which bounds them, and a
// context without a deadline there, or Begin, is reported where the
// transaction begins: one defect, fixed there. A database wrapper's Begin
// counts as Begin (a method of a type embedding *sql.DB or *sql.Conn
// whose result embeds *sql.Tx: sqlx's Beginx and MustBegin, reported
// with the handle's other calls and naming the wrapper's context form,
// BeginTxx), and its context form as BeginTx; a wrapper the package
// declares itself is judged where it calls database/sql. A transaction parameter of
// an exported function, or of one called with a transaction of unknown
// origin, is reported. Their Context forms (BeginTx,
// PingContext) are reported when the context has no deadline. A Ping at
// start-up against an unreachable host waits as long as the driver's
// dial does, and a half-open connection can hold it forever.
//
// Not reported: the database/sql calls of a package whose database runs in
// the process, an embedded SQLite (the package imports an embedded
// driver, mattn/go-sqlite3, modernc.org/sqlite, glebarez's or ncruces's,
// or gorm's sqlite driver, and no driver of a database across the network:
// a helper that opens SQLite or Postgres by configuration imports both and
// is judged as any other; or it is a storage backend for SQLite by its
// own name, package sqlite or sqlite3, the twin of a postgres package
// beside it): a statement makes no network round trip, and a lock wait
// ends at the driver's busy timeout. Its other network calls are judged
// as any other. The same holds for a package whose database/sql handles
// are its own in-process driver's: it opens a DB only with sql.OpenDB over
// a connector type of its own whose Connect calls nothing (a scratch DB
// that converts rows in memory), and never with sql.Open; and in any
// package, the calls on a handle that only ever holds such a DB, or one
// opened with sql.Open and the constant name an embedded SQLite driver
// registers ("sqlite", "sqlite3": sql.Open("sqlite", path) in a library
// whose program's main imports the driver), or one a mock driver's
// constructor returned (db, mock, err := sqlmock.New(), go-sqlmock's
// New or NewWithDSN: it answers from the expectations set on mock, in
// memory) (a variable, an unexported
// field, a parameter of an unexported function every call of which passes
// one, or a method returning one: a scratch DB opened lazily beside the
// network one). Nor is such a package's context.Background() handed to a
// function of another package whose context bounds only a database/sql
// statement (a shared migrator run on the SQLite handle): the ctxSink
// fact says which of its parameters bound statements. Nor is schema work with no context or request at hand: an
// Exec (or an ExecContext given context.Background()) of a statement
// starting CREATE, ALTER, DROP or COMMENT (after blanks and comments),
// constant or built from such a constant (fmt.Sprintf("CREATE TABLE IF
// NOT EXISTS %s ...", table), "DROP TABLE " + name), in a function without a context.Context or
// *http.Request parameter, which runs once before the program serves and
// which a deadline would cut short in the middle of a long index build.
// Data statements in the same function, and DDL where a context is at
// hand, are reported. Nor is a statement cache built at start-up: a
// Prepare whose statement is stored beyond the function (into a field,
// through a pointer, into an element: s.insert, err = db.Prepare(q)) in a
// function with no context or request at hand; a statement prepared into
// a local for one call is reported.
//
// A strict mode, -rpctimeout.strict, also requires a deadline on contexts
// from (*http.Request).Context() and on the context parameters of
// handlers: functions with an *http.Request or http.ResponseWriter
// parameter, gin handlers' *gin.Context, and methods of gRPC servers
// (whose receiver embeds a generated Unimplemented...Server). A server's
// request context ends only when the client gives up, which may be never.
//
// Suggested fixes: for context.Background() or context.TODO() passed
// directly in a function that has a context parameter, pass that
// parameter instead; for http.NewRequest in a function with a context
// parameter, use http.NewRequestWithContext with it. Otherwise there is
// no automatic fix: a timeout value is a decision.
//
// Only production code is reported (docs/scope.md): a test, an example,
// a benchmark or a tool calling a server it controls hangs only its own
// run. -rpctimeout.scope=all reports them too; -rpctimeout.tests adds the
// tests. The scope chooses what is reported, not what is learnt: a
// test-support function whose context alone bounds a network call is a
// sink all the same, so production code that passes it a context with no
// deadline is reported whatever the scope.
//
// A call that opens a stream (its first result is a client stream, with
// CloseSend and RecvMsg) returns once the stream is set up, and the stream
// then lives until its context ends: cancellation is as good as a deadline
// there. Such a call is not reported when its context was derived with
// WithCancel (the cancel deferred, kept in a field for a Close method, or
// handed on), directly or through a helper whose parameter is the stream's
// only bound; a unary call with that context still is, since a late
// cancel ends no hung call in time. Nor is a stream opened with
// context.Background() that is handed to an owner together with its
// gRPC connection: passed to one call or placed in one composite literal
// with a *grpc.ClientConn (newConnection(conn, stream)), or stored in a
// field of a struct that also holds one, or in a field of the receiver of
// a method given the connection as a parameter, when every call of the
// method in the package passes the connection field of a struct that
// also holds the receiver's type (c.stream.recreate(c.conn)). It lives as
// long as that
// connection, and closing the connection ends it (and a Recv blocked on
// it); a deadline would only cut it off. Any other long-lived stream set
// up with context.Background() (a watch started in main.main, a stream
// handed to a receiving goroutine alone) is still reported: nothing the
// code holds can end it; suppress the finding, saying so.
//
// A one-shot command's request is not reported: in package main of a
// program that starts no server (no net/http, net or gRPC server, no
// go-zero, gin or echo server anywhere in the package), a call on the
// straight-line path of main, or of a function of the package that only
// main calls on its own straight-line path, outside any loop, goroutine
// and function literal, in a function with no context.Context or
// *http.Request parameter. It runs once, in front of the person or job
// that started the program (an operator's maintenance command pinging its
// database, a command-line upload), which sees a stall and stops it. A
// worker's loop, a goroutine, a function given a context it does not pass
// on (Ctrl-C swallowed by signal.NotifyContext, the context would end
// it), the same request in a library package, and any request of a
// program that serves are reported.
//
// # Limits
//
// Only methods count as gRPC calls. A package-level function shaped like
// a stub (context first, ...grpc.CallOption last), such as grpc's
// interop.DoLargeUnaryCall, is a helper that may set its own deadline, so
// passing it context.Background() is not reported; the calls inside it are
// judged where they are made, where its context is a parameter.
//
// The analysis follows values within one function and, for clients and
// unexported context fields used as s.f, the stores into a struct field
// anywhere in the package; it follows contexts through function
// parameters as deep as the calls go (a context parameter that alone
// bounds a network call made in that same function, or that the function
// hands on, with no deadline added, to another such function, of this
// package or of another through the fact), and through results only for
// deadline helpers; across packages only
// through these facts: a context field set in another package, an exported field, a
// field reached through a longer path (s.cfg.ctx) or through a local
// copy of the struct is of unknown origin and not reported. A
// context.WithoutCancel outside a go statement's function literal (a
// go f(ctx) whose f detaches, a cleanup call) is not reported unless its
// parent already had no deadline. An interceptor or
// call option of the program's own is presumed to set a timeout. The
// transport's dial and TLS timeouts are not counted as bounds: without
// Timeout or ResponseHeaderTimeout a connected server can still stall
// forever. Only the database/sql API is checked, not drivers' own
// timeouts in the data source name: a query reported on a database whose
// DSN sets a read timeout is bounded by the driver; suppress it, saying
// so.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the line of the call or the
// line above it:
//
//	stream, err := client.Watch(context.Background(), req) //trapvet:ignore rpctimeout the watch lives as long as the process
package rpctimeout
