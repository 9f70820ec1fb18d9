package gate

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/graphdoc/graphdoc/harness/finding"
)

// BaselineVersion is the version of the baseline format WriteBaseline
// writes and LoadBaseline reads.
const BaselineVersion = 1

// Baseline is a set of accepted findings: the defects a docs set already
// had when the baseline was written, which a gate lets pass.
type Baseline struct {
	// Path is the file the baseline was loaded from.
	Path    string
	Entries []Entry

	dir string
}

// Entry is one accepted finding, or Count identical ones.
type Entry struct {
	Rule string `json:"rule"`
	// File is slash-separated and relative to the baseline file's folder.
	File    string `json:"file"`
	Example string `json:"example,omitempty"`
	// MessageHash is the hex SHA-256 of the finding's message, with line
	// numbers in it replaced (see messageHash).
	MessageHash string `json:"messageHash"`
	// Message is the message of the first matching finding. It is there
	// for readers of the file, and matching ignores it.
	Message string `json:"message"`
	Count   int    `json:"count"`
}

type baselineFile struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

type entryKey struct {
	rule, file, example, hash string
}

func (e Entry) key() entryKey { return entryKey{e.Rule, e.File, e.Example, e.MessageHash} }

// lineNumber matches the line references that some messages carry, such
// as "already has a response at line 12", so that an edit above a finding
// leaves its hash unchanged.
var lineNumber = regexp.MustCompile(`\b(lines?) [0-9]+`)

func messageHash(message string) string {
	sum := sha256.Sum256([]byte(lineNumber.ReplaceAllString(message, "$1 N")))
	return hex.EncodeToString(sum[:])
}

// WriteBaseline writes findings as a baseline to path, replacing the file
// atomically: it writes a temporary file in the same folder and renames it.
// Entries are sorted by file, rule, example and hash, so writing the same
// findings twice gives the same bytes.
func WriteBaseline(path string, findings []finding.Finding) error {
	dir, err := baselineDir(path)
	if err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}

	// Count identical findings into one entry each.
	sorted := slices.Clone(findings)
	slices.SortFunc(sorted, finding.Compare)
	index := map[entryKey]int{}
	var entries []Entry
	rel := relativeTo(dir)
	for _, f := range sorted {
		entry := Entry{Rule: f.Rule, File: rel(f.File), Example: f.Example, MessageHash: messageHash(f.Message), Message: f.Message}
		if i, ok := index[entry.key()]; ok {
			entries[i].Count++
			continue
		}
		entry.Count = 1
		index[entry.key()] = len(entries)
		entries = append(entries, entry)
	}
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Example, b.Example),
			cmp.Compare(a.MessageHash, b.MessageHash),
		)
	})

	data, err := json.MarshalIndent(baselineFile{Version: BaselineVersion, Entries: nonNil(entries)}, "", "  ")
	if err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	if err := writeAtomic(path, append(data, '\n')); err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	return nil
}

func nonNil(entries []Entry) []Entry {
	if entries == nil {
		return []Entry{}
	}
	return entries
}

// writeAtomic writes data to a temporary file beside path and renames it
// over path, so a reader never sees a half-written file.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())

	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// LoadBaseline reads a baseline written by WriteBaseline. A file that is
// not valid JSON, has another version, has fields the format does not
// define, or has an entry without a rule, file, hash or positive count is
// an error.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	dir, err := baselineDir(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}

	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	var file baselineFile
	if err := decoder.Decode(&file); err != nil {
		return nil, fmt.Errorf("baseline %s is not a valid baseline file: %w", path, err)
	}
	if file.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s has version %d, but this graphdoc reads version %d: write it again with --write-baseline", path, file.Version, BaselineVersion)
	}
	for i, entry := range file.Entries {
		if entry.Rule == "" || entry.File == "" || entry.MessageHash == "" || entry.Count < 1 {
			return nil, fmt.Errorf("baseline %s: entry %d needs a rule, a file, a messageHash and a count of at least 1", path, i+1)
		}
	}
	return &Baseline{Path: path, Entries: file.Entries, dir: dir}, nil
}

// Filter removes the findings the baseline accepts. A finding matches an
// entry with the same rule, file, example and message hash, whatever its
// line. Each entry accepts at most Count findings, so a second
// identical finding is kept when the entry counts one. Entries that match
// fewer findings than their count are returned as stale, with Count set to
// the number left over, so the baseline can shrink.
//
// Filter does not change the baseline. A run that checks only some pages
// should ignore stale entries for files it did not check.
func (b *Baseline) Filter(findings []finding.Finding) (kept []finding.Finding, suppressed int, stale []Entry) {
	left := make(map[entryKey]int, len(b.Entries))
	for _, entry := range b.Entries {
		left[entry.key()] += entry.Count
	}

	rel := relativeTo(b.dir)
	for _, f := range findings {
		key := entryKey{f.Rule, rel(f.File), f.Example, messageHash(f.Message)}
		if left[key] > 0 {
			left[key]--
			suppressed++
			continue
		}
		kept = append(kept, f)
	}

	for _, entry := range b.Entries {
		key := entry.key()
		if left[key] <= 0 {
			continue
		}
		// An entry given twice in a hand-edited file is reported once, with
		// everything left over.
		entry.Count = left[key]
		left[key] = 0
		stale = append(stale, entry)
	}
	return kept, suppressed, stale
}

// baselineDir returns the absolute folder of the baseline file, with
// symbolic links resolved so that it compares with resolved page paths.
func baselineDir(path string) (string, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(dir); err == nil {
		dir = resolved
	}
	return dir, nil
}

// relativeTo returns a function that turns a finding's file, relative to
// the current directory or absolute, into a slash-separated path relative
// to dir. It caches the resolved folder of each file.
func relativeTo(dir string) func(file string) string {
	resolved := map[string]string{}
	return func(file string) string {
		if file == "" {
			return ""
		}
		abs, err := filepath.Abs(file)
		if err != nil {
			return filepath.ToSlash(file)
		}
		folder := filepath.Dir(abs)
		resolvedDir, ok := resolved[folder]
		if !ok {
			resolvedDir = folder
			if r, err := filepath.EvalSymlinks(folder); err == nil {
				resolvedDir = r
			}
			resolved[folder] = resolvedDir
		}
		rel, err := filepath.Rel(dir, filepath.Join(resolvedDir, filepath.Base(abs)))
		if err != nil {
			return filepath.ToSlash(abs)
		}
		return filepath.ToSlash(rel)
	}
}
