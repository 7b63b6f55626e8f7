package demo_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"openkarir/demo"
	"openkarir/roster"
	"openkarir/telegramtest"
)

func TestPersonas(t *testing.T) {
	ps, err := demo.Personas(roster.Sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 41 || ps[0].Role != "super" || ps[0].ID != demo.SuperAdminID || ps[1].Role != "opd_admin" || ps[1].OPDCode != "DINKES" {
		t.Fatalf("%d personas, first %+v, %+v", len(ps), ps[0], ps[1])
	}
	ids := map[int64]bool{}
	for _, p := range ps[2:] {
		if p.Role != "asn" || len(p.NIP) != 18 || !strings.HasPrefix(p.Phone, "+628") || p.Username == "" || ids[p.ID] {
			t.Errorf("persona %+v", p)
		}
		ids[p.ID] = true
	}
	for _, p := range ps {
		if p.NIP == "198507222010012005" && (p.Name != "Nadia Putri Maharani, S.Psi." || p.Code != "K7P2XQ" || p.Phone != "+6281230106149") {
			t.Errorf("Nadia: %+v", p)
		}
	}
}

func TestHandlerServesThePage(t *testing.T) {
	tg := telegramtest.NewServer("1:T")
	defer tg.Close()
	ps, err := demo.Personas(roster.Sample)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(demo.Handler(tg, ps, roster.Sample))
	defer srv.Close()
	get := func(path string) (string, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return resp.Header.Get("Content-Type"), string(body)
	}
	for path, want := range map[string]string{"/": "text/html", "/app.js": "javascript", "/style.css": "text/css", "/contoh_roster.csv": "text/csv"} {
		if ctype, _ := get(path); !strings.Contains(ctype, want) {
			t.Errorf("GET %s: %s, want %s", path, ctype, want)
		}
	}
	_, body := get("/api/personas")
	var got []demo.Persona
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got) != len(ps) {
		t.Errorf("personas: %v, %d of %d", err, len(got), len(ps))
	}
	tg.SendText(ps[2].ID, "/start")
	if _, body := get("/api/chats/10001/messages?after=0"); !strings.Contains(body, `"text":"/start"`) {
		t.Errorf("the fake's user API is not under /api/: %s", body)
	}
}
