package extract

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// fence records a fenced code block. It returns the line from which the
// page must be parsed again when the fence is never closed, else 0.
func (w *walker) fence(n *ast.FencedCodeBlock) int {
	block := &Block{Line: w.nodeLine(n)}
	if n.Info != nil {
		info := strings.Fields(string(n.Info.Segment.Value(w.src)))
		if len(info) > 0 {
			block.Fence = strings.ToLower(info[0])
		}
	}

	// Read the content lines as goldmark split them, keeping each line's
	// offset in the page so positions inside the content map back.
	var content bytes.Buffer
	var starts []int
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		starts = append(starts, seg.Start)
		content.Write(seg.Value(w.src))
	}
	block.ContentLine = block.Line + 1

	resume := 0
	lastLine := block.Line
	if len(starts) > 0 {
		lastLine = w.lines.line(starts[len(starts)-1])
	}
	block.EndLine = lastLine + 1
	opener := w.openerInside(block.Line, lastLine)
	closed := w.closedAt(block.Line, lastLine+1)
	if !closed || opener > 0 {
		block.Unclosed = true
		block.EndLine = lastLine
		message := "code fence is never closed"
		if opener > 0 {
			message = fmt.Sprintf("code fence is not closed before another fence opens at line %d", opener)
		}
		w.page.report("fence-unclosed", block.Line, 1, message)

		// A fence that runs to the end of the page or over another fence
		// is cut where the writer most likely meant it to end, and the rest
		// of the page is parsed again.
		if cut := w.likelyEnd(block.Line); cut > 0 && (opener > 0 || lastLine >= w.lines.lines()) {
			resume = cut
			block.EndLine = cut - 1
			keep := 0
			for keep < len(starts) && w.lines.line(starts[keep]) < cut {
				keep++
			}
			starts = starts[:keep]
			content.Reset()
			for i := 0; i < keep; i++ {
				seg := n.Lines().At(i)
				content.Write(seg.Value(w.src))
			}
		}
	}
	block.Content = content.Bytes()
	block.lineStarts = starts

	if ann, issues := w.annotationFor(n); ann != nil {
		block.Annotation = ann
		for _, issue := range issues {
			w.annotationFinding(issue, ann.Line, ann.firstName())
		}
	}

	w.interpret(block)
	w.page.Blocks = append(w.page.Blocks, block)
	return resume
}

// closedAt reports whether line holds a closing fence for the fence that
// opens on line open.
func (w *walker) closedAt(open, line int) bool {
	if line > w.lines.lines() {
		return false
	}
	opening := stripContainers(w.lines.lineText(w.src, open))
	closing := stripContainers(w.lines.lineText(w.src, line))
	if len(opening) == 0 {
		return false
	}
	char := opening[0]
	length := len(opening) - len(bytes.TrimLeft(opening, string(char)))
	run := len(closing) - len(bytes.TrimLeft(closing, string(char)))
	return run >= length && len(bytes.TrimSpace(closing[run:])) == 0
}

// stripContainers removes the indentation and blockquote markers before a
// fence, and a list marker on the fence's own line.
func stripContainers(line []byte) []byte {
	for {
		trimmed := bytes.TrimLeft(line, " \t>")
		trimmed = trimListMarker(trimmed)
		if len(trimmed) == len(line) {
			return line
		}
		line = trimmed
	}
}

func trimListMarker(line []byte) []byte {
	if len(line) >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ' {
		return line[2:]
	}
	i := 0
	for i < len(line) && i < 9 && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' ' {
		return line[i+2:]
	}
	return line
}

// openerInside returns the first line between open and last that opens
// a fence with an info string, which cannot close the fence on line open
// and shows that the writer left that fence unclosed; 0 when there is none.
func (w *walker) openerInside(open, last int) int {
	opening := stripContainers(w.lines.lineText(w.src, open))
	if len(opening) == 0 {
		return 0
	}
	char := opening[0]
	for line := open + 1; line <= last; line++ {
		text := stripContainers(w.lines.lineText(w.src, line))
		run := len(text) - len(bytes.TrimLeft(text, string(char)))
		if run >= 3 && len(bytes.TrimSpace(text[run:])) > 0 {
			return line
		}
	}
	return 0
}

// likelyEnd returns the first line after open that starts a comment, a
// heading or another fence, where an unclosed fence was most likely meant
// to end; 0 when there is none.
func (w *walker) likelyEnd(open int) int {
	for line := open + 1; line <= w.lines.lines(); line++ {
		text := stripContainers(w.lines.lineText(w.src, line))
		switch {
		case bytes.HasPrefix(text, []byte("<!--")),
			bytes.HasPrefix(text, []byte("#")),
			bytes.HasPrefix(text, []byte("```")),
			bytes.HasPrefix(text, []byte("~~~")):
			return line
		}
	}
	return 0
}

// annotationFor returns the annotation comment right before the fence.
func (w *walker) annotationFor(n *ast.FencedCodeBlock) (*Annotation, []annotationIssue) {
	previous, ok := n.PreviousSibling().(*ast.HTMLBlock)
	if !ok || previous.HTMLBlockType != ast.HTMLBlockType2 {
		return nil, nil
	}
	jsonText := commentJSON(htmlText(previous, w.src))
	if jsonText == nil {
		return nil, nil
	}
	line := w.nodeLine(previous)

	raw, issues := parseAnnotationJSON(jsonText)
	if raw == nil {
		return &Annotation{Line: line}, issues
	}
	if isPageAnnotation(raw) {
		return nil, nil
	}
	ann, more := decodeAnnotation(raw, line)
	return ann, append(issues, more...)
}

func (a *Annotation) firstName() string {
	if len(a.Names) == 0 {
		return ""
	}
	return a.Names[0]
}

// interpret parses the block's content as its annotation directs: an HTTP
// request or response, or JSON.
func (w *walker) interpret(block *Block) {
	blockType := ""
	if block.Annotation != nil {
		blockType = block.Annotation.BlockType
	}
	name := block.Name()

	switch blockType {
	case TypeRequest:
		request, issues := httpmsg.ParseRequest(block.Content)
		block.Request = request
		w.messageIssues(block, issues)
		if request != nil && request.BodyLine >= 0 && httpmsg.IsJSONContent(request.Headers, request.Body) {
			w.setJSON(block, request.Body, request.BodyLine)
		}
	case TypeResponse:
		response, issues := httpmsg.ParseResponse(block.Content)
		block.Response = response
		w.messageIssues(block, issues)
		if response != nil && response.BodyLine >= 0 && httpmsg.IsJSONContent(response.Headers, response.Body) {
			w.setJSON(block, response.Body, response.BodyLine)
		}
	case TypeResource, TypeExample:
		trimmed := bytes.TrimSpace(block.Content)
		if block.Fence == "json" || bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")) {
			w.setJSON(block, block.Content, 0)
		}
	case "":
		// An unannotated http fence is kept as a request when it reads as
		// one, for the HTTP request section's URL templates.
		if block.Annotation == nil && (block.Fence == "http" || block.Fence == "msgraph-interactive") {
			if request, issues := httpmsg.ParseRequest(block.Content); request != nil && !hasRule(issues, "request-line-invalid") {
				block.Request = request
			}
		}
	}

	if block.JSON == nil || block.JSONValid {
		return
	}
	fault := checkJSON(block.JSON)
	line, column := w.contentPosition(block, block.jsonOffset+fault.offset)
	f := w.page.report("json-invalid", line, column, fault.message)
	f.Example = name
}

func hasRule(issues []httpmsg.Issue, rule string) bool {
	for _, issue := range issues {
		if issue.Rule == rule {
			return true
		}
	}
	return false
}

// setJSON records body, which starts on 0-based content line bodyLine.
func (w *walker) setJSON(block *Block, body []byte, bodyLine int) {
	offset := contentLineOffset(block.Content, bodyLine)
	if i := bytes.Index(block.Content[offset:], body); i >= 0 && len(body) > 0 {
		offset += i
	}
	block.JSON = body
	block.jsonOffset = offset
	block.JSONLine, _ = w.contentPosition(block, offset)
	block.JSONValid = checkJSON(body) == nil
}

// contentLineOffset returns the offset in content where 0-based line n starts.
func contentLineOffset(content []byte, n int) int {
	offset := 0
	for i := 0; i < n; i++ {
		next := bytes.IndexByte(content[offset:], '\n')
		if next < 0 {
			return len(content)
		}
		offset += next + 1
	}
	return offset
}

// contentPosition maps an offset in the block's content to a page line
// and column.
func (w *walker) contentPosition(block *Block, offset int) (line, column int) {
	if len(block.lineStarts) == 0 {
		return block.Line, 1
	}
	lineIndex := bytes.Count(block.Content[:min(offset, len(block.Content))], []byte("\n"))
	lineIndex = min(lineIndex, len(block.lineStarts)-1)
	inLine := offset - contentLineOffset(block.Content, lineIndex)
	return w.lines.position(block.lineStarts[lineIndex] + inLine)
}

// messageIssues turns HTTP message issues into findings at page positions.
func (w *walker) messageIssues(block *Block, issues []httpmsg.Issue) {
	for _, issue := range issues {
		offset := contentLineOffset(block.Content, issue.Line) + max(issue.Column-1, 0)
		line, column := w.contentPosition(block, offset)
		f := w.page.report(issue.Rule, line, column, issue.Message)
		f.Example = block.Name()
	}
	if block.Request != nil || block.Response != nil || len(issues) > 0 {
		return
	}

	rule := "status-line-invalid"
	if block.Annotation.BlockType == TypeRequest {
		rule = "request-line-invalid"
	}
	f := w.page.report(rule, block.Line, 1, fmt.Sprintf("%s block is empty", block.Annotation.BlockType))
	f.Example = block.Name()
}
