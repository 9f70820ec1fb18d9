package gate

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// The rules Suppress reports. They cannot be suppressed themselves, since
// a suppression would then hide its own defects.
const (
	ruleSuppressionInvalid = "suppression-invalid"
	ruleSuppressionUnused  = "suppression-unused"
)

// disableComment matches a graphdoc-disable comment that starts a line.
// Group 1 is the text between the keyword and the end of the comment.
var disableComment = regexp.MustCompile(`(?ms)^[ \t]*<!--[ \t]*graphdoc-disable\b(.*?)-->`)

// ownEntry matches the rule list of a page annotation suppression that
// belongs to graphdoc: lower-case kebab-case ids with at least one hyphen,
// separated by commas. Entries written for other tools, such as
// ApiDoctor's "Error: /path: message", start with a capitalized word and
// do not match.
var ownEntry = regexp.MustCompile(`^\s*[a-z0-9]+(-[a-z0-9]+)+(\s*,\s*[a-z0-9]+(-[a-z0-9]+)+)*\s*$`)

// suppression is one parsed graphdoc-disable comment or page suppression.
type suppression struct {
	line  int
	rules []string
	// first and last bound the lines the suppression covers. Both are zero
	// for a page-wide suppression.
	first, last int
	example     string
	used        map[string]bool
}

func (s *suppression) covers(f finding.Finding) bool {
	if s.first == 0 {
		return true
	}
	return f.Line >= s.first && f.Line <= s.last
}

// Suppress returns findings without those that page's suppressions cover,
// plus a suppression-invalid or suppression-unused warning for each
// defective or unneeded suppression. Findings of other files pass
// unchanged. The result is sorted, and findings is not changed.
//
// Two forms suppress findings:
//
//   - A comment <!-- graphdoc-disable rule-id[, rule-id]: reason -->
//     on a line of its own suppresses those rules on the next block of the
//     page: from its annotation, or its opening fence when it has none, to
//     its closing fence.
//   - An entry "rule-id[, rule-id]: reason" in the "suppressions" list of
//     the page annotation suppresses those rules on the whole page. An
//     entry is read as graphdoc's only when the text before its first
//     colon is a list of lower-case hyphenated ids. Other entries, such as
//     ApiDoctor's "Error: /path: message", are left to their tools.
//
// A suppression without a reason, without a rule, or naming a rule the
// catalogue lacks gets suppression-invalid, and its rules are not
// suppressed. A rule in a valid suppression that matches no finding gets
// suppression-unused. Call Suppress before Config.Apply, so a rule the
// config sets off does not leave its suppressions unused.
func Suppress(page *extract.Page, findings []finding.Finding) []finding.Finding {
	var result []finding.Finding
	var own []finding.Finding
	for _, f := range findings {
		if f.File == page.Path {
			own = append(own, f)
		} else {
			result = append(result, f)
		}
	}

	// Block suppressions come first, so the narrowest one that covers a
	// finding is the one marked used.
	suppressions, problems := blockSuppressions(page)
	wide, wideProblems := pageSuppressions(page)
	suppressions = append(suppressions, wide...)
	problems = append(problems, wideProblems...)

	for _, f := range own {
		if !suppressed(suppressions, f) {
			result = append(result, f)
		}
	}
	result = append(result, problems...)

	// Report each rule that a valid suppression names but never used.
	for _, s := range suppressions {
		for _, rule := range s.rules {
			if s.used[rule] {
				continue
			}
			where := "on this page"
			if s.first != 0 {
				where = fmt.Sprintf("on the block at lines %d-%d", s.first, s.last)
			}
			f := finding.New(ruleSuppressionUnused, page.Path, s.line, 1,
				fmt.Sprintf("suppression of %s matches no finding %s; remove it", rule, where))
			f.Example = s.example
			result = append(result, f)
		}
	}
	return finding.Sort(result)
}

// suppressed reports whether a suppression covers f, and marks the first
// one that does as used.
func suppressed(suppressions []*suppression, f finding.Finding) bool {
	if f.Rule == ruleSuppressionInvalid || f.Rule == ruleSuppressionUnused {
		return false
	}
	for _, s := range suppressions {
		if !s.covers(f) {
			continue
		}
		for _, rule := range s.rules {
			if rule == f.Rule {
				s.used[rule] = true
				return true
			}
		}
	}
	return false
}

// pageSuppressions reads graphdoc's entries in the page annotations'
// suppressions lists.
func pageSuppressions(page *extract.Page) ([]*suppression, []finding.Finding) {
	var suppressions []*suppression
	var problems []finding.Finding
	for _, annotation := range page.PageAnnotations {
		for _, entry := range annotation.Suppressions {
			ids, reason, _ := strings.Cut(entry, ":")
			if !ownEntry.MatchString(ids) {
				continue
			}
			s, found := parseSuppression(page.Path, annotation.Line, ids, reason, "")
			suppressions = appendValid(suppressions, s)
			problems = append(problems, found...)
		}
	}
	return suppressions, problems
}

// blockSuppressions reads the graphdoc-disable comments of page and binds
// each to the block after it.
func blockSuppressions(page *extract.Page) ([]*suppression, []finding.Finding) {
	var suppressions []*suppression
	var problems []finding.Finding
	for _, match := range disableComment.FindAllSubmatchIndex(page.Source, -1) {
		line := 1 + bytes.Count(page.Source[:match[0]], []byte("\n"))
		endLine := 1 + bytes.Count(page.Source[:match[1]], []byte("\n"))
		if insideBlock(page, line) {
			continue
		}
		// NOTE: page.Blocks lists only annotated fences and http fences, so
		// a graphdoc-disable comment shown inside another fence, such as a
		// markdown sample, is still read as a suppression.

		ids, reason, _ := strings.Cut(string(page.Source[match[2]:match[3]]), ":")
		block := nextBlock(page, endLine)
		if block == nil {
			problems = append(problems, finding.New(ruleSuppressionInvalid, page.Path, line, 1,
				"graphdoc-disable comment has no block after it to suppress findings on; move it above the block or remove it"))
			continue
		}
		s, found := parseSuppression(page.Path, line, ids, reason, block.Name())
		if s != nil {
			s.first, s.last = blockStart(block), block.EndLine
		}
		suppressions = appendValid(suppressions, s)
		problems = append(problems, found...)
	}
	return suppressions, problems
}

// parseSuppression checks one suppression's rule list and reason. It
// returns nil and a suppression-invalid finding when the suppression
// cannot apply at all, and a suppression and findings for unknown ids
// when only some of its ids are wrong.
func parseSuppression(file string, line int, ids, reason, example string) (*suppression, []finding.Finding) {
	invalid := func(message string) finding.Finding {
		f := finding.New(ruleSuppressionInvalid, file, line, 1, message)
		f.Example = example
		return f
	}

	var rules []string
	for _, id := range strings.Split(ids, ",") {
		if id = strings.TrimSpace(id); id != "" {
			rules = append(rules, id)
		}
	}
	if len(rules) == 0 {
		return nil, []finding.Finding{invalid("suppression names no rule; write rule-id: reason")}
	}
	if strings.TrimSpace(reason) == "" {
		return nil, []finding.Finding{invalid(fmt.Sprintf("suppression of %s gives no reason; write %s: reason", strings.Join(rules, ", "), strings.Join(rules, ", ")))}
	}

	var problems []finding.Finding
	s := &suppression{line: line, example: example, used: map[string]bool{}}
	for _, rule := range rules {
		if rule == ruleSuppressionInvalid || rule == ruleSuppressionUnused {
			problems = append(problems, invalid(fmt.Sprintf("rule %s cannot be suppressed; correct or remove the suppression it reports", rule)))
			continue
		}
		if _, ok := finding.Lookup(rule); !ok {
			problems = append(problems, invalid(fmt.Sprintf("suppression names unknown rule %q; graphdoc rules lists the ids", rule)))
			continue
		}
		s.rules = append(s.rules, rule)
	}
	if len(s.rules) == 0 {
		return nil, problems
	}
	return s, problems
}

func appendValid(suppressions []*suppression, s *suppression) []*suppression {
	if s == nil {
		return suppressions
	}
	return append(suppressions, s)
}

// blockStart returns the first line of block: its annotation's, or its
// opening fence's when it has no annotation.
func blockStart(block *extract.Block) int {
	if block.Annotation != nil && block.Annotation.Line > 0 {
		return block.Annotation.Line
	}
	return block.Line
}

// nextBlock returns the first block that starts after line, or nil.
func nextBlock(page *extract.Page, line int) *extract.Block {
	for _, block := range page.Blocks {
		if blockStart(block) > line {
			return block
		}
	}
	return nil
}

// insideBlock reports whether line is inside a listed fence or the front
// matter, where a comment is content and not a suppression.
func insideBlock(page *extract.Page, line int) bool {
	if page.FrontMatterStart > 0 && line >= page.FrontMatterStart && line <= page.FrontMatterEnd {
		return true
	}
	for _, block := range page.Blocks {
		if line >= block.Line && line <= block.EndLine {
			return true
		}
	}
	return false
}
