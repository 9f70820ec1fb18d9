// Package gate decides which pages and findings a pull request gate looks
// at, so that a change that breaks an example fails while old defects
// elsewhere in the docs do not.
//
// It takes page paths, extracted pages and findings, and gives narrower
// lists of each:
//
//   - Changed selects the pages that differ from a git ref, plus the API
//     pages that use a changed resource page (--changed-since REF).
//   - Shard splits the pages into N disjoint slices (--shard K/N).
//   - Suppress drops findings that a page suppresses, either in a
//     graphdoc-disable comment before a block or in its page annotation,
//     and reports suppressions that are invalid or unused.
//   - Config reads .graphdoc.yaml: rule levels, skip globs, CSDL files and
//     a replay values file (--config FILE).
//   - Baseline stores accepted findings and filters them out of later runs
//     (--baseline FILE, --write-baseline FILE).
//
// Apply them in this order: Suppress on each page, then Config.Apply, then
// Baseline.Filter, so a baseline records what is left after suppressions
// and config. Defects of the docs are findings. Functions return errors
// only when they cannot run, such as when git is missing or a config file
// has an unknown key.
//
// # Limitations
//
// Changed looks only at Markdown links and type names: a page that uses a
// changed include file, or whose model (CSDL or schemas) changed, is not
// selected, so run a full check when those change. A type maps to the
// resource page named after it in lower case, without namespace, so a
// resource page with another name (such as callrecords-session.md) is
// found only through links. Type names are matched anywhere in an API
// page, not only in annotations, so a page that merely mentions a type in
// its text is selected too.
//
// Baseline entries match on rule, file, example and a hash of the message
// with "line N" references blanked, so a finding whose message changes
// counts as new.
//
// Suppress finds graphdoc-disable comments by text. It skips those inside
// the front matter and the fences that extract lists, but one inside
// another fence is still read.
package gate
