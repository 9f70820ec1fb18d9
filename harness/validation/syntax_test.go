package validation

import (
	"github.com/graphdoc/graphdoc/harness/route"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGraphPath(t *testing.T) {
	tests := []struct {
		target string
		want   string
		ok     bool
	}{
		{"https://graph.microsoft.com/v1.0/me/messages?$top=2", "/me/messages", true},
		{"https://graph.microsoft.com/beta/users/1/", "/users/1", true},
		{"/v1.0/me", "/me", true},
		{"/betatest/items", "/betatest/items", true},
		{"me/drive", "/me/drive", true},
		{"https://upload.example.com/up/abc", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			got, ok := route.GraphPath(tc.target)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSplitPath(t *testing.T) {
	tests := []struct {
		path string
		want []string
	}{
		{"/users/1/messages", []string{"users", "1", "messages"}},
		{"/items('a/b')/children", []string{"items", "a/b", "children"}},
		{"/users/delta()", []string{"users", "delta"}},
		{"/range(address='A1:B2')/format", []string{"range(address='A1:B2')", "format"}},
		{"/rules('AQ=')", []string{"rules", "AQ="}},
		{"/me/drive/root:/folder/file.txt:/content", []string{"me", "drive", "root:/folder/file.txt:", "content"}},
		{"/sites/host.example:/teams/hr", []string{"sites", "host.example:/teams/hr"}},
		{"/me/drive/root/children", []string{"me", "drive", "items", "root", "children"}},
		{"/drives/d1/root/delta", []string{"drives", "d1", "items", "root", "delta"}},
		{"/places/room%40example.com", []string{"places", "room@example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			assert.Equal(t, tc.want, splitPath(tc.path))
		})
	}
}

func TestTemplateFits(t *testing.T) {
	tests := []struct {
		template string
		example  string
		want     bool
	}{
		{"/chats/{chat-id}/messages/{id}", "/chats/19:abc@thread.v2/messages/17", true},
		{"/places/{id | emailAddress}", "/places/room@example.com", true},
		{"/users/{id}/messages", "/users/1/events", false},
		{"/users/{id}/messages", "/users/1/messages/2", false},
		{"/users/{id}/messages", "/USERS/1/Messages", true},
		{"/users/{id}/messages", "/users/1/messages/$count", true},
		{"/users/{id | userPrincipalName}/getMemberGroups", "/me/getMemberGroups", true},
		{"/me/getMemberGroups", "/users/1/getMemberGroups", false},
		{"/items/{id}", "/items('abc')", true},
		{"/items('{id}')", "/items/abc", true},
		{"/worksheets/{id}/range(address='{address}')", "/worksheets/Totals/range(address='A1:D1')", true},
		{"/reports/getUsage(period='D7')", "/reports/getUsage(period='D30')", true},
		{"/reports/getUsage(period='{p}')", "/reports/getUsage(date=2024-01-01)", false},
		{"/reports/getUsage", "/reports/getUsage(period='D7')", false},
		{"/items/{id}/check(ids=[{ids}])", "/items/1/check(ids=['a','b','c'])", true},
		{"/me/drive/root:/{item-path}:/content", "/me/drive/root:/a/b/c.txt:/content", true},
		{"/me/drive/items/{item-id}/children", "/me/drive/root/children", true},
		{"/sites/{id}/pages/{id}/microsoft.graph.sitePage", "/sites/1/pages/2/microsoft.graph.sitePage", true},
		{"/sites/{id}/pages/{id}/microsoft.graph.sitePage", "/sites/1/pages/2/microsoft.graph.other", false},
		{"/groups/{id}/owners/$ref", "/groups/1/owners", false},
	}
	for _, tc := range tests {
		t.Run(tc.template+" "+tc.example, func(t *testing.T) {
			template := urlTemplate{segments: splitPath(tc.template)}
			assert.Equal(t, tc.want, template.fits(splitPath(tc.example)))
		})
	}
}

func TestSplitArguments(t *testing.T) {
	assert.Equal(t, []string{"a='x,y'", "b=[1,2]", "c=f(1,2)"}, splitArguments("a='x,y',b=[1,2],c=f(1,2)"))

	names, named := callParameters("Period='D7', Date = 2024-01-01")
	assert.Equal(t, []string{"period", "date"}, names)
	assert.True(t, named)

	_, named = callParameters("'a=b'")
	assert.False(t, named, "an = inside quotes is part of a key")
}
