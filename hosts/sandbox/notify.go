package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// note is one notification to deliver until acknowledged.
type note struct {
	api      string // notifyPayment, notifyCapture, notifyRefund
	url      string
	clientID string
	body     []byte
}

// newNote makes a notification, or nil when there is no URL to send it to.
func (s *Server) newNote(api, target, clientID string, body []byte) *note {
	if target == "" {
		return nil
	}
	return &note{api: api, url: target, clientID: clientID, body: body}
}

// deliverLater delivers notes in the background (the normal case: Antom's
// notification and its pay response race).
func (s *Server) deliverLater(notes []*note, f Fault) {
	notes = slices.DeleteFunc(slices.Clone(notes), func(n *note) bool { return n == nil })
	if len(notes) == 0 || s.ctx.Err() != nil {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.deliverNow(notes, f)
	}()
}

// deliverNow makes the first delivery attempt of each note in order (reversed
// or doubled when the fault says so) and leaves the resends to background
// goroutines following the resend schedule.
func (s *Server) deliverNow(notes []*note, f Fault) {
	notes = slices.DeleteFunc(slices.Clone(notes), func(n *note) bool { return n == nil })
	if f.Notify == NotifyReverse {
		slices.Reverse(notes)
	}
	copies := 1
	if f.Notify == NotifyTwice {
		copies = 2
	}
	if !s.sleep(s.scaled(s.schedule[0])) {
		return
	}
	for _, n := range notes {
		for range copies {
			if s.attempt(n, 1) || len(s.schedule) < 2 || s.ctx.Err() != nil {
				continue
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.resend(n)
			}()
		}
	}
}

// resend follows the schedule after a first attempt that was not acknowledged.
func (s *Server) resend(n *note) {
	for i := 1; i < len(s.schedule); i++ {
		if !s.sleep(s.scaled(s.schedule[i])) {
			return
		}
		if s.attempt(n, i+1) {
			return
		}
	}
	s.log.Info("notification abandoned", "api", n.api, "url", n.url, "attempts", len(s.schedule))
}

// sleep waits d, or returns false when the sandbox closes first.
func (s *Server) sleep(d time.Duration) bool {
	if d <= 0 {
		return s.ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.ctx.Done():
		return false
	}
}

// attempt signs the notification afresh (a new request-time per delivery)
// through the core's notification.sign, posts it, and reports whether the
// receiver acknowledged it with Antom's acknowledgement.
func (s *Server) attempt(n *note, try int) bool {
	u, err := url.Parse(n.url)
	if err != nil {
		s.log.Error("notification url", "api", n.api, "error", err.Error())
		return false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	var signed struct {
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	}
	rt := strconv.FormatInt(s.now().UnixMilli(), 10)
	ctx, cancel := context.WithTimeout(s.ctx, 15*time.Second)
	defer cancel()
	err = s.call(ctx, "notification.sign", map[string]any{
		"path": path, "clientId": n.clientID, "requestTime": rt,
		"body": string(n.body), "privateKey": s.privateKey,
	}, &signed)
	if err != nil {
		s.log.Error("sign notification", "api", n.api, "error", err.Error())
		return false
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.url, strings.NewReader(signed.Body))
	if err != nil {
		return false
	}
	for k, v := range signed.Headers {
		req.Header.Set(k, v)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		s.log.Info("notification", "api", n.api, "url", n.url, "attempt", try, "error", err.Error(), "acknowledged", false)
		return false
	}
	defer resp.Body.Close()
	ack, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	ok := resp.StatusCode == http.StatusOK && isAck(ack)
	s.log.Info("notification", "api", n.api, "url", n.url, "attempt", try, "requestTime", rt, "status", resp.StatusCode, "acknowledged", ok, "body", maskedBody(n.body))
	return ok
}

// Ack is Antom's notification acknowledgement, the body a receiver answers with
// HTTP 200 to stop the resends.
const Ack = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`

// isAck reports whether body is Antom's acknowledgement: exactly a result
// object with resultCode SUCCESS, resultStatus S and resultMessage "success"
// (any letter case: Antom's own examples write both).
func isAck(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var a struct {
		Result *struct {
			ResultCode    string `json:"resultCode"`
			ResultStatus  string `json:"resultStatus"`
			ResultMessage string `json:"resultMessage"`
		} `json:"result"`
	}
	if err := dec.Decode(&a); err != nil || a.Result == nil || dec.More() {
		return false
	}
	return a.Result.ResultCode == "SUCCESS" && a.Result.ResultStatus == "S" && strings.EqualFold(a.Result.ResultMessage, "success")
}
