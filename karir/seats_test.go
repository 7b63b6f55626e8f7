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
		o := karir.OccupancyOf(post, "me", 0, holders, nil, now)
		if o.Seats != 2 || o.FromMap || o.Taken() != 2 || !o.Full() {
			t.Errorf("%+v", o)
		}
	})
	t.Run("HolderWhoLeftServiceFreesASeat", func(t *testing.T) {
		emps := append([]karir.Employee(nil), holders...)
		emps[0].Inactive = "Pensiun"
		o := karir.OccupancyOf(post, "me", 0, emps, nil, now)
		if o.Seats != 2 || o.Taken() != 1 || o.Full() || len(o.Holders) != 1 || o.Holders[0] != "Holder Dua" {
			t.Errorf("%+v", o)
		}
	})
	t.Run("HolderApprovedAwayFreesASeat", func(t *testing.T) {
		subs := []karir.Submission{move("h1", "Holder Satu", "DINKES", "Kepala Seksi", true)}
		o := karir.OccupancyOf(post, "me", 0, holders, subs, now)
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
		o := karir.OccupancyOf(post, "me", 0, holders, subs, now)
		if o.Taken() != 2 || !o.Full() || len(o.Approved) != 1 || o.Approved[0] != "Approved Mover" {
			t.Errorf("%+v", o)
		}
	})
	t.Run("NoHolderOneSeat", func(t *testing.T) {
		o := karir.OccupancyOf(karir.Post{OPDCode: "DLH", Position: "Kepala Seksi Baru"}, "me", 0, holders, nil, now)
		if o.Seats != 1 || o.Full() {
			t.Errorf("%+v", o)
		}
	})
	t.Run("PetaJabatanSeats", func(t *testing.T) {
		o := karir.OccupancyOf(post, "me", 3, holders, nil, now)
		if o.Seats != 3 || !o.FromMap || o.Full() {
			t.Errorf("%+v", o)
		}
	})
}
