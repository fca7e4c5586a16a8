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
add('notification.parse/unverified_verify_false.json', ok(verified=False, ack=None, action={"kind": "none"}, api="notifyPayment"))
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

def main():
    missing = []
    for rel, e in sorted(EXPECT.items()):
        if not os.path.exists(rel):
            missing.append(rel); continue
        v = json.load(open(rel))
        out = {k: v[k] for k in ('note', 'op', 'inputRaw', 'input') if k in v}
        out['expect'] = e
        if 'want' in v: out['want'] = v['want']
        with open(rel, 'w') as f:
            json.dump(out, f, indent=2, ensure_ascii=False); f.write('\n')
    if missing: sys.exit('missing vectors: ' + ', '.join(missing))
    print(len(EXPECT), 'expects')
main()
