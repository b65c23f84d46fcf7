// Command bodies-api is a small Gin API for tollgate's tests: one operation per
// request body kind (multipart/form-data, application/x-www-form-urlencoded,
// text/plain, application/octet-stream, JSON). BODIES_FAULTS switches on
// deliberate mistakes, one per operation; the spec is
// test/fixtures/specs/bodies.openapi.json.
package main

import (
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

func main() {
	faults := map[string]bool{}
	for _, f := range strings.Split(os.Getenv("BODIES_FAULTS"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			faults[f] = true
		}
	}
	gin.SetMode(gin.ReleaseMode)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bodies-api:", err)
		os.Exit(1)
	}
	fmt.Printf("bodies-api listening on http://%s\n", ln.Addr())
	if err := http.Serve(ln, router(faults)); err != nil {
		fmt.Fprintln(os.Stderr, "bodies-api:", err)
		os.Exit(1)
	}
}

func fail(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, gin.H{"error": msg})
}

func mediaIs(c *gin.Context, want string) bool {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	return err == nil && mt == want
}

func router(faults map[string]bool) *gin.Engine {
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"ok": true}) })

	// multipart: a required file and an optional note (at most 200 characters).
	r.POST("/uploads", func(c *gin.Context) {
		if !mediaIs(c, "multipart/form-data") {
			fail(c, http.StatusUnsupportedMediaType, "Content-Type must be multipart/form-data")
			return
		}
		fh, err := c.FormFile("file")
		if err != nil && !faults["upload-500"] {
			fail(c, http.StatusBadRequest, "file: "+err.Error())
			return
		}
		// upload-500: the handler forgot the error check and dereferences a nil header.
		size := fh.Size
		note := c.PostForm("note")
		if len([]rune(note)) > 200 {
			fail(c, http.StatusBadRequest, "note must be at most 200 characters")
			return
		}
		c.JSON(http.StatusCreated, gin.H{"name": fh.Filename, "size": size, "note": note})
	})

	// urlencoded: name (1 to 64 characters) required, age an integer 0 to 150.
	r.POST("/forms", func(c *gin.Context) {
		if !mediaIs(c, "application/x-www-form-urlencoded") {
			fail(c, http.StatusUnsupportedMediaType, "Content-Type must be application/x-www-form-urlencoded")
			return
		}
		name, ok := c.GetPostForm("name")
		if n := len([]rune(name)); !ok || n < 1 || n > 64 {
			fail(c, http.StatusBadRequest, "name must be 1 to 64 characters")
			return
		}
		age := 0
		if v, ok := c.GetPostForm("age"); ok {
			n, err := strconv.Atoi(v)
			// form-type: the age is stored as text, never parsed.
			if !faults["form-type"] && (err != nil || n < 0 || n > 150) {
				fail(c, http.StatusBadRequest, "age must be an integer between 0 and 150")
				return
			}
			age = n
		}
		c.JSON(http.StatusCreated, gin.H{"name": name, "age": age})
	})

	// text/plain: a non-empty note of at most 1000 characters.
	r.POST("/notes", func(c *gin.Context) {
		// text-any-type: any Content-Type is read as text.
		if !faults["text-any-type"] && !mediaIs(c, "text/plain") {
			fail(c, http.StatusUnsupportedMediaType, "Content-Type must be text/plain")
			return
		}
		body, _ := io.ReadAll(io.LimitReader(c.Request.Body, 1<<20))
		if n := len([]rune(string(body))); n < 1 || n > 1000 {
			fail(c, http.StatusBadRequest, "the note must be 1 to 1000 characters")
			return
		}
		c.JSON(http.StatusCreated, gin.H{"length": len([]rune(string(body)))})
	})

	// octet-stream: any non-empty bytes.
	r.PUT("/blob", func(c *gin.Context) {
		if !mediaIs(c, "application/octet-stream") {
			fail(c, http.StatusUnsupportedMediaType, "Content-Type must be application/octet-stream")
			return
		}
		body, _ := io.ReadAll(io.LimitReader(c.Request.Body, 1<<20))
		if len(body) == 0 {
			if faults["blob-empty-500"] {
				panic("blob-empty-500: empty body")
			}
			fail(c, http.StatusBadRequest, "the body must not be empty")
			return
		}
		c.JSON(http.StatusOK, gin.H{"size": len(body)})
	})
	return r
}
