package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/card"
)

// validation is the part of pay.validate's result the sandbox reads.
type validation struct {
	Valid       bool   `json:"valid"`
	Mode        string `json:"mode"`
	CaptureMode string `json:"captureMode"`
	Violations  []struct {
		Field   string `json:"field"`
		Rule    string `json:"rule"`
		Message string `json:"message"`
	} `json:"violations"`
}

// validate runs pay.validate on a pay request; a not-ok envelope or an invalid
// request is a PARAM_ILLEGAL answer naming the first field at fault.
func (s *Server) validate(r *http.Request, body []byte, mode string) (validation, *answer) {
	var v validation
	in := map[string]any{"request": json.RawMessage(body), "now": s.now().UTC().Format(time.RFC3339)}
	if mode != "" {
		in["mode"] = mode
	}
	if !json.Valid(body) {
		a := paramIllegal("request", "the body is not valid JSON")
		return v, &a
	}
	if err := s.call(r.Context(), "pay.validate", in, &v); err != nil {
		field, msg := "request", err.Error()
		if oe, ok := err.(*opError); ok {
			msg = oe.Message
			if oe.Field != "" {
				field = strings.TrimPrefix(oe.Field, "request.")
			}
		}
		a := paramIllegal(field, msg)
		return v, &a
	}
	if !v.Valid {
		first := v.Violations[0]
		a := paramIllegal(first.Field, first.Message)
		return v, &a
	}
	return v, nil
}

// pay answers the pay API.
func (s *Server) pay(r *http.Request, clientID string, body []byte, fault Fault) answer {
	v, bad := s.validate(r, body, "")
	if bad != nil {
		return *bad
	}
	var req antom.PayRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return paramIllegal("request", "the body does not decode as a pay request")
	}
	methodID := ""
	if req.PaymentMethod != nil {
		methodID = req.PaymentMethod.PaymentMethodID
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if p, ok := st.byRequest[req.PaymentRequestID]; ok {
		if p.amount != *req.PaymentAmount || p.methodID != methodID {
			return failure("REPEAT_REQ_INCONSISTENT", "The amount or currency is different from the previous request.")
		}
		return answer{body: p.response}
	}
	now := s.now()
	p := &payment{
		requestID: req.PaymentRequestID, id: st.newID(now, "1940108001"), clientID: clientID,
		amount: *req.PaymentAmount, methodID: methodID, mode: v.Mode, captureMode: v.CaptureMode,
		redirectURL: req.PaymentRedirectURL, notifyURL: req.PaymentNotifyURL,
		status: antom.PaymentProcessing, created: now, fault: fault,
	}
	if req.Order != nil {
		p.description = req.Order.OrderDescription
	}
	meta := req.PaymentMethod.PaymentMethodMetaData
	if meta != nil {
		p.threeDS = meta.Is3DSAuthentication.IsTrue()
		p.koreanBrand = string(meta.SelectedCardBrand)
	}
	st.byRequest[p.requestID] = p
	st.byID[p.id] = p

	var a answer
	switch {
	case p.amount.Value == RiskRejectAmount:
		a = s.decline(p, "RISK_REJECT", "The transaction cannot be further processed because of risk control.")
	case p.mode == modeHosted:
		p.hostedReq = append([]byte(nil), body...)
		a = s.toPage(r, p, "card")
	case p.mode == modeIssuerAuth:
		a = s.toPage(r, p, "issuer")
	case p.mode == modeSavedCard:
		c, ok := st.tokens[methodID]
		if !ok {
			delete(st.byRequest, p.requestID)
			delete(st.byID, p.id)
			return paramIllegal("paymentMethod.paymentMethodId", "no card is stored under this card token")
		}
		p.card = c
		a = s.decideCard(r, p)
	default:
		p.card = s.cardFrom(meta.CardNo)
		a = s.decideCard(r, p)
	}
	p.response = a.body
	return a
}

// cardFrom looks a card number up and keeps only what may be shown.
func (s *Server) cardFrom(pan card.PAN) *storedCard {
	tc := lookupCard(string(pan))
	c := &storedCard{test: tc, brand: tc.Brand, lastFour: pan.Last4(), masked: pan.Mask()}
	c.test.Number = ""
	return c
}

// decideCard decides a payment whose card is known: decline, 3D Secure
// challenge, or authorization.
func (s *Server) decideCard(r *http.Request, p *payment) answer {
	switch {
	case !p.card.test.Approve:
		return s.decline(p, p.card.test.ResultCode, p.card.test.ResultMessage)
	case p.threeDS && !p.card.test.Frictionless:
		return s.toPage(r, p, "3ds")
	default:
		return s.authorize(p, false)
	}
}

// toPage sends the buyer to one of the sandbox's pages: U PAYMENT_IN_PROCESS
// with the page as normalUrl, as Antom answers for 3D Secure and hosted pages.
func (s *Server) toPage(r *http.Request, p *payment, stage string) answer {
	if p.pageToken == "" {
		p.pageToken = secret(16)
		s.store.byPage[p.pageToken] = p
	}
	p.pageStage = stage
	u := s.baseURL(r) + "/sandbox/pages/" + stage + "/" + p.pageToken
	form, _ := json.Marshal(map[string]string{"method": "GET", "paymentActionFormType": "RedirectActionForm", "redirectUrl": u})
	resp := antom.PayResponse{
		Result:             resultOf(antom.ResultUnknown, "PAYMENT_IN_PROCESS", "payment in process"),
		PaymentRequestID:   p.requestID,
		PaymentID:          p.id,
		PaymentAmount:      &p.amount,
		PaymentCreateTime:  s.stamp(p.created),
		NormalURL:          u,
		RedirectActionForm: &antom.RedirectActionForm{Method: "GET", RedirectURL: u},
		PaymentActionForm:  antom.EmbeddedActionForm{Raw: string(form)},
	}
	return answer{body: mustJSON(resp)}
}

// decline fails the payment with a card result code and notifies it.
func (s *Server) decline(p *payment, code, message string) answer {
	p.status, p.code, p.message = antom.PaymentFail, code, message
	p.pageStage = ""
	resp := antom.PayResponse{
		Result:            resultOf(antom.ResultFailed, code, message),
		PaymentRequestID:  p.requestID,
		PaymentID:         p.id,
		PaymentAmount:     &p.amount,
		PaymentCreateTime: s.stamp(p.created),
	}
	return answer{body: mustJSON(resp), notes: []*note{s.paymentNote(p)}}
}

// authorize authorizes the payment, issues a card token for a new card, and
// (AUTOMATIC capture) captures it at once.
func (s *Server) authorize(p *payment, threeDS bool) answer {
	now := s.now()
	p.status, p.code, p.message = antom.PaymentSuccess, "SUCCESS", "success."
	p.pageStage = ""
	p.paid = now
	validity := s.cfg.AuthValidity
	if validity <= 0 {
		validity = DefaultAuthValidity
	}
	p.authExpiry = now.Add(s.scaled(validity))
	info := &antom.PaymentResultInfo{NetworkTransactionID: "SANDBOX" + secret(8)}
	if c := p.card; c != nil {
		if c.token == "" {
			c.token = "SANDBOX_TOKEN_" + secret(12)
			s.store.tokens[c.token] = c
		}
		info.CardToken, info.CardBrand, info.LastFour = c.token, antom.CardBrand(c.brand), c.lastFour
		info.AvsResultRaw, info.CvvResultRaw = "A", "Y"
		if p.mode == modeSavedCard {
			info.CvvResultRaw = ""
		}
	} else {
		info.PaymentMethodRegion = "KR"
		info.CardBrand = antom.CardBrand(p.koreanBrand)
	}
	if threeDS {
		info.ThreeDSResult = &antom.ThreeDSResult{Eci: "05", ThreeDSVersion: "2.2.0", Cavv: "SANDBOXCAVV" + secret(6), DsTransactionID: "sandbox-ds-" + secret(8)}
	}
	p.info = info
	notes := []*note{s.paymentNote(p)}
	if p.captureMode != string(antom.CaptureManual) {
		c := &capture{requestID: p.requestID, id: s.store.newID(now, "1940108002"), amount: p.amount, time: now}
		p.captures = append(p.captures, c)
		s.store.captures[c.requestID] = c
		notes = append(notes, s.captureNote(p, c))
	}
	resp := antom.PayResponse{
		Result:            resultOf(antom.ResultSuccess, "SUCCESS", "success."),
		PaymentRequestID:  p.requestID,
		PaymentID:         p.id,
		PaymentAmount:     &p.amount,
		PaymentCreateTime: s.stamp(p.created),
		PaymentTime:       s.stamp(p.paid),
		AuthExpiryTime:    s.stamp(p.authExpiry),
		PaymentResultInfo: info,
	}
	return answer{body: mustJSON(resp), notes: notes}
}

// paymentNote is the notifyPayment (PAYMENT_RESULT) of a decided payment.
func (s *Server) paymentNote(p *payment) *note {
	status := antom.ResultSuccess
	if p.status != antom.PaymentSuccess {
		status = antom.ResultFailed
	}
	n := antom.PaymentNotification{
		NotifyType:        antom.NotifyPaymentResult,
		Result:            resultOf(status, p.code, p.message),
		PaymentRequestID:  p.requestID,
		PaymentID:         p.id,
		PaymentAmount:     &p.amount,
		PaymentCreateTime: s.stamp(p.created),
		PaymentResultInfo: p.info,
	}
	if p.status == antom.PaymentSuccess {
		n.PaymentTime = s.stamp(p.paid)
		n.AuthExpiryTime = s.stamp(p.authExpiry)
		n.CardInfo = cardInfoOf(p)
	}
	return s.newNote("notifyPayment", p.notifyURL, p.clientID, mustJSON(n))
}

// captureNote is the notifyCapture (CAPTURE_RESULT) of a capture.
func (s *Server) captureNote(p *payment, c *capture) *note {
	n := antom.CaptureNotification{
		NotifyType:       antom.NotifyCaptureResult,
		Result:           resultOf(antom.ResultSuccess, "SUCCESS", "success."),
		CaptureRequestID: c.requestID,
		PaymentID:        p.id,
		CaptureID:        c.id,
		CaptureAmount:    &c.amount,
		CaptureTime:      s.stamp(c.time),
	}
	return s.newNote("notifyCapture", p.notifyURL, p.clientID, mustJSON(n))
}

func cardInfoOf(p *payment) *antom.CardInfo {
	if p.info == nil {
		return nil
	}
	i := p.info
	// cardInfo has only what Antom's specification defines for it (no AVS, CVV
	// or last four: those are in paymentResultInfo).
	return &antom.CardInfo{CardToken: i.CardToken, CardBrand: i.CardBrand,
		PaymentMethodRegion: i.PaymentMethodRegion, ThreeDSResult: i.ThreeDSResult}
}
