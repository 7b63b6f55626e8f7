package bot

// txtTrouble answers an update that could not be handled; it is safe to
// repeat the action, since nothing half-done was stored.
const txtTrouble = "Maaf, sedang ada gangguan. Silakan coba lagi sebentar lagi."
