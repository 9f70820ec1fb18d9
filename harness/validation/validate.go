package validation

import (
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// Config sets what a page is validated against.
type Config struct {
	// Models maps an API version ("beta", "v1.0") to its model. A page
	// whose version has no model gets no schema findings.
	Models map[string]Model
	// ResourcesAgainstModel compares each resource block with the model's
	// type of that name, for models that list properties (see
	// PropertyLister). Set it for complete models loaded from CSDL.
	ResourcesAgainstModel bool
}

// Page returns the findings of the validation rules on an extracted page.
// The page's own extraction findings are not included.
func Page(page *extract.Page, cfg Config) []finding.Finding {
	v := &pageValidator{page: page, cfg: cfg, version: Version(page)}
	v.model = cfg.Models[v.version]

	v.todoPlaceholders()
	v.pageRules()
	for _, example := range page.Examples {
		v.request(example)
		if example.Response != nil {
			v.response(example)
		}
	}
	for _, block := range page.Blocks {
		if block.Annotation != nil && (block.Annotation.BlockType == extract.TypeExample || block.Annotation.BlockType == extract.TypeResource) {
			v.standalone(block)
		}
	}
	return v.collapse()
}

// collapse keeps one odata-type finding per rule, severity, block and
// JSON Pointer, because the page's own types and the model can both
// report one misspelled type.
func (v *pageValidator) collapse() []finding.Finding {
	type key struct {
		rule     string
		severity finding.Severity
		block    int
		pointer  string
	}
	seen := map[key]bool{}
	kept := v.findings[:0]
	for _, f := range v.findings {
		k := key{f.Rule, f.Severity, v.blockIndex(f.Line), f.Pointer}
		if k.block >= 0 && seen[k] && strings.HasPrefix(f.Rule, "odata-type-") {
			continue
		}
		seen[k] = true
		kept = append(kept, f)
	}
	return kept
}

// blockIndex returns the index of the block whose annotation or fence
// holds line, or -1.
func (v *pageValidator) blockIndex(line int) int {
	for i, block := range v.page.Blocks {
		start := block.Line
		if block.Annotation != nil {
			start = block.Annotation.Line
		}
		if start <= line && line <= block.EndLine {
			return i
		}
	}
	return -1
}

// Version returns the API version of a page: "beta" or "v1.0" from its
// path, else from its example URLs, else "".
func Version(page *extract.Page) string {
	path := "/" + strings.ReplaceAll(page.Path, "\\", "/")
	switch {
	case strings.Contains(path, "/beta/"):
		return "beta"
	case strings.Contains(path, "/v1.0/"):
		return "v1.0"
	}
	for _, block := range page.Blocks {
		if block.Request == nil {
			continue
		}
		target := block.Request.Target
		switch {
		case strings.Contains(target, "/beta/"):
			return "beta"
		case strings.Contains(target, "/v1.0/"):
			return "v1.0"
		}
	}
	return ""
}

type pageValidator struct {
	page     *extract.Page
	cfg      Config
	version  string
	model    Model
	findings []finding.Finding
	// missing records the model types already reported as missing.
	missing map[string]bool
	// skipLines caches codeAndCommentLines.
	skipLines map[int]bool
}

// report adds a finding with the rule's default severity.
func (v *pageValidator) report(rule string, line, column int, example, message string) *finding.Finding {
	f := finding.New(rule, v.page.Path, line, column, message)
	f.Example = example
	v.findings = append(v.findings, f)
	return &v.findings[len(v.findings)-1]
}
