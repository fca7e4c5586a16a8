"""Adds the hand-written `expect` of each listed vector (the rule the vector states,
written from its note, not copied from want). Run it after the gen_*.py scripts and
after `go test ./testvectors -update`, which write vectors without expect."""
import json, os, sys
os.chdir(os.path.join(os.path.dirname(__file__), '..'))

def ok(**result): return {"ok": True, "result": result}
def err(code, **kw): return {"ok": False, "error": dict(code=code, **kw)}
def viol(field, rule): return {"field": field, "rule": rule}

EXPECT = {}
def add(path, e): EXPECT[path] = e

# Verification by default.
add('notification.parse/err_no_public_key.json', err('BAD_INPUT', field='publicKey'))
add('notification.parse/unverified_verify_false.json', ok(verified=False, ack=None, outcome="unknown", terminal=False, action={"kind": "none"}, api="notifyPayment", resultStatus="S"))
add('notification.parse/err_verify_false_with_key.json', err('BAD_INPUT', field='verify'))
# Consistent inputs: headers as arrays, a path that is a URL.
add('notification.parse/headers_as_arrays.json', ok(verified=True, outcome="authorized"))
add('notification.parse/err_headers_repeated_client_id.json', err('BAD_SIGNATURE', reason='signature_mismatch'))
add('notification.parse/err_path_full_url.json', err('BAD_INPUT', field='path'))
add('signature.verify/notification_headers_as_arrays.json', ok(valid=True))
add('signature.verify/notification_err_full_url_path.json', err('BAD_INPUT', field='path'))
add('notification.sign/err_full_url_path.json', err('BAD_INPUT', field='path'))
# Request time as epoch milliseconds.
add('notification.parse/rfc3339_request_time_signed_as_ms.json', ok(verified=True))
add('notification.sign/rfc3339_converted.json', ok(headers={"request-time": "1795827602000"}))
add('signature.sign/rfc3339_converted.json', ok(requestTime="1764320400000"))
add('signature.sign/err_bad_time.json', err('BAD_INPUT', field='requestTime'))
add('pay.build/signed_rfc3339_request_time.json', ok(headers={"Request-Time": "1764320400000"}))
add('pay.build/err_signing_bad_time.json', err('BAD_INPUT', field='signing.requestTime'))
# Env strings.
add('pay.build/env_numbers_sent_as_strings.json', {"ok": True})
add('consult.build/err_env_mistyped_number.json', err('VALIDATION_FAILED', violations=[viol('env.screenWidth', 'numeric')]))
# Every field of Antom's specification is a known key.
add('pay.validate/spec_fields_known.json', ok(valid=True, violations=[]))
add('pay.validate/spec_field_wrong_type.json', ok(valid=False, violations=[viol('order.merchant.merchantType', 'type')]))
add('pay.validate/spec_object_walked.json', ok(valid=False, violations=[viol('agreementInfo.authStat', 'unknown_field')]))
add('pay.validate/spec_typo_outside_metadata.json', ok(valid=False, violations=[viol('order.referenceOrderld', 'unknown_field')]))
add('pay.validate/metadata_unknown_key_warns.json', ok(valid=True, violations=[], warnings=[viol('paymentMethod.paymentMethodMetaData.cardBin', 'unknown_field')]))
add('pay.validate/misspelt_key_hint.json', ok(valid=True, violations=[], warnings=[viol('paymentMethod.paymentMethodMetaData.enableAuthenticationUpgrate', 'unknown_field')]))
# No card number in any message.
add('pay.validate/pan_in_amount_value.json', ok(valid=False, violations=[{"field": "paymentAmount.value", "rule": "value_not_digits", "message": "amount value for EUR must contain only ASCII digits (minor units, no sign, point or spaces)"}]))
add('pay.validate/pan_in_currency.json', ok(valid=False, violations=[{"field": "paymentAmount.currency", "rule": "currency_format", "message": "currency is not three upper-case ASCII letters"}]))
add('pay.validate/pan_in_capture_mode.json', ok(valid=False, captureMode="", violations=[viol('paymentFactor.captureMode', 'oneof')]))
add('pay.validate/pan_as_key_name.json', ok(warnings=[{"field": "order.411734******6383", "rule": "unknown_field"}]))
add('pay.build/pan_in_amount_major.json', err('VALIDATION_FAILED', violations=[viol('amount.major', 'major_format')]))
add('pay.validate/capture_mode_unknown.json', ok(valid=False, captureMode="", violations=[viol('paymentFactor.captureMode', 'oneof')]))
add('pay.validate/selected_brand_unknown.json', ok(violations=[{"field": "paymentMethod.paymentMethodMetaData.selectedCardBrand", "rule": "oneof", "message": "the value is not an Antom card brand"}]))
# Intent errors in the intent's words.
add('pay.build/err_unknown_key_hint.json', err('BAD_INPUT', field='captureMod', message='unknown input key "captureMod": did you mean "captureMode"?'))
add('pay.build/err_signing_key_hint.json', err('BAD_INPUT', field='signing.key', message='unknown input key "signing.key": did you mean "signing.privateKey"?'))
add('pay.build/err_expiry_month_one_finding.json', err('VALIDATION_FAILED', message='the request breaks 1 rule', violations=[viol('card.expiryMonth', 'format')]))
add('pay.build/err_amount_number.json', err('BAD_JSON', field='amount.value'))
add('pay.build/err_redirect_url_intent_name.json', err('VALIDATION_FAILED', violations=[viol('redirectUrl', 'url')]))
add('pay.build/err_amount_major_zero_one_finding.json', err('VALIDATION_FAILED', message='the request breaks 1 rule', violations=[viol('amount.major', 'value_zero')]))
add('pay.build/err_card_luhn.json', err('VALIDATION_FAILED', violations=[viol('card.number', 'luhn')]))
add('pay.build/err_issuer_auth_visa.json', err('VALIDATION_FAILED', violations=[viol('cardBrand', 'korean_brand')]))
add('pay.build/err_card_expired.json', err('VALIDATION_FAILED', violations=[viol('card.expiryYear', 'expired')]))
add('consult.build/err_env_unknown_key.json', err('BAD_INPUT', field='env.terminal', message='unknown input key "env.terminal": did you mean "env.terminalType"?'))
# Wire-model slips.
add('response.interpret/pay_s_acquirer_info.json', ok(outcome="authorized"))
add('response.interpret/err_acquirer_info_not_object.json', err('BAD_JSON', field='response.acquirerInfo'))
add('notification.parse/refund_result_s.json', ok(verified=True, api="notifyRefund", paymentId=None, refundId="2020010123456789REFD", outcome="succeeded"))
add('consult.read/odd_values.json', ok(warnings=[{"field": "response.paymentOptions[0].paymentOptionDetail.supportCardBrands[4].cardBrand", "rule": "not_shown"}]))

def matches(exp, got):
    """EXPECT.md's partial match: objects by the keys they name, null as null or
    absent, non-empty arrays element by distinct element, [] only [] or absent."""
    if exp is None:
        return got is None
    if isinstance(exp, dict):
        return isinstance(got, dict) and all(
            matches(v, got.get(k)) if k in got else v is None for k, v in exp.items())
    if isinstance(exp, list):
        if not exp:
            return got in (None, [])
        if not isinstance(got, list):
            return False
        used = set()
        for e in exp:
            i = next((i for i, g in enumerate(got) if i not in used and matches(e, g)), None)
            if i is None:
                return False
            used.add(i)
        return True
    return exp == got

def main():
    missing = []
    for rel, e in sorted(EXPECT.items()):
        if not os.path.exists(rel):
            missing.append(rel); continue
        v = json.load(open(rel))
        out = {k: v[k] for k in ('note', 'op', 'inputRaw', 'input') if k in v}
        out['expect'] = e
        if 'want' in v:
            out['want'] = v['want']
            if not matches(e, v['want']):
                missing.append(rel + ' (want does not match expect)')
        with open(rel, 'w') as f:
            json.dump(out, f, indent=2, ensure_ascii=False); f.write('\n')
    if missing: sys.exit('problems: ' + ', '.join(missing))
    print(len(EXPECT), 'expects')
main()
