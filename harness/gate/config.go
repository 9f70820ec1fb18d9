package gate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphdoc/graphdoc/harness/finding"
)

// ConfigName is the file FindConfig looks for.
const ConfigName = ".graphdoc.yaml"

// Config is a loaded .graphdoc.yaml file. File paths in it are resolved
// against the folder of the config file, so they can be opened from the
// current directory.
type Config struct {
	// Path is the file the config was loaded from.
	Path string
	// Rules maps a rule id to the level the config sets for it. A rule
	// the config does not name keeps the severity of its finding.
	Rules map[string]RuleLevel
	// SkipPatterns are the skip globs as written, slash-separated and
	// relative to the config file's folder.
	SkipPatterns []string
	// CSDL maps an API version ("beta", "v1.0") to its CSDL file.
	CSDL map[string]string
	// Values is the replay values file, or "" when the config names none.
	Values string

	dir string
}

// RuleLevel is the level a config sets for one rule: a severity, or off.
type RuleLevel struct {
	Severity finding.Severity
	Off      bool
}

// csdlVersions are the API versions the csdl key may name.
var csdlVersions = []string{"beta", "v1.0"}

// FindConfig returns the path of the first .graphdoc.yaml found in
// startDir or one of its parent folders, or "" when there is none. Only a
// failure to look, such as a folder that cannot be read, is an error.
func FindConfig(startDir string) (string, error) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return "", fmt.Errorf("find %s from %s: %w", ConfigName, startDir, err)
	}
	for {
		candidate := filepath.Join(dir, ConfigName)
		info, err := os.Stat(candidate)
		if err == nil && !info.IsDir() {
			return candidate, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("find %s: %w", ConfigName, err)
		}

		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// LoadConfig reads and checks a config file:
//
//	rules:                   # rule id: error, warning, info or off
//	  todo-placeholder: off
//	  property-unknown: warning
//	skip:                    # globs of pages not to check
//	  - beta/api/legacy-*.md
//	  - "**/drafts/**"
//	csdl:                    # models, by API version
//	  beta: models/beta.xml
//	  v1.0: models/v1.0.xml
//	values: replay-values.yaml
//
// Every key is optional. An unknown key, an unknown rule id, an unknown
// level or API version and an invalid glob are errors naming the key, the
// file and the line.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("config %s is not valid YAML: %w", path, err)
	}
	cfg := &Config{Path: path, Rules: map[string]RuleLevel{}, CSDL: map[string]string{}, dir: dir}
	if len(doc.Content) == 0 {
		return cfg, nil
	}
	p := configParser{path: path, cfg: cfg}
	if err := p.top(doc.Content[0]); err != nil {
		return nil, err
	}
	return cfg, nil
}

// configParser walks the YAML tree of one config file.
type configParser struct {
	path string
	cfg  *Config
}

func (p *configParser) errorf(node *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("config %s:%d: %s", p.path, node.Line, fmt.Sprintf(format, args...))
}

func (p *configParser) top(root *yaml.Node) error {
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil
	}
	return p.mapping(root, "the top level", func(key, value *yaml.Node) error {
		switch key.Value {
		case "rules":
			return p.rules(value)
		case "skip":
			return p.skip(value)
		case "csdl":
			return p.csdl(value)
		case "values":
			file, err := p.fileName(value, "values")
			p.cfg.Values = file
			return err
		}
		return p.errorf(key, "unknown key %q: use rules, skip, csdl or values", key.Value)
	})
}

// mapping calls visit for each key of node, which must be a mapping with
// string keys that appear once.
func (p *configParser) mapping(node *yaml.Node, what string, visit func(key, value *yaml.Node) error) error {
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		return nil
	}
	if node.Kind != yaml.MappingNode {
		return p.errorf(node, "%s must be a mapping of keys to values", what)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			return p.errorf(key, "a key in %s is not a plain name", what)
		}
		if seen[key.Value] {
			return p.errorf(key, "key %q appears twice in %s", key.Value, what)
		}
		seen[key.Value] = true
		if err := visit(key, value); err != nil {
			return err
		}
	}
	return nil
}

func (p *configParser) rules(node *yaml.Node) error {
	return p.mapping(node, "rules", func(key, value *yaml.Node) error {
		if _, ok := finding.Lookup(key.Value); !ok {
			return p.errorf(key, "unknown rule id %q under rules: graphdoc rules lists the ids", key.Value)
		}
		if value.Kind != yaml.ScalarNode {
			return p.errorf(value, "rule %s: set error, warning, info or off", key.Value)
		}
		if value.Value == "off" {
			p.cfg.Rules[key.Value] = RuleLevel{Off: true}
			return nil
		}
		severity, err := finding.ParseSeverity(value.Value)
		if err != nil {
			return p.errorf(value, "rule %s: invalid level %q: use error, warning, info or off", key.Value, value.Value)
		}
		p.cfg.Rules[key.Value] = RuleLevel{Severity: severity}
		return nil
	})
}

func (p *configParser) skip(node *yaml.Node) error {
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		return nil
	}
	if node.Kind != yaml.SequenceNode {
		return p.errorf(node, "skip must be a list of globs, such as [\"beta/api/legacy-*.md\"]")
	}
	for _, item := range node.Content {
		if item.Kind != yaml.ScalarNode || item.Value == "" {
			return p.errorf(item, "each skip entry must be a non-empty glob")
		}
		if err := checkGlob(item.Value); err != nil {
			return p.errorf(item, "skip glob %q: %v", item.Value, err)
		}
		p.cfg.SkipPatterns = append(p.cfg.SkipPatterns, item.Value)
	}
	return nil
}

func (p *configParser) csdl(node *yaml.Node) error {
	return p.mapping(node, "csdl", func(key, value *yaml.Node) error {
		known := false
		for _, version := range csdlVersions {
			known = known || key.Value == version
		}
		if !known {
			return p.errorf(key, "unknown key %q under csdl: use beta or v1.0", key.Value)
		}
		file, err := p.fileName(value, "csdl "+key.Value)
		p.cfg.CSDL[key.Value] = file
		return err
	})
}

// fileName returns the file named by node, resolved against the config
// file's folder.
func (p *configParser) fileName(node *yaml.Node, key string) (string, error) {
	if node.Kind != yaml.ScalarNode || node.Value == "" || node.Tag == "!!null" {
		return "", p.errorf(node, "%s must be a file name", key)
	}
	if filepath.IsAbs(node.Value) {
		return filepath.Clean(node.Value), nil
	}
	return filepath.Join(filepath.Dir(p.path), filepath.FromSlash(node.Value)), nil
}

// Apply returns findings with the config's rule levels applied: a rule set
// off is dropped, and any other rule the config names gets its severity.
// It does not change findings in place.
func (c *Config) Apply(findings []finding.Finding) []finding.Finding {
	kept := make([]finding.Finding, 0, len(findings))
	for _, f := range findings {
		level, ok := c.Rules[f.Rule]
		if ok && level.Off {
			continue
		}
		if ok {
			f.Severity = level.Severity
		}
		kept = append(kept, f)
	}
	return kept
}

// Skip reports whether a skip glob matches path. path may be relative to
// the current directory or absolute. It is matched relative to the config
// file's folder, so a page outside that folder is never skipped.
func (c *Config) Skip(path string) bool {
	if len(c.SkipPatterns) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}

	name := filepath.ToSlash(rel)
	for _, pattern := range c.SkipPatterns {
		if matchGlob(pattern, name) {
			return true
		}
	}
	return false
}

// matchGlob matches a slash-separated name against a glob whose segments
// use path.Match syntax, where a "**" segment matches any number of
// folders, and where a glob without a slash matches the base name in any
// folder (as in .gitignore).
func matchGlob(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	if !strings.Contains(pattern, "/") {
		ok, _ := path.Match(pattern, path.Base(name))
		return ok
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pattern, name []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			for skip := 0; skip <= len(name); skip++ {
				if matchSegments(pattern[1:], name[skip:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pattern[0], name[0]); !ok {
			return false
		}
		pattern, name = pattern[1:], name[1:]
	}
	return len(name) == 0
}

// checkGlob returns path.ErrBadPattern for a glob matchGlob cannot use.
func checkGlob(pattern string) error {
	for _, segment := range strings.Split(pattern, "/") {
		if _, err := path.Match(segment, ""); err != nil {
			return err
		}
	}
	return nil
}
