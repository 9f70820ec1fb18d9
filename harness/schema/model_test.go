package schema

import (
	"strings"
	"testing"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/stretchr/testify/require"
)

// widgets is a small model that uses every feature the generator handles.
const widgets = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
        <Member Name="darkBlue" Value="1" />
      </EnumType>
      <EnumType Name="permissions" IsFlags="true">
        <Member Name="read" Value="1" />
        <Member Name="write" Value="2" />
        <Member Name="share" Value="4" />
      </EnumType>
      <ComplexType Name="label">
        <Property Name="text" Type="Edm.String" Nullable="false" />
        <Property Name="color" Type="graph.color" />
      </ComplexType>
      <ComplexType Name="identity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="id" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="userIdentity" BaseType="graph.identity" OpenType="true">
        <Property Name="userPrincipalName" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="Json" />
      <ComplexType Name="sample">
        <Property Name="string" Type="Edm.String" />
        <Property Name="boolean" Type="Edm.Boolean" />
        <Property Name="byte" Type="Edm.Byte" />
        <Property Name="sbyte" Type="Edm.SByte" />
        <Property Name="int16" Type="Edm.Int16" />
        <Property Name="int32" Type="Edm.Int32" />
        <Property Name="int64" Type="Edm.Int64" />
        <Property Name="decimal" Type="Edm.Decimal" />
        <Property Name="double" Type="Edm.Double" />
        <Property Name="single" Type="Edm.Single" />
        <Property Name="dateTimeOffset" Type="Edm.DateTimeOffset" />
        <Property Name="date" Type="Edm.Date" />
        <Property Name="timeOfDay" Type="Edm.TimeOfDay" />
        <Property Name="duration" Type="Edm.Duration" />
        <Property Name="guid" Type="Edm.Guid" />
        <Property Name="binary" Type="Edm.Binary" />
        <Property Name="stream" Type="Edm.Stream" />
        <Property Name="point" Type="Edm.GeographyPoint" />
        <Property Name="untyped" Type="Edm.Untyped" />
        <Property Name="requiredInt32" Type="Edm.Int32" Nullable="false" />
        <Property Name="color" Type="graph.color" />
        <Property Name="requiredColor" Type="graph.color" Nullable="false" />
        <Property Name="permissions" Type="graph.permissions" />
        <Property Name="label" Type="graph.label" />
        <Property Name="requiredLabel" Type="graph.label" Nullable="false" />
        <Property Name="labels" Type="Collection(graph.label)" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <Property Name="anything" Type="graph.Json" />
        <Property Name="missing" Type="graph.notInThisModel" />
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="name" Type="Edm.String" />
        <Property Name="createdDateTime" Type="Edm.DateTimeOffset" Nullable="false" />
        <Property Name="owner" Type="graph.identity" />
        <Property Name="labels" Type="Collection(graph.label)" Nullable="false" />
        <Property Name="content" Type="Edm.Stream" />
        <NavigationProperty Name="parts" Type="Collection(graph.part)" ContainsTarget="true" />
        <NavigationProperty Name="maker" Type="graph.widget" Nullable="false" />
      </EntityType>
      <EntityType Name="gadget" BaseType="graph.widget">
        <Property Name="battery" Type="Edm.Int32" />
      </EntityType>
      <EntityType Name="part" BaseType="graph.entity">
        <Property Name="weight" Type="Edm.Double" />
      </EntityType>
      <EntityType Name="specialPart" BaseType="graph.part">
        <Property Name="grade" Type="Edm.String" />
      </EntityType>
      <EntityType Name="note" BaseType="graph.entity" OpenType="true">
        <Property Name="author" Type="graph.identity" />
        <Property Name="value" Type="Edm.String" />
      </EntityType>
    </Schema>
    <Schema Namespace="microsoft.graph.shop" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="order" BaseType="graph.entity">
        <Property Name="status" Type="graph.color" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`

func widgetModel(t testing.TB) *csdl.Model {
	t.Helper()
	model, err := csdl.Parse(strings.NewReader(widgets), "widgets.xml")
	require.NoError(t, err)
	return model
}
