package gozerologic

import (
	"context"

	"gozero"
	"siteservice"
)

type GetProjectLogic struct {
	ctx    context.Context
	svcCtx *gozero.ServiceContext
}

// otherPackageClient calls a client that the service context of another
// package holds: in a go-zero program it comes from the loaded
// configuration, whose Timeout default bounds every call.
func (l *GetProjectLogic) otherPackageClient() {
	_, _ = l.svcCtx.SiteRpc.GetSite(context.Background(), &siteservice.GetSiteRequest{SiteId: 7})
}
