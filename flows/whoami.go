package flows

// txtYourID answers /id. Super admins are listed by this number in the
// settings (ADMIN_TELEGRAM_IDS), other admins are granted with it.
const txtYourID = "ID Telegram Anda: <code>%d</code>\n" +
	"Berikan angka ini kepada BKPSDM bila Anda akan dijadikan admin."

// IDCommand answers anyone, bound or not, with their Telegram user id.
func IDCommand() Command {
	return Command{Name: "id", Description: "lihat ID Telegram Anda (untuk pendaftaran admin)", Access: Everyone,
		Run: func(t *Turn) error {
			t.Sayf(txtYourID, t.In.UserID)
			return nil
		}}
}
