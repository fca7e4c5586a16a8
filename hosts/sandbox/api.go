package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/signature"
)

// maxBody is the largest request body read (the core's input limit).
const maxBody = 1 << 20

// answer is what an API handler decides: the body to send and the
// notifications the call caused.
type answer struct {
	body  []byte
	notes []*note
	// unsigned marks a gateway-level failure that Antom sends without a
	// signature (bad signature, unknown client).
	unsigned bool
}

func resultOf(status antom.ResultStatus, code, message string) *antom.Result {
	return &antom.Result{ResultStatus: status, ResultCode: code, ResultMessage: message}
}

// failure is an F answer with only a result.
func failure(code, message string) answer {
	return answer{body: mustJSON(struct {
		Result *antom.Result `json:"result"`
	}{resultOf(antom.ResultFailed, code, message)})}
}

func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("sandbox: encode a response: " + err.Error())
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// apiHandler serves POST /ams/{,sandbox/}api/v1/payments/{api}: fault rules,
// signature verification, the API itself, the signed answer.
func (s *Server) apiHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api := r.PathValue("api")
		clientID := r.Header.Get("Client-Id")
		if s.cfg.ClientID != "" && clientID == "" {
			clientID = s.cfg.ClientID
		}
		if r.Method != http.MethodPost {
			s.send(w, r, api, clientID, answer{body: failure("METHOD_NOT_SUPPORTED", "Only the POST method is supported.").body, unsigned: true})
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil || len(body) > maxBody {
			s.send(w, r, api, clientID, failure("PARAM_ILLEGAL", "The request body is unreadable or larger than 1 MiB."))
			return
		}
		ids := requestIDs(body)
		s.log.Info("request", "api", api, "path", r.URL.Path, "clientId", clientID, "requestTime", r.Header.Get("Request-Time"), "body", maskedBody(body))
		fault, err := s.faults.pick(api, ids, r.Header.Get(FaultHeader))
		if err != nil {
			s.send(w, r, api, clientID, failure("PARAM_ILLEGAL", err.Error()))
			return
		}
		if fault.Status != 0 {
			s.log.Info("fault", "api", api, "status", fault.Status)
			http.Error(w, http.StatusText(fault.Status), fault.Status)
			return
		}
		var a answer
		switch {
		case s.cfg.ClientID != "" && clientID != s.cfg.ClientID:
			a = failure("CLIENT_INVALID", "The client ID is invalid.")
			a.unsigned = true
		case !slices.Contains(APIs, api):
			a = failure("NO_INTERFACE_DEF", "API is not defined.")
		default:
			if ok, why := s.verifyRequest(r.Context(), r, clientID, body); !ok {
				s.log.Info("signature", "api", api, "valid", false, "reason", why)
				a = failure("INVALID_SIGNATURE", "The signature is not validated.")
				a.unsigned = true
				break
			}
			a = s.dispatchAPI(r, api, clientID, body, fault)
		}
		if fault.Notify == NotifyEarly {
			s.deliverNow(a.notes, fault)
		} else {
			s.deliverLater(a.notes, fault)
		}
		if fault.Delay > 0 {
			s.log.Info("fault", "api", api, "delay", fault.Delay.String())
			select {
			case <-time.After(fault.Delay):
			case <-r.Context().Done():
				return
			case <-s.ctx.Done():
				return
			}
		}
		if fault.Drop {
			s.log.Info("fault", "api", api, "drop", true)
			dropConnection(w)
			return
		}
		s.send(w, r, api, clientID, a)
	})
}

// dropConnection closes the connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// send writes an answer with Antom's response headers, signed unless it is a
// gateway-level failure.
func (s *Server) send(w http.ResponseWriter, r *http.Request, api, clientID string, a answer) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=UTF-8")
	if clientID != "" {
		h.Set("client-id", clientID)
	}
	if !a.unsigned {
		// response-time in Antom's form (ISO 8601 with offset, seconds). The
		// signature.sign op signs request times, which it converts to epoch
		// milliseconds, so responses use the core's Sign directly: the same
		// content to sign and the same RSA256 code the op runs.
		rt := s.stamp(s.now())
		sig, err := signature.Sign(s.signer, http.MethodPost, r.URL.Path, clientID, rt, a.body)
		if err != nil {
			s.log.Error("sign response", "api", api, "error", err.Error())
			http.Error(w, "sandbox could not sign its response", http.StatusInternalServerError)
			return
		}
		h.Set("response-time", rt)
		h.Set("signature", signature.FormatHeader("", sig))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.body)
	s.log.Info("response", "api", api, "path", r.URL.Path, "signed", !a.unsigned, "body", maskedBody(a.body))
}

// verifyRequest checks the request's signature with the merchant's public key
// through the core's signature.verify.
func (s *Server) verifyRequest(ctx context.Context, r *http.Request, clientID string, body []byte) (bool, string) {
	var res struct {
		Valid  bool   `json:"valid"`
		Reason string `json:"reason"`
	}
	in := map[string]string{
		"method": http.MethodPost, "path": r.URL.Path, "clientId": clientID,
		"requestTime": r.Header.Get("Request-Time"), "signature": r.Header.Get("Signature"),
		"body": string(body), "publicKey": s.cfg.MerchantPublicKey,
	}
	if in["signature"] == "" {
		return false, "missing_header"
	}
	if err := s.call(ctx, "signature.verify", in, &res); err != nil {
		return false, err.Error()
	}
	return res.Valid, res.Reason
}

// dispatchAPI runs one API on a verified request.
func (s *Server) dispatchAPI(r *http.Request, api, clientID string, body []byte, fault Fault) answer {
	switch api {
	case "pay":
		return s.pay(r, clientID, body, fault)
	case "inquiryPayment":
		return s.inquiryPayment(body)
	case "capture":
		return s.capture(body)
	case "cancel":
		return s.cancelPayment(body)
	case "refund":
		return s.refund(clientID, body)
	case "inquiryRefund":
		return s.inquiryRefund(body)
	default:
		return s.consult(body)
	}
}

// requestIDs reads the idempotency keys a request may carry, for fault rules.
func requestIDs(body []byte) []string {
	var ids struct {
		PaymentRequestID string `json:"paymentRequestId"`
		CaptureRequestID string `json:"captureRequestId"`
		RefundRequestID  string `json:"refundRequestId"`
		PaymentID        string `json:"paymentId"`
	}
	_ = json.Unmarshal(body, &ids)
	var out []string
	for _, id := range []string{ids.PaymentRequestID, ids.CaptureRequestID, ids.RefundRequestID, ids.PaymentID} {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// decodeBody decodes a follow-up request leniently, the way Antom reads it; a
// body that is not a JSON object is PARAM_ILLEGAL.
func decodeBody(body []byte, v any) (answer, bool) {
	if err := json.Unmarshal(body, v); err != nil {
		return failure("PARAM_ILLEGAL", "The request body is not a valid JSON object of this API."), false
	}
	return answer{}, true
}

func paramIllegal(field, why string) answer {
	return failure("PARAM_ILLEGAL", "The required parameters are not passed, or illegal parameters exist. "+field+": "+why)
}
