// Package lifecycle is paycore's payment state machine: one pure function, Apply,
// takes the state of one card payment (or none yet), one event and the time, and
// returns the next state, what to do next, whether anything changed and whether the
// event contradicted what was already known.
//
// Events are Antom's own answers, passed in as the JSON the host received (pay,
// inquiryPayment, capture, cancel, refund and inquiryRefund responses, and verified
// notifyPayment, notifyCapture and notifyRefund bodies), timeouts, and merchant
// commands (pay_requested, capture_requested, cancel_requested, refund_requested)
// that the guards accept or refuse. Antom answers are read by package outcome; this
// package only decides how each reading changes the state.
//
// The state is a set of facts that only grow: the pay request's phase climbs
// pending → requires_buyer_action → processing → authorized or failed, and every
// capture, refund and cancellation is a record keyed by its request id whose status
// climbs requested → unknown → processing → succeeded or failed. Applying an event
// is a join of its facts into the state, so the same event twice changes nothing and
// events Antom may deliver in any order give the same state in any order. A fact
// that contradicts a final one (a failure after a success, a capture after a
// cancellation, more captured than authorized) is not applied: the state records the
// conflict and stays as it was. The summary status and the amount totals are derived
// from the facts on every call.
//
// docs/DECISIONS.md ("The payment state machine") lists every choice and its reason.
package lifecycle
