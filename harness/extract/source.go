package extract

import (
	"bytes"
	"sort"

	"gopkg.in/yaml.v3"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// normalize removes a UTF-8 BOM and turns CRLF and lone CR line endings
// into LF, so that byte offsets map to the stored file's line numbers.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, utf8BOM)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}

	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] != '\r' {
			out = append(out, src[i])
			continue
		}
		out = append(out, '\n')
		if i+1 < len(src) && src[i+1] == '\n' {
			i++
		}
	}
	return out
}

// lineTable maps byte offsets of a source to 1-based lines and columns.
type lineTable struct {
	starts []int
	size   int
}

func newLineTable(src []byte) *lineTable {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i := 0; ; {
		next := bytes.IndexByte(src[i:], '\n')
		if next < 0 {
			break
		}
		i += next + 1
		starts = append(starts, i)
	}
	return &lineTable{starts: starts, size: len(src)}
}

// position returns the 1-based line and column of offset; offsets past
// the end map to the last position.
func (t *lineTable) position(offset int) (line, column int) {
	offset = max(0, min(offset, t.size))
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > offset }) - 1
	return i + 1, offset - t.starts[i] + 1
}

// line returns the 1-based line of offset.
func (t *lineTable) line(offset int) int {
	line, _ := t.position(offset)
	return line
}

// lines returns the number of lines, counting a last line without newline.
func (t *lineTable) lines() int {
	if t.size > 0 && t.starts[len(t.starts)-1] == t.size {
		return len(t.starts) - 1
	}
	return len(t.starts)
}

// lineStart returns the offset where 1-based line n starts.
func (t *lineTable) lineStart(n int) int {
	n = max(1, min(n, len(t.starts)))
	return t.starts[n-1]
}

// lineText returns 1-based line n without its newline.
func (t *lineTable) lineText(src []byte, n int) []byte {
	if n < 1 || n > len(t.starts) {
		return nil
	}
	start := t.starts[n-1]
	end := t.size
	if n < len(t.starts) {
		end = t.starts[n] - 1
	}
	return src[start:end]
}

// frontMatter finds a YAML front matter block: a "---" line at the top of
// the page, or right after one leading HTML comment, up to the next "---"
// or "..." line. It returns the block's 1-based first and last lines, or
// zeros when there is none, and whether it was closed.
func frontMatter(src []byte, lines *lineTable) (first, last int, closed bool) {
	n := 1
	total := lines.lines()

	// Skip blank lines and one leading HTML comment.
	for n <= total && len(bytes.TrimSpace(lines.lineText(src, n))) == 0 {
		n++
	}
	if n <= total && bytes.HasPrefix(bytes.TrimSpace(lines.lineText(src, n)), []byte("<!--")) {
		for n <= total && !bytes.Contains(lines.lineText(src, n), []byte("-->")) {
			n++
		}
		n++
		for n <= total && len(bytes.TrimSpace(lines.lineText(src, n))) == 0 {
			n++
		}
	}
	if n > total || string(bytes.TrimRight(lines.lineText(src, n), " \t")) != "---" {
		return 0, 0, false
	}

	for end := n + 1; end <= total; end++ {
		text := string(bytes.TrimRight(lines.lineText(src, end), " \t"))
		if text == "---" || text == "..." {
			return n, end, true
		}
	}
	return n, total, false
}

// blankLines returns a copy of src with the bytes of lines first..last
// removed except for their newlines, so later offsets keep their lines.
func blankLines(src []byte, lines *lineTable, first, last int) []byte {
	out := bytes.Clone(src)
	start := lines.lineStart(first)
	end := len(src)
	if last < len(lines.starts) {
		end = lines.lineStart(last + 1)
	}
	for i := start; i < end; i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}

// parseFrontMatter decodes the YAML between the delimiters.
func parseFrontMatter(src []byte, lines *lineTable, first, last int) (map[string]any, error) {
	start := lines.lineStart(first + 1)
	end := lines.lineStart(last)
	if end < start {
		return nil, nil
	}

	var values map[string]any
	if err := yaml.Unmarshal(src[start:end], &values); err != nil {
		return nil, err
	}
	return values, nil
}
