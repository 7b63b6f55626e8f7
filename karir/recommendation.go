package karir

import (
	"slices"
	"time"
)

// Recommendation is the word of the ASN's own OPD on their request
// ("rekomendasi kepala OPD asal"), recorded by the OPD's admin and
// weighed by Baperjakat beside the form. A move needs the agreement of
// the releasing agency (Peraturan BKN 5/2019 on mutasi: the consent of
// the PPK or head of the agency the PNS leaves); here it is advice to
// Baperjakat, not a step: it does not move the form along.
type Recommendation struct {
	Agree     bool      `bson:"agree"`
	Note      string    `bson:"note"`
	OPD       string    `bson:"opd"`
	ActorID   int64     `bson:"actor_id"`
	ActorName string    `bson:"actor_name"`
	At        time.Time `bson:"at"`
}

// recommendable are the stages a recommendation may be recorded (or
// replaced) in: before the decision.
var recommendable = []Step{StepSubmitted, StepVerified, StepBaperjakat}

// CanRecommend reports whether the OPD may still give its recommendation
// on a form at stage.
func CanRecommend(stage Step) bool { return slices.Contains(recommendable, stage) }
