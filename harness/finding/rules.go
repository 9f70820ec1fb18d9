package finding

import (
	"slices"
	"strings"
)

// Rule describes one rule id in the catalogue.
type Rule struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Stage    string   `json:"stage"`
	Summary  string   `json:"summary"`
	Fix      string   `json:"fix"`
}

// Stages of the pipeline a rule belongs to.
const (
	StageExtract  = "extract"
	StageValidate = "validate"
	StageReplay   = "replay"
)

var catalogue = []Rule{
	// Extraction: the page's annotations, fences and HTTP messages.
	{"annotation-invalid", Error, StageExtract,
		"An annotation comment is not valid JSON, has an unknown blockType, or uses a key or value the annotation format does not define.",
		"Write the annotation as one JSON object with a known blockType, such as {\"blockType\": \"request\", \"name\": \"get_item\"}."},
	{"page-unreadable", Error, StageExtract,
		"The page cannot be read, so it was not checked.",
		"Check the file's permissions and that it is a regular file."},
	{"page-not-text", Error, StageExtract,
		"The file is not UTF-8 text, so nothing in it was extracted.",
		"Save the page as UTF-8 text, or keep binary files out of the docs folder."},
	{"front-matter-invalid", Warning, StageExtract,
		"The YAML front matter at the top of the page is not closed or not valid YAML.",
		"Close the front matter with a --- line and correct the YAML."},
	{"annotation-without-block", Error, StageExtract,
		"An annotation comment is not followed by a code fence, so the block it describes is not checked.",
		"Put the fenced block right after the annotation, or remove the annotation."},
	{"fence-unclosed", Error, StageExtract,
		"A code fence is never closed, so the rest of the page renders as code.",
		"Close the fence with a line of at least as many backticks or tildes as opened it."},
	{"request-line-invalid", Error, StageExtract,
		"The first line of a request block is not METHOD URL [HTTP/x.y].",
		"Start the block with a request line such as GET https://graph.microsoft.com/v1.0/me."},
	{"status-line-invalid", Error, StageExtract,
		"The first line of a response block is not HTTP/x.y CODE [reason].",
		"Start the block with a status line such as HTTP/1.1 200 OK."},
	{"status-reason-mismatch", Warning, StageExtract,
		"The reason phrase of a status line is not the standard one for its code.",
		"Use the reason phrase HTTP defines for the code, for example 201 Created."},
	{"header-invalid", Error, StageExtract,
		"A header line is not Name: value.",
		"Write each header as Name: value, one per line, before the blank line."},
	{"header-after-body", Error, StageExtract,
		"A header appears after the blank line that starts the body, so HTTP reads it as body text.",
		"Move the header above the blank line."},
	{"body-without-blank-line", Info, StageExtract,
		"The body starts right after the headers with no blank line between them.",
		"Insert one blank line between the last header and the body."},
	{"json-invalid", Error, StageExtract,
		"A JSON body is not strict RFC 8259 JSON.",
		"Remove trailing commas, comments and ellipses, and quote every key and string with double quotes."},
	{"response-unpaired", Error, StageExtract,
		"A response block has no request to answer.",
		"Put the request block before the response, or name the request in the response annotation."},
	{"response-name-unmatched", Error, StageExtract,
		"A response annotation names a request that the page does not have.",
		"Use the name of a request annotation on the same page."},
	{"response-duplicate", Error, StageExtract,
		"A request already has a response; a second one is not used.",
		"Remove the extra response or give it its own request."},
	{"request-unpaired", Warning, StageExtract,
		"A request block has no response, so it can be neither validated as an exchange nor replayed.",
		"Add the response the request gets, annotated with blockType response."},
	{"response-to-ignored-request", Warning, StageExtract,
		"A response follows a request annotated ignored or example, so the pair is not checked.",
		"Annotate the request with blockType request, or the response with ignored."},

	// Validation: bodies against the model and the page against itself.
	{"body-on-no-content", Error, StageValidate,
		"A 204, 205 or 304 response shows a body, which HTTP forbids.",
		"Remove the body, or document the status the service really returns with its body."},
	{"content-length-mismatch", Warning, StageValidate,
		"A Content-Length header disagrees with the length of the body shown.",
		"Remove the Content-Length header from the example; clients compute it."},
	{"odata-type-case-mismatch", Error, StageValidate,
		"A type name matches a model type only when letter case is ignored.",
		"Spell the type exactly as the model does, for example microsoft.graph.itemActivity."},
	{"odata-type-unknown", Error, StageValidate,
		"An @odata.type names a type outside the microsoft.graph namespaces, or one the model does not have.",
		"Use a type the model defines, qualified with its namespace."},
	{"odata-type-unqualified", Error, StageValidate,
		"An @odata.type value has no namespace.",
		"Qualify the type: #microsoft.graph.user, not user."},
	{"odata-type-mismatch", Error, StageValidate,
		"The annotation and the body name types that are not the same or derived from one another.",
		"Make the annotation's @odata.type and the body's agree."},
	{"model-type-missing", Info, StageValidate,
		"A type the page uses is not in the loaded model, so its bodies are not validated against it.",
		"Load a model that has the type with --csdl, or generate its schema into schemas/."},
	{"type-mismatch", Error, StageValidate,
		"A JSON value has another type than the model gives the property.",
		"Use the JSON type the model defines, for example a number for Edm.Int32."},
	{"property-unknown", Error, StageValidate,
		"A body has a property that its type does not define (an error in requests, a warning in responses, nothing on open types).",
		"Remove the property or correct its name; check the model for the type."},
	{"property-case-mismatch", Error, StageValidate,
		"A property name matches a model property only when letter case is ignored.",
		"Spell the property exactly as the model does."},
	{"property-missing", Error, StageValidate,
		"A response that is not marked truncated omits a non-nullable property of its type.",
		"Show the property, or mark the response annotation \"truncated\": true."},
	{"enum-value-invalid", Error, StageValidate,
		"A value is not one of the members of its enum type (compared case-sensitively).",
		"Use one of the enum members the model lists."},
	{"datetime-invalid", Error, StageValidate,
		"A DateTimeOffset value is not an ISO 8601 date and time with Z or a ±hh:mm offset.",
		"Write the value like 2021-07-01T08:30:00Z."},
	{"value-invalid", Error, StageValidate,
		"A value breaks a constraint of its model type other than its JSON type, such as an Int32 out of range or a malformed Guid.",
		"Use a value in the range and format of the model type."},
	{"stream-property-value", Error, StageValidate,
		"An Edm.Stream property carries a value inside a JSON body.",
		"Remove the value; streams are read through their own URL."},
	{"response-type-without-body", Error, StageValidate,
		"A response annotation names an @odata.type, but the response has no body.",
		"Remove @odata.type from the annotation or show the body."},
	{"collection-shape-mismatch", Error, StageValidate,
		"A body is a single object where a collection {\"value\": [...]} is expected, or the reverse.",
		"Make the annotation's isCollection and the body agree."},
	{"ref-body-invalid", Error, StageValidate,
		"The body of a POST or PUT to .../$ref is not exactly one @odata.id member holding an absolute URL.",
		"Send {\"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/{id}\"} and nothing else."},
	{"ref-segment-missing", Error, StageValidate,
		"A reference operation is sent to a path whose template ends in /$ref, without /$ref.",
		"Append /$ref to the example URL."},
	{"ref-response-status", Error, StageValidate,
		"A POST or DELETE to /$ref is documented with a status other than 204, or with a body.",
		"Document the response as HTTP/1.1 204 No Content with no body."},
	{"todo-placeholder", Warning, StageValidate,
		"A TODO or TBD is left in the page's front matter, tables or text.",
		"Replace the placeholder with the real content."},
	{"placeholder-in-example", Warning, StageValidate,
		"A {name} placeholder is left in an example request, where a real-looking value belongs.",
		"Put a sample value in the example; placeholders belong only in the HTTP request section."},
	{"url-not-in-syntax", Error, StageValidate,
		"An example path matches no template in the page's HTTP request section.",
		"Correct the example URL or add the missing template to the HTTP request section."},
	{"method-mismatch", Error, StageValidate,
		"An example path matches a template of the HTTP request section, but only under another method.",
		"Use the method the HTTP request section gives for this path."},
	{"duplicate-example-name", Error, StageValidate,
		"Two request annotations on one page share a name.",
		"Give each request annotation a name of its own."},
	{"datetime-no-offset", Warning, StageValidate,
		"A DateTimeOffset parameter in an example URL has no Z or ±hh:mm offset.",
		"Add Z or an offset, for example 2021-07-01T00:00:00Z."},
	{"query-plus-unencoded", Warning, StageValidate,
		"A raw + inside a DateTimeOffset query value is decoded as a space.",
		"Encode the plus sign as %2B or use Z."},
	{"permissions-missing", Warning, StageValidate,
		"An API page has no Permissions section.",
		"Add a Permissions section with the permissions table."},
	{"paging-link-missing", Warning, StageValidate,
		"The page promises @odata.nextLink in the example, but the collection example has none.",
		"Add @odata.nextLink to the example response or change the text."},
	{"nav-property-without-expand", Warning, StageValidate,
		"A documented response inlines a navigation property while the request has no $expand for it.",
		"Add $expand for the property to the request, or remove the property from the response."},
	{"resource-table-mismatch", Error, StageValidate,
		"A resource page's JSON representation and its properties table disagree in name, case or type.",
		"Make the JSON representation and the properties table list the same properties with the same types."},
	{"suppression-invalid", Warning, StageValidate,
		"A graphdoc-disable comment or a page annotation suppression names no rule, an unknown rule, or gives no reason, so it suppresses nothing.",
		"Write the suppression as rule-id[, rule-id]: reason, with ids from graphdoc rules and a reason after the colon."},
	{"suppression-unused", Warning, StageValidate,
		"A suppression names a rule that has no finding where the suppression applies.",
		"Remove the rule from the suppression, or the whole suppression if nothing in it is needed."},

	// Replay: the target's response compared with the documented one.
	{"status-mismatch", Error, StageReplay,
		"The actual status differs from the documented one.",
		"Fix the service, or document the status it returns."},
	{"header-missing", Error, StageReplay,
		"A documented header is absent from the actual response, or its media type differs.",
		"Make the service send the header, or remove it from the documented response."},
	{"documented-property-missing", Warning, StageReplay,
		"A property the documented response shows is absent from the actual response.",
		"Make the service return the property, or remove it from the example."},
	{"property-undocumented", Info, StageReplay,
		"The actual response has a property that the documented response, not marked truncated, does not show.",
		"Show the property in the example or mark the response \"truncated\": true."},
	{"replay-unreachable", Error, StageReplay,
		"The request could not be sent or its response could not be read.",
		"Check that the target is running and reachable, and the timeout is long enough."},
	{"response-too-large", Error, StageReplay,
		"The actual response body is larger than the replay size limit.",
		"Raise the limit or make the example request a smaller response."},
	{"response-not-json", Error, StageReplay,
		"The documented response has a JSON body, but the actual body is empty or not valid JSON.",
		"Make the service return the JSON body, or document the body it returns."},
	{"response-odata-type-mismatch", Error, StageReplay,
		"The actual @odata.type is neither the documented type nor derived from it.",
		"Make the service return the documented type, or document the type it returns."},
}

// Rules returns the catalogue sorted by id.
func Rules() []Rule {
	rules := slices.Clone(catalogue)
	slices.SortFunc(rules, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	for _, r := range catalogue {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// DefaultSeverity returns the catalogue severity of rule, or Error for an
// id the catalogue lacks, so an unregistered rule is never hidden.
func DefaultSeverity(id string) Severity {
	if r, ok := Lookup(id); ok {
		return r.Severity
	}
	return Error
}
