package route

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// directory is a small model with the path forms Graph uses: entity sets,
// a singleton, containment, inheritance, casts, streams, drive items and
// bound and unbound operations, one of them ambiguous when unqualified.
const directory = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="settings">
        <Property Name="theme" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="user" BaseType="graph.directoryObject">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="settings" Type="graph.settings" />
        <Property Name="photo" Type="Edm.Stream" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <NavigationProperty Name="drive" Type="graph.drive" ContainsTarget="true" />
        <NavigationProperty Name="manager" Type="graph.directoryObject" />
        <NavigationProperty Name="memberOf" Type="Collection(graph.directoryObject)" />
        <NavigationProperty Name="events" Type="Collection(graph.event)" ContainsTarget="true" />
        <NavigationProperty Name="attachments" Type="Collection(graph.attachment)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="group" BaseType="graph.directoryObject">
        <NavigationProperty Name="members" Type="Collection(graph.directoryObject)" />
      </EntityType>
      <EntityType Name="event" BaseType="graph.entity">
        <Property Name="subject" Type="Edm.String" />
      </EntityType>
      <EntityType Name="attachment" BaseType="graph.entity" Abstract="true" />
      <EntityType Name="fileAttachment" BaseType="graph.attachment" />
      <EntityType Name="drive" BaseType="graph.entity">
        <NavigationProperty Name="root" Type="graph.driveItem" ContainsTarget="true" />
        <NavigationProperty Name="items" Type="Collection(graph.driveItem)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="driveItem" BaseType="graph.entity" HasStream="true">
        <Property Name="name" Type="Edm.String" />
        <Property Name="content" Type="Edm.Stream" />
        <NavigationProperty Name="children" Type="Collection(graph.driveItem)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="site" BaseType="graph.entity">
        <NavigationProperty Name="drive" Type="graph.drive" ContainsTarget="true" />
      </EntityType>
      <Action Name="assignLicense" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" Nullable="false" />
        <Parameter Name="addLicenses" Type="Collection(Edm.Guid)" Nullable="false" />
        <ReturnType Type="graph.user" />
      </Action>
      <Action Name="checkMemberGroups" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.directoryObject" />
        <Parameter Name="groupIds" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="getByIds" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.directoryObject)" />
        <Parameter Name="ids" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="forward" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.event" />
        <Parameter Name="comment" Type="Edm.String" />
      </Action>
      <Function Name="delta" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.event)" />
        <ReturnType Type="Collection(graph.event)" />
      </Function>
      <Function Name="recent" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.drive" />
        <ReturnType Type="Collection(graph.driveItem)" />
      </Function>
      <Action Name="reset" />
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="graph.user" />
        <EntitySet Name="groups" EntityType="graph.group" />
        <EntitySet Name="directoryObjects" EntityType="graph.directoryObject" />
        <EntitySet Name="sites" EntityType="graph.site" />
        <Singleton Name="me" Type="graph.user" />
        <ActionImport Name="reset" Action="graph.reset" />
      </EntityContainer>
    </Schema>
    <Schema Namespace="microsoft.graph.calendar" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Action Name="forward" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.event" />
        <Parameter Name="recipients" Type="Collection(Edm.String)" />
      </Action>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`

func directoryResolver(t testing.TB) *Resolver {
	t.Helper()
	model, err := csdl.Parse(strings.NewReader(directory), "directory.xml")
	require.NoError(t, err)
	return New(model)
}

// describe renders a target as "kind type [Collection] [operation]".
func describe(t Target) string {
	text := t.Kind.String()
	if t.Type != "" {
		text += " " + t.Type
	}
	if t.Collection {
		text += " collection"
	}
	if t.Operation != nil {
		text += " " + t.Operation.QualifiedName()
	}
	return text
}

func TestResolve(t *testing.T) {
	r := directoryResolver(t)
	tests := []struct {
		name   string
		target string
		want   string
	}{
		{"entity set", "https://graph.microsoft.com/v1.0/users", "entity collection microsoft.graph.user"},
		{"key as segment", "/beta/users/{id}", "entity microsoft.graph.user"},
		{"key in parentheses", "users('adele@contoso.com')", "entity microsoft.graph.user"},
		{"empty parentheses", "/users()", "unknown"},
		{"singleton", "https://graph.microsoft.com/beta/me", "entity microsoft.graph.user"},
		{"singleton with query", "/me?$select=displayName", "entity microsoft.graph.user"},
		{"contained collection", "/me/events", "entity collection microsoft.graph.event"},
		{"contained entity", "/me/events/AAMkAD=", "entity microsoft.graph.event"},
		{"letter case ignored", "/Me/Events/{id}", "entity microsoft.graph.event"},
		{"inherited navigation", "/groups/{id}/members", "entity collection microsoft.graph.directoryObject"},
		{"single navigation", "/me/manager", "entity microsoft.graph.directoryObject"},
		{"cast of collection", "/me/memberOf/microsoft.graph.group", "entity collection microsoft.graph.group"},
		{"cast of entity", "/me/manager/microsoft.graph.user/events", "entity collection microsoft.graph.event"},
		{"unrelated cast", "/me/memberOf/microsoft.graph.event", "unknown"},
		{"ref of collection", "/groups/{id}/members/$ref", "reference"},
		{"ref of entity", "/groups/{id}/members/{id}/$ref", "reference"},
		{"count", "/me/events/$count", "count"},
		{"stream property", "/me/photo", "media"},
		{"value of entity", "/me/drive/items/{id}/$value", "media"},
		{"complex property", "/me/settings", "property microsoft.graph.settings"},
		{"property of complex", "/me/settings/theme", "property Edm.String"},
		{"collection property", "/me/tags", "property Edm.String collection"},
		{"value of primitive", "/me/displayName/$value", "media"},
		{"item path", "/me/drive/root:/folder/file.txt", "entity microsoft.graph.driveItem"},
		{"item path then segment", "/me/drive/root:/folder/file.txt:/children", "entity collection microsoft.graph.driveItem"},
		{"item path then stream", "/me/drive/root:/file.txt:/content", "media"},
		{"item path after key", "/me/drive/items/{parent-id}:/file.txt:", "entity microsoft.graph.driveItem"},
		{"escaped item path", "/me/drive/root%3A/My%20Folder%3A", "entity microsoft.graph.driveItem"},
		{"site by path", "/sites/contoso.sharepoint.com:/teams/hr", "entity microsoft.graph.site"},
		{"item path on other type", "/me/events/{id}:/x:", "unknown"},
		{"bound action", "/me/assignLicense", "action microsoft.graph.assignLicense"},
		{"action of base type", "/groups/{id}/checkMemberGroups", "action microsoft.graph.checkMemberGroups"},
		{"collection-bound action", "/directoryObjects/getByIds", "action microsoft.graph.getByIds"},
		{"qualified action", "/me/microsoft.graph.assignLicense", "action microsoft.graph.assignLicense"},
		{"alias-qualified action", "/me/graph.assignLicense", "action microsoft.graph.assignLicense"},
		{"action in lower case", "/me/assignlicense", "action microsoft.graph.assignLicense"},
		{"action with arguments", "/me/assignLicense(x=1)", "unknown"},
		{"nothing after action", "/me/assignLicense/x", "unknown"},
		{"ambiguous action", "/me/events/{id}/forward", "unknown"},
		{"disambiguated action", "/me/events/{id}/microsoft.graph.calendar.forward", "action microsoft.graph.calendar.forward"},
		{"action import", "/reset", "action microsoft.graph.reset"},
		{"function", "/me/events/delta()", "function microsoft.graph.delta"},
		{"after composable function", "/me/events/delta()/$count", "count"},
		{"after other function", "/me/drive/recent()/$count", "unknown"},
		{"missing key", "/me/events/subject", "unknown"},
		{"unknown member", "/me/nonsense", "unknown"},
		{"unknown root", "/nonsense", "unknown"},
		{"placeholder root", "/{resource}/items", "unknown"},
		{"other host", "https://upload.example.com/v1.0/users", "unknown"},
		{"batch", "/$batch", "unknown"},
		{"empty", "", "unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, describe(r.Resolve(tc.target)), tc.target)
		})
	}
}

func TestRequestBody(t *testing.T) {
	r := directoryResolver(t)
	tests := []struct {
		name    string
		method  string
		target  string
		want    Body
		implied bool
	}{
		{"create in entity set", "POST", "/v1.0/users", Body{Type: "microsoft.graph.user"}, true},
		{"create in contained collection", "post", "/me/events", Body{Type: "microsoft.graph.event"}, true},
		{"update entity", "PATCH", "/me", Body{Type: "microsoft.graph.user", Partial: true}, true},
		{"replace entity", "PUT", "/me/events/{id}", Body{Type: "microsoft.graph.event", Partial: true}, true},
		{"abstract member type", "POST", "/me/attachments", Body{}, false},
		{"abstract entity type", "PATCH", "/me/attachments/{id}", Body{}, false},
		{"reference", "POST", "/groups/{id}/members/$ref", Body{}, false},
		{"complex property", "PATCH", "/me/settings", Body{}, false},
		{"stream", "PUT", "/me/photo", Body{}, false},
		{"post to entity", "POST", "/me", Body{}, false},
		{"patch to collection", "PATCH", "/users", Body{}, false},
		{"get", "GET", "/users", Body{}, false},
		{"function", "POST", "/me/events/delta()", Body{}, false},
		{"unknown path", "POST", "/nonsense", Body{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, implied := r.RequestBody(tc.method, tc.target)
			assert.Equal(t, tc.implied, implied)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRequestBodyAction(t *testing.T) {
	r := directoryResolver(t)

	body, implied := r.RequestBody("POST", "/users/{id}/assignLicense")
	require.True(t, implied)
	require.NotNil(t, body.Action)
	assert.Equal(t, "microsoft.graph.assignLicense", body.Action.QualifiedName())
	assert.Empty(t, body.Type)
	assert.Equal(t, []csdl.Parameter{{Name: "addLicenses", Type: "Collection(Edm.Guid)", Nullable: false}}, body.Parameters(),
		"the binding parameter is left out")

	body, implied = r.RequestBody("POST", "/reset")
	require.True(t, implied)
	require.NotNil(t, body.Action)
	assert.Empty(t, body.Parameters(), "an unbound action without parameters")
}

func TestBodyParametersWithoutAction(t *testing.T) {
	assert.Nil(t, Body{Type: "microsoft.graph.user"}.Parameters())
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "entity collection", EntityCollection.String())
	assert.Equal(t, "Kind(42)", Kind(42).String())
}

func TestResolveWithoutContainer(t *testing.T) {
	document := strings.Replace(directory, `<EntitySet Name="users" EntityType="graph.user" />`, ``, 1)
	model, err := csdl.Parse(strings.NewReader(document), "directory.xml")
	require.NoError(t, err)

	assert.Equal(t, "unknown", describe(New(model).Resolve("/users/{id}")))
}
