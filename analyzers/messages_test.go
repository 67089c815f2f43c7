package analyzers_test

import (
	"slices"
	"strings"
	"testing"
)

// messageBudget is the longest a diagnostic may be, in bytes. A message
// is one clause that a reader acts on (what is wrong, then the
// consequence if it is not obvious); the advice, the reasoning and the
// other places involved go to the docs page and the related positions.
//
// The budget comes from the corpus: of the 493 messages kept by recent
// corpus runs (-keep), the median was 98 bytes, three in four were at
// most 149 and the longest 310, before rpctimeout and goroutineleak
// dropped their advice. Worded as now (the same rewording applied to
// the kept messages), the median is 93, nine in ten are at most 141 and
// 98% fit in 160; the 8 over it are rpctimeout's requests sent through a
// client with no timeout, which name the client, and one anymap and one
// goroutineleak message with long identifiers. The user's identifiers
// are most of what is left above the median (c.Request().Context(),
// putObjectMultipartStreamFromReadAt): 160 leaves a clause of about 100
// bytes room for them.
const messageBudget = 160

// TestMessages checks every message the fixtures produce against the
// wording rules of STYLE.md that a test can see: within the budget, one
// line, no trailing period.
func TestMessages(t *testing.T) {
	var lens []int
	for _, fr := range fixtureRuns(t) {
		for _, f := range fr.res.Findings {
			msg := f.Message
			lens = append(lens, len(msg))
			switch {
			case len(msg) > messageBudget:
				t.Errorf("%s: %s message of %d bytes, over the budget of %d: %s", f.Posn, f.Analyzer, len(msg), messageBudget, msg)
			case strings.ContainsAny(msg, "\n\r"):
				t.Errorf("%s: %s message of more than one line: %q", f.Posn, f.Analyzer, msg)
			case strings.HasSuffix(msg, "."):
				t.Errorf("%s: %s message ends with a period: %s", f.Posn, f.Analyzer, msg)
			}
		}
	}
	slices.Sort(lens)
	t.Logf("%d messages: median %d bytes, longest %d", len(lens), lens[len(lens)/2], lens[len(lens)-1])
}
