package telegramtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"openkarir/telegramtest"
)

// The fake refuses what Telegram refuses, with Telegram's status and
// description. The limits are those of core.telegram.org/bots/api
// (sendMessage text "1-4096 characters after entities parsing", captions
// "0-1024", callback_data "1-64 bytes", uploads "up to 50 MB",
// answerCallbackQuery text "0-200 characters"); the HTML cases are those
// of its "HTML style" section, with the messages of Telegram's parser.

const strictToken = "1:STRICT"

type apiAnswer struct {
	OK          bool   `json:"ok"`
	ErrorCode   int    `json:"error_code"`
	Description string `json:"description"`
}

func call(t *testing.T, tg *telegramtest.Server, method string, form url.Values) apiAnswer {
	t.Helper()
	resp, err := http.PostForm(tg.URL()+"/bot"+strictToken+"/"+method, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a apiAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	if !a.OK && a.ErrorCode != resp.StatusCode {
		t.Errorf("error_code %d, HTTP status %d", a.ErrorCode, resp.StatusCode)
	}
	return a
}

func sendHTML(t *testing.T, tg *telegramtest.Server, text string) apiAnswer {
	t.Helper()
	return call(t, tg, "sendMessage", url.Values{"chat_id": {"7"}, "text": {text}, "parse_mode": {"HTML"}})
}

func TestStrictHTML(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	for _, tc := range []struct{ name, text, refusal string }{
		{"OK", "<b>Tebal</b> <i>miring</i> <u>garis</u> <s>coret</s> <code>kode</code>", ""},
		{"OKEveryTag", `<strong>a</strong><em>b</em><ins>c</ins><strike>d</strike><del>e</del><tg-spoiler>f</tg-spoiler><span class="tg-spoiler">g</span><a href="https://example.com/?a=1&amp;b=2">h</a><pre><code class="language-go">i</code></pre><blockquote>j</blockquote><blockquote expandable>k</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`, ""},
		{"OKEntities", "&lt;b&gt; &amp; &quot; &#36; &#x24; &lt", ""},
		{"OKBareAmpersand", "R&D dan PT A&B &laquo;", ""}, // Telegram keeps an unknown entity as text
		{"OKBareGreaterThan", "nilai > 80", ""},
		{"OKUpperCaseTag", "<B>x</B>", ""},
		{"OKShortEndTag", "<b>x</>", ""},
		{"BareLessThan", "nilai < 80", `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 6`},
		{"UnsupportedTag", "baris<br>baru", `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 5`},
		{"UserTextAsTag", "Nama: <Budi>", `Bad Request: can't parse entities: Unsupported start tag "budi" at byte offset 6`},
		{"UnclosedStartTag", "x <b", "Bad Request: can't parse entities: Unclosed start tag at byte offset 2"},
		{"Unclosed", "<b>tebal", `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"Mismatched", "<b>x</i>", `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`},
		{"UnexpectedEnd", "x</b>", "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"},
		{"UnclosedEnd", "<b>x</b", "Bad Request: can't parse entities: Unclosed end tag at byte offset 4"},
		{"SpanWithoutSpoiler", "<span>x</span>", `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{"AttributeWithoutValue", "<a href>x</a>", `Bad Request: can't parse entities: Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0`},
		{"BadToken", "<a href=x/>y</a>", "Bad Request: can't parse entities: Unexpected end of name token at byte offset 8"},
		{"Surrogate", "&#xD800;", "Bad Request: can't parse entities: Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"},
		{"NotUTF8", "O\x92Brien", "Bad Request: strings must be encoded in UTF-8"},
		{"Empty", "<b> </b>", "Bad Request: message text is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := sendHTML(t, tg, tc.text)
			switch {
			case tc.refusal == "" && !a.OK:
				t.Errorf("refused %q: %s", tc.text, a.Description)
			case tc.refusal != "" && (a.OK || a.ErrorCode != 400 || a.Description != tc.refusal):
				t.Errorf("%q: ok %v, %d %q; want 400 %q", tc.text, a.OK, a.ErrorCode, a.Description, tc.refusal)
			}
		})
	}
	if n := len(tg.Refusals()); n != 14 {
		t.Errorf("%d refusals recorded, want 14", n)
	}
}

// TestStrictLength counts as Telegram does: after entities are parsed, in
// UTF-16 code units.
func TestStrictLength(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	tooLong := "Bad Request: message is too long"
	for _, tc := range []struct {
		name, text string
		ok         bool
	}{
		{"AtLimit", strings.Repeat("a", 4096), true},
		{"OverLimit", strings.Repeat("a", 4097), false},
		{"TagsDoNotCount", "<b>" + strings.Repeat("a", 4096) + "</b>", true},
		{"EntitiesCountOnce", strings.Repeat("&lt;", 4096), true},
		{"EntitiesOverLimit", strings.Repeat("&amp;", 4097), false},
		{"EmojiCountTwo", strings.Repeat("😀", 2048), true},
		{"EmojiOverLimit", strings.Repeat("😀", 2049), false},
		{"IndonesianAtLimit", strings.Repeat("é", 4096), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := sendHTML(t, tg, tc.text)
			if a.OK != tc.ok || !tc.ok && a.Description != tooLong {
				t.Errorf("ok %v %q, want ok %v", a.OK, a.Description, tc.ok)
			}
		})
	}
	// An edit is held to the same limit.
	a := sendHTML(t, tg, "pendek")
	if !a.OK {
		t.Fatal(a.Description)
	}
	id := tg.LastMessage(7).ID
	e := call(t, tg, "editMessageText", url.Values{"chat_id": {"7"}, "message_id": {fmt.Sprint(id)}, "text": {strings.Repeat("b", 4097)}, "parse_mode": {"HTML"}})
	if e.OK || e.Description != tooLong {
		t.Errorf("edit over the limit: ok %v %q", e.OK, e.Description)
	}
	e = call(t, tg, "editMessageText", url.Values{"chat_id": {"7"}, "message_id": {fmt.Sprint(id)}, "text": {"<b>x"}, "parse_mode": {"HTML"}})
	if e.OK || !strings.Contains(e.Description, "can't parse entities") {
		t.Errorf("edit with bad HTML: ok %v %q", e.OK, e.Description)
	}
}

func keyboard(buttons int, data string) string {
	var rows [][]map[string]string
	for i := range buttons {
		if i%4 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], map[string]string{"text": fmt.Sprint("Tombol ", i), "callback_data": data})
	}
	b, _ := json.Marshal(map[string]any{"inline_keyboard": rows})
	return string(b)
}

func TestStrictKeyboard(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	for _, tc := range []struct {
		name, markup, refusal string
	}{
		{"HundredButtons", keyboard(100, "x"), ""},
		{"TooManyButtons", keyboard(101, "x"), "Bad Request: reply markup is too long"},
		{"DataAtLimit", keyboard(1, strings.Repeat("d", 64)), ""},
		{"DataTooLong", keyboard(1, strings.Repeat("d", 65)), "Bad Request: BUTTON_DATA_INVALID"},
		{"DataTooLongInBytes", keyboard(1, strings.Repeat("é", 33)), "Bad Request: BUTTON_DATA_INVALID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, tg, "sendMessage", url.Values{"chat_id": {"7"}, "text": {"pilih"}, "reply_markup": {tc.markup}})
			if tc.refusal == "" && !a.OK || tc.refusal != "" && a.Description != tc.refusal {
				t.Errorf("ok %v %q, want %q", a.OK, a.Description, tc.refusal)
			}
		})
	}
}

func TestStrictToast(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	if a := call(t, tg, "answerCallbackQuery", url.Values{"callback_query_id": {"1"}, "text": {strings.Repeat("a", 200)}}); !a.OK {
		t.Errorf("200 characters refused: %s", a.Description)
	}
	if a := call(t, tg, "answerCallbackQuery", url.Values{"callback_query_id": {"1"}, "text": {strings.Repeat("a", 201)}}); a.OK {
		t.Error("201 characters accepted")
	}
}

func upload(t *testing.T, tg *telegramtest.Server, size int, caption string) apiAnswer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("chat_id", "7")
	_ = mw.WriteField("caption", caption)
	_ = mw.WriteField("parse_mode", "HTML")
	fw, err := mw.CreateFormFile("document", "rekap.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(bytes.Repeat([]byte{'x'}, size))
	mw.Close()
	resp, err := http.Post(tg.URL()+"/bot"+strictToken+"/sendDocument", mw.FormDataContentType(), &body)
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

func TestStrictDocument(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	if a := upload(t, tg, 10, strings.Repeat("c", 1024)); !a.OK {
		t.Errorf("caption of 1,024 refused: %s", a.Description)
	}
	if a := upload(t, tg, 10, "<b>"+strings.Repeat("c", 1024)+"</b>"); !a.OK {
		t.Errorf("caption of 1,024 with tags refused: %s", a.Description)
	}
	if a := upload(t, tg, 10, strings.Repeat("c", 1025)); a.OK || a.Description != "Bad Request: message caption is too long" {
		t.Errorf("caption of 1,025: ok %v %q", a.OK, a.Description)
	}
	if a := upload(t, tg, 10, "a < b"); a.OK || !strings.Contains(a.Description, "can't parse entities") {
		t.Errorf("caption with bad HTML: ok %v %q", a.OK, a.Description)
	}
	if testing.Short() {
		t.Skip("50 MB upload")
	}
	if a := upload(t, tg, telegramtest.MaxUpload+1, ""); a.OK || a.ErrorCode != http.StatusRequestEntityTooLarge || a.Description != "Request Entity Too Large" {
		t.Errorf("upload over 50 MB: ok %v %d %q", a.OK, a.ErrorCode, a.Description)
	}
}

func TestStrictCommands(t *testing.T) {
	tg := telegramtest.NewServer(strictToken)
	defer tg.Close()
	for _, tc := range []struct {
		cmds string
		ok   bool
	}{
		{`[{"command":"status","description":"lihat status"}]`, true},
		{`[{"command":"Status","description":"lihat status"}]`, false},
		{`[{"command":"status","description":""}]`, false},
		{`[{"command":"` + strings.Repeat("a", 33) + `","description":"x"}]`, false},
	} {
		if a := call(t, tg, "setMyCommands", url.Values{"commands": {tc.cmds}}); a.OK != tc.ok {
			t.Errorf("%s: ok %v %q", tc.cmds, a.OK, a.Description)
		}
	}
}
