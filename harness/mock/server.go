package mock

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// Server is the mock listening on a loopback port.
type Server struct {
	// URL is the base URL of the mock, such as http://127.0.0.1:41234,
	// without a trailing slash.
	URL string

	server *http.Server
	done   chan error
}

// Start serves New(pages, opts) on 127.0.0.1 at a free port until Close.
// The mock only ever listens on loopback.
func Start(pages []*extract.Page, opts Options) (*Server, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start mock: %w", err)
	}
	s := &Server{
		URL: "http://" + listener.Addr().String(),
		server: &http.Server{
			Handler:           New(pages, opts),
			ReadHeaderTimeout: 10 * time.Second,
		},
		done: make(chan error, 1),
	}
	go func() { s.done <- s.server.Serve(listener) }()
	return s, nil
}

// Close stops the mock, waiting up to five seconds for responses in
// flight, and returns any error that stopped it serving.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.server.Shutdown(ctx); err != nil {
		s.server.Close()
		return fmt.Errorf("stop mock %s: %w", s.URL, err)
	}
	if err := <-s.done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("mock %s: %w", s.URL, err)
	}
	return nil
}
