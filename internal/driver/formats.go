package driver

import (
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
)

// srcRoot is the directory paths are made relative to in the github and
// sarif formats: the enclosing repository's root (the directory holding
// .git), or the working directory outside a repository.
func srcRoot(cwd string) string {
	for dir := cwd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return cwd
		}
		dir = parent
	}
}

// rootRel returns path relative to root with forward slashes, and whether
// it lies inside root.
func rootRel(root, path string) (string, bool) {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path), false
	}
	return filepath.ToSlash(rel), true
}

// lineCache reads source files once, for columns in UTF-16 code units.
type lineCache map[string][]string

func (c lineCache) line(file string, n int) string {
	lines, ok := c[file]
	if !ok {
		data, _ := os.ReadFile(file)
		lines = strings.Split(string(data), "\n")
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// utf16Col converts a 1-based byte column on a line to a 1-based column
// in UTF-16 code units, as SARIF counts by default.
func (c lineCache) utf16Col(p token.Position) int {
	line := c.line(p.Filename, p.Line)
	if p.Column < 1 || p.Column-1 > len(line) {
		return p.Column
	}
	col := 1
	for _, r := range line[:p.Column-1] {
		if r == utf8.RuneError {
			col++
			continue
		}
		col += len(utf16.Encode([]rune{r}))
	}
	return col
}

// --- GitHub Actions workflow commands ---

// printGitHub writes one ::warning workflow command per finding, which
// GitHub Actions shows as an annotation on the file and line.
func (r *run) printGitHub(out io.Writer, findings []*finding) {
	root := srcRoot(r.cwd)
	for _, f := range findings {
		file, _ := rootRel(root, f.Posn.Filename)
		end := f.End
		if !end.IsValid() {
			end = f.Posn
		}
		props := []string{
			"file=" + escapeProperty(file),
			fmt.Sprintf("line=%d", f.Posn.Line),
			fmt.Sprintf("endLine=%d", end.Line),
		}
		if f.Posn.Line == end.Line { // GitHub ignores columns across lines
			props = append(props, fmt.Sprintf("col=%d", f.Posn.Column), fmt.Sprintf("endColumn=%d", end.Column))
		}
		props = append(props, "title="+escapeProperty(r.suite.Name+"/"+f.Analyzer))
		fmt.Fprintf(out, "::warning %s::%s\n", strings.Join(props, ","), escapeData(f.Message))
	}
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// --- SARIF 2.1.0 ---

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	Name                 string      `json:"name"`
	ShortDescription     sarifText   `json:"shortDescription"`
	FullDescription      *sarifText  `json:"fullDescription,omitempty"`
	Help                 *sarifText  `json:"help,omitempty"`
	HelpURI              string      `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifFix struct {
	Description     sarifText     `json:"description"`
	ArtifactChanges []sarifChange `json:"artifactChanges"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Kind                string             `json:"kind,omitempty"`          // absent entries: pass
	BaselineState       string             `json:"baselineState,omitempty"` // with -baseline or -new-from-*
}

// A sarifSuppression says a result was silenced in the source, by
// //trapvet:ignore or //nolint; code scanning shows it as dismissed.
type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Justification string         `json:"justification,omitempty"`
	Properties    map[string]any `json:"properties,omitempty"`
}

const sarifBase = "%SRCROOT%"

func (r *run) printSARIF(out io.Writer, analyzers []*analysis.Analyzer, findings []*finding) {
	root := srcRoot(r.cwd)
	lines := make(lineCache)
	drv := sarifDriver{
		Name:           r.suite.Name,
		Version:        moduleVersion(),
		InformationURI: r.suite.InfoURL,
		Rules:          []sarifRule{},
	}
	ruleIndex := make(map[string]int)
	for _, a := range analyzers {
		title, _, _ := strings.Cut(a.Doc, "\n")
		title = strings.TrimPrefix(title, a.Name+": ")
		ruleIndex[a.Name] = len(drv.Rules)
		drv.Rules = append(drv.Rules, sarifRule{
			ID:                   a.Name,
			Name:                 a.Name,
			ShortDescription:     sarifText{Text: title},
			Help:                 &sarifText{Text: a.Doc},
			HelpURI:              a.URL,
			DefaultConfiguration: sarifConfig{Level: "warning"},
		})
	}
	physical := func(pos, end token.Position) sarifPhysical {
		uri, inside := rootRel(root, pos.Filename)
		loc := sarifArtifact{URI: uri}
		if inside {
			loc.URIBaseID = sarifBase
		} else {
			loc.URI = "file://" + uri
		}
		reg := &sarifRegion{StartLine: pos.Line, StartColumn: lines.utf16Col(pos)}
		if end.IsValid() && end.Filename == pos.Filename {
			reg.EndLine, reg.EndColumn = end.Line, lines.utf16Col(end)
		}
		return sarifPhysical{ArtifactLocation: loc, Region: reg}
	}
	fingerprints := r.opts.newOnly.sarifFingerprints(findings)
	results := []sarifResult{}
	for _, f := range findings {
		idx, ok := ruleIndex[f.Analyzer]
		if !ok {
			continue
		}
		res := sarifResult{
			RuleID:    f.Analyzer,
			RuleIndex: idx,
			Level:     "warning",
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: physical(f.Posn, f.End)}},
		}
		for i, rel := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               i + 1,
				PhysicalLocation: physical(rel.Posn, rel.End),
				Message:          &sarifText{Text: rel.Message},
			})
		}
		for _, fix := range f.Fixes {
			sf := sarifFix{Description: sarifText{Text: fix.Message}}
			byFile := make(map[string]int)
			for _, te := range fix.Edits {
				p := physical(te.Posn, te.EndPosn)
				i, ok := byFile[p.ArtifactLocation.URI]
				if !ok {
					i = len(sf.ArtifactChanges)
					byFile[p.ArtifactLocation.URI] = i
					sf.ArtifactChanges = append(sf.ArtifactChanges, sarifChange{ArtifactLocation: p.ArtifactLocation})
				}
				sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, sarifReplacement{
					DeletedRegion:   *p.Region,
					InsertedContent: &sarifText{Text: te.New},
				})
			}
			res.Fixes = append(res.Fixes, sf)
		}
		// The fingerprint names the finding without its line number, so
		// that code scanning follows it when lines move: the baseline's
		// (internal/baseline), with an occurrence index.
		res.PartialFingerprints = map[string]string{sarifFingerprintKey: fingerprints[f]}
		res.BaselineState = r.opts.newOnly.baselineState(f)
		if r.opts.newOnly.held[f] {
			res.Suppressions = r.opts.newOnly.sarifHeld(f)
		} else if s := f.Suppressed; s != nil {
			directive := "trapvet:ignore"
			if s.Kind == report.NolintDirective {
				directive = "nolint"
			}
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: s.Reason, Properties: map[string]any{"directive": directive}}}
		}
		results = append(results, res)
	}
	results = append(results, r.opts.newOnly.sarifAbsent(ruleIndex, func(file string) sarifArtifact {
		return physical(token.Position{Filename: file}, token.Position{}).ArtifactLocation
	})...)
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:               sarifTool{Driver: drv},
			OriginalURIBaseIDs: map[string]sarifArtifact{sarifBase: {URI: fileURI(root)}},
			Results:            results,
			ColumnKind:         "utf16CodeUnits",
		}},
	}
	data, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		r.errorf("cannot encode the SARIF output: %v", err)
		return
	}
	out.Write(append(data, '\n'))
}

// fileURI returns the file: URI of a directory, ending in a slash as SARIF
// requires of a base.
func fileURI(dir string) string {
	u := filepath.ToSlash(dir)
	if !strings.HasPrefix(u, "/") {
		u = "/" + u // a Windows drive
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return "file://" + u
}
