// The load tool's grammY peer (issue 26): the trivial script of
// cmd/openkarir-load/script.go, the same steps and replies, written the
// way a grammY bot is usually written: bot.start()'s long polling, a
// handler per update, every chat's step in a Map in memory, nothing
// persisted. The load tool starts it with `-bot grammy` (or `-compare
// grammy`) and points it at its Bot API fake through TELEGRAM_API_ROOT
// (grammY's client.apiRoot). Keep this table in step with script.go.
import { Bot } from "grammy";

const token = process.env.TELEGRAM_BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (!token || !apiRoot) {
  console.error("grammy peer: TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT are needed");
  process.exit(2);
}

// The roster's OPDs (people.go) and the positions Analis 0-6.
const opds = [
  ["DINKES", "Dinas Kesehatan"],
  ["DISDIK", "Dinas Pendidikan dan Kebudayaan"],
  ["DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"],
  ["BKPSDM", "Badan Kepegawaian dan Pengembangan SDM"],
  ["DISPERINDAG", "Dinas Perindustrian dan Perdagangan"],
];
const keyboard = (rows) => ({
  inline_keyboard: rows.map((row) => row.map(([text, data]) => ({ text, callback_data: data }))),
});
const opdButtons = keyboard(opds.map(([code, name]) => [[name, "x:isi:o:" + code]]));
const positionButtons = keyboard([0, 1, 2, 3, 4, 5, 6].map((n) => [["Analis " + n, "x:isi:p:" + n]]));
const minReason = 20;

// answer plays one update of a chat, as chatState.answer does: text is
// what the user typed, data the button they pressed.
function answer(chat, text, data) {
  if (text === "/start") {
    chat.step = "consent";
    return ["Pelindungan data pribadi: jawaban Anda dipakai hanya untuk Open Karir. Setuju?",
      keyboard([[["Setuju", "x:isi:k:ya"]]])];
  }
  const s = chat.step;
  if (s === "consent" && data === "x:isi:k:ya") {
    chat.step = "nip";
    return ["Ketik NIP Anda (18 digit)."];
  }
  if (s === "nip") {
    if (/^[0-9]{18}$/.test(text)) {
      chat.step = "code";
      return ["Terima kasih. Ketik kode aktivasi Anda."];
    }
    return ["NIP harus 18 digit angka."];
  }
  if (s === "code") {
    if (/^K[0-9]{5}$/.test(text)) {
      chat.step = "choice";
      return ["Langkah 1 dari 5: tetap di jabatan sekarang atau pindah?",
        keyboard([[["Tetap", "x:isi:c:tetap"], ["Pindah", "x:isi:c:pindah"]]])];
    }
    return ["Kode aktivasi salah. Coba lagi."];
  }
  if (s === "choice" && data === "x:isi:c:pindah") {
    chat.step = "opd";
    return ["Pilih OPD tujuan:", opdButtons];
  }
  if (s === "choice" && data === "x:isi:c:tetap") {
    chat.step = "reason";
    return ["Langkah 2 dari 5: Mengapa Anda memilih ini?"];
  }
  if (s === "opd" && data.startsWith("x:isi:o:")) {
    chat.step = "position";
    return ["Pilih Jabatan tujuan:", positionButtons];
  }
  if (s === "position" && data.startsWith("x:isi:p:")) {
    chat.step = "reason";
    return ["Langkah 2 dari 5: Mengapa Anda memilih jabatan ini?"];
  }
  if (s === "position" && text !== "") {
    return ["Jabatan itu tidak ada di daftar.", keyboard([[["Tetap pakai yang saya ketik", "x:isi:p:ketik"]]])];
  }
  if (s === "reason" && text !== "") {
    if ([...text].length < minReason) return [`Terlalu singkat: tulis minimal ${minReason} huruf.`];
    chat.step = "target";
    return ["Langkah 3 dari 5: Target kinerja yang ingin Anda capai?"];
  }
  if (s === "target" && text !== "") {
    chat.step = "term";
    return ["Langkah 4 dari 5: Jangka waktu target?",
      keyboard([[["3 bulan", "x:isi:t:3"], ["6 bulan", "x:isi:t:6"], ["12 bulan", "x:isi:t:12"]]])];
  }
  if (s === "term" && data.startsWith("x:isi:t:")) {
    chat.step = "review";
    return ["Langkah 5 dari 5: Periksa jawaban Anda, lalu kirim.", keyboard([[["Kirim", "x:isi:s:kirim"]]])];
  }
  if (s === "review" && data === "x:isi:s:kirim") {
    chat.step = "done";
    return ["Formulir terkirim. Terima kasih."];
  }
  return ["Maaf, jawaban itu tidak dikenali. Ketik /start untuk mulai lagi."];
}

const chats = new Map();
const bot = new Bot(token, { client: { apiRoot } });

async function reply(ctx, text, data) {
  let chat = chats.get(ctx.chat.id);
  if (!chat) {
    chat = { step: "" };
    chats.set(ctx.chat.id, chat);
  }
  const [out, markup] = answer(chat, text, data);
  await ctx.reply(out, markup ? { reply_markup: markup } : {});
}

bot.on("message:text", (ctx) => reply(ctx, ctx.message.text, ""));
bot.on("callback_query:data", async (ctx) => {
  await ctx.answerCallbackQuery();
  await reply(ctx, "", ctx.callbackQuery.data);
});
bot.catch((err) => console.error("grammy peer:", err.message));

const stop = () => bot.stop();
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
await bot.start({ drop_pending_updates: false });
