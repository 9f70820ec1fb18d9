// Package report prints the findings of check and the example outcomes of
// replay in the formats that people and CI tools read.
//
// It takes a [Result]: the number of pages checked, the static findings
// and, for replay, one [replay.Outcome] per example with its differences.
// [Write] and [WriteFile] render it in one of the formats [Formats] lists,
// and [ExitCode] turns it into the process exit status for a --fail-on
// threshold. Every format sorts findings by file, line, column and rule and
// drops exact duplicates, so the output depends only on the Result.
//
// The formats:
//
//   - text: one line per static finding, file:line:col: severity rule:
//     message [example]. For replay, one line per example that failed, was
//     skipped or has differences, with its differences indented below.
//     Then a summary line.
//   - json: one document with findings, examples (replay only) and
//     summary. Every key is always present, with "" or 0 where a value is
//     missing.
//   - junit: JUnit XML with one testsuite per page. Each suite has a
//     testcase named "static checks" and, for replay, one testcase per
//     example. Only error findings fail the static testcase. Warnings and
//     info go to its system-out, so they are visible but never fail the
//     test, whatever the --fail-on threshold. A failed example fails its
//     testcase and a skipped one is marked skipped.
//   - sarif: SARIF 2.1.0 for GitHub code scanning, with the whole rule
//     catalogue and one result per finding or difference. Paths are made
//     relative to Options.Root under the %SRCROOT% base id. A partial
//     fingerprint hashes rule, file, example, pointer and message, but not
//     the line, so an alert survives edits above it.
//   - github: GitHub Actions workflow commands (::error, ::warning,
//     ::notice), one per finding or difference, then a plain summary line.
//
// Replay differences are counted with the static findings in summaries and
// in ExitCode. A difference that Result.Findings also contains is counted
// once.
//
// # Limitations
//
// Pages without findings or examples have no testsuite in junit, because
// a Result carries only their number, not their names.
//
// Columns are byte offsets, as in package finding. SARIF readers count
// UTF-16 code units, so they place a column after non-ASCII text on the
// same line too far right.
//
// Write streams into its writer. If it fails, the writer may have received
// part of a report. Only WriteFile is all or nothing.
package report
