package payreq

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/problem"
)

var now = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func seedRequest(t testing.TB, name string) []byte {
	var in struct {
		Request json.RawMessage `json:"request"`
	}
	require.NoError(t, json.Unmarshal(loadExample(t, name), &in))
	return in.Request
}

func TestSeedSamplesValidate(t *testing.T) {
	for name, mode := range map[string]Mode{
		"seed_server_to_server": ServerToServer, "seed_hosted": Hosted, "seed_issuer_auth": IssuerAuth,
	} {
		res, perr := concrete(Validate(seedRequest(t, name), now, ""))
		require.Nil(t, perr)
		require.True(t, res.Valid, "%s: %+v", name, res.Violations)
		require.Empty(t, res.Violations)
		require.Equal(t, mode, res.Mode, name)
	}
}

func TestSchemasFitTheDuplicateBitmask(t *testing.T) {
	seen := map[*schema]bool{}
	var walk func(s *schema)
	walk = func(s *schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		require.LessOrEqual(t, len(s.fields), 64)
		for _, f := range s.fields {
			walk(f.child)
		}
		walk(s.elem)
	}
	walk(paySchema)
	walk(intentSchema)
	require.Greater(t, len(seen), 10)
}

func TestHint(t *testing.T) {
	names := paySchema.fields["paymentMethod"].child.fields["paymentMethodMetaData"].child.names
	for key, want := range map[string]string{
		"enableAuthenticationUpgrate": "enableAuthenticationUpgrade",
		"CardNo":                      "cardNo",
		"expiryYaer":                  "expiryYear",
		"is3DSAuthenticaton":          "is3DSAuthentication",
		"riskScore":                   "",
		"x":                           "",
	} {
		require.Equal(t, want, hint(key, names), key)
	}
}

func TestScannerReportsEveryIssueWithPaths(t *testing.T) {
	raw := []byte(`{"paymentMethod":{"paymentMethodMetaData":{"cardNo":4111,"isCardOnFile":"yes","expiryYaer":"29"}},
		"env":{"timeZoneOffset":"48px","screenWidth":"1024"},"order":{"goods":[{},{"goodsQuantity":true}]},"paymentRequestId":"a","paymentRequestId":"b"}`)
	sc := scanKeys(raw, paySchema)
	var got []string
	for _, is := range sc.issues {
		got = append(got, fmt.Sprintf("%s|%s|%s|%v|%d", is.path, is.key, is.hint, is.dup, is.want))
	}
	require.ElementsMatch(t, []string{
		"paymentMethod.paymentMethodMetaData.cardNo|||false|3",
		"paymentMethod.paymentMethodMetaData.isCardOnFile|||false|4",
		"paymentMethod.paymentMethodMetaData|expiryYaer|expiryYear|false|0",
		"env.timeZoneOffset|||false|5",
		"order.goods[1].goodsQuantity|||false|6",
		"|paymentRequestId||true|0",
	}, got)
}

func TestFlexibleScalarsRoundTripInTheSeedForm(t *testing.T) {
	var md antom.CardMetaData
	require.NoError(t, json.Unmarshal([]byte(`{"isCardOnFile":"false","tokenize":"true","is3DSAuthentication":false}`), &md))
	require.True(t, md.IsCardOnFile.IsFalse())
	require.True(t, md.Tokenize.IsTrue())
	require.True(t, md.Is3DSAuthentication.IsFalse())
	require.False(t, md.EnableAuthenticationUpgrade.IsSet())
	out, err := json.Marshal(md)
	require.NoError(t, err)
	require.JSONEq(t, `{"isCardOnFile":false,"tokenize":true,"is3DSAuthentication":false}`, string(out))

	var env antom.Env
	require.NoError(t, json.Unmarshal([]byte(`{"terminalType":"WEB","colorDepth":"48","screenHeight":768}`), &env))
	out, err = json.Marshal(env)
	require.NoError(t, err)
	require.JSONEq(t, `{"terminalType":"WEB","colorDepth":"48","screenHeight":"768"}`, string(out))

	var g antom.Goods
	require.NoError(t, json.Unmarshal([]byte(`{"goodsQuantity":10}`), &g))
	out, err = json.Marshal(g)
	require.NoError(t, err)
	require.JSONEq(t, `{"goodsQuantity":"10"}`, string(out))
}

// TestBuildOutputAlwaysValidates builds random valid intents of every mode and
// checks each body passes Validate with no violations, byte for byte deterministic.
func TestBuildOutputAlwaysValidates(t *testing.T) {
	var base Intent
	require.NoError(t, json.Unmarshal(loadExample(t, "intent_server_to_server"), &base))
	r := rand.New(rand.NewPCG(1, 2))
	cards := []string{"4054695723100768", "5162774114974622", "378282246310005", "3530111333300000", "6011111111111117", "4035501000000008"}
	currencies := []struct{ code, major string }{{"EUR", "300.00"}, {"JPY", "3000"}, {"KWD", "1.234"}, {"IDR", "150000.00"}, {"TWD", "99.5"}, {"USD", "0.01"}}
	for i := range 300 {
		in := base
		in.PaymentRequestID = fmt.Sprintf("PAY_%04d", i)
		c := currencies[r.IntN(len(currencies))]
		in.Amount = IntentAmount{Currency: c.code, Major: c.major}
		in.SettlementCurrency = c.code
		in.ThreeDS = antom.BoolOf(r.IntN(2) == 0)
		in.AuthenticationUpgrade = []antom.Bool{{}, antom.True, antom.False}[r.IntN(3)]
		in.CaptureMode = []antom.CaptureMode{"", antom.CaptureAutomatic, antom.CaptureManual}[r.IntN(3)]
		o := *base.Order
		o.OrderAmount = nil
		in.Order = &o
		switch mode := []Mode{ServerToServer, Hosted, IssuerAuth, SavedCard}[r.IntN(4)]; mode {
		case ServerToServer:
			cardCopy := *base.Card
			pan := cards[r.IntN(len(cards))]
			cardCopy.Number = antomPAN(pan)
			cardCopy.CVV = "123"
			if strings.HasPrefix(pan, "37") {
				cardCopy.CVV = "1234"
			}
			in.Card = &cardCopy
		case Hosted:
			in.Mode, in.Card = Hosted, nil
		case IssuerAuth:
			in.Mode, in.Card, in.CaptureMode = IssuerAuth, nil, antom.CaptureAutomatic
			in.CardBrand = []antom.CardBrand{"SAMSUNG", "HYUNDAI", "KOOKMIN", "BC", "LOTTE"}[r.IntN(5)]
		case SavedCard:
			in.Mode, in.Card, in.CardToken = SavedCard, nil, fmt.Sprintf("TOKEN_%d", i)
		}
		if in.Card != nil {
			in.Mode = ServerToServer
		}
		b1, perr := concrete(Build(in))
		require.Nil(t, perr, "intent %d (%s): %v", i, in.Mode, perr)
		b2, _ := Build(in)
		require.Equal(t, b1.Body, b2.Body, "build is not deterministic")
		res, perr := concrete(Validate([]byte(b1.Body), now, in.Mode))
		require.Nil(t, perr)
		require.True(t, res.Valid, "intent %d (%s) built an invalid body: %+v", i, in.Mode, res.Violations)
		require.Equal(t, in.Mode, res.Mode)
		if in.Mode == IssuerAuth {
			require.Contains(t, b1.Body, `"paymentMethod":{"paymentMethodType":"CARD","requireIssuerAuthentication":true`)
		}
	}
}

func antomPAN(s string) card.PAN { return card.PAN(s) }

func TestBuildErrorsAreViolations(t *testing.T) {
	var in Intent
	require.NoError(t, json.Unmarshal(loadExample(t, "intent_server_to_server"), &in))
	in.Mode = IssuerAuth
	in.Card = nil
	in.CaptureMode = antom.CaptureManual
	_, perr := concrete(Build(in))
	require.NotNil(t, perr)
	require.Equal(t, problem.ValidationFailed, perr.Code)
	require.Equal(t, "captureMode", perr.Violations[0].Field)
}

// FuzzValidate feeds arbitrary request bytes to pay.validate: it never panics, always
// returns a result or a closed error code, and never echoes a card number it found.
func FuzzValidate(f *testing.F) {
	files, _ := filepath.Glob("../../testvectors/pay.validate/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		var v struct {
			Input struct {
				Request json.RawMessage `json:"request"`
			} `json:"input"`
		}
		if json.Unmarshal(data, &v) == nil && len(v.Input.Request) > 0 {
			f.Add([]byte(v.Input.Request))
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, perr := concrete(Validate(raw, now, ""))
		if perr != nil {
			require.Contains(t, []problem.Code{problem.BadJSON, problem.BadInput}, perr.Code)
			return
		}
		require.Equal(t, len(res.Violations) == 0, res.Valid)
		var req antom.PayRequest
		if json.Unmarshal(raw, &req) == nil && req.PaymentMethod != nil && req.PaymentMethod.PaymentMethodMetaData != nil {
			if pan := string(req.PaymentMethod.PaymentMethodMetaData.CardNo); len(pan) >= 12 {
				out, _ := json.Marshal(res)
				require.NotContains(t, string(out), pan)
			}
		}
	})
}
