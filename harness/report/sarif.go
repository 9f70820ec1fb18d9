package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
)

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"

	// sarifSourceRoot is the uriBaseId of every path inside Options.Root.
	// The consumer binds it to the checkout, as GitHub code scanning does.
	sarifSourceRoot = "%SRCROOT%"

	// sarifFingerprintKey names graphdoc's partial fingerprint. It carries
	// a version, so a change of the hash inputs can move to /v2 instead of
	// matching alerts hashed the old way.
	sarifFingerprintKey = "graphdocFinding/v1"
)

// ruleCatalogue supplies the rules SARIF lists. Tests pin it so that the
// golden files do not change with every catalogue edit.
var ruleCatalogue = finding.Rules

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     *sarifText         `json:"shortDescription,omitempty"`
	FullDescription      *sarifText         `json:"fullDescription,omitempty"`
	Help                 *sarifText         `json:"help,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           *sarifRuleTags     `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleTags struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifProperties  `json:"properties,omitempty"`
}

// sarifProperties carries the parts of a finding SARIF has no field for.
type sarifProperties struct {
	Example string `json:"example,omitempty"`
	Pointer string `json:"pointer,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion uses 1-based lines and columns. NOTE: graphdoc counts
// columns in bytes, while SARIF counts UTF-16 code units by default, so a
// column after non-ASCII text on the same line points too far right.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

func writeSARIF(w io.Writer, r Result, opts Options) error {
	findings := allFindings(r)
	rules, ruleIndex := sarifRules(findings)

	results := make([]sarifResult, 0, len(findings))
	occurrences := map[string]int{}
	for _, f := range findings {
		location := sarifArtifact(opts.Root, f.File)

		// Identical findings in one file are distinguished by their order,
		// which a line move above them does not change.
		key := sarifFingerprint(f, location.URI)
		occurrences[key]++

		result := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: ruleIndex[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: sarifMessage(f)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: location,
				Region:           sarifRegion{StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1)},
			}}},
			PartialFingerprints: map[string]string{
				sarifFingerprintKey: fmt.Sprintf("%s:%d", key, occurrences[key]),
			},
		}
		if f.Example != "" || f.Pointer != "" {
			result.Properties = &sarifProperties{Example: f.Example, Pointer: f.Pointer}
		}
		results = append(results, result)
	}

	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:    sarifTool{Driver: sarifDriver{Name: "graphdoc", Version: opts.ToolVersion, Rules: rules}},
			Results: results,
		}},
	}
	encoder := json.NewEncoder(w)
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", "  ")
	return encoder.Encode(log)
}

// sarifRules returns the whole catalogue, then any rule id the findings
// use that the catalogue lacks, and the index of every id in that list.
func sarifRules(findings []finding.Finding) ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	for _, rule := range ruleCatalogue() {
		index[rule.ID] = len(rules)
		rules = append(rules, sarifRule{
			ID:                   rule.ID,
			ShortDescription:     &sarifText{Text: firstSentence(rule.Summary)},
			FullDescription:      &sarifText{Text: rule.Summary},
			Help:                 &sarifText{Text: rule.Fix},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rule.Severity)},
			Properties:           &sarifRuleTags{Tags: []string{rule.Stage}},
		})
	}

	var unknown []string
	for _, f := range findings {
		if _, ok := index[f.Rule]; !ok && !slices.Contains(unknown, f.Rule) {
			unknown = append(unknown, f.Rule)
		}
	}
	slices.Sort(unknown)
	// finding.DefaultSeverity gives Error to ids outside the catalogue.
	for _, id := range unknown {
		index[id] = len(rules)
		rules = append(rules, sarifRule{
			ID:                   id,
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(finding.Error)},
		})
	}
	return rules, index
}

func sarifLevel(severity finding.Severity) string {
	switch severity {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	default:
		return "note"
	}
}

// sarifMessage repeats the pointer and example in the message text,
// because GitHub code scanning shows no result properties.
func sarifMessage(f finding.Finding) string {
	text := f.Message
	if f.Pointer != "" {
		text += " (pointer " + f.Pointer + ")"
	}
	if f.Example != "" {
		text += " [" + f.Example + "]"
	}
	return text
}

// sarifArtifact locates file under %SRCROOT% when it lies inside root,
// and by an absolute file URI otherwise.
func sarifArtifact(root, file string) sarifArtifactLocation {
	path, inside := relativePath(root, file)
	if inside {
		return sarifArtifactLocation{URI: (&url.URL{Path: path}).String(), URIBaseID: sarifSourceRoot}
	}

	// A Windows path such as C:/docs/a.md needs a leading slash to be a
	// URI path.
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: path}).String()}
}

// sarifFingerprint hashes what identifies a finding apart from its line
// and column: rule, file, example, pointer and message.
func sarifFingerprint(f finding.Finding, uri string) string {
	hash := sha256.New()
	for _, part := range []string{f.Rule, uri, f.Example, f.Pointer, f.Message} {
		// The NUL separator keeps ("ab", "c") and ("a", "bc") apart.
		hash.Write([]byte(part))
		hash.Write([]byte{0})
	}
	return hex.EncodeToString(hash.Sum(nil))
}

// firstSentence returns text up to and including the first full stop
// that ends a sentence, or all of text.
func firstSentence(text string) string {
	if end := strings.Index(text, ". "); end >= 0 {
		return text[:end+1]
	}
	return text
}
