package main

import (
	"bytes"
	"fmt"
	"time"
)

// people is the generated roster: user i has NIP nip(i) and code code(i).
type people int

func roster(n int) people { return people(n) }

func nip(i int) string {
	birth := time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000)
	return fmt.Sprintf("%s200501%d%03d", birth.Format("20060102"), 1+i%2, i%1000)
}

func code(i int) string { return fmt.Sprintf("K%05d", i) }

var opds = []struct{ code, name string }{
	{"DINKES", "Dinas Kesehatan"}, {"DISDIK", "Dinas Pendidikan dan Kebudayaan"},
	{"DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"}, {"BKPSDM", "Badan Kepegawaian dan Pengembangan SDM"},
	{"DISPERINDAG", "Dinas Perindustrian dan Perdagangan"},
}

func (p people) csv() []byte {
	var b bytes.Buffer
	b.WriteString("nip;nama;kode_opd;nama_opd;jabatan;eselon;no_hp;kode_aktivasi\n")
	for i := range int(p) {
		o := opds[i%len(opds)]
		fmt.Fprintf(&b, "%s;ASN Uji %d;%s;%s;Analis %d;Staf;;%s\n", nip(i), i, o.code, o.name, i%7, code(i))
	}
	return b.Bytes()
}

func (p people) nips() []string {
	out := make([]string, p)
	for i := range out {
		out[i] = nip(i)
	}
	return out
}
