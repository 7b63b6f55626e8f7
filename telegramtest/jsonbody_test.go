package telegramtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"openkarir/telegramtest"
)

// TestJSONBody: a sendMessage whose parameters come as a JSON body, as
// grammY sends them, is stored with its keyboard like a form's; a body
// that is not JSON is refused as Telegram refuses it.
func TestJSONBody(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	post := func(body string) apiAnswer {
		t.Helper()
		resp, err := http.Post(tg.URL()+"/bot"+strictToken+"/sendMessage", "application/json; charset=utf-8", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var a apiAnswer
		if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := post(`{"chat_id": 77, "text": "Pilih <b>OPD</b> & tujuan", "parse_mode": "HTML", "disable_notification": true,
		"reply_markup": {"inline_keyboard": [[{"text": "Dinkes", "callback_data": "x:o:DINKES"}]]}}`)
	if !a.OK {
		t.Fatalf("JSON sendMessage refused: %+v", a)
	}
	m := tg.LastMessage(77)
	if m.Text != "Pilih <b>OPD</b> & tujuan" || m.ParseMode != "HTML" || len(m.Buttons) != 1 || m.Buttons[0][0].Data != "x:o:DINKES" {
		t.Errorf("stored %+v", m)
	}
	if a := post(`{"chat_id": 77,`); a.OK || a.ErrorCode != http.StatusBadRequest {
		t.Errorf("broken JSON: %+v", a)
	}
}
