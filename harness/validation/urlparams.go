package validation

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/pagemodel"
)

// dateTimeValue matches an ISO 8601 date and time with an optional
// offset; group 1 is the offset.
var dateTimeValue = regexp.MustCompile(`(?i)^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$`)

// dateTimeParameters checks the values that example URLs give the
// parameters that the page's Parameter tables type DateTimeOffset: in the
// query string and in function calls of the path.
func (v *pageValidator) dateTimeParameters(model *pagemodel.Model) {
	typed := map[string]bool{}
	for _, parameter := range model.Parameters {
		if parameter.Kind == pagemodel.DateTimeOffset {
			typed[strings.ToLower(parameter.Name)] = true
		}
	}
	if len(typed) == 0 {
		return
	}

	for _, example := range v.page.Examples {
		if request := example.Request.Request; request != nil {
			v.dateTimeValues(example, request.Target, typed)
		}
	}
}

// dateTimeValues reports, once per rule and block, a raw '+' in a query
// value and a date and time without offset.
func (v *pageValidator) dateTimeValues(example *extract.Example, target string, typed map[string]bool) {
	reported := map[string]bool{}
	report := func(rule, value, message string) {
		if reported[rule] {
			return
		}
		reported[rule] = true
		line, text := requestLine(example.Request)
		column := strings.Index(text, value) + 1
		v.report(rule, line, max(column, 1), example.Name, message)
	}

	path, query, _ := strings.Cut(target, "?")
	if i := strings.IndexByte(query, '#'); i >= 0 {
		query = query[:i]
	}
	for _, option := range strings.Split(query, "&") {
		key, value, found := strings.Cut(option, "=")
		if decoded, err := url.QueryUnescape(key); err == nil {
			key = decoded
		}
		if !found || !typed[strings.ToLower(strings.TrimSpace(key))] {
			continue
		}
		if strings.Contains(value, "+") {
			report("query-plus-unencoded", value, fmt.Sprintf("the + in %s=%s is decoded as a space; write it as %%2B or give the time in UTC with Z", key, value))
			continue
		}
		if decoded, err := url.PathUnescape(value); err == nil && lacksOffset(decoded) {
			report("datetime-no-offset", value, fmt.Sprintf("%s=%s has no time zone offset; add Z or an offset such as +05:30", key, value))
		}
	}

	for _, segment := range strings.Split(path, "/") {
		_, inner, ok := splitCall(segment)
		if !ok {
			continue
		}
		for _, argument := range splitArguments(inner) {
			name, value, _ := strings.Cut(argument, "=")
			if !typed[strings.ToLower(strings.TrimSpace(name))] {
				continue
			}
			text := strings.Trim(strings.TrimSpace(value), "'")
			if decoded, err := url.PathUnescape(text); err == nil && lacksOffset(decoded) {
				report("datetime-no-offset", value, fmt.Sprintf("%s has no time zone offset; add Z or an offset such as +05:30", strings.TrimSpace(argument)))
			}
		}
	}
}

// lacksOffset reports whether value is a date and time without Z or an
// offset. A value that is no date and time, such as a placeholder, is
// not judged.
// NOTE: a date without a time, such as 2024-07-01, is not reported,
// although a DateTimeOffset literal needs both.
func lacksOffset(value string) bool {
	m := dateTimeValue.FindStringSubmatch(strings.TrimSpace(value))
	return m != nil && m[1] == ""
}

// requestLine returns the page line and the text of a request block's
// first line that is not blank.
func requestLine(block *extract.Block) (int, string) {
	line := block.ContentLine
	for _, text := range strings.Split(string(block.Content), "\n") {
		if strings.TrimSpace(text) != "" {
			return line, text
		}
		line++
	}
	return block.ContentLine, ""
}
