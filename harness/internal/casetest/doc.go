// Package casetest runs the data-driven cases under cases/ at the
// repository root.
//
// A case is a txtar archive. Its comment says what the case shows and
// why. Its files are:
//
//   - one or more pages, any name ending in .md, checked together as one
//     docs set;
//   - model.xml, optional: CSDL metadata that the pages are validated
//     against, for both API versions, in place of the bundled schemas;
//     resource pages are then compared with it too;
//   - blocks, optional: the blocks extraction must find, one per line, as
//     FormatBlocks writes them;
//   - want: the expected findings, one per line, as
//     "SEVERITY RULE@LINE [static|replay]", or the single word "none".
//
// A finding matches an expectation when it has the same rule and
// severity, and its line lies inside the expected block, from the
// block's annotation comment to its closing fence; the expectation names
// the block by the line of its opening fence. A finding outside every
// block must be on the expected line itself. Info findings are not
// compared. Replay expectations are checked by replaying each page
// against a loopback server that answers with the page's replay-mock
// comment, a JSON object keyed by request name whose values are
// {status, headers, body}.
//
// A case whose comment has a line "pending: REASON" is skipped with that
// reason: it records a defect graphdoc does not detect yet.
//
// Run with -update to rewrite each want section from what graphdoc
// reports; nothing else writes to the cases.
//
// # Limitations
//
// Pages are checked against the schemas bundled with graphdoc, and a body
// whose type the page defines in a resource block against that definition
// instead. The blocks section lists the blocks of every page of a case
// one after another, without file names, so it suits one-page cases.
package casetest
