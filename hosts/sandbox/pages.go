package sandbox

import (
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"regexp"
	"strings"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/money"
)

//go:embed pages/*.html
var pageFS embed.FS

var pageTemplates = template.Must(template.ParseFS(pageFS, "pages/*.html"))

// pageData is what every page template reads.
type pageData struct {
	Title       string
	Merchant    string
	Amount      string
	Action      string
	Stage       string
	Brand       string
	Card        string
	Errors      map[string]string
	ErrorList   []fieldError
	Decline     string
	Expiry      string
	Holder      string
	Status      string
	RedirectURL string
	TestCards   []TestCard
}

type fieldError struct{ Field, Label, Message string }

// formFields are the card page's inputs in page order, with their labels.
var formFields = []struct{ name, label string }{
	{"cardNumber", "Card number"}, {"expiry", "Expiry date"}, {"cvv", "Security code"}, {"holder", "Name on card"},
}

// pageFor finds the payment behind a page token; the caller holds the lock.
func (st *store) pageFor(token string) *payment { return st.byPage[token] }

func (s *Server) basePage(p *payment, title string) pageData {
	amount := p.amount.Value + " " + p.amount.Currency
	if major, err := money.ToMajor(p.amount.Currency, p.amount.Value); err == nil {
		amount = major + " " + p.amount.Currency
	}
	return pageData{Title: title, Merchant: p.description, Amount: amount, RedirectURL: p.redirectURL, Errors: map[string]string{}}
}

func render(w http.ResponseWriter, status int, name string, d pageData) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_ = pageTemplates.ExecuteTemplate(w, name, d)
}

// statusPage tells the buyer that the payment no longer waits for this page.
func (s *Server) statusPage(w http.ResponseWriter, p *payment) {
	d := s.basePage(p, "Payment "+strings.ToLower(string(p.status)))
	d.Status = string(p.status)
	if p.message != "" && p.status != antom.PaymentSuccess {
		d.Decline = p.message
	}
	render(w, http.StatusOK, "status.html", d)
}

func notFound(w http.ResponseWriter) {
	render(w, http.StatusNotFound, "status.html", pageData{Title: "Payment not found", Status: "NOT_FOUND"})
}

var expiryPattern = regexp.MustCompile(`^\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*$`)

// cardSubmitHandler takes the card page's form: checks it with the core's
// pay.validate (the hosted request with the card added, as a server-to-server
// request), then decides the payment like a server-to-server one.
func (s *Server) cardSubmitHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "unreadable form", http.StatusBadRequest)
			return
		}
		pan := card.Normalize(strings.TrimSpace(r.PostFormValue("cardNumber")))
		expiry := strings.TrimSpace(r.PostFormValue("expiry"))
		cvv := strings.TrimSpace(r.PostFormValue("cvv"))
		holder := strings.TrimSpace(r.PostFormValue("holder"))
		st := s.store
		st.mu.Lock()
		p := st.pageFor(r.PathValue("token"))
		if p == nil {
			st.mu.Unlock()
			notFound(w)
			return
		}
		if p.pageStage != "card" {
			st.mu.Unlock()
			http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
			return
		}
		hosted := p.hostedReq
		st.mu.Unlock()

		errs := map[string]string{}
		month, year := "", ""
		if m := expiryPattern.FindStringSubmatch(expiry); m != nil {
			month, year = m[1], m[2]
			if len(month) == 1 {
				month = "0" + month
			}
			if len(year) == 4 {
				year = year[2:]
			}
		}
		switch {
		case pan == "":
			errs["cardNumber"] = "Enter the card number."
		case strings.Trim(pan, "0123456789") != "":
			errs["cardNumber"] = "The card number can only contain digits."
		}
		switch {
		case expiry == "":
			errs["expiry"] = "Enter the expiry date as MM/YY."
		case month == "":
			errs["expiry"] = "Write the expiry date as MM/YY, for example 12/29."
		}
		if cvv == "" {
			errs["cvv"] = "Enter the security code (3 digits on the back; 4 on the front of AMEX)."
		}
		if holder == "" {
			errs["holder"] = "Enter the name as it is written on the card."
		}
		if _, bad := errs["cardNumber"]; !bad {
			s.checkCard(r, hosted, pan, month, year, cvv, holder, errs)
		}
		masked := card.PAN(pan).Mask()
		s.log.Info("card page submitted", "page", "card", "card", masked, "fieldErrors", len(errs))

		st.mu.Lock()
		defer st.mu.Unlock()
		if p.pageStage != "card" {
			http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
			return
		}
		d := s.basePage(p, "Pay by card")
		d.TestCards = testCards
		d.Expiry, d.Holder = expiry, holder
		if len(errs) > 0 {
			d.Errors = errs
			for _, f := range formFields {
				if msg, ok := errs[f.name]; ok {
					d.ErrorList = append(d.ErrorList, fieldError{f.name, f.label, msg})
				}
			}
			render(w, http.StatusUnprocessableEntity, "card.html", d)
			return
		}
		p.card = s.cardFrom(card.PAN(pan))
		a := s.decideCard(r, p)
		s.deliverLater(a.notes, pageFault(p))
		switch {
		case p.pageStage == "3ds":
			http.Redirect(w, r, "/sandbox/pages/3ds/"+p.pageToken, http.StatusSeeOther)
		case p.status == antom.PaymentFail:
			d.Title, d.Decline, d.Status = "Payment declined", p.message, string(p.status)
			render(w, http.StatusOK, "status.html", d)
		default:
			http.Redirect(w, r, p.redirectURL, http.StatusSeeOther)
		}
	})
}

// pageFault is the pay request's fault as it applies to notifications sent
// after a page: early has no meaning there.
func pageFault(p *payment) Fault {
	if p.fault.Notify == NotifyEarly {
		return Fault{}
	}
	return Fault{Notify: p.fault.Notify}
}

// checkCard validates the card through the core: the hosted request with the
// card in paymentMethodMetaData, as mode server_to_server. Violations on the
// card fields become field errors; any other is shown on the card number.
func (s *Server) checkCard(r *http.Request, hosted []byte, pan, month, year, cvv, holder string, errs map[string]string) {
	var req map[string]any
	if err := json.Unmarshal(hosted, &req); err != nil {
		errs["cardNumber"] = "The payment request cannot be read."
		return
	}
	pm, _ := req["paymentMethod"].(map[string]any)
	if pm == nil {
		pm = map[string]any{"paymentMethodType": "CARD"}
		req["paymentMethod"] = pm
	}
	meta, _ := pm["paymentMethodMetaData"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		pm["paymentMethodMetaData"] = meta
	}
	meta["cardNo"], meta["expiryMonth"], meta["expiryYear"], meta["cvv"] = pan, month, year, cvv
	meta["cardholderName"] = map[string]any{"fullName": holder}
	body, err := json.Marshal(req)
	if err != nil {
		errs["cardNumber"] = "The payment request cannot be read."
		return
	}
	v, bad := s.validate(r, body, modeServerToServer)
	if bad == nil {
		return
	}
	if len(v.Violations) == 0 {
		errs["cardNumber"] = "The card cannot be checked; try again."
		return
	}
	for _, vi := range v.Violations {
		f := strings.TrimPrefix(vi.Field, "paymentMethod.paymentMethodMetaData.")
		name := "cardNumber"
		switch {
		case f == "cvv":
			name = "cvv"
		case f == "expiryMonth" || f == "expiryYear":
			name = "expiry"
		case strings.HasPrefix(f, "cardholderName"):
			name = "holder"
		}
		if _, seen := errs[name]; !seen {
			errs[name] = cardMessage(name, vi.Rule, vi.Message)
		}
	}
}

// cardMessage turns a core violation into words for a buyer.
func cardMessage(field, rule, message string) string {
	switch field {
	case "cardNumber":
		return "This card number is not valid: check the digits. (" + message + ")"
	case "expiry":
		if rule == "expired" {
			return "This card has expired."
		}
		return "This expiry date is not valid. (" + message + ")"
	case "cvv":
		return "This security code is not valid for this card. (" + message + ")"
	}
	return message
}

// pageHandler shows the page of a stage: the hosted card page, the 3D Secure
// challenge or the Korean issuer's authentication page; once the payment has
// moved on, its status.
func (s *Server) pageHandler(stage string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := s.store
		st.mu.Lock()
		defer st.mu.Unlock()
		p := st.pageFor(r.PathValue("token"))
		switch {
		case p == nil:
			notFound(w)
		case p.pageStage != stage:
			s.statusPage(w, p)
		case stage == "card":
			d := s.basePage(p, "Pay by card")
			d.TestCards = testCards
			render(w, http.StatusOK, "card.html", d)
		default:
			d := s.basePage(p, "3D Secure check")
			d.Stage = stage
			if p.card != nil {
				d.Brand, d.Card = p.card.brand, "•••• "+p.card.lastFour
			}
			if stage == "issuer" {
				d.Title, d.Brand = p.koreanBrand+" Card authentication", p.koreanBrand
			}
			render(w, http.StatusOK, "challenge.html", d)
		}
	})
}

// challengeSubmitHandler takes the buyer's approve or fail, decides the
// payment, notifies, and sends the buyer back to paymentRedirectUrl.
func (s *Server) challengeSubmitHandler(stage string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		_ = r.ParseForm()
		action := r.PostFormValue("action")
		st := s.store
		st.mu.Lock()
		defer st.mu.Unlock()
		p := st.pageFor(r.PathValue("token"))
		switch {
		case p == nil:
			notFound(w)
			return
		case p.pageStage != stage:
			s.statusPage(w, p)
			return
		case action != "approve" && action != "fail":
			http.Error(w, "action must be approve or fail", http.StatusBadRequest)
			return
		}
		var a answer
		if action == "approve" {
			a = s.authorize(p, stage == "3ds")
		} else {
			a = s.decline(p, ThreeDSFailedCode, threeDSFailedMessage)
		}
		s.log.Info("page decided", "page", stage, "paymentRequestId", p.requestID, "action", action)
		s.deliverLater(a.notes, pageFault(p))
		http.Redirect(w, r, p.redirectURL, http.StatusSeeOther)
	})
}
