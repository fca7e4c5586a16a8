package payreq

import (
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/money"
)

// tags is the validator for antom wire types, with paycore's custom rules registered
// once. validator keeps an internal, concurrency-safe cache of struct metadata; that
// cache is a memo of the (immutable) types, not state that changes any answer.
var tags = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	must(v.RegisterValidation("antomurl", func(fl validator.FieldLevel) bool {
		return absoluteURL(fl.Field().String())
	}))
	must(v.RegisterValidation("rfc3339", func(fl validator.FieldLevel) bool {
		_, err := time.Parse(time.RFC3339, fl.Field().String())
		return err == nil
	}))
	v.RegisterStructValidation(func(sl validator.StructLevel) {
		a := sl.Current().Interface().(money.Amount)
		if err := a.Validate(); err != nil {
			me := err.(*money.Error)
			field := "value"
			if strings.HasPrefix(me.Reason, "currency") {
				field = "currency"
			}
			sl.ReportError(a, field, field, "amount:"+me.Reason, me.Message)
		}
	}, money.Amount{})
	v.RegisterStructValidation(func(sl validator.StructLevel) {
		s := sl.Current().Interface().(antom.SettlementStrategy)
		if s.SettlementCurrency != "" && !money.Known(s.SettlementCurrency) {
			sl.ReportError(s.SettlementCurrency, "settlementCurrency", "settlementCurrency", "currency", "")
		}
	}, antom.SettlementStrategy{})
	// Parse every tag now: a bad tag fails at start-up, not on a merchant's request,
	// and the first real call does not pay for building validator's struct cache.
	_ = v.Struct(&antom.PayRequest{})
	return v
}

func must(err error) {
	if err != nil {
		panic(err) // only at init, with constant arguments
	}
}

// absoluteURL reports whether s is an absolute http(s) URL of at most 2048 bytes
// with a host, as Antom requires for paymentRedirectUrl and paymentNotifyUrl.
func absoluteURL(s string) bool {
	if len(s) > 2048 {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
