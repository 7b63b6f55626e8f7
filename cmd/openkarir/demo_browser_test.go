package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"openkarir/roster"
)

// browser starts a headless Chromium for the test, or skips the test when
// this machine has none (.ci/run installs Debian's chromium, so CI never
// skips). DEMO_SCREENSHOTS=DIR keeps a picture of each step there.
func browser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" && os.Getenv("CI") != "" {
		t.Fatal("no chromium on this machine: .ci/run should have installed it")
	}
	if path == "" {
		t.Skip("no chromium on this machine: `apt-get install chromium` to run the browser test (.ci/run installs it)")
	}
	// Without these flags Chromium calls Google's services at start, which
	// this network refuses (and which a test has no business doing).
	opts := append(chromedp.DefaultExecAllocatorOptions[:], // headless, no first run, no background networking
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // runs as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(412, 860)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// page drives the demo's chat page as a person would.
type page struct {
	t    *testing.T
	ctx  context.Context
	shot int
}

func (p *page) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// value runs an action that returns a value.
func value[T any](p *page, what string, action chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitBot waits until the bot's latest message contains text.
func (p *page) waitBot(text string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const m = [...document.querySelectorAll('.msg.in')].pop(); return !!m && m.innerText.includes(%s); })()`, strconv.Quote(text))
	p.run("wait for the bot to say "+text, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond)))
	p.screenshot()
}

// typeText types into the message field and sends.
func (p *page) typeText(text string) {
	p.t.Helper()
	p.run("type "+text, chromedp.SendKeys(chromedp.ID("input"), text), chromedp.Click(chromedp.ID("send")))
}

// press presses the latest inline button whose label contains label.
func (p *page) press(label string) {
	p.t.Helper()
	sel := fmt.Sprintf(`(//button[contains(@class,"inline-btn") and contains(., %s)])[last()]`, strconv.Quote(label))
	p.run("press "+label, chromedp.Click(sel))
}

func (p *page) screenshot() {
	dir := os.Getenv("DEMO_SCREENSHOTS")
	if dir == "" {
		return
	}
	png := value(p, "screenshot", chromedp.CaptureScreenshot())
	p.shot++
	_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%02d.png", p.t.Name(), p.shot)), png, 0o644)
}

// TestDemoInBrowser: an ASN binds with the activation code and files the
// whole form through the page; another binds with the share-contact key;
// the super admin gets /cakupan's chart and imports a roster CSV sent with
// a caption.
func TestDemoInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browser(t)
	base := startDemo(t)

	nadia := persona(t, "198507222010012005")
	p := &page{t: t, ctx: ctx}
	p.run("open the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".persona")))
	p.screenshot()
	p.run("pick Nadia", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.persona[data-id="%d"]`, nadia.ID))),
		chromedp.WaitVisible(chromedp.ID("start")), chromedp.Click(chromedp.ID("start")))
	p.waitBot("Apakah Anda setuju?")
	p.press("Setuju")
	p.waitBot("ketik NIP")
	p.typeText(nadia.NIP)
	p.waitBot("kode aktivasi")
	p.typeText(nadia.Code)
	p.waitBot("Langkah 1")
	p.press("Tetap di jabatan")
	p.waitBot("Alasan")
	p.typeText("Saya ingin menuntaskan digitalisasi arsip kepegawaian yang sedang berjalan.")
	p.waitBot("Target kinerja")
	p.typeText("Arsip 100% digital dalam 6 bulan")
	p.waitBot("Jangka waktu")
	p.press("6 bulan")
	p.waitBot("Periksa jawaban Anda")
	p.press("Kirim")
	p.waitBot("Formulir terkirim")
	sent := value(p, "count the user's bubbles", chromedp.Evaluate[int](`document.querySelectorAll('.msg.out').length`))
	if sent != 5 { // /start, NIP, code, reason, target
		t.Errorf("the page shows %d messages of the user, want 5", sent)
	}

	dewi := persona(t, "199211062014101006") // no code: shares the phone
	p.run("switch to Dewi", chromedp.Navigate(fmt.Sprintf("%s/#%d", base, dewi.ID)),
		chromedp.WaitVisible(chromedp.ID("start")), chromedp.Click(chromedp.ID("start")))
	p.waitBot("Apakah Anda setuju?")
	p.press("Setuju")
	p.waitBot("ketik NIP")
	p.typeText(dewi.NIP)
	p.waitBot("Bagikan nomor HP")
	p.run("share the phone", chromedp.Click(`//button[@class="key" and contains(., "Bagikan nomor HP")]`))
	p.waitBot("Langkah 1")

	super := persona(t, "super")
	p.run("switch to the super admin", chromedp.Navigate(fmt.Sprintf("%s/#%d", base, super.ID)),
		chromedp.WaitVisible(chromedp.CSS(".msg.in")))
	p.typeText("/cakupan")
	width := value(p, "wait for the chart", chromedp.Poll[int](`(() => { const i = [...document.querySelectorAll('.msg.in img.photo')].pop(); return i && i.complete && i.naturalWidth; })()`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if width < 400 {
		t.Errorf("the chart is %d pixels wide", width)
	}
	p.screenshot()

	csv := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(csv, roster.Sample, 0o600); err != nil {
		t.Fatal(err)
	}
	p.run("attach the roster", chromedp.SetUploadFiles(chromedp.ID("file"), []string{csv}),
		chromedp.WaitVisible(chromedp.ID("caption")), chromedp.SendKeys(chromedp.ID("caption"), "/impor"))
	p.screenshot()
	p.run("send it", chromedp.Click(chromedp.ID("upload-send")))
	p.waitBot("Tidak berubah: 40")
}

// TestDemoPageDetails: what a first visitor of the page stumbled on: the
// avatar of "dr. Rina Marlina", the roles already played, /antrean among
// the admin's shortcuts.
func TestDemoPageDetails(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browser(t)
	base := startDemo(t)
	rina := persona(t, "199103232019041005")
	p := &page{t: t, ctx: ctx}
	p.run("open the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".persona")))
	avatar := value(p, "Rina's avatar", chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector('.persona[data-id="%d"] .avatar').innerText`, rina.ID)))
	if avatar != "RM" {
		t.Errorf("dr. Rina Marlina's avatar reads %q, want RM", avatar)
	}
	p.run("pick Rina", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.persona[data-id="%d"]`, rina.ID))), chromedp.WaitVisible(chromedp.ID("start")))
	p.run("back to the roles", chromedp.Navigate(base+"/#"), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".persona")))
	if used := value(p, "Rina marked", chromedp.Evaluate[bool](fmt.Sprintf(`!!document.querySelector('.persona.used[data-id="%d"]')`, rina.ID))); !used {
		t.Error("the role just played is not marked on the picker")
	}
	super := persona(t, "super")
	p.run("pick the super admin", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.persona[data-id="%d"]`, super.ID))), chromedp.WaitVisible(chromedp.CSS(".chip")))
	chips := value(p, "shortcuts", chromedp.Evaluate[string](`[...document.querySelectorAll('#card .chip')].map(c => c.innerText).join(' ')`))
	if !strings.Contains(chips, "/antrean") {
		t.Errorf("the admin's shortcuts %q lack /antrean", chips)
	}
}
