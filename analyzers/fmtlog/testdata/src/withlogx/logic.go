package withlogx

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/zeromicro/go-zero/core/logx"
)

type SubmitReq struct {
	PatientID string
	PainLevel int
}

// SubmitLogic embeds its context logger, as goctl generates it.
type SubmitLogic struct {
	logx.Logger
	ctx context.Context
}

func (l *SubmitLogic) Submit(req *SubmitReq) error {
	fmt.Printf("patient %s pain level %d\n", req.PatientID, req.PainLevel) // want `fmt.Printf used as logging in a package that logs with logx: use l.Logger.Infow instead`
	logx.Infow("submitted")
	return nil
}

// SubmitHandler is a go-zero handler: the literal it returns serves each
// request, and the logx the package calls is its logger.
func SubmitHandler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		defer logx.WithContext(ctx).Infow("submit done")
		req := SubmitReq{PatientID: r.URL.Query().Get("id")}
		fmt.Printf("patient %s pain level %d\n", req.PatientID, req.PainLevel) // want `fmt.Printf used as logging in a package that logs with logx: use logx.WithContext\(ctx\).Infow instead`
		n := req.PainLevel
		fmt.Println("cleanup failed for", n) // want `fmt.Println used as logging in a package that logs with logx: use logx.WithContext\(ctx\).Errorw instead`
		w.WriteHeader(http.StatusAccepted)
		log.Printf("retry %d", n) // want `log.Printf used as logging in a package that logs with logx: use logx.WithContext\(ctx\).Infow instead`
	}
}

// The package's helpers serve no request and have no logger at hand:
// that the package calls logx elsewhere does not make their prints lost
// log lines (a helper warning its caller, a constructor's complaint).
func Cleanup(ctx context.Context, n int) {
	fmt.Println("cleanup failed for", n)
}

func Tick(n int) {
	fmt.Printf("tick %5d\n", n)
}

func Retry(n int) {
	log.Printf("retry %d", n)
}

// A constructor given a bad configuration stops with a message: log.Fatal
// counts only where a logger does.
func NewStore(nodes []string) {
	if len(nodes) == 0 {
		log.Fatal("no cache nodes")
	}
}
