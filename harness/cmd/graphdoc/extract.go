package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// blockRecord is one block in the extract command's JSON output.
type blockRecord struct {
	File           string           `json:"file"`
	Line           int              `json:"line"`
	EndLine        int              `json:"endLine"`
	AnnotationLine int              `json:"annotationLine,omitempty"`
	BlockType      string           `json:"blockType"`
	Names          []string         `json:"names"`
	ODataType      string           `json:"odataType,omitempty"`
	IsCollection   bool             `json:"isCollection,omitempty"`
	Truncated      bool             `json:"truncated,omitempty"`
	Fence          string           `json:"fence"`
	Method         string           `json:"method,omitempty"`
	URL            string           `json:"url,omitempty"`
	Status         int              `json:"status,omitempty"`
	Headers        []httpmsg.Header `json:"headers,omitempty"`
	Body           *string          `json:"body"`
	PairedWith     []string         `json:"pairedWith,omitempty"`
	Unclosed       bool             `json:"unclosed,omitempty"`
}

// pageAnnotationRecord is one page annotation in the JSON output.
type pageAnnotationRecord struct {
	File         string   `json:"file"`
	Line         int      `json:"line"`
	Suppressions []string `json:"suppressions"`
}

type extractOutput struct {
	Files           int                    `json:"files"`
	Blocks          []blockRecord          `json:"blocks"`
	PageAnnotations []pageAnnotationRecord `json:"pageAnnotations"`
	Findings        []finding.Finding      `json:"findings"`
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: graphdoc extract [flags] PATH...\n\nPrint every annotated block and http fence found in the pages, with positions and pairing.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("invalid --format %q: use text or json", *format)}
	}
	if fs.NArg() == 0 {
		return usageError{"no PATH given: name the pages or folders to extract, for example: graphdoc extract docs"}
	}

	files, err := harness.FindPages(fs.Args())
	if err != nil {
		return err
	}
	pages, err := harness.ExtractPages(ctx, files)
	if err != nil {
		return err
	}

	output := collect(pages)
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(output)
	}
	writeExtractText(stdout, output)
	return nil
}

func collect(pages []*extract.Page) extractOutput {
	output := extractOutput{Files: len(pages), Blocks: []blockRecord{}, PageAnnotations: []pageAnnotationRecord{}, Findings: []finding.Finding{}}
	for _, page := range pages {
		for _, block := range page.Blocks {
			output.Blocks = append(output.Blocks, record(page.Path, block))
		}
		for _, annotation := range page.PageAnnotations {
			suppressions := annotation.Suppressions
			if suppressions == nil {
				suppressions = []string{}
			}
			output.PageAnnotations = append(output.PageAnnotations, pageAnnotationRecord{File: page.Path, Line: annotation.Line, Suppressions: suppressions})
		}
		output.Findings = append(output.Findings, page.Findings...)
	}
	output.Findings = finding.Sort(output.Findings)
	return output
}

func record(path string, block *extract.Block) blockRecord {
	r := blockRecord{File: path, Line: block.Line, EndLine: block.EndLine, Fence: block.Fence, Names: []string{}, PairedWith: block.PairedWith, Unclosed: block.Unclosed}
	if a := block.Annotation; a != nil {
		r.AnnotationLine = a.Line
		r.BlockType = a.BlockType
		r.ODataType = a.ODataType
		r.IsCollection = a.IsCollection
		r.Truncated = a.Truncated
		if a.Names != nil {
			r.Names = a.Names
		}
	}

	var body []byte
	switch {
	case block.Request != nil:
		r.Method, r.URL, r.Headers, body = block.Request.Method, block.Request.Target, block.Request.Headers, block.Request.Body
	case block.Response != nil:
		r.Status, r.Headers, body = block.Response.Status, block.Response.Headers, block.Response.Body
	default:
		body = block.JSON
	}
	if body != nil {
		text := string(body)
		r.Body = &text
	}
	return r
}

func writeExtractText(w io.Writer, output extractOutput) {
	for _, b := range output.Blocks {
		kind := b.BlockType
		if kind == "" {
			kind = "(no annotation)"
		}
		detail := ""
		switch {
		case b.Method != "":
			detail = b.Method + " " + b.URL
		case b.Status != 0:
			detail = fmt.Sprintf("HTTP %d", b.Status)
		}
		line := fmt.Sprintf("%s:%d-%d: %s", b.File, b.Line, b.EndLine, kind)
		if len(b.Names) > 0 {
			line += " " + strings.Join(b.Names, ",")
		}
		if detail != "" {
			line += " " + detail
		}
		if len(b.PairedWith) > 0 {
			line += " (answers " + strings.Join(b.PairedWith, ", ") + ")"
		}
		fmt.Fprintln(w, line)
	}
	for _, a := range output.PageAnnotations {
		fmt.Fprintf(w, "%s:%d: page annotation, suppressions: %s\n", a.File, a.Line, strings.Join(a.Suppressions, ", "))
	}
	for _, f := range output.Findings {
		fmt.Fprintln(w, f.String())
	}
	fmt.Fprintf(w, "%d blocks in %d files\n", len(output.Blocks), output.Files)
}
