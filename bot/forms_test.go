package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
	"openkarir/roster"
)

// The sample's paper forms (roster/contoh_formulir_kertas.csv).
const (
	paperStayNIP = "197302181998011004"
	paperMoveNIP = "199211062014101006" // phone 081223076910
)

// Forms filed on paper, imported with /impor: each is the ASN's form of
// the round, marked imported with the file and the admin, counted in
// /cakupan, shown in /status and changed by its ASN with /isi. Imported
// again, nothing changes, and the form the ASN changed in the bot is
// reported, not overwritten.
func TestPaperFormsImportedAndEdited(t *testing.T) {
	h := newHarness(t)
	got := h.tg.Upload(t, adminID, "formulir-kertas.csv", roster.SampleForms, "/impor")
	mustSee(t, got, "Formulir di luar bot diimpor", "Baris dibaca: 3", "Formulir ditambahkan: 3", "Ditolak: 0")
	sub := h.submission(paperMoveNIP)
	first := sub.Milestones[0]
	if sub.ImportedFrom != "formulir-kertas.csv" || sub.Stage != karir.StepSubmitted || first.ActorID != adminID ||
		!strings.Contains(first.Note, "formulir-kertas.csv") || first.At.In(time.FixedZone("WIB", 7*3600)).Format(time.DateOnly) != "2026-11-11" {
		t.Errorf("imported form: %+v", sub)
	}
	if a := sub.Answers; a.Choice != karir.ChoiceMove || a.TargetOPDCode != "DINKES" || a.TargetPosition != "Kepala Seksi Surveilans dan Imunisasi" || a.TermMonths != 6 {
		t.Errorf("answers: %+v", a)
	}
	mustSee(t, h.say(adminID, "/cakupan"), "3 dari 40 ASN sudah mengisi")

	const asn = 871
	h.begin(asn)
	h.say(asn, paperMoveNIP)
	mustSee(t, h.tg.Share(t, asn, "081223076910", asn), "sudah terhubung")
	h.say(asn, "/batal")
	mustSee(t, h.say(asn, "/status"), "diimpor BKPSDM", "Kepala Seksi Surveilans dan Imunisasi")
	mustSee(t, h.say(asn, "/isi"), "terakhir Anda kirim")
	h.press(asn, "✏️ Target")
	h.say(asn, "Cakupan imunisasi dasar lengkap 98% di seluruh kelurahan")
	mustSee(t, h.press(asn, "✅ Kirim"), "Formulir terkirim")
	sub = h.submission(paperMoveNIP)
	if sub.TelegramID != asn || len(sub.Revisions) != 1 || !strings.Contains(sub.Answers.Target, "98%") || sub.Ref == "" {
		t.Errorf("edited form: %+v", sub)
	}
	mustNotSee(t, h.say(asn, "/status"), "diimpor BKPSDM")

	// An ASN who filed in the bot first.
	fileStay(h, 872)
	withBotFiler := string(roster.SampleForms) + nipCode + ";pindah;DINKES;Dokter Ahli Muda;Alasan di kertas;Target di kertas 10%;6;\n"
	again := h.tg.Upload(t, adminID, "formulir-kertas.csv", []byte(withBotFiler), "/impor")
	mustSee(t, again, "Formulir ditambahkan: 0", "Tidak berubah: 2", "Tidak ditimpa: 2",
		"baris 3 (NIP "+paperMoveNIP+"): sudah mengisi lewat bot; tidak ditimpa",
		"baris 5 (NIP "+nipCode+"): sudah mengisi lewat bot; tidak ditimpa")
	if got := h.submission(nipCode).Answers.Choice; got != karir.ChoiceStay {
		t.Errorf("the bot's form was overwritten: %s", got)
	}
	mustSee(t, h.say(adminID, "/audit"), "formulir-kertas.csv: formulir")
}

// Bad rows are refused by line with the reason, in Indonesian, and the
// file writes nothing.
func TestPaperFormsBadRows(t *testing.T) {
	h := newHarness(t)
	bad := "nip;pilihan;opd_tujuan;jabatan_tujuan;alasan;target;jangka_bulan;tanggal\n" +
		paperStayNIP + ";mutasi;;;alasan;target;6;\n" +
		paperMoveNIP + ";pindah;DLH;Kepala Seksi Taman;alasan;target;6;\n" +
		"199001012015011999;tetap;;;alasan;target;6;\n" +
		nipCode + ";tetap;;;alasan;target;5;\n" +
		nipPhone + ";tetap;;;;target;6;\n" +
		"197007211992021006;tetap;;;alasan;target;6;31/12/2099\n"
	got := h.tg.Upload(t, adminID, "kertas.csv", []byte(bad), "/impor")
	mustSee(t, got, "Berkas ditolak: 6 baris bermasalah", "Tidak ada data yang diubah",
		"baris 2 (NIP "+paperStayNIP+"): pilihan tidak dikenal (mutasi): tulis tetap atau pindah",
		"baris 3 (NIP "+paperMoveNIP+"): OPD tujuan tidak dikenal (DLH)",
		"baris 4 (NIP 199001012015011999): NIP tidak ada di data pegawai",
		"baris 5 (NIP "+nipCode+"): jangka waktu tidak valid (5): 3, 6 atau 12 bulan",
		"baris 6 (NIP "+nipPhone+"): alasan kosong",
		"baris 7 (NIP 197007211992021006): tanggal 31/12/2099 belum tiba")
	subs, err := h.store.ListSubmissions(context.Background(), h.round.ID)
	if err != nil || len(subs) != 0 {
		t.Errorf("a refused file stored %d forms, %v", len(subs), err)
	}
}

// A city's paper forms: 10,000 rows imported in chat, counted in
// /cakupan, and the same file again writes nothing.
func TestPaperFormsAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 forms")
	}
	h := newHarness(t)
	ctx := context.Background()
	var rosterFile, forms strings.Builder
	rosterFile.WriteString("nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp\n")
	forms.WriteString("nip;pilihan;opd_tujuan;jabatan_tujuan;alasan;target;jangka_bulan;tanggal\n")
	birth := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range scaleRoster {
		nip := birth.AddDate(0, 0, i/500).Format("20060102") + "200501" + "1" + fmt.Sprintf("%03d", i%500)
		fmt.Fprintf(&rosterFile, "%s;ASN %05d;OPD%02d;Dinas %02d;Staf;Staf;0812%08d\n", nip, i, i%40, i%40, i)
		if i%2 == 0 {
			fmt.Fprintf(&forms, "%s;tetap;;;Melanjutkan program kerja;Layanan 100%% tepat waktu;6;2026-11-%02d\n", nip, 1+i%20)
		} else {
			fmt.Fprintf(&forms, "%s;pindah;OPD%02d;Staf;Ingin pindah;Target 10%% naik;12;\n", nip, (i+1)%40)
		}
	}
	if _, err := roster.Import(ctx, h.store, strings.NewReader(rosterFile.String()), h.clock()); err != nil {
		t.Fatal(err)
	}
	upload := func() string {
		mark := h.tg.Seq()
		start := time.Now()
		wait, cancel := context.WithTimeout(ctx, 3*time.Minute)
		defer cancel()
		if err := h.tg.WaitHandled(wait, h.tg.SendDocument(adminID, "formulir.csv", []byte(forms.String()), "/impor")); err != nil {
			t.Fatal(err)
		}
		t.Logf("10,000-row forms import: %v", time.Since(start).Round(time.Millisecond))
		var b strings.Builder
		for _, m := range h.tg.Since(adminID, mark) {
			b.WriteString(m.Text)
		}
		return b.String()
	}
	if got := upload(); !strings.Contains(got, "Formulir ditambahkan: 10000") {
		t.Fatalf("first import:\n%s", got)
	}
	mustSee(t, h.say(adminID, "/cakupan"), "10000 dari 10040 ASN sudah mengisi")
	if got := upload(); !strings.Contains(got, "Tidak berubah: 10000") || !strings.Contains(got, "Formulir ditambahkan: 0") {
		t.Fatalf("second import:\n%s", got)
	}
}

// A paper form's target post is matched against the peta jabatan: a post
// nobody holds yet is stored in the peta jabatan's spelling.
func TestPaperFormPostFromPetaJabatan(t *testing.T) {
	h := newHarness(t)
	mustSee(t, h.tg.Upload(t, adminID, "peta.csv", roster.SamplePosts, "/impor"), "Peta jabatan diimpor")
	file := "nip;pilihan;opd_tujuan;jabatan_tujuan;alasan;target;jangka_bulan\n" +
		nipPhone + ";pindah;dinas perindustrian dan perdagangan;kepala uptd pasar  minggu;Alasan;Target 10%;3\n"
	mustSee(t, h.tg.Upload(t, adminID, "kertas.csv", []byte(file), "/impor"), "Formulir ditambahkan: 1")
	if a := h.submission(nipPhone).Answers; a.TargetOPDCode != "DISPERINDAG" || a.TargetPosition != "Kepala UPTD Pasar Minggu" || a.TermMonths != 3 {
		t.Errorf("answers: %+v", a)
	}
}
