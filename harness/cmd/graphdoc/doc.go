// Command graphdoc checks REST API reference pages written the way
// Microsoft Graph's are, and replays their examples against a service.
//
// Usage:
//
//	graphdoc check   [flags] PATH...   validate pages (files or folders)
//	graphdoc replay  [flags] PATH...   validate, then send each example and compare
//	graphdoc mock    [flags] PATH...   serve the documented responses
//	graphdoc extract [flags] PATH...   print what was extracted
//	graphdoc schemas --csdl FILE --out DIR TYPE...   generate JSON Schemas
//	graphdoc rules                     print the rule catalogue
//
// Exit status: 0 when nothing failed, 1 when a finding reached the
// --fail-on severity or an example failed, 2 when graphdoc itself could
// not run (a bad flag, a path that does not exist, a bad model) or a
// replay was interrupted.
//
// # Limitations
//
// Flags come before the paths, as the standard flag package reads them.
package main
