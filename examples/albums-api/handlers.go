package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// idempotencyKeyRE is the spec's pattern plus its length bounds (1 to 64).
var idempotencyKeyRE = regexp.MustCompile(`^[!-~](?:[ -~]{0,62}[!-~])?$`)

// api holds the handlers' dependencies.
type api struct {
	store  *store
	faults faultSet
	slow   time.Duration
	gets   atomic.Uint64 // getAlbum requests, for flaky-5xx
}

func notFound(what string, id int) *apiError {
	return &apiError{http.StatusNotFound, "not_found", what + " " + strconv.Itoa(id) + " not found"}
}

// getHealth godoc
// @Summary      Liveness probe
// @ID           getHealth
// @Tags         health
// @Produce      json
// @Success      200  {object}  HealthStatus
// @Header       all  {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /healthz [get]
func (a *api) getHealth(c *gin.Context) {
	c.JSON(http.StatusOK, HealthStatus{Status: "ok"})
}

// getReady godoc
// @Summary      Readiness probe
// @ID           getReady
// @Tags         health
// @Produce      json
// @Success      200  {object}  ReadyStatus
// @Header       all  {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /readyz [get]
func (a *api) getReady(c *gin.Context) {
	c.JSON(http.StatusOK, ReadyStatus{Status: "ready"})
}

// listAlbums godoc
// @Summary      List albums
// @Description  Albums ordered by id, filtered by artist (exact, case-insensitive) and genre.
// @ID           listAlbums
// @Tags         albums
// @Produce      json
// @Param        limit   query     int     false  "Page size"                 minimum(1) maximum(100) default(20)
// @Param        offset  query     int     false  "Albums to skip"            minimum(0) maximum(2147483647) default(0)
// @Param        artist  query     string  false  "Artist, case-insensitive"
// @Param        genre   query     string  false  "Genre"                     Enums(rock, jazz, pop, classical, hiphop)
// @Success      200     {object}  AlbumList
// @Failure      400     {object}  ErrorResponse
// @Header       200     {integer} X-Total-Count  "Albums matching the filters"
// @Header       all     {string}  X-Request-Id   "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums [get]
func (a *api) listAlbums(c *gin.Context) {
	f := albumFilter{Limit: 20}
	var err *apiError
	if v, ok := c.GetQuery("limit"); ok {
		if a.faults.has(faultOverflow500) && overflowsInt64(v) {
			panic("overflow-500: limit " + v)
		}
		if f.Limit, err = intParam(v, "limit", 1, 100); err != nil {
			abortWith(c, err)
			return
		}
		if a.faults.has(faultDefault500) && f.Limit == 20 {
			// A first-page cache keyed on the raw query: only the documented default, sent, reaches it.
			panic("default-500: limit=20 sent")
		}
	}
	if v, ok := c.GetQuery("offset"); ok {
		if f.Offset, err = intParam(v, "offset", 0, maxID); err != nil {
			abortWith(c, err)
			return
		}
	}
	if v, ok := c.GetQuery("artist"); ok {
		if a.faults.has(faultRequiredEmpty) && v == "" {
			// What a form-bound `Artist string` with binding:"required" does with artist=.
			abortWith(c, invalid("Key: 'AlbumQuery.Artist' Error:Field validation for 'Artist' failed on the 'required' tag"))
			return
		}
		f.Artist = &v
	}
	if v, ok := c.GetQuery("genre"); ok {
		if !slices.Contains(genres, v) {
			abortWith(c, invalid("genre must be one of %v", genres))
			return
		}
		f.Genre = &v
	}
	if a.faults.has(faultSlowOffset) && f.Offset >= 1000 {
		sleepCtx(c, a.slow)
	}
	if a.faults.has(faultBoundary500) && f.Limit == 100 {
		panic("boundary-500: limit=100")
	}
	items, total := a.store.List(f)
	if !a.faults.has(faultMissingHeader) {
		c.Header("X-Total-Count", strconv.Itoa(total))
	}
	if a.faults.has(faultMissingField) {
		type albumWithoutArtist struct {
			Album
			Artist *string `json:"artist,omitempty"` // shadows Album.Artist
		}
		page := struct {
			Items  []albumWithoutArtist `json:"items"`
			Total  int                  `json:"total"`
			Limit  int                  `json:"limit"`
			Offset int                  `json:"offset"`
		}{make([]albumWithoutArtist, len(items)), total, f.Limit, f.Offset}
		for i, al := range items {
			page.Items[i].Album = al
		}
		c.JSON(http.StatusOK, page)
		return
	}
	c.JSON(http.StatusOK, AlbumList{Items: items, Total: total, Limit: f.Limit, Offset: f.Offset})
}

// createAlbum godoc
// @Summary      Create an album
// @Description  A repeated request with the same Idempotency-Key and the same body returns the album the first one created.
// @ID           createAlbum
// @Tags         albums
// @Accept       json
// @Produce      json
// @Security     bearerAuth
// @Param        Idempotency-Key  header    string      true  "Client-chosen key: 1 to 64 printable ASCII characters"  minlength(1) maxlength(64)
// @Param        album            body      AlbumInput  true  "The new album"
// @Success      201              {object}  Album
// @Failure      400              {object}  ErrorResponse
// @Failure      401              {object}  ErrorResponse
// @Failure      413              {object}  ErrorResponse
// @Failure      415              {object}  ErrorResponse
// @Header       201              {string}  Location      "/v1/albums/{id}"
// @Header       401              {string}  WWW-Authenticate  "Bearer"
// @Header       all              {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums [post]
func (a *api) createAlbum(c *gin.Context) {
	key, present := c.GetHeader("Idempotency-Key"), len(c.Request.Header.Values("Idempotency-Key")) > 0
	if !present && !a.faults.has(faultIgnoreRequiredHeader) {
		abortWith(c, invalid("Idempotency-Key header is required"))
		return
	}
	if present && !idempotencyKeyRE.MatchString(key) {
		abortWith(c, invalid("Idempotency-Key must be 1 to 64 printable ASCII characters, without leading or trailing spaces"))
		return
	}
	obj, err := readJSONObject(c)
	if err != nil {
		abortWith(c, err)
		return
	}
	f, err := parseAlbum(obj, false, a.faults.has(faultAcceptInvalid))
	if err != nil {
		abortWith(c, err)
		return
	}
	if a.faults.has(faultRejectValid) && *f.Price == 0 {
		// What `binding:"required"` on a non-pointer float64 does.
		abortWith(c, invalid("Key: 'AlbumInput.Price' Error:Field validation for 'Price' failed on the 'required' tag"))
		return
	}
	album := a.store.Create(f, key, f.fingerprint())
	switch {
	case a.faults.has(faultCreate200):
		// What a handler ending in c.JSON(http.StatusOK, album) does while swag says 201.
		c.JSON(http.StatusOK, album)
	case a.faults.has(faultIDInWrapper):
		c.JSON(http.StatusCreated, gin.H{"album": album})
	default:
		c.Header("Location", "/v1/albums/"+strconv.Itoa(album.ID))
		c.JSON(http.StatusCreated, album)
	}
}

// getAlbum godoc
// @Summary      Get an album
// @ID           getAlbum
// @Tags         albums
// @Produce      json
// @Param        id   path      int  true  "Album id"  minimum(1) maximum(2147483647)
// @Success      200  {object}  Album
// @Failure      400  {object}  ErrorResponse
// @Failure      404  {object}  ErrorResponse
// @Header       all  {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id} [get]
func (a *api) getAlbum(c *gin.Context) {
	if a.faults.has(faultXSS) {
		c.Data(http.StatusInternalServerError, "text/html; charset=utf-8", []byte(xssBody))
		return
	}
	if a.faults.has(faultFlaky5xx) && a.gets.Add(1)%20 == 0 {
		abortWith(c, &apiError{http.StatusServiceUnavailable, "internal", "temporarily unavailable"})
		return
	}
	if a.faults.has(faultSlow) {
		sleepCtx(c, a.slow)
	}
	id, err := pathID(c, "id")
	if err != nil {
		abortWith(c, err)
		return
	}
	album, ok := a.store.Get(id)
	if !ok {
		if a.faults.has(faultText404) {
			c.Data(http.StatusNotFound, "text/plain", []byte("404 page not found"))
			return
		}
		abortWith(c, notFound("album", id))
		return
	}
	status := http.StatusOK
	if a.faults.has(faultUndocumentedStatus) {
		status = http.StatusNonAuthoritativeInfo
	}
	if a.faults.has(faultWrongType) {
		c.JSON(status, struct {
			Album
			Price string `json:"price"` // shadows Album.Price
		}{album, strconv.FormatFloat(album.Price, 'f', -1, 64)})
		return
	}
	c.JSON(status, album)
}

// replaceAlbum godoc
// @Summary      Replace an album
// @Description  Sets every field; optional fields left out are cleared. id and createdAt are kept.
// @ID           replaceAlbum
// @Tags         albums
// @Accept       json
// @Produce      json
// @Security     bearerAuth
// @Param        id     path      int         true  "Album id"  minimum(1) maximum(2147483647)
// @Param        album  body      AlbumInput  true  "The new album fields"
// @Success      200    {object}  Album
// @Failure      400    {object}  ErrorResponse
// @Failure      401    {object}  ErrorResponse
// @Failure      404    {object}  ErrorResponse
// @Failure      413    {object}  ErrorResponse
// @Failure      415    {object}  ErrorResponse
// @Header       401    {string}  WWW-Authenticate  "Bearer"
// @Header       all    {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id} [put]
func (a *api) replaceAlbum(c *gin.Context) {
	a.writeAlbum(c, false)
}

// updateAlbum godoc
// @Summary      Update an album
// @Description  Changes the fields present in the body (at least one).
// @ID           updateAlbum
// @Tags         albums
// @Accept       json
// @Produce      json
// @Security     bearerAuth
// @Param        id     path      int         true  "Album id"  minimum(1) maximum(2147483647)
// @Param        album  body      AlbumPatch  true  "Fields to change"
// @Success      200    {object}  Album
// @Failure      400    {object}  ErrorResponse
// @Failure      401    {object}  ErrorResponse
// @Failure      404    {object}  ErrorResponse
// @Failure      413    {object}  ErrorResponse
// @Failure      415    {object}  ErrorResponse
// @Header       401    {string}  WWW-Authenticate  "Bearer"
// @Header       all    {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id} [patch]
func (a *api) updateAlbum(c *gin.Context) {
	a.writeAlbum(c, true)
}

func (a *api) writeAlbum(c *gin.Context, partial bool) {
	id, err := pathID(c, "id")
	if err != nil {
		abortWith(c, err)
		return
	}
	obj, err := readJSONObject(c)
	if err != nil {
		abortWith(c, err)
		return
	}
	f, err := parseAlbum(obj, partial, false)
	if err != nil {
		abortWith(c, err)
		return
	}
	var album Album
	var ok bool
	if partial {
		album, ok = a.store.Update(id, f)
	} else {
		album, ok = a.store.Replace(id, f)
	}
	if !ok {
		abortWith(c, notFound("album", id))
		return
	}
	c.JSON(http.StatusOK, album)
}

// deleteAlbum godoc
// @Summary      Delete an album
// @Description  Deletes the album and its tracks.
// @ID           deleteAlbum
// @Tags         albums
// @Produce      json
// @Security     bearerAuth
// @Param        id   path      int  true  "Album id"  minimum(1) maximum(2147483647)
// @Success      204  "Deleted"
// @Failure      400  {object}  ErrorResponse
// @Failure      401  {object}  ErrorResponse
// @Failure      404  {object}  ErrorResponse
// @Header       401  {string}  WWW-Authenticate  "Bearer"
// @Header       all  {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id} [delete]
func (a *api) deleteAlbum(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		abortWith(c, err)
		return
	}
	album, ok := a.store.Get(id)
	if ok && !a.faults.has(faultUseAfterDelete) {
		ok = a.store.Delete(id)
	}
	if !ok {
		abortWith(c, notFound("album", id))
		return
	}
	if a.faults.has(faultBody204) {
		body, _ := json.Marshal(album)
		writeNoContentWithBody(c, body)
		return
	}
	c.Status(http.StatusNoContent)
}

// listTracks godoc
// @Summary      List the tracks of an album
// @ID           listTracks
// @Tags         tracks
// @Produce      json
// @Param        id   path      int  true  "Album id"  minimum(1) maximum(2147483647)
// @Success      200  {array}   Track
// @Failure      400  {object}  ErrorResponse
// @Failure      404  {object}  ErrorResponse
// @Header       all  {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id}/tracks [get]
func (a *api) listTracks(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		abortWith(c, err)
		return
	}
	tracks, ok := a.store.Tracks(id)
	if !ok {
		abortWith(c, notFound("album", id))
		return
	}
	if tracks == nil && !a.faults.has(faultNullArray) {
		tracks = []Track{}
	}
	if a.faults.has(faultWrongContentType) {
		body, _ := json.Marshal(tracks)
		c.Data(http.StatusOK, "text/plain; charset=utf-8", body)
		return
	}
	c.JSON(http.StatusOK, tracks)
}

// createTrack godoc
// @Summary      Add a track to an album
// @Description  The track gets the next number on the album.
// @ID           createTrack
// @Tags         tracks
// @Accept       json
// @Produce      json
// @Security     bearerAuth
// @Param        id     path      int         true  "Album id"  minimum(1) maximum(2147483647)
// @Param        track  body      TrackInput  true  "The new track"
// @Success      201    {object}  Track
// @Failure      400    {object}  ErrorResponse
// @Failure      401    {object}  ErrorResponse
// @Failure      404    {object}  ErrorResponse
// @Failure      413    {object}  ErrorResponse
// @Failure      415    {object}  ErrorResponse
// @Header       201    {string}  Location      "/v1/albums/{id}/tracks/{trackId}"
// @Header       401    {string}  WWW-Authenticate  "Bearer"
// @Header       all    {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id}/tracks [post]
func (a *api) createTrack(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		abortWith(c, err)
		return
	}
	if a.faults.has(faultSyntax500) {
		panicOnSyntaxError(c)
	}
	obj, err := readJSONObject(c)
	if err != nil {
		abortWith(c, err)
		return
	}
	in, err := parseTrack(obj)
	if err != nil {
		abortWith(c, err)
		return
	}
	track, ok := a.store.AddTrack(id, in, !a.faults.has(faultLostCreate))
	if !ok {
		abortWith(c, notFound("album", id))
		return
	}
	c.Header("Location", "/v1/albums/"+strconv.Itoa(id)+"/tracks/"+strconv.Itoa(track.ID))
	c.JSON(http.StatusCreated, track)
}

// getTrack godoc
// @Summary      Get one track of an album
// @ID           getTrack
// @Tags         tracks
// @Produce      json
// @Param        id       path      int  true  "Album id"  minimum(1) maximum(2147483647)
// @Param        trackId  path      int  true  "Track id"  minimum(1) maximum(2147483647)
// @Success      200      {object}  Track
// @Failure      400      {object}  ErrorResponse
// @Failure      404      {object}  ErrorResponse
// @Header       all      {string}  X-Request-Id  "Echo of the request's X-Request-Id, or a generated id"
// @Router       /v1/albums/{id}/tracks/{trackId} [get]
func (a *api) getTrack(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		abortWith(c, err)
		return
	}
	trackID, err := pathID(c, "trackId")
	if err != nil {
		abortWith(c, err)
		return
	}
	if _, ok := a.store.Get(id); !ok {
		abortWith(c, notFound("album", id))
		return
	}
	track, ok := a.store.Track(id, trackID)
	if !ok {
		abortWith(c, notFound("track", trackID))
		return
	}
	c.JSON(http.StatusOK, track)
}

// extraMethod is the extra-method fault: an undocumented PUT /v1/albums.
func (a *api) extraMethod(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{})
}
