package withlogx

import (
	"context"
	"fmt"
	"log"

	"github.com/zeromicro/go-zero/core/logx"
)

type SubmitReq struct {
	PatientID string
	PainLevel int
}

type SubmitLogic struct {
	ctx context.Context
}

func (l *SubmitLogic) Submit(req *SubmitReq) error {
	fmt.Printf("patient %s pain level %d\n", req.PatientID, req.PainLevel) // want `fmt.Printf used as logging in a package that logs with logx: use logx.WithContext\(ctx\).Infow instead`
	logx.Infow("submitted")
	return nil
}

func Cleanup(ctx context.Context, n int) {
	fmt.Println("cleanup failed for", n) // want `fmt.Println used as logging in a package that logs with logx: use logx.WithContext\(ctx\).Errorw instead`
}

func Tick(n int) {
	fmt.Printf("tick %5d\n", n) // want `fmt.Printf used as logging in a package that logs with logx: use logx.Infow instead`
}

func Retry(n int) {
	log.Printf("retry %d", n) // want `log.Printf used as logging in a package that logs with logx: use logx.Infow instead`
}
