package bot_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"openkarir/karir"
	"openkarir/telegramtest"
)

// A reason or target over 1,000 characters is kept, not thrown away: the
// ASN sees its length and the limit, and chooses to have it cut (shown
// before it is used) or to write it again.
func TestLongTextKeptAndShortened(t *testing.T) {
	h := newHarness(t)
	const user = 611
	h.bindByCode(user, nipCode, codeText)
	h.press(user, "Tetap")

	sentence := "Program pembinaan pegawai yang saya rintis belum selesai dan perlu dilanjutkan. "
	long := strings.TrimSpace(strings.Repeat(sentence, 16)) // 16 sentences of 80 characters
	got := h.say(user, long)
	mustSee(t, got, "terlalu panjang: <b>1279 karakter</b>", "batasnya 1000 karakter", "tetap kami simpan")
	mustSee(t, got, "Langkah 2 dari 4: Alasan")
	if labels := buttonLabels(got); !slices.Equal(labels, []string{"✂️ Potong otomatis", "✏️ Tulis ulang"}) {
		t.Errorf("buttons = %q", labels)
	}
	if c := h.conversation(user); c.State != karir.StateReason || c.Held.Text != long || c.Draft.Reason != "" {
		t.Fatalf("after a long reason: state %s, held %d characters, reason %q", c.State, len(c.Held.Text), c.Draft.Reason)
	}
	// Kept across a restart of the form: /start shows the same choice.
	mustSee(t, h.say(user, "/start"), "Melanjutkan", "terlalu panjang: <b>1279 karakter</b>")

	got = h.press(user, "Potong otomatis")
	want := strings.TrimSpace(strings.Repeat(sentence, 12)) // the 12 whole sentences within 1,000
	mustSee(t, got, "Hasil potongan otomatis: <b>959 karakter</b>", "320 karakter di bagian akhir dibuang", "<i>"+want+"</i>", "Pakai teks ini?")
	mustSee(t, h.press(user, "Pakai hasil ini"), "Langkah 3 dari 4: Target kinerja")
	if c := h.conversation(user); c.Draft.Reason != want || !c.Held.IsZero() {
		t.Errorf("reason after the cut = %q (held %q)", c.Draft.Reason, c.Held.Text)
	}

	// Writing again: the held text goes, the step waits for the new one.
	longTarget := "Target: " + strings.Repeat("100 persen pasar bersih dan tertata ", 40)
	mustSee(t, h.say(user, longTarget), "terlalu panjang")
	got = h.press(user, "Tulis ulang")
	mustSee(t, got, "Langkah 3 dari 4: Target kinerja", "ketik ulang, paling banyak 1000 karakter")
	if c := h.conversation(user); c.State != karir.StateTarget || !c.Held.IsZero() {
		t.Errorf("after Tulis ulang: state %s, held %q", c.State, c.Held.Text)
	}
	mustSee(t, h.say(user, targetText), "Langkah 4 dari 4")

	// From the summary, a cut target returns to the summary.
	h.press(user, "6 bulan")
	h.press(user, "✏️ Target")
	h.say(user, longTarget)
	h.press(user, "Potong otomatis")
	got = h.press(user, "Pakai hasil ini")
	mustSee(t, got, "Periksa jawaban Anda", "100 persen pasar bersih")
	// No sentence ends in it: cut after the last whole word.
	if tg := h.conversation(user).Draft.Target; utf8.RuneCountInString(tg) > 1000 || !strings.HasPrefix(longTarget, tg+" ") {
		t.Errorf("target cut to %d characters, ending %q", utf8.RuneCountInString(tg), tg[max(0, len(tg)-20):])
	}
}

// A typed target post is compared with the target OPD's posts: a typo of
// the ASN's own post is caught as the same post, with buttons to stay or
// pick another; a typo of another post offers it (a post like none is
// confirmed first: TestTypedPostLikeNoneIsConfirmed).
func TestTypedPostMatched(t *testing.T) {
	h := newHarness(t)
	const hendra = 612 // Kepala Seksi Surveilans dan Imunisasi, Dinas Kesehatan
	h.bindByCode(hendra, "198802192010101008", "VNXXRM")
	h.press(hendra, "Pindah")
	h.press(hendra, "Dinas Kesehatan")
	got := h.say(hendra, "kepala seksi surveilan dan imunisasi")
	mustSee(t, got, "<i>kepala seksi surveilan dan imunisasi</i>, mirip dengan jabatan Anda sekarang: <b>Kepala Seksi Surveilans dan Imunisasi</b>")
	mustNotSee(t, got, "/batal lalu /isi")
	if labels := buttonLabels(got); !slices.Equal(labels, []string{"Tetap di jabatan sekarang", "Pilih jabatan lain", "Bukan, pakai yang saya ketik"}) {
		t.Errorf("buttons = %q", labels)
	}
	if d := h.conversation(hendra).Draft; d.TargetPosition != "" {
		t.Fatalf("the typo became the target post: %+v", d)
	}
	got = h.press(hendra, "Tetap di jabatan sekarang")
	mustSee(t, got, "Langkah 2 dari 4: Alasan", "ingin tetap di jabatan sekarang")
	if d := h.conversation(hendra).Draft; d.Choice != karir.ChoiceStay || d.TargetOPDCode != "" || d.TargetPosition != "" {
		t.Errorf("after staying instead: %+v", d)
	}

	// The own post pressed on the list: the same question, no way round it.
	h.say(hendra, "/batal")
	h.say(hendra, "/isi")
	h.press(hendra, "Pindah")
	h.press(hendra, "Dinas Kesehatan")
	got = h.press(hendra, "Kepala Seksi Surveilans dan Imunisasi")
	mustSee(t, got, "<b>Kepala Seksi Surveilans dan Imunisasi</b> adalah jabatan Anda sekarang")
	if labels := buttonLabels(got); !slices.Equal(labels, []string{"Tetap di jabatan sekarang", "Pilih jabatan lain"}) {
		t.Errorf("buttons = %q", labels)
	}
	mustSee(t, h.press(hendra, "Pilih jabatan lain"), "Pilih jabatan yang Anda tuju")
	got = h.press(hendra, "Bidan Terampil")
	mustSee(t, got, "Mengapa Anda ingin pindah")

	// Another post mistyped: offered as the post meant.
	const nadia = 613 // Analis Kepegawaian Ahli Pertama, BKPSDM
	h.bindByCode(nadia, nipCode, codeText)
	h.press(nadia, "Pindah")
	h.press(nadia, "Dinas Kesehatan")
	got = h.say(nadia, "Epidemiolog Kesehatan Ahli Pertma")
	mustSee(t, got, "Jabatan <i>Epidemiolog Kesehatan Ahli Pertma</i> tidak ada di daftar Dinas Kesehatan. Maksud Anda")
	if labels := buttonLabels(got); !slices.Equal(labels, []string{"Epidemiolog Kesehatan Ahli Pertama", "Tetap pakai yang saya ketik", "📋 Pilih dari daftar"}) {
		t.Errorf("buttons = %q", labels)
	}
	mustSee(t, h.press(nadia, "Epidemiolog Kesehatan Ahli Pertama"), "Mengapa Anda ingin pindah")
	if p := h.conversation(nadia).Draft.TargetPosition; p != "Epidemiolog Kesehatan Ahli Pertama" {
		t.Errorf("target post = %q", p)
	}
	h.say(nadia, reasonText)
	h.say(nadia, targetText)
	h.press(nadia, "6 bulan")

	// Case and spacing aside, a known post is taken in the list's spelling.
	h.press(nadia, "✏️ Jabatan tujuan")
	mustSee(t, h.say(nadia, "  APOTEKER   ahli pertama "), "Periksa jawaban Anda", "<b>Jabatan tujuan:</b> Apoteker Ahli Pertama")
	// A post like a known one, kept as typed when the ASN says so.
	h.press(nadia, "✏️ Jabatan tujuan")
	got = h.say(nadia, "Dokter Ahli Madya")
	mustSee(t, got, "Maksud Anda")
	if labels := buttonLabels(got); labels[0] != "Dokter Ahli Muda" {
		t.Errorf("buttons = %q", labels)
	}
	got = h.press(nadia, "Tetap pakai yang saya ketik")
	mustSee(t, got, "Periksa jawaban Anda", "<b>Jabatan tujuan:</b> Dokter Ahli Madya")
	h.press(nadia, "✅ Kirim")
	if p := h.submission(nipCode).Answers.TargetPosition; p != "Dokter Ahli Madya" {
		t.Errorf("filed target post = %q", p)
	}
}

// buttonLabels are the labels of the last message with buttons.
func buttonLabels(msgs []telegramtest.Message) []string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if len(msgs[i].Buttons) == 0 {
			continue
		}
		var out []string
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				out = append(out, b.Text)
			}
		}
		return out
	}
	return nil
}
