package finding

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity ranks a finding. The zero value is Info.
type Severity int

// Severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns the lower-case name used in every output format.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(name string) (Severity, error) {
	switch name {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("invalid severity %q: use error, warning or info", name)
}

// MarshalText writes the severity by name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity written by MarshalText.
func (s *Severity) UnmarshalText(text []byte) error {
	parsed, err := ParseSeverity(string(text))
	if err != nil {
		return err
	}
	*s = parsed
	return nil
}

// Finding is one defect found in a page or in a replayed exchange.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Example  string   `json:"example,omitempty"`
	Pointer  string   `json:"pointer,omitempty"`
	Message  string   `json:"message"`
}

// New returns a finding for rule with the rule's default severity.
func New(rule string, file string, line, column int, message string) Finding {
	return Finding{
		Rule:     rule,
		Severity: DefaultSeverity(rule),
		File:     file,
		Line:     line,
		Column:   column,
		Message:  message,
	}
}

// String formats the finding as file:line:col: severity rule: message [example].
func (f Finding) String() string {
	text := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Message)
	if f.Example != "" {
		text += " [" + f.Example + "]"
	}
	return text
}

// Compare orders findings by file, line, column, rule, pointer and message.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts findings in place and drops exact duplicates.
func Sort(findings []Finding) []Finding {
	slices.SortFunc(findings, Compare)
	return slices.Compact(findings)
}

// Count returns how many findings have each severity.
func Count(findings []Finding) map[Severity]int {
	counts := map[Severity]int{}
	for _, f := range findings {
		counts[f.Severity]++
	}
	return counts
}
