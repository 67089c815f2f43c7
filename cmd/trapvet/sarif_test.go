package main_test

// The output formats: SARIF 2.1.0 as code scanning reads it (its schema,
// rules, locations, fixes and suppressions) and GitHub's annotations.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifLog is the part of SARIF 2.1.0 the checks below read.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	} `json:"runs"`
}

type sarifLocation struct {
	ID               int `json:"id"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine, StartColumn, EndLine, EndColumn int
		} `json:"region"`
	} `json:"physicalLocation"`
	Message *struct {
		Text string `json:"text"`
	} `json:"message"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex int    `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	} `json:"suppressions"`
	Fixes []struct {
		Description struct {
			Text string `json:"text"`
		} `json:"description"`
		ArtifactChanges []struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Replacements []struct {
				DeletedRegion struct {
					StartLine, StartColumn, EndLine, EndColumn int
				} `json:"deletedRegion"`
			} `json:"replacements"`
		} `json:"artifactChanges"`
	} `json:"fixes"`
}

// checkSARIF checks what code scanning relies on in SARIF 2.1.0: version
// and schema, a driver with versioned rules, each result tied to its rule,
// locations relative to %SRCROOT% with 1-based regions, fingerprints.
func checkSARIF(t *testing.T, data []byte) sarifLog {
	t.Helper()
	validateSARIFSchema(t, data)
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF does not decode: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("SARIF header: version %q schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	r := log.Runs[0]
	d := r.Tool.Driver
	if d.Name != "trapvet" || d.Version == "" || len(d.Rules) == 0 || r.ColumnKind != "utf16CodeUnits" {
		t.Errorf("driver %q version %q, %d rules, columnKind %q", d.Name, d.Version, len(d.Rules), r.ColumnKind)
	}
	if base := r.OriginalURIBaseIDs["%SRCROOT%"].URI; !strings.HasPrefix(base, "file:///") || !strings.HasSuffix(base, "/") {
		t.Errorf("%%SRCROOT%% = %q, want an absolute file URI ending in /", base)
	}
	ids := make(map[string]bool)
	for _, rule := range d.Rules {
		if ids[rule.ID] || rule.ID == "" || rule.ShortDescription.Text == "" || rule.Help.Text == "" ||
			!strings.HasPrefix(rule.HelpURI, "https://") || rule.DefaultConfiguration.Level != "warning" {
			t.Errorf("rule %+v incomplete or repeated", rule)
		}
		ids[rule.ID] = true
	}
	checkLoc := func(res sarifResult, l sarifLocation) {
		a, reg := l.PhysicalLocation.ArtifactLocation, l.PhysicalLocation.Region
		if a.URIBaseID != "%SRCROOT%" || strings.HasPrefix(a.URI, "/") || strings.Contains(a.URI, "\\") || a.URI == "" {
			t.Errorf("%s: location %+v not relative to %%SRCROOT%%", res.RuleID, a)
		}
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
			t.Errorf("%s: bad region %+v", res.RuleID, reg)
		}
	}
	for _, res := range r.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(d.Rules) || d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has rule index %d", res.RuleID, res.RuleIndex)
		}
		if res.Level != "warning" || res.Message.Text == "" || len(res.Locations) != 1 || res.PartialFingerprints["trapvet/v2"] == "" {
			t.Errorf("result %+v incomplete", res)
		}
		for _, l := range res.Locations {
			checkLoc(res, l)
		}
		for _, l := range res.RelatedLocations {
			checkLoc(res, l)
			if l.ID < 1 || l.Message == nil || l.Message.Text == "" {
				t.Errorf("%s: related location without id or message: %+v", res.RuleID, l)
			}
		}
	}
	return log
}

// sarifSchema is the OASIS SARIF 2.1.0 schema (testdata/sarif/README.md),
// compiled once.
var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri and the like are checked, not only noted
	return c.Compile("testdata/sarif/sarif-schema-2.1.0.json")
})

// validateSARIFSchema fails t unless data is valid under the SARIF 2.1.0
// JSON schema.
func validateSARIFSchema(t *testing.T, data []byte) {
	t.Helper()
	schema, err := sarifSchema()
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("SARIF output is not valid SARIF 2.1.0:\n%v", err)
	}
}

func TestSARIFSchemaCatchesErrors(t *testing.T) {
	// The validator is only worth its place if it rejects what code
	// scanning would: a result without a message, a bad suppression kind.
	schema, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a"}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"suppressions":[{"kind":"inline"}]}]}]}`,
		`{"version":"2.0.0","runs":[]}`,
	} {
		doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if schema.Validate(doc) == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}

func TestSARIFSuppressions(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	// quiet's one finding is suppressed: a clean run, listed as suppressed.
	r := trapvet(t, dir, "-format=sarif", "./quiet", "./ignore")
	if r.code != 3 || r.stderr != "" {
		t.Fatalf("exit %d (want 3: ignore has a directive without a reason), stderr:\n%s", r.code, r.stderr)
	}
	var got []string
	for _, res := range checkSARIF(t, []byte(r.stdout)).Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		line := fmt.Sprintf("%s:%d: ", loc.ArtifactLocation.URI, loc.Region.StartLine)
		if len(res.Suppressions) == 0 {
			line += "active: " + res.Message.Text
		}
		for _, s := range res.Suppressions {
			line += s.Kind + ": " + s.Justification
		}
		got = append(got, line)
	}
	want := []string{
		"ignore/ignore.go:14: inSource: the caller passes at most three paths",
		"ignore/ignore.go:30: active: defer f.Close() in loop: every f stays open until NoReason returns",                                                                           // a directive without a reason suppresses nothing,
		"ignore/ignore.go:30: active: trapvet:ignore deferloop needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing", // and is a finding
		"quiet/quiet.go:15: inSource: two files at most, closed on return",
	}
	if !slices.Equal(got, want) {
		t.Errorf("SARIF results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Every other format leaves suppressed findings out, and they never
	// fail the run.
	for _, format := range []string{"text", "json", "github"} {
		r := trapvet(t, dir, "-format="+format, "./quiet")
		if r.code != 0 || strings.Contains(r.stdout, "quiet.go") {
			t.Errorf("-format=%s ./quiet: exit %d, stdout:\n%s", format, r.code, r.stdout)
		}
	}
}

func TestSARIF(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	out := filepath.Join(t.TempDir(), "trapvet.sarif")
	r := trapvet(t, dir, "-format=sarif", "-o", out, "./traps", "./fix", "./unicode")
	if r.code != 3 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(out)
	log := checkSARIF(t, data)
	results := log.Runs[0].Results
	byFile := make(map[string]sarifResult)
	for _, res := range results {
		loc := res.Locations[0].PhysicalLocation
		byFile[fmt.Sprintf("%s:%d:%s", loc.ArtifactLocation.URI, loc.Region.StartLine, res.RuleID)] = res
	}
	traps, ok := byFile["traps/traps.go:13:deferloop"]
	if !ok || len(traps.RelatedLocations) != 1 {
		t.Fatalf("traps finding: %+v (results %v)", traps, byFile)
	}
	if fixed := byFile["fix/fix.go:15:deferloop"]; len(fixed.Fixes) != 1 || fixed.Fixes[0].ArtifactChanges[0].ArtifactLocation.URI != "fix/fix.go" {
		t.Errorf("fix finding has fixes %+v", fixed.Fixes)
	}

	// Columns count UTF-16 code units, not bytes.
	uni, ok := byFile["unicode/unicode.go:9:printf"]
	if !ok {
		t.Fatalf("no printf finding in unicode.go: %v", byFile)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "unicode", "unicode.go"))
	line := strings.Split(string(src), "\n")[uni.Locations[0].PhysicalLocation.Region.StartLine-1]
	at := strings.Index(line, "%d") // printf reports the directive
	if want := len(utf16.Encode([]rune(line[:at]))) + 1; uni.Locations[0].PhysicalLocation.Region.StartColumn != want {
		t.Errorf("unicode column = %d, want %d (UTF-16)", uni.Locations[0].PhysicalLocation.Region.StartColumn, want)
	}

	// Fingerprints follow a finding when the lines above it move.
	file := filepath.Join(dir, "traps", "traps.go")
	old, _ := os.ReadFile(file)
	if err := os.WriteFile(file, append([]byte("// A new first line.\n\n"), old...), 0o644); err != nil {
		t.Fatal(err)
	}
	r = trapvet(t, dir, "-format=sarif", "-vet=false", "./traps")
	moved := checkSARIF(t, []byte(r.stdout)).Runs[0].Results
	if len(moved) != 1 || moved[0].Locations[0].PhysicalLocation.Region.StartLine != 15 ||
		moved[0].PartialFingerprints["trapvet/v2"] != traps.PartialFingerprints["trapvet/v2"] {
		t.Errorf("after moving the finding two lines down: %+v, want line 15 and fingerprint %v", moved, traps.PartialFingerprints)
	}
}

func TestGitHubFormat(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	r := trapvet(t, dir, "-format=github", "-vet=false", "./traps", "./ignore")
	want := "::warning file=ignore/ignore.go,line=30,endLine=30,col=3,endColumn=18,title=trapvet/deferloop::defer f.Close() in loop: every f stays open until NoReason returns\n" +
		"::warning file=ignore/ignore.go,line=30,endLine=30,col=19,endColumn=45,title=trapvet/ignores::trapvet:ignore deferloop needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing\n" +
		"::warning file=traps/traps.go,line=13,endLine=13,col=3,endColumn=18,title=trapvet/deferloop::defer f.Close() in loop: every f stays open until OpenAll returns\n"
	if r.code != 3 || r.stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", r.code, r.stdout, want)
	}
}
