package gozero

import (
	"context"
	"net/http"
	"time"

	"siteservice"

	"github.com/zeromicro/go-zero/core/conf"
	"github.com/zeromicro/go-zero/zrpc"
)

type Config struct {
	SiteRpc zrpc.RpcClientConf
}

type ServiceContext struct {
	Config  Config
	SiteRpc siteservice.SiteService
	// DirectRpc is built from a struct literal in NewServiceContext.
	DirectRpc siteservice.SiteService
}

func NewServiceContext(c Config) *ServiceContext {
	return &ServiceContext{
		Config:    c,
		SiteRpc:   siteservice.NewSiteService(zrpc.MustNewClient(c.SiteRpc)),
		DirectRpc: siteservice.NewSiteService(zrpc.MustNewClient(zrpc.RpcClientConf{Endpoints: []string{"127.0.0.1:8080"}})),
	}
}

type PmsHandler struct {
	svcCtx *ServiceContext
}

func literalConf() {
	cli := siteservice.NewSiteService(zrpc.MustNewClient(zrpc.RpcClientConf{
		Endpoints: []string{"127.0.0.1:8080"},
	}))
	_, _ = cli.GetSite(context.Background(), &siteservice.GetSiteRequest{SiteId: 101}) // want `GetSite is called with context.Background\(\), which has no deadline: a slow siteservice blocks this goroutine forever`
}

func directConf() {
	c := zrpc.NewDirectClientConf([]string{"127.0.0.1:8080"}, "app", "token")
	cli := siteservice.NewSiteService(zrpc.MustNewClient(c))
	_, _ = cli.GetSite(context.TODO(), &siteservice.GetSiteRequest{}) // want `GetSite is called with context.TODO\(\), which has no deadline`
}

func timeoutWithoutMiddleware() {
	cli := siteservice.NewSiteService(zrpc.MustNewClient(zrpc.RpcClientConf{
		Endpoints: []string{"127.0.0.1:8080"},
		Timeout:   2000,
	}))
	_, _ = cli.GetSite(context.Background(), &siteservice.GetSiteRequest{}) // want `GetSite is called with context.Background\(\)`
}

func (h *PmsHandler) GetProject(w http.ResponseWriter, r *http.Request) {
	_, _ = h.svcCtx.DirectRpc.GetSite(context.Background(), &siteservice.GetSiteRequest{SiteId: 101}) // want `GetSite is called with context.Background\(\)`
}

func valueOfBackground() {
	cli := siteservice.NewSiteService(zrpc.MustNewClient(zrpc.RpcClientConf{Target: "dns:///site:8080"}))
	ctx := context.WithValue(context.Background(), traceKey{}, "t-1")
	_, _ = cli.GetSite(ctx, &siteservice.GetSiteRequest{}) // want `GetSite is called with ctx, which has no deadline: a slow siteservice`
}

type traceKey struct{}

// loadedConf calls through a client whose configuration go-zero's loader
// filled: its Timeout tag default (2000 ms) bounds every call, so
// context.Background() is harmless here.
func (h *PmsHandler) loadedConf(w http.ResponseWriter, r *http.Request) {
	_, _ = h.svcCtx.SiteRpc.GetSite(context.Background(), &siteservice.GetSiteRequest{SiteId: 101})
}

// mustLoadLocal loads the configuration into a local variable with
// conf.MustLoad, which applies the default Timeout.
func mustLoadLocal() {
	var c Config
	conf.MustLoad("etc/pms.yaml", &c)
	cli := siteservice.NewSiteService(zrpc.MustNewClient(c.SiteRpc))
	_, _ = cli.GetSite(context.Background(), &siteservice.GetSiteRequest{})
}

// callTimeoutOption passes zrpc.WithCallTimeout, which bounds this call.
func callTimeoutOption() {
	cli := siteservice.NewSiteService(zrpc.MustNewClient(zrpc.RpcClientConf{Target: "dns:///site:8080"}))
	_, _ = cli.GetSite(context.Background(), &siteservice.GetSiteRequest{}, zrpc.WithCallTimeout(time.Second))
}

// unknownClient calls a go-zero client whose construction is not seen
// here; go-zero clients normally come from a loaded configuration.
func unknownClient(cli siteservice.SiteService) {
	_, _ = cli.GetSite(context.Background(), &siteservice.GetSiteRequest{})
}

// literalWithTimeoutMiddleware sets Timeout and turns the timeout
// middleware on, as the loader would.
func literalWithTimeoutMiddleware() {
	cli := siteservice.NewSiteService(zrpc.MustNewClient(zrpc.RpcClientConf{
		Target:      "dns:///site:8080",
		Timeout:     1500,
		Middlewares: zrpc.ClientMiddlewaresConf{Timeout: true, Trace: true},
	}))
	_, _ = cli.GetSite(context.Background(), &siteservice.GetSiteRequest{})
}

// withTarget builds the client with zrpc.NewClientWithTarget, which fills
// the configuration's defaults.
func withTarget() {
	c, _ := zrpc.NewClientWithTarget("dns:///site:8080")
	_, _ = siteservice.NewSiteService(c).GetSite(context.Background(), &siteservice.GetSiteRequest{})
}

// withTimeoutContext derives a context with a deadline from the request.
func (h *PmsHandler) withTimeoutContext(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	_, _ = h.svcCtx.DirectRpc.GetSite(ctx, &siteservice.GetSiteRequest{SiteId: 101})
}

type GetSiteLogic struct {
	ctx    context.Context
	svcCtx *ServiceContext
}

// logicContext uses the logic's context, set by the handler from the
// request: its origin is not in this function.
func (l *GetSiteLogic) logicContext() {
	_, _ = l.svcCtx.DirectRpc.GetSite(l.ctx, &siteservice.GetSiteRequest{})
}
