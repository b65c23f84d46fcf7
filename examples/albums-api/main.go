// Command albums-api is the reference Gin API for tollgate. It serves the
// contract in specs/albums.openapi.yaml, and can break it on purpose: see
// ALBUMS_FAULTS in README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

// @title                       Albums API
// @version                     1.0.0
// @description                 Reference Gin API for tollgate: albums and their tracks.
// @description                 Writes need "Authorization: Bearer <token>". Every response carries X-Request-Id.
// @host                        127.0.0.1:8080
// @BasePath                    /
// @securityDefinitions.apikey  bearerAuth
// @in                          header
// @name                        Authorization
// @description                 "Bearer " followed by the token (ALBUMS_TOKEN).
func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	cfg, err := loadConfig(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "albums-api:", err)
		return 2
	}
	if os.Getenv("GIN_MODE") == "" {
		gin.SetMode(gin.ReleaseMode)
	}
	// Keep stdout for the one "listening" line: Gin's debug output goes to stderr.
	gin.DefaultWriter = os.Stderr

	st := newStore()
	st.seed(cfg.faults.has(faultNullArray))
	srv := &http.Server{Handler: newRouter(cfg, st), ReadHeaderTimeout: 10 * time.Second}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "albums-api:", err)
		return 1
	}
	fmt.Printf("albums-api listening on http://%s\n", displayAddr(ln.Addr()))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintln(os.Stderr, "albums-api:", err)
		return 1
	case <-ctx.Done():
	}
	stop()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintln(os.Stderr, "albums-api: shutdown:", err)
		return 1
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "albums-api:", err)
		return 1
	}
	return 0
}

// displayAddr turns a wildcard listen address into one a client can dial.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

func loadConfig(args []string) (config, error) {
	cfg := config{
		faults:           faultSet{},
		methodNotAllowed: os.Getenv("ALBUMS_METHOD_NOT_ALLOWED") == "1",
		accessLog:        os.Getenv("ALBUMS_ACCESS_LOG") == "1",
	}
	addr := os.Getenv("ALBUMS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	fs := flag.NewFlagSet("albums-api", flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", addr, "listen address (env ALBUMS_ADDR); port 0 picks a free port")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	var err error
	if cfg.faults, err = parseFaults(os.Getenv("ALBUMS_FAULTS")); err != nil {
		return cfg, err
	}
	if cfg.slow, err = envMillis("ALBUMS_SLOW_MS", 200); err != nil {
		return cfg, err
	}
	if cfg.extraDelay, err = envMillis("ALBUMS_EXTRA_DELAY_MS", 40); err != nil {
		return cfg, err
	}
	if cfg.stallEvery, err = envMillis("ALBUMS_STALL_EVERY_MS", 2000); err != nil {
		return cfg, err
	}
	if cfg.stallFor, err = envMillis("ALBUMS_STALL_MS", 200); err != nil {
		return cfg, err
	}
	if cfg.faults.has(faultStall) && (cfg.stallEvery == 0 || cfg.stallFor >= cfg.stallEvery) {
		return cfg, errors.New("ALBUMS_STALL_MS must be less than ALBUMS_STALL_EVERY_MS, which must be positive")
	}
	cfg.token = os.Getenv("ALBUMS_TOKEN")
	if cfg.token == "" {
		cfg.token = "dev-token"
		fmt.Fprintln(os.Stderr, "albums-api: warning: ALBUMS_TOKEN is not set, using the token \"dev-token\"")
	}
	return cfg, nil
}

func envMillis(name string, def int) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return time.Duration(def) * time.Millisecond, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s must be a non-negative integer (milliseconds), got %q", name, v)
	}
	return time.Duration(n) * time.Millisecond, nil
}
