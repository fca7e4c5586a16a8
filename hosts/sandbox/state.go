package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paycore/paycore/core/antom"
)

// Modes as pay.validate names them.
const (
	modeServerToServer = "server_to_server"
	modeHosted         = "hosted"
	modeIssuerAuth     = "issuer_auth"
	modeSavedCard      = "saved_card"
)

// storedCard is a card the sandbox has seen: never the number itself once
// the payment is decided, only what a response may show.
type storedCard struct {
	test     TestCard // outcome; Number is cleared after lookup
	brand    string
	lastFour string
	masked   string
	token    string
}

// capture is one capture of a payment.
type capture struct {
	requestID string
	id        string
	amount    antom.Amount
	time      time.Time
	response  []byte
}

// refund is one refund of a payment.
type refund struct {
	requestID string
	id        string
	payment   *payment
	amount    antom.Amount
	time      time.Time
	response  []byte
}

// payment is the sandbox's record of one paymentRequestId.
type payment struct {
	requestID   string
	id          string
	clientID    string
	amount      antom.Amount
	methodID    string
	mode        string
	captureMode string
	threeDS     bool
	koreanBrand string
	redirectURL string
	notifyURL   string
	description string
	hostedReq   []byte // the hosted pay request, to validate the card page against

	status     antom.PaymentStatus
	code       string
	message    string
	created    time.Time
	paid       time.Time
	authExpiry time.Time
	card       *storedCard
	info       *antom.PaymentResultInfo
	pageToken  string
	pageStage  string // "card", "3ds", "issuer" while the buyer is on a page
	response   []byte // the first pay answer, replayed for the same request

	captures   []*capture
	refunds    []*refund
	cancelled  time.Time
	cancelResp []byte
	fault      Fault // the pay request's fault, for its notifications
}

func (p *payment) captured() int64 {
	var n int64
	for _, c := range p.captures {
		n += minorOf(c.amount.Value)
	}
	return n
}

func (p *payment) refunded() int64 {
	var n int64
	for _, r := range p.refunds {
		n += minorOf(r.amount.Value)
	}
	return n
}

// store holds every record; one mutex guards it all (a test double, not a
// database).
type store struct {
	mu        sync.Mutex
	byRequest map[string]*payment
	byID      map[string]*payment
	byPage    map[string]*payment
	tokens    map[string]*storedCard
	captures  map[string]*capture
	refunds   map[string]*refund
	refundIDs map[string]*refund
	seq       atomic.Int64
}

func newStore() *store {
	return &store{
		byRequest: map[string]*payment{}, byID: map[string]*payment{}, byPage: map[string]*payment{},
		tokens: map[string]*storedCard{}, captures: map[string]*capture{},
		refunds: map[string]*refund{}, refundIDs: map[string]*refund{},
	}
}

// newID makes an Antom-looking id: the date, a fixed infix, a sequence number.
func (st *store) newID(now time.Time, infix string) string {
	return fmt.Sprintf("%s%s%010d", now.UTC().Format("20060102"), infix, st.seq.Add(1))
}

// secret returns n random bytes in hex: page tokens and card tokens.
func secret(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// minorOf reads a validated minor-unit value (digits only).
func minorOf(v string) int64 {
	var n int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int64(c-'0')
	}
	return n
}
