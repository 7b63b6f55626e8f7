package flows

// State is a step of the conversation.
type State string

const (
	StateStart          State = "start"           // never talked to the bot
	StateConsent        State = "consent"         // shown the privacy notice, waiting for consent
	StateAskNIP         State = "ask_nip"         // waiting for the NIP
	StateAskProof       State = "ask_proof"       // waiting for the contact or the activation code
	StateIdle           State = "idle"            // bound, no form open
	StateChoice         State = "choice"          // stay or move
	StateTargetOPD      State = "target_opd"      // target agency (move only)
	StateTargetPosition State = "target_position" // target position (move only)
	StateReason         State = "reason"          // why move, or why stay
	StateTarget         State = "target"          // the performance target
	StateTerm           State = "term"            // the target's term in months
	StateSummary        State = "summary"         // review, send, change or cancel
)
