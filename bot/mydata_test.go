package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"openkarir/roster"
)

// /dataku is a document to read (Indonesian labels, times in the bot's
// zone, what is not stored left out) with a JSON file beside it whose keys
// are snake_case Indonesian, whose times are local RFC 3339, and which has
// no zero times.
func TestMyDataReadable(t *testing.T) {
	h := newHarness(t)
	const user = 631
	fileStay(h, user)
	if _, err := roster.ImportTalent(context.Background(), h.store, bytes.NewReader(roster.SampleTalent), h.clock()); err != nil {
		t.Fatal(err)
	}
	h.advance(90 * time.Minute)
	h.say(user, "/isi")
	h.press(user, "✏️ Alasan")
	newReason := "Program digitalisasi arsip kepegawaian baru berjalan separuh."
	h.say(user, newReason)
	h.press(user, "✅ Kirim")

	got := h.say(user, "/dataku")
	mustSee(t, got, "<b>Data Anda di Open Karir</b>", "Per 24 November 2026 pukul 10.30 WIB",
		"<b>Akun Telegram</b>\nID: 631", "Persetujuan privasi: 24 November 2026 pukul 09.00 WIB", "Keadaan: tidak sedang mengisi formulir",
		"<b>Data kepegawaian (dari BKPSDM)</b>\nNIP: "+nipCode, "Nama: Nadia Putri Maharani, S.Psi.",
		"Nomor HP: 081230106149", "Kode aktivasi: sudah diterbitkan", "Dibuktikan dengan: kode aktivasi dari BKPSDM",
		"<b>Formulir periode 2026-1</b>\nNomor referensi: OK-", "Alasan: "+newReason, "Jangka waktu: 6 bulan",
		"Pertama dikirim: 24 November 2026 pukul 09.00 WIB", "Terakhir diubah: 24 November 2026 pukul 10.30 WIB",
		"Tahap: Diajukan", "• Diajukan, 24 November 2026 pukul 09.00 WIB, oleh Nadia",
		"Riwayat perubahan:\n• 24 November 2026 pukul 10.30 WIB, sebelumnya:\nAlasan: "+reasonText,
		"<b>Data talenta</b>\n• 2024: predikat kinerja Baik, potensial menengah\n• 2025: predikat kinerja Sangat Baik, potensial tinggi (JPM 88%)")
	for _, raw := range []string{"TargetOPDCode", "0001", "UTC", "Golongan:", "Batas target:"} {
		mustNotSee(t, got, raw)
	}

	doc := documents(got)["data-saya.json"]
	var data map[string]any
	if err := json.Unmarshal(doc, &data); err != nil {
		t.Fatalf("my data is not JSON: %v\n%s", err, doc)
	}
	key := regexp.MustCompile(`^[a-z0-9_]+$`)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !key.MatchString(k) {
					t.Errorf("key %s.%s is not snake_case", path, k)
				}
				walk(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		case string:
			if strings.HasPrefix(v, "0001-") || regexp.MustCompile(`^\d{4}-\d\d-\d\dT.*Z$`).MatchString(v) {
				t.Errorf("%s = %q: a zero or UTC time", path, v)
			}
		}
	}
	walk("", data)
	field := func(path ...string) any {
		var v any = data
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		return v
	}
	for _, c := range []struct {
		path []string
		want any
	}{
		{[]string{"akun_telegram", "persetujuan_privasi"}, "2026-11-24T09:00:00+07:00"},
		{[]string{"data_kepegawaian", "nip"}, nipCode},
		{[]string{"data_kepegawaian", "kode_aktivasi_diterbitkan"}, true},
		{[]string{"pengikatan_akun", "cara"}, "kode_aktivasi"},
		{[]string{"formulir", "jawaban", "alasan"}, newReason},
		{[]string{"formulir", "terakhir_diubah"}, "2026-11-24T10:30:00+07:00"},
		{[]string{"formulir", "tahap"}, "diajukan"},
		{[]string{"formulir", "batas_target"}, nil},
		{[]string{"data_kepegawaian", "golongan"}, nil},
	} {
		if got := field(c.path...); got != c.want {
			t.Errorf("%s = %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
	if revs, _ := field("formulir", "riwayat_perubahan").([]any); len(revs) != 1 {
		t.Errorf("revisions: %v", revs)
	}
	if talent, _ := data["data_talenta"].([]any); len(talent) != 2 || talent[1].(map[string]any)["predikat_kinerja"] != "sangat_baik" {
		t.Errorf("talent: %v", talent)
	}
}
