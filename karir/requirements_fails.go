package karir

// Fails reports whether any requirement of the post fails, as
// CheckRequirements would say, without writing the texts: the succession
// pool asks it of a whole city (TestFailsAgreesWithChecks keeps the two
// the same).
func Fails(p Profile, t Target) bool {
	if !t.Rung.Known {
		return false
	}
	level := t.Rung.Level
	if level >= LevelPengawas {
		least, years := "S1", 2
		switch level {
		case LevelPengawas:
			least, years = "D-III", 4
		case LevelAdministrator:
			years = 3
		}
		if p.Education != "" {
			if rank, ok := educationRanks[p.Education]; ok && rank < educationRanks[least] {
				return true
			}
		}
		if p.Rung.Known && p.Rung.Level == level-1 && !p.InPostSince.IsZero() && p.InPostSince.AddDate(years, 0, 0).After(t.At) {
			return true
		}
		for _, y := range []int{t.At.Year() - 2, t.At.Year() - 1} {
			if pr, ok := p.SKP.Of(y); ok && pr != PredikatBaik && pr != PredikatSangatBaik {
				return true
			}
		}
		if g := golonganRank(p.Golongan); g != 0 && g < golonganRank(minGolongan(level)) {
			return true
		}
	}
	if level == LevelJPTPratama && !p.Birth.IsZero() && ageAt(p.Birth, t.At) > 56 {
		return true
	}
	if p.Rung.Known && level-p.Rung.Level > 1 {
		return true
	}
	if !p.Birth.IsZero() {
		months := t.TermMonths
		if months <= 0 {
			months = 12
		}
		if !p.Birth.AddDate(bupOf(t.Rung), 0, 0).After(t.At.AddDate(0, months, 0)) {
			return true
		}
	}
	return false
}
