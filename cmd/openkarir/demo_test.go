package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"openkarir/demo"
	"openkarir/roster"
)

// startDemo runs `openkarir demo` on a free port until the test ends and
// returns the chat page's URL.
func startDemo(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- runDemo(ctx, demoOptions{Addr: "127.0.0.1:0"}, io.Discard, &out, func(url string) { urls <- url })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("demo: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("the demo did not stop")
		}
	})
	select {
	case url := <-urls:
		return url
	case err := <-done:
		t.Fatalf("demo did not start: %v\n%s", err, out.String())
	case <-time.After(2 * time.Minute):
		t.Fatal("demo did not start in 2 minutes")
	}
	return ""
}

// persona finds the demo persona with this NIP (or role, for the super admin).
func persona(t *testing.T, nipOrRole string) demo.Persona {
	t.Helper()
	ps, err := demo.Personas(roster.Sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.NIP == nipOrRole || p.Role == nipOrRole {
			return p
		}
	}
	t.Fatalf("no persona %s", nipOrRole)
	return demo.Persona{}
}

type chatMessage struct {
	ID       int    `json:"id"`
	FromUser bool   `json:"from_user"`
	Text     string `json:"text"`
	Buttons  [][]struct{ Text, Data string }
	Photo    *struct{ URL string }
}

// demoClient plays one persona through the page's JSON API.
type demoClient struct {
	t    *testing.T
	base string
	id   int64
}

func (c demoClient) post(path string, body any) {
	c.t.Helper()
	data, _ := json.Marshal(body)
	resp, err := http.Post(fmt.Sprintf("%s/api/chats/%d/%s", c.base, c.id, path), "application/json", bytes.NewReader(data))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct{ Handled bool }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || !res.Handled {
		c.t.Fatalf("%s %v: not handled (%v)", path, body, err)
	}
}

func (c demoClient) chat() []chatMessage {
	c.t.Helper()
	resp, err := http.Get(fmt.Sprintf("%s/api/chats/%d/messages?after=0", c.base, c.id))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct{ Messages []chatMessage }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		c.t.Fatal(err)
	}
	return res.Messages
}

func (c demoClient) last() chatMessage {
	c.t.Helper()
	msgs := c.chat()
	if len(msgs) == 0 {
		c.t.Fatal("the chat is empty")
	}
	return msgs[len(msgs)-1]
}

func (c demoClient) say(text, want string) {
	c.t.Helper()
	c.post("text", map[string]string{"text": text})
	if got := c.last().Text; !strings.Contains(got, want) {
		c.t.Fatalf("after %q the bot said %q, want %q", text, got, want)
	}
}

func (c demoClient) press(label, want string) {
	c.t.Helper()
	last := c.last()
	for _, row := range last.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				c.post("press", map[string]any{"message_id": last.ID, "data": b.Data})
				if got := c.last().Text; !strings.Contains(got, want) {
					c.t.Fatalf("after pressing %q the bot said %q, want %q", label, got, want)
				}
				return
			}
		}
	}
	c.t.Fatalf("no button %q on %+v", label, last)
}

// TestDemoWithoutBrowser plays the demo through its JSON API: the page's
// data, the seeded OPD admin, /id for a stranger, an ASN binding with the
// phone, the super admin's chart.
func TestDemoWithoutBrowser(t *testing.T) {
	base := startDemo(t)
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "app.js") {
		t.Fatalf("the page: %s", page)
	}

	super := demoClient{t, base, persona(t, "super").ID}
	if msgs := super.chat(); len(msgs) != 2 || !strings.Contains(msgs[1].Text, "Peran Siti Wahyuni, S.H., M.H. sekarang: admin OPD DINKES") {
		t.Fatalf("the super admin's chat after the seed: %+v", msgs)
	}
	stranger := demoClient{t, base, 4242}
	stranger.say("/id", "<code>4242</code>")

	dewi := persona(t, "199211062014101006") // no activation code: proves with the phone
	asn := demoClient{t, base, dewi.ID}
	asn.say("/start", "Pelindungan data pribadi")
	asn.press("Setuju", "NIP")
	asn.say(dewi.NIP, "Bagikan nomor HP")
	asn.post("contact", map[string]string{"phone": dewi.Phone})
	if got := asn.chat(); !strings.Contains(got[len(got)-2].Text+got[len(got)-1].Text, "Terima kasih, <b>Dewi Lestari") {
		t.Fatalf("after sharing the phone: %+v", got[len(got)-2:])
	}

	super.post("text", map[string]string{"text": "/cakupan"})
	// The chart, then the buttons to drill down to one OPD.
	var chart chatMessage
	for _, m := range super.chat() {
		if m.Photo != nil {
			chart = m
		}
	}
	if chart.Photo == nil {
		t.Fatalf("/cakupan sent no photo: %+v", chart)
	}
	// The page tells as many ASN as the demo loaded (it said 40 of 45).
	var all string
	for _, m := range super.chat() {
		if n := regexp.MustCompile(`dari (\d+) ASN sudah mengisi`).FindStringSubmatch(m.Text); len(n) > 1 && n[1] != "" && all == "" {
			all = n[1]
		}
	}
	if all == "" || !strings.Contains(string(page), "data contoh "+all+" ASN dari 5 OPD") {
		t.Errorf("/cakupan counts %q ASN; the page says otherwise", all)
	}
	resp, err = http.Get(base + "/api/" + chart.Photo.URL)
	if err != nil {
		t.Fatal(err)
	}
	png, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("chart: %s, %d bytes", resp.Header.Get("Content-Type"), len(png))
	}
}

// The demo's contracts name their signer: the head of BKPSDM of the
// sample roster.
func TestDemoSignsContracts(t *testing.T) {
	env := demoEnv("http://127.0.0.1:1/bot%s/%s", t.TempDir(), time.Now())
	cfg, err := loadConfig(func(k string) string { return env[k] }, true)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Signer.Name == "" || !strings.Contains(string(roster.Sample), ";"+cfg.Signer.Name+";BKPSDM;") {
		t.Errorf("the demo's signer %q is not the sample roster's head of BKPSDM", cfg.Signer.Name)
	}
}
