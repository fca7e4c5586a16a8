package sandbox

import (
	"encoding/json"
	"net/http"
)

// APIs are the Antom payment APIs the sandbox answers.
var APIs = []string{"pay", "inquiryPayment", "capture", "cancel", "refund", "inquiryRefund", "consult"}

// routes lists every route in one place.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/ams/api/v1/payments/{api}", s.apiHandler())
	mux.Handle("/ams/sandbox/api/v1/payments/{api}", s.apiHandler())
	mux.Handle("GET /sandbox/keys", s.keysHandler())
	mux.Handle("GET /sandbox/cards", s.cardsHandler())
	mux.Handle("GET /sandbox/pages/card/{token}", s.pageHandler("card"))
	mux.Handle("POST /sandbox/pages/card/{token}", s.cardSubmitHandler())
	mux.Handle("GET /sandbox/pages/3ds/{token}", s.pageHandler("3ds"))
	mux.Handle("POST /sandbox/pages/3ds/{token}", s.challengeSubmitHandler("3ds"))
	mux.Handle("GET /sandbox/pages/issuer/{token}", s.pageHandler("issuer"))
	mux.Handle("POST /sandbox/pages/issuer/{token}", s.challengeSubmitHandler("issuer"))
	return mux
}

// keysHandler serves the sandbox's public key (what the merchant configures as
// Antom's public key) and the client id it expects.
func (s *Server) keysHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"publicKey": s.publicKey, "clientId": s.cfg.ClientID, "algorithm": "RSA256"})
	})
}

// cardsHandler serves the test card table.
func (s *Server) cardsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"cards": testCards, "riskRejectAmount": RiskRejectAmount, "unknownCardCode": UnknownCardCode})
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
