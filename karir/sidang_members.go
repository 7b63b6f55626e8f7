package karir

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// BoardMember is one member of Baperjakat present at a session, as the
// secretary records them: the minutes print each on a signature line.
type BoardMember struct {
	Name string `bson:"name"`
	// Role is MemberKetua, MemberSekretaris or MemberAnggota.
	Role string `bson:"role"`
}

// The roles of a member, as the minutes' signature lines title them. One
// ketua, one sekretaris and at most MaxBoardMembers in all are the Open
// Karir programme's own rule for its record, not a regulation's: no text
// we could find fixes Baperjakat's size (see Sidang's comment on its
// article).
const (
	MemberKetua      = "Ketua"
	MemberSekretaris = "Sekretaris"
	MemberAnggota    = "Anggota"
)

// MaxBoardMembers bounds the members recorded for one session.
const MaxBoardMembers = 12

// ParseBoardMembers reads the members present, one a line: "Nama, peran"
// (peran: ketua, sekretaris or anggota). There is one ketua and one
// sekretaris; the error says, in Indonesian, what to fix.
func ParseBoardMembers(text string) ([]BoardMember, error) {
	var out []BoardMember
	count := map[string]int{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		i := strings.LastIndex(line, ",")
		if i < 0 {
			return nil, fmt.Errorf("baris %d «%s»: tulis «Nama, peran»", n+1, line)
		}
		name, role := strings.TrimSpace(CleanText(line[:i])), strings.ToLower(strings.TrimSpace(line[i+1:]))
		switch role {
		case "ketua":
			role = MemberKetua
		case "sekretaris":
			role = MemberSekretaris
		case "anggota":
			role = MemberAnggota
		default:
			return nil, fmt.Errorf("baris %d: peran «%s» tidak dikenal (ketua, sekretaris, atau anggota)", n+1, role)
		}
		if l := utf8.RuneCountInString(name); l < 3 || l > 100 {
			return nil, fmt.Errorf("baris %d: nama perlu 3 sampai 100 huruf", n+1)
		}
		count[role]++
		out = append(out, BoardMember{Name: name, Role: role})
	}
	switch {
	case len(out) > MaxBoardMembers:
		return nil, fmt.Errorf("paling banyak %d anggota (yang dikirim %d)", MaxBoardMembers, len(out))
	case count[MemberKetua] != 1 || count[MemberSekretaris] != 1:
		return nil, fmt.Errorf("perlu tepat satu ketua dan satu sekretaris (tercatat %d ketua, %d sekretaris)", count[MemberKetua], count[MemberSekretaris])
	}
	return out, nil
}
