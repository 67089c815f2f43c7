package a

type User struct{ ID, Name string }

type UserCreator interface { // want `interfaces UserCreator, UserUpdater and UserDeleter each hold one method of \*UserService: declare one interface for that capability`
	CreateUser(u User) error
}

type UserUpdater interface {
	UpdateUser(u User) error
}

type UserDeleter interface {
	DeleteUser(id string) error
}

type UserService struct{ users map[string]User }

func (s *UserService) CreateUser(u User) error { s.users[u.ID] = u; return nil }
func (s *UserService) UpdateUser(u User) error { s.users[u.ID] = u; return nil }
func (s *UserService) DeleteUser(id string) error {
	delete(s.users, id)
	return nil
}

type UserHandler struct {
	creator UserCreator
	updater UserUpdater
	deleter UserDeleter
}
