package main

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

const tokenKey = "token"

// jwtAuth is the scaffolds' JWT middleware: "Authorization: Bearer <token>",
// a token that is the server's own (ADMIN_TOKEN) or issued by login, and not
// logged out. Anything else: HTTP 401 with the envelope, as gin-vue-admin does.
func jwtAuth(st *store, serverToken string) gin.HandlerFunc {
	return func(c *gin.Context) {
		scheme, token, _ := strings.Cut(c.GetHeader("Authorization"), " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" || !st.tokenValid(token, serverToken) {
			response.NoAuth(c, "not logged in or the token is invalid")
			return
		}
		c.Set(tokenKey, token)
		c.Next()
	}
}
