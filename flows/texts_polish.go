package flows

// Texts of the reminders to fix a returned form.
const (
	txtReminderToFix = "⏰ <b>Pengingat Open Karir</b>\nFormulir Open Karir Anda <b>dikembalikan untuk diperbaiki</b> dan belum dikirim lagi. " +
		"Batas pengisian: <b>%s</b> (%s).\nCatatan BKPSDM ada di /status. Tekan tombol di bawah untuk memperbaiki, lalu kirim lagi."
	txtBtnFix      = "✏️ Perbaiki formulir"
	txtRemindToFix = "\nDi antaranya <b>%d</b> dikembalikan untuk diperbaiki dan belum dikirim lagi: mereka juga diingatkan."
)
