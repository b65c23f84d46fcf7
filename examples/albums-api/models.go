package main

import "time"

// Genre is one of the album genres the API knows.
const (
	GenreRock      = "rock"
	GenreJazz      = "jazz"
	GenrePop       = "pop"
	GenreClassical = "classical"
	GenreHiphop    = "hiphop"
)

var genres = []string{GenreRock, GenreJazz, GenrePop, GenreClassical, GenreHiphop}

// Album is a music album.
type Album struct {
	ID        int       `json:"id" validate:"required" minimum:"1" example:"1"`
	Title     string    `json:"title" validate:"required" minLength:"1" maxLength:"100" example:"Blue Train"`
	Artist    string    `json:"artist" validate:"required" minLength:"1" maxLength:"100" example:"John Coltrane"`
	Price     float64   `json:"price" validate:"required" minimum:"0" maximum:"1000" example:"56.99"`
	Year      *int      `json:"year,omitempty" minimum:"1900" maximum:"2100" example:"1957"`
	Genre     string    `json:"genre,omitempty" enums:"rock,jazz,pop,classical,hiphop" example:"jazz"`
	Tags      []string  `json:"tags,omitempty" validate:"max=5,unique" example:"hard bop,blue note"`
	CreatedAt time.Time `json:"createdAt" validate:"required" format:"date-time" example:"2024-01-01T00:00:00Z"`
}

// AlbumInput is the body of createAlbum and replaceAlbum.
type AlbumInput struct {
	Title  string   `json:"title" validate:"required" minLength:"1" maxLength:"100" example:"Blue Train"`
	Artist string   `json:"artist" validate:"required" minLength:"1" maxLength:"100" example:"John Coltrane"`
	Price  float64  `json:"price" validate:"required" minimum:"0" maximum:"1000" example:"56.99"`
	Year   *int     `json:"year,omitempty" minimum:"1900" maximum:"2100" example:"1957"`
	Genre  string   `json:"genre,omitempty" enums:"rock,jazz,pop,classical,hiphop" example:"jazz"`
	Tags   []string `json:"tags,omitempty" validate:"max=5,unique" example:"hard bop,blue note"`
}

// AlbumPatch is the body of updateAlbum: every field is optional, at least one is required.
type AlbumPatch struct {
	Title  *string   `json:"title,omitempty" minLength:"1" maxLength:"100" example:"Blue Train (Remastered)"`
	Artist *string   `json:"artist,omitempty" minLength:"1" maxLength:"100" example:"John Coltrane"`
	Price  *float64  `json:"price,omitempty" minimum:"0" maximum:"1000" example:"19.99"`
	Year   *int      `json:"year,omitempty" minimum:"1900" maximum:"2100" example:"1957"`
	Genre  *string   `json:"genre,omitempty" enums:"rock,jazz,pop,classical,hiphop" example:"jazz"`
	Tags   *[]string `json:"tags,omitempty" validate:"max=5,unique" example:"hard bop"`
}

// AlbumList is one page of albums.
type AlbumList struct {
	Items  []Album `json:"items" validate:"required"`
	Total  int     `json:"total" validate:"required" minimum:"0" example:"3"`
	Limit  int     `json:"limit" validate:"required" minimum:"1" maximum:"100" example:"20"`
	Offset int     `json:"offset" validate:"required" minimum:"0" example:"0"`
}

// Track is one track of an album.
type Track struct {
	ID              int    `json:"id" validate:"required" minimum:"1" example:"1"`
	Number          int    `json:"number" validate:"required" minimum:"1" example:"1"`
	Title           string `json:"title" validate:"required" minLength:"1" maxLength:"100" example:"Blue Train"`
	DurationSeconds int    `json:"durationSeconds" validate:"required" minimum:"1" maximum:"3600" example:"643"`
}

// TrackInput is the body of createTrack.
type TrackInput struct {
	Title           string `json:"title" validate:"required" minLength:"1" maxLength:"100" example:"Moment's Notice"`
	DurationSeconds int    `json:"durationSeconds" validate:"required" minimum:"1" maximum:"3600" example:"550"`
}

// ErrorResponse is the body of every JSON error.
type ErrorResponse struct {
	Code    string `json:"code" validate:"required" enums:"validation_failed,not_found,unauthorized,unsupported_media_type,payload_too_large,malformed_json,internal" example:"not_found"`
	Message string `json:"message" validate:"required" example:"album 42 not found"`
}

// HealthStatus is the body of getHealth.
type HealthStatus struct {
	Status string `json:"status" validate:"required" enums:"ok" example:"ok"`
}

// ReadyStatus is the body of getReady.
type ReadyStatus struct {
	Status string `json:"status" validate:"required" enums:"ready" example:"ready"`
}

// albumFields is a validated AlbumInput or AlbumPatch: nil means absent.
type albumFields struct {
	Title  *string
	Artist *string
	Price  *float64
	Year   *int
	Genre  *string
	Tags   *[]string
}
