package flows

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"openkarir/karir"
)

const (
	// maxAttempts bounds the retries of an update that lost a write race.
	maxAttempts = 5
	// recentUpdates is how many handled update ids a conversation keeps.
	recentUpdates = 32
)

// RoundSource tells which round is open now.
type RoundSource interface {
	CurrentRound(ctx context.Context) (karir.Round, error)
}

// FixedRound is a RoundSource that always answers the same round.
type FixedRound karir.Round

// CurrentRound implements RoundSource.
func (r FixedRound) CurrentRound(context.Context) (karir.Round, error) { return karir.Round(r), nil }

// Router is the bot's side of every conversation: it loads the user's
// stored conversation, hands the input to a registered command or to the
// form, and saves the conversation with the replies. It holds no state of
// its own, so a restart or a second process carries on where this one was.
type Router struct {
	convs    karir.Conversations
	rounds   RoundSource
	now      func() time.Time
	form     *Form
	admins   Admins
	menus    ChatMenus
	commands map[string]Command
}

// NewRouter routes updates to the form and /bantuan; Register adds commands and
// SetAdmins says who the admins are (none by default). New wires the whole
// bot. now is the clock (time.Now in production, fixed in tests); loc is the
// zone dates are shown in.
func NewRouter(store karir.Store, rounds RoundSource, loc *time.Location, now func() time.Time) *Router {
	r := &Router{convs: store, rounds: rounds, now: now, form: newForm(store, loc, now),
		admins: SuperAdmins(nil), commands: map[string]Command{}}
	r.Register(r.form.Commands()...)
	r.Register(Command{Name: "bantuan", Run: r.help}, Command{Name: "help", Run: r.help})
	return r
}

// Handle answers one input. A lost write race is retried on fresh state; an
// update already handled (a repeated delivery) is answered with nothing.
func (r *Router) Handle(ctx context.Context, in Input) (Result, error) {
	in = in.cleaned()
	if !in.Private {
		if in.Command != "" || in.Callback != nil {
			return Result{Replies: []karir.Reply{{Text: txtGroup}}}, nil
		}
		return Result{}, nil
	}
	round, err := r.rounds.CurrentRound(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("current round: %w", err)
	}
	for attempt := 1; ; attempt++ {
		conv, err := r.convs.LoadConversation(ctx, in.UserID)
		if err != nil {
			return Result{}, fmt.Errorf("load conversation: %w", err)
		}
		// A repeat of the update that started heavy work: the work may not
		// have finished (it is confirmed to Telegram only once done), so it
		// runs again.
		rerun := in.UpdateID != 0 && in.UpdateID == conv.WorkUpdateID
		if in.UpdateID != 0 && slices.Contains(conv.RecentUpdates, in.UpdateID) && !rerun {
			// Handled before. If it was the last one, the process may have
			// died before answering: answer again (a repeat beats a loss).
			if in.UpdateID == conv.LastUpdateID {
				return Result{Replies: karir.SavedReplies(conv.LastReplies)}, nil
			}
			return Result{}, nil
		}
		t := &Turn{Ctx: ctx, In: in, Conv: conv, Round: round}
		loadedAt := conv.LoadedAt
		err = r.step(t)
		if err == nil {
			conv.ChatID = in.ChatID
			// Names are kept only with consent (they let admins be found
			// by @username), and dropped again by /hapusdata.
			if !conv.ConsentAt.IsZero() {
				conv.FirstName, conv.Username = in.FirstName, strings.ToLower(in.Username)
			}
			if t.res.Work != nil {
				conv.WorkUpdateID = in.UpdateID
			}
			if in.UpdateID != 0 && !rerun {
				if in.UpdateID > conv.LastUpdateID {
					conv.LastReplies = karir.SaveReplies(t.res.Replies)
				}
				conv.LastUpdateID = max(conv.LastUpdateID, in.UpdateID)
				conv.RecentUpdates = append(conv.RecentUpdates, in.UpdateID)
				if n := len(conv.RecentUpdates); n > recentUpdates {
					conv.RecentUpdates = conv.RecentUpdates[n-recentUpdates:]
				}
			}
			conv.UpdatedAt = r.now()
			// A step may rebuild the conversation (/hapusdata does): the
			// store still needs to know when this version was loaded.
			conv.LoadedAt = loadedAt
			err = r.convs.SaveConversation(ctx, conv)
		}
		if errors.Is(err, karir.ErrConflict) && attempt < maxAttempts {
			continue
		}
		if err != nil {
			return Result{}, fmt.Errorf("handle update %d: %w", in.UpdateID, err)
		}
		return t.res, nil
	}
}

// step decides what one input means in the current state, by one rule:
// a command ends any wait (/batal ending one does only that), a button of
// another command ends it too, and anything else goes to the wait, or to
// the form when nothing waits.
func (r *Router) step(t *Turn) error {
	in := t.In
	switch {
	case in.Command != "":
		waited := t.Conv.Pending != ""
		if in.Command == "batal" && waited {
			t.Done()
			t.Sayf(txtPendingCancelled)
			return nil
		}
		if err := r.leave(t); err != nil {
			return err
		}
		t.Done()
		c, found := r.commands[in.Command]
		if !found {
			t.Sayf(txtUnknownCmd)
			return nil
		}
		return r.run(t, c, func() error { return c.Run(t) })
	case in.Callback != nil:
		name, f, ok := parseButton(legacyButton(in.Callback.Data))
		c, found := r.commands[name]
		if !ok || !found || c.Button == nil {
			t.Toast(txtStaleButton)
			if !strings.HasPrefix(in.Callback.Data, buttonPrefix) {
				// A form button of a message sent before this format:
				// nothing changes, and the form asks its question again.
				return r.form.prompt(t)
			}
			return nil
		}
		if name != t.Conv.Pending {
			if err := r.leave(t); err != nil {
				return err
			}
			t.Done()
		}
		if c.ButtonRight != nil {
			if right := c.ButtonRight(f); right != "" {
				if ok, err := allowRight(t, r.admins, right); !ok || err != nil {
					return err
				}
			}
		}
		return r.run(t, c, func() error { return c.Button(t, f) })
	case t.Conv.Pending != "":
		if c, found := r.commands[t.Conv.Pending]; found && c.Continue != nil {
			return r.run(t, c, func() error { return c.Continue(t) })
		}
		t.Done()
	}
	return r.form.input(t)
}

// leave runs the waiting command's Leave, when another command ends its
// wait.
func (r *Router) leave(t *Turn) error {
	c, found := r.commands[t.Conv.Pending]
	if t.Conv.Pending == "" || !found || c.Leave == nil {
		return nil
	}
	return r.run(t, c, func() error { return c.Leave(t) })
}

// run runs one handler of a command, once the user may use it.
func (r *Router) run(t *Turn, c Command, handler func() error) error {
	allowed, err := r.allow(t, c)
	if err != nil || !allowed {
		return err
	}
	if err := handler(); err != nil {
		return fmt.Errorf("command %s: %w", c.Name, err)
	}
	return nil
}

// help lists the commands this user may use: the ASN's, then the
// commands of each role they hold, grouped by role.
func (r *Router) help(t *Turn) error {
	var b strings.Builder
	// Every ASN's commands, as the command menu lists them (Menu), so
	// /bantuan names /lapor, /kontrak and /dataku too.
	b.WriteString(txtHelpHead)
	for _, m := range Menu() {
		fmt.Fprintf(&b, "/%s — %s\n", m.Name, strings.ToLower(m.Description[:1])+m.Description[1:])
	}
	b.WriteString(txtHelpTail)
	roles, err := r.admins.Roles(t.Ctx, t.In.UserID)
	if err != nil {
		return fmt.Errorf("roles of the user: %w", err)
	}
	listed := map[string]bool{}
	groups := append(slices.Clone(karir.GrantableRoles), karir.RoleSuper)
	for _, role := range groups {
		// A super admin sees every group, the rest under their own.
		if !roles.Has(role) && !roles.Super {
			continue
		}
		var lines []string
		scope := "" // the OPD the group's commands are confined to
		for _, c := range r.commands {
			if c.Right == "" || listed[c.Name] || !karir.RoleHolds(role, c.Right) {
				continue
			}
			listed[c.Name] = true
			opd := roles.Scope(c.Right)
			scope = cmp.Or(scope, opd)
			lines = append(lines, fmt.Sprintf("/%s — %s", c.Name, esc(c.describe(opd))))
		}
		if len(lines) == 0 {
			continue
		}
		slices.Sort(lines)
		fmt.Fprintf(&b, "\n\n<b>%s</b>\n", esc(helpHead(role, roles)))
		if scope != "" {
			// Said once, so each line need not: another OPD's is refused.
			fmt.Fprintf(&b, txtHelpOPDOnly, esc(scope))
		}
		b.WriteString(strings.Join(lines, "\n"))
	}
	t.SayLong(b.String())
	return nil
}

// helpHead names a group of /bantuan: "Verifikator BKPSDM", "Admin OPD DINKES".
func helpHead(role karir.Role, roles karir.Roles) string {
	l := karir.RoleLabel(role)
	if role == karir.RoleOPDAdmin && roles.AdminOPD != "" {
		l += " " + roles.AdminOPD
	}
	return strings.ToUpper(l[:1]) + l[1:]
}

// Register adds commands; a name registered again replaces the first.
func (r *Router) Register(cmds ...Command) {
	for _, c := range cmds {
		r.commands[c.Name] = c
	}
}

// SetAdmins sets who the admins are (SuperAdmins of the settings by default).
func (r *Router) SetAdmins(a Admins) { r.admins = a }

// SetMenus sets where per-chat command menus go (none by default).
func (r *Router) SetMenus(m ChatMenus) { r.menus = m }

// allow checks the user may use a command, and says so when not.
func (r *Router) allow(t *Turn, c Command) (bool, error) {
	if c.Right != "" {
		return allowRight(t, r.admins, c.Right)
	}
	if c.Access == BoundASN && t.Conv.NIP == "" {
		t.Sayf(txtBindFirst)
		return false, r.form.begin(t)
	}
	return true, nil
}
