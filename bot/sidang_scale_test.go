package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"openkarir/karir"
)

// TestSidangAt10000 opens a session on a city of 10,000 ASN with talent
// data for everyone: the agenda proposed from 160 vacant posts of the peta
// jabatan and the posts asked for, the pack built for the 20 proposed
// first, each with its applicants and its succession pool.
func TestSidangAt10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 ASN")
	}
	const n = 10_000
	h := newHarness(t)
	ctx := context.Background()
	c := newCity(n, h.round.ID, h.clock().Add(-time.Hour))
	c.load(t, h.store)
	if _, _, err := h.store.SaveTalent(ctx, c.talent); err != nil {
		t.Fatal(err)
	}
	// Each OPD plans two heads of each division: one seat vacant in each.
	var maps []karir.PostMap
	for opd := range cityOPDs {
		m := karir.PostMap{OPDCode: fmt.Sprintf("OPD%02d", opd), OPDName: fmt.Sprintf("Dinas %02d", opd), UpdatedAt: h.clock()}
		for k := 1; k <= 4; k++ {
			pos, _ := cityPost(opd, k)
			m.Posts = append(m.Posts, karir.PlannedPost{Name: pos, Type: karir.Administrator, Seats: 2})
		}
		maps = append(maps, m)
	}
	if _, err := h.store.SavePostMaps(ctx, maps); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	draft := h.say(adminID, "/sidangbaru 10-12-2026")
	t.Logf("agenda proposed in %v", time.Since(start))
	// 160 vacant posts, then every other post asked for.
	proposed := 160
	for _, d := range karir.Demand(c.subs, "") {
		if !strings.HasPrefix(d.Position, "Kepala Bidang ") {
			proposed++
		}
	}
	mustSee(t, draft, fmt.Sprintf("%d jabatan diusulkan", proposed), "Terpilih <b>20</b>", "Kepala Bidang 1 Dinas 00</b> (OPD00) · kosong 1 dari 2 kursi")
	start = time.Now()
	opened := h.press(adminID, "Buka sidang (20)")
	t.Logf("session opened and pack built in %v", time.Since(start))
	mustSee(t, opened, "dibuka dengan 20 jabatan")
	ss, err := h.store.OpenSidangs(ctx)
	if err != nil || len(ss) != 1 || len(ss[0].Agenda) != 20 {
		t.Fatalf("stored: %v %v", len(ss), err)
	}
	for _, p := range ss[0].Agenda {
		pool := 0
		for _, nm := range p.Nominees {
			if !nm.Applied {
				pool++
				if nm.Box < 7 || !nm.Eligible {
					t.Errorf("%s: pool entry %s in box %d, eligible %v", p.Post, nm.Name, nm.Box, nm.Eligible)
				}
			}
		}
		if pool == 0 || len(p.Nominees) > 15 {
			t.Errorf("%s: %d nominees, %d from the pool", p.Post, len(p.Nominees), pool)
		}
	}
	docs := documents(opened)
	pages := pdfPages(t, docs["bahan-sidang-s-20261210-1.pdf"])
	if len(pages) < 22 || pageWith(pages, "Jabatan 20 dari 20") < 0 {
		t.Errorf("pack: %d pages", len(pages))
	}
	x, err := excelize.OpenReader(bytes.NewReader(docs["bahan-sidang-s-20261210-1.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Kandidat")
	want := 5
	for _, p := range ss[0].Agenda {
		want += len(p.Nominees)
	}
	if len(rows) != want {
		t.Errorf("candidate rows = %d, want %d", len(rows), want)
	}
}
