package flows

import (
	"context"
	"io"
	"time"

	"openkarir/karir"
)

// Storage is everything the command groups read and write; the store
// package's Store is the one implementation.
type Storage interface {
	karir.Store
	karir.Directory
	karir.AdminStore
	karir.Outbox
	karir.TalentStore
	karir.ReviewQueue
	karir.DigestLog
	karir.ContractCodes
	karir.CodeStore
	karir.PostStore
	karir.SidangStore
	karir.DecreeStore
}

// Sender queues what the bot sends on its own: single notices and the
// batches an admin starts.
type Sender interface {
	Notifier
	BatchNotifier
}

// Reports renders the files admins receive.
type Reports interface {
	// CoverageChart is a PNG of coverage per OPD, as horizontal bars.
	CoverageChart(c karir.Coverage, loc *time.Location) ([]byte, error)
	// ExportXLSX and ExportCSV write the submissions of a round with their
	// employees as the roster has them, under the roster's column names so
	// the file imports back; the CSV is UTF-8 with a BOM, so spreadsheets
	// open it correctly.
	ExportXLSX(subs []karir.Submission, roster []karir.Employee, loc *time.Location) ([]byte, error)
	ExportCSV(subs []karir.Submission, roster []karir.Employee, loc *time.Location) ([]byte, error)
	// CSV writes any table (UTF-8 with a BOM, ";" between fields, as
	// spreadsheets in the Indonesian locale read it).
	CSV(header []string, rows [][]string) ([]byte, error)
	// XLSX writes any table as a spreadsheet, every cell as text.
	XLSX(sheet string, header []string, rows [][]string) ([]byte, error)
	TalentReports
	SidangReports
	// ContractPDF renders a performance contract.
	ContractPDF(c karir.Contract, loc *time.Location) ([]byte, error)
	// DecreeXLSX and DecreePDF render the lampiran of a session's SK.
	DecreeXLSX(d karir.DecreeDraft, loc *time.Location) ([]byte, error)
	DecreePDF(d karir.DecreeDraft, loc *time.Location) ([]byte, error)
}

// RosterImporter loads a roster file sent in chat.
type RosterImporter interface {
	// ImportAll writes the roster only when every row is valid; otherwise
	// it writes nothing and lists the problems, one per rejected row. An
	// error is an ImportFailure when the database failed; any other error
	// is a file that cannot be read, and nothing was written.
	ImportAll(ctx context.Context, r io.Reader, now time.Time) (summary string, problems []string, err error)
}

// UploadReader reads a file sent with /impor once (a workbook unzipped,
// its encoding read, the limits checked) and tells its kind by its
// header; the importers read the reader it returns without decoding the
// file again. An error says in Indonesian why the file cannot be read.
type UploadReader interface {
	ReadUpload(data []byte) (io.Reader, karir.ImportKind, error)
}

// ImportFailure is an import the database stopped (roster.WriteError):
// what it wrote before is kept, and the same file imported again
// completes it.
type ImportFailure interface {
	error
	WrittenSoFar() (opds, added, updated int)
}

// Deps is what the conversations and the background work are built from.
// Every command group takes the whole of it and uses what it needs.
type Deps struct {
	Store    Storage
	Rounds   *StoredRounds
	Sender   Sender
	Files    Files
	Reports  Reports
	Importer RosterImporter
	// Uploads reads each file sent with /impor once, for whichever
	// importer its header calls for; nil: every file goes to Importer.
	Uploads UploadReader
	// Talent loads talent data sent with /impor, told from a roster by its
	// header; nil: /impor takes rosters only.
	Talent TalentImporter
	// Forms loads forms filed outside the bot and Posts the peta jabatan,
	// each told by its header; nil: /impor does not take them.
	Forms FormsImporter
	Posts PostsImporter
	// Signer is the agency and the official who sign the contracts.
	Signer karir.Signer
	// Menus sets per-chat command menus (bot.Bot); nil: none.
	Menus ChatMenus
	// Supers are the super admins of the settings (ADMIN_TELEGRAM_IDS).
	Supers []int64
	// MayorInaugurated is the mayor's inauguration (MAYOR_INAUGURATED);
	// zero: no six-month guard on his decisions.
	MayorInaugurated time.Time
	// PilkadaPenetapan is the date of the penetapan pasangan calon of the
	// next Pilkada (PILKADA_PENETAPAN_CALON); from six months before it
	// replacing officials needs the Minister's written approval (UU 10/2016
	// Pasal 71 ayat 2; karir.InPilkadaBan); zero: no such guard.
	PilkadaPenetapan time.Time

	Location *time.Location
	Now      func() time.Time
}

// New is the whole bot's conversation: the form and every command group,
// with the admins of the settings and those granted in chat. It is the one
// place that lists the command groups; cmd/openkarir and the tests call it.
func New(d Deps) *Router {
	d = d.forPhones()
	r := NewRouter(d.Store, d.Rounds, d.Location, d.Now)
	r.form.agencyName = d.Signer.Agency
	r.SetAdmins(StoreAdmins{Supers: d.Supers, Store: d.Store})
	if d.Menus != nil {
		r.SetMenus(d.Menus)
	}
	audit := NewAuditor(d.Store, d.Now)
	console := NewConsole(d, audit)
	console.menus = r.setMenu
	decide := NewDecide(d, audit)
	// Baperjakat's sessions; closing one tells the mayor (part B).
	sessions := NewSessions(d, audit)
	sessions.OnClosed, sessions.OnRecommendedAgain = decide.OnClosed, decide.OnRecommendedAgain
	for _, group := range [][]Command{
		console.Commands(),
		NewBroadcasts(d, audit).Commands(),
		NewReview(d, audit).Commands(),
		NewCheckIns(d).Commands(),
		NewPrivacy(d).Commands(),
		NewContracts(d).Commands(),
		NewAppraisals(d).Commands(),
		{teladanCommand(d)},
		{DeadlineCommand(d, audit), IDCommand()},
		NewTalent(d, audit).Commands(),
		NewPeriods(d, audit).Commands(),
		NewCodes(d, audit).Commands(),
		decide.Commands(),
		{homeCommand(d, r)},
		sessions.Commands(),
	} {
		r.Register(group...)
	}
	return r
}
