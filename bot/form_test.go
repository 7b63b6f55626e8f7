package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"openkarir/karir"

	"openkarir/flows"
)

const (
	reasonText = "Saya ingin mengembangkan pengelolaan pasar rakyat yang lebih bersih."
	targetText = "100% pasar di Kota Bengkulu bersih dan tertata"
)

func TestBindByContactAndFileMove(t *testing.T) {
	h := newHarness(t)
	const user = 501

	got := h.say(user, "/start")
	mustSee(t, got, "Selamat datang", "Pelindungan data pribadi", "/dataku")
	// Nothing goes further without consent.
	mustSee(t, h.say(user, nipPhone), "Silakan pilih dengan tombol")
	mustSee(t, h.press(user, "Tidak setuju"), "Tanpa persetujuan")
	if c := h.conversation(user); c.State != karir.StateConsent || !c.ConsentAt.IsZero() || c.PendingNIP != "" {
		t.Fatalf("after refusing: %+v", c)
	}
	mustSee(t, h.press(user, "Setuju"), "ketik <b>NIP/NI PPPK</b>")
	if c := h.conversation(user); c.ConsentAt.IsZero() {
		t.Fatal("consent not recorded")
	}

	got = h.say(user, nipPhone)
	mustSee(t, got, "Bagikan nomor HP")
	if kb := h.tg.LastMessage(user).Keyboard; len(kb) == 0 || !kb[0][0].RequestContact {
		t.Fatalf("no share-contact keyboard: %+v", kb)
	}

	got = h.tg.Share(t, user, "+62 812-7345-0003", user)
	mustSee(t, got, "sudah terhubung", "Langkah 1 dari 4 atau 5: Pilihan")

	got = h.press(user, "Pindah")
	mustSee(t, got, "Pindah ke jabatan lain", "OPD tujuan")
	got = h.press(user, "Dinas Perindustrian dan Perdagangan")
	mustSee(t, got, "Jabatan tujuan", "Dinas Perindustrian dan Perdagangan")
	// The first listed position of that OPD.
	pos := h.tg.LastMessage(user).Buttons[0][0].Text
	got = h.press(user, pos)
	mustSee(t, got, "Mengapa Anda ingin pindah")
	got = h.say(user, reasonText)
	mustSee(t, got, "Target kinerja")
	got = h.say(user, targetText)
	mustSee(t, got, "Jangka waktu")
	got = h.press(user, "6 bulan")
	mustSee(t, got, "Periksa jawaban Anda", reasonText, targetText, pos, "6 bulan")

	got = h.press(user, "✅ Kirim")
	mustSee(t, got, "Formulir terkirim", "Nomor referensi")

	sub := h.submission(nipPhone)
	want := karir.Answers{Choice: karir.ChoiceMove, TargetOPDCode: "DISPERINDAG",
		TargetOPDName: "Dinas Perindustrian dan Perdagangan", TargetPosition: pos,
		Reason: reasonText, Target: targetText, TermMonths: 6}
	if sub.Answers != want {
		t.Errorf("stored answers\n got %+v\nwant %+v", sub.Answers, want)
	}
	if !strings.HasPrefix(sub.Ref, "OK-") || !strings.Contains(h.tg.LastMessage(user).Text, sub.Ref) {
		t.Errorf("reference %q not shown in %q", sub.Ref, h.tg.LastMessage(user).Text)
	}
	if sub.TelegramID != user || !sub.SubmittedAt.Equal(h.clock()) {
		t.Errorf("submission meta: %+v", sub)
	}
	b, err := h.store.Binding(context.Background(), nipPhone)
	if err != nil || b.TelegramID != user || b.Method != "contact" {
		t.Errorf("binding = %+v, %v", b, err)
	}
	if c := h.conversation(user); c.State != karir.StateIdle || c.NIP != nipPhone {
		t.Errorf("conversation after sending: %+v", c)
	}
}

func TestBindByCodeAndFileStay(t *testing.T) {
	h := newHarness(t)
	const user = 502
	h.bindByCode(user, nipCode, strings.ToLower(codeText))

	got := h.press(user, "Tetap")
	mustSee(t, got, "Mengapa Anda ingin tetap")
	h.say(user, reasonText)
	h.say(user, targetText)
	got = h.press(user, "12 bulan")
	mustSee(t, got, "Periksa jawaban Anda", "Tetap di jabatan sekarang")
	mustNotSee(t, got, "OPD tujuan")
	h.press(user, "✅ Kirim")

	sub := h.submission(nipCode)
	if sub.Answers.Choice != karir.ChoiceStay || sub.Answers.TargetOPDCode != "" || sub.Answers.TermMonths != 12 {
		t.Errorf("stay answers: %+v", sub.Answers)
	}
}

func TestBindingRefusals(t *testing.T) {
	h := newHarness(t)
	const user = 503
	h.begin(user)
	cases := []struct {
		name, input, want string
	}{
		{"TooShort", "12345", "NIP/NI PPPK harus 18 angka"},
		{"Letters", "19780315200501100X", "NIP/NI PPPK harus 18 angka"},
		{"BirthDate", "197802302005011003", "tanggal lahir"},
		{"TMT", "197803151990011003", "TMT"},
		{"Gender", "197803152005013003", "angka ke-15"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := h.say(user, tc.input)
			mustSee(t, got, tc.want)
			if c := h.conversation(user); c.State != karir.StateAskNIP {
				t.Errorf("state = %s, want ask_nip", c.State)
			}
		})
	}

	h.say(user, nipPhone)
	t.Run("ContactOfSomeoneElse", func(t *testing.T) {
		mustSee(t, h.tg.Share(t, user, phoneOwner, 999), "sendiri")
	})
	t.Run("WrongPhone", func(t *testing.T) {
		mustSee(t, h.tg.Share(t, user, "081299999999", user), "tidak cocok")
	})
	t.Run("NoCodeIssued", func(t *testing.T) {
		// No code was issued for this NIP: a code fails as a wrong one,
		// so the answer does not tell which NIPs have codes.
		mustSee(t, h.say(user, "ABCDEF"), "Kode aktivasi salah")
	})
	t.Run("UnsupportedMessage", func(t *testing.T) {
		id := h.tg.SendSticker(user)
		waitHandled(t, h, id)
		mustSee(t, h.tg.Messages(user)[len(h.tg.Messages(user))-2:], "hanya dapat membaca teks")
	})
	if c := h.conversation(user); c.State != karir.StateAskProof || c.NIP != "" || c.PendingNIP != nipPhone {
		t.Errorf("after refusals: %+v", c)
	}
	t.Run("ChangeNIP", func(t *testing.T) {
		mustSee(t, h.say(user, flows.LabelChangeNIP), "ketik <b>NIP/NI PPPK</b>")
	})
}

func TestActivationCodeLockout(t *testing.T) {
	h := newHarness(t)
	const user = 504
	h.begin(user)
	h.say(user, nipCode)
	for i := 1; i < 5; i++ {
		mustSee(t, h.say(user, "SALAH1"), "Kode aktivasi salah")
	}
	mustSee(t, h.say(user, "SALAH1"), "dikunci sementara")
	// Even the right code is refused while locked, and typing the NIP again
	// does not help: the account may still share its contact, not guess.
	mustSee(t, h.say(user, codeText), "dikunci sementara")
	h.say(user, flows.LabelChangeNIP)
	mustSee(t, h.say(user, nipCode), "Bagikan nomor HP")
	mustSee(t, h.say(user, codeText), "dikunci sementara")
	if _, err := h.store.Binding(context.Background(), nipCode); !errors.Is(err, karir.ErrNotFound) {
		t.Fatalf("bound while locked: %v", err)
	}
	h.advance(16 * time.Minute)
	h.say(user, nipCode)
	mustSee(t, h.say(user, codeText), "sudah terhubung")
}

func TestFormValidation(t *testing.T) {
	h := newHarness(t)
	const user = 505
	h.bindByCode(user, nipCode, codeText)

	mustSee(t, h.say(user, "mungkin"), "Silakan pilih dengan tombol")
	h.press(user, "Tetap")
	steps := []struct {
		name, input, want string
		state             karir.State
	}{
		{"ReasonTooShort", "karena suka", "Terlalu singkat (11 karakter)", karir.StateReason},
		{"ReasonTooLong", strings.Repeat("a", 1001), "terlalu panjang: <b>1001 karakter</b>", karir.StateReason},
		{"ReasonOK", reasonText, "Target kinerja", karir.StateTarget},
		{"TargetNoNumber", "Pasar bersih dan tertata dengan baik sekali", "sertakan minimal satu angka", karir.StateTarget},
		{"TargetOK", targetText, "Jangka waktu", karir.StateTerm},
		{"TermWrong", "5 bulan", "Silakan pilih dengan tombol", karir.StateTerm},
		{"TermTyped", "3", "Periksa jawaban Anda", karir.StateSummary},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			mustSee(t, h.say(user, s.input), s.want)
			c := h.conversation(user)
			if c.State != s.state {
				t.Errorf("state = %s, want %s", c.State, s.state)
			}
			if c.Draft.Choice != karir.ChoiceStay {
				t.Errorf("earlier answer lost: %+v", c.Draft)
			}
		})
	}
	if d := h.conversation(user).Draft; d.Reason != reasonText || d.Target != targetText || d.TermMonths != 3 {
		t.Errorf("draft = %+v", d)
	}
}

func TestEditFromSummary(t *testing.T) {
	h := newHarness(t)
	const user = 506
	h.bindByCode(user, nipCode, codeText)
	h.press(user, "Tetap")
	h.say(user, reasonText)
	h.say(user, targetText)
	h.press(user, "6 bulan")

	// Changing one answer goes straight back to the summary.
	mustSee(t, h.press(user, "✏️ Alasan"), "Mengapa Anda ingin tetap")
	newReason := "Program kerja saya di bidang ini belum selesai <penting>."
	got := h.say(user, newReason)
	mustSee(t, got, "Periksa jawaban Anda", "belum selesai &lt;penting&gt;.")

	// Stay to move walks through OPD and position, then back to the summary.
	h.press(user, "✏️ Pilihan")
	h.press(user, "Pindah")
	h.press(user, "Dinas Kesehatan")
	// A post like none on the list is confirmed before it is taken.
	mustSee(t, h.say(user, "Analis Kebijakan Kesehatan Masyarakat"), "tidak ada di daftar Dinas Kesehatan")
	got = h.press(user, "Tetap pakai yang saya ketik")
	mustSee(t, got, "Periksa jawaban Anda", "Analis Kebijakan Kesehatan Masyarakat", targetText)

	h.press(user, "✅ Kirim")
	a := h.submission(nipCode).Answers
	if a.Choice != karir.ChoiceMove || a.TargetOPDCode != "DINKES" || a.Reason != newReason || a.TermMonths != 6 {
		t.Errorf("answers after edits: %+v", a)
	}
}

func TestCancelKeepsFiledAndRefillIsPrefilled(t *testing.T) {
	h := newHarness(t)
	const user = 507
	fileStay(h, user)
	first := h.submission(nipCode)

	got := h.say(user, "/isi")
	mustSee(t, got, "terakhir Anda kirim", "Periksa jawaban Anda", reasonText)
	h.press(user, "✏️ Jangka waktu")
	mustSee(t, h.say(user, "/batal"), "dibatalkan")
	if s := h.submission(nipCode); s.Answers != first.Answers {
		t.Errorf("cancel changed the filed form: %+v", s.Answers)
	}
	mustSee(t, h.say(user, "/batal"), "Tidak ada formulir")

	h.say(user, "/isi")
	h.press(user, "✏️ Jangka waktu")
	h.press(user, "12 bulan")
	h.press(user, "✅ Kirim")
	s := h.submission(nipCode)
	if s.Answers.TermMonths != 12 || s.Ref != first.Ref || s.Answers.Reason != reasonText {
		t.Errorf("refiled: %+v (first ref %s)", s, first.Ref)
	}
}

func TestResumeAfterRestart(t *testing.T) {
	h := newHarness(t)
	const user = 508
	h.bindByCode(user, nipCode, codeText)
	h.press(user, "Pindah")
	h.press(user, "Dinas Kesehatan")
	h.say(user, "Analis Kebijakan Kesehatan Masyarakat")
	h.press(user, "Tetap pakai yang saya ketik")
	h.say(user, reasonText)

	h.stopBot()
	h.start()

	got := h.say(user, targetText)
	mustSee(t, got, "Jangka waktu")
	got = h.press(user, "6 bulan")
	mustSee(t, got, "Dinas Kesehatan", "Analis Kebijakan Kesehatan Masyarakat", reasonText, targetText)
}

func TestStaleButtonChangesNothing(t *testing.T) {
	h := newHarness(t)
	const user = 509
	h.bindByCode(user, nipCode, codeText)
	choiceMsg := h.tg.LastMessage(user)
	h.press(user, "Tetap")
	before := h.conversation(user)

	got := h.tg.Press(t, user, choiceMsg.ID, "x:isi:c:pindah")
	mustSee(t, got, "Mengapa Anda ingin tetap")
	answers := h.tg.CallbackAnswers()
	if last := answers[len(answers)-1]; !strings.Contains(last.Text, "tidak berlaku") {
		t.Errorf("callback answer = %q", last.Text)
	}
	after := h.conversation(user)
	if after.State != before.State || after.Draft != before.Draft {
		t.Errorf("stale button changed the conversation: %+v -> %+v", before, after)
	}
	// Forged data is refused the same way.
	mustSee(t, h.tg.Press(t, user, choiceMsg.ID, "x:isi:o:../../etc"), "Mengapa Anda ingin tetap")
}

func TestEveryButtonIsAnswered(t *testing.T) {
	h := newHarness(t)
	const user = 510
	h.bindByCode(user, nipCode, codeText)
	before := len(h.tg.CallbackAnswers())
	h.press(user, "Pindah")
	h.press(user, "Dinas Kesehatan")
	// Dinas Kesehatan has 10 positions: the list turns its page in place.
	list := h.tg.LastMessage(user)
	got := h.press(user, "Berikutnya")
	if len(got) != 1 || got[0].ID != list.ID || !got[0].Edited || !strings.Contains(got[0].Text, "halaman 2 dari 2") {
		t.Fatalf("page turn: %s", dump(got))
	}
	mustSee(t, h.press(user, "Sebelumnya"), "halaman 1 dari 2")
	if n := len(h.tg.CallbackAnswers()) - before; n != 4 {
		t.Errorf("callback answers = %d, want 4", n)
	}
}

func TestStatusAndDeadline(t *testing.T) {
	h := newHarness(t)
	const user = 511
	mustSee(t, h.say(user, "/status"), "belum terhubung")
	h.bindByCode(user, nipCode, codeText)
	mustSee(t, h.say(user, "/status"), "belum mengisi", "30 November 2026", "sisa 6 hari")

	h.press(user, "Tetap")
	h.say(user, reasonText)
	h.say(user, targetText)
	h.press(user, "6 bulan")
	h.press(user, "✅ Kirim")
	ref := h.submission(nipCode).Ref
	mustSee(t, h.say(user, "/status"), "Menunggu verifikasi BKPSDM", "dikirim 24 November 2026", ref, "Tetap di jabatan sekarang", "sisa 6 hari")

	h.advance(7 * 24 * time.Hour)
	got := h.say(user, "/isi")
	mustSee(t, got, "sudah lewat", "tidak dapat diubah lagi", ref)
	mustNotSee(t, got, "Batas pengisian: 30 November")
	if c := h.conversation(user); c.State != karir.StateIdle {
		t.Errorf("state after closed /isi = %s", c.State)
	}
}

func TestGroupChatAndHelp(t *testing.T) {
	h := newHarness(t)
	id := h.tg.SendTextInGroup(-100123, 512, "/isi")
	waitHandled(t, h, id)
	mustSee(t, h.tg.Messages(-100123), "chat pribadi")
	if c := h.conversation(512); c.Version != 0 {
		t.Errorf("group command changed the conversation: %+v", c)
	}
	mustSee(t, h.say(512, "/bantuan"), "/isi", "/status", "/batal")
	cmds := h.tg.Commands()
	if len(cmds) != 9 || cmds[0].Command != "start" {
		t.Errorf("command menu = %+v", cmds)
	}
}

func TestTwoAccountsRaceForOneNIP(t *testing.T) {
	h := newHarness(t)
	const a, b = 601, 602
	for _, u := range []int64{a, b} {
		h.begin(u)
		mustSee(t, h.say(u, nipCode), "kode aktivasi")
	}
	// Both send the right code in the same batch of updates.
	ids := []int{h.tg.SendText(a, codeText), h.tg.SendText(b, codeText)}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() { waitHandled(t, h, id) })
	}
	wg.Wait()

	bound := 0
	for _, u := range []int64{a, b} {
		last := h.tg.Messages(u)
		got := last[len(last)-2:]
		switch c := h.conversation(u); c.NIP {
		case nipCode:
			bound++
			mustSee(t, got, "sudah terhubung")
		case "":
			mustSee(t, h.tg.Messages(u), "sudah terhubung dengan akun Telegram lain")
		}
	}
	if bound != 1 {
		t.Fatalf("%d accounts bound to one NIP", bound)
	}
	bnd, err := h.store.Binding(context.Background(), nipCode)
	if err != nil || (bnd.TelegramID != a && bnd.TelegramID != b) {
		t.Fatalf("binding = %+v, %v", bnd, err)
	}
}

func waitHandled(t *testing.T, h *harness, updateID int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.tg.WaitHandled(ctx, updateID); err != nil {
		t.Fatalf("update %d not handled: %v", updateID, err)
	}
}
