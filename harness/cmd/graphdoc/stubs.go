package main

import (
	"context"
	"errors"
	"io"
)

func runReplay(context.Context, []string, io.Writer, io.Writer) error { return errors.New("todo") }
func runMock(context.Context, []string, io.Writer, io.Writer) error   { return errors.New("todo") }
