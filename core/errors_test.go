package core

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/followup"
	"github.com/paycore/paycore/core/lifecycle"
	"github.com/paycore/paycore/core/notify"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/payreq"
	"github.com/paycore/paycore/core/problem"
)

func vectorInput(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testvectors", rel))
	require.NoError(t, err)
	var v struct {
		Input json.RawMessage `json:"input"`
	}
	require.NoError(t, json.Unmarshal(data, &v))
	return v.Input
}

// TestErrorResultsAreNilInterfaces calls every exported function of the core with
// an error result on a good input and requires a nil error interface (not a nil
// *problem.Error inside a non-nil interface), and on a bad input an error that
// errors.As finds a *problem.Error in.
func TestErrorResultsAreNilInterfaces(t *testing.T) {
	var intent payreq.Intent
	require.NoError(t, json.Unmarshal(vectorInput(t, "pay.build/server_to_server.json"), &intent))
	var note notify.Input
	require.NoError(t, json.Unmarshal(vectorInput(t, "notification.parse/seed_notify_payment_3d.json"), &note))
	seed := vectorInput(t, "pay.validate/seed_server_to_server.json")
	var seedIn struct {
		Request json.RawMessage `json:"request"`
	}
	require.NoError(t, json.Unmarshal(seed, &seedIn))
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	good := map[string]func() error{
		"payreq.Validate": func() error { _, err := payreq.Validate(seedIn.Request, now, ""); return err },
		"payreq.Build":    func() error { _, err := payreq.Build(intent); return err },
		"payreq.ParseNow": func() error { _, err := payreq.ParseNow("2026-11-28T00:00:00Z", "now"); return err },
		"notify.Parse":    func() error { _, err := notify.Parse(note); return err },
		"outbound.Build":  func() error { _, err := outbound.Build("pay", []byte("{}"), nil); return err },
		"followup.BuildCancel": func() error {
			_, err := followup.BuildCancel(followup.CancelIntent{PaymentID: "P1"})
			return err
		},
		"problem.DecodeStrict": func() error { var v struct{}; return problem.DecodeStrict([]byte("{}"), &v) },
	}
	for name, op := range catalogue {
		input := []byte("{}")
		if files, _ := filepath.Glob(filepath.Join("..", "testvectors", name, "*.json")); len(files) > 0 {
			for _, f := range files {
				in := vectorInput(t, filepath.Join(name, filepath.Base(f)))
				if _, err := op(in); err == nil {
					input = in
					break
				}
			}
		}
		good["op "+name] = func() error { _, err := op(input); return err }
	}
	for name, call := range good {
		err := call()
		require.True(t, err == nil, "%s: a nil error must be a nil interface, got %#v", name, err)
	}
	_, err := lifecycle.Apply(nil, lifecycle.Event{}, "")
	require.Error(t, err)
	var perr *problem.Error
	require.True(t, errors.As(err, &perr))
	require.Equal(t, problem.BadInput, perr.Code)
	_, err = payreq.Validate([]byte("{"), now, "")
	require.True(t, errors.As(err, &perr))
	require.Equal(t, problem.BadJSON, perr.Code)
	require.True(t, errors.Is(err, &problem.Error{Code: problem.BadJSON}))
}
