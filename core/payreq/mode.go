// Package payreq validates Antom pay requests for card authorization and builds them
// from a merchant intent. Validation combines validator/v10 struct tags on the antom
// wire types with the rules tags cannot express: the integration mode (server-to-
// server, hosted page, Korean issuer authentication, saved card), card checks against
// an input "now", unknown keys with a "did you mean", and warnings for what raises
// success rates. No result ever holds a card number or CVV, only a masked card.
package payreq

// Mode is how the card reaches Antom.
type Mode string

// The integration modes.
const (
	// ServerToServer: the merchant (PCI qualified) sends card data in the request.
	ServerToServer Mode = "server_to_server"
	// Hosted: Antom's page collects the card; the request carries none (no PCI scope).
	Hosted Mode = "hosted"
	// IssuerAuth: a Korean card brand with issuer authentication on Antom's page.
	IssuerAuth Mode = "issuer_auth"
	// SavedCard: a card token from an earlier payment in paymentMethod.paymentMethodId.
	SavedCard Mode = "saved_card"
)

// Known reports whether m is one of the four modes.
func (m Mode) Known() bool {
	switch m {
	case ServerToServer, Hosted, IssuerAuth, SavedCard:
		return true
	}
	return false
}
