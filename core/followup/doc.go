// Package followup builds the Antom requests that follow pay — capture, cancel,
// inquiryPayment, inquiryRefund and refund — and the one that may precede it,
// consult, and reads consult's answer into the payment methods and card brands a
// buyer can be offered (the optional first step of the Korean issuer-authentication
// flow).
//
// Every build takes a merchant intent with Antom's id names, checks it, encodes the
// body deterministically (compact, fixed field order, no HTML escaping) and hands it
// to outbound.Build, the one signing seam: with signing parameters the request comes
// back signed for the live or sandbox path, without a private key it comes back with
// the content to sign. Broken rules are VALIDATION_FAILED with the intent's field
// names; nothing is sent, so nothing here reads a clock or the network.
package followup
