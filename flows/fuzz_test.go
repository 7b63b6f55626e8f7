package flows_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"openkarir/karir"

	"openkarir/flows"
)

var knownStates = map[karir.State]bool{
	karir.StateStart: true, karir.StateConsent: true, karir.StateAskNIP: true, karir.StateAskProof: true,
	karir.StateIdle: true, karir.StateChoice: true, karir.StateTargetOPD: true, karir.StateTargetPosition: true,
	karir.StateReason: true, karir.StateTarget: true, karir.StateTerm: true, karir.StateSummary: true,
}

// FuzzConversation feeds one user random inputs: each line of the fuzz text
// is a message, a command, a pressed button ("#data", or "#" plus the index
// of a button shown last), a shared contact ("@phone") or a sticker ("!").
// Whatever comes, the flows must not fail or panic, stay in a declared
// state, and keep every reply and button within Telegram's limits.
func FuzzConversation(f *testing.F) {
	for _, seed := range []string{
		"/start\n#0\n198507222010012005\nK7P2XQ\n#1\n#0\n#0\nSaya ingin pindah untuk melayani lebih baik.\nTarget 100% tercapai\n#1\n#0",
		"/start\n#0\n198507222010012005\nK7P2XQ\n#0\nalasan yang cukup panjang sekali\n100 pasar bersih semua\n6\n#3\n/batal\n/isi\n#0",
		"halo\n!\n@08123\n#c:pindah\n#x:tinjau:disetujui:1\n/tinjau 1\n/isi\n/status\n" + strings.Repeat("ä", 5000),
		"/start\n#1\n#0\n12345\n198507222010012005\nSALAH\nSALAH\nSALAH\nSALAH\nSALAH\nK7P2XQ",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, script string) {
		st := newMemStore().withSample()
		loc := time.FixedZone("WIB", 7*3600)
		now := time.Date(2026, 11, 24, 9, 0, 0, 0, loc)
		router := flows.NewRouter(st, flows.FixedRound(karir.Round{ID: "r", Closes: now.AddDate(0, 0, 7)}), loc, func() time.Time { return now })
		const user = 7
		var last karir.Reply
		for i, line := range strings.Split(script, "\n") {
			if i > 60 {
				break
			}
			in := flows.Input{UpdateID: i + 1, UserID: user, ChatID: user, Private: true, FirstName: "U"}
			switch {
			case strings.HasPrefix(line, "/"):
				cmd, args, _ := strings.Cut(line[1:], " ")
				in.Command, in.Args = strings.ToLower(cmd), args
			case strings.HasPrefix(line, "#"):
				data := line[1:]
				if n := len(data); n > 0 && n <= 2 && data[0] >= '0' && data[0] <= '9' {
					idx := int(data[0] - '0')
					var all []karir.Button
					for _, row := range last.Buttons {
						all = append(all, row...)
					}
					if idx < len(all) {
						data = all[idx].Data
					}
				}
				in.Callback = &flows.Callback{Data: data, MessageID: 1}
			case strings.HasPrefix(line, "@"):
				in.Contact = &flows.Contact{Phone: line[1:], UserID: user}
			case line == "!":
				in.Unsupported = "sticker"
			default:
				in.Text = line
			}
			res, err := router.Handle(context.Background(), in)
			if err != nil {
				t.Fatalf("input %d %q: %v", i, line, err)
			}
			for _, r := range res.Replies {
				if n := utf8.RuneCountInString(r.Text); n > flows.MaxMessage {
					t.Fatalf("reply of %d characters to %q", n, line)
				}
				for _, row := range r.Buttons {
					for _, b := range row {
						if len(b.Data) > 64 || b.Data == "" {
							t.Fatalf("button %q has data %q", b.Text, b.Data)
						}
					}
				}
				if len(r.Buttons) > 0 {
					last = r
				}
			}
			c, _ := st.LoadConversation(context.Background(), user)
			if !knownStates[c.State] {
				t.Fatalf("state %q after %q", c.State, line)
			}
		}
	})
}
