package withlogx

import (
	"context"
	"fmt"

	"github.com/zeromicro/go-zero/core/logx"
)

// GetLogic embeds its context logger, as go-zero's generated logic does.
type GetLogic struct {
	logx.Logger
	ctx context.Context
}

func (l *GetLogic) Get(id string) {
	fmt.Printf("get %s\n", id) // want `fmt.Printf used as logging in a package that logs with logx: use l.Logger.Infow instead`
}
