package main

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsPath is where the server exposes its own metrics; requests to it are not counted.
const metricsPath = "/metrics"

// unmatchedRoute labels requests no route matched (Gin's 404/405), so a scan of
// random paths cannot grow the label set without bound.
const unmatchedRoute = "unmatched"

// httpMetrics are the RED metrics Gin teams expose with client_golang: requests
// by route template (c.FullPath(), never the raw path), method and status, and
// their durations.
type httpMetrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// durationBuckets suit a service whose healthy answers take well under 10 ms and
// whose slow faults take ALBUMS_SLOW_MS (200 ms by default).
var durationBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// newHTTPMetrics registers on its own registry, so every router (and every test)
// has its own counters.
func newHTTPMetrics() *httpMetrics {
	labels := []string{"route", "method", "status"}
	m := &httpMetrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests answered, by Gin route template, method and status code.",
		}, labels),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "Time from the request reaching Gin to the handler returning, by route template, method and status code.",
			Buckets: durationBuckets,
			// Also a native histogram for a Prometheus that scrapes them (protobuf);
			// the classic buckets above stay for every other scraper.
			NativeHistogramBucketFactor:     1.1,
			NativeHistogramMaxBucketNumber:  100,
			NativeHistogramMinResetDuration: time.Hour,
		}, labels),
	}
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// middleware goes first in the chain, so it times the stall fault's pauses and
// sees the 500 that gin.Recovery writes for a panic.
func (m *httpMetrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.URL.Path == metricsPath {
			c.Next()
			return
		}
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = unmatchedRoute
		}
		status := strconv.Itoa(c.Writer.Status())
		m.requests.WithLabelValues(route, c.Request.Method, status).Inc()
		m.duration.WithLabelValues(route, c.Request.Method, status).Observe(time.Since(start).Seconds())
	}
}

// getMetrics godoc
// @Summary      Prometheus metrics
// @ID           getMetrics
// @Tags         health
// @Produce      plain
// @Success      200  {string}  string
// @Header       all  {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /metrics [get]
func (m *httpMetrics) getMetrics() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{EnableOpenMetrics: true})
	return gin.WrapH(h)
}
