package outcome

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// codeRow is one row of testdata/result-codes.json: every result code Antom documents
// for the card APIs, with the page it comes from and the action the page implies.
type codeRow struct {
	API          string `json:"api"`
	NotifyType   string `json:"notifyType"`
	ResultCode   string `json:"resultCode"`
	ResultStatus string `json:"resultStatus"`
	Action       string `json:"action"`
	Inferred     bool   `json:"inferred"`
}

func loadRows(t *testing.T) []codeRow {
	t.Helper()
	data, err := os.ReadFile("testdata/result-codes.json")
	require.NoError(t, err)
	var rows []codeRow
	require.NoError(t, json.Unmarshal(data, &rows))
	require.Len(t, rows, 133, "result-codes.json changed: review the new rows")
	return rows
}

// agrees maps the data file's action vocabulary to the action kinds that agree
// with it.
var agrees = map[string][]Kind{
	"done":                  {None, Capture, WaitNotification},
	"stop":                  {None},
	"contact_support":       {ContactSupport},
	"fix_request":           {FixRequest},
	"retry_new_request_id":  {RetryNewRequest},
	"retry_same_request_id": {RetrySameRequest},
	"inquire":               {Inquire, WaitNotification},
	"redirect_buyer":        {Redirect},
}

// exceptions are the rows where paycore deliberately decides otherwise than the
// data file's action, keyed "api|notifyType|code". Each is in
// docs/DECISIONS.md ("Exceptions to result-codes.json").
var exceptions = map[string]string{
	"pay||REPEAT_REQ_INCONSISTENT":                         "the earlier payment with this id may have succeeded: inquire before fixing the request or using a new id",
	"capture||REPEAT_REQ_INCONSISTENT":                     "the earlier capture with this id may have succeeded: inquire first",
	"notifyCapture|CAPTURE_RESULT|REPEAT_REQ_INCONSISTENT": "the earlier capture with this id may have succeeded: inquire first",
	"refund||REPEAT_REQ_INCONSISTENT":                      "the earlier refund with this id may have succeeded: inquire first",
	"notifyCapture|CAPTURE_RESULT|UNKNOWN_EXCEPTION":       "a notification has no request to resend (automatic capture has none at all): inquire",
	"notifyPayment|UPDATE_AMOUNT_RESULT|(n/a)":             "an amount update is not the payment's result: never read it as success; inquire",
}

// signalFor turns a data row into the signal the row describes. Placeholder
// codes become a code no table row names.
func signalFor(row codeRow, api string) Signal {
	code := row.ResultCode
	switch code {
	case "(any)", "(failure code)":
		code = "SOME_UNLISTED_CODE"
	case "(n/a)":
		code = ""
	}
	switch api {
	case apiPaymentStatus:
		return Signal{API: APIInquiryPayment, ResultStatus: "S", ResultCode: "SUCCESS", Status: code}
	case apiRefundStatus:
		return Signal{API: APIInquiryRefund, ResultStatus: "S", ResultCode: "SUCCESS", Status: code}
	}
	// The PAYMENT_IN_PROCESS row's action presumes a URL came back (TestPayInProcess
	// checks the other case).
	return Signal{API: api, NotifyType: row.NotifyType, ResultStatus: row.ResultStatus, ResultCode: code,
		HasRedirect: code == "PAYMENT_IN_PROCESS"}
}

// TestEveryDocumentedCode checks every row of result-codes.json: it has a table
// entry (exact for a named code; the code wildcard for the placeholders) and the
// decision agrees with the row's action, or is a listed exception.
func TestEveryDocumentedCode(t *testing.T) {
	rows := loadRows(t)
	requestAPIs := []string{APIPay, APIInquiryPayment, APICapture, APICancel, APIRefund, APIInquiryRefund}
	covered := 0
	for _, row := range rows {
		apis := []string{row.API}
		if row.API == apiCommon {
			apis = requestAPIs
		}
		for _, api := range apis {
			name := api + "|" + row.NotifyType + "|" + row.ResultCode
			t.Run(name, func(t *testing.T) {
				sig := signalFor(row, api)
				d, m := decide(sig, Context{})
				require.False(t, m.fallback, "no table entry")
				require.Contains(t, Outcomes(), d.Outcome)
				require.Contains(t, Kinds(), d.Action.Kind)
				require.NotEmpty(t, d.Reason)
				require.NotEmpty(t, d.Message)
				require.NotContains(t, d.Message, "{code}")
				require.Equal(t, d.Outcome == Succeeded || d.Outcome == Failed, d.Terminal)

				named := !strings.HasPrefix(row.ResultCode, "(")
				switch {
				case row.API == apiCommon:
					// An API's own row for the code wins; otherwise the common row.
					if _, own := table[key{api, "", "F", row.ResultCode}]; !own {
						require.Equal(t, key{apiCommon, "", "F", row.ResultCode}, m.key)
					}
				case row.API == apiPaymentStatus || row.API == apiRefundStatus:
					require.Equal(t, key{row.API, "", "", row.ResultCode}, m.key)
				case named && row.ResultCode != "SUCCESS":
					require.Equal(t, row.ResultCode, m.key.code, "matched %v", m.key)
					require.Equal(t, api, m.key.api)
				case !named:
					require.Equal(t, wild, m.key.code, "matched %v", m.key)
				}

				if row.Action == "read_paymentStatus" {
					// The inquiry worked: the decision comes from paymentStatus (absent here).
					require.Equal(t, key{apiPaymentStatus, "", "", ""}, m.key)
					require.Equal(t, "payment_status_missing", d.Reason)
					return
				}
				allowed, ok := agrees[row.Action]
				require.True(t, ok, "unmapped action %q", row.Action)
				if why, ok := exceptions[row.API+"|"+row.NotifyType+"|"+row.ResultCode]; ok {
					require.NotContains(t, allowed, d.Action.Kind, "stale exception: the decision agrees now")
					t.Logf("exception (%s -> %s): %s", row.Action, d.Action.Kind, why)
					return
				}
				require.Contains(t, allowed, d.Action.Kind, "row says %s", row.Action)
				// Outcome agreement.
				switch {
				case isInquiry(api) && row.ResultStatus != "S":
					require.Equal(t, Unknown, d.Outcome, "a failed inquiry says nothing about the payment")
				case row.ResultStatus == "U":
					require.Contains(t, []Outcome{Unknown, Processing, RequiresBuyerAction}, d.Outcome)
				case row.ResultStatus == "F":
					require.Equal(t, Failed, d.Outcome)
				case row.Action == "done":
					require.Contains(t, []Outcome{Succeeded, Authorized}, d.Outcome)
				}
			})
			covered++
		}
	}
	t.Logf("%d rows (%d checks with common codes under every request API)", len(rows), covered)
}

// TestExceptionsAreRows keeps the exception list honest: every entry names a row.
func TestExceptionsAreRows(t *testing.T) {
	rows := loadRows(t)
	seen := map[string]bool{}
	for _, row := range rows {
		seen[row.API+"|"+row.NotifyType+"|"+row.ResultCode] = true
	}
	for k := range exceptions {
		require.True(t, seen[k], "exception %q names no row", k)
	}
}

// TestEveryRowHasVocabulary checks the table itself: vocabularies, reasons,
// messages, and that retries say which id.
func TestEveryRowHasVocabulary(t *testing.T) {
	for _, x := range rules() {
		if x.readStatus {
			continue
		}
		name := x.api + "|" + x.notify + "|" + x.status + "|" + x.code
		require.Contains(t, Outcomes(), x.out, name)
		require.Contains(t, Kinds(), x.kind, name)
		require.NotEmpty(t, x.reason, name)
		require.NotEmpty(t, x.msg, name)
		require.Equal(t, strings.ToLower(x.reason), x.reason, name)
		switch x.kind {
		case RetrySameRequest:
			require.Equal(t, "same", x.reqID, name)
		case RetryNewRequest:
			require.Equal(t, "new", x.reqID, name)
			// A new request id only once the first request's fate is known: a final
			// failure, or an authorization that expired uncaptured.
			if x.when == ifAuthExpired {
				require.Equal(t, Authorized, x.out, name)
			} else {
				require.Equal(t, Failed, x.out, "a new request id only after a final failure: %s", name)
			}
		case Inquire, Capture:
			require.NotEmpty(t, x.call, name)
		case WaitNotification:
			require.NotEmpty(t, x.wait, name)
		}
		// Never a new request id while the first request's fate is unknown.
		if !strings.Contains(x.api, ".") && (x.status == "U" || x.status == noStatus || x.status == stTimeout || x.status == stNoResp || x.status == wild) {
			if x.kind == RetryNewRequest {
				require.Equal(t, ifNoRedirect, x.when, "retry_new_request under %q: %s", x.status, name)
			}
		}
	}
}

// TestEveryAPIHasFallbacks: any status and any code under every API reaches a
// rule, never the built-in fallback.
func TestEveryAPIHasFallbacks(t *testing.T) {
	statuses := []string{"S", "F", "U", "", "X"}
	for _, api := range APIs() {
		types := append([]string{"", "SOMETHING_ELSE"}, notifyTypes[api]...)
		for _, nt := range types {
			for _, st := range statuses {
				for _, code := range []string{"", "SUCCESS", "NEVER_DOCUMENTED"} {
					for _, status := range []string{"", "SUCCESS", "FAIL", "WEIRD"} {
						d, m := decide(Signal{API: api, NotifyType: nt, ResultStatus: st, ResultCode: code, Status: status}, Context{})
						require.False(t, m.fallback, "%s %s %q %q", api, nt, st, code)
						require.Contains(t, Kinds(), d.Action.Kind)
					}
				}
			}
		}
		if !isNotification(api) {
			for _, tr := range []string{TransportTimeout, TransportNoResponse} {
				d, m := decide(Signal{API: api, Transport: tr}, Context{})
				require.False(t, m.fallback, "%s %s", api, tr)
				require.Equal(t, Unknown, d.Outcome)
				require.NotEqual(t, RetryNewRequest, d.Action.Kind)
			}
		}
	}
}

func TestAuthorizedRules(t *testing.T) {
	manual := Context{CaptureMode: CaptureManual}
	cases := []struct {
		name string
		sig  Signal
		ctx  Context
		out  Outcome
		kind Kind
	}{
		{"pay S automatic", Signal{API: APIPay, ResultStatus: "S", ResultCode: "SUCCESS"}, Context{}, Authorized, WaitNotification},
		{"pay S AUTOMATIC", Signal{API: APIPay, ResultStatus: "S", ResultCode: "SUCCESS"}, Context{CaptureMode: CaptureAutomatic}, Authorized, WaitNotification},
		{"pay S manual", Signal{API: APIPay, ResultStatus: "S", ResultCode: "SUCCESS", AuthExpiryTime: "2024-03-25T19:36:54-07:00"}, manual, Authorized, Capture},
		{"pay S manual expired", Signal{API: APIPay, ResultStatus: "S", ResultCode: "SUCCESS", AuthExpiryTime: "2024-03-25T19:36:54-07:00"},
			Context{CaptureMode: CaptureManual, Now: "2024-03-26T02:36:54Z"}, Authorized, RetryNewRequest},
		{"pay S automatic past expiry", Signal{API: APIPay, ResultStatus: "S", AuthExpiryTime: "2024-03-25T19:36:54-07:00"},
			Context{Now: "2024-03-26T00:00:00Z"}, Authorized, WaitNotification},
		{"notify S manual", Signal{API: APINotifyPayment, NotifyType: "PAYMENT_RESULT", ResultStatus: "S", ResultCode: "SUCCESS"}, manual, Authorized, Capture},
		{"notify pending S", Signal{API: APINotifyPayment, NotifyType: "PAYMENT_PENDING", ResultStatus: "S", ResultCode: "SUCCESS"}, manual, Processing, WaitNotification},
		{"notify no type S", Signal{API: APINotifyPayment, ResultStatus: "S", ResultCode: "SUCCESS"}, manual, Unknown, Inquire},
		{"inquiry SUCCESS manual", Signal{API: APIInquiryPayment, ResultStatus: "S", Status: "SUCCESS"}, manual, Authorized, Capture},
		{"inquiry SUCCESS captured", Signal{API: APIInquiryPayment, ResultStatus: "S", Status: "SUCCESS", CaptureStatus: "SUCCESS"}, manual, Succeeded, None},
		{"inquiry SUCCESS capturing", Signal{API: APIInquiryPayment, ResultStatus: "S", Status: "SUCCESS", CaptureStatus: "PROCESSING"}, Context{}, Processing, WaitNotification},
		{"inquiry SUCCESS capture failed", Signal{API: APIInquiryPayment, ResultStatus: "S", Status: "SUCCESS", CaptureStatus: "FAIL"}, Context{}, Authorized, ContactSupport},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Decide(c.sig, c.ctx)
			require.Equal(t, c.out, d.Outcome, d.Reason)
			require.Equal(t, c.kind, d.Action.Kind, d.Reason)
			if d.Action.Kind == Capture {
				require.Equal(t, APICapture, d.Action.API)
				require.Equal(t, c.sig.AuthExpiryTime, d.Action.Before)
			}
			if d.Action.Kind == WaitNotification && c.out == Authorized {
				require.Equal(t, APINotifyCapture, d.Action.Notification)
			}
		})
	}
}

func TestPayInProcess(t *testing.T) {
	d := Decide(Signal{API: APIPay, ResultStatus: "U", ResultCode: "PAYMENT_IN_PROCESS", HasRedirect: true}, Context{})
	require.Equal(t, RequiresBuyerAction, d.Outcome)
	require.Equal(t, Redirect, d.Action.Kind)
	d = Decide(Signal{API: APIPay, ResultStatus: "U", ResultCode: "PAYMENT_IN_PROCESS"}, Context{})
	require.Equal(t, Failed, d.Outcome)
	require.Equal(t, RetryNewRequest, d.Action.Kind)
	require.Equal(t, "new", d.Action.RequestID)
	require.True(t, d.Terminal)
	// Without a status, PAYMENT_IN_PROCESS is not trusted either way.
	d = Decide(Signal{API: APIPay, ResultCode: "PAYMENT_IN_PROCESS", HasRedirect: true}, Context{})
	require.Equal(t, Unknown, d.Outcome)
	require.Equal(t, Inquire, d.Action.Kind)
}

func TestInquiryReadsStatus(t *testing.T) {
	cases := []struct {
		status, code string
		out          Outcome
		kind         Kind
		reason       string
	}{
		{"SUCCESS", "", Authorized, WaitNotification, "authorized_automatic_capture"},
		{"FAIL", "", Failed, None, "payment_failed"},
		{"FAIL", "DO_NOT_HONOR", Failed, None, "do_not_honor"},
		{"FAIL", "INVALID_CARD_NUMBER", Failed, FixRequest, "invalid_card_number"},
		{"FAIL", "REPEAT_REQ_INCONSISTENT", Failed, None, "payment_failed"},
		{"FAIL", "NEVER_DOCUMENTED", Failed, None, "payment_failed"},
		{"PROCESSING", "", Processing, Inquire, "payment_processing"},
		{"CANCELLED", "", Failed, None, "payment_cancelled"},
		{"PENDING", "", Processing, WaitNotification, "payment_pending"},
		{"", "", Unknown, Inquire, "payment_status_missing"},
		{"WEIRD", "", Unknown, Inquire, "unrecognised_payment_status"},
	}
	for _, c := range cases {
		t.Run(c.status+"/"+c.code, func(t *testing.T) {
			d := Decide(Signal{API: APIInquiryPayment, ResultStatus: "S", ResultCode: "SUCCESS", Status: c.status, StatusCode: c.code}, Context{})
			require.Equal(t, c.out, d.Outcome)
			require.Equal(t, c.kind, d.Action.Kind)
			require.Equal(t, c.reason, d.Reason)
		})
	}
	// A paymentStatus next to a failed inquiry call is ignored.
	for _, st := range []string{"F", "U", ""} {
		d := Decide(Signal{API: APIInquiryPayment, ResultStatus: st, ResultCode: "ACCESS_DENIED", Status: "SUCCESS"}, Context{})
		require.Equal(t, Unknown, d.Outcome, st)
		require.False(t, d.Terminal)
	}
}

func TestCancelThreeU(t *testing.T) {
	for attempt, want := range map[int]Kind{0: RetrySameRequest, 1: RetrySameRequest, 2: RetrySameRequest, 3: ContactSupport, 7: ContactSupport} {
		for _, sig := range []Signal{
			{API: APICancel, ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"},
			{API: APICancel, ResultStatus: "U", ResultCode: "NEVER_DOCUMENTED"},
			{API: APICancel},
			{API: APICancel, Transport: TransportTimeout},
		} {
			d := Decide(sig, Context{Attempt: attempt})
			require.Equal(t, Unknown, d.Outcome)
			require.Equal(t, want, d.Action.Kind, "attempt %d %+v", attempt, sig)
			if want == RetrySameRequest {
				require.Equal(t, "same", d.Action.RequestID)
				require.Equal(t, APICancel, d.Action.API)
			}
		}
	}
}

func TestUnknownCodes(t *testing.T) {
	// Under U or without a status: unknown, never a new id.
	for _, api := range []string{APIPay, APICapture, APIRefund, APICancel, APIInquiryPayment, APIInquiryRefund} {
		for _, st := range []string{"U", "", "u", "X"} {
			d := Decide(Signal{API: api, ResultStatus: st, ResultCode: "NEVER_DOCUMENTED"}, Context{})
			require.Equal(t, Unknown, d.Outcome, "%s %q", api, st)
			require.NotEqual(t, RetryNewRequest, d.Action.Kind)
			require.Contains(t, d.Message, "", "%s", api)
		}
	}
	// Under F: a failure with a generic step, the code named but no cause guessed.
	for api, kind := range map[string]Kind{APIPay: RetryNewRequest, APICapture: ContactSupport, APIRefund: ContactSupport, APICancel: None} {
		d := Decide(Signal{API: api, ResultStatus: "F", ResultCode: "NEVER_DOCUMENTED"}, Context{})
		require.Equal(t, Failed, d.Outcome, api)
		require.Equal(t, kind, d.Action.Kind, api)
		require.Contains(t, d.Message, "NEVER_DOCUMENTED", api)
	}
	// A code that is not a plain code is not echoed in the message.
	d := Decide(Signal{API: APIPay, ResultStatus: "F", ResultCode: "4111111111111111"}, Context{})
	require.NotContains(t, d.Message, "4111111111111111")
}

func TestNotifyPaymentBorrowsPayCodes(t *testing.T) {
	d := Decide(Signal{API: APINotifyPayment, NotifyType: "PAYMENT_RESULT", ResultStatus: "F", ResultCode: "USER_BALANCE_NOT_ENOUGH"}, Context{})
	require.Equal(t, "insufficient_balance", d.Reason)
	d = Decide(Signal{API: APINotifyPayment, NotifyType: "PAYMENT_RESULT", ResultStatus: "F", ResultCode: "REPEAT_REQ_INCONSISTENT"}, Context{})
	require.Equal(t, Failed, d.Outcome, "a failure notification is a failure")
	d = Decide(Signal{API: APINotifyPayment, NotifyType: "PAYMENT_PENDING", ResultStatus: "F", ResultCode: "DO_NOT_HONOR"}, Context{})
	require.Equal(t, Unknown, d.Outcome)
}

func TestNotifyRefundConflict(t *testing.T) {
	d := Decide(Signal{API: APINotifyRefund, NotifyType: "REFUND_RESULT", ResultStatus: "S", ResultCode: "SUCCESS", Status: "FAIL"}, Context{})
	require.Equal(t, Unknown, d.Outcome)
	d = Decide(Signal{API: APINotifyRefund, NotifyType: "REFUND_RESULT", ResultStatus: "S", ResultCode: "SUCCESS", Status: "SUCCESS"}, Context{})
	require.Equal(t, Succeeded, d.Outcome)
	d = Decide(Signal{API: APINotifyRefund, NotifyType: "REFUND_RESULT", ResultStatus: "F", ResultCode: "X", Status: "FAIL"}, Context{})
	require.Equal(t, Failed, d.Outcome)
}

func TestAfter(t *testing.T) {
	d := Decide(Signal{API: APIInquiryPayment, ResultStatus: "F", ResultCode: "ORDER_NOT_EXIST"}, Context{Now: "2024-03-18T19:44:15-07:00"})
	require.Equal(t, 15, d.Action.AfterSeconds)
	require.Equal(t, "2024-03-18T19:44:30-07:00", d.Action.After)
	d = Decide(Signal{API: APIInquiryPayment, ResultStatus: "F", ResultCode: "ORDER_NOT_EXIST"}, Context{Attempt: 3})
	require.Equal(t, RetrySameRequest, d.Action.Kind)
	require.Equal(t, APIPay, d.Action.API)
}

func TestUnsupportedAPI(t *testing.T) {
	d := Interpret("dispute", "", "S", "SUCCESS", Context{})
	require.Equal(t, Unknown, d.Outcome)
	require.True(t, slices.Contains(Kinds(), d.Action.Kind))
}
