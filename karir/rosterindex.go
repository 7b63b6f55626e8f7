package karir

// RosterEntry is what the store remembers of the row an import last wrote
// for one NIP, so that the next import compares in memory, without
// reading the roster back (100,000 employees took most of a minute to
// read through the embedded store).
type RosterEntry struct {
	OPD    string // the OPD the row put the ASN in
	Active bool   // the ASN was in service after that import
	// Hash identifies the row as read (its fields, and what it keeps as
	// stored); empty when a row must be written again whatever it says.
	Hash string
}

// RosterRow is an employee as an import writes it: the roster's fields,
// and the proof fields the file leaves as stored (a file without a no_hp
// column keeps the phone; an empty kode_aktivasi cell keeps the code).
type RosterRow struct {
	Employee
	KeepPhone, KeepCode bool
}

// ImportKind is what a file sent with /impor is, told by its header.
type ImportKind string

const (
	ImportRoster ImportKind = "roster" // a roster or a unit map
	ImportTalent ImportKind = "talent"
	ImportPosts  ImportKind = "posts" // a peta jabatan
	ImportForms  ImportKind = "forms" // forms filed on paper
)
