package validation

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/pagemodel"
)

// exampleReference matches the words with which page text points at an
// example response. forwardReference and backReference match the words
// that point at the response below or above the text.
var (
	exampleReference = regexp.MustCompile(`(?i)\b(examples?|samples?|below|following|above|preceding|this response)\b`)
	forwardReference = regexp.MustCompile(`(?i)\b(below|following)\b`)
	backReference    = regexp.MustCompile(`(?i)\b(above|preceding|this response)\b`)
)

// duplicateNames reports a request annotation whose name an earlier one
// already has.
func (v *pageValidator) duplicateNames() {
	first := map[string]*extract.Block{}
	for _, block := range v.page.Blocks {
		if block.Annotation == nil || block.Annotation.BlockType != extract.TypeRequest {
			continue
		}
		for _, name := range block.Annotation.Names {
			if name == "" {
				continue
			}
			if earlier, taken := first[name]; taken {
				v.report("duplicate-example-name", block.Line, 1, name,
					fmt.Sprintf("the request at line %d already has the name %q; give each request a name of its own", earlier.Line, name))
				continue
			}
			first[name] = block
		}
	}
}

// permissionsSection reports an API page without a Permissions section. A
// permissions table under another heading, such as Prerequisites, counts
// as one.
func (v *pageValidator) permissionsSection() {
	docType, _ := v.page.FrontMatter["doc_type"].(string)
	if strings.TrimSpace(docType) != "apiPageType" {
		return
	}
	for _, heading := range v.page.Headings {
		if strings.EqualFold(strings.TrimSpace(heading.Text), "Permissions") {
			return
		}
	}
	for _, table := range v.page.Tables {
		if len(table.Header) > 0 && strings.Contains(strings.ToLower(table.Header[0]), "permission") {
			return
		}
	}

	line := 1
	for _, heading := range v.page.Headings {
		if heading.Level == 1 {
			line = heading.Line
			break
		}
	}
	v.report("permissions-missing", line, 1, "", "the page has doc_type apiPageType but no Permissions section listing the permissions the call needs")
}

// pagingLinks reports a collection example response without
// @odata.nextLink when a sentence of the page text states that the
// example shows one. A sentence with below or following points at the
// next collection response, one with above or this response at the
// previous one, and any other at either.
func (v *pageValidator) pagingLinks() {
	responses := collectionResponses(v.page)
	if len(responses) == 0 {
		return
	}

	skip := v.codeAndCommentLines()
	reported := map[*extract.Block]bool{}
	for number := 1; number <= v.page.LineCount(); number++ {
		if skip[number] {
			continue
		}
		sentence := nextLinkPromise(string(v.page.Line(number)))
		if sentence == "" {
			continue
		}

		var previous, next *extract.Block
		for _, block := range responses {
			if block.Line < number {
				previous = block
			} else if next == nil {
				next = block
			}
		}
		switch {
		case forwardReference.MatchString(sentence):
			previous = nil
		case backReference.MatchString(sentence):
			next = nil
		}
		candidates := slices.DeleteFunc([]*extract.Block{next, previous}, func(b *extract.Block) bool { return b == nil })
		if len(candidates) == 0 || slices.ContainsFunc(candidates, hasNextLink) || reported[candidates[0]] {
			continue
		}

		target := candidates[0]
		reported[target] = true
		v.report("paging-link-missing", target.Line, 1, target.Name(),
			fmt.Sprintf("the text at line %d says the example response carries @odata.nextLink, but this collection response has none", number))
	}
}

func hasNextLink(response *extract.Block) bool {
	return bytes.Contains(bytes.ToLower(response.Content), []byte("@odata.nextlink"))
}

// nextLinkPromise returns the first sentence of a line of text that
// names @odata.nextLink and points at an example response, or "".
func nextLinkPromise(line string) string {
	for _, sentence := range sentences(line) {
		if strings.Contains(strings.ToLower(sentence), "odata.nextlink") && exampleReference.MatchString(sentence) {
			return sentence
		}
	}
	return ""
}

// sentences splits text after each '.', '!' or '?' that a space follows,
// so that the dots of @odata.nextLink do not split.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if strings.IndexByte(".!?", text[i]) >= 0 && text[i+1] == ' ' {
			out = append(out, text[start:i+1])
			start = i + 2
		}
	}
	return append(out, text[start:])
}

// collectionResponses returns the example responses that are collections,
// by annotation or by a {"value": [...]} body, in page order.
func collectionResponses(page *extract.Page) []*extract.Block {
	var blocks []*extract.Block
	for _, example := range page.Examples {
		response := example.Response
		if response == nil {
			continue
		}
		body, ok := decodeBody(response)
		_, isCollection := collectionItems(body)
		if response.Annotation.IsCollection || (ok && isCollection) {
			blocks = append(blocks, response)
		}
	}
	return blocks
}

// navigationExpands reports a documented response that inlines a
// navigation property of its page-defined type while the request has no
// $expand for it.
func (v *pageValidator) navigationExpands(model *pagemodel.Model, example *extract.Example) {
	response := example.Response
	request := example.Request.Request
	body, ok := decodeBody(response)
	if !ok || request == nil {
		return
	}
	t := responseType(model, response, body)
	if t == nil {
		return
	}
	navigations := t.Navigations()
	if len(navigations) == 0 {
		return
	}

	items := []any{body}
	prefix := ""
	if list, isCollection := collectionItems(body); isCollection && response.Annotation.IsCollection {
		items, prefix = list, "/value/"
	}
	expanded := expandedProperties(request.Target)
	var inlined []string
	pointer := ""
	for i, item := range items {
		members, ok := item.(map[string]any)
		if !ok {
			continue
		}
		for _, p := range navigations {
			if _, present := members[p.Name]; !present || expanded["*"] || expanded[strings.ToLower(p.Name)] || slices.Contains(inlined, p.Name) {
				continue
			}
			if pointer == "" {
				pointer = "/" + p.Name
				if prefix != "" {
					pointer = fmt.Sprintf("%s%d/%s", prefix, i, p.Name)
				}
			}
			inlined = append(inlined, p.Name)
		}
	}
	if len(inlined) == 0 {
		return
	}

	line, column := jsonPosition(response, pointer)
	f := v.report("nav-property-without-expand", line, column, example.Name,
		fmt.Sprintf("the response inlines %s, listed under the Relationships of %s, but the request has no $expand=%s",
			strings.Join(inlined, ", "), t.Name, strings.Join(inlined, ",")))
	f.Pointer = pointer
}

// responseType returns the page type of a response: the one its
// annotation names, else the one its body's @odata.type names.
func responseType(model *pagemodel.Model, response *extract.Block, body any) *pagemodel.Type {
	name := response.Annotation.ODataType
	if name == "" {
		if members, ok := body.(map[string]any); ok {
			name, _ = members["@odata.type"].(string)
		}
	}
	if name == "" {
		return nil
	}
	t, _ := model.ResolveType(name)
	return t
}

// expandedProperties returns the lower-case names of the properties that
// a URL's $expand options name, "*" included.
func expandedProperties(target string) map[string]bool {
	expanded := map[string]bool{}
	_, query, found := strings.Cut(target, "?")
	if !found {
		return expanded
	}
	for _, option := range strings.Split(query, "&") {
		key, value, _ := strings.Cut(option, "=")
		if decoded, err := url.QueryUnescape(key); err == nil {
			key = decoded
		}
		if !strings.EqualFold(strings.TrimPrefix(strings.TrimSpace(key), "$"), "expand") {
			continue
		}
		if decoded, err := url.PathUnescape(value); err == nil {
			value = decoded
		}
		for _, item := range splitArguments(value) {
			if cut := strings.IndexAny(item, "(/;"); cut >= 0 {
				item = item[:cut]
			}
			expanded[strings.ToLower(strings.TrimSpace(item))] = true
		}
	}
	return expanded
}
