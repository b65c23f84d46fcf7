// Package model holds what the admin API stores and answers with, as the
// scaffolds' model packages do. Response structs carry no `binding` tags, so
// swag marks none of their fields required (an error envelope's `data: {}`
// is then a valid User too, as in gin-vue-admin's specs).
package model

import "time"

// User is an account of the admin console.
type User struct {
	ID        uint      `json:"id" example:"2"`
	Username  string    `json:"username" example:"alice"`
	NickName  string    `json:"nickName" example:"Alice"`
	Email     string    `json:"email" example:"alice@example.com"`
	RoleID    uint      `json:"roleId" example:"1"`
	CreatedAt time.Time `json:"createdAt"`
}

// Role is an authority a user holds.
type Role struct {
	ID        uint      `json:"id" example:"1"`
	RoleName  string    `json:"roleName" example:"admin"`
	ParentID  uint      `json:"parentId" example:"0"`
	CreatedAt time.Time `json:"createdAt"`
}

// File is an uploaded file's record.
type File struct {
	ID        uint      `json:"id" example:"1"`
	Name      string    `json:"name" example:"report.pdf"`
	Size      int64     `json:"size" example:"1024"`
	Note      string    `json:"note" example:"Q3 report"`
	URL       string    `json:"url" example:"/api/files/1"`
	CreatedAt time.Time `json:"createdAt"`
}
