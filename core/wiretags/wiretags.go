// Package wiretags runs the validator/v10 struct tags of the antom wire types: one
// validator instance with paycore's custom rules registered once, field paths in
// Antom's JSON names, and one message per rule. pay.validate, pay.build and the
// follow-up builds all check tags through it.
package wiretags

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/problem"
)

// v is the validator. validator/v10 keeps an internal, concurrency-safe cache of
// struct metadata; that cache depends only on the (immutable) types, so it is a
// memo, not state that changes any answer.
var v = newValidator()

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
		return AbsoluteURL(fl.Field().String(), 2048)
	}))
	must(v.RegisterValidation("rfc3339", func(fl validator.FieldLevel) bool {
		_, err := time.Parse(time.RFC3339, fl.Field().String())
		return err == nil
	}))
	// The built-ins validator implements with regular expressions, replaced by
	// exact loops (rules.go).
	must(v.RegisterValidation("email", isEmail))
	must(v.RegisterValidation("numeric", isNumeric))
	must(v.RegisterValidation("alpha", isAlpha))
	must(v.RegisterValidation("printascii", isPrintASCII))
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
	v.RegisterStructValidation(func(sl validator.StructLevel) {
		e := sl.Current().Interface().(antom.Env)
		if e.OsType == "" && (e.TerminalType == antom.TerminalWap || e.TerminalType == antom.TerminalApp) {
			sl.ReportError(e.OsType, "osType", "osType", "os_for_terminal", "")
		}
	}, antom.Env{})
	// Parse every tag now: a bad tag fails at start-up, not on a merchant's request,
	// and the first real call does not pay for building validator's struct cache.
	_ = v.Struct(&antom.PayRequest{})
	_ = v.Struct(&antom.Env{})
	return v
}

func must(err error) {
	if err != nil {
		panic(err) // only at init, with constant arguments
	}
}

// Check runs the tags of s (a pointer to an antom struct) and returns one violation
// per broken tag. prefix is prepended to the field paths, which are otherwise
// relative to s ("paymentMethod.paymentMethodMetaData.cardNo").
func Check(s any, prefix string) []problem.Violation {
	// validator is given a copy of *s: the fields of a value that is not addressable
	// are read without the one heap copy per field that validator's Valuer check
	// makes of an addressable one (see core/antom/validatorvalue.go).
	if rv := reflect.ValueOf(s); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		s = rv.Elem().Interface()
	}
	err := v.Struct(s)
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return nil
	}
	out := make([]problem.Violation, 0, len(ves))
	for _, fe := range ves {
		field := fe.Namespace()
		if _, rest, ok := strings.Cut(field, "."); ok {
			field = rest
		}
		if prefix != "" {
			field = prefix + "." + field
		}
		rule, msg := describe(fe)
		out = append(out, problem.Violation{Field: field, Rule: rule, Message: msg})
	}
	return out
}

func describe(fe validator.FieldError) (rule, msg string) {
	tag, param := fe.Tag(), fe.Param()
	if reason, ok := strings.CutPrefix(tag, "amount:"); ok {
		return reason, param
	}
	switch tag {
	case "required":
		return "required", "is required"
	case "max":
		if fe.Kind() == reflect.Slice {
			return "max", "must have at most " + param + " items"
		}
		return "max", "must be at most " + param + " characters"
	case "len":
		return "len", "must be exactly " + param + " characters"
	case "eq":
		return "eq", "must be " + param
	case "oneof":
		return "oneof", "must be one of " + strings.ReplaceAll(param, " ", ", ")
	case "antomurl":
		return "url", "must be an absolute http(s) URL of at most 2048 characters"
	case "rfc3339":
		return "datetime", "must be an ISO 8601 date-time with a time zone, e.g. 2024-01-01T12:00:00+08:00"
	case "email":
		return "email", "must be an email address"
	case "ip":
		return "ip", "must be an IPv4 or IPv6 address"
	case "numeric":
		return "numeric", "must be a number"
	case "alpha", "uppercase":
		return "format", "must be an upper-case ISO 3166 alpha-2 code"
	case "printascii":
		return "format", "must be printable ASCII"
	case "currency":
		return "currency_unknown", "must be an ISO 4217 currency code"
	case "os_for_terminal":
		return "required", "osType (IOS or ANDROID) is required when terminalType is WAP or APP"
	}
	return tag, "breaks the " + tag + " rule"
}

// AbsoluteURL reports whether s is an absolute http(s) URL with a host, of at most
// max bytes, as Antom requires for its redirect and notify URLs.
func AbsoluteURL(s string, max int) bool {
	if len(s) > max {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
