package main

import (
	"crypto/rand"

	"github.com/gin-gonic/gin"
)

// requestID echoes the request's X-Request-Id, or sets a new one, on every response.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if id == "" {
			id = rand.Text()
		}
		c.Header("X-Request-Id", id)
		c.Next()
	}
}
