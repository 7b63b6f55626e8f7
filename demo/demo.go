// Package demo serves the chat page of `openkarir demo`: a browser plays the
// users of the Bot API fake (telegramtest) as the Telegram app would, so the
// bot can be tried without a token, a phone or the network.
package demo

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"openkarir/telegramtest"
)

//go:embed web
var web embed.FS

// Telegram user ids of the demo's personas: the super admin is listed in
// ADMIN_TELEGRAM_IDS; ASN get firstASNID plus their row in the roster.
const (
	SuperAdminID = 9001
	firstASNID   = 10000
)

// The OPD admin of the demo: an ASN of the sample roster whom the super
// admin grants the admin right for their own OPD (Seed does it).
const (
	opdAdminNIP = "197302181998011004"
	opdAdminOPD = "DINKES"
)

// Persona is someone a visitor of the page can be.
type Persona struct {
	ID   int64  `json:"id"`
	Role string `json:"role"` // "super", "opd_admin" or "asn"
	Name string `json:"name"`
	// Username is the Telegram @username, without "@".
	Username string `json:"username"`
	Position string `json:"position,omitempty"`
	OPDCode  string `json:"opd_code,omitempty"`
	OPDName  string `json:"opd_name,omitempty"`
	NIP      string `json:"nip,omitempty"`
	// Phone is the number in the roster, as Telegram shares it (+62...).
	Phone string `json:"phone,omitempty"`
	// Code is the activation code BKPSDM gave, empty when there is none
	// (such a person proves the NIP with the phone number).
	Code string `json:"code,omitempty"`
}

// Personas are the super admin, the OPD admin and every ASN of the roster
// (a CSV in roster's format, with the activation codes in clear).
func Personas(rosterCSV []byte) ([]Persona, error) {
	r := csv.NewReader(bytes.NewReader(rosterCSV))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, fmt.Errorf("read the demo roster: %v", err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	for _, name := range []string{"nip", "nama", "kode_opd", "nama_opd", "jabatan", "no_hp", "kode_aktivasi"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("read the demo roster: no column %s", name)
		}
	}
	out := []Persona{{ID: SuperAdminID, Role: "super", Name: "Admin BKPSDM", Username: "admin_bkpsdm", Position: "Super admin (ADMIN_TELEGRAM_IDS)"}}
	var asn []Persona
	for i, row := range rows[1:] {
		p := Persona{ID: int64(firstASNID + i + 1), Role: "asn", Name: row[col["nama"]], Position: row[col["jabatan"]],
			Username: fmt.Sprintf("%s_%d", strings.ToLower(firstName(row[col["nama"]])), firstASNID+i+1),
			OPDCode:  row[col["kode_opd"]], OPDName: row[col["nama_opd"]], NIP: row[col["nip"]],
			Phone: international(row[col["no_hp"]]), Code: row[col["kode_aktivasi"]]}
		if p.NIP == opdAdminNIP {
			p.Role = "opd_admin"
			out = append(out, p)
			continue
		}
		asn = append(asn, p)
	}
	if len(out) != 2 {
		return nil, fmt.Errorf("read the demo roster: the OPD admin (NIP %s) is not in it", opdAdminNIP)
	}
	return append(out, asn...), nil
}

// international writes 0812... as Telegram shares a contact: +62812...
func international(phone string) string {
	if rest, ok := strings.CutPrefix(phone, "0"); ok {
		return "+62" + rest
	}
	return phone
}

// Handler serves the page at /, the personas at /api/personas, the sample
// roster at /contoh_roster.csv (to send with /impor), and the fake's user
// side (telegramtest.Server.UserAPI) under /api/.
func Handler(tg *telegramtest.Server, personas []Persona, rosterCSV []byte) http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(web, "web")
	mux.Handle("/", http.FileServerFS(static))
	mux.HandleFunc("GET /api/personas", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, personas)
	})
	mux.HandleFunc("GET /contoh_roster.csv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="contoh_roster.csv"`)
		_, _ = w.Write(rosterCSV)
	})
	mux.Handle("/api/", http.StripPrefix("/api", tg.UserAPI()))
	return mux
}
