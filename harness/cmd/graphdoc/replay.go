package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/replay"
)

func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	var out outputFlags
	var models modelFlags
	var gating gateFlags
	out.register(fs)
	models.register(fs)
	gating.register(fs)
	target := fs.String("target", "", "base URL to send the examples to, such as http://127.0.0.1:8080; it replaces the scheme, host and version prefix of each example URL (default: the built-in mock on a free port of 127.0.0.1)")
	keepVersion := fs.Bool("keep-version", false, "keep the /beta or /v1.0 prefix of example URLs when sending to --target")
	valuesFile := fs.String("values", "", "JSON or YAML file of placeholder values, such as {\"groupId\": \"0f1e\", \"examples\": {\"get_item\": {\"item-id\": \"01AB\"}}}; per-example values win")
	dryRun := fs.Bool("dry-run", false, "print each request as a curl command, credentials masked, and send nothing; without --target the commands name http://127.0.0.1:8080, where graphdoc mock listens by default")
	harFile := fs.String("har", "", "write every exchange to this file as HAR 1.2, credentials masked")
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
	targets, failOn, err := parseRunFlags(fs, args, stderr, &out, "replay")
	if err != nil {
		return err
	}
	if *retries < 0 {
		return usageError{fmt.Sprintf("invalid --retries %d: use 0 or more", *retries)}
	}
	if *retries == 0 {
		*retries = -1
	}
	if *concurrency < 1 {
		return usageError{fmt.Sprintf("invalid --concurrency %d: use 1 or more", *concurrency)}
	}
	if *timeout <= 0 {
		return usageError{fmt.Sprintf("invalid --timeout %s: use a positive duration such as 30s", *timeout)}
	}
	if *maxBody < 1 {
		return usageError{fmt.Sprintf("invalid --max-body %d: use a positive number of bytes", *maxBody)}
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
	if err := gating.load(&models); err != nil {
		return err
	}
	if *valuesFile == "" && gating.settings != nil {
		*valuesFile = gating.settings.Values
	}
	if *valuesFile != "" {
		values, err := replay.ReadValues(*valuesFile)
		if err != nil {
			return err
		}
		cfg.Values, cfg.ValuesByExample = values.Values, values.ByExample
	}
	if *harFile != "" {
		if err := checkOutputPath("--har", *harFile); err != nil {
			return err
		}
		cfg.HAR = replay.NewHARLog(version)
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

	run := harness.ReplayConfig{
		Config: harness.Config{Paths: fs.Args(), Models: loaded, ResourcesAgainstModel: len(models.csdl) > 0},
		Replay: cfg,
		DryRun: *dryRun,
	}
	if err := gating.apply(&run.Config); err != nil {
		return err
	}
	result, plans, err := harness.Replay(ctx, run)
	interrupted := err != nil && errors.Is(err, context.Canceled)
	if err != nil && !interrupted {
		return err
	}
	if cfg.HAR != nil {
		if err := cfg.HAR.WriteFile(*harFile); err != nil {
			return err
		}
	}
	if err := gating.finish(&result, stderr); err != nil {
		return err
	}
	for _, plan := range plans {
		if plan.Curl != "" {
			fmt.Fprintf(stdout, "# %s:%d %s\n%s\n\n", plan.File, plan.Line, plan.Name, plan.Curl)
		}
	}
	if err := writeReports(result, targets, stdout); err != nil {
		return err
	}
	if interrupted {
		fmt.Fprintln(stderr, "graphdoc replay: interrupted; the report covers the examples that ran")
		return exitCodeError{2}
	}
	if gating.writeBaseline != "" {
		// Recording a baseline accepts the findings it records.
		return nil
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
