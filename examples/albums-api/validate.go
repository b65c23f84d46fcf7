package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

const (
	maxBodyBytes = 64 << 10
	maxID        = math.MaxInt32
)

// apiError is an error answered as an ErrorResponse.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func invalid(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "validation_failed", fmt.Sprintf(format, args...)}
}

// abortWith answers err as JSON and stops the handler chain.
func abortWith(c *gin.Context, err *apiError) {
	c.AbortWithStatusJSON(err.status, ErrorResponse{Code: err.code, Message: err.message})
}

// readJSONObject checks the Content-Type, reads at most maxBodyBytes and parses a JSON object
// whose keys are matched exactly (encoding/json would match them case-insensitively).
func readJSONObject(c *gin.Context) (map[string]json.RawMessage, *apiError) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		return nil, &apiError{http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type must be application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, &apiError{http.StatusRequestEntityTooLarge, "payload_too_large", fmt.Sprintf("request body is larger than %d bytes", maxBodyBytes)}
		}
		return nil, &apiError{http.StatusBadRequest, "malformed_json", "could not read request body"}
	}
	if !json.Valid(body) {
		return nil, &apiError{http.StatusBadRequest, "malformed_json", "request body is not valid JSON"}
	}
	if t := bytes.TrimLeft(body, " \t\r\n"); t[0] != '{' {
		return nil, invalid("request body must be a JSON object")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, &apiError{http.StatusBadRequest, "malformed_json", err.Error()}
	}
	return obj, nil
}

func checkKeys(obj map[string]json.RawMessage, allowed ...string) *apiError {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			return invalid("unknown property %q", k)
		}
	}
	return nil
}

func stringValue(raw json.RawMessage, name string, minLen, maxLen int) (string, *apiError) {
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", invalid("%s must be a string", name)
	}
	if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
		return "", invalid("%s must be %d to %d characters long", name, minLen, maxLen)
	}
	return s, nil
}

func numberValue(raw json.RawMessage, name string) (float64, *apiError) {
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, invalid("%s must be a number", name)
	}
	// The body passed json.Valid, so raw is a JSON number; out of float64 range gives ±Inf.
	f, _ := strconv.ParseFloat(string(raw), 64)
	return f, nil
}

// integerValue accepts any JSON number with no fractional part (2000.0 is an integer in JSON Schema).
func integerValue(raw json.RawMessage, name string, lo, hi int) (int, *apiError) {
	f, err := numberValue(raw, name)
	if err != nil {
		return 0, invalid("%s must be an integer", name)
	}
	if !math.IsInf(f, 0) && f != math.Trunc(f) {
		return 0, invalid("%s must be an integer", name)
	}
	if f < float64(lo) || f > float64(hi) {
		return 0, invalid("%s must be between %d and %d", name, lo, hi)
	}
	return int(f), nil
}

func genreValue(raw json.RawMessage) (string, *apiError) {
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil || !slices.Contains(genres, s) {
		return "", invalid("genre must be one of %v", genres)
	}
	return s, nil
}

func tagsValue(raw json.RawMessage) ([]string, *apiError) {
	var items []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &items) != nil {
		return nil, invalid("tags must be an array of strings")
	}
	if len(items) > 5 {
		return nil, invalid("tags must have at most 5 items")
	}
	tags := make([]string, 0, len(items))
	for i, item := range items {
		s, err := stringValue(item, fmt.Sprintf("tags[%d]", i), 1, 20)
		if err != nil {
			return nil, err
		}
		if slices.Contains(tags, s) {
			return nil, invalid("tags must be unique")
		}
		tags = append(tags, s)
	}
	return tags, nil
}

// parseAlbum validates an AlbumInput (partial false) or an AlbumPatch (partial true).
// allowNegativePrice is the accept-invalid fault.
func parseAlbum(obj map[string]json.RawMessage, partial, allowNegativePrice bool) (albumFields, *apiError) {
	var f albumFields
	if err := checkKeys(obj, "title", "artist", "price", "year", "genre", "tags"); err != nil {
		return f, err
	}
	if partial && len(obj) == 0 {
		return f, invalid("at least one property is required")
	}
	if !partial {
		for _, k := range []string{"title", "artist", "price"} {
			if _, ok := obj[k]; !ok {
				return f, invalid("%s is required", k)
			}
		}
	}
	for _, k := range []string{"title", "artist"} {
		if raw, ok := obj[k]; ok {
			s, err := stringValue(raw, k, 1, 100)
			if err != nil {
				return f, err
			}
			if k == "title" {
				f.Title = &s
			} else {
				f.Artist = &s
			}
		}
	}
	if raw, ok := obj["price"]; ok {
		p, err := numberValue(raw, "price")
		if err != nil {
			return f, err
		}
		if (p < 0 && !allowNegativePrice) || p > 1000 || math.IsInf(p, 0) {
			return f, invalid("price must be between 0 and 1000")
		}
		f.Price = &p
	}
	if raw, ok := obj["year"]; ok {
		y, err := integerValue(raw, "year", 1900, 2100)
		if err != nil {
			return f, err
		}
		f.Year = &y
	}
	if raw, ok := obj["genre"]; ok {
		g, err := genreValue(raw)
		if err != nil {
			return f, err
		}
		f.Genre = &g
	}
	if raw, ok := obj["tags"]; ok {
		t, err := tagsValue(raw)
		if err != nil {
			return f, err
		}
		f.Tags = &t
	}
	return f, nil
}

// fingerprint identifies a validated body for Idempotency-Key replays.
func (f albumFields) fingerprint() string {
	b, _ := json.Marshal(f)
	return string(b)
}

func parseTrack(obj map[string]json.RawMessage) (TrackInput, *apiError) {
	var t TrackInput
	if err := checkKeys(obj, "title", "durationSeconds"); err != nil {
		return t, err
	}
	for _, k := range []string{"title", "durationSeconds"} {
		if _, ok := obj[k]; !ok {
			return t, invalid("%s is required", k)
		}
	}
	var err *apiError
	if t.Title, err = stringValue(obj["title"], "title", 1, 100); err != nil {
		return t, err
	}
	if t.DurationSeconds, err = integerValue(obj["durationSeconds"], "durationSeconds", 1, 3600); err != nil {
		return t, err
	}
	return t, nil
}

var integerRE = regexp.MustCompile(`^-?[0-9]+$`)

// intParam parses a base-10 integer in [lo, hi].
func intParam(v, name string, lo, hi int) (int, *apiError) {
	n, err := strconv.Atoi(v)
	if !integerRE.MatchString(v) || err != nil || n < lo || n > hi {
		return 0, invalid("%s must be an integer between %d and %d", name, lo, hi)
	}
	return n, nil
}

func pathID(c *gin.Context, name string) (int, *apiError) {
	return intParam(c.Param(name), name, 1, maxID)
}
