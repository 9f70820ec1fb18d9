package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/replay"
	"github.com/graphdoc/graphdoc/harness/report"
)

func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	var out outputFlags
	var models modelFlags
	out.register(fs)
	models.register(fs)
	target := fs.String("target", "", "base URL to send the examples to, such as http://127.0.0.1:8080; it replaces the scheme, host and version prefix of each example URL (default: the built-in mock on a free port of 127.0.0.1)")
	keepVersion := fs.Bool("keep-version", false, "keep the /beta or /v1.0 prefix of example URLs when sending to --target")
	valuesFile := fs.String("values", "", "JSON or YAML file mapping placeholder names to values, such as {\"groupId\": \"0f1e\"}")
	tokenEnv := fs.String("token-env", "", "name of the environment variable holding a bearer token, sent to the target's origin only")
	var headers listFlag
	fs.Var(&headers, "header", "header to add to every request, as 'Name: value' (repeatable)")
	allowWrites := fs.Bool("allow-writes", false, "send POST, PATCH, PUT and DELETE examples to a target other than the built-in mock")
	concurrency := fs.Int("concurrency", replay.DefaultConcurrency, "pages replayed at once; the examples of a page run in order")
	rateLimit := fs.Float64("rate", 0, "maximum requests per second over the run, 0 for no limit")
	timeout := fs.Duration("timeout", replay.DefaultTimeout, "time allowed for each request, from sending to reading the whole body")
	retries := fs.Int("retries", replay.DefaultRetries, "retries after 429, 503 or a connection error, with backoff honouring Retry-After")
	maxBody := fs.Int64("max-body", replay.DefaultMaxBody, "largest response body read, in bytes; a larger one is a finding")
	verbose := fs.Bool("v", false, "log retries and transport failures to standard error")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: graphdoc replay [flags] PATH...\n\nCheck the pages, then send every documented request that has a documented response to the\ntarget and compare the response with the documented one.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	targets, err := out.targets()
	if err != nil {
		return err
	}
	failOn, err := report.ParseFailOn(out.failOn)
	if err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return usageError{"no PATH given: name the pages or folders to replay, for example: graphdoc replay docs"}
	}
	if *retries == 0 {
		*retries = -1
	}

	cfg := replay.Config{
		Target:      *target,
		AllowWrites: *allowWrites,
		KeepVersion: *keepVersion,
		Concurrency: *concurrency,
		Rate:        *rateLimit,
		Timeout:     *timeout,
		Retries:     *retries,
		MaxBody:     *maxBody,
	}
	if cfg.Headers, err = parseHeaders(headers); err != nil {
		return err
	}
	if *valuesFile != "" {
		if cfg.Values, err = loadValues(*valuesFile); err != nil {
			return err
		}
	}
	if *tokenEnv != "" {
		token, ok := os.LookupEnv(*tokenEnv)
		if !ok || token == "" {
			return usageError{fmt.Sprintf("--token-env %s: the environment variable is not set or empty", *tokenEnv)}
		}
		cfg.Token = token
	}
	if *verbose {
		logger := slog.New(slog.NewTextHandler(stderr, nil))
		cfg.Logf = func(format string, args ...any) { logger.Info(fmt.Sprintf(format, args...)) }
	}
	loaded, err := models.load()
	if err != nil {
		return err
	}

	result, err := harness.Replay(ctx, harness.ReplayConfig{
		Config: harness.Config{Paths: fs.Args(), Models: loaded, ResourcesAgainstModel: len(models.csdl) > 0},
		Replay: cfg,
	})
	interrupted := err != nil && errors.Is(err, context.Canceled)
	if err != nil && !interrupted {
		return err
	}
	if err := writeReports(result, targets, stdout); err != nil {
		return err
	}
	if interrupted {
		fmt.Fprintln(stderr, "graphdoc replay: interrupted; the report covers the examples that ran")
		return exitCodeError{2}
	}
	return exitFor(result, failOn)
}

// parseHeaders reads 'Name: value' flags.
func parseHeaders(values []string) (http.Header, error) {
	headers := http.Header{}
	for _, value := range values {
		name, content, found := strings.Cut(value, ":")
		name = strings.TrimSpace(name)
		if !found || name == "" || strings.ContainsAny(name, " \t") {
			return nil, usageError{fmt.Sprintf("invalid --header %q: write it as 'Name: value'", name)}
		}
		headers.Add(name, strings.TrimSpace(content))
	}
	return headers, nil
}

// loadValues reads a JSON or YAML object of placeholder values. Values
// that are not strings are written as JSON.
func loadValues(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read values %s: %w", path, err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("read values %s: not a JSON or YAML object: %w", path, err)
	}

	values := map[string]string{}
	for name, value := range raw {
		switch v := value.(type) {
		case string:
			values[name] = v
		default:
			text, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("read values %s: value of %q: %w", path, name, err)
			}
			values[name] = string(text)
		}
	}
	return values, nil
}
