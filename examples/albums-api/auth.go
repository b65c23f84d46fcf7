package main

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// requireBearer rejects requests without "Authorization: Bearer <token>" with 401.
func requireBearer(token string) gin.HandlerFunc {
	want := []byte(token)
	return func(c *gin.Context) {
		scheme, cred, _ := strings.Cut(c.GetHeader("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(cred)), want) != 1 {
			c.Header("WWW-Authenticate", "Bearer")
			abortWith(c, &apiError{http.StatusUnauthorized, "unauthorized", "missing or invalid bearer token"})
			return
		}
		c.Next()
	}
}
