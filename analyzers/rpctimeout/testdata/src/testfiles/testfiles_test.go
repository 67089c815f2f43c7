package testfiles

import (
	"context"
	"testing"

	"site"
)

// TestGetSite calls a fake server in a test, where a hang fails the test
// run's own timeout: _test.go files are not checked by default.
func TestGetSite(t *testing.T) {
	var c site.SiteServiceClient
	if c != nil {
		_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{})
	}
}
