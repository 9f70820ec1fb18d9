package harness

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// FindPages expands paths into the Markdown files to check: a file is
// taken as it is, a folder is searched recursively for *.md. The result is
// sorted and free of duplicates. A path that does not exist is an error.
func FindPages(paths []string) ([]string, error) {
	var files []string
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if !info.IsDir() {
			// A file named on the command line is taken whatever its name;
			// one that is not a regular file is reported when it is read.
			files = append(files, filepath.Clean(path))
			continue
		}
		err = filepath.WalkDir(path, func(name string, entry fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable folder inside the tree is reported with its pages.
				files = append(files, name)
				return fs.SkipDir
			}
			if !entry.IsDir() && strings.EqualFold(filepath.Ext(name), ".md") {
				// Pipes, sockets and devices named *.md are reported, not read.
				files = append(files, name)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", path, err)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no Markdown pages (*.md) found in %s: name a folder that holds the pages", strings.Join(paths, ", "))
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// ExtractPages reads and extracts files in parallel, at most GOMAXPROCS at
// a time, and returns the pages in the order of files. A file that cannot
// be read becomes a page with one page-unreadable finding.
func ExtractPages(ctx context.Context, files []string) ([]*extract.Page, error) {
	return extractPages(ctx, files, nil)
}

// extractPages is ExtractPages with an optional progress callback, called
// after each page from the worker goroutines.
func extractPages(ctx context.Context, files []string, progress func(done, total int)) ([]*extract.Page, error) {
	pages := make([]*extract.Page, len(files))
	var done atomic.Int64
	group, ctx := errgroup.WithContext(ctx)
	group.SetLimit(runtime.GOMAXPROCS(0))

	for i, file := range files {
		group.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				defer func() { progress(int(done.Add(1)), len(files)) }()
			}
			src, err := readRegular(file)
			if err != nil {
				pages[i] = unreadable(file, err)
				return nil
			}
			pages[i] = extract.File(file, src)
			return nil
		})
	}
	if err := group.Wait(); err != nil {
		return nil, err
	}
	return pages, nil
}

func unreadable(file string, err error) *extract.Page {
	var pathErr *fs.PathError
	reason := err.Error()
	if errors.As(err, &pathErr) {
		reason = pathErr.Err.Error()
	}
	page := &extract.Page{Path: file}
	page.Findings = append(page.Findings, finding.New("page-unreadable", file, 1, 1, "page cannot be read: "+reason))
	return page
}

// readRegular reads a regular file, or follows a symbolic link to one. A
// pipe, socket or device is an error, because reading it could block.
func readRegular(file string) ([]byte, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", file)
	}
	return os.ReadFile(file)
}
