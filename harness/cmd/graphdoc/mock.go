package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/mock"
)

func runMock(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mock", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on")
	latency := fs.Duration("latency", 0, "delay before every response, such as 200ms")
	failRate := fs.Float64("fail-rate", 0, "fraction of requests, from 0 to 1, answered 503 Service Unavailable")
	var statusOn listFlag
	fs.Var(&statusOn, "status-on", "answer every request for a path with a status, as PATH=CODE (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: graphdoc mock [flags] PATH...\n\nServe the documented responses of the pages until interrupted. A request whose method and path\nmatch a documented example gets that example's status, headers and body; choose among several\nwith 'Prefer: example=NAME' or 'Prefer: code=NNN'.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no PATH given: name the pages or folders to serve, for example: graphdoc mock docs"}
	}
	if *latency < 0 {
		return usageError{fmt.Sprintf("invalid --latency %s: use 0 or a positive duration such as 200ms", *latency)}
	}
	if *failRate < 0 || *failRate > 1 {
		return usageError{fmt.Sprintf("invalid --fail-rate %g: use a fraction from 0 to 1", *failRate)}
	}
	opts := mock.Options{Latency: *latency, FailRate: *failRate, StatusOn: map[string]int{}}
	for _, value := range statusOn {
		path, code, found := strings.Cut(value, "=")
		status, err := strconv.Atoi(code)
		if !found || err != nil || status < 100 || status > 599 {
			return usageError{fmt.Sprintf("invalid --status-on %q: write it as PATH=CODE, such as /v1.0/me=503", value)}
		}
		opts.StatusOn[path] = status
	}

	files, err := harness.FindPages(fs.Args())
	if err != nil {
		return err
	}
	pages, err := harness.ExtractPages(ctx, files)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *listen, err)
	}

	server := &http.Server{Handler: mock.New(pages, opts), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving the examples of %d pages at http://%s (Ctrl-C stops)\n", len(pages), listener.Addr())
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", *listen, err)
	}
	return nil
}
