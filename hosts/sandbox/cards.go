package sandbox

import "github.com/paycore/paycore/core/card"

// TestCard is one of Antom's sandbox test cards and what the sandbox does with it.
type TestCard struct {
	// Number is the card number (Antom publishes these; they are not secret).
	Number string `json:"number"`
	// Brand is the Antom card brand.
	Brand string `json:"brand"`
	// Approve is true when the card authorizes.
	Approve bool `json:"approve"`
	// ResultCode and ResultMessage are the decline of a failure card.
	ResultCode    string `json:"resultCode,omitempty"`
	ResultMessage string `json:"resultMessage,omitempty"`
	// Frictionless is true for the 3D Secure exemption card: it authorizes
	// without a challenge even when 3D Secure is asked for.
	Frictionless bool `json:"frictionless,omitempty"`
}

// The triggers that do not depend on the card.
const (
	// RiskRejectAmount is the paymentAmount.value that Antom's sandbox rejects
	// for risk control (RISK_REJECT), whatever the card.
	RiskRejectAmount = "11"
	// UnknownCardCode is the decline of a card number that is not a test card:
	// ACCESS_DENIED, the card decline of Antom's own failed-payment sample.
	UnknownCardCode    = "ACCESS_DENIED"
	unknownCardMessage = "Access is denied."
	// ThreeDSFailedCode is the decline when the buyer fails the 3D Secure
	// challenge or the issuer's authentication page.
	ThreeDSFailedCode    = "USER_PAYMENT_VERIFICATION_FAILED"
	threeDSFailedMessage = "The user failed the payment verification."
)

// testCards is Antom's published sandbox card list. Antom documents no result
// code for its failure cards; the two codes are documented card declines,
// one per card so a merchant can test both kinds of handling.
var testCards = []TestCard{
	{Number: "4054695723100768", Brand: "VISA", Approve: true},
	{Number: "5162774114974622", Brand: "MASTERCARD", Approve: true},
	{Number: "9490220011669217", Brand: "HYUNDAI", Approve: true},
	{Number: "4035501000000008", Brand: "VISA", Approve: true, Frictionless: true},
	{Number: "4054692760174822", Brand: "VISA", ResultCode: "DO_NOT_HONOR", ResultMessage: "The payment is declined by the issuing bank."},
	{Number: "5162770472561357", Brand: "MASTERCARD", ResultCode: "USER_BALANCE_NOT_ENOUGH", ResultMessage: "The payment cannot be completed because the user balance in the corresponding payment method is not enough."},
}

// TestCards lists the sandbox's test cards (a copy).
func TestCards() []TestCard { return append([]TestCard(nil), testCards...) }

// lookupCard returns the test card with number pan (spaces and dashes ignored),
// or a declining card of the detected brand for any other number.
func lookupCard(pan string) TestCard {
	n := card.Normalize(pan)
	for _, c := range testCards {
		if c.Number == n {
			return c
		}
	}
	return TestCard{Number: n, Brand: string(card.Detect(n)), ResultCode: UnknownCardCode, ResultMessage: unknownCardMessage}
}
