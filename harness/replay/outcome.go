package replay

import "github.com/graphdoc/graphdoc/harness/finding"

// Result values of an Outcome.
const (
	Passed  = "passed"
	Failed  = "failed"
	Skipped = "skipped"
)

// Outcome is the result of replaying one documented example.
type Outcome struct {
	Name string `json:"name"`
	// File is the page path; Line is the opening fence line of the
	// response block, or of the request block when there is no response.
	File string `json:"file"`
	Line int    `json:"line"`
	// Method is the documented method. URL is the URL sent, or the
	// documented target when the example was skipped before mapping.
	Method string `json:"method"`
	URL    string `json:"url"`
	// Outcome is Passed, Failed or Skipped. An example fails when a
	// difference is a warning or an error; info findings do not fail it.
	Outcome string `json:"outcome"`
	// Reason explains why the example was skipped or why no complete
	// response arrived. It is empty when the differences explain the
	// outcome.
	Reason           string `json:"reason,omitempty"`
	DocumentedStatus int    `json:"documentedStatus"`
	// ActualStatus is the status received, 0 when none was.
	ActualStatus int `json:"actualStatus,omitempty"`
	// Attempts counts the requests sent, retries included; 0 when the
	// example was skipped.
	Attempts int `json:"attempts,omitempty"`
	// Differences are the findings this exchange produced, each with
	// File, Line, Column and Example set and a JSON Pointer into the
	// actual body where one applies.
	Differences []finding.Finding `json:"differences"`
}
