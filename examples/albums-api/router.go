package main

import (
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

// config is everything the server reads from flags and the environment.
type config struct {
	addr             string
	token            string
	faults           faultSet
	methodNotAllowed bool
	accessLog        bool
	slow             time.Duration
	stallEvery       time.Duration
	stallFor         time.Duration
	extraDelay       time.Duration
}

// newRouter wires middleware and routes. The store should already be seeded.
func newRouter(cfg config, st *store) *gin.Engine {
	r := gin.New()
	r.HandleMethodNotAllowed = cfg.methodNotAllowed
	metrics := newHTTPMetrics()
	r.Use(metrics.middleware())
	if cfg.faults.has(faultStall) {
		r.Use(stall(time.Now(), cfg.stallEvery, cfg.stallFor))
	}
	if cfg.faults.has(faultExtraDelay) && cfg.extraDelay > 0 {
		r.Use(extraDelay(cfg.extraDelay))
	}
	r.Use(requestID())
	if cfg.accessLog {
		r.Use(gin.LoggerWithWriter(os.Stderr))
	}
	r.Use(gin.Recovery())

	a := &api{store: st, faults: cfg.faults, slow: cfg.slow}
	auth := requireBearer(cfg.token)
	patchAuth := auth
	if cfg.faults.has(faultNoAuth) {
		patchAuth = func(c *gin.Context) { c.Next() }
	}
	tracksPath := "/albums/:id/tracks"
	listTracksPath := tracksPath
	if cfg.faults.has(faultTrailingSlash) {
		listTracksPath += "/"
	}

	r.GET("/healthz", a.getHealth)
	r.GET("/readyz", a.getReady)
	r.GET(metricsPath, metrics.getMetrics())
	v1 := r.Group("/v1")
	v1.GET("/albums", a.listAlbums)
	v1.POST("/albums", auth, a.createAlbum)
	if cfg.faults.has(faultExtraMethod) {
		v1.PUT("/albums", a.extraMethod)
	}
	v1.GET("/albums/:id", a.getAlbum)
	v1.PUT("/albums/:id", auth, a.replaceAlbum)
	v1.PATCH("/albums/:id", patchAuth, a.updateAlbum)
	v1.DELETE("/albums/:id", auth, a.deleteAlbum)
	v1.GET(listTracksPath, a.listTracks)
	v1.POST(tracksPath, auth, a.createTrack)
	v1.GET(tracksPath+"/:trackId", a.getTrack)
	return r
}
