package karir_test

import (
	"testing"

	"openkarir/karir"
)

func TestSignerWhere(t *testing.T) {
	for _, tc := range []struct {
		signer karir.Signer
		want   string
	}{
		{karir.Signer{Agency: "Pemerintah Kota Bengkulu"}, "Bengkulu"},
		{karir.Signer{Agency: "  pemerintah  kota   Bengkulu "}, "Bengkulu"},
		{karir.Signer{Agency: "Pemkab Tegal"}, "Tegal"},
		{karir.Signer{Agency: "Pemerintah Provinsi Bengkulu"}, "Bengkulu"},
		{karir.Signer{Agency: "Pemerintah Kabupaten Tegal", Place: "Slawi"}, "Slawi"},
		{karir.Signer{Agency: "Pemerintah Kota"}, ""},
		{karir.Signer{Agency: "BKPSDM"}, ""},
	} {
		if got := tc.signer.Where(); got != tc.want {
			t.Errorf("%+v.Where() = %q, want %q", tc.signer, got, tc.want)
		}
	}
}
