package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scrape reads /metrics the way Prometheus does and returns the sample lines by series.
func scrape(t *testing.T, h http.Handler) map[string]float64 {
	t.Helper()
	w := do(h, "GET", metricsPath, "")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	samples := map[string]float64{}
	for _, line := range strings.Split(w.Body.String(), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("unparsable sample %q", line)
		}
		samples[line[:i]] = v
	}
	return samples
}

func requests(route, method, status string) string {
	return fmt.Sprintf(`http_requests_total{method=%q,route=%q,status=%q}`, method, route, status)
}

func TestMetricsCountByRouteTemplate(t *testing.T) {
	h := newTestRouter(t)
	for _, path := range []string{"/v1/albums/1", "/v1/albums/2", "/v1/albums/999", "/no/such/path"} {
		do(h, "GET", path, "")
	}
	do(h, "GET", metricsPath, "")
	got := scrape(t, h)
	for series, want := range map[string]float64{
		requests("/v1/albums/:id", "GET", "200"): 2,
		requests("/v1/albums/:id", "GET", "404"): 1,
		requests(unmatchedRoute, "GET", "404"):   1,
	} {
		if got[series] != want {
			t.Errorf("%s = %v, want %v", series, got[series], want)
		}
	}
	for series := range got {
		if strings.Contains(series, `route="/v1/albums/1"`) || strings.Contains(series, `route="/metrics"`) {
			t.Errorf("raw path or /metrics counted: %s", series)
		}
	}
	if got[`http_request_duration_seconds_count{method="GET",route="/v1/albums/:id",status="200"}`] != 2 {
		t.Errorf("histogram count missing: %v", got)
	}
}

// The faults show in the server's own metrics: flaky-5xx as 503s on getAlbum,
// boundary-500's panic as a 500 (Recovery runs inside the middleware), slow as
// observations above 25 ms. Without the faults none of them appear.
func TestMetricsShowFaults(t *testing.T) {
	drive := func(h http.Handler) map[string]float64 {
		for range 40 {
			do(h, "GET", "/v1/albums/1", "")
		}
		do(h, "GET", "/v1/albums?limit=100", "")
		return scrape(t, h)
	}
	slowFast := `http_request_duration_seconds_bucket{method="GET",route="/v1/albums/:id",status="200",le="0.025"}`

	faulty := newRouterWith(t, 50*time.Millisecond, faultFlaky5xx, faultBoundary500, faultSlow)
	got := drive(faulty)
	if n := got[requests("/v1/albums/:id", "GET", "503")]; n != 2 {
		t.Errorf("flaky-5xx: %v 503s on getAlbum, want 2 of 40", n)
	}
	if n := got[requests("/v1/albums", "GET", "500")]; n != 1 {
		t.Errorf("boundary-500: %v 500s on listAlbums, want 1", n)
	}
	if n := got[slowFast]; n != 0 {
		t.Errorf("slow: %v getAlbum answers under 25 ms, want 0", n)
	}

	clean := drive(newRouterWith(t, 50*time.Millisecond))
	for series, v := range clean {
		if strings.HasPrefix(series, "http_requests_total") && (strings.Contains(series, `status="5`)) {
			t.Errorf("no fault, yet %s = %v", series, v)
		}
	}
	if n := clean[slowFast]; n != 40 {
		t.Errorf("no slow fault: %v of 40 getAlbum answers under 25 ms", n)
	}
}

func newRouterWith(t *testing.T, slow time.Duration, faults ...fault) http.Handler {
	t.Helper()
	set := faultSet{}
	for _, f := range faults {
		set[f] = true
	}
	st := newStore()
	st.seed(false)
	return newRouter(config{token: "secret", faults: set, slow: slow}, st)
}
