// Package request holds the bodies and query parameters the admin API binds.
// The binding tags are what Gin enforces; the swag tags (minLength, maximum,
// default, example, format) are how the spec states the same limits.
package request

// Login is the body of POST /base/login.
type Login struct {
	Username string `json:"username" binding:"required,min=1,max=32" minLength:"1" maxLength:"32" example:"admin"`
	Password string `json:"password" binding:"required,min=6,max=64" minLength:"6" maxLength:"64" example:"123456"`
	// Captcha must be "8888" (the fixed captcha of this reference server).
	Captcha string `json:"captcha" binding:"required,len=4" minLength:"4" maxLength:"4" example:"8888"`
}

// PageInfo is the paging of every list endpoint.
type PageInfo struct {
	Page     int    `json:"page" form:"page" binding:"required,min=1" minimum:"1" format:"int64" default:"1"`
	PageSize int    `json:"pageSize" form:"pageSize" binding:"required,min=1,max=100" minimum:"1" maximum:"100" default:"10"`
	Keyword  string `json:"keyword" form:"keyword" binding:"max=32" maxLength:"32"`
}

// CreateUser is the body of POST /users.
type CreateUser struct {
	Username string `json:"username" binding:"required,min=3,max=32" minLength:"3" maxLength:"32" example:"alice"`
	Password string `json:"password" binding:"required,min=6,max=64" minLength:"6" maxLength:"64" example:"s3cret!"`
	NickName string `json:"nickName" binding:"required,min=1,max=32" minLength:"1" maxLength:"32" example:"Alice"`
	RoleID   uint   `json:"roleId" binding:"required,min=1" minimum:"1" format:"int64" example:"1"`
	Email    string `json:"email" binding:"max=64" maxLength:"64" example:"alice@example.com"`
}

// UpdateUser is the body of PUT /users/{id}.
type UpdateUser struct {
	NickName string `json:"nickName" binding:"required,min=1,max=32" minLength:"1" maxLength:"32" example:"Alice"`
	RoleID   uint   `json:"roleId" binding:"required,min=1" minimum:"1" format:"int64" example:"1"`
	Email    string `json:"email" binding:"max=64" maxLength:"64" example:"alice@example.com"`
}

// Role is the body of POST /roles and PUT /roles/{id}.
type Role struct {
	RoleName string `json:"roleName" binding:"required,min=1,max=32" minLength:"1" maxLength:"32" example:"auditor"`
	ParentID uint   `json:"parentId" binding:"max=2147483647" minimum:"0" maximum:"2147483647" format:"int64" default:"0" example:"0"`
}

// FileMeta is the urlencoded body of PUT /files/{id}.
type FileMeta struct {
	Name string `form:"name" binding:"required,min=1,max=64"`
	Note string `form:"note" binding:"max=200"`
}

// ChunkQuery is the query of GET /files/chunk: a resumable upload's id and the whole file's MD5.
type ChunkQuery struct {
	// the upload's id (a UUID)
	UploadID string `json:"uploadId" form:"uploadId" binding:"required,uuid" format:"uuid"`
	// MD5 of the whole file
	FileMd5 string `json:"fileMd5" form:"fileMd5" binding:"required,len=32" minLength:"32" maxLength:"32"`
}
