package main

import (
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

// config is everything the server reads from flags and the environment.
type config struct {
	addr      string
	token     string
	faults    faultSet
	accessLog bool
	slow      time.Duration
	codes     [2]int // the envelope's success and refusal codes (ADMIN_CODES)
}

// api holds the handlers' dependencies.
type api struct {
	store  *store
	faults faultSet
	slow   time.Duration
}

// newRouter wires the routes under /api, as the scaffolds' router groups do.
func newRouter(cfg config, st *store) *gin.Engine {
	r := gin.New()
	if cfg.accessLog {
		r.Use(gin.LoggerWithWriter(os.Stderr))
	}
	r.Use(gin.Recovery())
	a := &api{store: st, faults: cfg.faults, slow: cfg.slow}
	auth := jwtAuth(st, cfg.token)
	listFilesAuth := auth
	if cfg.faults.has(faultAuthHole) {
		listFilesAuth = func(c *gin.Context) { c.Next() }
	}

	g := r.Group("/api")
	g.GET("/health", a.health)
	g.POST("/base/login", a.login)
	g.POST("/base/logout", auth, a.logout)

	g.GET("/users", auth, a.listUsers)
	g.POST("/users", auth, a.createUser)
	g.GET("/users/:id", auth, a.getUser)
	g.PUT("/users/:id", auth, a.updateUser)
	g.DELETE("/users/:id", auth, a.deleteUser)

	g.GET("/roles", auth, a.listRoles)
	g.POST("/roles", auth, a.createRole)
	g.GET("/roles/:id", auth, a.getRole)
	g.PUT("/roles/:id", auth, a.updateRole)
	g.DELETE("/roles/:id", auth, a.deleteRole)

	// Static and :param siblings: /files/upload, /files/chunk and /files/:id.
	g.GET("/files", listFilesAuth, a.listFiles)
	g.POST("/files/upload", auth, a.uploadFile)
	g.GET("/files/chunk", auth, a.getChunks)
	g.GET("/files/:id", auth, a.getFile)
	g.PUT("/files/:id", auth, a.updateFile)
	g.DELETE("/files/:id", auth, a.deleteFile)
	return r
}
