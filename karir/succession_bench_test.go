package karir_test

import (
	"fmt"
	"testing"
	"time"

	"openkarir/karir"
)

// BenchmarkNewPool: the succession group of a city of 100,000 ASN (the
// pool /suksesi and a post's pool are built from), without the store.
func BenchmarkNewPool(b *testing.B) {
	const n = 100_000
	preds := []karir.Predikat{karir.PredikatSangatBaik, karir.PredikatBaik, karir.PredikatBaik, karir.PredikatBaik, karir.PredikatButuhPerbaikan, karir.PredikatKurang}
	eselons := []string{"Staf", "Staf", "Staf", "Staf", "IV", "IV", "III", "II"}
	emps := make([]karir.Employee, n)
	latest := map[string]karir.TalentRecord{}
	y2024, y2025 := map[string]karir.TalentRecord{}, map[string]karir.TalentRecord{}
	for i := range n {
		birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/9)
		nip := fmt.Sprintf("%s%d01%d%03d", birth.Format("20060102"), birth.Year()+25, 1+i%2, i%1000)
		emps[i] = karir.Employee{NIP: nip, Name: fmt.Sprint("ASN ", i), OPDCode: fmt.Sprintf("OPD%02d", i%40), Position: fmt.Sprint("Jabatan ", i%300),
			Eselon: eselons[i%len(eselons)], Golongan: "III/d"}
		jpm := float64(55 + (i*7)%45)
		r := karir.TalentRecord{NIP: nip, Year: 2025, Predikat: preds[i%len(preds)], Potential: karir.PotentialFromJPM(jpm), JPM: &jpm}
		latest[nip], y2025[nip] = r, r
		if i%10 < 3 {
			y2024[nip] = karir.TalentRecord{NIP: nip, Year: 2024, Predikat: preds[(i+1)%len(preds)]}
		}
	}
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	years := karir.TalentYears{2024: y2024, 2025: y2025}
	b.ResetTimer()
	for range b.N {
		p := karir.NewPool(emps, latest, years, nil, nil, now)
		if p.Size(karir.LevelAdministrator) == 0 {
			b.Fatal("empty pool")
		}
	}
}
