// The demo's chat page: plays one user of the Bot API fake as the Telegram
// app would. Plain JavaScript, no build step.
"use strict";

const $ = (id) => document.getElementById(id);

const state = {
  personas: [],
  me: null, // the chosen persona
  seq: 0, // what of the chat has been read
  nodes: new Map(), // message id -> its element
  messages: new Map(), // message id -> message
  keyboard: null, // the reply keyboard shown: {rows, oneTime}
  keyboardOpen: false,
  poll: null, // AbortController of the running long poll
  busy: 0,
};

// ---- talking to the demo server ----

async function api(path, options) {
  const resp = await fetch("api/" + path, options);
  if (!resp.ok) throw new Error(path + ": " + resp.status);
  return resp.json();
}

async function act(path, body) {
  state.busy++;
  showStatus();
  try {
    const res = await api(`chats/${state.me.id}/${path}`, {
      method: "POST",
      headers: body instanceof FormData ? {} : { "Content-Type": "application/json" },
      body: body instanceof FormData ? body : JSON.stringify(body),
    });
    if (res.toast) toast(res.toast);
    return res;
  } catch (err) {
    toast("Gagal mengirim: " + err.message);
  } finally {
    state.busy--;
    showStatus();
  }
}

const sendText = (text) => act("text", { text });

async function pollLoop(me, signal) {
  while (!signal.aborted && state.me === me) {
    try {
      const res = await api(`chats/${me.id}/messages?after=${state.seq}&wait=25`, { signal });
      if (state.me !== me) return;
      state.seq = res.seq;
      for (const m of res.messages) upsert(m);
      if (res.messages.length) afterUpdate();
    } catch (err) {
      if (signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

// ---- personas ----

function choose(id) {
  const me = state.personas.find((p) => String(p.id) === String(id));
  if (!me) {
    showPicker();
    return;
  }
  if (state.poll) state.poll.abort();
  state.me = me;
  markUsed(me.id);
  state.seq = 0;
  state.nodes.clear();
  state.messages.clear();
  state.keyboard = null;
  $("chat").replaceChildren();
  $("picker").hidden = true;
  $("who").textContent = initials(me.name);
  $("who").title = "Anda: " + me.name + " (ganti peran)";
  renderCard(me);
  afterUpdate();
  state.poll = new AbortController();
  pollLoop(me, state.poll.signal);
  $("input").focus();
}

function initials(name) {
  // Titles in front ("dr. Rina Marlina") go first, then those after a comma.
  const words = name.replace(/^((dr|drg|Dr|Prof|Ir|H|Hj)\.\s+)+/, "").replace(/,.*$/, "").split(/\s+/);
  return words.slice(0, 2).map((w) => w[0] || "").join("").toUpperCase();
}

function roleLabel(p) {
  return { super: "Super admin", opd_admin: "Admin OPD " + p.opd_code, asn: "ASN" }[p.role];
}

function showPicker() {
  if (state.poll) state.poll.abort();
  state.me = null;
  $("picker").hidden = false;
  const box = $("personas");
  box.replaceChildren();
  const groups = [["Admin", state.personas.filter((p) => p.role !== "asn")]];
  const byOPD = new Map();
  for (const p of state.personas.filter((p) => p.role === "asn")) {
    if (!byOPD.has(p.opd_name)) byOPD.set(p.opd_name, []);
    byOPD.get(p.opd_name).push(p);
  }
  for (const [opd, list] of byOPD) groups.push(["ASN — " + opd, list]);
  for (const [title, list] of groups) {
    const h = el("h2", {}, title);
    box.append(h);
    const ul = el("div", { class: "persona-list" });
    for (const p of list) {
      const used = usedPersonas().has(p.id);
      const item = el("button", { class: "persona" + (used ? " used" : ""), "data-id": p.id });
      item.append(el("span", { class: "avatar small " + p.role }, initials(p.name)));
      const text = el("span", { class: "persona-text" });
      text.append(el("b", {}, p.name + (used ? " ✓" : "")));
      if (used) text.append(el("span", { class: "muted" }, "sudah Anda coba; chatnya tersimpan"));
      text.append(el("span", {}, p.role === "asn" ? p.position : roleLabel(p) + (p.position && p.role !== "super" ? " · " + p.position : "")));
      text.append(el("span", { class: "muted" }, proofLine(p)));
      item.append(text);
      item.onclick = () => { location.hash = String(p.id); };
      ul.append(item);
    }
    box.append(ul);
  }
}

// usedPersonas are the ids this browser has played, so the picker marks them.
function usedPersonas() {
  try { return new Set(JSON.parse(localStorage.getItem("openkarir-used") || "[]")); } catch { return new Set(); }
}

function markUsed(id) {
  const used = usedPersonas();
  used.add(id);
  try { localStorage.setItem("openkarir-used", JSON.stringify([...used])); } catch { /* private mode: no marks */ }
}

function proofLine(p) {
  if (p.role === "super") return "Tanpa NIP: admin dari pengaturan, id Telegram " + p.id;
  const parts = ["NIP " + p.nip];
  parts.push(p.code ? "kode aktivasi " + p.code : "tanpa kode: bagikan nomor HP");
  return parts.join(" · ");
}

function chip(label, onClick, title) {
  const b = el("button", { class: "chip", type: "button", title: title || "" }, label);
  b.onclick = onClick;
  return b;
}

function typeIn(text) {
  const input = $("input");
  input.value = text;
  input.focus();
  autoGrow();
}

function renderCard(p) {
  const card = $("card");
  card.replaceChildren();
  const line = el("div", { class: "card-line" });
  line.append(el("b", {}, p.name));
  line.append(el("span", { class: "muted" }, " — " + roleLabel(p) + (p.role !== "super" ? ", " + p.position + ", " + p.opd_code : "")));
  card.append(line);
  const chips = el("div", { class: "chips" });
  if (p.nip) chips.append(chip("NIP " + p.nip, () => typeIn(p.nip), "Ketik NIP ini"));
  if (p.code) chips.append(chip("Kode " + p.code, () => typeIn(p.code), "Ketik kode aktivasi ini"));
  if (p.phone) chips.append(el("span", { class: "chip plain", title: "Nomor di data kepegawaian; dibagikan dengan tombol 📱" }, "HP " + p.phone));
  if (p.role === "super" || p.role === "opd_admin") {
    for (const c of ["/antrean", "/cakupan", "/belum", "/peminat", "/ekspor"]) chips.append(chip(c, () => sendText(c), "Kirim " + c));
  }
  if (p.role === "super") {
    chips.append(chip("/audit", () => sendText("/audit")));
    const a = el("a", { class: "chip", href: "contoh_roster.csv", download: "contoh_roster.csv", title: "Kirim kembali dengan 📎 dan keterangan /impor" }, "⤓ contoh_roster.csv");
    chips.append(a);
  }
  chips.append(chip("/id", () => sendText("/id"), "Kirim /id"));
  card.append(chips);
}

// ---- rendering messages ----

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Telegram's HTML subset; anything else is shown as its text.
const allowed = { B: "b", STRONG: "b", I: "i", EM: "i", U: "u", INS: "u", S: "s", STRIKE: "s", DEL: "s",
  CODE: "code", PRE: "pre", A: "a", BLOCKQUOTE: "blockquote", "TG-SPOILER": "span" };

function formatted(text, isHTML) {
  const out = document.createDocumentFragment();
  if (!isHTML) {
    appendText(out, text);
    return out;
  }
  const doc = new DOMParser().parseFromString("<body>" + text + "</body>", "text/html");
  const copy = (from, to) => {
    for (const n of from.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) {
        appendText(to, n.nodeValue);
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const tag = allowed[n.tagName];
        if (!tag) { copy(n, to); continue; }
        const e = document.createElement(tag);
        if (tag === "a") {
          const href = n.getAttribute("href") || "";
          if (/^(https?:|tg:|mailto:)/i.test(href)) { e.href = href; e.target = "_blank"; e.rel = "noopener"; }
        }
        if (n.tagName === "TG-SPOILER") e.className = "spoiler";
        copy(n, e);
        to.append(e);
      }
    }
  };
  copy(doc.body, out);
  return out;
}

// appendText adds text, making /commands clickable as Telegram does.
function appendText(to, text) {
  const re = /(^|[\s(])(\/[a-z_]{2,32})(?=$|[\s.,;:)!?])/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index + m[1].length;
    to.append(document.createTextNode(text.slice(last, start)));
    const cmd = el("a", { class: "cmd", href: "#" }, m[2]);
    cmd.onclick = (ev) => { ev.preventDefault(); sendText(m[2]); };
    to.append(cmd);
    last = start + m[2].length;
  }
  to.append(document.createTextNode(text.slice(last)));
}

function clock(date) {
  const d = new Date(date * 1000);
  return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
}

function size(n) {
  return n >= 1024 * 1024 ? (n / 1048576).toFixed(1) + " MB" : n >= 1024 ? Math.round(n / 1024) + " KB" : n + " B";
}

function messageNode(m) {
  const wrap = el("div", { class: "msg " + (m.from_user ? "out" : "in"), "data-id": m.id });
  const bubble = el("div", { class: "bubble" + (m.photo ? " has-photo" : "") });
  if (m.photo) {
    const link = el("a", { href: "api/" + m.photo.url, target: "_blank", title: "Buka gambar" });
    const img = el("img", { src: "api/" + m.photo.url, alt: m.photo.name, class: "photo" });
    // The picture arrives after the text: follow it down when the chat was
    // at the bottom before it grew by the picture's height.
    img.onload = () => { if (nearBottom(200 + img.clientHeight)) scrollDown(); };
    link.append(img);
    bubble.append(link);
  }
  if (m.document) {
    const doc = el("a", { class: "document", href: "api/" + m.document.url, download: m.document.name, title: "Unduh" });
    doc.append(el("span", { class: "doc-icon" }, "⤓"));
    const meta = el("span", { class: "doc-meta" });
    meta.append(el("b", {}, m.document.name));
    meta.append(el("span", { class: "muted" }, size(m.document.size)));
    doc.append(meta);
    bubble.append(doc);
  }
  if (m.contact) {
    const c = el("div", { class: "contact" });
    c.append(el("span", { class: "avatar small" }, initials(state.me.name)));
    const meta = el("span", { class: "doc-meta" });
    meta.append(el("b", {}, state.me.name));
    meta.append(el("span", { class: "muted" }, m.contact));
    c.append(meta);
    bubble.append(c);
  }
  if (m.text) {
    const t = el("div", { class: "text" });
    t.append(formatted(m.text, m.html));
    bubble.append(t);
  }
  const meta = el("span", { class: "meta" }, (m.edited ? "diedit " : "") + clock(m.date));
  if (m.from_user) meta.append(el("span", { class: "ticks" }, " ✓✓"));
  bubble.append(meta);
  wrap.append(bubble);
  if (m.buttons && m.buttons.length) {
    const kb = el("div", { class: "inline-kb" });
    for (const row of m.buttons) {
      const r = el("div", { class: "kb-row" });
      for (const b of row) {
        const btn = el("button", { class: "inline-btn", type: "button" }, b.text);
        btn.onclick = async () => {
          btn.classList.add("pressed");
          await act("press", { message_id: m.id, data: b.data });
          btn.classList.remove("pressed");
        };
        r.append(btn);
      }
      kb.append(r);
    }
    wrap.append(kb);
  }
  return wrap;
}

function upsert(m) {
  state.messages.set(m.id, m);
  const node = messageNode(m);
  const old = state.nodes.get(m.id);
  if (old) {
    old.replaceWith(node);
  } else {
    // Ids grow with time; put it after the last smaller one.
    const chat = $("chat");
    let after = null;
    for (const [id, n] of state.nodes) if (id < m.id && (!after || id > Number(after.dataset.id))) after = n;
    if (after) after.after(node); else chat.prepend(node);
    const wasLatest = [...state.nodes.keys()].every((id) => id < m.id);
    if (wasLatest && !m.from_user) updateKeyboard(m);
  }
  state.nodes.set(m.id, node);
}

// The reply keyboard is the one the bot's latest message set, until a
// later one removes it; a one-time keyboard folds away once used.
function updateKeyboard(m) {
  if (m.keyboard && m.keyboard.length) {
    state.keyboard = { rows: m.keyboard, oneTime: m.one_time_keyboard };
    state.keyboardOpen = true;
  } else if (m.remove_keyboard) {
    state.keyboard = null;
  }
}

function renderKeyboard() {
  const box = $("keyboard");
  box.replaceChildren();
  const kb = state.keyboard;
  $("kbtoggle").hidden = !kb;
  box.hidden = !kb || !state.keyboardOpen;
  if (!kb) return;
  for (const row of kb.rows) {
    const r = el("div", { class: "kb-row" });
    for (const k of row) {
      const b = el("button", { class: "key", type: "button" }, k.text);
      b.onclick = () => {
        if (kb.oneTime) { state.keyboardOpen = false; renderKeyboard(); }
        if (k.request_contact) act("contact", { phone: state.me.phone });
        else sendText(k.text);
      };
      r.append(b);
    }
    box.append(r);
  }
}

function afterUpdate() {
  const empty = state.messages.size === 0;
  $("startbar").hidden = !empty;
  $("composer").hidden = empty;
  renderKeyboard();
  scrollDown();
}

function nearBottom(px) {
  const c = $("chat");
  return c.scrollHeight - c.scrollTop - c.clientHeight < px;
}

function scrollDown() {
  const c = $("chat");
  c.scrollTop = c.scrollHeight;
}

let toastTimer;
function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 3500);
}

function showStatus() {
  $("status").textContent = state.busy > 0 ? "mengetik…" : "bot";
}

// ---- composing ----

function autoGrow() {
  const i = $("input");
  i.style.height = "auto";
  i.style.height = Math.min(i.scrollHeight, 120) + "px";
}

function submitText() {
  const input = $("input");
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  autoGrow();
  sendText(text);
}

async function showCommands() {
  const sheet = $("commands");
  if (!sheet.hidden) { sheet.hidden = true; return; }
  const list = $("command-list");
  list.replaceChildren();
  let cmds = [];
  try { cmds = await api("commands"); } catch (err) { toast(err.message); }
  for (const c of cmds) {
    const b = el("button", { class: "command", type: "button" });
    b.append(el("b", {}, "/" + c.command));
    b.append(el("span", { class: "muted" }, c.description));
    b.onclick = () => { sheet.hidden = true; sendText("/" + c.command); };
    list.append(b);
  }
  sheet.hidden = false;
}

function setup() {
  $("send").onclick = submitText;
  $("input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); submitText(); }
  });
  $("input").addEventListener("input", autoGrow);
  $("start").onclick = () => sendText("/start");
  $("menu").onclick = showCommands;
  $("back").onclick = () => { location.hash = ""; };
  $("who").onclick = () => { location.hash = ""; };
  $("kbtoggle").onclick = () => { state.keyboardOpen = !state.keyboardOpen; renderKeyboard(); scrollDown(); };
  $("attach").onclick = () => $("file").click();
  $("file").onchange = () => {
    const f = $("file").files[0];
    if (!f) return;
    $("upload-name").textContent = f.name + " (" + size(f.size) + ")";
    $("upload").hidden = false;
    $("caption").focus();
  };
  $("upload-cancel").onclick = () => { $("upload").hidden = true; $("file").value = ""; };
  $("upload").onsubmit = (ev) => {
    ev.preventDefault();
    const f = $("file").files[0];
    if (!f) return;
    const form = new FormData();
    form.append("file", f, f.name);
    form.append("caption", $("caption").value.trim());
    $("upload").hidden = true;
    $("file").value = "";
    $("caption").value = "";
    act("document", form);
  };
  window.addEventListener("hashchange", route);
}

function route() {
  const id = location.hash.slice(1);
  if (id) choose(id); else showPicker();
}

async function main() {
  setup();
  state.personas = await api("personas");
  route();
}

main();
