package main

import (
	"sync"
	"testing"
	"time"
)

func ptr[T any](v T) *T { return &v }

func TestStoreSeed(t *testing.T) {
	s := newStore()
	s.seed(false)
	items, total := s.List(albumFilter{Limit: 20})
	if total != 3 || len(items) != 3 {
		t.Fatalf("got %d items, total %d; want 3", len(items), total)
	}
	for i, a := range items {
		if a.ID != i+1 {
			t.Errorf("items[%d].ID = %d", i, a.ID)
		}
		tracks, ok := s.Tracks(a.ID)
		if !ok || len(tracks) != 2 {
			t.Errorf("album %d has %d tracks", a.ID, len(tracks))
		}
	}
	s2 := newStore()
	s2.seed(true)
	if tracks, _ := s2.Tracks(3); tracks != nil {
		t.Errorf("emptyThird: album 3 has tracks %v", tracks)
	}
}

func TestStoreListFilters(t *testing.T) {
	s := newStore()
	s.seed(false)
	items, total := s.List(albumFilter{Limit: 20, Artist: ptr("JOHN coltrane")})
	if total != 1 || items[0].ID != 1 {
		t.Errorf("artist filter: %v total %d", items, total)
	}
	_, total = s.List(albumFilter{Limit: 20, Genre: ptr(GenreJazz)})
	if total != 2 {
		t.Errorf("genre filter: total %d, want 2", total)
	}
	items, total = s.List(albumFilter{Limit: 1, Offset: 2})
	if total != 3 || len(items) != 1 || items[0].ID != 3 {
		t.Errorf("paging: %v total %d", items, total)
	}
	items, _ = s.List(albumFilter{Limit: 5, Offset: 10})
	if items == nil || len(items) != 0 {
		t.Errorf("past the end: %#v, want empty non-nil", items)
	}
}

func TestStoreCRUD(t *testing.T) {
	s := newStore()
	s.now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	in := albumFields{Title: ptr("T"), Artist: ptr("A"), Price: ptr(0.0), Year: ptr(2000), Tags: &[]string{"x"}}
	a := s.Create(in, "k1", in.fingerprint())
	if a.ID != 1 || a.Price != 0 || *a.Year != 2000 || !a.CreatedAt.Equal(s.now()) {
		t.Fatalf("created %+v", a)
	}
	if again := s.Create(in, "k1", in.fingerprint()); again.ID != a.ID {
		t.Errorf("same key and body: id %d, want %d", again.ID, a.ID)
	}
	other := albumFields{Title: ptr("T2"), Artist: ptr("A"), Price: ptr(1.0)}
	if b := s.Create(other, "k1", other.fingerprint()); b.ID == a.ID {
		t.Errorf("same key, other body reused album %d", b.ID)
	}
	if u, ok := s.Update(a.ID, albumFields{Price: ptr(5.5)}); !ok || u.Price != 5.5 || u.Title != "T" || *u.Year != 2000 {
		t.Errorf("update: %+v %v", u, ok)
	}
	if r, ok := s.Replace(a.ID, albumFields{Title: ptr("R"), Artist: ptr("B"), Price: ptr(1.0)}); !ok || r.Year != nil || r.Tags != nil || r.Title != "R" {
		t.Errorf("replace: %+v %v", r, ok)
	}
	tr, ok := s.AddTrack(a.ID, TrackInput{"one", 60}, true)
	if !ok || tr.Number != 1 {
		t.Errorf("add track: %+v %v", tr, ok)
	}
	if got, ok := s.Track(a.ID, tr.ID); !ok || got != tr {
		t.Errorf("track: %+v %v", got, ok)
	}
	lost, _ := s.AddTrack(a.ID, TrackInput{"lost", 60}, false)
	if _, ok := s.Track(a.ID, lost.ID); ok {
		t.Error("track added with keep=false was stored")
	}
	if !s.Delete(a.ID) || s.Delete(a.ID) {
		t.Error("delete should succeed once")
	}
	if _, ok := s.Get(a.ID); ok {
		t.Error("deleted album still there")
	}
	if c := s.Create(in, "k1", in.fingerprint()); c.ID == a.ID {
		t.Error("replay of a deleted album's key returned the deleted album")
	}
}

func TestStoreConcurrent(t *testing.T) {
	s := newStore()
	s.seed(false)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				in := albumFields{Title: ptr("t"), Artist: ptr("a"), Price: ptr(float64(i + j))}
				a := s.Create(in, "", "")
				s.Update(a.ID, albumFields{Tags: &[]string{"x"}})
				s.AddTrack(a.ID, TrackInput{"t", 1}, true)
				s.List(albumFilter{Limit: 100})
				s.Delete(a.ID)
			}
		})
	}
	wg.Wait()
	if _, total := s.List(albumFilter{Limit: 1}); total != 3 {
		t.Errorf("total %d, want 3", total)
	}
}
