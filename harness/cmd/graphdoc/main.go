package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// usageError is an error in the command line, reported with exit status 2.
type usageError struct{ message string }

func (e usageError) Error() string { return e.message }

// exitCodeError carries an exit status that is not an error, such as 1
// for findings.
type exitCodeError struct{ code int }

func (e exitCodeError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"check":   runCheck,
	"replay":  runReplay,
	"mock":    runMock,
	"extract": runExtract,
	"schemas": runSchemas,
	"rules":   runRules,
}

const usage = `usage: graphdoc <command> [flags] [PATH...]

commands:
  check    validate pages: annotations, HTTP messages, JSON bodies, doc rules
  replay   check, then send every documented request to a target and compare
  mock     serve the pages' documented responses over HTTP
  extract  print the annotated blocks found in pages
  schemas  generate JSON Schemas from CSDL metadata
  rules    print the rule catalogue

Run 'graphdoc <command> -h' for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "graphdoc: no command given; run 'graphdoc help' for the list")
		return 2
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	command, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "graphdoc: unknown command %q; run 'graphdoc help' for the list\n", args[0])
		return 2
	}

	err := command(ctx, args[1:], stdout, stderr)
	var exit exitCodeError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.code
	case errors.Is(err, errHelp):
		return 0
	}
	fmt.Fprintf(stderr, "graphdoc %s: %v\n", args[0], err)
	return 2
}

// version is the graphdoc version written into reports.
const version = "0.1.0"
