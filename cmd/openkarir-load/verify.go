package main

import (
	"context"
	"fmt"
	"net/url"

	"openkarir/karir"
	"openkarir/store"
)

// Verify checks the store holds exactly one complete form per expected NIP
// and nothing else, and returns how many forms it holds.
func Verify(ctx context.Context, st *store.Store, nips []string) (int, error) {
	subs, err := st.ListSubmissions(ctx, roundID)
	if err != nil {
		return 0, err
	}
	want := make(map[string]bool, len(nips))
	for _, n := range nips {
		want[n] = true
	}
	seen := map[string]bool{}
	for _, s := range subs {
		switch {
		case !want[s.NIP]:
			return len(subs), fmt.Errorf("a form for NIP %s nobody filed", s.NIP)
		case seen[s.NIP]:
			return len(subs), fmt.Errorf("NIP %s stored twice", s.NIP)
		case !complete(s.Answers):
			return len(subs), fmt.Errorf("the form of NIP %s is incomplete: %+v", s.NIP, s.Answers)
		}
		seen[s.NIP] = true
	}
	for _, n := range nips {
		if !seen[n] {
			return len(subs), fmt.Errorf("no form for NIP %s", n)
		}
	}
	return len(subs), nil
}

func complete(a karir.Answers) bool {
	ok := a.Reason != "" && a.Target != "" && a.TermMonths > 0
	switch a.Choice {
	case karir.ChoiceMove:
		return ok && a.TargetOPDCode != "" && a.TargetPosition != ""
	case karir.ChoiceStay:
		return ok
	}
	return false
}

// storeName says where the bot's data was: the embedded store, or the
// server of a URI (shown without its credentials), whatever that server is.
func storeName(uri string) string {
	if uri == "" {
		return "embedded FerretDB"
	}
	u, err := url.Parse(uri)
	if err != nil {
		return "external (URI)"
	}
	u.User = nil
	return "external (" + u.Redacted() + ")"
}
