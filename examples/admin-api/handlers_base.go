package main

import (
	"errors"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/request"
	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

// captcha is the fixed captcha of this reference server (a real one draws an image).
const captcha = "8888"

var errBadID = errors.New("id must be an integer from 1 to 9223372036854775807")

// parseID reads the :id segment as the spec's int64 with minimum 1.
func parseID(c *gin.Context) (uint, error) {
	n, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || n < 1 {
		return 0, errBadID
	}
	return uint(n), nil
}

// health godoc
// @Summary   Liveness probe
// @Tags      Base
// @Produce   application/json
// @Success   200  {object}  response.Response{data=response.Health,msg=string}  "ok"
// @Router    /health [get]
func (a *api) health(c *gin.Context) {
	response.OkWithData(c, response.Health{Status: "ok"}, "ok")
}

// login godoc
// @Summary      Log in
// @Description  Answers a bearer token. The captcha of this server is always "8888"; any other
// @Description  value is refused with code 7 ("captcha is wrong"), as a wrong password is.
// @Tags         Base
// @Accept       application/json
// @Produce      application/json
// @Param        data  body      request.Login                                          true  "username, password, captcha"
// @Success      200   {object}  response.Response{data=response.Login,msg=string}  "token and user; code 7 when refused"
// @Router       /base/login [post]
func (a *api) login(c *gin.Context) {
	var l request.Login
	if err := c.ShouldBindJSON(&l); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	if l.Captcha != captcha {
		response.FailWithMessage(c, "captcha is wrong")
		return
	}
	a.store.mu.Lock()
	var found *account
	for _, u := range a.store.users {
		if u.Username == l.Username && u.password == l.Password {
			found = u
		}
	}
	a.store.mu.Unlock()
	if found == nil {
		response.FailWithMessage(c, "wrong username or password")
		return
	}
	token := a.store.newToken(found.ID)
	response.OkWithData(c, response.Login{
		Token:     token,
		ExpiresAt: time.Now().Add(7 * 24 * time.Hour).UnixMilli(),
		User:      found.User,
	}, "logged in")
}

// logout godoc
// @Summary      Log out
// @Description  Revokes the token the request carries (gin-vue-admin's JWT blacklist): every
// @Description  later request with it answers 401.
// @Tags         Base
// @Security     ApiKeyAuth
// @Produce      application/json
// @Success      200  {object}  response.Response{msg=string}  "logged out"
// @Failure      401  {object}  response.Response                "not logged in"
// @Router       /base/logout [post]
func (a *api) logout(c *gin.Context) {
	a.store.revoke(c.GetString(tokenKey))
	response.OkWithData(c, map[string]interface{}{}, "logged out")
}
