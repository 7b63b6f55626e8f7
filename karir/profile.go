package karir

import "time"

// Profile is what the requirements read of an ASN. ProfileOf fills it
// from the roster and the talent data: the only place to change when the
// roster gains the fields.
type Profile struct {
	NIP      string
	Rung     Rung
	Golongan string // "" unknown
	// Education is the highest level ("SMA", "D-III", "S1", "D-IV", "S2",
	// "S3"), "" unknown.
	Education string
	Birth     time.Time // zero unknown
	// InPostSince is the TMT of the current post, zero unknown.
	InPostSince time.Time
	// SKP is the predikat of each year, from the talent data (a few
	// years: a slice, not a map, since the pool makes one per ASN).
	SKP SKPYears
}

// SKPYears are predikat by year.
type SKPYears []YearPredikat

// YearPredikat is one year's predikat.
type YearPredikat struct {
	Year     int
	Predikat Predikat
}

// Of is the predikat of a year, and whether there is one.
func (s SKPYears) Of(year int) (Predikat, bool) {
	for _, y := range s {
		if y.Year == year {
			return y.Predikat, true
		}
	}
	return "", false
}

// ProfileOf is an ASN's profile from the roster row and their talent
// records: the jabatan type, the education and the TMT of the post as the
// roster (a SIASN export) gives them; the birth date as given, else the
// NIP's first eight digits (the NIP's format: ValidateNIP). No rule table
// here: which of these fields a requirement reads is requirements.go's,
// each with its article.
func ProfileOf(e Employee, talent []TalentRecord) Profile {
	return profileAt(e, RungOfType(e.Type()), talent)
}

// profileAt is ProfileOf with the rung already known (the pool reads each
// kind of post's rung once).
func profileAt(e Employee, rung Rung, talent []TalentRecord) Profile {
	p := Profile{NIP: e.NIP, Rung: rung, Golongan: e.Golongan, InPostSince: e.TMTJabatan, Birth: BirthOfEmployee(e)}
	if edu, ok := ParseEducation(e.Education); ok {
		p.Education = edu
	}
	for _, r := range talent {
		if r.Predikat != "" {
			p.SKP = append(p.SKP, YearPredikat{r.Year, r.Predikat})
		}
	}
	return p
}

// BirthOfEmployee is the birth date the roster gives, else the NIP's.
func BirthOfEmployee(e Employee) time.Time {
	if !e.BirthDate.IsZero() {
		return e.BirthDate
	}
	return BirthOf(e.NIP)
}

// BirthOf is the birth date a NIP starts with (zero when it does not).
func BirthOf(nip string) time.Time {
	if len(nip) < 8 {
		return time.Time{}
	}
	b, err := time.Parse("20060102", nip[:8])
	if err != nil {
		return time.Time{}
	}
	return b
}
