package karir_test

import (
	"testing"
	"time"

	"openkarir/karir"
)

func TestOccupancyOf(t *testing.T) {
	post := karir.Post{OPDCode: "DLH", Position: "Kepala Seksi Taman"}
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	approved := []karir.Milestone{{Step: karir.StepSubmitted}, {Step: karir.StepVerified}, {Step: karir.StepBaperjakat}, {Step: karir.StepApproved, At: time.Now()}}
	move := func(nip, name, opd, pos string, ok bool) karir.Submission {
		s := karir.Submission{NIP: nip, Name: name, Answers: karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: opd, TargetPosition: pos}}
		if ok {
			s.Milestones, s.Stage = approved, karir.StepApproved
		}
		return s
	}
	holders := []karir.Employee{
		{NIP: "h1", Name: "Holder Satu", OPDCode: "DLH", Position: "Kepala Seksi Taman"},
		{NIP: "h2", Name: "Holder Dua", OPDCode: "DLH", Position: "kepala seksi taman"},
		{NIP: "x", Name: "Other", OPDCode: "DLH", Position: "Staf"},
	}
	t.Run("TwoHoldersTwoSeats", func(t *testing.T) {
		o := karir.OccupancyOf(post, "me", karir.PlannedPost{}, holders, nil, now)
		if o.Seats != 2 || o.FromMap || o.Taken() != 2 || !o.Full() {
			t.Errorf("%+v", o)
		}
	})
	t.Run("HolderWhoLeftServiceFreesASeat", func(t *testing.T) {
		emps := append([]karir.Employee(nil), holders...)
		emps[0].Inactive = "Pensiun"
		o := karir.OccupancyOf(post, "me", karir.PlannedPost{}, emps, nil, now)
		if o.Seats != 2 || o.Taken() != 1 || o.Full() || len(o.Holders) != 1 || o.Holders[0] != "Holder Dua" {
			t.Errorf("%+v", o)
		}
	})
	t.Run("HolderApprovedAwayFreesASeat", func(t *testing.T) {
		subs := []karir.Submission{move("h1", "Holder Satu", "DINKES", "Kepala Seksi", true)}
		o := karir.OccupancyOf(post, "me", karir.PlannedPost{}, holders, subs, now)
		if o.Seats != 2 || o.Taken() != 1 || o.Full() || len(o.Holders) != 1 || o.Holders[0] != "Holder Dua" {
			t.Errorf("%+v", o)
		}
	})
	t.Run("ApprovedMoversTakeSeatsPendingOnesNot", func(t *testing.T) {
		subs := []karir.Submission{
			move("h1", "Holder Satu", "DINKES", "Kepala Seksi", true),
			move("a", "Approved Mover", "DLH", "kepala seksi taman", true),
			move("p", "Pending Mover", "DLH", "Kepala Seksi Taman", false),
		}
		o := karir.OccupancyOf(post, "me", karir.PlannedPost{}, holders, subs, now)
		if o.Taken() != 2 || !o.Full() || len(o.Approved) != 1 || o.Approved[0] != "Approved Mover" {
			t.Errorf("%+v", o)
		}
	})
	t.Run("NoHolderOneSeat", func(t *testing.T) {
		o := karir.OccupancyOf(karir.Post{OPDCode: "DLH", Position: "Kepala Seksi Baru"}, "me", karir.PlannedPost{}, holders, nil, now)
		if o.Seats != 1 || o.Full() {
			t.Errorf("%+v", o)
		}
	})
	t.Run("PetaJabatanSeats", func(t *testing.T) {
		o := karir.OccupancyOf(post, "me", karir.PlannedPost{Name: "Kepala Seksi Taman", Type: karir.Pengawas, Seats: 3}, holders, nil, now)
		if o.Seats != 3 || !o.FromMap || o.Full() {
			t.Errorf("%+v", o)
		}
	})
}

// The peta jabatan says what a post is: a holder whose own roster row
// says "JF ahli muda" (retirement at 58) in a post the map lists as JF ahli
// madya (60, PP 11/2017 Pasal 239 ayat (2)) still takes the seat at 59,
// and Vacancies counts them alike (retiring at 60, not retired at 58).
// Without the post in the map, the row decides, as before.
func TestOccupancyRetirementAgeFromPetaJabatan(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	post := karir.Post{OPDCode: "DPUPR", OPDName: "Dinas PUPR", Position: "Penata Ruang Ahli Madya"}
	holder := karir.Employee{NIP: "196706012000031001", Name: "Dedi Hartono", OPDCode: "DPUPR", OPDName: "Dinas PUPR",
		Position: "Penata Ruang Ahli Madya", JabatanType: karir.JFAhliMuda} // born 01-06-1967: 59 at now
	planned := karir.PlannedPost{Name: "Penata Ruang Ahli Madya", Type: karir.JFAhliMadya, Seats: 1}
	maps := []karir.PostMap{{OPDCode: "DPUPR", OPDName: "Dinas PUPR", Posts: []karir.PlannedPost{planned}}}
	emps := []karir.Employee{holder}

	t.Run("InMap", func(t *testing.T) {
		o := karir.OccupancyOf(post, "me", planned, emps, nil, now)
		if !o.Full() || len(o.Holders) != 1 || o.Holders[0] != holder.Name {
			t.Errorf("the map's JF ahli madya retires at 60: the holder (59) takes the seat; got %+v", o)
		}
		v := karir.Vacancies(emps, nil, maps, "DPUPR", now)
		if len(v) != 1 || v[0].Free() != 0 || len(v[0].Retired) != 0 || len(v[0].Retiring) != 1 ||
			v[0].Retiring[0].At.Format("2006-01-02") != "2027-06-01" || v[0].Rung.JF != "ahli madya" {
			t.Errorf("Vacancies: want the holder retiring on 2027-06-01 (60) from a JF ahli madya post; got %+v", v)
		}
	})
	t.Run("NotInMap", func(t *testing.T) {
		o := karir.OccupancyOf(post, "me", karir.PlannedPost{}, emps, nil, now)
		if o.Full() || len(o.Holders) != 0 {
			t.Errorf("the row's JF ahli muda retires at 58: the holder (59) takes no seat; got %+v", o)
		}
		v := karir.Vacancies(emps, nil, nil, "DPUPR", now)
		if len(v) != 1 || v[0].Free() != 1 || len(v[0].Retired) != 1 || v[0].Retired[0].At.Format("2006-01-02") != "2025-06-01" {
			t.Errorf("Vacancies: want the holder retired on 2025-06-01 (58); got %+v", v)
		}
	})
	t.Run("MapWithoutJenjang", func(t *testing.T) {
		bare := karir.PlannedPost{Name: planned.Name, Type: karir.Fungsional, Seats: 1}
		if o := karir.OccupancyOf(post, "me", bare, emps, nil, now); o.Full() {
			t.Errorf("a bare \"fungsional\" in the map leaves the row's ahli muda (58) to decide; got %+v", o)
		}
	})
}
