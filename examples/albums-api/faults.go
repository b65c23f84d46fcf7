package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// fault is a named, deliberate deviation from specs/albums.openapi.yaml on one operation.
type fault string

const (
	faultUndocumentedStatus   fault = "undocumented-status"    // getAlbum: 203 instead of 200
	faultWrongType            fault = "wrong-type"             // getAlbum: price as a string
	faultMissingField         fault = "missing-field"          // listAlbums: items without artist
	faultWrongContentType     fault = "wrong-content-type"     // listTracks: Content-Type text/plain
	faultMissingHeader        fault = "missing-header"         // listAlbums: no X-Total-Count
	faultBoundary500          fault = "boundary-500"           // listAlbums: limit=100 panics
	faultAcceptInvalid        fault = "accept-invalid"         // createAlbum: negative price accepted
	faultNoAuth               fault = "no-auth"                // updateAlbum: token not checked
	faultUseAfterDelete       fault = "use-after-delete"       // deleteAlbum: 204 but not deleted
	faultLostCreate           fault = "lost-create"            // createTrack: 201 but not stored
	faultIgnoreRequiredHeader fault = "ignore-required-header" // createAlbum: Idempotency-Key may be missing
	faultRejectValid          fault = "reject-valid"           // createAlbum: price 0 rejected
	faultTrailingSlash        fault = "trailing-slash"         // listTracks: registered with a trailing slash
	faultText404              fault = "text-404"               // getAlbum: unknown id gives Gin's text 404
	faultBody204              fault = "body-204"               // deleteAlbum: 204 with a body
	faultNullArray            fault = "null-array"             // listTracks: null instead of []
	faultExtraMethod          fault = "extra-method"           // undocumented PUT /v1/albums
	faultXSS                  fault = "xss"                    // getAlbum: 500 text/html with script
	faultSlow                 fault = "slow"                   // getAlbum: sleeps ALBUMS_SLOW_MS
	faultStall                fault = "stall"                  // every operation: periodic server-wide pause
	faultFlaky5xx             fault = "flaky-5xx"              // getAlbum: every 20th request 503
	faultSyntax500            fault = "syntax-500"             // createTrack: a body with a JSON syntax error (not a truncation) panics
	faultRequiredEmpty        fault = "required-empty"         // listAlbums: artist= (empty) rejected as binding:"required" would
	faultOverflow500          fault = "overflow-500"           // listAlbums: a limit beyond int64 panics
	faultSlowOffset           fault = "slow-offset"            // listAlbums: offset >= 1000 sleeps ALBUMS_SLOW_MS (deep pagination)
	faultDefault500           fault = "default-500"            // listAlbums: limit=20 sent (the documented default) panics
	faultCreate200            fault = "create-200"             // createAlbum: 200 (documented 201), no Location
	faultIDInWrapper          fault = "id-in-wrapper"          // createAlbum: 201 {"album": {...}}, no Location
	faultExtraDelay           fault = "extra-delay-ms"         // every route: sleeps ALBUMS_EXTRA_DELAY_MS (a slower build, for canary comparison)
)

var knownFaults = []fault{
	faultUndocumentedStatus, faultWrongType, faultMissingField, faultWrongContentType,
	faultMissingHeader, faultBoundary500, faultAcceptInvalid, faultNoAuth, faultUseAfterDelete,
	faultLostCreate, faultIgnoreRequiredHeader, faultRejectValid, faultTrailingSlash, faultText404,
	faultBody204, faultNullArray, faultExtraMethod, faultXSS, faultSlow, faultStall, faultFlaky5xx,
	faultSyntax500, faultRequiredEmpty, faultOverflow500, faultSlowOffset, faultDefault500,
	faultCreate200, faultIDInWrapper, faultExtraDelay,
}

type faultSet map[fault]bool

func (s faultSet) has(f fault) bool { return s[f] }

// parseFaults reads a comma-separated list such as "slow,no-auth".
func parseFaults(list string) (faultSet, error) {
	set := faultSet{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.Contains(knownFaults, fault(name)) {
			names := make([]string, len(knownFaults))
			for i, f := range knownFaults {
				names[i] = string(f)
			}
			return nil, fmt.Errorf("unknown fault %q (known: %s)", name, strings.Join(names, ", "))
		}
		set[fault(name)] = true
	}
	return set, nil
}

const xssBody = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`

// stallDelay says how long a request arriving at now waits: from start on, every
// `every` the server holds requests for `hold`.
func stallDelay(start, now time.Time, every, hold time.Duration) time.Duration {
	elapsed := now.Sub(start)
	if every <= 0 || elapsed < every {
		return 0
	}
	into := elapsed % every
	if into < hold {
		return hold - into
	}
	return 0
}

// stall is the stall fault: requests that arrive during a stall window wait until it ends.
func stall(start time.Time, every, hold time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		if d := stallDelay(start, time.Now(), every, hold); d > 0 {
			sleepCtx(c, d)
		}
		c.Next()
	}
}

// extraDelay is the extra-delay-ms fault: every request waits d before it is handled,
// as a build that is uniformly slower would (the canary a comparison must roll back).
func extraDelay(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		sleepCtx(c, d)
		c.Next()
	}
}

// sleepCtx sleeps for d or until the client goes away.
func sleepCtx(c *gin.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-c.Request.Context().Done():
	}
}

// writeNoContentWithBody is the body-204 fault: net/http drops bodies on 204, so
// take the connection over and write the response by hand, then close it.
func writeNoContentWithBody(c *gin.Context, body []byte) {
	conn, rw, err := c.Writer.Hijack()
	if err != nil {
		c.Status(http.StatusNoContent)
		return
	}
	defer conn.Close()
	fmt.Fprintf(rw, "HTTP/1.1 204 No Content\r\nDate: %s\r\nX-Request-Id: %s\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
		time.Now().UTC().Format(http.TimeFormat), c.Writer.Header().Get("X-Request-Id"), len(body))
	rw.Write(body)
	if rw.Flush() == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.CloseWrite()
		}
	}
}

// panicOnSyntaxError is the syntax-500 fault: a handler that decodes before it validates and
// dereferences what a failed decode left nil. Go reports a truncated document as "unexpected end
// of JSON input" at its last byte; only a syntax error before the end trips it.
func panicOnSyntaxError(c *gin.Context) {
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxBodyBytes+1))
	if err != nil {
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	var v any
	var syntax *json.SyntaxError
	if err := json.Unmarshal(body, &v); errors.As(err, &syntax) && syntax.Offset < int64(len(body)) {
		panic("syntax-500: " + err.Error())
	}
}

// overflowsInt64 says whether a query value is an integer too large for int64: the
// overflow-500 fault panics on it where a careful handler answers 400.
func overflowsInt64(v string) bool {
	_, err := strconv.ParseInt(v, 10, 64)
	return errors.Is(err, strconv.ErrRange)
}
