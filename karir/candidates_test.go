package karir_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"openkarir/karir"
)

// rankFixture is a post (Kepala Bidang, eselon III, in DISPERINDAG) and
// its applicants, each named for where the ranking must put them.
type rankFixture struct {
	post   karir.Post
	subs   []karir.Submission
	emps   []karir.Employee
	latest map[string]karir.TalentRecord
	recs   map[string]karir.TrackRecord
	t0     time.Time
}

func newRankFixture() *rankFixture {
	f := &rankFixture{
		post:   karir.Post{OPDCode: "DISPERINDAG", OPDName: "Dinas Perindustrian dan Perdagangan", Position: "Kepala Bidang Pasar"},
		latest: map[string]karir.TalentRecord{},
		recs:   map[string]karir.TrackRecord{},
		t0:     time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC),
	}
	// The holder, eselon III.
	f.emps = append(f.emps, karir.Employee{NIP: "holder", Name: "Holder", OPDCode: "DISPERINDAG", Position: "Kepala Bidang Pasar", Eselon: "III", Golongan: "IV/a"})
	return f
}

// add files a move to the post (or a stay, for the holder).
func (f *rankFixture) add(name, eselon, golongan, predikat, potensial string, filedMinutes int, rec karir.TrackRecord) {
	nip := name
	position := "Kepala Seksi " + name
	if eselon == "Staf" {
		position = "Pengadministrasi " + name // a pelaksana
	}
	emp := karir.Employee{NIP: nip, Name: name, OPDCode: "DLH", Position: position, Eselon: eselon, Golongan: golongan}
	sub := karir.Submission{NIP: nip, Name: name, OPDCode: "DLH", Position: emp.Position, Eselon: eselon,
		SubmittedAt: f.t0.Add(time.Duration(filedMinutes) * time.Minute),
		Answers:     karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DISPERINDAG", TargetPosition: "kepala bidang pasar"}}
	if name == "holder" {
		emp = f.emps[0]
		sub.OPDCode, sub.Position, sub.Answers = emp.OPDCode, emp.Position, karir.Answers{Choice: karir.ChoiceStay}
	} else {
		f.emps = append(f.emps, emp)
	}
	f.subs = append(f.subs, sub)
	if predikat != "" {
		p, err := karir.ParsePredikat(predikat)
		if err != nil {
			panic(err)
		}
		pot, jpm, err := karir.ParsePotential(potensial)
		if err != nil {
			panic(err)
		}
		f.latest[nip] = karir.TalentRecord{NIP: nip, Year: 2025, Predikat: p, Potential: pot, JPM: jpm}
	}
	if rec != (karir.TrackRecord{}) {
		f.recs[nip] = rec
	}
}

func TestRankCandidates(t *testing.T) {
	f := newRankFixture()
	none := karir.TrackRecord{}
	// Added in an order unlike the ranking.
	f.add("jumper9", "Staf", "III/d", "Sangat Baik", "95", 1, none)  // flagged: staff → III
	f.add("box7", "IV", "III/d", "Sangat Baik", "menengah", 2, none) // eligible, box 7
	f.add("nodata", "IV", "IV/a", "", "", 0, none)                   // eligible, no talent data
	f.add("box9jpm85", "IV", "III/d", "Sangat Baik", "85", 9, none)  // eligible, box 9, 85%
	f.add("box9jpm90", "IV", "III/d", "Sangat Baik", "90", 8, none)  // eligible, box 9, 90%
	f.add("box8met", "IV", "III/d", "Baik", "tinggi", 7, karir.TrackRecord{Met: 1})
	f.add("box8early", "IV", "III/d", "Baik", "tinggi", 3, none) // same box and potential, filed earlier
	f.add("box8late", "IV", "III/d", "Baik", "tinggi", 6, none)
	f.add("box8missed", "IV", "III/d", "Baik", "tinggi", 1, karir.TrackRecord{Missed: 1})
	// Supervisors' ratings of check-ins: 4.5 and 3.0 on average.
	f.add("box8rated45", "IV", "III/d", "Baik", "tinggi", 12, karir.TrackRecord{Ratings: karir.RatingSummary{Points: 27, Count: 2}})
	f.add("box8rated30", "IV", "III/d", "Baik", "tinggi", 5, karir.TrackRecord{Ratings: karir.RatingSummary{Points: 9, Count: 1}})
	f.add("golongan5", "IV", "III/b", "Baik", "menengah", 4, none) // eligible, box 5: III/b under III/d is a note
	f.add("holder", "III", "IV/a", "Baik", "menengah", 10, none)   // the holder, staying
	f.add("box9word", "IV", "", "Sangat Baik", "tinggi", 11, none) // box 9, "tinggi" counts as 80%

	v := karir.ViewPost(f.post, f.subs, f.emps, f.latest, nil, f.recs, f.t0)
	if v.Eselon != "III" || !v.Held || v.Holders != 1 {
		t.Fatalf("post facts = %+v, holders %d", v.PostFacts, v.Holders)
	}
	var order, ready []string
	for _, c := range v.Candidates {
		order = append(order, c.Submission.NIP)
		if c.Ready {
			ready = append(ready, c.Submission.NIP)
		}
	}
	want := []string{
		"box9jpm90", "box9jpm85", "box9word", // box 9 by potential
		// box 8: targets met, then the better rating, then filing time, then targets missed
		"box8met", "box8rated45", "box8rated30", "box8early", "box8late", "box8missed",
		"box7",
		"golongan5", "holder", // box 5 (the holder staying, never flagged), by filing time
		"nodata",
		"jumper9", // flagged
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("order:\n got %v\nwant %v", order, want)
	}
	// Siap: every candidate who meets the requirements and is in 7 to 9.
	if strings.Join(ready, " ") != "box9jpm90 box9jpm85 box9word box8met box8rated45 box8rated30 box8early box8late box8missed box7" {
		t.Errorf("ready = %v", ready)
	}
	for _, c := range v.Candidates {
		if flagged := !c.Eligible(); flagged != (c.Submission.NIP == "jumper9") {
			t.Errorf("%s failed = %v", c.Submission.NIP, c.Failed())
		}
		if hasNote := slices.ContainsFunc(c.Notes, func(n string) bool { return strings.HasPrefix(n, "golongan III/b di bawah III/d") }); hasNote != (c.Submission.NIP == "golongan5") {
			t.Errorf("%s notes = %v", c.Submission.NIP, c.Notes)
		}
	}
	m := v.TalentMap()
	if m.Boxes[9] != 4 || m.Boxes[8] != 6 || m.Boxes[7] != 1 || m.Boxes[5] != 2 || m.WithoutData != 1 {
		t.Errorf("post map = %+v", m)
	}
}

// TestRankReadyOnlyEligibleHighBoxes: "siap" skips the flagged and stops
// below box 7, even when fewer than three are left.
func TestRankReadyOnlyEligibleHighBoxes(t *testing.T) {
	f := newRankFixture()
	f.add("jumper9", "Staf", "", "Sangat Baik", "tinggi", 1, karir.TrackRecord{})
	f.add("box7", "IV", "", "Sangat Baik", "menengah", 2, karir.TrackRecord{})
	f.add("box4", "IV", "", "Sangat Baik", "rendah", 3, karir.TrackRecord{})
	v := karir.ViewPost(f.post, f.subs, f.emps, f.latest, nil, f.recs, f.t0)
	var got []string
	for _, c := range v.Candidates {
		got = append(got, fmt.Sprintf("%s:%v", c.Submission.NIP, c.Ready))
	}
	if strings.Join(got, " ") != "box7:true box4:false jumper9:false" {
		t.Errorf("candidates = %v", got)
	}
}

func TestViewPostNobodyHoldsIt(t *testing.T) {
	f := newRankFixture()
	f.emps = nil
	f.add("asker", "IV", "III/d", "Baik", "tinggi", 1, karir.TrackRecord{})
	// Its name says it is an administrator post: checked as one.
	if v := karir.ViewPost(f.post, f.subs, f.emps, f.latest, nil, f.recs, f.t0); v.Type != karir.Administrator ||
		len(v.Candidates) != 1 || len(v.Candidates[0].Checks) == 0 {
		t.Fatalf("named post: %+v", v)
	}
	// A name that says nothing.
	f.post.Position = "Tenaga Ahli Walikota"
	f.subs[0].Answers.TargetPosition = f.post.Position
	v := karir.ViewPost(f.post, f.subs, f.emps, f.latest, nil, f.recs, f.t0)
	if v.Held || v.Eselon != "" || len(v.Candidates) != 1 {
		t.Fatalf("view = %+v", v)
	}
	// A note, not a failure: the post's level is unknown, so are its
	// requirements; the candidate still memenuhi syarat (and is siap).
	c := v.Candidates[0]
	if len(c.Notes) != 2 || c.Notes[0] != karir.NoteNoSuchPost || c.Notes[1] != karir.NoteRungUnknown || len(c.Checks) != 0 || !c.Eligible() || !c.Ready {
		t.Errorf("candidate = notes %v checks %v eligible %v ready %v", c.Notes, c.Checks, c.Eligible(), c.Ready)
	}
}

func TestDemand(t *testing.T) {
	move := func(nip, opd, pos string) karir.Submission {
		return karir.Submission{NIP: nip, Answers: karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: opd, TargetPosition: pos}}
	}
	stay := func(nip, opd, pos string) karir.Submission {
		return karir.Submission{NIP: nip, OPDCode: opd, Position: pos, Answers: karir.Answers{Choice: karir.ChoiceStay}}
	}
	subs := []karir.Submission{
		move("a", "DLH", "Kepala Seksi A"), move("b", "DLH", "kepala seksi a"),
		move("c", "DINKES", "Kepala Bidang B"), stay("d", "DINKES", "Kepala Bidang B"), stay("e", "DINKES", "Kepala Bidang B"),
		move("f", "DLH", "Kepala Seksi C"), stay("g", "DLH", "Staf Umum"),
	}
	var got []string
	for _, d := range karir.Demand(subs, "") {
		got = append(got, fmt.Sprintf("%s/%s:%d+%d", d.OPDCode, d.Position, d.Movers, d.Stayers))
	}
	want := "DINKES/Kepala Bidang B:1+2 DLH/Kepala Seksi A:2+0 DLH/Kepala Seksi C:1+0"
	if strings.Join(got, " ") != want {
		t.Errorf("Demand = %v, want %s", got, want)
	}
	if d := karir.Demand(subs, "DINKES"); len(d) != 1 || d[0].OPDCode != "DINKES" {
		t.Errorf("Demand of DINKES = %+v", d)
	}
}

// TestRankByBoxStanding ranks one candidate per box: 9, 8, 7, 6, 5, 4, 3,
// 2, 1, then no data. The pairs the old, transposed table got wrong are
// the point: "sesuai/tinggi" (8) above "di atas/menengah" (7), "di
// bawah/tinggi" (6) above "di atas/rendah" (4).
func TestRankByBoxStanding(t *testing.T) {
	f := newRankFixture()
	none := karir.TrackRecord{}
	// Filed in the reverse of the expected order, so filing time cannot
	// explain the result; the same potential score within an axis value.
	cells := []struct{ name, predikat, potensial string }{
		{"nodata", "", ""},
		{"box1", "Butuh Perbaikan", "rendah"},
		{"box2", "Baik", "rendah"},
		{"box3", "Butuh Perbaikan", "menengah"},
		{"box4", "Sangat Baik", "rendah"},
		{"box5", "Baik", "menengah"},
		{"box6", "Butuh Perbaikan", "tinggi"},
		{"box7", "Sangat Baik", "menengah"},
		{"box8", "Baik", "tinggi"},
		{"box9", "Sangat Baik", "tinggi"},
	}
	for i, c := range cells {
		f.add(c.name, "IV", "III/d", c.predikat, c.potensial, i, none)
	}
	v := karir.ViewPost(f.post, f.subs, f.emps, f.latest, nil, f.recs, f.t0)
	var order []string
	for _, c := range v.Candidates {
		order = append(order, fmt.Sprintf("%s=%d", c.Submission.NIP, c.Box()))
	}
	want := "box9=9 box8=8 box7=7 box6=6 box5=5 box4=4 box3=3 box2=2 box1=1 nodata=0"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
	// Standing strictly falls with the box number, and no data is lowest.
	for b := 9; b > 1; b-- {
		if karir.BoxStanding(b) <= karir.BoxStanding(b-1) {
			t.Errorf("standing of box %d (%d) not above box %d (%d)", b, karir.BoxStanding(b), b-1, karir.BoxStanding(b-1))
		}
	}
	if karir.BoxStanding(1) <= karir.BoxStanding(0) {
		t.Error("box 1 must stand above no data")
	}
}
