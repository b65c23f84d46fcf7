package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

func init() { gin.SetMode(gin.TestMode) }

func newTestRouter(t *testing.T, faults ...fault) http.Handler {
	t.Helper()
	set := faultSet{}
	for _, f := range faults {
		set[f] = true
	}
	st := newStore()
	st.seed(set.has(faultNullArray))
	return newRouter(config{token: "secret", faults: set}, st)
}

func do(h http.Handler, method, path, body string, hdr ...string) *httptest.ResponseRecorder {
	var r *http.Request
	if body != "" {
		r = httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	var e ErrorResponse
	if w.Code != status || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Code != code {
		t.Errorf("got %d %s; want %d %s", w.Code, w.Body, status, code)
	}
	if w.Header().Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}

const auth = "Bearer secret"

func TestListAlbums(t *testing.T) {
	h := newTestRouter(t)
	w := do(h, "GET", "/v1/albums?limit=2", "", "X-Request-Id", "abc")
	if w.Code != 200 || w.Header().Get("X-Total-Count") != "3" || w.Header().Get("X-Request-Id") != "abc" {
		t.Fatalf("got %d %v", w.Code, w.Header())
	}
	var page AlbumList
	if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil || len(page.Items) != 2 || page.Total != 3 || page.Limit != 2 {
		t.Errorf("page %+v, %v", page, err)
	}
	if w := do(h, "GET", "/v1/albums?artist=nobody", ""); !strings.Contains(w.Body.String(), `"items":[]`) {
		t.Errorf("empty page: %s", w.Body)
	}
	for _, q := range []string{"limit=0", "limit=101", "limit=x", "limit=", "limit=1.5", "offset=-1", "genre=ROCK", "offset=99999999999999999999"} {
		wantError(t, do(h, "GET", "/v1/albums?"+q, ""), 400, "validation_failed")
	}
}

func TestCreateAlbum(t *testing.T) {
	h := newTestRouter(t)
	body := `{"title":"T","artist":"A","price":0,"year":2000.0,"tags":["a","b"]}`
	w := do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", "k")
	if w.Code != 201 || w.Header().Get("Location") != "/v1/albums/4" {
		t.Fatalf("got %d %s %v", w.Code, w.Body, w.Header())
	}
	if again := do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", "k"); again.Header().Get("Location") != "/v1/albums/4" {
		t.Errorf("replay: %d %v", again.Code, again.Header())
	}
	w = do(h, "POST", "/v1/albums", body, "Idempotency-Key", "k")
	wantError(t, w, 401, "unauthorized")
	if w.Header().Get("WWW-Authenticate") != "Bearer" {
		t.Errorf("WWW-Authenticate %q", w.Header().Get("WWW-Authenticate"))
	}
	wantError(t, do(h, "POST", "/v1/albums", body, "Authorization", auth), 400, "validation_failed")
	for _, key := range []string{strings.Repeat("k", 65), "é"} {
		wantError(t, do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", key), 400, "validation_failed")
	}
	if w := do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", "a b"); w.Code != 201 {
		t.Errorf("key with an inner space: %d %s", w.Code, w.Body)
	}
	cases := map[string]string{
		`{"title":"T","artist":"A"}`:                            "validation_failed",
		`{"title":"T","artist":"A","price":-1}`:                 "validation_failed",
		`{"title":"T","artist":"A","price":null}`:               "validation_failed",
		`{"Title":"T","artist":"A","price":1}`:                  "validation_failed",
		`{"title":"","artist":"A","price":1}`:                   "validation_failed",
		`{"title":"T","artist":"A","price":1,"tags":["a","a"]}`: "validation_failed",
		`{"title":"T","artist":"A","price":1,"year":1999.5}`:    "validation_failed",
		`{"title":"T","artist":"A","price":1,"genre":"Rock"}`:   "validation_failed",
		`[]`:                  "validation_failed",
		`{"title":"T"`:        "malformed_json",
		`{"title":"T"} extra`: "malformed_json",
	}
	for b, code := range cases {
		wantError(t, do(h, "POST", "/v1/albums", b, "Authorization", auth, "Idempotency-Key", "k2"), 400, code)
	}
	w = do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", "k", "Content-Type", "text/plain")
	wantError(t, w, 415, "unsupported_media_type")
	big := `{"title":"` + strings.Repeat("x", 70000) + `"}`
	wantError(t, do(h, "POST", "/v1/albums", big, "Authorization", auth, "Idempotency-Key", "k"), 413, "payload_too_large")
}

func TestAlbumLifecycle(t *testing.T) {
	h := newTestRouter(t)
	if w := do(h, "PATCH", "/v1/albums/1", `{"price":1}`, "Authorization", auth); w.Code != 200 || !strings.Contains(w.Body.String(), `"price":1,`) {
		t.Errorf("patch: %d %s", w.Code, w.Body)
	}
	wantError(t, do(h, "PATCH", "/v1/albums/1", `{}`, "Authorization", auth), 400, "validation_failed")
	wantError(t, do(h, "GET", "/v1/albums/0", ""), 400, "validation_failed")
	wantError(t, do(h, "GET", "/v1/albums/abc", ""), 400, "validation_failed")
	if w := do(h, "DELETE", "/v1/albums/1", "", "Authorization", auth); w.Code != 204 || w.Body.Len() != 0 {
		t.Errorf("delete: %d %q", w.Code, w.Body)
	}
	wantError(t, do(h, "GET", "/v1/albums/1", ""), 404, "not_found")
	wantError(t, do(h, "GET", "/v1/albums/1/tracks", ""), 404, "not_found")
	w := do(h, "POST", "/v1/albums/2/tracks", `{"title":"x","durationSeconds":60}`, "Authorization", auth)
	if w.Code != 201 || w.Header().Get("Location") != "/v1/albums/2/tracks/7" {
		t.Fatalf("create track: %d %s %v", w.Code, w.Body, w.Header())
	}
	if w := do(h, "GET", "/v1/albums/2/tracks/7", ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"number":3`) {
		t.Errorf("get track: %d %s", w.Code, w.Body)
	}
	w = do(h, "POST", "/v1/albums", `{"title":"T","artist":"A","price":1}`, "Authorization", auth, "Idempotency-Key", "k")
	if w := do(h, "GET", w.Header().Get("Location")+"/tracks", ""); w.Body.String() != "[]" {
		t.Errorf("empty tracks: %s", w.Body)
	}
	wantError(t, do(h, "GET", "/v1/albums/2/tracks/1", ""), 404, "not_found")
}

func TestFaults(t *testing.T) {
	h := newTestRouter(t, faultNoAuth, faultWrongType, faultNullArray, faultTrailingSlash, faultRejectValid, faultMissingHeader)
	if w := do(h, "PATCH", "/v1/albums/1", `{"price":1}`); w.Code != 200 {
		t.Errorf("no-auth: %d", w.Code)
	}
	if w := do(h, "GET", "/v1/albums/1", ""); !strings.Contains(w.Body.String(), `"price":"1"`) || strings.Count(w.Body.String(), "price") != 1 {
		t.Errorf("wrong-type: %s", w.Body)
	}
	if w := do(h, "GET", "/v1/albums/3/tracks/", ""); w.Body.String() != "null" {
		t.Errorf("null-array: %d %s", w.Code, w.Body)
	}
	if w := do(h, "GET", "/v1/albums/1/tracks", ""); w.Code != 301 {
		t.Errorf("trailing-slash: %d", w.Code)
	}
	if w := do(h, "DELETE", "/v1/albums/1", "", "Authorization", auth); w.Code != 204 {
		t.Errorf("delete still needs a token: %d", w.Code)
	}
	wantError(t, do(h, "POST", "/v1/albums", `{"title":"T","artist":"A","price":0}`, "Authorization", auth, "Idempotency-Key", "k"), 400, "validation_failed")
	if w := do(h, "GET", "/v1/albums", ""); w.Code != 200 || w.Header().Get("X-Total-Count") != "" {
		t.Errorf("missing-header: %d %v", w.Code, w.Header())
	}
	if _, err := parseFaults("slow, nope"); err == nil {
		t.Error("unknown fault accepted")
	}
}

func TestBoundary500(t *testing.T) {
	h := newTestRouter(t, faultBoundary500, faultMissingField)
	if w := do(h, "GET", "/v1/albums?limit=100", ""); w.Code != 500 || w.Body.Len() != 0 {
		t.Errorf("boundary-500: %d %q", w.Code, w.Body)
	}
	if w := do(h, "GET", "/v1/albums?limit=99", ""); w.Code != 200 || strings.Contains(w.Body.String(), "artist") {
		t.Errorf("missing-field: %d %s", w.Code, w.Body)
	}
}

func TestSyntax500(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		fault      bool
		want       int
	}{
		{"syntax error, fault on", `{"title":,"x"}`, true, 500},
		{"trailing garbage, fault on", `{"title":"x","durationSeconds":1} tollgate`, true, 500},
		{"truncated, fault on", `{"title": `, true, 400},
		{"syntax error, fault off", `{"title":,"x"}`, false, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h http.Handler
			if tc.fault {
				h = newTestRouter(t, faultSyntax500)
			} else {
				h = newTestRouter(t)
			}
			if w := do(h, "POST", "/v1/albums/1/tracks", tc.body, "Authorization", auth); w.Code != tc.want {
				t.Errorf("got %d %s; want %d", w.Code, w.Body, tc.want)
			}
		})
	}
}

func TestListAlbumsFaults(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault []fault
		query string
		want  int
	}{
		{"required-empty rejects artist=", []fault{faultRequiredEmpty}, "artist=", 400},
		{"required-empty keeps a real artist", []fault{faultRequiredEmpty}, "artist=Miles%20Davis", 200},
		{"artist= without the fault", nil, "artist=", 200},
		{"overflow-500 on a limit beyond int64", []fault{faultOverflow500}, "limit=9223372036854775808", 500},
		{"overflow-500 keeps an in-range bad limit at 400", []fault{faultOverflow500}, "limit=101", 400},
		{"a limit beyond int64 without the fault", nil, "limit=9223372036854775808", 400},
		{"slow-offset answers a deep offset", []fault{faultSlowOffset}, "offset=1000", 200},
		{"default-500 on limit=20 sent", []fault{faultDefault500}, "limit=20", 500},
		{"default-500 keeps another limit", []fault{faultDefault500}, "limit=21", 200},
		{"default-500 keeps a request without limit", []fault{faultDefault500}, "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTestRouter(t, tc.fault...)
			if w := do(h, "GET", "/v1/albums?"+tc.query, ""); w.Code != tc.want {
				t.Errorf("got %d %s; want %d", w.Code, w.Body, tc.want)
			}
		})
	}
}

func TestSlowOffset(t *testing.T) {
	set := faultSet{faultSlowOffset: true}
	st := newStore()
	st.seed(false)
	h := newRouter(config{token: "secret", faults: set, slow: 300 * time.Millisecond}, st)
	// Only a lower bound: how fast the shallow page is depends on the machine.
	started := time.Now()
	do(h, "GET", "/v1/albums?offset=1000", "")
	if deep := time.Since(started); deep < 300*time.Millisecond {
		t.Errorf("offset=1000 took %v; want at least the 300ms delay", deep)
	}
}

func TestCreateFaults(t *testing.T) {
	body := `{"title":"T","artist":"A","price":1}`
	h := newTestRouter(t, faultCreate200)
	w := do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", "k")
	if w.Code != 200 || w.Header().Get("Location") != "" || !strings.HasPrefix(w.Body.String(), `{"id":4,`) {
		t.Errorf("create-200: %d %v %s", w.Code, w.Header(), w.Body)
	}
	if w := do(h, "DELETE", "/v1/albums/4", "", "Authorization", auth); w.Code != 204 {
		t.Errorf("create-200: the album is not there to delete: %d", w.Code)
	}
	h = newTestRouter(t, faultIDInWrapper)
	w = do(h, "POST", "/v1/albums", body, "Authorization", auth, "Idempotency-Key", "k")
	if w.Code != 201 || w.Header().Get("Location") != "" || !strings.HasPrefix(w.Body.String(), `{"album":{"id":4,`) {
		t.Errorf("id-in-wrapper: %d %v %s", w.Code, w.Header(), w.Body)
	}
	if w := do(h, "GET", "/v1/albums/4", ""); w.Code != 200 || !strings.HasPrefix(w.Body.String(), `{"id":4,`) {
		t.Errorf("id-in-wrapper: reads stay unwrapped: %d %s", w.Code, w.Body)
	}
}

func TestExtraDelay(t *testing.T) {
	st := newStore()
	st.seed(false)
	slow := newRouter(config{token: "secret", faults: faultSet{faultExtraDelay: true}, extraDelay: 30 * time.Millisecond}, st)
	fast := newTestRouter(t)
	for _, path := range []string{"/v1/albums", "/v1/albums/1", "/healthz"} {
		start := time.Now()
		if w := do(slow, "GET", path, ""); w.Code != 200 {
			t.Errorf("extra-delay-ms %s: %d", path, w.Code)
		}
		if took := time.Since(start); took < 30*time.Millisecond {
			t.Errorf("extra-delay-ms %s took %v, want >= 30ms", path, took)
		}
		start = time.Now()
		do(fast, "GET", path, "")
		if took := time.Since(start); took >= 30*time.Millisecond {
			t.Errorf("without the fault %s took %v", path, took)
		}
	}
}

func TestStallDelay(t *testing.T) {
	start := time.Unix(0, 0)
	every, hold := time.Second, 300*time.Millisecond
	for _, c := range []struct {
		at, want time.Duration
	}{
		{100 * time.Millisecond, 0},           // the first period never stalls
		{time.Second, 300 * time.Millisecond}, // a stall begins: wait it out
		{1100 * time.Millisecond, 200 * time.Millisecond},
		{1300 * time.Millisecond, 0}, // the stall is over
		{2999 * time.Millisecond, 0},
		{3050 * time.Millisecond, 250 * time.Millisecond},
	} {
		if got := stallDelay(start, start.Add(c.at), every, hold); got != c.want {
			t.Errorf("stallDelay at %v = %v, want %v", c.at, got, c.want)
		}
	}
}

func TestStall(t *testing.T) {
	st := newStore()
	st.seed(false)
	cfg := config{token: "secret", faults: faultSet{faultStall: true}, stallEvery: 100 * time.Millisecond, stallFor: 60 * time.Millisecond}
	stalled := newRouter(cfg, st)
	fast := newTestRouter(t)
	time.Sleep(105 * time.Millisecond) // into the second period's stall window
	start := time.Now()
	if w := do(stalled, "GET", "/v1/albums/1", ""); w.Code != 200 {
		t.Errorf("stall: %d", w.Code)
	}
	if took := time.Since(start); took < 30*time.Millisecond {
		t.Errorf("a request in the stall window took %v, want >= 30ms", took)
	}
	start = time.Now()
	do(fast, "GET", "/v1/albums/1", "")
	if took := time.Since(start); took >= 30*time.Millisecond {
		t.Errorf("without the fault a request took %v", took)
	}
}
