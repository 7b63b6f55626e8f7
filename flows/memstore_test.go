package flows_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"openkarir/karir"
)

// memStore is an in-memory karir.Store for tests of the flows alone (the
// store package's own tests run on FerretDB). It keeps the same contracts:
// versions, ErrNotFound, ErrAlreadyBound.
type memStore struct {
	mu    sync.Mutex
	convs map[int64]karir.Conversation
	emps  map[string]karir.Employee
	opds  []karir.OPD
	binds map[string]karir.Binding
	subs  map[string]karir.Submission
	tries map[string]karir.CodeAttempts
}

func newMemStore() *memStore {
	return &memStore{convs: map[int64]karir.Conversation{}, emps: map[string]karir.Employee{},
		binds: map[string]karir.Binding{}, subs: map[string]karir.Submission{},
		tries: map[string]karir.CodeAttempts{}}
}

func (m *memStore) LoadConversation(_ context.Context, uid int64) (*karir.Conversation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.convs[uid]
	if !ok {
		return &karir.Conversation{ID: karir.ConversationID(uid), UserID: uid, State: karir.StateStart}, nil
	}
	return &c, nil
}

func (m *memStore) SaveConversation(_ context.Context, c *karir.Conversation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.convs[c.UserID].Version != c.Version {
		return karir.ErrConflict
	}
	c.Version++
	m.convs[c.UserID] = *c
	return nil
}

func (m *memStore) Employee(_ context.Context, nip string) (*karir.Employee, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.emps[nip]
	if !ok {
		return nil, karir.ErrNotFound
	}
	return &e, nil
}

func (m *memStore) OPDs(context.Context) ([]karir.OPD, error) { return slices.Clone(m.opds), nil }

func (m *memStore) OPD(_ context.Context, code string) (*karir.OPD, error) {
	for _, o := range m.opds {
		if o.Code == code {
			return &o, nil
		}
	}
	return nil, karir.ErrNotFound
}

func (m *memStore) Binding(_ context.Context, nip string) (*karir.Binding, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.binds[nip]
	if !ok {
		return nil, karir.ErrNotFound
	}
	return &b, nil
}

func (m *memStore) Bind(_ context.Context, b karir.Binding) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.binds[b.NIP]; ok && old.TelegramID != b.TelegramID {
		return karir.ErrAlreadyBound
	}
	m.binds[b.NIP] = b
	return nil
}

func (m *memStore) Submission(_ context.Context, round, nip string) (*karir.Submission, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.subs[karir.SubmissionID(round, nip)]
	if !ok {
		return nil, karir.ErrNotFound
	}
	s.Milestones = slices.Clone(s.Milestones)
	return &s, nil
}

func (m *memStore) SaveSubmission(_ context.Context, s *karir.Submission) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := karir.SubmissionID(s.Round, s.NIP)
	if m.subs[id].Version != s.Version {
		return karir.ErrConflict
	}
	s.Version++
	m.subs[id] = *s
	return nil
}

// withSample fills the roster with one OPD of a few positions and two ASN.
func (m *memStore) withSample() *memStore {
	m.opds = []karir.OPD{
		{Code: "DINKES", Name: "Dinas Kesehatan", Positions: []string{"Analis", "Perawat", strings.Repeat("Jabatan Panjang ", 8)}},
		{Code: "BKPSDM", Name: "Badan Kepegawaian", Positions: []string{"Analis Kepegawaian"}},
	}
	m.emps["198507222010012005"] = karir.Employee{NIP: "198507222010012005", Name: "Nadia <b>", OPDCode: "BKPSDM",
		OPDName: "Badan Kepegawaian", Position: "Analis Kepegawaian", Eselon: "Staf", Phone: "6281230106149",
		ActivationHash: karir.HashActivationCode("198507222010012005", "K7P2XQ")}
	return m
}

func (m *memStore) CodeAttempts(_ context.Context, nip string) (*karir.CodeAttempts, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if a, ok := m.tries[nip]; ok {
		return &a, nil
	}
	return &karir.CodeAttempts{NIP: nip}, nil
}

func (m *memStore) FailCode(_ context.Context, nip string, now time.Time) (*karir.CodeAttempts, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.tries[nip]
	if !ok {
		a = karir.CodeAttempts{NIP: nip}
	}
	a.Fail(now)
	a.Version++
	m.tries[nip] = a
	return &a, nil
}
