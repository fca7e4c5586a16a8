package outcome

// The rule table. A rule is keyed by (api, notifyType, status, code):
//
//   - api: one of APIs(), "common" for call-level codes every request API shares,
//     or "inquiryPayment.paymentStatus" / "inquiryRefund.refundStatus" for the state
//     an inquiry reports (code then holds the paymentStatus/refundStatus, "" when absent).
//   - notifyType: "" for request APIs; for notifications a documented notifyType, or
//     "?" for any other value.
//   - status: "S", "F", "U", "" (absent or not one of those), "timeout",
//     "no_response" (no answer came back) or "*" (any).
//   - code: result.resultCode, or "*" (any other code).
//
// Several rules may share a key; the first whose condition holds wins. Lookup order
// is in decide: exact key, then (for F) notifyPayment's fallback to pay's failure
// codes or the "common" call-level codes, then the code wildcard, then the status
// wildcard. Messages may contain {code}, replaced by the (sanitised) result code.

// cond is a condition a rule needs besides its key. The set is closed.
type cond uint8

const (
	always           cond = iota
	ifManual              // Context.CaptureMode is MANUAL
	ifAttempts            // Context.Attempt >= MaxAttempts
	ifNoRedirect          // a pay answer carried no usable redirect
	ifCaptured            // inquiryPayment transactions: the latest capture succeeded
	ifCapturing           // inquiryPayment transactions: the latest capture is processing
	ifCaptureFailed       // inquiryPayment transactions: the latest capture failed
	ifAuthExpired         // MANUAL capture and Context.Now is at or past authExpiryTime
	ifStatusConflict      // notifyRefund: refundStatus contradicts resultStatus
)

type rule struct {
	// noCompare makes rule not comparable: nothing compares rules, and a comparable
	// struct this wide makes the compiler emit an equality function for it and for
	// every array of it (12 KB of WebAssembly).
	_                         [0]func()
	api, notify, status, code string
	when                      cond
	out                       Outcome
	kind                      Kind
	call                      string // Action.API
	reqID                     string // Action.RequestID: "same" or "new"
	wait                      string // Action.Notification
	after                     int    // Action.AfterSeconds
	before                    bool   // Action.Before = the answer's authExpiryTime
	readStatus                bool   // decide from the inquiry's paymentStatus/refundStatus
	reason, msg               string
}

// Rule builders. Each returns a rule for one key; the methods refine a copy.

func r(api, status, code string, out Outcome, kind Kind, reason, msg string) rule {
	return rule{api: api, status: status, code: code, out: out, kind: kind, reason: reason, msg: msg}
}

// fail is a failure-code rule: status F, outcome failed.
func fail(api, code string, kind Kind, reason, msg string) rule {
	return r(api, "F", code, Failed, kind, reason, msg)
}

func (x rule) nt(notifyType string) rule { x.notify = notifyType; return x }
func (x rule) on(c cond) rule            { x.when = c; return x }
func (x rule) calls(api string) rule     { x.call = api; return x }
func (x rule) same(api string) rule      { x.call, x.reqID = api, "same"; return x }
func (x rule) fresh(api string) rule     { x.call, x.reqID = api, "new"; return x }
func (x rule) waits(n, api string) rule  { x.wait, x.call = n, api; return x }
func (x rule) in(seconds int) rule       { x.after = seconds; return x }
func (x rule) delegate() rule            { x.readStatus = true; return x }

// Pseudo-APIs of the table.
const (
	apiCommon        = "common"
	apiPaymentStatus = "inquiryPayment.paymentStatus"
	apiRefundStatus  = "inquiryRefund.refundStatus"
)

// Pseudo-statuses and wildcards.
const (
	wild        = "*"
	unknownType = "?"
	noStatus    = ""
	stTimeout   = "timeout"
	stNoResp    = "no_response"
)

// authorized is the rule list for "the card payment is authorized": pay S,
// notifyPayment PAYMENT_RESULT S and inquiryPayment paymentStatus SUCCESS. The
// capture conditions only ever hold for inquiryPayment (transactions).
func authorized(api, notifyType, status, code string) []rule {
	k := func(x rule) rule { x.api, x.notify, x.status, x.code = api, notifyType, status, code; return x }
	return []rule{
		k(rule{when: ifCaptured, out: Succeeded, kind: None, reason: "captured",
			msg: "The payment is authorized and its capture succeeded; nothing left to do."}),
		k(rule{when: ifCapturing, out: Processing, kind: WaitNotification, wait: APINotifyCapture, call: APIInquiryPayment, reason: "capture_processing",
			msg: "The payment is authorized and its capture is still processing; wait for notifyCapture (or inquire later)."}),
		k(rule{when: ifCaptureFailed, out: Authorized, kind: ContactSupport, reason: "capture_failed",
			msg: "The payment is authorized but its latest capture failed; ask Antom support why before capturing again."}),
		k(rule{when: ifAuthExpired, out: Authorized, kind: RetryNewRequest, call: APIPay, reqID: "new", reason: "authorization_expired",
			msg: "The payment was authorized but the authorization has passed its authExpiryTime, so a capture would fail with AUTH_EXPIRED; charging the buyer needs a new payment with a new paymentRequestId."}),
		k(rule{when: ifManual, out: Authorized, kind: Capture, call: APICapture, before: true, reason: "authorized_capture_required",
			msg: "The payment is authorized and captureMode is MANUAL: call capture (one full capture) before the authorization expires (authExpiryTime, in action.before when Antom sent it)."}),
		k(rule{out: Authorized, kind: WaitNotification, wait: APINotifyCapture, call: APIInquiryPayment, reason: "authorized_automatic_capture",
			msg: "The payment is authorized and Antom captures it automatically (captureMode AUTOMATIC or absent): do not call capture; the capture result comes by notifyCapture (or inquiryPayment)."}),
	}
}

// captureRules are shared by capture and notifyCapture (CAPTURE_RESULT): Antom
// documents the codes for notifyCapture, and they are the capture API's too.
func captureRules(api, notifyType string) []rule {
	k := func(x rule) rule { x.api, x.notify = api, notifyType; return x }
	rs := []rule{
		r("", "S", wild, Succeeded, None, "captured", "The capture succeeded; nothing left to do."),
		fail("", "ACCESS_DENIED", ContactSupport, "access_denied", "Antom denied access to capture; contact Antom support."),
		fail("", "AUTH_CANCELLED", RetryNewRequest, "authorization_cancelled", "The authorization was cancelled, so it cannot be captured; charging the buyer needs a new payment with a new paymentRequestId.").fresh(APIPay),
		fail("", "AUTH_EXPIRED", RetryNewRequest, "authorization_expired", "The authorization expired (authExpiryTime passed), so it cannot be captured; charging the buyer needs a new payment with a new paymentRequestId.").fresh(APIPay),
		fail("", "AUTH_NOT_FOUND", ContactSupport, "authorization_not_found", "Antom cannot find the authorization to capture; check paymentId, then contact Antom support."),
		fail("", "CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT", FixRequest, "capture_amount_exceeds_authorization", "The total capture amount exceeds the authorized amount; capture at most the authorized amount (new captureRequestId)."),
		fail("", "CURRENCY_NOT_SUPPORT", FixRequest, "currency_not_supported", "The capture currency is not supported; capture in the payment's currency."),
		fail("", "INVALID_CONTRACT", ContactSupport, "invalid_contract", "Your contract's parameters do not match this capture; check the contract, then contact Antom support."),
		fail("", "MULTI_CAPTURE_NOT_SUPPORTED", ContactSupport, "multiple_captures_not_supported", "This payment does not support more than one capture (one may already have been made); contact Antom support."),
		fail("", "NO_PAY_OPTIONS", ContactSupport, "no_payment_options", "No payment method is available for this capture; contact Antom support."),
		fail("", "ORDER_IS_CANCELED", RetryNewRequest, "payment_cancelled", "The payment was cancelled, so it cannot be captured; charging the buyer needs a new payment with a new paymentRequestId.").fresh(APIPay),
		fail("", "ORDER_STATUS_INVALID", ContactSupport, "payment_status_invalid", "The payment is not in a state that can be captured; check it with inquiryPayment, then contact Antom support."),
		fail("", "PARAM_ILLEGAL", FixRequest, "param_illegal", "Required capture parameters are missing or illegal; check the request's header and body fields."),
		fail("", "PAYMENT_COUNT_EXCEED_LIMIT", ContactSupport, "capture_count_exceeded", "The number of captures exceeds the payment method's limit; contact Antom support."),
		fail("", "PROCESS_FAIL", ContactSupport, "process_fail", "The capture failed with a general business failure; do not retry, contact Antom support."),
		r("", "F", "REPEAT_REQ_INCONSISTENT", Unknown, Inquire, "repeat_request_inconsistent", "A capture with this captureRequestId already exists with different fields. This request was refused, but the earlier one may have succeeded: inquire the payment (transactions) before fixing the request or using a new captureRequestId.").calls(APIInquiryPayment),
		fail("", "RISK_REJECT", None, "risk_reject", "Antom's risk control rejected the capture."),
		fail("", "USER_AMOUNT_EXCEED_LIMIT", FixRequest, "user_amount_limit_exceeded", "The capture amount exceeds the buyer's payment limit; capture a smaller amount (new captureRequestId) or contact the buyer or the issuer."),
		fail("", "USER_BALANCE_NOT_ENOUGH", ContactSupport, "insufficient_balance", "The buyer's balance is insufficient for the capture; contact Antom support."),
		fail("", "USER_NOT_EXIST", None, "user_not_exist", "The buyer's account does not exist on the payment method side; contact the buyer or the issuing bank."),
		fail("", "USER_STATUS_ABNORMAL", ContactSupport, "user_status_abnormal", "The buyer's account is abnormal on the payment method side; contact Antom support."),
		r("", "U", "CAPTURE_IN_PROCESS", Processing, WaitNotification, "capture_processing", "The capture is processing; wait for notifyCapture (or inquire the payment later).").waits(APINotifyCapture, APIInquiryPayment),
		r("", "U", wild, Unknown, Inquire, "unrecognised_code_under_u", "The capture's result is unknown (U with code {code}); inquire the payment (transactions) or wait for notifyCapture. Do not send a new captureRequestId.").calls(APIInquiryPayment),
		fail("", wild, ContactSupport, "capture_failed", "The capture failed with a code paycore does not know ({code}); nothing was captured by this request. Contact Antom support before trying again."),
	}
	if api == APICapture {
		rs = append(rs,
			r("", "U", "UNKNOWN_EXCEPTION", Unknown, RetrySameRequest, "unknown_exception", "The capture failed for an unknown reason and its result is unknown; send the same capture again (same captureRequestId). If it persists, contact Antom support.").same(APICapture),
			r("", noStatus, wild, Unknown, Inquire, "no_result_status", "The answer has no usable result.resultStatus; the capture's fate is unknown. Inquire the payment (transactions) or resend the same capture; never a new captureRequestId.").calls(APIInquiryPayment),
			r("", stTimeout, wild, Unknown, RetrySameRequest, "timeout", "The capture timed out; its fate is unknown. Send the same capture again (same captureRequestId, idempotent) or inquire the payment.").same(APICapture),
			r("", stNoResp, wild, Unknown, RetrySameRequest, "no_response", "No answer came back to the capture; its fate is unknown. Send the same capture again (same captureRequestId, idempotent) or inquire the payment.").same(APICapture),
		)
	} else {
		rs = append(rs,
			r("", "U", "UNKNOWN_EXCEPTION", Unknown, Inquire, "unknown_exception", "The capture notification reports an unknown exception; inquire the payment (transactions) to learn the capture's result.").calls(APIInquiryPayment),
			r("", wild, wild, Unknown, Inquire, "notification_status_unknown", "The capture notification has no usable resultStatus; inquire the payment (transactions) to learn the capture's result.").calls(APIInquiryPayment),
		)
	}
	for i := range rs {
		rs[i] = k(rs[i])
	}
	return rs
}

func rules() []rule {
	rs := []rule{}
	add := func(more ...rule) { rs = append(rs, more...) }

	// ---- common: call-level failures every request API shares (for an inquiry
	// they say nothing about the payment: decide turns them into unknown).
	add(
		fail(apiCommon, "ACCESS_DENIED", ContactSupport, "access_denied", "Antom denied access to this API for your client id; contact Antom support."),
		fail(apiCommon, "INVALID_API", ContactSupport, "invalid_api", "The API is invalid or not active for your account; contact Antom support."),
		fail(apiCommon, "CLIENT_INVALID", FixRequest, "client_invalid", "The client id is invalid or restricted; check the Client-Id header (SANDBOX_ ids only work on the sandbox path)."),
		fail(apiCommon, "INVALID_SIGNATURE", FixRequest, "invalid_signature", "Antom could not verify the request signature; check that the private key matches the public key in Antom Dashboard and that the signed path, client id, request time and body are exactly what was sent."),
		fail(apiCommon, "MEDIA_TYPE_NOT_ACCEPTABLE", FixRequest, "media_type_not_acceptable", "Antom does not accept the request's media type; send Content-Type: application/json; charset=UTF-8."),
		fail(apiCommon, "METHOD_NOT_SUPPORTED", FixRequest, "method_not_supported", "Antom only accepts POST; send the request with the POST method."),
		// Ours (not in Antom's common list): codes whose meaning does not depend on the API.
		fail(apiCommon, "PARAM_ILLEGAL", FixRequest, "param_illegal", "Required parameters are missing or illegal; check the request's header and body fields."),
		fail(apiCommon, "KEY_NOT_FOUND", FixRequest, "key_not_found", "Antom cannot find your public key (or its own) for this client id; upload your public key in Antom Dashboard and check keyVersion."),
		fail(apiCommon, "NO_INTERFACE_DEF", FixRequest, "no_interface_def", "The API is not defined: check the endpoint URL (and the /ams/sandbox path for SANDBOX_ client ids)."),
		fail(apiCommon, "API_INVALID", FixRequest, "api_invalid", "The API name or call format is wrong; check the API path, the HTTP method and the request format."),
		fail(apiCommon, "SYSTEM_ERROR", ContactSupport, "system_error", "Antom reported a system error with a final F; do not retry, contact Antom support."),
	)

	// ---- pay
	add(authorized(APIPay, "", "S", wild)...)
	add(
		r(APIPay, "U", "PAYMENT_IN_PROCESS", Failed, RetryNewRequest, "in_process_without_redirect", "Antom answered PAYMENT_IN_PROCESS but returned no URL to send the buyer to: per Antom, the payment was not created. Pay again with a new paymentRequestId; if it persists, contact Antom support.").on(ifNoRedirect).fresh(APIPay),
		r(APIPay, "U", "PAYMENT_IN_PROCESS", RequiresBuyerAction, Redirect, "buyer_redirect_required", "The payment is waiting for the buyer (3D Secure, card page or issuer page): send the buyer to action.url with action.method. The result comes by notifyPayment; inquiryPayment if it is late."),
		r(APIPay, "U", "REQUEST_TRAFFIC_EXCEED_LIMIT", Unknown, RetrySameRequest, "traffic_limit_exceeded", "Antom throttled the request; its fate is unknown. Send the same request again (same paymentRequestId) after a pause; if it persists, contact Antom support.").same(APIPay).in(2),
		r(APIPay, "U", "UNKNOWN_EXCEPTION", Unknown, RetrySameRequest, "unknown_exception", "The call failed for an unknown reason and the payment's fate is unknown. Send the same request again (same paymentRequestId: pay is idempotent on it) or inquire; never a new paymentRequestId unless this one is known to have failed or has been cancelled.").same(APIPay),
		r(APIPay, "U", wild, Unknown, Inquire, "unrecognised_code_under_u", "The payment's fate is unknown (U with code {code}, which paycore does not know). Inquire it by paymentRequestId; never pay again with a new paymentRequestId before knowing.").calls(APIInquiryPayment),
		r(APIPay, noStatus, wild, Unknown, Inquire, "no_result_status", "The answer has no usable result.resultStatus, so the payment's fate is unknown. Inquire it by paymentRequestId (or resend the same request); never a new paymentRequestId.").calls(APIInquiryPayment),
		r(APIPay, stTimeout, wild, Unknown, RetrySameRequest, "timeout", "The pay call timed out; the payment's fate is unknown. Send the same request again (same paymentRequestId, which is idempotent) or inquire it; a new paymentRequestId could charge the buyer twice.").same(APIPay),
		r(APIPay, stNoResp, wild, Unknown, RetrySameRequest, "no_response", "No answer came back to pay; the payment's fate is unknown. Send the same request again (same paymentRequestId, which is idempotent) or inquire it; a new paymentRequestId could charge the buyer twice.").same(APIPay),

		fail(APIPay, "USER_NOT_EXIST", ContactSupport, "user_not_exist", "The user does not exist on the payment method side; contact Antom support."),
		fail(APIPay, "ORDER_NOT_EXIST", FixRequest, "order_not_exist", "The order does not exist; check the paymentId the request refers to."),
		fail(APIPay, "ORDER_IS_CANCELED", RetryNewRequest, "payment_cancelled", "This paymentRequestId belongs to a payment that was cancelled; pay again with a new paymentRequestId.").fresh(APIPay),
		fail(APIPay, "ORDER_IS_CLOSED", RetryNewRequest, "payment_closed", "This paymentRequestId belongs to a payment that is closed (for example unpaid past its expiry); pay again with a new paymentRequestId.").fresh(APIPay),
		fail(APIPay, "PARAM_ILLEGAL", FixRequest, "param_illegal", "Required parameters are missing or illegal; check the request's header and body fields (pay.validate names them)."),
		r(APIPay, "F", "REPEAT_REQ_INCONSISTENT", Unknown, Inquire, "repeat_request_inconsistent", "A payment with this paymentRequestId already exists with a different amount, currency or payment method. This request was refused, but the earlier one may have succeeded: inquire it by paymentRequestId before fixing the request or using a new id.").calls(APIInquiryPayment),
		fail(APIPay, "RISK_REJECT", None, "risk_reject", "Antom's risk control rejected the payment; tell the buyer. Any funds taken are refunded automatically (contact Antom support if not within two weeks)."),
		fail(APIPay, "SETTLE_CONTRACT_NOT_MATCH", FixRequest, "settlement_contract_mismatch", "No settlement contract matches: set settlementStrategy.settlementCurrency to a currency of your settlement contract (contact Antom support if you have none)."),
		fail(APIPay, "SYSTEM_ERROR", ContactSupport, "system_error", "Antom reported a system error with a final F; do not retry, contact Antom support."),
		fail(APIPay, "INVALID_CONTRACT", ContactSupport, "invalid_contract", "Your contract's parameters do not match this payment; check the contract, then contact Antom support."),
		fail(APIPay, "INVALID_MERCHANT_STATUS", ContactSupport, "invalid_merchant_status", "Your merchant account is restricted; contact Antom support."),
		fail(APIPay, "INVALID_PAYMENT_METHOD_META_DATA", FixRequest, "invalid_payment_method_metadata", "paymentMethod.paymentMethodMetaData is invalid; check the card fields (contact Antom support if they are right)."),
		fail(APIPay, "KEY_NOT_FOUND", FixRequest, "key_not_found", "Antom cannot find your public key (or its own) for this client id; upload your public key in Antom Dashboard and check keyVersion."),
		fail(APIPay, "MERCHANT_KYB_NOT_QUALIFIED", ContactSupport, "merchant_kyb_not_qualified", "The payment failed because of your merchant KYB status; contact Antom support."),
		fail(APIPay, "MERCHANT_NOT_REGISTERED", ContactSupport, "merchant_not_registered", "The merchant is not registered; register it, or contact Antom support."),
		fail(APIPay, "NO_INTERFACE_DEF", FixRequest, "no_interface_def", "The API is not defined: check the endpoint URL (and the /ams/sandbox path for SANDBOX_ client ids)."),
		fail(APIPay, "NO_PAY_OPTIONS", ContactSupport, "no_payment_options", "No payment option is available; contact Antom support."),
		fail(APIPay, "USER_AMOUNT_EXCEED_LIMIT", RetryNewRequest, "user_amount_limit_exceeded", "The amount exceeds the buyer's payment limit; a new payment with a lower amount (new paymentRequestId) may succeed.").fresh(APIPay),
		fail(APIPay, "USER_BALANCE_NOT_ENOUGH", None, "insufficient_balance", "The buyer's balance is insufficient; ask the buyer for another card or payment method."),
		fail(APIPay, "USER_KYC_NOT_QUALIFIED", None, "user_kyc_not_qualified", "The payment failed because of the buyer's KYC status; the buyer must complete KYC first."),
		fail(APIPay, "AUTHENTICATION_REQUIRED", RetryNewRequest, "authentication_required", "The issuer requires 3D Secure: pay again with a new paymentRequestId and paymentMethodMetaData.is3DSAuthentication true, then redirect the buyer.").fresh(APIPay),
		fail(APIPay, "SELECTED_CARD_BRAND_NOT_AVAILABLE", None, "card_brand_not_available", "The card brand the buyer selected is not available; ask for another card."),
		fail(APIPay, "PAYMENT_PROHIBITED", None, "payment_prohibited", "The goods are prohibited from being paid for with this method; the decision cannot be appealed."),
		fail(APIPay, "INVALID_EXPIRATION_DATE", FixRequest, "invalid_expiration_date", "The card's expiryMonth or expiryYear is invalid; check them (expiryYear is the last two digits)."),
		fail(APIPay, "INVALID_CARD_NUMBER", FixRequest, "invalid_card_number", "The card number is invalid; check cardNo. If it is right, the card is not supported: ask for another card."),
		fail(APIPay, "CARD_NOT_SUPPORTED", None, "card_not_supported", "The card is not supported; ask the buyer for another card."),
		fail(APIPay, "DO_NOT_HONOR", None, "do_not_honor", "The issuing bank declined the payment; the buyer can use another card or contact the bank."),
		fail(APIPay, "INVALID_AMOUNT", ContactSupport, "invalid_amount", "The issuing bank declined the payment (invalid amount); contact Antom support for details."),
		fail(APIPay, "PAYMENT_AMOUNT_EXCEED_LIMIT", FixRequest, "payment_amount_limit_exceeded", "The amount exceeds the payment method's maximum; use a lower amount (Antom support knows the limit)."),
		fail(APIPay, "PAYMENT_COUNT_EXCEED_LIMIT", ContactSupport, "payment_count_exceeded", "The number of payments exceeds the payment method's limit; contact Antom support."),
		fail(APIPay, "PROCESS_FAIL", ContactSupport, "process_fail", "A general business failure occurred; do not retry, contact Antom support."),
		// Card decline codes of Antom's newer card decline lists, all F.
		fail(APIPay, "CARD_EXPIRED", None, "card_expired", "The card has expired; ask the buyer for another card."),
		fail(APIPay, "INVALID_CVV", RetryNewRequest, "invalid_cvv", "The issuer rejected the CVV; the buyer may re-enter it in a new payment (new paymentRequestId).").fresh(APIPay),
		fail(APIPay, "LOST_CARD", None, "lost_card", "The card is reported lost; do not retry it."),
		fail(APIPay, "STOLEN_CARD", None, "stolen_card", "The card is reported stolen; do not retry it."),
		fail(APIPay, "RESTRICTED_CARD", None, "restricted_card", "The card is restricted; ask the buyer for another card."),
		fail(APIPay, "PICKUP_CARD", None, "pickup_card", "The issuer asked for the card to be retained (pick-up); do not retry it."),
		fail(APIPay, "FRAUD_REJECT", None, "fraud_reject", "The payment was rejected as suspected fraud; do not retry it."),
		fail(APIPay, "USER_PAYMENT_VERIFICATION_FAILED", RetryNewRequest, "verification_failed", "The buyer failed the payment verification; they may try again in a new payment (new paymentRequestId).").fresh(APIPay),
		fail(APIPay, "VERIFY_TIMES_EXCEED_LIMIT", None, "verification_attempts_exceeded", "The buyer exceeded the verification attempts; do not retry now."),
		fail(APIPay, wild, RetryNewRequest, "payment_failed", "The payment failed (F) with a code paycore does not know ({code}); F is final, so nothing was charged by this request. A new attempt needs a new paymentRequestId; if it keeps failing, contact Antom support.").fresh(APIPay),
	)

	// ---- inquiryPayment: result is the inquiry call; the payment is paymentStatus.
	add(
		r(APIInquiryPayment, "S", wild, Unknown, Inquire, "", "").delegate(),
		r(APIInquiryPayment, "F", "ORDER_NOT_EXIST", Unknown, RetrySameRequest, "payment_not_found", "Antom still finds no payment after three inquiries: the pay request never arrived. Send the original pay again with the same paymentRequestId (idempotent: if it exists after all, Antom returns it instead of charging twice).").on(ifAttempts).same(APIPay),
		r(APIInquiryPayment, "F", "ORDER_NOT_EXIST", Unknown, Inquire, "payment_not_found_yet", "Antom has no payment for this id yet (the pay request may still be in flight); inquire again in 15 s. After three inquiries without a result, the payment was not created.").calls(APIInquiryPayment).in(15),
		r(APIInquiryPayment, "U", "UNKNOWN_EXCEPTION", Unknown, RetrySameRequest, "unknown_exception", "The inquiry failed for an unknown reason; it says nothing about the payment. Inquire again with the same parameters.").same(APIInquiryPayment),
		r(APIInquiryPayment, "U", wild, Unknown, RetrySameRequest, "inquiry_result_unknown", "The inquiry's result is unknown (U with code {code}); it says nothing about the payment. Inquire again with the same parameters.").same(APIInquiryPayment),
		r(APIInquiryPayment, "F", wild, Unknown, ContactSupport, "inquiry_failed", "The inquiry call failed ({code}); it says nothing about the payment. Contact Antom support if it persists."),
		r(APIInquiryPayment, noStatus, wild, Unknown, RetrySameRequest, "no_result_status", "The inquiry's answer has no usable result.resultStatus; it says nothing about the payment. Inquire again.").same(APIInquiryPayment),
		r(APIInquiryPayment, stTimeout, wild, Unknown, RetrySameRequest, "timeout", "The inquiry timed out; inquire again.").same(APIInquiryPayment),
		r(APIInquiryPayment, stNoResp, wild, Unknown, RetrySameRequest, "no_response", "No answer came back to the inquiry; inquire again.").same(APIInquiryPayment),
	)
	add(authorized(apiPaymentStatus, "", "", "SUCCESS")...)
	add(
		r(apiPaymentStatus, "", "FAIL", Failed, None, "payment_failed", "The payment failed (paymentStatus FAIL, final); a new attempt is a new payment with a new paymentRequestId."),
		r(apiPaymentStatus, "", "PROCESSING", Processing, Inquire, "payment_processing", "The payment is still processing (the buyer may not have finished); wait for notifyPayment or inquire again in 2 s. Unpaid payments close as FAIL after about 14 minutes.").calls(APIInquiryPayment).in(2),
		r(apiPaymentStatus, "", "CANCELLED", Failed, None, "payment_cancelled", "The payment was cancelled (final); it stays cancelled even if a success notification arrives later (Antom refunds it in full)."),
		r(apiPaymentStatus, "", "PENDING", Processing, WaitNotification, "payment_pending", "The buyer completed the payment and the final result is pending (it can take days); wait for notifyPayment, or inquire later.").waits(APINotifyPayment, APIInquiryPayment),
		r(apiPaymentStatus, "", wild, Unknown, Inquire, "unrecognised_payment_status", "The inquiry returned a paymentStatus paycore does not know; the payment's state is unknown. Inquire again later.").calls(APIInquiryPayment),
		r(apiPaymentStatus, "", noStatus, Unknown, Inquire, "payment_status_missing", "The inquiry succeeded but returned no paymentStatus, so the payment's state is unknown (result.resultStatus only says the call worked). Inquire again.").calls(APIInquiryPayment),
	)

	// ---- capture
	add(captureRules(APICapture, "")...)

	// ---- cancel
	add(
		r(APICancel, "S", wild, Succeeded, None, "cancelled", "The payment is cancelled (an authorization is voided; a payment that had already failed stays FAIL)."),
		fail(APICancel, "PROCESS_FAIL", None, "cancel_not_possible", "The payment cannot be cancelled: it has been refunded, or (cards) it was already captured. Refund it instead if needed."),
		fail(APICancel, wild, None, "cancel_failed", "The cancellation failed ({code}); the payment is unchanged."),
	)
	for _, st := range []string{"U", noStatus, stTimeout, stNoResp} {
		reason := map[string]string{"U": "cancel_result_unknown", noStatus: "no_result_status", stTimeout: "timeout", stNoResp: "no_response"}[st]
		add(
			r(APICancel, st, wild, Unknown, ContactSupport, "cancel_unknown_after_retries", "The cancellation's result is still unknown after three attempts; contact Antom support (do not send a different cancel).").on(ifAttempts),
			r(APICancel, st, wild, Unknown, RetrySameRequest, reason, "The cancellation's result is unknown; send the same cancel again (same paymentRequestId/paymentId: a cancel is never applied twice). After three unknown results, contact Antom support.").same(APICancel),
		)
	}

	// ---- refund
	add(
		r(APIRefund, "S", wild, Succeeded, None, "refunded", "The refund succeeded."),
		fail(APIRefund, "ACCESS_DENIED", ContactSupport, "access_denied", "Antom denied access to refund; contact Antom support."),
		fail(APIRefund, "API_INVALID", FixRequest, "api_invalid", "The API name or call format is wrong; check the API path, the HTTP method and the request format."),
		fail(APIRefund, "CURRENCY_NOT_SUPPORT", ContactSupport, "currency_not_supported", "The refund currency is not supported; contact Antom support."),
		fail(APIRefund, "INVALID_MERCHANT_STATUS", ContactSupport, "invalid_merchant_status", "Your merchant account is restricted; contact Antom support."),
		fail(APIRefund, "KEY_NOT_FOUND", FixRequest, "key_not_found", "Antom cannot find your public key (or its own) for this client id; upload your public key in Antom Dashboard and check keyVersion."),
		fail(APIRefund, "MERCHANT_BALANCE_NOT_ENOUGH", RetryNewRequest, "merchant_balance_insufficient", "Your merchant balance cannot cover the refund; once it can, refund again with a new refundRequestId.").fresh(APIRefund),
		fail(APIRefund, "MULTIPLE_REFUNDS_NOT_SUPPORTED", None, "multiple_refunds_not_supported", "This payment allows only one refund; do not call refund for it again."),
		fail(APIRefund, "NO_INTERFACE_DEF", FixRequest, "no_interface_def", "The API is not defined: check the endpoint URL (and the /ams/sandbox path for SANDBOX_ client ids)."),
		fail(APIRefund, "ORDER_IS_CLOSED", FixRequest, "order_closed", "The request id is already used by a closed transaction; refund with a new refundRequestId."),
		fail(APIRefund, "ORDER_NOT_EXIST", FixRequest, "order_not_exist", "The payment to refund does not exist; check paymentId (contact Antom support if it is right)."),
		fail(APIRefund, "ORDER_STATUS_INVALID", Inquire, "payment_status_invalid", "The payment cannot be refunded in its current state (still processing, or failed). Inquire the payment: refund later (new refundRequestId) if it is processing, not at all if it failed.").calls(APIInquiryPayment),
		fail(APIRefund, "PARAM_ILLEGAL", FixRequest, "param_illegal", "Required refund parameters are missing or illegal; check the request's header and body fields."),
		fail(APIRefund, "PROCESS_FAIL", ContactSupport, "process_fail", "The refund failed with a general business failure; do not retry, contact Antom support."),
		fail(APIRefund, "REFUND_AMOUNT_EXCEED", FixRequest, "refund_amount_exceeded", "The total refund amount would exceed the payment amount; refund at most what is left."),
		fail(APIRefund, "REFUND_WINDOW_EXCEED", None, "refund_window_exceeded", "The refund is past the refundable period of your contract; it cannot be made through Antom."),
		r(APIRefund, "F", "REPEAT_REQ_INCONSISTENT", Unknown, Inquire, "repeat_request_inconsistent", "A refund with this refundRequestId already exists with different fields. This request was refused, but the earlier refund may have succeeded: inquire it by refundRequestId before fixing the request or using a new id.").calls(APIInquiryRefund),
		fail(APIRefund, "RISK_REJECT", None, "risk_reject", "Antom's risk control rejected the refund."),
		fail(APIRefund, "SYSTEM_ERROR", ContactSupport, "system_error", "Antom reported a system error with a final F; do not retry, contact Antom support."),
		r(APIRefund, "U", "REQUEST_TRAFFIC_EXCEED_LIMIT", Unknown, RetrySameRequest, "traffic_limit_exceeded", "Antom throttled the refund; its fate is unknown. Send the same refund again (same refundRequestId) after a pause.").same(APIRefund).in(2),
		r(APIRefund, "U", "UNKNOWN_EXCEPTION", Unknown, RetrySameRequest, "unknown_exception", "The refund failed for an unknown reason and its fate is unknown; send the same refund again (same refundRequestId). If it persists, contact Antom support.").same(APIRefund),
		r(APIRefund, "U", "REFUND_IN_PROCESS", Processing, WaitNotification, "refund_processing", "The refund is processing; wait for notifyRefund or inquire it by refundRequestId.").waits(APINotifyRefund, APIInquiryRefund),
		r(APIRefund, "U", wild, Unknown, Inquire, "unrecognised_code_under_u", "The refund's fate is unknown (U with code {code}); inquire it by refundRequestId. Never refund again with a new refundRequestId before knowing.").calls(APIInquiryRefund),
		fail(APIRefund, wild, ContactSupport, "refund_failed", "The refund failed (F) with a code paycore does not know ({code}); nothing was refunded by this request. Contact Antom support before trying again."),
		r(APIRefund, noStatus, wild, Unknown, Inquire, "no_result_status", "The answer has no usable result.resultStatus; the refund's fate is unknown. Inquire it by refundRequestId.").calls(APIInquiryRefund),
		r(APIRefund, stTimeout, wild, Unknown, Inquire, "timeout", "The refund timed out; its fate is unknown. Inquire it by refundRequestId (only by refundRequestId) before anything else.").calls(APIInquiryRefund),
		r(APIRefund, stNoResp, wild, Unknown, Inquire, "no_response", "No answer came back to the refund; its fate is unknown. Inquire it by refundRequestId (only by refundRequestId) before anything else.").calls(APIInquiryRefund),
	)

	// ---- inquiryRefund: result is the inquiry call; the refund is refundStatus.
	add(
		r(APIInquiryRefund, "S", wild, Unknown, Inquire, "", "").delegate(),
		r(APIInquiryRefund, "F", "ORDER_NOT_EXIST", Unknown, RetrySameRequest, "refund_not_found", "Antom still finds no refund after three inquiries: per Antom, it was not placed. Send the original refund again with the same refundRequestId (idempotent: if it exists after all, it is not refunded twice).").on(ifAttempts).same(APIRefund),
		r(APIInquiryRefund, "F", "ORDER_NOT_EXIST", Unknown, Inquire, "refund_not_found_yet", "Antom has no refund for this id yet; inquire again in 15 s. After three inquiries without a result, the refund was not placed.").calls(APIInquiryRefund).in(15),
		r(APIInquiryRefund, "U", wild, Unknown, RetrySameRequest, "inquiry_result_unknown", "The inquiry's result is unknown (U with code {code}); it says nothing about the refund. Inquire again with the same parameters.").same(APIInquiryRefund),
		r(APIInquiryRefund, "F", wild, Unknown, ContactSupport, "inquiry_failed", "The inquiry call failed ({code}); it says nothing about the refund. Contact Antom support if it persists."),
		r(APIInquiryRefund, noStatus, wild, Unknown, RetrySameRequest, "no_result_status", "The inquiry's answer has no usable result.resultStatus; it says nothing about the refund. Inquire again.").same(APIInquiryRefund),
		r(APIInquiryRefund, stTimeout, wild, Unknown, RetrySameRequest, "timeout", "The inquiry timed out; inquire again.").same(APIInquiryRefund),
		r(APIInquiryRefund, stNoResp, wild, Unknown, RetrySameRequest, "no_response", "No answer came back to the inquiry; inquire again.").same(APIInquiryRefund),
		r(apiRefundStatus, "", "SUCCESS", Succeeded, None, "refunded", "The refund succeeded."),
		r(apiRefundStatus, "", "PROCESSING", Processing, Inquire, "refund_processing", "The refund is processing; inquire again later (or wait for notifyRefund if you set refundNotifyUrl).").calls(APIInquiryRefund),
		r(apiRefundStatus, "", "FAIL", Failed, None, "refund_failed", "The refund failed (refundStatus FAIL, final)."),
		r(apiRefundStatus, "", wild, Unknown, Inquire, "unrecognised_refund_status", "The inquiry returned a refundStatus paycore does not know; the refund's state is unknown. Inquire again later.").calls(APIInquiryRefund),
		r(apiRefundStatus, "", noStatus, Unknown, Inquire, "refund_status_missing", "The inquiry succeeded but returned no refundStatus, so the refund's state is unknown. Inquire again.").calls(APIInquiryRefund),
	)

	// ---- notifyPayment
	add(authorized(APINotifyPayment, "PAYMENT_RESULT", "S", wild)...)
	add(
		fail(APINotifyPayment, wild, None, "payment_failed", "The payment failed (notifyPayment F with code {code}); a new attempt is a new payment with a new paymentRequestId.").nt("PAYMENT_RESULT"),
		r(APINotifyPayment, wild, wild, Unknown, Inquire, "notification_status_unknown", "The payment notification has no usable resultStatus (notifyPayment is only S or F); inquire the payment.").nt("PAYMENT_RESULT").calls(APIInquiryPayment),
		r(APINotifyPayment, "S", wild, Processing, WaitNotification, "payment_pending", "PAYMENT_PENDING with S means the payment is still being processed, not that it succeeded; wait for the PAYMENT_RESULT notification (or inquire later).").nt("PAYMENT_PENDING").waits(APINotifyPayment, APIInquiryPayment),
		r(APINotifyPayment, wild, wild, Unknown, Inquire, "notification_status_unknown", "A PAYMENT_PENDING notification without S is not documented; inquire the payment.").nt("PAYMENT_PENDING").calls(APIInquiryPayment),
		r(APINotifyPayment, wild, wild, Unknown, Inquire, "not_a_payment_result", "UPDATE_AMOUNT_RESULT reports an amount update, not the payment's result; inquire the payment for its state.").nt("UPDATE_AMOUNT_RESULT").calls(APIInquiryPayment),
		r(APINotifyPayment, wild, wild, Unknown, Inquire, "unrecognised_notify_type", "The notification's notifyType is not one notifyPayment documents; do not read its resultStatus as the payment's result. Inquire the payment.").nt(unknownType).calls(APIInquiryPayment),
	)

	// ---- notifyCapture
	add(captureRules(APINotifyCapture, "CAPTURE_RESULT")...)
	add(r(APINotifyCapture, wild, wild, Unknown, Inquire, "unrecognised_notify_type", "The notification's notifyType is not CAPTURE_RESULT; do not read its resultStatus as the capture's result. Inquire the payment (transactions).").nt(unknownType).calls(APIInquiryPayment))

	// ---- notifyRefund
	add(
		r(APINotifyRefund, "S", wild, Unknown, Inquire, "refund_status_conflict", "The refund notification's refundStatus contradicts its resultStatus; inquire the refund by refundRequestId.").nt("REFUND_RESULT").on(ifStatusConflict).calls(APIInquiryRefund),
		r(APINotifyRefund, "S", wild, Succeeded, None, "refunded", "The refund succeeded.").nt("REFUND_RESULT"),
		r(APINotifyRefund, "F", wild, Unknown, Inquire, "refund_status_conflict", "The refund notification's refundStatus contradicts its resultStatus; inquire the refund by refundRequestId.").nt("REFUND_RESULT").on(ifStatusConflict).calls(APIInquiryRefund),
		fail(APINotifyRefund, wild, None, "refund_failed", "The refund failed (notifyRefund F with code {code}).").nt("REFUND_RESULT"),
		r(APINotifyRefund, wild, wild, Unknown, Inquire, "notification_status_unknown", "The refund notification has no usable resultStatus; inquire the refund by refundRequestId.").nt("REFUND_RESULT").calls(APIInquiryRefund),
		r(APINotifyRefund, wild, wild, Unknown, Inquire, "unrecognised_notify_type", "The notification's notifyType is not REFUND_RESULT; inquire the refund by refundRequestId.").nt(unknownType).calls(APIInquiryRefund),
	)
	return rs
}

// notifyTypes lists the notifyType values each notification documents.
var notifyTypes = map[string][]string{
	APINotifyPayment: {"PAYMENT_RESULT", "PAYMENT_PENDING", "UPDATE_AMOUNT_RESULT"},
	APINotifyCapture: {"CAPTURE_RESULT"},
	APINotifyRefund:  {"REFUND_RESULT"},
}

type key struct{ api, notify, status, code string }

// table indexes the rules by key, in table order. Built once, never written after.
var table = func() map[key][]rule {
	m := map[key][]rule{}
	for _, x := range rules() {
		k := key{x.api, x.notify, x.status, x.code}
		m[k] = append(m[k], x)
	}
	return m
}()
