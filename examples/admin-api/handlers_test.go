package main

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tollgate-dev/tollgate/examples/admin-api/response"
)

func init() { gin.SetMode(gin.TestMode) }

const bearer = "Bearer secret"

func newTestRouter(t *testing.T, faults ...fault) http.Handler {
	t.Helper()
	set := faultSet{}
	for _, f := range faults {
		set[f] = true
	}
	return newRouter(config{token: "secret", faults: set}, newStore())
}

type envelope struct {
	Code int             `json:"code"`
	Data json.RawMessage `json:"data"`
	Msg  string          `json:"msg"`
}

func do(h http.Handler, method, path, contentType, body string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func doJSON(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	return do(h, method, path, "application/json", body, "Authorization", bearer)
}

// answer asserts the HTTP status and the envelope code, and returns the envelope.
func answer(t *testing.T, w *httptest.ResponseRecorder, status, code int) envelope {
	t.Helper()
	var e envelope
	if w.Code != status || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Code != code {
		t.Fatalf("got %d %s; want HTTP %d code %d", w.Code, w.Body, status, code)
	}
	return e
}

func TestLoginCaptchaAndLogout(t *testing.T) {
	h := newTestRouter(t)
	if e := answer(t, doJSON(h, "POST", "/api/base/login", `{"username":"admin","password":"123456","captcha":"1234"}`), 200, 7); e.Msg != "captcha is wrong" {
		t.Errorf("msg %q", e.Msg)
	}
	answer(t, doJSON(h, "POST", "/api/base/login", `{"username":"admin","password":"wrong!","captcha":"8888"}`), 200, 7)
	e := answer(t, doJSON(h, "POST", "/api/base/login", `{"username":"admin","password":"123456","captcha":"8888"}`), 200, 0)
	var data struct{ Token string }
	json.Unmarshal(e.Data, &data)
	token := "Bearer " + data.Token
	answer(t, do(h, "GET", "/api/users?page=1&pageSize=10", "", "", "Authorization", token), 200, 0)
	answer(t, do(h, "POST", "/api/base/logout", "", "", "Authorization", token), 200, 0)
	answer(t, do(h, "GET", "/api/users?page=1&pageSize=10", "", "", "Authorization", token), 401, 7)
	// The server's own token still works: logout revoked only the token it carried.
	answer(t, doJSON(h, "GET", "/api/users?page=1&pageSize=10", ""), 200, 0)
}

func TestMissingTokenIs401(t *testing.T) {
	h := newTestRouter(t)
	for _, path := range []string{"/api/users?page=1&pageSize=10", "/api/files/1", "/api/files/chunk?fileMd5=x"} {
		w := do(h, "GET", path, "", "")
		e := answer(t, w, 401, 7)
		if string(e.Data) != `{"reload":true}` {
			t.Errorf("%s: data %s", path, e.Data)
		}
	}
	answer(t, do(h, "GET", "/api/users?page=1&pageSize=10", "", "", "Authorization", "Bearer nope"), 401, 7)
}

func TestPagingLimitsFromBindingTags(t *testing.T) {
	h := newTestRouter(t)
	for q, code := range map[string]int{
		"page=1&pageSize=100": 0, "page=1&pageSize=101": 7, "page=0&pageSize=10": 7, "pageSize=10": 7,
		"page=1&pageSize=1.5": 7, "page=9223372036854775807&pageSize=100": 0, "page=1&pageSize=10&keyword=" + strings.Repeat("k", 33): 7,
	} {
		if w := doJSON(h, "GET", "/api/users?"+q, ""); answer(t, w, 200, code).Code != code {
			t.Errorf("%s: %s", q, w.Body)
		}
	}
	e := answer(t, doJSON(h, "GET", "/api/roles?page=2&pageSize=10", ""), 200, 0)
	if !strings.Contains(string(e.Data), `"list":[]`) {
		t.Errorf("empty page: %s", e.Data)
	}
}

func TestUserCRUDAndBusinessRules(t *testing.T) {
	h := newTestRouter(t)
	e := answer(t, doJSON(h, "POST", "/api/users", `{"username":"alice","password":"s3cret!","nickName":"Alice","roleId":2}`), 200, 0)
	var u struct{ ID int }
	json.Unmarshal(e.Data, &u)
	if u.ID != 4 {
		t.Fatalf("id %d", u.ID)
	}
	for _, body := range []string{
		`{"username":"alice","password":"s3cret!","nickName":"Alice","roleId":2}`, // taken
		`{"username":"bob","password":"s3cret!","nickName":"Bob","roleId":99}`,    // no such role
		`{"password":"s3cret!","nickName":"Bob","roleId":2}`,                      // required
		`{"username":"bob","password":"s3cret!","nickName":"","roleId":2}`,        // min=1
		`{"username":"bob","password":"s3cret!","nickName":"Bob","roleId":1.5}`,   // type
		`{"username":"bob","password":"s3cret!","nickName":"Bob","roleId":99999999999999999999}`,
		`{bad`, `not json`, `{"username":"bob"`, `true`, `[]`, ``,
	} {
		answer(t, doJSON(h, "POST", "/api/users", body), 200, 7)
	}
	answer(t, doJSON(h, "GET", "/api/users/4", ""), 200, 0)
	answer(t, doJSON(h, "GET", "/api/users/99", ""), 200, 7)
	answer(t, doJSON(h, "GET", "/api/users/99999999999999999999", ""), 200, 7)
	answer(t, doJSON(h, "PUT", "/api/users/4", `{"nickName":"Al","roleId":3}`), 200, 0)
	answer(t, doJSON(h, "PUT", "/api/users/1", `{"nickName":"Root","roleId":1}`), 200, 7)
	answer(t, doJSON(h, "DELETE", "/api/users/1", ""), 200, 7)
	answer(t, doJSON(h, "DELETE", "/api/users/4", ""), 200, 0)
	answer(t, doJSON(h, "GET", "/api/users/4", ""), 200, 7)
}

func TestRoleRules(t *testing.T) {
	h := newTestRouter(t)
	answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"admin"}`), 200, 7)
	answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":""}`), 200, 7)
	answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"x","parentId":42}`), 200, 7)
	answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"auditor","parentId":2}`), 200, 0)
	answer(t, doJSON(h, "GET", "/api/roles/4", ""), 200, 0)
	answer(t, doJSON(h, "DELETE", "/api/roles/2", ""), 200, 7) // held by editor1
	answer(t, doJSON(h, "DELETE", "/api/roles/4", ""), 200, 0)
}

func upload(h http.Handler, name string, content []byte) *httptest.ResponseRecorder {
	return uploadNote(h, name, content, "hello")
}

func uploadNote(h http.Handler, name string, content []byte, note string) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(content)
	}
	mw.WriteField("note", note)
	mw.Close()
	return do(h, "POST", "/api/files/upload", mw.FormDataContentType(), buf.String(), "Authorization", bearer)
}

// chunkPath is a valid GET /files/chunk: a UUID uploadId (36 characters) and a 32-character fileMd5.
const chunkPath = "/api/files/chunk?uploadId=6f1c2a7e-3b9d-4c5e-8f0a-1d2e3f4a5b6c&fileMd5=0cc175b9c0f1b6a831c399e269772661"

func TestFiles(t *testing.T) {
	h := newTestRouter(t)
	e := answer(t, upload(h, "a.txt", []byte("hello")), 200, 0)
	if !strings.Contains(string(e.Data), `"file":{"id":2,"name":"a.txt","size":5`) {
		t.Errorf("upload data %s", e.Data)
	}
	answer(t, upload(h, "", nil), 200, 7)
	answer(t, upload(h, "big.bin", make([]byte, maxUpload+1)), 200, 7)

	form := "application/x-www-form-urlencoded"
	answer(t, do(h, "PUT", "/api/files/2", form, "name=b.txt&note=n", "Authorization", bearer), 200, 0)
	answer(t, do(h, "PUT", "/api/files/2", form, "note=n", "Authorization", bearer), 200, 7)
	answer(t, do(h, "PUT", "/api/files/2?name=q", form, "note=n", "Authorization", bearer), 200, 7)
	answer(t, do(h, "PUT", "/api/files/2", "application/json", `{"name":"b"}`, "Authorization", bearer), 200, 7)

	e = answer(t, doJSON(h, "GET", chunkPath, ""), 200, 0)
	if !strings.Contains(string(e.Data), `"chunks":[]`) {
		t.Errorf("chunks %s", e.Data)
	}
	answer(t, doJSON(h, "GET", "/api/files/chunk", ""), 200, 7)
	// uploadId is bound with binding:"uuid": 36 lowercase hex-and-dash characters, nothing shorter or upper-case.
	for _, id := range []string{"", "6f1c2a7e-3b9d-4c5e-8f0a-1d2e3f4a5b6", "6F1C2A7E-3B9D-4C5E-8F0A-1D2E3F4A5B6C", "not-a-uuid"} {
		answer(t, doJSON(h, "GET", "/api/files/chunk?fileMd5=0cc175b9c0f1b6a831c399e269772661&uploadId="+id, ""), 200, 7)
	}
	answer(t, doJSON(h, "GET", "/api/files/chunk?fileMd5=0cc175b9&uploadId=6f1c2a7e-3b9d-4c5e-8f0a-1d2e3f4a5b6c", ""), 200, 7)
	// DELETE /files/chunk is routed to DELETE /files/:id (Gin's tree), an invalid id.
	answer(t, doJSON(h, "DELETE", "/api/files/chunk", ""), 200, 7)
	if w := doJSON(h, "DELETE", "/api/files/2", ""); w.Code != 204 || w.Body.Len() != 0 {
		t.Errorf("delete: %d %q", w.Code, w.Body)
	}
	answer(t, doJSON(h, "DELETE", "/api/files/2", ""), 200, 7)
	if w := doJSON(h, "POST", "/api/files/chunk", ""); w.Code != 404 {
		t.Errorf("POST /files/chunk: %d", w.Code)
	}
}

func TestFaults(t *testing.T) {
	form := "application/x-www-form-urlencoded"
	cases := []struct {
		fault         fault
		method, path  string
		body          string
		clean, fault_ int // HTTP status without and with the fault
	}{
		{faultBoundary500, "GET", "/api/users?page=1&pageSize=100", "", 200, 500},
		{faultUndocumentedStatus, "GET", "/api/users/99", "", 200, 404},
		{faultInt64Overflow, "GET", "/api/users/9223372036854775808", "", 200, 500},
		{faultSyntax500, "POST", "/api/users", `{bad`, 200, 500},
		{faultCreate201, "POST", "/api/roles", `{"roleName":"new"}`, 200, 201},
		{faultUUID500, "GET", chunkPath, "", 200, 500},
	}
	for _, c := range cases {
		if w := doJSON(newTestRouter(t), c.method, c.path, c.body); w.Code != c.clean {
			t.Errorf("%s clean: %d", c.fault, w.Code)
		}
		if w := doJSON(newTestRouter(t, c.fault), c.method, c.path, c.body); w.Code != c.fault_ {
			t.Errorf("%s: %d %s", c.fault, w.Code, w.Body)
		}
	}
	// uuid-500 only on a well-formed uploadId: a malformed one is still refused by the binding (code 7).
	answer(t, doJSON(newTestRouter(t, faultUUID500), "GET", "/api/files/chunk?fileMd5=0cc175b9c0f1b6a831c399e269772661&uploadId=x", ""), 200, 7)
	// syntax-500 only on syntax errors: a truncated body is still code 7.
	answer(t, doJSON(newTestRouter(t, faultSyntax500), "POST", "/api/users", `{"username":"bob"`), 200, 7)

	answer(t, doJSON(newTestRouter(t, faultUnenforcedRequired), "POST", "/api/users", `{"password":"s3cret!","nickName":"Bob","roleId":2}`), 200, 0)
	answer(t, doJSON(newTestRouter(t, faultRequiredEmpty), "POST", "/api/roles", `{"roleName":""}`), 200, 0)
	e := answer(t, doJSON(newTestRouter(t, faultNullList), "GET", "/api/roles?page=2&pageSize=10", ""), 200, 0)
	if !strings.Contains(string(e.Data), `"list":null`) {
		t.Errorf("null-list: %s", e.Data)
	}
	answer(t, do(newTestRouter(t, faultAuthHole), "GET", "/api/files?page=1&pageSize=10", "", ""), 200, 0)
	answer(t, do(newTestRouter(t, faultAuthHole), "GET", "/api/files/1", "", ""), 401, 7)
	answer(t, do(newTestRouter(t, faultAuthHole), "PUT", "/api/files/1", form, "name=x"), 401, 7)

	// delete-400: a live role's DELETE is HTTP 400 and the role stays; an unknown one is still code 7.
	for _, c := range []struct {
		faults       []fault
		status, code int // of the DELETE
		after        int // code of the GET after it
	}{{nil, 200, 0, 7}, {[]fault{faultDelete400}, 400, 7, 0}} {
		h := newTestRouter(t, c.faults...)
		var role struct{ ID int }
		json.Unmarshal(answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"temp"}`), 200, 0).Data, &role)
		path := "/api/roles/" + strconv.Itoa(role.ID)
		answer(t, doJSON(h, "DELETE", path, ""), c.status, c.code)
		answer(t, doJSON(h, "GET", path, ""), 200, c.after)
		answer(t, doJSON(h, "DELETE", "/api/roles/99", ""), 200, 7)
	}

	// short-note, short-note-400: 21 characters (the documented limit is 200) refused.
	note := strings.Repeat("n", 21)
	answer(t, uploadNote(newTestRouter(t), "a.txt", []byte("x"), note), 200, 0)
	answer(t, uploadNote(newTestRouter(t, faultShortNote), "a.txt", []byte("x"), note), 200, 7)
	answer(t, uploadNote(newTestRouter(t, faultShortNote400), "a.txt", []byte("x"), note), 400, 7)
	answer(t, uploadNote(newTestRouter(t, faultShortNote400), "a.txt", []byte("x"), note[:20]), 200, 0)

	for fault, code := range map[fault]int{"": 0, faultDeleteRefused: 7} {
		h := newTestRouter(t, fault)
		answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"temp"}`), 200, 0)
		answer(t, doJSON(h, "DELETE", "/api/roles/4", ""), 200, code)
		answer(t, doJSON(h, "GET", "/api/roles/4", ""), 200, 7-code) // gone, or kept
	}
}

func TestSlowOffset(t *testing.T) {
	// The delay is a lower bound only: no assertion that anything is fast.
	h := newRouter(config{token: "secret", faults: faultSet{faultSlowOffset: true}, slow: 50 * time.Millisecond}, newStore())
	for _, q := range []string{"page=1000001&pageSize=1", "page=10001&pageSize=100", "page=2147483647&pageSize=10"} {
		start := time.Now()
		answer(t, doJSON(h, "GET", "/api/files?"+q, ""), 200, 0)
		if time.Since(start) < 50*time.Millisecond {
			t.Errorf("%s answered before the slow path's delay", q)
		}
	}
	if _, err := parseFaults("slow-offset,nope"); err == nil || !strings.Contains(err.Error(), "known: null-list") {
		t.Errorf("parseFaults: %v", err)
	}
}

// ADMIN_CODES changes the envelope's codes: success 1, refusal 0 (scaffolds where 1 means ok).
func TestCodes(t *testing.T) {
	t.Setenv("ADMIN_CODES", "1,0")
	t.Setenv("ADMIN_TOKEN", "secret")
	cfg, err := loadConfig(nil)
	if err != nil {
		t.Fatal(err)
	}
	response.SetCodes(cfg.codes[0], cfg.codes[1])
	defer response.SetCodes(0, 7)
	h := newTestRouter(t)
	answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"coded"}`), 200, 1)
	answer(t, doJSON(h, "POST", "/api/roles", `{"roleName":"coded"}`), 200, 0)
	for _, bad := range []string{"1", "1,1", "a,0"} {
		t.Setenv("ADMIN_CODES", bad)
		if _, err := loadConfig(nil); err == nil {
			t.Errorf("ADMIN_CODES=%q accepted", bad)
		}
	}
}
