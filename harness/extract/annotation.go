package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// knownKeys lists the annotation keys that the Graph docs tooling defines,
// in their usual spelling. A key outside this list is reported with the
// nearest known key as a suggestion.
var knownKeys = []string{
	"blockType", "name", "@odata.type", "@type", "@type.aka", "@property.aka",
	"truncated", "isCollection", "collectionProperty", "isEmpty", "expectError",
	"optionalProperties", "nullableProperties", "openType", "baseType",
	"abstract", "keyProperty", "isMediaEntity", "isComposable", "opaqueUrl",
	"idempotent", "target", "@odata.annotations", "scopes", "scope",
	"apiVersions", "tags", "sampleKeys", "longRunningResponseType",
	"requestUrls", "mergePermissions", "simulatedResponse", "isPageAnnotation",
	// Page annotation keys.
	"type", "title", "description", "section", "suppressions", "namespace",
	"keywords", "tocPath", "tocBookmarks", "tocKeywords", "tocPageTitle",
}

var knownBlockTypes = []string{
	TypeRequest, TypeResponse, TypeResource, TypeExample, TypeIgnored,
	TypeSamples, TypePermissions, TypeTestParams, "simulatedResponse",
}

var booleanKeys = []string{"truncated", "isCollection", "isEmpty", "expectError", "openType", "abstract", "isMediaEntity", "isComposable", "opaqueUrl", "idempotent"}

var (
	trailingComma = regexp.MustCompile(`,(\s*[}\]])`)
	unquotedKey   = regexp.MustCompile(`([{,]\s*)([A-Za-z_@$][\w.@$]*)\s*:`)
)

// annotationIssue is a defect of an annotation, reported as annotation-invalid.
type annotationIssue struct {
	warning bool
	message string
}

// commentJSON returns the text inside an HTML comment that holds a JSON
// object, or nil when the comment holds something else.
func commentJSON(html []byte) []byte {
	text := bytes.TrimSpace(html)
	if !bytes.HasPrefix(text, []byte("<!--")) {
		return nil
	}
	text = text[len("<!--"):]
	if end := bytes.Index(text, []byte("-->")); end >= 0 {
		text = text[:end]
	}
	text = bytes.TrimSpace(text)
	if !bytes.HasPrefix(text, []byte("{")) {
		return nil
	}
	return text
}

// parseAnnotationJSON decodes the object leniently: a trailing comma is
// accepted with a warning. It returns nil and an issue when the text is
// not a JSON object even then.
func parseAnnotationJSON(text []byte) (map[string]any, []annotationIssue) {
	var raw map[string]any
	err := json.Unmarshal(text, &raw)
	if err == nil {
		return raw, nil
	}

	fixed := trailingComma.ReplaceAll(text, []byte("$1"))
	if json.Unmarshal(fixed, &raw) == nil {
		return raw, []annotationIssue{{warning: true, message: "annotation JSON has a trailing comma; it was read leniently"}}
	}

	// Unquoted keys are an error, but the block is still read so that
	// nothing after it is lost.
	quoted := unquotedKey.ReplaceAll(fixed, []byte(`$1"$2":`))
	if json.Unmarshal(quoted, &raw) == nil {
		return raw, []annotationIssue{{message: "annotation JSON has an unquoted key; it was read leniently, but JSON keys take double quotes"}}
	}
	return nil, []annotationIssue{{message: fmt.Sprintf("annotation is not valid JSON: %s", jsonErrorText(err))}}
}

func jsonErrorText(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Sprintf("%s (byte %d)", syntax.Error(), syntax.Offset)
	}
	return err.Error()
}

// decodeAnnotation reads the known keys of raw, matching them without
// regard to case.
func decodeAnnotation(raw map[string]any, line int) (*Annotation, []annotationIssue) {
	ann := &Annotation{Raw: raw, Line: line}
	var issues []annotationIssue

	keys := make([]string, 0, len(raw))
	for key := range raw {
		keys = append(keys, key)
	}
	slices.Sort(keys)

	for _, key := range keys {
		value := raw[key]
		canonical := canonicalKey(key)
		if canonical == "" {
			issue := annotationIssue{warning: true, message: fmt.Sprintf("unknown annotation key %q", key)}
			if near := nearestKey(key); near != "" {
				issue.message += fmt.Sprintf("; did you mean %q?", near)
			}
			issues = append(issues, issue)
			continue
		}

		switch canonical {
		case "blockType":
			text, ok := value.(string)
			if !ok {
				issues = append(issues, annotationIssue{message: "blockType is not a string"})
				continue
			}
			ann.BlockType = text
		case "name":
			names, ok := stringList(value)
			if !ok {
				issues = append(issues, annotationIssue{message: "name is neither a string nor a list of strings"})
				continue
			}
			ann.Names = names
		case "@odata.type", "@type":
			text, ok := value.(string)
			if !ok {
				issues = append(issues, annotationIssue{message: fmt.Sprintf("%s is not a string", key)})
				continue
			}
			if ann.ODataType != "" && canonical == "@type" {
				continue
			}
			typeName, collection := unwrapCollection(text)
			ann.ODataType = typeName
			ann.IsCollection = ann.IsCollection || collection
		case "truncated", "isCollection":
			flag, issue := boolValue(key, value)
			if issue != nil {
				issues = append(issues, *issue)
			}
			if canonical == "truncated" {
				ann.Truncated = flag
			} else {
				ann.IsCollection = ann.IsCollection || flag
			}
		default:
			if slices.Contains(booleanKeys, canonical) {
				if _, issue := boolValue(key, value); issue != nil {
					issues = append(issues, *issue)
				}
			}
		}
	}

	if ann.BlockType != "" && !slices.Contains(knownBlockTypes, ann.BlockType) {
		if match := foldMatch(knownBlockTypes, ann.BlockType); match != "" {
			issues = append(issues, annotationIssue{warning: true, message: fmt.Sprintf("blockType %q is spelled %q elsewhere", ann.BlockType, match)})
			ann.BlockType = match
		} else {
			issues = append(issues, annotationIssue{message: fmt.Sprintf("unknown blockType %q; use one of %s", ann.BlockType, strings.Join(knownBlockTypes[:6], ", "))})
		}
	}
	return ann, issues
}

// unwrapCollection splits "Collection(x)" into x and true.
func unwrapCollection(typeName string) (string, bool) {
	trimmed := strings.TrimSpace(typeName)
	if len(trimmed) > len("Collection()") && strings.EqualFold(trimmed[:len("Collection(")], "Collection(") && strings.HasSuffix(trimmed, ")") {
		return strings.TrimSpace(trimmed[len("Collection(") : len(trimmed)-1]), true
	}
	return trimmed, false
}

func boolValue(key string, value any) (bool, *annotationIssue) {
	switch v := value.(type) {
	case bool:
		return v, nil
	case string:
		lower := strings.ToLower(strings.TrimSpace(v))
		if lower == "true" || lower == "false" {
			return lower == "true", &annotationIssue{warning: true, message: fmt.Sprintf("%s is the string %q; write the boolean %s", key, v, lower)}
		}
	}
	return false, &annotationIssue{message: fmt.Sprintf("%s is not a boolean", key)}
}

func stringList(value any) ([]string, bool) {
	switch v := value.(type) {
	case string:
		return []string{v}, true
	case []any:
		names := make([]string, 0, len(v))
		for _, item := range v {
			text, ok := item.(string)
			if !ok {
				return nil, false
			}
			names = append(names, text)
		}
		return names, true
	}
	return nil, false
}

func canonicalKey(key string) string {
	return foldMatch(knownKeys, key)
}

func foldMatch(candidates []string, value string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, value) {
			return c
		}
	}
	return ""
}

// nearestKey returns the known key closest to key by edit distance, when
// it is close enough to be a likely typo.
func nearestKey(key string) string {
	best, bestDistance := "", len(key)/2+1
	for _, known := range knownKeys {
		d := editDistance(strings.ToLower(key), strings.ToLower(known))
		if d < bestDistance {
			best, bestDistance = known, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	previous := make([]int, len(b)+1)
	current := make([]int, len(b)+1)
	for j := range previous {
		previous[j] = j
	}
	for i := 1; i <= len(a); i++ {
		current[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			current[j] = min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
		}
		previous, current = current, previous
	}
	return previous[len(b)]
}
