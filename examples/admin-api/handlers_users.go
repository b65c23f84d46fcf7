package main

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/model"
	"github.com/tollgate-dev/tollgate/examples/admin-api/request"
	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

// createUserLoose is CreateUser without `required` on username: the unenforced-required fault.
type createUserLoose struct {
	Username string `json:"username" binding:"omitempty,min=3,max=32"`
	Password string `json:"password" binding:"required,min=6,max=64"`
	NickName string `json:"nickName" binding:"required,min=1,max=32"`
	RoleID   uint   `json:"roleId" binding:"required,min=1"`
	Email    string `json:"email" binding:"max=64"`
}

// listUsers godoc
// @Summary   List users
// @Tags      Users
// @Security  ApiKeyAuth
// @Produce   application/json
// @Param     data  query     request.PageInfo                                         true  "page, pageSize, keyword (part of the username)"
// @Success   200   {object}  response.Response{data=response.UserList,msg=string}  "a page of users; code 7 when refused"
// @Failure   401   {object}  response.Response                                        "not logged in"
// @Router    /users [get]
func (a *api) listUsers(c *gin.Context) {
	var p request.PageInfo
	if err := c.ShouldBindQuery(&p); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	if a.faults.has(faultBoundary500) && p.PageSize == 100 {
		panic("boundary-500: pageSize 100")
	}
	all := a.store.listUsers(p.Keyword)
	list := page(all, p.Page, p.PageSize)
	if list == nil {
		list = []model.User{}
	}
	response.OkWithData(c, response.UserList{List: list, Total: int64(len(all)), Page: p.Page, PageSize: p.PageSize}, "ok")
}

// createUser godoc
// @Summary      Create a user
// @Description  Refused with code 7 when the username is taken or the role does not exist.
// @Tags         Users
// @Security     ApiKeyAuth
// @Accept       application/json
// @Produce      application/json
// @Param        data  body      request.CreateUser                                 true  "the new user"
// @Success      200   {object}  response.Response{data=model.User,msg=string}  "the created user; code 7 when refused"
// @Failure      401   {object}  response.Response                                  "not logged in"
// @Router       /users [post]
func (a *api) createUser(c *gin.Context) {
	var u request.CreateUser
	var err error
	if a.faults.has(faultUnenforcedRequired) {
		var loose createUserLoose
		err = c.ShouldBindJSON(&loose)
		u = request.CreateUser(loose)
	} else {
		err = c.ShouldBindJSON(&u)
	}
	if err != nil {
		var syntax *json.SyntaxError
		if a.faults.has(faultSyntax500) && errors.As(err, &syntax) {
			panic("syntax-500: " + err.Error())
		}
		response.FailWithMessage(c, err.Error())
		return
	}
	st := a.store
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, other := range st.users {
		if other.Username == u.Username {
			response.FailWithMessage(c, "username already registered")
			return
		}
	}
	if st.roles[u.RoleID] == nil {
		response.FailWithMessage(c, "role "+strconv.FormatUint(uint64(u.RoleID), 10)+" does not exist")
		return
	}
	st.nextUser++
	acc := &account{
		User:     model.User{ID: st.nextUser, Username: u.Username, NickName: u.NickName, Email: u.Email, RoleID: u.RoleID, CreatedAt: time.Now().UTC()},
		password: u.Password,
	}
	st.users[acc.ID] = acc
	response.OkWithData(c, acc.User, "created")
}

// getUser godoc
// @Summary   Get a user
// @Tags      Users
// @Security  ApiKeyAuth
// @Produce   application/json
// @Param     id   path      int                                               true  "user id"  minimum(1)  format(int64)
// @Success   200  {object}  response.Response{data=model.User,msg=string}  "the user; code 7 when it does not exist"
// @Failure   401  {object}  response.Response                                  "not logged in"
// @Router    /users/{id} [get]
func (a *api) getUser(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		if _, e := strconv.ParseInt(c.Param("id"), 10, 64); a.faults.has(faultInt64Overflow) && errors.Is(e, strconv.ErrRange) {
			panic("int64-overflow: id " + c.Param("id"))
		}
		response.FailWithMessage(c, err.Error())
		return
	}
	a.store.mu.Lock()
	u := a.store.users[id]
	a.store.mu.Unlock()
	if u == nil {
		if a.faults.has(faultUndocumentedStatus) {
			c.JSON(404, response.Response{Code: response.Error, Data: map[string]interface{}{}, Msg: "record not found"})
			return
		}
		response.FailWithMessage(c, "record not found")
		return
	}
	response.OkWithData(c, u.User, "ok")
}

// updateUser godoc
// @Summary      Update a user
// @Description  The root user (id 1) cannot be changed: code 7.
// @Tags         Users
// @Security     ApiKeyAuth
// @Accept       application/json
// @Produce      application/json
// @Param        id    path      int                                               true  "user id"  minimum(1)  format(int64)
// @Param        data  body      request.UpdateUser                                 true  "new values"
// @Success      200   {object}  response.Response{data=model.User,msg=string}  "the updated user; code 7 when refused"
// @Failure      401   {object}  response.Response                                  "not logged in"
// @Router       /users/{id} [put]
func (a *api) updateUser(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	var u request.UpdateUser
	if err := c.ShouldBindJSON(&u); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	st := a.store
	st.mu.Lock()
	defer st.mu.Unlock()
	acc := st.users[id]
	switch {
	case acc == nil:
		response.FailWithMessage(c, "record not found")
	case id == rootID:
		response.FailWithMessage(c, "the root user cannot be changed")
	case st.roles[u.RoleID] == nil:
		response.FailWithMessage(c, "role "+strconv.FormatUint(uint64(u.RoleID), 10)+" does not exist")
	default:
		acc.NickName, acc.RoleID, acc.Email = u.NickName, u.RoleID, u.Email
		response.OkWithData(c, acc.User, "updated")
	}
}

// deleteUser godoc
// @Summary      Delete a user
// @Description  The root user (id 1) cannot be deleted: code 7.
// @Tags         Users
// @Security     ApiKeyAuth
// @Produce      application/json
// @Param        id   path      int                            true  "user id"  minimum(1)  format(int64)
// @Success      200  {object}  response.Response{msg=string}  "deleted; code 7 when refused"
// @Failure      401  {object}  response.Response              "not logged in"
// @Router       /users/{id} [delete]
func (a *api) deleteUser(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	st := a.store
	st.mu.Lock()
	defer st.mu.Unlock()
	switch {
	case st.users[id] == nil:
		response.FailWithMessage(c, "record not found")
	case id == rootID:
		response.FailWithMessage(c, "the root user cannot be deleted")
	default:
		delete(st.users, id)
		response.OkWithData(c, map[string]interface{}{}, "deleted")
	}
}
