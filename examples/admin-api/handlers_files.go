package main

import (
	"mime"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"

	"github.com/tollgate-dev/tollgate/examples/admin-api/model"
	"github.com/tollgate-dev/tollgate/examples/admin-api/request"
	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

// maxUpload is the largest file POST /files/upload takes.
const maxUpload = 1 << 20

// shortNote is the note limit of the short-note faults, below the documented 200.
const shortNote = 20

// slowOffset is where the slow-offset fault's deep-pagination slow path starts.
const slowOffset = 1_000_000

// listFiles godoc
// @Summary   List uploaded files
// @Tags      Files
// @Security  ApiKeyAuth
// @Produce   application/json
// @Param     data  query     request.PageInfo                                         true  "page, pageSize, keyword (part of the name)"
// @Success   200   {object}  response.Response{data=response.FileList,msg=string}  "a page of files; code 7 when refused"
// @Failure   401   {object}  response.Response                                        "not logged in"
// @Router    /files [get]
func (a *api) listFiles(c *gin.Context) {
	var p request.PageInfo
	if err := c.ShouldBindQuery(&p); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	if a.faults.has(faultSlowOffset) && p.Page-1 >= slowOffset/p.PageSize {
		t := time.NewTimer(a.slow)
		select {
		case <-t.C:
		case <-c.Request.Context().Done():
			t.Stop()
		}
	}
	all := a.store.listFiles(p.Keyword)
	list := page(all, p.Page, p.PageSize)
	if list == nil {
		list = []model.File{}
	}
	response.OkWithData(c, response.FileList{List: list, Total: int64(len(all)), Page: p.Page, PageSize: p.PageSize}, "ok")
}

// uploadFile godoc
// @Summary      Upload a file
// @Description  At most 1 MiB; a larger file is refused with code 7.
// @Tags         Files
// @Security     ApiKeyAuth
// @Accept       multipart/form-data
// @Produce      application/json
// @Param        file  formData  file    true   "the file"
// @Param        note  formData  string  false  "a note, at most 200 characters"
// @Success      200   {object}  response.Response{data=response.FileResponse,msg=string}  "the stored file; code 7 when refused"
// @Failure      401   {object}  response.Response                                            "not logged in"
// @Router       /files/upload [post]
func (a *api) uploadFile(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		response.FailWithMessage(c, "file: "+err.Error())
		return
	}
	note := c.PostForm("note")
	switch {
	case fh.Size > maxUpload:
		response.FailWithMessage(c, "the file is larger than 1 MiB")
		return
	case utf8.RuneCountInString(note) > 200:
		response.FailWithMessage(c, "note: at most 200 characters")
		return
	case utf8.RuneCountInString(note) > shortNote && a.faults.has(faultShortNote400):
		c.JSON(http.StatusBadRequest, response.Response{Code: response.Error, Data: map[string]interface{}{}, Msg: "note: at most 20 characters"})
		return
	case utf8.RuneCountInString(note) > shortNote && a.faults.has(faultShortNote):
		response.FailWithMessage(c, "note: at most 20 characters")
		return
	}
	st := a.store
	st.mu.Lock()
	st.nextFile++
	f := &model.File{ID: st.nextFile, Name: fh.Filename, Size: fh.Size, Note: note, CreatedAt: time.Now().UTC()}
	f.URL = "/api/files/" + strconv.FormatUint(uint64(f.ID), 10)
	st.files[f.ID] = f
	st.mu.Unlock()
	response.OkWithData(c, response.FileResponse{File: *f}, "uploaded")
}

// getChunks godoc
// @Summary      Chunks received of an unfinished upload
// @Description  Resumable uploads are not kept by this server: the list is always empty.
// @Tags         Files
// @Security     BearerAuth
// @Produce      application/json
// @Param        data  query     request.ChunkQuery                                     true  "uploadId (a UUID) and fileMd5 (MD5 of the whole file)"
// @Success      200   {object}  response.Response{data=response.ChunkInfo,msg=string}  "the chunks; code 7 when refused"
// @Failure      401   {object}  response.Response                                         "not logged in"
// @Router       /files/chunk [get]
func (a *api) getChunks(c *gin.Context) {
	var q request.ChunkQuery
	if err := c.ShouldBindQuery(&q); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	if a.faults.has(faultUUID500) {
		// The unfinished upload is looked up by its id and used unchecked: every well-formed id panics.
		panic("uuid-500: no upload " + q.UploadID)
	}
	response.OkWithData(c, response.ChunkInfo{UploadID: q.UploadID, FileMd5: q.FileMd5, Chunks: []int{}}, "ok")
}

// getFile godoc
// @Summary   Get a file's record
// @Tags      Files
// @Security  ApiKeyAuth
// @Produce   application/json
// @Param     id   path      int                                               true  "file id"  minimum(1)  format(int64)
// @Success   200  {object}  response.Response{data=model.File,msg=string}  "the file; code 7 when it does not exist"
// @Failure   401  {object}  response.Response                                  "not logged in"
// @Router    /files/{id} [get]
func (a *api) getFile(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	a.store.mu.Lock()
	f := a.store.files[id]
	a.store.mu.Unlock()
	if f == nil {
		response.FailWithMessage(c, "record not found")
		return
	}
	response.OkWithData(c, f, "ok")
}

// updateFile godoc
// @Summary      Rename a file
// @Tags         Files
// @Security     ApiKeyAuth
// @Accept       application/x-www-form-urlencoded
// @Produce      application/json
// @Param        id    path      int     true   "file id"  minimum(1)  format(int64)
// @Param        name  formData  string  true   "new name"  minlength(1)  maxlength(64)
// @Param        note  formData  string  false  "new note"  maxlength(200)
// @Success      200   {object}  response.Response{data=model.File,msg=string}  "the updated file; code 7 when refused"
// @Failure      401   {object}  response.Response                                  "not logged in"
// @Router       /files/{id} [put]
func (a *api) updateFile(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	if mt, _, _ := mime.ParseMediaType(c.ContentType()); mt != binding.MIMEPOSTForm {
		response.FailWithMessage(c, "Content-Type must be application/x-www-form-urlencoded")
		return
	}
	var m request.FileMeta
	if err := c.ShouldBindWith(&m, binding.FormPost); err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	a.store.mu.Lock()
	defer a.store.mu.Unlock()
	f := a.store.files[id]
	if f == nil {
		response.FailWithMessage(c, "record not found")
		return
	}
	f.Name, f.Note = m.Name, m.Note
	response.OkWithData(c, f, "updated")
}

// deleteFile godoc
// @Summary      Delete a file
// @Description  Answers 204 with no body; an unknown id is code 7 with HTTP 200.
// @Tags         Files
// @Security     ApiKeyAuth
// @Produce      application/json
// @Param        id   path      int                            true  "file id"  minimum(1)  format(int64)
// @Success      204  {object}  response.Response              "deleted"
// @Failure      200  {object}  response.Response{msg=string}  "code 7 when refused"
// @Failure      401  {object}  response.Response              "not logged in"
// @Router       /files/{id} [delete]
func (a *api) deleteFile(c *gin.Context) {
	id, err := parseID(c)
	if err != nil {
		response.FailWithMessage(c, err.Error())
		return
	}
	a.store.mu.Lock()
	defer a.store.mu.Unlock()
	if a.store.files[id] == nil {
		response.FailWithMessage(c, "record not found")
		return
	}
	delete(a.store.files, id)
	c.Status(http.StatusNoContent)
}
