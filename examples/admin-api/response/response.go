// Package response is the envelope every answer of the admin API wears, as in
// gin-vue-admin's server/model/common/response: HTTP 200 and
// {"code": 0, "data": ..., "msg": "..."}; a rejection is code 7, still HTTP 200.
// A missing or revoked token is the exception: HTTP 401, as the scaffolds' JWT
// middleware answers.
package response

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/model"
)

// Codes of the envelope: 0 and 7 as gin-vue-admin answers, unless SetCodes
// changes them at startup (ADMIN_CODES: scaffolds where 1 means success).
var (
	Success = 0
	Error   = 7
)

// SetCodes sets the success and refusal codes every answer carries; call it
// before serving.
func SetCodes(success, refusal int) {
	Success, Error = success, refusal
}

// Response is the envelope.
type Response struct {
	Code int         `json:"code" example:"0"`
	Data interface{} `json:"data"`
	Msg  string      `json:"msg" example:"ok"`
}

// PageResult is the data of a list answer.
type PageResult struct {
	List     interface{} `json:"list"`
	Total    int64       `json:"total" example:"3"`
	Page     int         `json:"page" example:"1"`
	PageSize int         `json:"pageSize" example:"10"`
}

// UserList is the data of GET /users.
type UserList struct {
	List     []model.User `json:"list"`
	Total    int64        `json:"total" example:"3"`
	Page     int          `json:"page" example:"1"`
	PageSize int          `json:"pageSize" example:"10"`
}

// RoleList is the data of GET /roles.
type RoleList struct {
	List     []model.Role `json:"list"`
	Total    int64        `json:"total" example:"3"`
	Page     int          `json:"page" example:"1"`
	PageSize int          `json:"pageSize" example:"10"`
}

// FileList is the data of GET /files.
type FileList struct {
	List     []model.File `json:"list"`
	Total    int64        `json:"total" example:"1"`
	Page     int          `json:"page" example:"1"`
	PageSize int          `json:"pageSize" example:"10"`
}

// FileResponse is the data of POST /files/upload (gin-vue-admin's ExaFileResponse).
type FileResponse struct {
	File model.File `json:"file"`
}

// ChunkInfo is the data of GET /files/chunk: chunks of an unfinished upload.
type ChunkInfo struct {
	UploadID string `json:"uploadId" format:"uuid" example:"6f1c2a7e-3b9d-4c5e-8f0a-1d2e3f4a5b6c"`
	FileMd5  string `json:"fileMd5" example:"0cc175b9c0f1b6a831c399e269772661"`
	Chunks   []int  `json:"chunks"`
}

// Login is the data of POST /base/login.
type Login struct {
	Token     string     `json:"token" example:"3f1c0e8a9b7d4e2f"`
	ExpiresAt int64      `json:"expiresAt" example:"1767225600000"`
	User      model.User `json:"user"`
}

// Health is the data of GET /health.
type Health struct {
	Status string `json:"status" example:"ok"`
}

// Result writes the envelope with HTTP 200.
func Result(c *gin.Context, code int, data interface{}, msg string) {
	c.JSON(http.StatusOK, Response{code, data, msg})
}

// OkWithData answers code 0 with data.
func OkWithData(c *gin.Context, data interface{}, msg string) {
	Result(c, Success, data, msg)
}

// FailWithMessage answers code 7 with data {} (gin-vue-admin's shape).
func FailWithMessage(c *gin.Context, msg string) {
	Result(c, Error, map[string]interface{}{}, msg)
}

// NoAuth answers a missing or invalid token: HTTP 401, code 7, data.reload.
func NoAuth(c *gin.Context, msg string) {
	c.AbortWithStatusJSON(http.StatusUnauthorized, Response{Error, gin.H{"reload": true}, msg})
}
