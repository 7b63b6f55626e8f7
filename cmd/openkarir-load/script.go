package main

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The trivial bot's script: the load's users' steps (users.go), answered
// with state in memory and nothing else (no store, no roster, no rules).
// It is the recipe of the instrument's ceiling (ceiling.go) and of the
// grammY peer (peer/grammy/bot.js plays the same table): what the tool and
// its fake cost with a bot that costs nearly nothing, and what a bot
// written the usual way in another library does. Each reply holds the text
// the users wait for (their expect strings) and the buttons they press.

// chatState is where one chat is in the script.
type chatState struct{ step string }

// scriptReply is one answer: a text and its inline keyboard (rows of
// {text, callback data}).
type scriptReply struct {
	Text    string
	Buttons [][][2]string
}

var activationCode = regexp.MustCompile(`^K[0-9]{5}$`)

// minReason is the shortest reason taken, in characters.
const minReason = 20

var (
	opdButtons = func() [][][2]string {
		var rows [][][2]string
		for _, o := range opds {
			rows = append(rows, [][2]string{{o.name, "x:isi:o:" + o.code}})
		}
		return rows
	}()
	positionButtons = func() [][][2]string {
		var rows [][][2]string
		for n := range 7 {
			rows = append(rows, [][2]string{{fmt.Sprintf("Analis %d", n), fmt.Sprintf("x:isi:p:%d", n)}})
		}
		return rows
	}()
)

// answer plays one update of a chat: text is what the user typed, data
// the button they pressed (one of the two is empty).
func (c *chatState) answer(text, data string) scriptReply {
	if text == "/start" {
		c.step = "consent"
		return scriptReply{Text: "Pelindungan data pribadi: jawaban Anda dipakai hanya untuk Open Karir. Setuju?",
			Buttons: [][][2]string{{{"Setuju", "x:isi:k:ya"}}}}
	}
	switch {
	case c.step == "consent" && data == "x:isi:k:ya":
		c.step = "nip"
		return scriptReply{Text: "Ketik NIP Anda (18 digit)."}
	case c.step == "nip" && len(text) == 18 && strings.Trim(text, "0123456789") == "":
		c.step = "code"
		return scriptReply{Text: "Terima kasih. Ketik kode aktivasi Anda."}
	case c.step == "nip":
		return scriptReply{Text: "NIP harus 18 digit angka."}
	case c.step == "code" && activationCode.MatchString(text):
		c.step = "choice"
		return scriptReply{Text: "Langkah 1 dari 5: tetap di jabatan sekarang atau pindah?",
			Buttons: [][][2]string{{{"Tetap", "x:isi:c:tetap"}, {"Pindah", "x:isi:c:pindah"}}}}
	case c.step == "code":
		return scriptReply{Text: "Kode aktivasi salah. Coba lagi."}
	case c.step == "choice" && data == "x:isi:c:pindah":
		c.step = "opd"
		return scriptReply{Text: "Pilih OPD tujuan:", Buttons: opdButtons}
	case c.step == "choice" && data == "x:isi:c:tetap":
		c.step = "reason"
		return scriptReply{Text: "Langkah 2 dari 5: Mengapa Anda memilih ini?"}
	case c.step == "opd" && strings.HasPrefix(data, "x:isi:o:"):
		c.step = "position"
		return scriptReply{Text: "Pilih Jabatan tujuan:", Buttons: positionButtons}
	case c.step == "position" && strings.HasPrefix(data, "x:isi:p:"):
		c.step = "reason"
		return scriptReply{Text: "Langkah 2 dari 5: Mengapa Anda memilih jabatan ini?"}
	case c.step == "position" && text != "":
		return scriptReply{Text: "Jabatan itu tidak ada di daftar.",
			Buttons: [][][2]string{{{"Tetap pakai yang saya ketik", "x:isi:p:ketik"}}}}
	case c.step == "reason" && utf8.RuneCountInString(text) < minReason && text != "":
		return scriptReply{Text: fmt.Sprintf("Terlalu singkat: tulis minimal %d huruf.", minReason)}
	case c.step == "reason" && text != "":
		c.step = "target"
		return scriptReply{Text: "Langkah 3 dari 5: Target kinerja yang ingin Anda capai?"}
	case c.step == "target" && text != "":
		c.step = "term"
		return scriptReply{Text: "Langkah 4 dari 5: Jangka waktu target?",
			Buttons: [][][2]string{{{"3 bulan", "x:isi:t:3"}, {"6 bulan", "x:isi:t:6"}, {"12 bulan", "x:isi:t:12"}}}}
	case c.step == "term" && strings.HasPrefix(data, "x:isi:t:"):
		c.step = "review"
		return scriptReply{Text: "Langkah 5 dari 5: Periksa jawaban Anda, lalu kirim.",
			Buttons: [][][2]string{{{"Kirim", "x:isi:s:kirim"}}}}
	case c.step == "review" && data == "x:isi:s:kirim":
		c.step = "done"
		return scriptReply{Text: "Formulir terkirim. Terima kasih."}
	}
	return scriptReply{Text: "Maaf, jawaban itu tidak dikenali. Ketik /start untuk mulai lagi."}
}
