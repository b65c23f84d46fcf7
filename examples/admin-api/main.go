// Command admin-api is tollgate's second reference Gin API, in the style of the
// Gin admin scaffolds (gin-vue-admin, go-admin): an envelope on every answer,
// login and logout with a bearer token, a captcha rule, a multipart upload, an
// urlencoded form, binding-tag limits on paging, and a swag-generated Swagger 2.0
// (docs/swagger.yaml) with the usual swag mistakes. ADMIN_FAULTS breaks it on
// purpose: see README.md.
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
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

// @title                       Admin API
// @version                     1.0.0
// @description                 tollgate's reference admin-scaffold API: users, roles and files.
// @description                 Every answer is HTTP 200 with {"code": 0, "data": ..., "msg": "..."}; a refusal is code 7.
// @description                 A missing or revoked token is HTTP 401.
// @BasePath                    /api
// @securityDefinitions.apikey  ApiKeyAuth
// @in                          header
// @name                        Authorization
// @description                 "Bearer " followed by a token from /base/login (or ADMIN_TOKEN).
func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	cfg, err := loadConfig(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "admin-api:", err)
		return 2
	}
	if os.Getenv("GIN_MODE") == "" {
		gin.SetMode(gin.ReleaseMode)
	}
	gin.DefaultWriter = os.Stderr
	response.SetCodes(cfg.codes[0], cfg.codes[1])
	srv := &http.Server{Handler: newRouter(cfg, newStore()), ReadHeaderTimeout: 10 * time.Second}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "admin-api:", err)
		return 1
	}
	fmt.Printf("admin-api listening on http://%s\n", displayAddr(ln.Addr()))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintln(os.Stderr, "admin-api:", err)
		return 1
	case <-ctx.Done():
	}
	stop()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintln(os.Stderr, "admin-api: shutdown:", err)
		return 1
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "admin-api:", err)
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
	cfg := config{accessLog: os.Getenv("ADMIN_ACCESS_LOG") == "1"}
	addr := os.Getenv("ADMIN_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8081"
	}
	fs := flag.NewFlagSet("admin-api", flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", addr, "listen address (env ADMIN_ADDR); port 0 picks a free port")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	var err error
	if cfg.faults, err = parseFaults(os.Getenv("ADMIN_FAULTS")); err != nil {
		return cfg, err
	}
	cfg.slow = 3 * time.Second
	if v := os.Getenv("ADMIN_SLOW_MS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return cfg, fmt.Errorf("ADMIN_SLOW_MS must be a non-negative integer (milliseconds), got %q", v)
		}
		cfg.slow = time.Duration(n) * time.Millisecond
	}
	cfg.codes = [2]int{response.Success, response.Error}
	if v := os.Getenv("ADMIN_CODES"); v != "" {
		ok, refusal, found := strings.Cut(v, ",")
		a, errA := strconv.Atoi(strings.TrimSpace(ok))
		b, errB := strconv.Atoi(strings.TrimSpace(refusal))
		if !found || errA != nil || errB != nil || a == b {
			return cfg, fmt.Errorf("ADMIN_CODES must be two different integers, success then refusal (e.g. 1,0), got %q", v)
		}
		cfg.codes = [2]int{a, b}
	}
	cfg.token = os.Getenv("ADMIN_TOKEN")
	if cfg.token == "" {
		cfg.token = "dev-token"
		fmt.Fprintln(os.Stderr, "admin-api: warning: ADMIN_TOKEN is not set, using the token \"dev-token\"")
	}
	return cfg, nil
}
