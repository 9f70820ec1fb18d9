// Package schemas holds the JSON Schemas that graphdoc generates from the
// Graph CSDL metadata kept beside them, one folder per API version, and
// embeds them so the graphdoc command needs no files at run time.
//
// Regenerate them with go generate ./schemas after changing the generator
// or the CSDL; a test checks that the committed files are what the
// generator writes.
package schemas

import "embed"

//go:generate go run ../harness/cmd/graphdoc schemas --csdl beta/focus-types.2021-06-08.xml --out beta microsoft.graph.itemActivity microsoft.graph.itemActivityStat microsoft.graph.itemAnalytics microsoft.graph.accessAction microsoft.graph.identitySet microsoft.graph.identity microsoft.graph.itemActionStat microsoft.graph.incompleteData microsoft.graph.entity
//go:generate go run ../harness/cmd/graphdoc schemas --csdl v1.0/focus-types.2021-07-13.xml --out v1.0 microsoft.graph.itemActivity microsoft.graph.itemActivityStat microsoft.graph.itemAnalytics microsoft.graph.accessAction microsoft.graph.identitySet microsoft.graph.identity microsoft.graph.itemActionStat microsoft.graph.incompleteData microsoft.graph.entity

// FS holds beta/*.json and v1.0/*.json.
//
//go:embed beta/*.json v1.0/*.json
var FS embed.FS
