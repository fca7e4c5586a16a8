package sandbox

import (
	"github.com/paycore/paycore/core/antom"
)

// findPayment looks a payment up by paymentId, else paymentRequestId. The
// caller holds the store's lock.
func (st *store) findPayment(paymentID, requestID string) *payment {
	if paymentID != "" {
		return st.byID[paymentID]
	}
	return st.byRequest[requestID]
}

// required checks a follow-up request's required ids (name, value pairs) and
// its amount: the first one missing, or an amount that breaks Antom's rules, is
// PARAM_ILLEGAL naming the field.
func required(amount *antom.Amount, amountField string, ids ...string) (answer, bool) {
	for i := 0; i+1 < len(ids); i += 2 {
		if ids[i+1] == "" {
			return paramIllegal(ids[i], "required"), false
		}
	}
	if amount == nil {
		return paramIllegal(amountField, "required"), false
	}
	if err := amount.Validate(); err != nil {
		return paramIllegal(amountField, err.Error()), false
	}
	return answer{}, true
}

// paymentRef is a request that names a payment by paymentId or paymentRequestId.
type paymentRef struct {
	PaymentID        string `json:"paymentId"`
	PaymentRequestID string `json:"paymentRequestId"`
}

// decodePaymentRef reads a paymentRef; with neither id it is PARAM_ILLEGAL on
// field.
func decodePaymentRef(body []byte, field string) (paymentRef, answer, bool) {
	var in paymentRef
	if a, ok := decodeBody(body, &in); !ok {
		return in, a, false
	}
	if in.PaymentID == "" && in.PaymentRequestID == "" {
		return in, paramIllegal(field, "paymentId or paymentRequestId is required"), false
	}
	return in, answer{}, true
}

// inquiryPayment answers inquiryPayment: the payment's status, result,
// card, captures.
func (s *Server) inquiryPayment(body []byte) answer {
	in, a, ok := decodePaymentRef(body, "paymentRequestId")
	if !ok {
		return a
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.findPayment(in.PaymentID, in.PaymentRequestID)
	if p == nil {
		return failure("ORDER_NOT_EXIST", "The payment does not exist.")
	}
	resp := antom.InquiryPaymentResponse{
		Result:               resultOf(antom.ResultSuccess, "SUCCESS", "Success"),
		PaymentStatus:        p.status,
		PaymentResultCode:    p.code,
		PaymentResultMessage: p.message,
		PaymentRequestID:     p.requestID,
		PaymentID:            p.id,
		PaymentAmount:        &p.amount,
		PaymentMethodType:    "CARD",
		PaymentRedirectURL:   p.redirectURL,
		PaymentCreateTime:    s.stamp(p.created),
		PaymentResultInfo:    p.info,
		CardInfo:             cardInfoOf(p),
	}
	if p.status == antom.PaymentProcessing {
		resp.PaymentResultCode, resp.PaymentResultMessage = "PAYMENT_IN_PROCESS", "payment in process"
	}
	if !p.paid.IsZero() {
		resp.PaymentTime = s.stamp(p.paid)
		resp.AuthExpiryTime = s.stamp(p.authExpiry)
	}
	for _, c := range p.captures {
		amt := c.amount
		resp.Transactions = append(resp.Transactions, antom.Transaction{
			TransactionResult: resultOf(antom.ResultSuccess, "SUCCESS", "success"),
			TransactionID:     c.id, TransactionType: antom.TransactionCapture, TransactionStatus: antom.TransactionSuccess,
			TransactionAmount: &amt, TransactionRequestID: c.requestID, TransactionTime: s.stamp(c.time),
		})
	}
	return answer{body: mustJSON(resp)}
}

// capture answers capture: one capture of an authorized MANUAL payment, up to
// the authorized amount, before authExpiryTime.
func (s *Server) capture(body []byte) answer {
	var in struct {
		CaptureRequestID string        `json:"captureRequestId"`
		PaymentID        string        `json:"paymentId"`
		CaptureAmount    *antom.Amount `json:"captureAmount"`
	}
	if a, ok := decodeBody(body, &in); !ok {
		return a
	}
	if a, ok := required(in.CaptureAmount, "captureAmount", "captureRequestId", in.CaptureRequestID, "paymentId", in.PaymentID); !ok {
		return a
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if c, ok := st.captures[in.CaptureRequestID]; ok {
		if c.amount != *in.CaptureAmount {
			return failure("REPEAT_REQ_INCONSISTENT", "The submitted request exists, and the parameter values of this request are inconsistent with those of the existing request.")
		}
		if c.response != nil {
			return answer{body: c.response}
		}
	}
	p := st.byID[in.PaymentID]
	now := s.now()
	switch {
	case p == nil:
		return failure("AUTH_NOT_FOUND", "The payment authorization is not found.")
	case !p.cancelled.IsZero():
		return failure("AUTH_CANCELLED", "The payment authorization is canceled.")
	case p.status != antom.PaymentSuccess:
		return failure("ORDER_STATUS_INVALID", "The transaction status is abnormal. The payment cannot be captured.")
	case in.CaptureAmount.Currency != p.amount.Currency:
		return failure("CURRENCY_NOT_SUPPORT", "The currency is not supported.")
	case p.captureMode != string(antom.CaptureManual):
		return failure("ORDER_STATUS_INVALID", "The payment uses AUTOMATIC capture and is already captured.")
	case len(p.captures) > 0:
		return failure("MULTI_CAPTURE_NOT_SUPPORTED", "The transaction does not support multiple captures.")
	case now.After(p.authExpiry):
		return failure("AUTH_EXPIRED", "The payment authorization is expired.")
	case minorOf(in.CaptureAmount.Value) > minorOf(p.amount.Value):
		return failure("CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT", "The total capture amount exceeds the limit of the authorized payment amount.")
	}
	c := &capture{requestID: in.CaptureRequestID, id: st.newID(now, "1940108002"), amount: *in.CaptureAmount, time: now}
	p.captures = append(p.captures, c)
	st.captures[c.requestID] = c
	c.response = mustJSON(antom.CaptureResponse{
		Result:           resultOf(antom.ResultSuccess, "SUCCESS", "success"),
		CaptureRequestID: c.requestID, CaptureID: c.id, PaymentID: p.id,
		CaptureAmount: &c.amount, CaptureTime: s.stamp(c.time),
	})
	return answer{body: c.response, notes: []*note{s.captureNote(p, c)}}
}

// cancelPayment answers cancel: a payment not yet captured (still at the
// buyer, or authorized with MANUAL capture) is cancelled; a captured one is
// refused (refund instead).
func (s *Server) cancelPayment(body []byte) answer {
	in, a, ok := decodePaymentRef(body, "paymentId")
	if !ok {
		return a
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.findPayment(in.PaymentID, in.PaymentRequestID)
	switch {
	case p == nil:
		return failure("ORDER_NOT_EXIST", "The order does not exist.")
	case p.cancelResp != nil:
		return answer{body: p.cancelResp}
	case len(p.captures) > 0:
		return failure("ORDER_STATUS_INVALID", "The payment is captured and cannot be cancelled; refund it instead.")
	case p.status == antom.PaymentFail:
		return failure("ORDER_STATUS_INVALID", "The payment failed; there is nothing to cancel.")
	}
	now := s.now()
	p.cancelled = now
	p.status, p.code, p.message = antom.PaymentCancelled, "ORDER_IS_CANCELED", "The payment is cancelled."
	p.pageStage = ""
	p.cancelResp = mustJSON(antom.CancelResponse{
		Result:    resultOf(antom.ResultSuccess, "SUCCESS", "success"),
		PaymentID: p.id, PaymentRequestID: p.requestID, CancelTime: s.stamp(now),
	})
	return answer{body: p.cancelResp}
}

// refund answers refund: up to the captured amount less earlier refunds.
func (s *Server) refund(clientID string, body []byte) answer {
	var in struct {
		RefundRequestID string        `json:"refundRequestId"`
		PaymentID       string        `json:"paymentId"`
		RefundAmount    *antom.Amount `json:"refundAmount"`
		RefundNotifyURL string        `json:"refundNotifyUrl"`
	}
	if a, ok := decodeBody(body, &in); !ok {
		return a
	}
	if a, ok := required(in.RefundAmount, "refundAmount", "refundRequestId", in.RefundRequestID, "paymentId", in.PaymentID); !ok {
		return a
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if rf, ok := st.refunds[in.RefundRequestID]; ok {
		if rf.amount != *in.RefundAmount || rf.payment.id != in.PaymentID {
			return failure("REPEAT_REQ_INCONSISTENT", "The amount or currency is different from the previous request.")
		}
		return answer{body: rf.response}
	}
	p := st.byID[in.PaymentID]
	switch {
	case p == nil:
		return failure("ORDER_NOT_EXIST", "The order does not exist.")
	case len(p.captures) == 0:
		return failure("ORDER_STATUS_INVALID", "The order status is invalid: the payment is not captured.")
	case in.RefundAmount.Currency != p.amount.Currency:
		return failure("CURRENCY_NOT_SUPPORT", "The currency is not supported.")
	case p.refunded()+minorOf(in.RefundAmount.Value) > p.captured():
		return failure("REFUND_AMOUNT_EXCEED", "The total refund amount exceeds the payment amount.")
	}
	now := s.now()
	rf := &refund{requestID: in.RefundRequestID, id: st.newID(now, "1940108003"), payment: p, amount: *in.RefundAmount, time: now}
	p.refunds = append(p.refunds, rf)
	st.refunds[rf.requestID] = rf
	st.refundIDs[rf.id] = rf
	rf.response = mustJSON(antom.RefundResponse{
		Result:          resultOf(antom.ResultSuccess, "SUCCESS", "Success"),
		RefundRequestID: rf.requestID, RefundID: rf.id, PaymentID: p.id,
		RefundAmount: &rf.amount, RefundTime: s.stamp(now),
	})
	url := in.RefundNotifyURL
	if url == "" {
		url = p.notifyURL
	}
	n := mustJSON(antom.RefundNotification{
		NotifyType: antom.NotifyRefundResult, Result: resultOf(antom.ResultSuccess, "SUCCESS", "Success"),
		RefundStatus: antom.RefundSuccess, RefundRequestID: rf.requestID, RefundID: rf.id,
		RefundAmount: &rf.amount, RefundTime: s.stamp(now),
	})
	return answer{body: rf.response, notes: []*note{s.newNote("notifyRefund", url, clientID, n)}}
}

// inquiryRefund answers inquiryRefund by refundRequestId or refundId.
func (s *Server) inquiryRefund(body []byte) answer {
	var in struct {
		RefundRequestID string `json:"refundRequestId"`
		RefundID        string `json:"refundId"`
	}
	if a, ok := decodeBody(body, &in); !ok {
		return a
	}
	if in.RefundRequestID == "" && in.RefundID == "" {
		return paramIllegal("refundRequestId", "refundRequestId or refundId is required")
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	rf := st.refunds[in.RefundRequestID]
	if in.RefundID != "" {
		rf = st.refundIDs[in.RefundID]
	}
	if rf == nil {
		return failure("ORDER_NOT_EXIST", "The order does not exist.")
	}
	return answer{body: mustJSON(antom.InquiryRefundResponse{
		Result:   resultOf(antom.ResultSuccess, "SUCCESS", "Success"),
		RefundID: rf.id, RefundRequestID: rf.requestID, RefundAmount: &rf.amount,
		RefundStatus: antom.RefundSuccess, RefundTime: s.stamp(rf.time),
	})}
}

// consult answers consult: cards, with the global brands and the Korean brands
// usable for issuer authentication.
func (s *Server) consult(body []byte) answer {
	var in struct {
		PaymentAmount *antom.Amount `json:"paymentAmount"`
	}
	if a, ok := decodeBody(body, &in); !ok {
		return a
	}
	if in.PaymentAmount == nil {
		return paramIllegal("paymentAmount", "required")
	}
	if err := in.PaymentAmount.Validate(); err != nil {
		return paramIllegal("paymentAmount", err.Error())
	}
	type brand struct {
		CardBrand string `json:"cardBrand"`
	}
	var brands []brand
	for _, b := range []string{"VISA", "MASTERCARD", "AMEX", "JCB", "HYUNDAI", "SAMSUNG", "SHINHAN", "KOOKMIN", "LOTTE", "BC"} {
		brands = append(brands, brand{b})
	}
	return answer{body: mustJSON(map[string]any{
		"result": resultOf(antom.ResultSuccess, "SUCCESS", "success."),
		"paymentOptions": []map[string]any{{
			"paymentMethodType": "CARD", "paymentMethodCategory": "CARD", "paymentMethodRegion": []string{"GLOBAL"},
			"enabled": true, "supportedCurrencies": []string{in.PaymentAmount.Currency},
			"paymentOptionDetail": map[string]any{"supportCardBrands": brands, "funding": []string{"CREDIT", "DEBIT"}},
		}},
	})}
}
