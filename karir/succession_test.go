package karir_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
)

// TestSuccessionPool: a post of administrator (Kepala Bidang, eselon III).
// The pool holds the ASN of the whole roster in boxes 7-9 one level below
// or at the post's, who meet its requirements; a ready ASN who did not
// apply is in it, one who applied elsewhere is marked so, the applicant
// is marked mengajukan; who is two levels below, in box 6, or fails a
// requirement is not; the post's holder is not.
func TestSuccessionPool(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	post := karir.Post{OPDCode: "DLH", OPDName: "Dinas Lingkungan Hidup", Position: "Kepala Bidang Taman"}
	emp := func(name, birth, opd, position, eselon, golongan string) karir.Employee {
		return karir.Employee{NIP: birth + "2000031" + name[:3], Name: name, OPDCode: opd, Position: position, Eselon: eselon, Golongan: golongan}
	}
	emps := []karir.Employee{
		emp("holder", "19750101", "DLH", "Kepala Bidang Taman", "III", "IV/a"),
		emp("quiet9", "19800101", "DINKES", "Kepala Seksi Gizi", "IV", "III/d"),         // box 9, did not apply: in the pool
		emp("other8", "19810101", "DPUPR", "Kepala Seksi Jalan", "IV", "III/d"),         // box 8, applied elsewhere
		emp("asker7", "19820101", "DISDIK", "Kepala Seksi Kurikulum", "IV", "III/d"),    // box 7, applied here
		emp("peer9", "19790101", "BKPSDM", "Kepala Bidang Mutasi", "III", "IV/a"),       // box 9, same level: in
		emp("muda9", "19850101", "BAPPEDA", "Perencana Ahli Muda", "Staf", "III/d"),     // JF ahli muda = pengawas, one below: in
		emp("staff9", "19900101", "DLH", "Pengadministrasi Umum", "Staf", "III/b"),      // two levels below: out
		emp("box6", "19830101", "DLH", "Kepala Seksi Pertamanan", "IV", "III/d"),        // box 6: out
		emp("lowgol9", "19840101", "DLH", "Kepala Seksi Kebersihan", "IV", "III/b"),     // golongan below III/d: in, no requirement
		emp("skpbad9", "19860101", "DLH", "Kepala Seksi Sampah", "IV", "III/d"),         // SKP 2025 Butuh Perbaikan... but box from SIMATA 9: out
		emp("kadis9", "19740101", "DLH", "Kepala Dinas Lingkungan Hidup", "II", "IV/c"), // above the post: out
		emp("gone9", "19780101", "DINKES", "Kepala Seksi Farmasi", "IV", "III/d"),       // box 9 but retired: out
	}
	emps[len(emps)-1].Inactive = "Pensiun"
	box := map[string][2]string{
		"holder": {"Sangat Baik", "tinggi"}, "quiet9": {"Sangat Baik", "tinggi"}, "other8": {"Baik", "tinggi"},
		"asker7": {"Sangat Baik", "menengah"}, "peer9": {"Sangat Baik", "tinggi"}, "muda9": {"Sangat Baik", "tinggi"},
		"staff9": {"Sangat Baik", "tinggi"}, "box6": {"Butuh Perbaikan", "tinggi"}, "lowgol9": {"Sangat Baik", "tinggi"},
		"kadis9": {"Sangat Baik", "tinggi"}, "gone9": {"Sangat Baik", "tinggi"},
	}
	latest := map[string]karir.TalentRecord{}
	var y2024, y2025 = map[string]karir.TalentRecord{}, map[string]karir.TalentRecord{}
	for _, e := range emps {
		in, ok := box[e.Name]
		pred, _ := karir.ParsePredikat(in[0])
		pot, _, _ := karir.ParsePotential(in[1])
		r := karir.TalentRecord{NIP: e.NIP, Year: 2025, Predikat: pred, Potential: pot}
		if !ok { // skpbad9: SIMATA puts them in 9, their SKP 2025 is Butuh Perbaikan
			r = karir.TalentRecord{NIP: e.NIP, Year: 2025, Predikat: karir.PredikatButuhPerbaikan, SIMATABox: 9}
		}
		latest[e.NIP], y2025[e.NIP] = r, r
		y2024[e.NIP] = karir.TalentRecord{NIP: e.NIP, Year: 2024, Predikat: karir.PredikatBaik}
	}
	nip := func(name string) string {
		for _, e := range emps {
			if e.Name == name {
				return e.NIP
			}
		}
		t.Fatalf("no %s", name)
		return ""
	}
	move := func(name, opd, pos string) karir.Submission {
		return karir.Submission{NIP: nip(name), Name: name, Stage: karir.StepVerified,
			Answers: karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: opd, TargetPosition: pos}}
	}
	subs := []karir.Submission{move("other8", "DPUPR", "Kepala Bidang Jalan"), move("asker7", "DLH", "kepala bidang taman")}

	pool := karir.NewPool(emps, latest, karir.TalentYears{2024: y2024, 2025: y2025}, subs, nil, now)
	var holders []karir.Employee
	for _, e := range emps {
		if post.Is(e.OPDCode, e.Position) {
			holders = append(holders, e)
		}
	}
	got := pool.For(post, karir.FactsOf(post, holders), 0)
	var names []string
	for _, c := range got {
		names = append(names, c.Now().Name+":"+c.Wish)
		if !c.Ready || !c.Eligible() {
			t.Errorf("%s in the pool but not ready: %v", c.Now().Name, c.Failed())
		}
	}
	// Box 9 first (by NIP among equals: peer9 was born first), then 8, then 7.
	want := "peer9: quiet9: lowgol9: muda9: other8:berminat lain asker7:mengajukan"
	if strings.Join(names, " ") != want {
		t.Errorf("pool:\n got %s\nwant %s", strings.Join(names, " "), want)
	}
	if top := pool.For(post, karir.FactsOf(post, holders), 3); len(top) != 3 {
		t.Errorf("top three = %d", len(top))
	}
	if got := pool.For(karir.Post{OPDCode: "DLH", Position: "Kepala UPTD Baru"}, karir.PostFacts{}, 0); got != nil {
		t.Errorf("a post of unknown level has a pool: %v", got)
	}
}

// TestVacancies: a post whose holder was approved to move away is free;
// one whose holder retires within 12 months will be; a typed post nobody
// holds that someone asked for is free; the rest are not listed.
func TestVacancies(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	emps := []karir.Employee{
		{NIP: "197501012000031001", Name: "Leaver", OPDCode: "DLH", Position: "Kepala Bidang Taman", Eselon: "III"},
		{NIP: "196901152000031002", Name: "Retiree", OPDCode: "DLH", Position: "Kepala Seksi Sampah", Eselon: "IV"}, // 58 in 01-2027
		{NIP: "198001012000031003", Name: "Stayer", OPDCode: "DLH", Position: "Kepala Seksi Jalan", Eselon: "IV"},
		{NIP: "198001012000031004", Name: "Elsewhere", OPDCode: "DINKES", Position: "Kepala Seksi Gizi", Eselon: "IV"},
		// Left service (a re-import marked them): their seat is free.
		{NIP: "198101012000031005", Name: "Gone", OPDCode: "DLH", Position: "Kepala Seksi Taman", Eselon: "IV", Inactive: "Meninggal"},
	}
	approved := karir.Submission{NIP: emps[0].NIP, Name: "Leaver", Stage: karir.StepApproved,
		Milestones: []karir.Milestone{{Step: karir.StepApproved, At: now}},
		Answers:    karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DINKES", TargetPosition: "Kepala Bidang Gizi"}}
	typed := karir.Submission{NIP: emps[2].NIP, Name: "Stayer", Answers: karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DLH", TargetPosition: "Kepala UPTD Baru"}}
	got := karir.Vacancies(emps, []karir.Submission{approved, typed}, nil, "DLH", now)
	var lines []string
	for _, v := range got {
		l := v.Position + ":" + string(rune('0'+v.Free()))
		if len(v.Retiring) > 0 {
			l += ":pensiun " + v.Retiring[0].At.Format("01-2006")
		}
		lines = append(lines, l)
	}
	want := "Kepala Bidang Taman:1 Kepala Seksi Taman:1 Kepala UPTD Baru:1 Kepala Seksi Sampah:0:pensiun 01-2027"
	if strings.Join(lines, " ") != want {
		t.Errorf("vacancies:\n got %s\nwant %s", strings.Join(lines, " "), want)
	}
}

// TestVacanciesFromPetaJabatan: the peta jabatan's seats count, and its
// posts nobody holds are vacant (typed by their planned level).
func TestVacanciesFromPetaJabatan(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	emps := []karir.Employee{
		{NIP: "198001012000031003", Name: "One", OPDCode: "DLH", Position: "Pengawas Lingkungan Hidup Ahli Muda", Eselon: "Staf"},
		{NIP: "198001012000031004", Name: "Kasi", OPDCode: "DLH", Position: "Kepala Seksi Taman", Eselon: "IV"},
	}
	maps := []karir.PostMap{{OPDCode: "DLH", OPDName: "Dinas Lingkungan Hidup", Posts: []karir.PlannedPost{
		{Name: "Pengawas Lingkungan Hidup Ahli Muda", Type: karir.JFAhliMuda, Seats: 3},
		{Name: "Kepala Seksi Taman", Type: karir.Pengawas, Seats: 1},
		{Name: "Kepala Bidang Tata Lingkungan", Type: karir.Administrator, Seats: 1},
	}}}
	var lines []string
	for _, v := range karir.Vacancies(emps, nil, maps, "DLH", now) {
		lines = append(lines, v.Position+":"+v.Rung.Name()+":"+string(rune('0'+v.Free())))
	}
	want := "Kepala Bidang Tata Lingkungan:administrator:1 Pengawas Lingkungan Hidup Ahli Muda:JF ahli muda (setara pengawas):2"
	if strings.Join(lines, " ") != want {
		t.Errorf("vacancies:\n got %s\nwant %s", strings.Join(lines, " "), want)
	}
}

// TestVacanciesOrder: free seats first by OPD and post, whether or not a
// holder also retires; then the posts free only later, the sooner
// retirement first. The order is the same whatever order the roster
// comes in (it once depended on map order: a free post with a retiring
// holder was compared by its retirement with some posts, by its OPD with
// others).
func TestVacanciesOrder(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	emp := func(nip, name, opd, pos string) karir.Employee {
		return karir.Employee{NIP: nip, Name: name, OPDCode: opd, Position: pos, Eselon: "IV"}
	}
	emps := []karir.Employee{
		emp("196903012000031001", "RetireLate", "A", "Kepala Seksi Satu"), // 58 in 03-2027
		emp("196901012000031002", "RetireSoon", "B", "Kepala Seksi Dua"),  // 58 in 01-2027
		emp("196902012000031003", "FreeAndOld", "C", "Kepala Seksi Tiga"), // 58 in 02-2027, and a seat free
		emp("198001012000031004", "Young", "C", "Kepala Seksi Tiga"),      // approved away
		emp("198001012000031005", "Mover", "D", "Kepala Seksi Empat"),     // approved away
		emp("196812012000031006", "OldE", "E", "Kepala Seksi Lima"),       // 58 in 12-2026, and a seat free
		emp("198001012000031007", "YoungE", "E", "Kepala Seksi Lima"),     // approved away
	}
	away := func(e karir.Employee) karir.Submission {
		return karir.Submission{NIP: e.NIP, Name: e.Name, Milestones: []karir.Milestone{{Step: karir.StepApproved, At: now}},
			Answers: karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "Z", TargetPosition: "Kepala Seksi Lain"}}
	}
	subs := []karir.Submission{away(emps[3]), away(emps[4]), away(emps[6])}
	// (Z's post, typed by both movers, is full: one seat, two approved.)
	want := "C/Kepala Seksi Tiga D/Kepala Seksi Empat E/Kepala Seksi Lima B/Kepala Seksi Dua A/Kepala Seksi Satu"
	for i := range 20 {
		shuffled := slices.Clone(emps)
		for j := range shuffled {
			k := (j*7 + i) % len(shuffled)
			shuffled[j], shuffled[k] = shuffled[k], shuffled[j]
		}
		var got []string
		for _, v := range karir.Vacancies(shuffled, subs, nil, "", now) {
			got = append(got, v.OPDCode+"/"+v.Position)
		}
		if strings.Join(got, " ") != want {
			t.Fatalf("order %d:\n got %s\nwant %s", i, strings.Join(got, " "), want)
		}
	}
}

// TestPoolRanksAsRead: a level's pool is ranked only as far as For reads
// it; reading a post whose holders lead the pool skips them and still
// gives the next in order, and a later, longer read gives the same order
// as a first full one.
func TestPoolRanksAsRead(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var emps []karir.Employee
	latest := map[string]karir.TalentRecord{}
	for i := range 40 {
		nip := fmt.Sprintf("19800101200003%04d", i)
		pos := fmt.Sprintf("Kepala Bidang %d", i%5)
		emps = append(emps, karir.Employee{NIP: nip, Name: fmt.Sprint("A", i), OPDCode: "DLH", Position: pos, Eselon: "III", Golongan: "IV/a"})
		jpm := float64(60 + i) // the later, the higher
		latest[nip] = karir.TalentRecord{NIP: nip, Year: 2025, Predikat: karir.PredikatSangatBaik, Potential: karir.PotentialFromJPM(jpm), JPM: &jpm}
	}
	names := func(cs []karir.Candidate) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Now().Name)
		}
		return strings.Join(out, " ")
	}
	facts := karir.PostFacts{Rung: karir.Rung{Level: karir.LevelAdministrator, Known: true}}
	full := names(karir.NewPool(emps, latest, nil, nil, nil, now).For(karir.Post{OPDCode: "X", Position: "Y"}, facts, 0))
	pool := karir.NewPool(emps, latest, nil, nil, nil, now)
	// The holders of Kepala Bidang 4 are A39, A34, ...: the pool's top.
	held := karir.Post{OPDCode: "DLH", Position: "Kepala Bidang 4"}
	if got := names(pool.For(held, facts, 3)); got != "A38 A37 A36" {
		t.Errorf("top three without the holders = %s", got)
	}
	if got := names(pool.For(karir.Post{OPDCode: "X", Position: "Y"}, facts, 0)); got != full {
		t.Errorf("after a short read:\n got %s\nwant %s", got, full)
	}
	// Who has a low potential (box 4) is not in the group.
	if n := len(strings.Fields(full)); pool.Size(karir.LevelAdministrator) != n || n < 20 || n == 40 {
		t.Errorf("size = %d, the full read %d", pool.Size(karir.LevelAdministrator), n)
	}
}
