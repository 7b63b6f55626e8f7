package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"openkarir/karir"
	"openkarir/report"
)

func sampleSubmissions(t *testing.T, loc *time.Location) []karir.Submission {
	t.Helper()
	at := time.Date(2026, 11, 2, 9, 30, 0, 0, loc)
	filed := karir.Submission{NIP: "198507222010012005", Name: "Nadia Putri Maharani, S.Psi.", OPDCode: "BKPSDM", OPDName: "Badan Kepegawaian",
		Position: "Analis Kepegawaian Ahli Pertama", Eselon: "Staf", Ref: "OK-ABC234", SubmittedAt: at, UpdatedAt: at,
		Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: strings.Repeat("Alasan yang panjang. ", 10), Target: "Arsip 100% digital", TermMonths: 6}}
	if err := filed.Record(karir.Milestone{Step: karir.StepSubmitted, At: at}, loc); err != nil {
		t.Fatal(err)
	}
	running := filed
	running.NIP, running.Ref, running.Milestones, running.Stage = "197007211992021006", "OK-XYZ789", nil, ""
	for i, step := range []karir.Step{karir.StepSubmitted, karir.StepVerified, karir.StepBaperjakat, karir.StepApproved} {
		if err := running.Record(karir.Milestone{Step: step, At: at.AddDate(0, 0, i)}, loc); err != nil {
			t.Fatal(err)
		}
	}
	if err := running.Record(karir.Milestone{Step: karir.StepCheckIn, At: at.AddDate(0, 1, 0), Percent: 60}, loc); err != nil {
		t.Fatal(err)
	}
	return []karir.Submission{filed, running}
}

// TestExportXLSXIsReadyToTrack: a bold header with a filter, widths,
// numbers and dates typed, the sheet's range right, and the tracker's
// columns. XLSX_OUT=FILE keeps the file.
func TestExportXLSXIsReadyToTrack(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	subs := sampleSubmissions(t, loc)
	// The roster has the first employee in another post since she filed,
	// with her golongan and supervisor; the second left the roster.
	roster := []karir.Employee{{NIP: subs[0].NIP, Name: subs[0].Name, OPDCode: "BKPSDM", OPDName: "Badan Kepegawaian",
		Position: "Analis Kepegawaian Ahli Muda", Eselon: "Staf", Golongan: "III/c", SupervisorNIP: "197007211992021006"}}
	data, err := report.Renderer{}.ExportXLSX(subs, roster, loc)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("XLSX_OUT"); out != "" {
		_ = os.WriteFile(out, data, 0o644)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Formulir"
	cell := func(ref string) string {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	header, _ := f.GetRows(sheet)
	want := []string{"tahap", "batas_target", "laporan_terakhir_persen", "tanggal_laporan_terakhir", "laporan_dinilai", "rata_rata_nilai", "kode_kontrak",
		"jenis_jabatan", "jenis_pegawai"}
	if got := header[0][len(header[0])-9:]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("last columns %q, want %q", got, want)
	}
	// The roster's columns under the roster's names, so the file imports back.
	want = []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "eselon", "golongan", "nip_atasan"}
	if got := header[0][:8]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("first columns %q, want %q", got, want)
	}
	styleID, _ := f.GetCellStyle(sheet, "A1")
	if style, err := f.GetStyle(styleID); err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("header not bold: %+v %v", style, err)
	}
	if w, _ := f.GetColWidth(sheet, "M"); w < 40 {
		t.Errorf("the reason's column is %.0f wide", w)
	}
	for ref, wantType := range map[string]excelize.CellType{"A2": excelize.CellTypeSharedString, "O2": excelize.CellTypeUnset, "U3": excelize.CellTypeUnset} {
		if got, _ := f.GetCellType(sheet, ref); got != wantType {
			t.Errorf("%s (%s) has type %v, want %v (a number)", ref, cell(ref), got, wantType)
		}
	}
	for ref, want := range map[string]string{"A2": "198507222010012005", "E2": "Analis Kepegawaian Ahli Muda", "G2": "III/c",
		"H2": "197007211992021006", "E3": "Analis Kepegawaian Ahli Pertama", "G3": "",
		"O2": "6", "Q2": "02/11/2026 09:30", "S2": "Diajukan", "S3": "Laporan kemajuan", "T3": "05/05/2027", "U3": "60",
		"V3": "02/12/2026", "T2": "", "Z2": "Fungsional Ahli Muda", "AA2": "PNS", "Z3": "Fungsional Ahli Pertama"} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	// The filter and the range the sheet declares cover the whole table.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		r, _ := zf.Open()
		xml, _ := io.ReadAll(r)
		r.Close()
		for _, want := range []string{`<dimension ref="A1:AA3"`, `<autoFilter ref="$A$1:$AA$3"`} {
			if !bytes.Contains(xml, []byte(want)) {
				t.Errorf("sheet lacks %s", want)
			}
		}
	}
}
