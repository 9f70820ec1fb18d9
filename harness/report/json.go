package report

import (
	"encoding/json"
	"io"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

// jsonReport is the json format's one document. Every key is always
// present, except examples, which only a replay has.
type jsonReport struct {
	Findings []jsonFinding `json:"findings"`
	Examples []jsonExample `json:"examples,omitzero"`
	Summary  summary       `json:"summary"`
}

type jsonFinding struct {
	Rule     string           `json:"rule"`
	Severity finding.Severity `json:"severity"`
	File     string           `json:"file"`
	Line     int              `json:"line"`
	Column   int              `json:"column"`
	Example  string           `json:"example"`
	Pointer  string           `json:"pointer"`
	Message  string           `json:"message"`
}

type jsonExample struct {
	Name             string `json:"name"`
	File             string `json:"file"`
	Line             int    `json:"line"`
	Method           string `json:"method"`
	URL              string `json:"url"`
	Outcome          string `json:"outcome"`
	Reason           string `json:"reason"`
	DocumentedStatus int    `json:"documentedStatus"`
	// ActualStatus is 0 when no response was received.
	ActualStatus int           `json:"actualStatus"`
	Differences  []jsonFinding `json:"differences"`
}

func writeJSON(w io.Writer, r Result, _ Options) error {
	doc := jsonReport{
		Findings: toJSONFindings(sortedFindings(r.Findings)),
		Summary:  summarize(r),
	}

	// A non-nil empty slice survives omitzero, so a replay that ran no
	// example still prints "examples": [].
	if r.Replay {
		doc.Examples = []jsonExample{}
		for _, example := range sortedExamples(r.Examples) {
			doc.Examples = append(doc.Examples, toJSONExample(example))
		}
	}

	encoder := json.NewEncoder(w)
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", "  ")
	return encoder.Encode(doc)
}

func toJSONFindings(findings []finding.Finding) []jsonFinding {
	out := make([]jsonFinding, 0, len(findings))
	for _, f := range findings {
		out = append(out, jsonFinding{
			Rule:     f.Rule,
			Severity: f.Severity,
			File:     f.File,
			Line:     f.Line,
			Column:   f.Column,
			Example:  f.Example,
			Pointer:  f.Pointer,
			Message:  f.Message,
		})
	}
	return out
}

func toJSONExample(example replay.Outcome) jsonExample {
	return jsonExample{
		Name:             example.Name,
		File:             example.File,
		Line:             example.Line,
		Method:           example.Method,
		URL:              example.URL,
		Outcome:          example.Outcome,
		Reason:           example.Reason,
		DocumentedStatus: example.DocumentedStatus,
		ActualStatus:     example.ActualStatus,
		Differences:      toJSONFindings(example.Differences),
	}
}
