package flows

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"openkarir/karir"
)

// userData is everything stored about one Telegram user, as /dataku gives
// it: a document to read (mydata_text.go) and the same as JSON.
type userData struct {
	Conv    *karir.Conversation
	Emp     *karir.Employee      // nil when the account is not bound
	Binding *karir.Binding       // nil likewise
	Sub     *karir.Submission    // the form of the current round, nil when none
	Earlier []karir.Submission   // the forms of earlier rounds, oldest first
	Talent  []karir.TalentRecord // the ASN's talent data, oldest year first
}

// The JSON file of /dataku: snake_case Indonesian keys, times in the bot's
// zone as RFC 3339, and what is not there left out (no "0001-01-01").
type (
	myDataJSON struct {
		Made     string        `json:"dibuat"`
		Zone     string        `json:"zona_waktu"`
		Account  accountJSON   `json:"akun_telegram"`
		Employee *employeeJSON `json:"data_kepegawaian,omitempty"`
		Binding  *bindingJSON  `json:"pengikatan_akun,omitempty"`
		Form     *formJSON     `json:"formulir,omitempty"`
		Earlier  []*formJSON   `json:"formulir_periode_lain,omitempty"`
		Talent   []talentJSON  `json:"data_talenta,omitempty"`
	}
	accountJSON struct {
		ID          int64        `json:"id"`
		Name        string       `json:"nama,omitempty"`
		Username    string       `json:"username,omitempty"`
		Consent     string       `json:"persetujuan_privasi,omitempty"`
		State       string       `json:"tahap_percakapan"`
		NIP         string       `json:"nip,omitempty"`
		PendingNIP  string       `json:"nip_diketik,omitempty"`
		WrongCodes  int          `json:"kode_salah,omitempty"`
		NIPLookups  int          `json:"nip_dicoba,omitempty"`
		NIPsSince   string       `json:"nip_dicoba_sejak,omitempty"`
		LockedUntil string       `json:"dikunci_sampai,omitempty"`
		Draft       *answersJSON `json:"isian_belum_dikirim,omitempty"`
		Held        string       `json:"jawaban_ditahan,omitempty"`
	}
	employeeJSON struct {
		NIP        string `json:"nip"`
		Name       string `json:"nama"`
		OPDCode    string `json:"kode_opd"`
		OPDName    string `json:"nama_opd"`
		Position   string `json:"jabatan"`
		Type       string `json:"jenis_jabatan"`
		Eselon     string `json:"eselon,omitempty"`
		Kind       string `json:"jenis_pegawai"`
		Golongan   string `json:"golongan,omitempty"`
		Supervisor string `json:"nip_atasan,omitempty"`
		Phone      string `json:"no_hp,omitempty"`
		// The code itself is never stored, only whether one was issued.
		HasCode bool   `json:"kode_aktivasi_diterbitkan"`
		Updated string `json:"diperbarui,omitempty"`
	}
	bindingJSON struct {
		Method string `json:"cara"`
		At     string `json:"waktu"`
	}
	answersJSON struct {
		Choice         string `json:"pilihan,omitempty"`
		TargetOPDCode  string `json:"kode_opd_tujuan,omitempty"`
		TargetOPDName  string `json:"nama_opd_tujuan,omitempty"`
		TargetPosition string `json:"jabatan_tujuan,omitempty"`
		Reason         string `json:"alasan,omitempty"`
		Target         string `json:"target_kinerja,omitempty"`
		TermMonths     int    `json:"jangka_waktu_bulan,omitempty"`
	}
	formJSON struct {
		Round    string `json:"periode"`
		Ref      string `json:"nomor_referensi"`
		Employee struct {
			OPDCode  string `json:"kode_opd"`
			OPDName  string `json:"nama_opd"`
			Position string `json:"jabatan"`
			Type     string `json:"jenis_jabatan,omitempty"`
			Eselon   string `json:"eselon,omitempty"`
		} `json:"jabatan_saat_mengisi"`
		Answers   answersJSON     `json:"jawaban"`
		Submitted string          `json:"pertama_dikirim,omitempty"`
		Updated   string          `json:"terakhir_diubah,omitempty"`
		Stage     string          `json:"tahap,omitempty"`
		Deadline  string          `json:"batas_target,omitempty"`
		Steps     []milestoneJSON `json:"tahapan,omitempty"`
		Revisions []revisionJSON  `json:"riwayat_perubahan,omitempty"`
	}
	milestoneJSON struct {
		Step     string      `json:"tahap"`
		At       string      `json:"waktu"`
		By       string      `json:"oleh,omitempty"`
		Note     string      `json:"catatan,omitempty"`
		Percent  int         `json:"persen,omitempty"`
		Evidence string      `json:"bukti,omitempty"`
		Rating   *ratingJSON `json:"nilai,omitempty"`
	}
	ratingJSON struct {
		Productivity int    `json:"produktivitas"`
		Service      int    `json:"kualitas_layanan"`
		Innovation   int    `json:"inovasi"`
		By           string `json:"oleh"`
		As           string `json:"sebagai"`
		At           string `json:"waktu"`
	}
	revisionJSON struct {
		At  string      `json:"waktu"`
		Old answersJSON `json:"sebelum"`
		New answersJSON `json:"sesudah"`
	}
	talentJSON struct {
		Year      int      `json:"tahun"`
		Predikat  string   `json:"predikat_kinerja"`
		Potential string   `json:"potensial"`
		JPM       *float64 `json:"jpm_persen,omitempty"`
		Imported  string   `json:"diimpor,omitempty"`
	}
)

// stamp is a time in loc as RFC 3339, or "" for a time never set.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// JSON is the machine-readable file of /dataku.
func (d userData) JSON(now time.Time, loc *time.Location) ([]byte, error) {
	c := d.Conv
	doc := myDataJSON{
		Made: stamp(now, loc), Zone: loc.String(),
		Account: accountJSON{
			ID: c.UserID, Name: c.FirstName, Username: c.Username, Consent: stamp(c.ConsentAt, loc),
			State: string(c.State), NIP: c.NIP, PendingNIP: c.PendingNIP, WrongCodes: c.CodeFailures,
			LockedUntil: stamp(c.LockedUntil, loc), Held: c.Held.Text,
			NIPLookups: c.NIPLookups, NIPsSince: stamp(c.NIPLookupsSince, loc),
		},
	}
	if c.Draft != (karir.Answers{}) {
		a := answersToJSON(c.Draft)
		doc.Account.Draft = &a
	}
	if e := d.Emp; e != nil {
		doc.Employee = &employeeJSON{NIP: e.NIP, Name: e.Name, OPDCode: e.OPDCode, OPDName: e.OPDName,
			Position: e.Position, Type: e.Type().Name(), Eselon: e.Eselon, Kind: string(e.ASN()), Golongan: e.Golongan, Supervisor: e.SupervisorNIP,
			Phone: e.Phone, HasCode: e.ActivationHash != "", Updated: stamp(e.UpdatedAt, loc)}
	}
	if b := d.Binding; b != nil {
		doc.Binding = &bindingJSON{Method: bindingMethods[b.Method].key, At: stamp(b.BoundAt, loc)}
	}
	if s := d.Sub; s != nil {
		doc.Form = formToJSON(s, loc)
	}
	for i := range d.Earlier {
		doc.Earlier = append(doc.Earlier, formToJSON(&d.Earlier[i], loc))
	}
	for _, r := range d.Talent {
		doc.Talent = append(doc.Talent, talentJSON{Year: r.Year, Predikat: string(r.Predikat),
			Potential: string(r.Potential), JPM: r.JPM, Imported: stamp(r.ImportedAt, loc)})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode my data: %w", err)
	}
	return out, nil
}

func formToJSON(s *karir.Submission, loc *time.Location) *formJSON {
	f := &formJSON{Round: s.Round, Ref: s.Ref, Answers: answersToJSON(s.Answers),
		Submitted: stamp(s.SubmittedAt, loc), Updated: stamp(s.UpdatedAt, loc),
		Stage: string(s.Stage), Deadline: stamp(s.TargetDeadline, loc)}
	f.Employee.OPDCode, f.Employee.OPDName, f.Employee.Position, f.Employee.Eselon = s.OPDCode, s.OPDName, s.Position, s.Eselon
	f.Employee.Type = s.Type().Name()
	for _, m := range s.Milestones {
		step := milestoneJSON{Step: string(m.Step), At: stamp(m.At, loc), By: m.ActorName,
			Note: m.Note, Percent: m.Percent, Evidence: evidenceKind(m.FileKind)}
		if r := m.Rating; r != nil {
			step.Rating = &ratingJSON{Productivity: r.Productivity, Service: r.Service, Innovation: r.Innovation,
				By: r.RaterName, As: raterRole(*r), At: stamp(r.At, loc)}
		}
		f.Steps = append(f.Steps, step)
	}
	for _, r := range s.Revisions {
		f.Revisions = append(f.Revisions, revisionJSON{At: stamp(r.At, loc), Old: answersToJSON(r.Old), New: answersToJSON(r.New)})
	}
	return f
}

// evidenceKind names the kind of an evidence file in Indonesian.
func evidenceKind(kind string) string {
	switch kind {
	case "":
		return ""
	case "photo":
		return "foto"
	}
	return "dokumen"
}

// raterRole says in whose name a check-in was rated.
func raterRole(r karir.Rating) string {
	if r.ByAdmin {
		return txtMyByAdmin
	}
	return txtMyBySupervisor
}

func answersToJSON(a karir.Answers) answersJSON {
	return answersJSON{Choice: string(a.Choice), TargetOPDCode: a.TargetOPDCode, TargetOPDName: a.TargetOPDName,
		TargetPosition: a.TargetPosition, Reason: a.Reason, Target: a.Target, TermMonths: a.TermMonths}
}

// bindingMethods name how an account proved its NIP: a key for the JSON
// file and words for the reader.
var bindingMethods = map[string]struct{ key, label string }{
	"contact": {"nomor_hp", "nomor HP yang dibagikan dari Telegram"},
	"code":    {"kode_aktivasi", "kode aktivasi dari BKPSDM"},
}

// phoneText writes a stored phone number (628...) as people dial it.
func phoneText(p string) string {
	if rest, ok := strings.CutPrefix(p, "62"); ok {
		return "0" + rest
	}
	return p
}
