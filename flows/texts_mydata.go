package flows

// Texts of /dataku's readable document (mydata_text.go). Each line is a
// label and a value; a value not stored leaves its line out.
const (
	txtMyDataHead        = "📄 <b>Data Anda di Open Karir</b>\nPer %s. Berkas JSON terlampir memuat data yang sama untuk diolah komputer."
	txtMyDataNothing     = "Tidak ada data lain tentang Anda: akun Telegram ini belum terhubung dengan NIP."
	txtMyDataFile        = "Data yang sama dalam format JSON."
	txtMyAccount         = "Akun Telegram"
	txtMyID              = "ID"
	txtMyName            = "Nama"
	txtMyUsername        = "Username"
	txtMyConsent         = "Persetujuan privasi"
	txtMyState           = "Keadaan"
	txtMyPendingNIP      = "NIP yang diketik, belum dibuktikan"
	txtMyWrongCodes      = "Kode aktivasi salah"
	txtMyLocked          = "Dikunci sampai"
	txtMyNIPLookups      = "NIP yang dicoba"
	txtMyNIPLookupsSince = "%d sejak %s"
	txtMyDraft           = "Isian yang belum dikirim"
	txtMyHeld            = "Jawaban yang belum dipakai"
	txtMyEmployee        = "Data kepegawaian (dari BKPSDM)"
	txtMyNIP             = "NIP"
	txtMyOPD             = "OPD"
	txtMyPosition        = "Jabatan"
	txtMyType            = "Jenis jabatan"
	txtMyKind            = "Jenis pegawai"
	txtMyGolongan        = "Golongan"
	txtMySupervisor      = "NIP atasan"
	txtMyPhone           = "Nomor HP"
	txtMyCode            = "Kode aktivasi"
	txtMyCodeIssued      = "sudah diterbitkan (yang disimpan hanya sidiknya, bukan kodenya)"
	txtMyCodeNone        = "tidak ada"
	txtMyUpdated         = "Diperbarui"
	txtMyBinding         = "Akun terhubung"
	txtMyMethod          = "Dibuktikan dengan"
	txtMyAt              = "Waktu"
	txtMyForm            = "Formulir periode %s"
	txtMyRef             = "Nomor referensi"
	txtMyAsFiled         = "Jabatan saat mengisi"
	txtMySubmitted       = "Pertama dikirim"
	txtMyFormUpdated     = "Terakhir diubah"
	txtMyStage           = "Tahap"
	txtMyDeadline        = "Batas target"
	txtMySteps           = "Tahapan"
	txtMyStepBy          = ", oleh %s"
	txtMyStepPercent     = " (%d%%)"
	txtMyStepNote        = ", catatan: %s"
	txtMyStepEvidence    = ", dengan bukti (%s)"
	txtMyStepRating      = ", dinilai %s oleh %s (%s): %s"
	txtMyByAdmin         = "BKPSDM"
	txtMyBySupervisor    = "atasan langsung"
	txtMyRevisions       = "Riwayat perubahan"
	txtMyChanged         = "%s, sebelumnya:"
	txtMyTalent          = "Data talenta"
	txtMyTalentYear      = "%d: predikat kinerja %s, potensial %s"
	txtMyTalentJPM       = " (JPM %s%%)"
)

// stateLabels say where a conversation stands, for the reader.
var stateLabels = map[string]string{
	"start":     "belum mulai",
	"consent":   "menunggu persetujuan privasi",
	"ask_nip":   "menunggu NIP",
	"ask_proof": "menunggu bukti identitas (nomor HP atau kode aktivasi)",
	"idle":      "tidak sedang mengisi formulir",
}

const txtMyStateForm = "sedang mengisi formulir"
