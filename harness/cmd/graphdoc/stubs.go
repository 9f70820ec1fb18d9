package main

import (
	"context"
	"errors"
	"io"

	"github.com/graphdoc/graphdoc/harness"
)

func runReplay(context.Context, []string, io.Writer, io.Writer) error  { return errors.New("todo") }
func runMock(context.Context, []string, io.Writer, io.Writer) error    { return errors.New("todo") }
func runSchemas(context.Context, []string, io.Writer, io.Writer) error { return errors.New("todo") }
func (m *modelFlags) load() (harness.Models, error)                    { return harness.BundledModels() }
