package gate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Changed returns the pages among pages that a change since ref touches,
// in the order of pages. It compares the commit that ref names with the
// working tree of the git repository that contains repoDir ("" means the
// current directory). Changed pages are the tracked files that were added,
// modified, renamed (under their new name) or copied, and the untracked
// files that .gitignore does not exclude.
//
// Changed also selects every API page (a page in an "api" folder) that
// uses a resource page (a page in the "resources" folder beside it) which
// was added, modified, renamed or deleted: one that links to it, as
// "../resources/itemactivity.md", or names its type, as
// "microsoft.graph.itemActivity", compared without regard to case.
//
// pages may be relative to the current directory or absolute. Symbolic
// links in their folders are resolved before they are compared with git's
// paths. Changed reads no page itself. git diff and git ls-files list the
// changes, and one git grep per changed "resources" folder searches the
// "api" folder beside it. Only that search reads page contents, but git
// still checks the status of every tracked file, which costs time in
// proportion to the size of the repository.
//
// It is an error when git cannot run, repoDir is not inside a git
// repository, or ref names no commit.
func Changed(ctx context.Context, repoDir, ref string, pages []string) ([]string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("invalid git ref %q: name a commit, such as HEAD~1 or origin/main", ref)
	}
	if repoDir == "" {
		repoDir = "."
	}

	top, err := repoRoot(ctx, repoDir)
	if err != nil {
		return nil, err
	}
	commit, err := runGit(ctx, top, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	var gitErr *gitError
	if errors.As(err, &gitErr) {
		return nil, fmt.Errorf("git ref %q not found in repository %s: fetch it, or name a commit that exists (a shallow clone may lack it)", ref, top)
	}
	if err != nil {
		return nil, fmt.Errorf("resolve git ref %q: %w", ref, err)
	}

	// Key every page by its slash-separated path inside the repository
	// while git lists the changes.
	var changes changeSet
	group, groupCtx := errgroup.WithContext(ctx)
	group.Go(func() error {
		var err error
		changes, err = listChanges(groupCtx, top, strings.TrimSpace(string(commit)))
		return err
	})
	keys, byKey := pageKeys(top, pages)
	if err := group.Wait(); err != nil {
		return nil, err
	}

	selected := map[string]bool{}
	for _, file := range changes.present {
		if byKey[file] {
			selected[file] = true
		}
	}
	users, err := resourceUsers(ctx, top, changes.resources, byKey)
	if err != nil {
		return nil, err
	}
	for _, file := range users {
		selected[file] = true
	}

	var result []string
	for i, page := range pages {
		if keys[i] != "" && selected[keys[i]] {
			result = append(result, page)
		}
	}
	return result, nil
}

// repoRoot returns the top-level folder of the repository holding dir.
func repoRoot(ctx context.Context, dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("find git repository: %w", err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("find git repository: %s is not a folder", dir)
	}

	out, err := runGit(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		var gitErr *gitError
		if errors.As(err, &gitErr) && strings.Contains(gitErr.stderr, "not a git repository") {
			return "", fmt.Errorf("%s is not inside a git repository: --changed-since needs the docs in a git checkout", dir)
		}
		return "", fmt.Errorf("find git repository of %s: %w", dir, err)
	}
	return filepath.FromSlash(strings.TrimSpace(string(out))), nil
}

// changeSet lists the paths that git reports as changed, slash-separated
// and relative to the repository root.
type changeSet struct {
	// present lists the files that exist in the working tree and differ
	// from the commit, or are untracked.
	present []string
	// resources lists every changed path in a "resources" folder, deleted
	// files and the old names of renamed ones included.
	resources []string
}

// listChanges runs git diff and git ls-files in top, at the same time
// since each scans the whole working tree, and sorts the paths they print.
func listChanges(ctx context.Context, top, commit string) (changeSet, error) {
	var diff, untracked []byte
	group, ctx := errgroup.WithContext(ctx)
	group.Go(func() error {
		var err error
		diff, err = runGit(ctx, top, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--ignore-submodules", commit, "--")
		if err != nil {
			return fmt.Errorf("list changes since %s: %w", commit, err)
		}
		return nil
	})
	group.Go(func() error {
		var err error
		untracked, err = runGit(ctx, top, "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
		if err != nil {
			return fmt.Errorf("list untracked files: %w", err)
		}
		return nil
	})
	if err := group.Wait(); err != nil {
		return changeSet{}, err
	}

	var changes changeSet
	add := func(file string, present bool) {
		if present {
			changes.present = append(changes.present, file)
		}
		if isResourcePage(file) {
			changes.resources = append(changes.resources, file)
		}
	}

	// With -z, each record is STATUS NUL PATH NUL, and a rename or copy
	// has a second PATH NUL: the old name, then the new one.
	fields := splitNul(diff)
	for i := 0; i < len(fields); {
		status := fields[i]
		if status == "" || i+1 >= len(fields) {
			return changeSet{}, fmt.Errorf("list changes since %s: unexpected git diff output near %q", commit, status)
		}
		switch status[0] {
		case 'R', 'C':
			if i+2 >= len(fields) {
				return changeSet{}, fmt.Errorf("list changes since %s: git diff output ends inside a rename", commit)
			}
			// The old name of a rename is gone, which matters to the pages
			// that link to it. The source of a copy is unchanged.
			if status[0] == 'R' {
				add(fields[i+1], false)
			}
			add(fields[i+2], true)
			i += 3
		case 'D':
			add(fields[i+1], false)
			i += 2
		default:
			add(fields[i+1], true)
			i += 2
		}
	}

	for _, file := range splitNul(untracked) {
		add(file, true)
	}
	return changes, nil
}

// isResourcePage reports whether a repository path is a Markdown page in
// a folder named resources.
func isResourcePage(file string) bool {
	return path.Base(path.Dir(file)) == "resources" && strings.EqualFold(path.Ext(file), ".md")
}

// resourceUsers returns the pages in byKey that live in the "api" folder
// beside a changed resource page's folder and link to it or name its type.
// It runs one git grep per such folder, over the working tree.
func resourceUsers(ctx context.Context, top string, resources []string, byKey map[string]bool) ([]string, error) {
	// Group the resource names by the folder that holds "resources".
	names := map[string][]string{}
	for _, file := range resources {
		root := path.Dir(path.Dir(file))
		name := strings.ToLower(strings.TrimSuffix(path.Base(file), path.Ext(file)))
		names[root] = append(names[root], name)
	}

	var users []string
	for root, group := range names {
		apiDir := path.Join(root, "api")
		if !anyUnder(byKey, apiDir) {
			continue
		}

		args := []string{"grep", "-l", "-z", "-i", "-I", "-E", "--no-color"}
		for _, name := range group {
			quoted := regexp.QuoteMeta(name)
			// A link: resources/NAME, resources/NAME.md, followed by ), #, ?
			// or anything else that cannot continue a file name.
			args = append(args, "-e", `resources/`+quoted+`(\.md)?([^A-Za-z0-9_.-]|$)`)
			// A type: microsoft.graph.NAME, or with a sub-namespace such as
			// microsoft.graph.callRecords.NAME.
			args = append(args, "-e", `microsoft\.graph\.([A-Za-z0-9_]+\.)*`+quoted+`([^A-Za-z0-9_.]|$)`)
		}
		args = append(args, "--", ":(literal)"+apiDir)

		out, err := runGit(ctx, top, args...)
		var gitErr *gitError
		if errors.As(err, &gitErr) && gitErr.code == 1 && gitErr.stderr == "" {
			continue // git grep exits 1 when nothing matches
		}
		if err != nil {
			return nil, fmt.Errorf("find pages using changed resources in %s: %w", apiDir, err)
		}
		for _, file := range splitNul(out) {
			if byKey[file] {
				users = append(users, file)
			}
		}
	}
	return users, nil
}

// anyUnder reports whether a key lies in folder dir.
func anyUnder(keys map[string]bool, dir string) bool {
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	for key := range keys {
		if strings.HasPrefix(key, prefix) {
			return true
		}
	}
	return false
}

// pageKeys returns the slash-separated path of each page relative to
// top, "" for a page outside it, and the set of those paths. It resolves
// each folder once, symbolic links included, because git prints top with
// links resolved. The file name is appended as given.
func pageKeys(top string, pages []string) ([]string, map[string]bool) {
	type folder struct {
		prefix string
		inside bool
	}
	folders := map[string]folder{}
	keys := make([]string, len(pages))
	set := make(map[string]bool, len(pages))
	for i, page := range pages {
		dir, base := splitPath(page)
		f, ok := folders[dir]
		if !ok {
			f.prefix, f.inside = folderKey(top, dir)
			folders[dir] = f
		}
		if !f.inside || base == "" || base == "." || base == ".." {
			continue
		}
		keys[i] = f.prefix + base
		set[keys[i]] = true
	}
	return keys, set
}

// splitPath splits a path after its last separator, without cleaning it.
func splitPath(name string) (dir, base string) {
	for i := len(name) - 1; i >= 0; i-- {
		if os.IsPathSeparator(name[i]) {
			return name[:i+1], name[i+1:]
		}
	}
	return ".", name
}

// folderKey returns dir relative to top, slash-separated with a trailing
// slash ("" for top itself), and false when dir lies outside top.
func folderKey(top, dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	if rel == "." {
		return "", true
	}
	return filepath.ToSlash(rel) + "/", true
}

// gitError is a git command that ran and exited with a non-zero code.
type gitError struct {
	args   []string
	code   int
	stderr string
}

func (e *gitError) Error() string {
	message := fmt.Sprintf("git %s exited with code %d", strings.Join(e.args, " "), e.code)
	if e.stderr != "" {
		message += ": " + e.stderr
	}
	return message
}

// runGit runs git with args in dir and returns its standard output.
func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	// Keep git from rewriting the index as a side effect of git diff, so
	// a check never contends with the user's own git commands.
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr

	err := cmd.Run()
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, fmt.Errorf("run git %s: %w", args[0], ctxErr)
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return stdout.Bytes(), &gitError{args: args, code: exitErr.ExitCode(), stderr: strings.TrimSpace(stderr.String())}
	}
	if errors.Is(err, exec.ErrNotFound) {
		return nil, fmt.Errorf("run git: git is not installed or not on PATH: %w", err)
	}
	if err != nil {
		return nil, fmt.Errorf("run git %s: %w", args[0], err)
	}
	return stdout.Bytes(), nil
}

func splitNul(out []byte) []string {
	text := strings.TrimSuffix(string(out), "\x00")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\x00")
}
