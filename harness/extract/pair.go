package extract

import (
	"fmt"
	"slices"

	"github.com/graphdoc/graphdoc/harness/finding"
)

// pair builds the page's examples: each response answers the requests its
// annotation names, or else the nearest earlier request still without one.
func pair(page *Page) {
	byName := map[string]*Example{}
	var pending []*Example
	var lastHTTP *Block

	for _, block := range page.Blocks {
		if block.Annotation == nil {
			continue
		}
		switch block.Annotation.BlockType {
		case TypeRequest:
			example := &Example{Name: block.Name(), Request: block}
			page.Examples = append(page.Examples, example)
			pending = append(pending, example)
			if example.Name != "" {
				if _, taken := byName[example.Name]; !taken {
					byName[example.Name] = example
				}
			}
			lastHTTP = block
		case TypeResponse:
			pending = answer(page, block, byName, pending, lastHTTP)
			lastHTTP = block
		case TypeIgnored, TypeExample:
			if block.Request != nil || looksLikeRequest(block) {
				lastHTTP = block
			}
		}
	}

	nameResponseFindings(page)
	for _, example := range page.Examples {
		if example.Response == nil {
			f := page.report("request-unpaired", example.Request.Line, 1, "request has no documented response")
			f.Example = example.Name
		}
	}
}

// answer pairs one response and returns the requests still waiting.
func answer(page *Page, response *Block, byName map[string]*Example, pending []*Example, lastHTTP *Block) []*Example {
	names := response.Annotation.Names
	var targets []*Example
	var unmatched []string
	for _, name := range names {
		if example, ok := byName[name]; ok {
			targets = append(targets, example)
		} else {
			unmatched = append(unmatched, name)
		}
	}
	if len(unmatched) > 0 && len(targets) == 0 {
		f := page.report("response-name-unmatched", response.Line, 1, fmt.Sprintf("response names request %q, which the page does not have", unmatched[0]))
		f.Example = unmatched[0]
		if len(pending) == 0 {
			return pending
		}
	}

	if len(names) == 0 && lastHTTP != nil && lastHTTP.Annotation.BlockType != TypeResponse && lastHTTP.Annotation.BlockType != TypeRequest {
		f := page.report("response-to-ignored-request", response.Line, 1, fmt.Sprintf("response follows a request annotated %q, so the pair is not checked", lastHTTP.Annotation.BlockType))
		f.Example = response.Name()
		return pending
	}

	if len(targets) == 0 && len(pending) > 0 {
		targets = []*Example{pending[len(pending)-1]}
	}
	if len(targets) == 0 {
		f := page.report("response-unpaired", response.Line, 1, "response has no request before it to answer")
		f.Example = response.Name()
		if len(page.Examples) > 0 {
			last := page.Examples[len(page.Examples)-1]
			f.Rule = "response-duplicate"
			f.Message = fmt.Sprintf("request at line %d already has a response at line %d", last.Request.Line, last.Response.Line)
			f.Example = last.Name
		}
		f.Severity = finding.DefaultSeverity(f.Rule)
		return pending
	}

	for _, example := range targets {
		if example.Response != nil {
			f := page.report("response-duplicate", response.Line, 1, fmt.Sprintf("request %q already has a response at line %d", example.Name, example.Response.Line))
			f.Example = example.Name
			continue
		}
		example.Response = response
		response.PairedWith = append(response.PairedWith, example.Name)
		pending = slices.DeleteFunc(pending, func(e *Example) bool { return e == example })
	}
	return pending
}

func looksLikeRequest(block *Block) bool {
	return block.Fence == "http" || block.Fence == "msgraph-interactive"
}

// nameResponseFindings gives the findings inside a response block the name
// of the request the response answers, which is known only once paired.
func nameResponseFindings(page *Page) {
	for i := range page.Findings {
		f := &page.Findings[i]
		if f.Example != "" {
			continue
		}
		for _, block := range page.Blocks {
			if len(block.PairedWith) > 0 && block.Line <= f.Line && f.Line <= block.EndLine {
				f.Example = block.PairedWith[0]
				break
			}
		}
	}
}
