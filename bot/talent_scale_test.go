package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"openkarir/karir"
	"openkarir/store"
)

// city is a generated city government: n ASN over 40 OPDs, each OPD with a
// head (eselon II), 4 heads of division (III), 12 heads of section (IV)
// and staff; talent data for everyone (a second, older year for three in
// ten); a fifth of them filed, most of those asking to move, the popular
// posts asked for most.
type city struct {
	emps   []karir.Employee
	talent []karir.TalentRecord
	subs   []karir.Submission
}

const cityOPDs = 40

func cityPost(opd, k int) (position, eselon string) {
	switch {
	case k == 0:
		return fmt.Sprintf("Kepala Dinas %02d", opd), "II"
	case k <= 4:
		return fmt.Sprintf("Kepala Bidang %d Dinas %02d", k, opd), "III"
	case k <= 16:
		return fmt.Sprintf("Kepala Seksi %d Dinas %02d", k-4, opd), "IV"
	}
	return fmt.Sprintf("Pelaksana %d", k%30), "Staf"
}

var golonganOf = map[string][]string{"II": {"IV/c", "IV/b", "IV/a"}, "III": {"IV/a", "III/d", "III/c"}, "IV": {"III/d", "III/b", "III/a", "II/d"}, "Staf": {"II/c", "III/a", "III/b"}}

func newCity(n int, round string, filedAt time.Time) *city {
	c := &city{}
	preds := []karir.Predikat{karir.PredikatSangatBaik, karir.PredikatBaik, karir.PredikatBaik, karir.PredikatBaik, karir.PredikatButuhPerbaikan, karir.PredikatKurang}
	for i := range n {
		birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/999)
		nip := fmt.Sprintf("%s%d01%d%03d", birth.Format("20060102"), birth.Year()+25, 1+i%2, 1+i%999)
		opd := i % cityOPDs
		k := (i / cityOPDs) % (n / cityOPDs) // each OPD's people in order: head first
		pos, eselon := cityPost(opd, k)
		e := karir.Employee{NIP: nip, Name: fmt.Sprintf("ASN %05d", i), OPDCode: fmt.Sprintf("OPD%02d", opd), OPDName: fmt.Sprintf("Dinas %02d", opd),
			Position: pos, Eselon: eselon, Phone: fmt.Sprintf("62812%08d", i), Golongan: golonganOf[eselon][i%len(golonganOf[eselon])]}
		c.emps = append(c.emps, e)
		jpm := float64(55 + (i*7)%45)
		c.talent = append(c.talent, karir.TalentRecord{NIP: nip, Year: 2025, Predikat: preds[i%len(preds)], Potential: karir.PotentialFromJPM(jpm), JPM: &jpm, ImportedAt: filedAt})
		if i%10 < 3 {
			c.talent = append(c.talent, karir.TalentRecord{NIP: nip, Year: 2024, Predikat: preds[(i+1)%len(preds)], Potential: karir.PotentialMiddle, ImportedAt: filedAt})
		}
		if i%5 != 0 {
			continue
		}
		sub := karir.Submission{ID: karir.SubmissionID(round, nip), Round: round, NIP: nip, Ref: fmt.Sprintf("R%05d", i), Name: e.Name,
			OPDCode: e.OPDCode, OPDName: e.OPDName, Position: pos, Eselon: eselon, Stage: karir.StepSubmitted,
			SubmittedAt: filedAt.Add(time.Duration(i) * time.Second), UpdatedAt: filedAt,
			Answers: karir.Answers{Choice: karir.ChoiceStay, Reason: "alasan", Target: "target", TermMonths: 6}}
		if i%15 != 0 {
			// A move: to one of the structural posts of any OPD, the
			// heads' most (a multiplicative hash spreads the filers).
			h := uint32(i/5) * 2654435761
			to := int(h>>8) % cityOPDs
			k := []int{0, 0, 1, 1, 2, 3, 5, 6, 7, 9, 12, 16}[int(h>>16)%12]
			tp, _ := cityPost(to, k)
			if i%97 == 0 {
				tp = fmt.Sprintf("Kepala UPTD Baru %d", i%3) // typed, held by no one
			}
			sub.Answers = karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: fmt.Sprintf("OPD%02d", to), TargetOPDName: fmt.Sprintf("Dinas %02d", to),
				TargetPosition: tp, Reason: "alasan", Target: "target", TermMonths: 6}
		}
		c.subs = append(c.subs, sub)
	}
	return c
}

// talentCSV is the city's talent data as a file.
func (c *city) talentCSV() []byte {
	var b bytes.Buffer
	b.WriteString("nip;tahun;predikat_kinerja;potensial\n")
	for _, r := range c.talent {
		potential := string(r.Potential)
		if r.JPM != nil {
			potential = strings.Replace(fmt.Sprint(*r.JPM), ".", ",", 1)
		}
		fmt.Fprintf(&b, "%s;%d;%s;%s\n", r.NIP, r.Year, r.Predikat.Label(), potential)
	}
	return b.Bytes()
}

// load writes the roster and the submissions straight into the store (the
// talent data is left to the test), with plain inserts where it can.
func (c *city) load(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	if _, _, err := st.UpsertEmployees(ctx, c.emps); err != nil {
		t.Fatal(err)
	}
	positions := map[string][]string{}
	for _, e := range c.emps {
		positions[e.OPDCode] = append(positions[e.OPDCode], e.Position)
	}
	var opds []karir.OPD
	for code, ps := range positions {
		opds = append(opds, karir.OPD{Code: code, Name: "Dinas " + code[3:], Positions: ps})
	}
	if _, err := st.UpsertOPDs(ctx, opds); err != nil {
		t.Fatal(err)
	}
	for i := range c.subs {
		if err := st.SaveSubmission(ctx, &c.subs[i]); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTalentAt10000 runs the admin paths of the talent map on a city of
// 10,000 ASN: the talent file in chat, /talenta, /kandidat and a post's
// view, spreadsheet and map.
func TestTalentAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 ASN")
	}
	const n = 10_000
	h := newHarness(t)
	c := newCity(n, h.round.ID, h.clock().Add(-time.Hour))
	c.load(t, h.store)
	file := c.talentCSV()

	got := h.tg.Upload(t, adminID, "talenta.csv", file, "/impor")
	mustSee(t, got, "Data talenta diimpor", fmt.Sprintf("Baris dibaca: %d", len(c.talent)), fmt.Sprintf("Ditambahkan: %d", len(c.talent)), "Ditolak: 0")
	// A corrected file: 100 rows changed, the rest as before.
	fixed := strings.Replace(string(file), ";Baik;", ";Sangat Baik;", 100)
	got = h.tg.Upload(t, adminID, "talenta.csv", []byte(fixed), "/impor")
	mustSee(t, got, "Ditambahkan: 0", "Diperbarui: 100", fmt.Sprintf("Tidak berubah: %d", len(c.talent)-100))

	// 40 sample ASN and the city: all have data but the sample's.
	got = h.say(adminID, "/talenta")
	mustSee(t, got, fmt.Sprintf("%d dari %d ASN punya data talenta; tahun data: 2025 (%d)", n, n+40, n), "Tanpa data talenta: <b>40</b>")
	photoIn(t, got)
	mustSee(t, h.say(adminID, "/talenta OPD07"), fmt.Sprintf("%d dari %d ASN punya data talenta", n/cityOPDs, n/cityOPDs))

	// The posts asked for, most applicants first, eight to a page.
	demand := karir.Demand(c.subs, "")
	got = h.say(adminID, "/kandidat")
	mustSee(t, got, fmt.Sprintf("%d jabatan tujuan punya peminat", len(demand)), fmt.Sprintf("Halaman 1 dari %d", (len(demand)+7)/8))
	top := demand[0]
	first := got[0].Buttons[0][0].Text
	if !strings.HasPrefix(first, fmt.Sprintf("%d · ", top.Applicants())) || !strings.HasSuffix(first, " ("+top.OPDCode+")") {
		t.Errorf("first post = %q, want %s with %d", first, top.Position, top.Applicants())
	}
	view := h.press(adminID, first)
	mustSee(t, view, "<b>Kandidat: "+top.Position+"</b>", fmt.Sprintf("%d ingin pindah ke sini, %d pemegang ingin tetap", top.Movers, top.Stayers))
	docs := documents(h.press(adminID, "Unduh Excel"))
	if len(docs) != 1 {
		t.Fatalf("documents: %v", docs)
	}
	for _, d := range docs {
		x, err := excelize.OpenReader(bytes.NewReader(d))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("Kandidat")
		if err != nil || len(rows) != 6+top.Applicants() {
			t.Fatalf("xlsx rows = %d, want %d", len(rows), 6+top.Applicants())
		}
	}
	photoIn(t, h.press(adminID, "🗺 Peta 9-box"))

	// A typed post no one holds is found by search and flagged.
	got = h.say(adminID, "/kandidat uptd baru")
	mustSee(t, got, "jabatan tujuan punya peminat")
	mustSee(t, h.press(adminID, "Kepala UPTD Baru"), "ℹ️ "+karir.NoteNoSuchPost, "jenis jabatan tidak diketahui")

	// Nothing in the store changed size by reading it.
	if latest, err := h.store.LatestTalent(context.Background()); err != nil || len(latest) != n {
		t.Errorf("latest talent: %d, %v", len(latest), err)
	}
}
