package csdl

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
        <Member Name="blue" Value="1" />
      </EnumType>
      <EnumType Name="permissions" IsFlags="true" UnderlyingType="Edm.Byte">
        <Member Name="read" Value="1" />
        <Member Name="write" Value="2" />
      </EnumType>
      <ComplexType Name="identity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
        <Annotation Term="Org.OData.Core.V1.Description" String="ignored" />
      </ComplexType>
      <ComplexType Name="userIdentity" BaseType="graph.identity">
        <Property Name="userPrincipalName" Type="Edm.String" Nullable="false" />
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="widget" BaseType="graph.entity" HasStream="true">
        <Property Name="tags" Type="Collection(Edm.String)" Nullable="false" />
        <Property Name="owner" Type="graph.identity">
          <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
        </Property>
        <NavigationProperty Name="parts" Type="Collection(graph.part)" ContainsTarget="true" />
        <NavigationProperty Name="maker" Type="microsoft.graph.widget" Nullable="false" />
      </EntityType>
      <EntityType Name="gadget" BaseType="graph.widget" />
      <EntityType Name="part" BaseType="graph.entity" />
      <Action Name="assemble" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.widget" />
        <Parameter Name="parts" Type="Collection(graph.part)" Nullable="false" />
        <ReturnType Type="graph.widget" Nullable="false" />
      </Action>
      <Function Name="count" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.widget)" />
        <ReturnType Type="Edm.Int32" />
      </Function>
      <Term Name="note" Type="Edm.String" AppliesTo="microsoft.graph.widget" />
      <EntityContainer Name="GraphService">
        <EntitySet Name="widgets" EntityType="graph.widget">
          <NavigationPropertyBinding Path="maker" Target="widgets" />
        </EntitySet>
        <Singleton Name="favorite" Type="graph.widget" />
        <ActionImport Name="reset" Action="graph.reset" />
        <FunctionImport Name="today" Function="graph.today" />
      </EntityContainer>
    </Schema>
    <Schema Namespace="microsoft.graph.shop" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="order" BaseType="graph.entity">
        <Property Name="status" Type="graph.color" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`

func parseSample(t *testing.T) *Model {
	t.Helper()
	model, err := Parse(strings.NewReader(sample), "sample.xml")
	require.NoError(t, err)
	return model
}

func TestParseSchemasAndTypes(t *testing.T) {
	model := parseSample(t)
	require.Len(t, model.Schemas, 2)

	graph := model.Schemas[0]
	assert.Equal(t, "microsoft.graph", graph.Namespace)
	assert.Equal(t, "graph", graph.Alias)
	assert.Len(t, graph.EntityTypes, 4)
	assert.Len(t, graph.ComplexTypes, 2)
	assert.Len(t, graph.EnumTypes, 2)
	assert.Equal(t, "", model.Schemas[1].Alias)

	widget, ok := model.StructuredType("microsoft.graph.widget")
	require.True(t, ok)
	assert.True(t, widget.Entity)
	assert.True(t, widget.HasStream)
	assert.False(t, widget.Abstract)
	assert.Equal(t, "microsoft.graph.entity", widget.BaseType, "alias is replaced by the namespace")
	assert.Equal(t, []Property{
		{Name: "tags", Type: "Collection(Edm.String)", Nullable: false},
		{Name: "owner", Type: "microsoft.graph.identity", Nullable: true},
	}, widget.Properties)
	assert.Equal(t, []NavigationProperty{
		{Name: "parts", Type: "Collection(microsoft.graph.part)", Nullable: true, ContainsTarget: true},
		{Name: "maker", Type: "microsoft.graph.widget", Nullable: false},
	}, widget.NavigationProperties)
	assert.Equal(t, KindEntity, widget.Kind())

	entity, ok := model.StructuredType("graph.entity")
	require.True(t, ok)
	assert.True(t, entity.Abstract)
	assert.Equal(t, []string{"id"}, entity.Key)

	identity, ok := model.StructuredType("microsoft.graph.identity")
	require.True(t, ok)
	assert.True(t, identity.OpenType)
	assert.Equal(t, KindComplex, identity.Kind())
	assert.Len(t, identity.Properties, 1, "the annotation child is skipped")

	order, ok := model.StructuredType("microsoft.graph.shop.order")
	require.True(t, ok)
	assert.Equal(t, "microsoft.graph.color", order.Properties[0].Type, "an alias of another schema resolves too")
}

func TestParseEnumTypes(t *testing.T) {
	model := parseSample(t)

	color, ok := model.EnumType("graph.color")
	require.True(t, ok)
	assert.False(t, color.IsFlags)
	assert.Equal(t, "Edm.Int32", color.UnderlyingType)
	assert.Equal(t, []EnumMember{{Name: "red", Value: "0"}, {Name: "blue", Value: "1"}}, color.Members)

	permissions, ok := model.EnumType("microsoft.graph.permissions")
	require.True(t, ok)
	assert.True(t, permissions.IsFlags)
	assert.Equal(t, "Edm.Byte", permissions.UnderlyingType)
	assert.Equal(t, KindEnum, permissions.Kind())
}

func TestParseOperationsAndContainer(t *testing.T) {
	model := parseSample(t)
	graph := model.Schemas[0]

	require.Len(t, graph.Actions, 1)
	assemble := graph.Actions[0]
	assert.Equal(t, "microsoft.graph.assemble", assemble.QualifiedName())
	assert.False(t, assemble.Function)
	assert.True(t, assemble.IsBound)
	assert.Equal(t, []Parameter{
		{Name: "bindingParameter", Type: "microsoft.graph.widget", Nullable: true},
		{Name: "parts", Type: "Collection(microsoft.graph.part)", Nullable: false},
	}, assemble.Parameters)
	require.NotNil(t, assemble.ReturnType)
	assert.Equal(t, ReturnType{Type: "microsoft.graph.widget", Nullable: false}, *assemble.ReturnType)

	require.Len(t, graph.Functions, 1)
	count := graph.Functions[0]
	assert.True(t, count.Function)
	assert.True(t, count.IsComposable)
	assert.Equal(t, "Collection(microsoft.graph.widget)", count.Parameters[0].Type)

	container := graph.EntityContainer
	require.NotNil(t, container)
	assert.Equal(t, "GraphService", container.Name)
	assert.Equal(t, []EntitySet{{Name: "widgets", EntityType: "microsoft.graph.widget"}}, container.EntitySets)
	assert.Equal(t, []Singleton{{Name: "favorite", Type: "microsoft.graph.widget"}}, container.Singletons)
	assert.Equal(t, []ActionImport{{Name: "reset", Action: "microsoft.graph.reset"}}, container.ActionImports)
	assert.Equal(t, []FunctionImport{{Name: "today", Function: "microsoft.graph.today"}}, container.FunctionImports)
}

func TestLookup(t *testing.T) {
	model := parseSample(t)

	for _, name := range []string{"microsoft.graph.widget", "graph.widget", "#microsoft.graph.widget", "#graph.widget"} {
		found, ok := model.Lookup(name)
		if assert.True(t, ok, name) {
			assert.Equal(t, "microsoft.graph.widget", found.QualifiedName(), name)
		}
	}

	_, ok := model.Lookup("microsoft.graph.Widget")
	assert.False(t, ok, "Lookup is case-sensitive")
	_, ok = model.Lookup("widget")
	assert.False(t, ok, "Lookup needs a qualified name")

	folded, ok := model.LookupFold("#Microsoft.Graph.WIDGET")
	require.True(t, ok)
	assert.Equal(t, "microsoft.graph.widget", folded.QualifiedName())

	_, ok = model.StructuredType("microsoft.graph.color")
	assert.False(t, ok, "an enum type is not a structured type")
	_, ok = model.EnumType("microsoft.graph.widget")
	assert.False(t, ok, "a structured type is not an enum type")
}

func TestTypesSorted(t *testing.T) {
	model := parseSample(t)
	var names []string
	for _, ty := range model.Types() {
		names = append(names, ty.QualifiedName())
	}
	assert.Equal(t, []string{
		"microsoft.graph.color", "microsoft.graph.entity", "microsoft.graph.gadget",
		"microsoft.graph.identity", "microsoft.graph.part", "microsoft.graph.permissions",
		"microsoft.graph.shop.order", "microsoft.graph.userIdentity", "microsoft.graph.widget",
	}, names)
}

func TestBaseAndDerivedTypes(t *testing.T) {
	model := parseSample(t)
	gadget, _ := model.StructuredType("microsoft.graph.gadget")
	entity, _ := model.StructuredType("microsoft.graph.entity")
	userIdentity, _ := model.StructuredType("microsoft.graph.userIdentity")

	assert.Equal(t, []string{"microsoft.graph.widget", "microsoft.graph.entity"}, names(model.BaseTypes(gadget)))
	assert.Empty(t, model.BaseTypes(entity))
	assert.Equal(t, []string{
		"microsoft.graph.gadget", "microsoft.graph.part", "microsoft.graph.shop.order", "microsoft.graph.widget",
	}, names(model.DerivedTypes(entity)))
	assert.Empty(t, model.DerivedTypes(gadget))

	var properties []string
	for _, p := range model.Properties(gadget) {
		properties = append(properties, p.Name)
	}
	assert.Equal(t, []string{"id", "tags", "owner"}, properties, "base properties come first")
	assert.Len(t, model.NavigationProperties(gadget), 2)

	assert.True(t, model.IsOpen(userIdentity), "a type derived from an open type is open")
	assert.False(t, model.IsOpen(gadget))
}

func TestBaseTypeCycleStops(t *testing.T) {
	document := strings.Replace(sample, `<EntityType Name="entity" Abstract="true">`,
		`<EntityType Name="entity" Abstract="true" BaseType="graph.gadget">`, 1)
	model, err := Parse(strings.NewReader(document), "cycle.xml")
	require.NoError(t, err)

	gadget, _ := model.StructuredType("microsoft.graph.gadget")
	assert.Equal(t, []string{"microsoft.graph.widget", "microsoft.graph.entity"}, names(model.BaseTypes(gadget)))
	assert.NotContains(t, names(model.DerivedTypes(gadget)), "microsoft.graph.gadget")
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		document string
		want     []string
	}{
		{"malformed XML", `<edmx:Edmx><edmx:DataServices></edmx:Edmx>`, []string{"broken.xml", "line 1"}},
		{"truncated", sample[:len(sample)/2], []string{"broken.xml", "unexpected EOF"}},
		{"wrong root", `<Schema Namespace="x"/>`, []string{"broken.xml", "line 1", "expected <edmx:Edmx>"}},
		{"empty", ``, []string{"broken.xml", "no root element"}},
		{"type without name", strings.Replace(sample, `<EntityType Name="part"`, `<EntityType`, 1),
			[]string{"broken.xml", "line 35", "<EntityType> has no Name attribute"}},
		{"bad boolean", strings.Replace(sample, `IsFlags="true"`, `IsFlags="yes"`, 1),
			[]string{"broken.xml", "line 9", `IsFlags="yes"`, "true or false"}},
		{"property without type", strings.Replace(sample, `<Property Name="displayName" Type="Edm.String" />`, `<Property Name="displayName" />`, 1),
			[]string{"broken.xml", "<Property> has no Type attribute"}},
		{"schema without namespace", strings.Replace(sample, `<Schema Namespace="microsoft.graph.shop"`, `<Schema`, 1),
			[]string{"broken.xml", "<Schema> has no Namespace attribute"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.document), "broken.xml")
			require.Error(t, err)
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestParseFileMissing(t *testing.T) {
	_, err := ParseFile("testdata/no-such-file.xml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-file.xml")
}

func TestElementType(t *testing.T) {
	name, collection := ElementType("Collection(microsoft.graph.part)")
	assert.Equal(t, "microsoft.graph.part", name)
	assert.True(t, collection)

	name, collection = ElementType("Edm.String")
	assert.Equal(t, "Edm.String", name)
	assert.False(t, collection)

	assert.True(t, IsPrimitive("Edm.Guid"))
	assert.False(t, IsPrimitive("microsoft.graph.part"))
}

const betaModel = "../../../shared/corpus/csdl/beta/cleanMetadata.2021-06-08.xml"

func TestParseFullBetaModel(t *testing.T) {
	if _, err := os.Stat(betaModel); err != nil {
		t.Skip("the beta CSDL corpus is not available")
	}
	model, err := ParseFile(betaModel)
	require.NoError(t, err)

	counts := map[Kind]int{}
	for _, ty := range model.Types() {
		counts[ty.Kind()]++
	}
	assert.Equal(t, 1309, counts[KindEntity])
	assert.Equal(t, 1250, counts[KindComplex])
	assert.Equal(t, 860, counts[KindEnum])

	activity, ok := model.StructuredType("microsoft.graph.itemActivity")
	require.True(t, ok)
	assert.Equal(t, "microsoft.graph.entity", activity.BaseType)
	_, ok = model.StructuredType("microsoft.graph.ediscovery.case")
	assert.True(t, ok, "types of sub-namespaces are found")
}

func BenchmarkParseFullBetaModel(b *testing.B) {
	data, err := os.ReadFile(betaModel)
	if err != nil {
		b.Skip("the beta CSDL corpus is not available")
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(strings.NewReader(string(data)), betaModel); err != nil {
			b.Fatal(err)
		}
	}
}

func names(types []*StructuredType) []string {
	var out []string
	for _, t := range types {
		out = append(out, t.QualifiedName())
	}
	return out
}
