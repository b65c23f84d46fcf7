package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/model"
	"github.com/tollgate-dev/tollgate/examples/admin-api/request"
	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

// roleLoose is request.Role without `required` on roleName: the required-empty fault.
type roleLoose struct {
	RoleName string `json:"roleName" binding:"max=32"`
	ParentID uint   `json:"parentId" binding:"max=2147483647"`
}

// listRoles godoc
// @Summary   List roles
// @Tags      Roles
// @Security  ApiKeyAuth
// @Produce   application/json
// @Param     data  query     request.PageInfo                                         true  "page, pageSize, keyword (part of the role name)"
// @Success   200   {object}  response.Response{data=response.RoleList,msg=string}  "a page of roles; code 7 when refused"
// @Failure   401   {object}  response.Response                                        "not logged in"
// @Router    /roles [get]
func (a *api) listRoles(c *gin.Context) {
	var p request.PageInfo
	if err := c.ShouldBindQuery(&p); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	all := a.store.listRoles(p.Keyword)
	list := page(all, p.Page, p.PageSize)
	if list == nil && !a.faults.has(faultNullList) {
		list = []model.Role{}
	}
	response.OkWithData(c, response.RoleList{List: list, Total: int64(len(all)), Page: p.Page, PageSize: p.PageSize}, "ok")
}

// bindRole binds a role body, with the required-empty fault's looser rule.
func (a *api) bindRole(c *gin.Context) (request.Role, error) {
	if a.faults.has(faultRequiredEmpty) {
		var loose roleLoose
		err := c.ShouldBindJSON(&loose)
		return request.Role(loose), err
	}
	var r request.Role
	err := c.ShouldBindJSON(&r)
	return r, err
}

// checkRole says why a role body is refused by the business rules, or "".
func (st *store) checkRole(r request.Role, self uint) string {
	if r.ParentID != 0 && st.roles[r.ParentID] == nil {
		return "parent role " + strconv.FormatUint(uint64(r.ParentID), 10) + " does not exist"
	}
	for id, other := range st.roles {
		if id != self && other.RoleName == r.RoleName {
			return "role name already exists"
		}
	}
	return ""
}

// createRole godoc
// @Summary      Create a role
// @Description  Refused with code 7 when the name exists or the parent role does not.
// @Tags         Roles
// @Security     ApiKeyAuth
// @Accept       application/json
// @Produce      application/json
// @Param        data  body      request.Role                                       true  "the new role"
// @Success      200   {object}  response.Response{data=model.Role,msg=string}  "the created role; code 7 when refused"
// @Failure      401   {object}  response.Response                                  "not logged in"
// @Router       /roles [post]
func (a *api) createRole(c *gin.Context) {
	r, err := a.bindRole(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	st := a.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if why := st.checkRole(r, 0); why != "" {
		response.FailWithMessage(c, why)
		return
	}
	st.nextRole++
	role := &model.Role{ID: st.nextRole, RoleName: r.RoleName, ParentID: r.ParentID, CreatedAt: time.Now().UTC()}
	st.roles[role.ID] = role
	status := http.StatusOK
	if a.faults.has(faultCreate201) {
		status = http.StatusCreated
	}
	c.JSON(status, response.Response{Code: response.Success, Data: role, Msg: "created"})
}

// getRole godoc
// @Summary   Get a role
// @Tags      Roles
// @Security  ApiKeyAuth
// @Produce   application/json
// @Param     id   path      int                                               true  "role id"  minimum(1)  format(int64)
// @Success   200  {object}  response.Response{data=model.Role,msg=string}  "the role; code 7 when it does not exist"
// @Failure   401  {object}  response.Response                                  "not logged in"
// @Router    /roles/{id} [get]
func (a *api) getRole(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	a.store.mu.Lock()
	r := a.store.roles[id]
	a.store.mu.Unlock()
	if r == nil {
		response.FailWithMessage(c, "record not found")
		return
	}
	response.OkWithData(c, r, "ok")
}

// updateRole godoc
// @Summary      Update a role
// @Description  The root role (id 1) cannot be changed: code 7.
// @Tags         Roles
// @Security     ApiKeyAuth
// @Accept       application/json
// @Produce      application/json
// @Param        id    path      int                                               true  "role id"  minimum(1)  format(int64)
// @Param        data  body      request.Role                                       true  "new values"
// @Success      200   {object}  response.Response{data=model.Role,msg=string}  "the updated role; code 7 when refused"
// @Failure      401   {object}  response.Response                                  "not logged in"
// @Router       /roles/{id} [put]
func (a *api) updateRole(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	r, err := a.bindRole(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	st := a.store
	st.mu.Lock()
	defer st.mu.Unlock()
	role := st.roles[id]
	switch {
	case role == nil:
		response.FailWithMessage(c, "record not found")
	case id == rootID:
		response.FailWithMessage(c, "the root role cannot be changed")
	case r.ParentID == id:
		response.FailWithMessage(c, "a role cannot be its own parent")
	default:
		if why := st.checkRole(r, id); why != "" {
			response.FailWithMessage(c, why)
			return
		}
		role.RoleName, role.ParentID = r.RoleName, r.ParentID
		response.OkWithData(c, role, "updated")
	}
}

// deleteRole godoc
// @Summary      Delete a role
// @Description  The root role (id 1) and roles that users hold cannot be deleted: code 7.
// @Tags         Roles
// @Security     ApiKeyAuth
// @Produce      application/json
// @Param        id   path      int                            true  "role id"  minimum(1)  format(int64)
// @Success      200  {object}  response.Response{msg=string}  "deleted; code 7 when refused"
// @Failure      401  {object}  response.Response              "not logged in"
// @Router       /roles/{id} [delete]
func (a *api) deleteRole(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	st := a.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.roles[id] == nil {
		response.FailWithMessage(c, "record not found")
		return
	}
	if id == rootID {
		response.FailWithMessage(c, "the root role cannot be deleted")
		return
	}
	if a.faults.has(faultDeleteRefused) {
		response.FailWithMessage(c, "role deletion is locked")
		return
	}
	for _, u := range st.users {
		if u.RoleID == id {
			response.FailWithMessage(c, "the role is held by user "+u.Username)
			return
		}
	}
	if a.faults.has(faultDelete400) {
		c.JSON(http.StatusBadRequest, response.Response{Code: response.Error, Data: map[string]interface{}{}, Msg: "the role is locked"})
		return
	}
	delete(st.roles, id)
	response.OkWithData(c, map[string]interface{}{}, "deleted")
}
