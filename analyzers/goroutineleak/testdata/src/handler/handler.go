package handler

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/threading"
	"golang.org/x/sync/errgroup"

	"greeterpb"
	"worker"
)

func process(ctx context.Context, data []byte) error { return ctx.Err() }

func Upload(w http.ResponseWriter, r *http.Request) {
	data := []byte("x")
	go func() {
		_ = process(r.Context(), data) // want `the goroutine started in Upload uses the request context r\.Context\(\), which is cancelled when Upload returns: its work is cut short`
	}()
	w.WriteHeader(http.StatusAccepted)
}

func UploadTimeout(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
	defer cancel()
	go func() {
		_ = process(ctx, nil) // want `uses the request context ctx, which is cancelled when UploadTimeout returns`
	}()
	w.WriteHeader(http.StatusAccepted)
}

func audit(ctx context.Context, what string) { _ = process(ctx, []byte(what)) } // want audit:"works with ctx"

func GinCreate(c *gin.Context) {
	go audit(c.Request.Context(), "create") // want `goroutine audit uses the request context c\.Request\.Context\(\), which is cancelled when GinCreate returns`
	c.JSON(http.StatusOK, nil)
}

func EchoCreate(c echo.Context) error {
	go func() {
		_ = process(c.Request().Context(), nil) // want `uses the request context c\.Request\(\)\.Context\(\)`
	}()
	return c.JSON(http.StatusOK, nil)
}

func Search(w http.ResponseWriter, r *http.Request) {
	go worker.Query(r.Context(), r.URL.Query().Get("q")) // want `goroutine Query uses the request context r\.Context\(\)`
}

func Routes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		go func() {
			_ = process(r.Context(), nil) // want `the goroutine started in the handler uses the request context r\.Context\(\)`
		}()
	})
}

type greeter struct {
	greeterpb.UnimplementedGreeterServer
}

func (s *greeter) record(ctx context.Context, name string) { _ = process(ctx, []byte(name)) } // want record:"works with ctx"

func (s *greeter) SayHello(ctx context.Context, req *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) { // want SayHello:"works with ctx"
	go s.record(ctx, req.Name) // want `goroutine record uses the request context ctx, which is cancelled when SayHello returns`
	return &greeterpb.HelloReply{Message: "hello " + req.Name}, nil
}

type ServiceContext struct{}

func (s *ServiceContext) Insert(ctx context.Context, v string) error { return ctx.Err() }

type CheckLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *ServiceContext
}

type CheckReq struct{ TaskID string }

func (l *CheckLogic) runVeryLongConsistencyCheck(id string) (string, error) {
	select {
	case <-l.ctx.Done():
		return "", l.ctx.Err()
	case <-time.After(time.Minute):
		return "consistent", nil
	}
}

// Check is the go-zero example from the article: the goroutine runs a
// method that waits on l.ctx, which ends with the request.
func (l *CheckLogic) Check(req *CheckReq) (string, error) {
	go func() {
		result, err := l.runVeryLongConsistencyCheck(req.TaskID) // want `the goroutine started in Check calls l\.runVeryLongConsistencyCheck, which uses l\.ctx; the context is cancelled when the request ends`
		if err != nil {
			logx.Errorf("task %s failed: %v", req.TaskID, err)
			return
		}
		logx.Infof("task %s: %s", req.TaskID, result)
	}()
	return "started", nil
}

func (l *CheckLogic) Save(req *CheckReq) error {
	threading.GoSafe(func() {
		_ = l.svcCtx.Insert(l.ctx, req.TaskID) // want `uses the request context l\.ctx, which is cancelled when Save returns`
	})
	return nil
}

// UploadJoined waits for its goroutine, so the request context outlives it.
func UploadJoined(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = process(r.Context(), nil)
	}()
	wg.Wait()
}

// UploadGroup starts its goroutines in an errgroup and waits for them.
func UploadGroup(w http.ResponseWriter, r *http.Request) {
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() error { return process(ctx, nil) })
	if err := g.Wait(); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
}

// UploadDone waits on a channel the goroutine closes.
func UploadDone(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = process(r.Context(), nil)
	}()
	<-done
}

// UploadDetached detaches the goroutine's context, keeping its values.
func UploadDetached(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	go func() {
		_ = process(ctx, nil)
	}()
	w.WriteHeader(http.StatusAccepted)
}

// UploadBackground gives the goroutine a context of its own.
func UploadBackground(w http.ResponseWriter, r *http.Request) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = process(ctx, nil)
	}()
}

// UploadWatch starts a watcher that is meant to fire when the request
// ends: it only waits for r.Context().Done().
func UploadWatch(w http.ResponseWriter, r *http.Request, conn interface{ Close() error }) {
	go func() {
		<-r.Context().Done()
		conn.Close()
	}()
}

// UploadWatchNamed starts a named watcher that only waits for the
// context to end (known through its fact).
func UploadWatchNamed(w http.ResponseWriter, r *http.Request, stop func()) {
	go worker.Watch(r.Context(), stop)
}

// UploadValues reads only request-scoped values, which a cancelled
// context keeps.
func UploadValues(w http.ResponseWriter, r *http.Request) {
	go func() {
		logx.WithContext(r.Context()).Infof("uploaded %v", r.Context().Value("user"))
	}()
}

// Poller holds a context but is no go-zero logic (it embeds no
// logx.Logger): its ctx lives as long as its owner decides.
type Poller struct {
	ctx context.Context
}

// Start is no handler: the poller's ctx is not a request's.
func (p *Poller) Start() {
	go func() {
		_ = process(p.ctx, nil)
	}()
}

// Log runs a logic method that uses only the logger, not l.ctx.
func (l *CheckLogic) Log(req *CheckReq) error {
	go func() {
		l.report(req.TaskID)
	}()
	return nil
}

func (l *CheckLogic) report(id string) {
	logx.WithContext(l.ctx).Infof("task %s", id)
}

type plain struct{}

// Hello has a gRPC method's signature but its type is no generated
// service implementation: its ctx may well outlive the call.
func (p *plain) Hello(ctx context.Context, req *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) { // want Hello:"works with ctx"
	go func() { _ = process(ctx, nil) }()
	return nil, nil
}

// UploadSelect waits for the goroutine or the request, whichever ends
// first; the goroutine's work is bounded by the request on purpose.
func UploadSelect(w http.ResponseWriter, r *http.Request) {
	errc := make(chan error, 1)
	go func() { errc <- process(r.Context(), nil) }()
	select {
	case err := <-errc:
		_ = err
	case <-r.Context().Done():
	}
}

// Consume is a message queue consumer's entry point: it gets its own ctx,
// and its logic's l.ctx is the consumer's long-lived context, not a
// request's.
func (l *CheckLogic) Consume(ctx context.Context, key, value string) error {
	go func() {
		_ = l.svcCtx.Insert(l.ctx, value)
	}()
	return nil
}
