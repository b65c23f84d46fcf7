package main

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// store is a thread-safe in-memory album store.
type store struct {
	mu          sync.RWMutex
	albums      map[int]*albumRecord
	ids         []int // ids of albums, ascending
	nextAlbumID int
	nextTrackID int
	// idem maps an Idempotency-Key plus a fingerprint of the body to the album it created.
	idem map[idemKey]int
	now  func() time.Time
}

type albumRecord struct {
	album      Album
	tracks     []Track
	nextNumber int
}

type idemKey struct {
	key, fingerprint string
}

// albumFilter selects a page of albums.
type albumFilter struct {
	Limit, Offset int
	Artist        *string
	Genre         *string
}

func newStore() *store {
	return &store{
		albums:      map[int]*albumRecord{},
		nextAlbumID: 1,
		nextTrackID: 1,
		idem:        map[idemKey]int{},
		now:         func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) },
	}
}

// seed adds the three demo albums; album 3 gets no tracks when emptyThird is set.
func (s *store) seed(emptyThird bool) {
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	year := func(y int) *int { return &y }
	seeds := []struct {
		album  Album
		tracks []TrackInput
	}{
		{Album{Title: "Blue Train", Artist: "John Coltrane", Price: 56.99, Year: year(1957), Genre: GenreJazz, Tags: []string{"hard bop", "blue note"}},
			[]TrackInput{{"Blue Train", 643}, {"Moment's Notice", 550}}},
		{Album{Title: "Jeru", Artist: "Gerry Mulligan", Price: 17.99, Year: year(1962), Genre: GenreJazz},
			[]TrackInput{{"Capricious", 383}, {"Here I'll Stay", 374}}},
		{Album{Title: "Sarah Vaughan and Clifford Brown", Artist: "Sarah Vaughan", Price: 39.99, Year: year(1954)},
			[]TrackInput{{"Lullaby of Birdland", 240}, {"April in Paris", 380}}},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, sd := range seeds {
		a := sd.album
		a.ID = s.nextAlbumID
		a.CreatedAt = created.Add(time.Duration(i) * time.Hour)
		s.nextAlbumID++
		rec := &albumRecord{album: a, nextNumber: 1}
		s.albums[a.ID] = rec
		s.ids = append(s.ids, a.ID)
		if emptyThird && i == 2 {
			continue
		}
		for _, t := range sd.tracks {
			s.addTrackLocked(rec, t, true)
		}
	}
}

func cloneAlbum(a Album) Album {
	if a.Year != nil {
		y := *a.Year
		a.Year = &y
	}
	a.Tags = slices.Clone(a.Tags)
	return a
}

// List returns the page selected by f and the number of albums matching the filters.
func (s *store) List(f albumFilter) ([]Album, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items := make([]Album, 0, min(f.Limit, len(s.ids)))
	if f.Artist == nil && f.Genre == nil {
		for i := f.Offset; i < len(s.ids) && len(items) < f.Limit; i++ {
			items = append(items, cloneAlbum(s.albums[s.ids[i]].album))
		}
		return items, len(s.ids)
	}
	total := 0
	for _, id := range s.ids {
		a := &s.albums[id].album
		if f.Artist != nil && !strings.EqualFold(a.Artist, *f.Artist) {
			continue
		}
		if f.Genre != nil && a.Genre != *f.Genre {
			continue
		}
		if total >= f.Offset && len(items) < f.Limit {
			items = append(items, cloneAlbum(*a))
		}
		total++
	}
	return items, total
}

// Get returns the album with the given id.
func (s *store) Get(id int) (Album, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rec, ok := s.albums[id]
	if !ok {
		return Album{}, false
	}
	return cloneAlbum(rec.album), true
}

func applyFields(a *Album, f albumFields) {
	if f.Title != nil {
		a.Title = *f.Title
	}
	if f.Artist != nil {
		a.Artist = *f.Artist
	}
	if f.Price != nil {
		a.Price = *f.Price
	}
	if f.Year != nil {
		y := *f.Year
		a.Year = &y
	}
	if f.Genre != nil {
		a.Genre = *f.Genre
	}
	if f.Tags != nil {
		a.Tags = slices.Clone(*f.Tags)
		if len(a.Tags) == 0 {
			a.Tags = nil
		}
	}
}

// Create adds an album. With a non-empty key, a repeated (key, fingerprint) pair
// returns the album the first request created, as long as it still exists.
func (s *store) Create(f albumFields, key, fingerprint string) Album {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := idemKey{key, fingerprint}
	if key != "" {
		if id, ok := s.idem[k]; ok {
			if rec, ok := s.albums[id]; ok {
				return cloneAlbum(rec.album)
			}
		}
	}
	a := Album{ID: s.nextAlbumID, CreatedAt: s.now()}
	s.nextAlbumID++
	applyFields(&a, f)
	s.albums[a.ID] = &albumRecord{album: a, nextNumber: 1}
	s.ids = append(s.ids, a.ID)
	if key != "" {
		s.idem[k] = a.ID
	}
	return cloneAlbum(a)
}

// Replace sets every field of an album from a full input; absent optional fields are cleared.
func (s *store) Replace(id int, f albumFields) (Album, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.albums[id]
	if !ok {
		return Album{}, false
	}
	a := Album{ID: rec.album.ID, CreatedAt: rec.album.CreatedAt}
	applyFields(&a, f)
	rec.album = a
	return cloneAlbum(a), true
}

// Update changes the fields present in f.
func (s *store) Update(id int, f albumFields) (Album, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.albums[id]
	if !ok {
		return Album{}, false
	}
	a := cloneAlbum(rec.album)
	applyFields(&a, f)
	rec.album = a
	return cloneAlbum(a), true
}

// Delete removes an album and its tracks.
func (s *store) Delete(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.albums[id]; !ok {
		return false
	}
	delete(s.albums, id)
	if i, found := slices.BinarySearch(s.ids, id); found {
		s.ids = slices.Delete(s.ids, i, i+1)
	}
	return true
}

// Tracks lists the tracks of an album; the slice is nil when it has none.
func (s *store) Tracks(id int) ([]Track, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rec, ok := s.albums[id]
	if !ok {
		return nil, false
	}
	return slices.Clone(rec.tracks), true
}

// Track returns one track of an album.
func (s *store) Track(id, trackID int) (Track, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rec, ok := s.albums[id]
	if !ok {
		return Track{}, false
	}
	for _, t := range rec.tracks {
		if t.ID == trackID {
			return t, true
		}
	}
	return Track{}, false
}

// AddTrack appends a track to an album. With keep false the track gets an id
// and a number but is not stored (the lost-create fault).
func (s *store) AddTrack(id int, in TrackInput, keep bool) (Track, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.albums[id]
	if !ok {
		return Track{}, false
	}
	return s.addTrackLocked(rec, in, keep), true
}

func (s *store) addTrackLocked(rec *albumRecord, in TrackInput, keep bool) Track {
	t := Track{ID: s.nextTrackID, Number: rec.nextNumber, Title: in.Title, DurationSeconds: in.DurationSeconds}
	s.nextTrackID++
	if keep {
		rec.nextNumber++
		rec.tracks = append(rec.tracks, t)
	}
	return t
}
