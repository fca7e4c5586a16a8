// Package sandbox is an offline Antom for card authorization payments: what
// stripe-mock is to Stripe, but stateful and with the buyer's pages. Another
// host starts it in-process (New, then Start or Handler); the paycore-sandbox
// command (cmd/paycore-sandbox) runs it alone.
//
// Every decision goes through paycore's core: requests are verified with
// signature.verify against the merchant's public key, pay requests are checked
// with pay.validate (a violation is PARAM_ILLEGAL naming the field), responses
// are signed with the core's signature.Sign (the code behind signature.sign,
// called directly so that response-time keeps Antom's ISO 8601 form) and
// notifications with notification.sign. The sandbox adds HTTP, time and state
// (in memory).
//
// # APIs
//
// POST /ams/api/v1/payments/{pay,inquiryPayment,capture,cancel,refund,
// inquiryRefund,consult}, and the same under /ams/sandbox/api/v1/payments/
// (the path of SANDBOX_ client ids). Answers carry Antom's response headers
// client-id, response-time (ISO 8601 with offset, seconds) and signature,
// signed over "POST <request path>\n<client-id>.<response-time>.<body>".
// Gateway-level failures (INVALID_SIGNATURE, CLIENT_INVALID) are F and
// unsigned, as Antom sends them. Bodies use Antom's field names and times
// (ISO 8601 with offset, no fraction).
//
// Idempotency: pay is keyed by paymentRequestId (the same request gets the
// first answer again; another amount, currency or paymentMethodId gets
// REPEAT_REQ_INCONSISTENT), capture by captureRequestId, refund by
// refundRequestId (another amount: REPEAT_REQ_INCONSISTENT), cancel by payment.
//
// # Test cards and triggers (Antom's sandbox list)
//
//	4054695723100768  VISA        approves
//	5162774114974622  MASTERCARD  approves
//	9490220011669217  HYUNDAI     approves
//	4035501000000008  VISA        approves without a challenge even with 3D Secure (exemption card)
//	4054692760174822  VISA        declines DO_NOT_HONOR
//	5162770472561357  MASTERCARD  declines USER_BALANCE_NOT_ENOUGH
//	any other number              declines ACCESS_DENIED
//	paymentAmount.value "11"      RISK_REJECT, whatever the card
//
// Any future expiry date and CVV are accepted (pay.validate still refuses a
// past expiry or a malformed CVV as PARAM_ILLEGAL). Antom documents no result
// code for its failure cards; the sandbox uses two documented card declines.
//
// # Buyer pages
//
// A pay that needs the buyer answers U PAYMENT_IN_PROCESS with normalUrl (and
// redirectActionForm, paymentActionForm) pointing at a sandbox page:
//   - hosted mode (no card data): the card page, a form (card number, expiry,
//     CVV, name) checked through pay.validate;
//   - paymentMethodMetaData.is3DSAuthentication true: the 3D Secure challenge
//     page (approve / fail);
//   - Korean issuer authentication: the issuer page of the chosen brand.
//
// When the buyer is done the browser goes to paymentRedirectUrl exactly as
// given, and notifyPayment goes to paymentNotifyUrl. A failed challenge is
// USER_PAYMENT_VERIFICATION_FAILED. Card numbers never appear in URLs or logs.
//
// # After authorization
//
// Success issues a cardToken (paymentResultInfo.cardToken, cardInfo.cardToken)
// that works as paymentMethod.paymentMethodId for a saved-card payment.
// AUTOMATIC capture (the default) captures at once and sends notifyCapture
// (captureRequestId = paymentRequestId). MANUAL capture waits for capture until
// authExpiryTime (paymentTime + 7 days / TimeScale): one capture per payment, at
// most the authorized amount; after expiry AUTH_EXPIRED. Cancel works until
// capture (ORDER_STATUS_INVALID after). Refunds add up to at most the captured
// amount (REFUND_AMOUNT_EXCEED), each with notifyRefund to refundNotifyUrl or
// else paymentNotifyUrl.
//
// # Notifications
//
// Each notification is signed afresh per delivery (request-time in epoch
// milliseconds) over the notify URL's path, and resent until the receiver
// answers HTTP 200 with Antom's acknowledgement (Ack), on Antom's schedule
// 0 s, 2 min, 10 min, 10 min, 1 h, 2 h, 6 h, 15 h divided by TimeScale.
//
// # Faults
//
// Fault rules (Config.Faults, or the Sandbox-Fault header per request) make
// the sandbox answer late, drop the answer after processing, answer 5xx
// without processing, or send notifications twice, in reverse order, or before
// the answer. See Fault and ParseFault.
package sandbox
