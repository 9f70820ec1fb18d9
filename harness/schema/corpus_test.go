package schema

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Full Graph models of the same weeks as the corpus pages.
const (
	corpusDir = "../../../shared/corpus/"
	betaCSDL  = corpusDir + "csdl/beta/cleanMetadata.2021-06-08.xml"
	v1CSDL    = corpusDir + "csdl/v1.0/cleanMetadata.2021-07-13.xml"
)

var (
	fullModels     = map[string]*Validator{}
	fullModelsLock sync.Mutex
)

// fullValidator returns a compiled validator for a full model, shared by
// the tests and benchmarks of one run because the compile takes seconds.
func fullValidator(tb testing.TB, path string) *Validator {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("CSDL %s is not available", path)
	}
	fullModelsLock.Lock()
	defer fullModelsLock.Unlock()
	if v, ok := fullModels[path]; ok {
		return v
	}
	model, err := csdl.ParseFile(path)
	require.NoError(tb, err)
	v := NewValidator(model, Options{Complete: true})
	require.NoError(tb, v.Compile())
	fullModels[path] = v
	return v
}

// fenceBody returns the JSON body of the ```http block that opens on line
// fence (1-based) of a corpus page: everything from the first line that
// starts with "{" or "[" to the closing fence.
func fenceBody(tb testing.TB, page string, fence int) []byte {
	tb.Helper()
	data, err := os.ReadFile(corpusDir + "graph-docs/api-reference/" + page)
	if err != nil {
		tb.Skipf("corpus page %s is not available", page)
	}
	lines := strings.Split(string(data), "\n")
	require.Greater(tb, len(lines), fence)
	require.True(tb, strings.HasPrefix(strings.TrimSpace(lines[fence-1]), "```"), "line %d of %s opens a fence", fence, page)

	var body []string
	for _, line := range lines[fence:] {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			break
		}
		if len(body) == 0 && !strings.HasPrefix(trimmed, "{") && !strings.HasPrefix(trimmed, "[") {
			continue
		}
		body = append(body, line)
	}
	require.NotEmpty(tb, body, "the block at line %d of %s has a JSON body", fence, page)
	return []byte(strings.Join(body, "\n"))
}

type corpusResponse struct {
	page       string
	fence      int
	typeName   string
	collection bool
	want       []string
}

// corpusResponses are documented responses of the 2021 Graph docs, with
// the annotations they carry (all of them "truncated": true). The clean
// ones show that the full model does not flag correct examples; the
// others hold real defects of those pages.
var corpusResponses = map[string][]corpusResponse{
	betaCSDL: {
		{"beta/api/activities-list.md", 77, "microsoft.graph.itemActivity", true, nil},
		{"beta/api/event-get.md", 130, "microsoft.graph.event", false, nil},
		{"beta/api/participant-invite.md", 319, "microsoft.graph.inviteParticipantsOperation", false, nil},
		{"beta/api/user-list-mailfolders.md", 107, "microsoft.graph.mailFolder", true, nil},
		{"beta/api/organizationalbrandingproperties-create.md", 121, "microsoft.graph.organizationalBrandingProperties", false, nil},
		// The page spells geoCoordinates in lower case.
		{"beta/api/place-list.md", 261, "microsoft.graph.roomList", true,
			[]string{"property-case-mismatch /value/0/geocoordinates", "property-case-mismatch /value/1/geocoordinates"}},
		// identitySet where the model has meetingParticipantInfo.
		{"beta/api/onlinemeeting-get.md", 159, "microsoft.graph.onlineMeeting", false, []string{
			"property-case-mismatch /audioConferencing/ConferenceId",
			"odata-type-mismatch /participants/attendees/0/@odata.type",
			"odata-type-mismatch /participants/organizer/@odata.type",
		}},
		// GET /organization returns a collection, but the annotation
		// does not mark it as one.
		{"beta/api/organization-get.md", 101, "microsoft.graph.organization", false, []string{"collection-shape-mismatch "}},
	},
	v1CSDL: {
		{"v1.0/api/chat-post-messages.md", 105, "microsoft.graph.chatMessage", false, nil},
		{"v1.0/api/driveitem-delta.md", 111, "microsoft.graph.driveItem", true, nil},
		{"v1.0/api/ipnamedlocation-get.md", 99, "microsoft.graph.ipNamedLocation", false, nil},
		// An enum member with the wrong letter case.
		{"v1.0/api/b2xidentityuserflow-post-userattributeassignments.md", 119, "microsoft.graph.identityUserFlowAttributeAssignment", false,
			[]string{"enum-value-invalid /userInputType"}},
	},
}

func TestFullModelOnCorpusResponses(t *testing.T) {
	if testing.Short() {
		t.Skip("compiling the full models takes seconds")
	}
	for model, responses := range corpusResponses {
		v := fullValidator(t, model)
		for _, r := range responses {
			t.Run(r.page, func(t *testing.T) {
				body := Body{Type: r.typeName, Collection: r.collection, Truncated: true, JSON: fenceBody(t, r.page, r.fence)}
				want := r.want
				if want == nil {
					want = []string{}
				}
				assert.Equal(t, want, summary(v.Validate(body)))
			})
		}
	}
}

// BenchmarkCompileFullModel measures generating and compiling the
// schemas of the whole beta model; parsing is outside the loop.
func BenchmarkCompileFullModel(b *testing.B) {
	if _, err := os.Stat(betaCSDL); err != nil {
		b.Skip("the beta CSDL is not available")
	}
	model, err := csdl.ParseFile(betaCSDL)
	require.NoError(b, err)
	for b.Loop() {
		if err := NewValidator(model, Options{Complete: true}).Compile(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateFullModel measures Validate with the compiled beta
// model on the corpus responses above; one op validates all of them.
func BenchmarkValidateFullModel(b *testing.B) {
	v := fullValidator(b, betaCSDL)
	var bodies []Body
	for _, r := range corpusResponses[betaCSDL] {
		bodies = append(bodies, Body{Type: r.typeName, Collection: r.collection, Truncated: true, JSON: fenceBody(b, r.page, r.fence)})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			v.Validate(body)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/body")
}

// BenchmarkValidateBundled measures Validate with the bundled beta
// schemas on the itemActivity request body of the page it was made for.
func BenchmarkValidateBundled(b *testing.B) {
	v, err := LoadValidator("../../schemas/beta", Options{})
	require.NoError(b, err)
	body := Body{Type: "microsoft.graph.itemActivity", Request: true,
		JSON: pageLines(b, "../../docs/beta/api/itemactivitystat-post-activities.md", 70, 90)}
	for b.Loop() {
		v.Validate(body)
	}
}
