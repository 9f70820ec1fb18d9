package replay

import "github.com/graphdoc/graphdoc/harness/finding"

// Result values of an Outcome.
const (
	Passed  = "passed"
	Failed  = "failed"
	Skipped = "skipped"
)

// Outcome is what happened to one documented example when it was replayed.
type Outcome struct {
	Name             string `json:"name"`
	File             string `json:"file"`
	Line             int    `json:"line"`
	Method           string `json:"method"`
	URL              string `json:"url"`
	Outcome          string `json:"outcome"`
	Reason           string `json:"reason,omitempty"`
	DocumentedStatus int    `json:"documentedStatus"`
	ActualStatus     int    `json:"actualStatus,omitempty"`
	// Attempts counts the requests sent, retries included; 0 when the
	// example was skipped.
	Attempts int `json:"attempts,omitempty"`
	// Differences are the findings this exchange produced, each with a
	// JSON Pointer into the actual body where one applies.
	Differences []finding.Finding `json:"differences"`
}
