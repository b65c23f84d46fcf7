package main

import (
	"crypto/rand"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/examples/admin-api/model"
)

// rootID is the seeded admin user and admin role: neither can be changed or deleted.
const rootID = 1

// store is the in-memory database: users, roles, files and issued tokens. Ids only grow.
type store struct {
	mu       sync.Mutex
	users    map[uint]*account
	roles    map[uint]*model.Role
	files    map[uint]*model.File
	nextUser uint
	nextRole uint
	nextFile uint
	tokens   map[string]uint // issued by login -> user id
	revoked  map[string]bool // logged out
}

// account is a user with its password, which no answer shows.
type account struct {
	model.User
	password string
}

var seedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func newStore() *store {
	s := &store{
		users:   map[uint]*account{},
		roles:   map[uint]*model.Role{},
		files:   map[uint]*model.File{},
		tokens:  map[string]uint{},
		revoked: map[string]bool{},
	}
	for _, name := range []string{"admin", "editor", "viewer"} {
		s.nextRole++
		s.roles[s.nextRole] = &model.Role{ID: s.nextRole, RoleName: name, CreatedAt: seedTime}
	}
	for i, name := range []string{"admin", "editor1", "viewer1"} {
		s.nextUser++
		s.users[s.nextUser] = &account{
			User:     model.User{ID: s.nextUser, Username: name, NickName: strings.ToUpper(name[:1]) + name[1:], RoleID: uint(i + 1), CreatedAt: seedTime},
			password: "123456",
		}
	}
	s.nextFile++
	s.files[s.nextFile] = &model.File{ID: s.nextFile, Name: "readme.txt", Size: 12, URL: "/api/files/1", CreatedAt: seedTime}
	return s
}

// page cuts one page out of items sorted by id; it never overflows, whatever the page.
func page[T any](items []T, pageNo, size int) []T {
	if size <= 0 || pageNo <= 0 || pageNo-1 >= (len(items)+size-1)/size {
		return nil
	}
	start := (pageNo - 1) * size
	return items[start:min(start+size, len(items))]
}

func sortedIDs[T any](m map[uint]T) []uint {
	ids := make([]uint, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (s *store) listUsers(keyword string) []model.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []model.User{}
	for _, id := range sortedIDs(s.users) {
		if u := s.users[id]; strings.Contains(u.Username, keyword) {
			out = append(out, u.User)
		}
	}
	return out
}

func (s *store) listRoles(keyword string) []model.Role {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []model.Role{}
	for _, id := range sortedIDs(s.roles) {
		if r := s.roles[id]; strings.Contains(r.RoleName, keyword) {
			out = append(out, *r)
		}
	}
	return out
}

func (s *store) listFiles(keyword string) []model.File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []model.File{}
	for _, id := range sortedIDs(s.files) {
		if f := s.files[id]; strings.Contains(f.Name, keyword) {
			out = append(out, *f)
		}
	}
	return out
}

// newToken issues a login token for a user.
func (s *store) newToken(userID uint) string {
	t := rand.Text()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[t] = userID
	return t
}

// tokenValid: the server's own token or one issued by login, not logged out.
func (s *store) tokenValid(t, serverToken string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.revoked[t] {
		return false
	}
	_, issued := s.tokens[t]
	return issued || t == serverToken
}

func (s *store) revoke(t string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked[t] = true
	delete(s.tokens, t)
}
