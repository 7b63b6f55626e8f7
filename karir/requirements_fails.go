package karir

import "time"

// Fails reports whether any requirement of the post fails, as
// CheckRequirements would say, without writing the texts: the succession
// pool asks it of a whole city (TestFailsAgreesWithChecks keeps the two
// the same).
func Fails(p Profile, t Target) bool {
	if !t.Rung.Known {
		return false
	}
	r := ruleOf(t)
	var skp [2]Predikat
	for i, y := range r.skpYears {
		skp[i], _ = p.SKP.Of(y)
	}
	return r.fails(&p, skp)
}

// levelRule is a post's requirements as numbers, worked out once per post
// (not once per ASN) for Fails: the table's rows for the level
// (requirements.go), each with its article there.
type levelRule struct {
	level int
	// eduRank and years: the least education and the years in the level
	// below (pengawas and up).
	eduRank, years int
	// maxAge is the age limit at appointment, 0 none (JPT pratama).
	maxAge int
	// skpYears are the two years whose predikat must be at least Baik.
	skpYears [2]int
	// retireBy: who reaches the post's retirement age on or before it
	// fails (the end of the target's term).
	retireAge int
	retireBy  time.Time
	at        time.Time
}

func ruleOf(t Target) levelRule {
	months := t.TermMonths
	if months <= 0 {
		months = 12
	}
	r := levelRule{level: t.Rung.Level, at: t.At, skpYears: [2]int{t.At.Year() - 2, t.At.Year() - 1},
		retireAge: bupOf(t.Rung), retireBy: t.At.AddDate(0, months, 0)}
	if r.level >= LevelPengawas {
		least, years := "S1", 2
		switch r.level {
		case LevelPengawas:
			least, years = "D-III", 4
		case LevelAdministrator:
			years = 3
		}
		r.eduRank, r.years = educationRanks[least], years
	}
	if r.level == LevelJPTPratama {
		r.maxAge = 56
	}
	return r
}

// fails is Fails for the rule's post; skp are the predikat of its
// skpYears ("" none), instead of p.SKP (which it does not read), so that
// the pool needs no slice per ASN.
func (r *levelRule) fails(p *Profile, skp [2]Predikat) bool {
	if p.Rung.Known && r.level-p.Rung.Level > 1 {
		return true
	}
	if r.level >= LevelPengawas {
		if p.Education != "" {
			if rank, ok := educationRanks[p.Education]; ok && rank < r.eduRank {
				return true
			}
		}
		if p.Rung.Known && p.Rung.Level == r.level-1 && !p.InPostSince.IsZero() && p.InPostSince.AddDate(r.years, 0, 0).After(r.at) {
			return true
		}
	}
	if !p.Birth.IsZero() {
		if r.maxAge > 0 && ageAt(p.Birth, r.at) > r.maxAge {
			return true
		}
		if !p.Birth.AddDate(r.retireAge, 0, 0).After(r.retireBy) {
			return true
		}
	}
	if r.level >= LevelPengawas {
		// A predikat below Baik in one of the last two years.
		for _, pr := range skp {
			if pr != "" && pr != PredikatBaik && pr != PredikatSangatBaik {
				return true
			}
		}
	}
	return false
}
