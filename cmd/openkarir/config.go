package main

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"openkarir/flows"
	"openkarir/karir"
)

// Config is every setting of the bot, read from the environment (and .env).
type Config struct {
	Token    string // TELEGRAM_BOT_TOKEN
	Endpoint string // TELEGRAM_API_ENDPOINT
	MongoURI string // MONGODB_URI; empty starts the embedded FerretDB
	Database string // MONGODB_DATABASE
	DataDir  string // DATA_DIR, for the embedded store
	Admins   []int64
	Location *time.Location
	// Deadline (FORM_DEADLINE) is the last day to file of the first round,
	// a date in Location; zero when not set. RoundID (ROUND_ID) names that
	// round; empty means "<year of the deadline>-1". Both only seed: once a
	// round exists, admins own it in the bot.
	Deadline time.Time
	RoundID  string
	// SendRate is the outbox's messages per second (SEND_RATE_GLOBAL).
	SendRate float64
	Plan     flows.ReminderPlan
	// DigestEvery is how often at most each admin hears of new forms in
	// the review queue (ADMIN_DIGEST_MINUTES; 0 turns the digest off).
	DigestEvery time.Duration
	// Signer signs the performance contracts: AGENCY_NAME,
	// CONTRACT_SIGNER_NAME (empty: a line to sign on) and
	// CONTRACT_SIGNER_TITLE, at PEMDA_TEMPAT (empty: read from
	// AGENCY_NAME).
	Signer   karir.Signer
	LogLevel slog.Level
	LogJSON  bool
	// UserRate is how many updates a minute one user may send (USER_RATE_PER_MINUTE).
	UserRate int
	// Workers is how many updates are handled at once (BOT_WORKERS), each
	// of a different chat.
	Workers int
	// WebhookURL switches to webhook mode (WEBHOOK_URL), with the secret
	// token WebhookSecret (WEBHOOK_SECRET; empty: derived from the bot token,
	// so every process agrees and nothing is stored),
	// served on HTTPAddr (HTTP_ADDR) beside /healthz.
	WebhookURL    string
	WebhookSecret string
	HTTPAddr      string
	// WebhookMaxConns is how many posts Telegram keeps open to the
	// webhook at once (WEBHOOK_MAX_CONNECTIONS, 1-100, default 40).
	WebhookMaxConns int
	// ImportMaxText is how much text a file given to openkarir
	// import-roster may hold, a workbook unzipped (IMPORT_MAX_UNZIPPED_MB,
	// default 250: a 100,000-row SIASN workbook unzips to 96 MB). A file
	// sent in chat keeps its own 50 MB.
	ImportMaxText int64
	// DebugAddr serves net/http/pprof when set (DEBUG_ADDR), for profiling.
	DebugAddr string
	// MayorInaugurated (MAYOR_INAUGURATED) is the mayor's inauguration, a
	// date in Location; zero when not set (no six-month guard).
	MayorInaugurated time.Time
	// PilkadaPenetapan (PILKADA_PENETAPAN_CALON) is the date of the next
	// Pilkada's penetapan pasangan calon, in Location; zero when not set
	// (no guard of UU 10/2016 Pasal 71 ayat 2).
	PilkadaPenetapan time.Time
}

// loadConfig reads and checks the settings; serving is false for terminal
// subcommands, which need neither Telegram nor the deadline.
func loadConfig(getenv func(string) string, serving bool) (Config, error) {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	cfg := Config{
		Token:         get("TELEGRAM_BOT_TOKEN", ""),
		Endpoint:      get("TELEGRAM_API_ENDPOINT", ""),
		MongoURI:      get("MONGODB_URI", ""),
		Database:      get("MONGODB_DATABASE", "openkarir"),
		DataDir:       get("DATA_DIR", "./data"),
		LogJSON:       get("LOG_FORMAT", "text") == "json",
		DebugAddr:     get("DEBUG_ADDR", ""),
		WebhookURL:    get("WEBHOOK_URL", ""),
		WebhookSecret: get("WEBHOOK_SECRET", ""),
		HTTPAddr:      get("HTTP_ADDR", ""),
		Signer: karir.Signer{
			Agency: get("AGENCY_NAME", "Pemerintah Kota Bengkulu"),
			Name:   get("CONTRACT_SIGNER_NAME", ""),
			Title:  get("CONTRACT_SIGNER_TITLE", "Kepala BKPSDM"),
		},
	}
	cfg.Signer.Place = get("PEMDA_TEMPAT", karir.PlaceOf(cfg.Signer.Agency))
	var errs []error
	if serving && cfg.Token == "" {
		errs = append(errs, errors.New("TELEGRAM_BOT_TOKEN is required: get one from @BotFather and put it in .env"))
	}
	if cfg.Endpoint != "" && strings.Count(cfg.Endpoint, "%s") != 2 {
		errs = append(errs, fmt.Errorf("TELEGRAM_API_ENDPOINT %q must have the form http://host:port/bot%%s/%%s", cfg.Endpoint))
	}
	for _, f := range strings.FieldsFunc(get("ADMIN_TELEGRAM_IDS", ""), func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("ADMIN_TELEGRAM_IDS: %q is not a Telegram user id", f))
			continue
		}
		cfg.Admins = append(cfg.Admins, id)
	}
	loc, err := time.LoadLocation(get("BOT_TIMEZONE", "Asia/Jakarta"))
	if err != nil {
		errs = append(errs, fmt.Errorf("BOT_TIMEZONE: %w", err))
		loc = time.UTC
	}
	cfg.Location = loc
	if d := get("FORM_DEADLINE", ""); d != "" {
		if cfg.Deadline, err = time.ParseInLocation(time.DateOnly, d, loc); err != nil {
			errs = append(errs, fmt.Errorf("FORM_DEADLINE %q is not a date YYYY-MM-DD", d))
		}
	}
	if d := get("MAYOR_INAUGURATED", ""); d != "" {
		if cfg.MayorInaugurated, err = time.ParseInLocation(time.DateOnly, d, loc); err != nil {
			errs = append(errs, fmt.Errorf("MAYOR_INAUGURATED %q is not a date YYYY-MM-DD", d))
		}
	}
	if d := get("PILKADA_PENETAPAN_CALON", ""); d != "" {
		if cfg.PilkadaPenetapan, err = time.ParseInLocation(time.DateOnly, d, loc); err != nil {
			errs = append(errs, fmt.Errorf("PILKADA_PENETAPAN_CALON %q is not a date YYYY-MM-DD", d))
		}
	}
	cfg.RoundID = get("ROUND_ID", "")
	if !validRoundID(cfg.RoundID) {
		errs = append(errs, fmt.Errorf("ROUND_ID %q: at most 32 letters, digits, '.', '-' or '_'", cfg.RoundID))
	}
	if cfg.SendRate, err = strconv.ParseFloat(get("SEND_RATE_GLOBAL", "25"), 64); err != nil || cfg.SendRate <= 0 || cfg.SendRate > 30 {
		errs = append(errs, errors.New("SEND_RATE_GLOBAL must be a number of messages per second, above 0 and at most 30 (Telegram's limit)"))
	}
	if cfg.UserRate, err = strconv.Atoi(get("USER_RATE_PER_MINUTE", "40")); err != nil || cfg.UserRate < 0 {
		errs = append(errs, errors.New("USER_RATE_PER_MINUTE must be a whole number (0 for no limit)"))
	}
	if cfg.WebhookMaxConns, err = strconv.Atoi(get("WEBHOOK_MAX_CONNECTIONS", "40")); err != nil || cfg.WebhookMaxConns < 1 || cfg.WebhookMaxConns > 100 {
		errs = append(errs, errors.New("WEBHOOK_MAX_CONNECTIONS must be a whole number from 1 to 100 (Telegram's range)"))
	}
	if mb, err := strconv.Atoi(get("IMPORT_MAX_UNZIPPED_MB", "250")); err != nil || mb < 1 || mb > 4096 {
		errs = append(errs, errors.New("IMPORT_MAX_UNZIPPED_MB must be a whole number of megabytes from 1 to 4096"))
	} else {
		cfg.ImportMaxText = int64(mb) << 20
	}
	if cfg.Workers, err = strconv.Atoi(get("BOT_WORKERS", "64")); err != nil || cfg.Workers < 1 || cfg.Workers > 1000 {
		errs = append(errs, errors.New("BOT_WORKERS must be a whole number from 1 to 1000"))
	}
	if cfg.Plan, err = flows.ParseReminderPlan(get("REMINDER_DAYS", ""), get("WORK_HOURS", "")); err != nil {
		errs = append(errs, fmt.Errorf("REMINDER_DAYS/WORK_HOURS: %w", err))
	}
	if m, err := strconv.Atoi(get("ADMIN_DIGEST_MINUTES", "60")); err != nil || m < 0 {
		errs = append(errs, errors.New("ADMIN_DIGEST_MINUTES must be a whole number of minutes (0 turns the digest off)"))
	} else {
		cfg.DigestEvery = time.Duration(m) * time.Minute
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("LOG_LEVEL: %w", err))
	}
	return cfg, errors.Join(errs...)
}

// validRoundID keeps a round id short and plain: it travels in the data
// of /periode's buttons (Telegram allows 64 bytes) and in file names.
func validRoundID(id string) bool {
	if len(id) > 32 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
