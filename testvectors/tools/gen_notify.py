"""Writes notification.parse vectors: the seed's notifications (and a few more) signed
with the test "Antom" key through notification.sign, then parsed with its public key."""
import json, os, subprocess, copy
os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
K = lambda n: open('testvectors/keys/' + n).read().strip()
antom_priv, antom_pub = K('antom_private_pkcs8.b64'), K('antom_public.pem')
seed = json.load(open('/tmp/seed_blocks.json')) if os.path.exists('/tmp/seed_blocks.json') else None
blocks = json.load(open('testvectors/tools/seed_responses.json'))
CID, PATH = 'SANDBOX_5Y0A2N2Y3B5J04251', '/antom/notify'
def call(op, inp):
    out = subprocess.run(['go', 'run', './hosts/cli', 'call', op, '-'], input=json.dumps(inp).encode(), capture_output=True).stdout
    return json.loads(out)
def signed(notif, t='1795827602000', raw=None):
    inp = {"path": PATH, "clientId": CID, "requestTime": t, "privateKey": antom_priv}
    if raw is not None: inp["body"] = raw
    else: inp["notification"] = notif
    return call('notification.sign', inp)['result']
def w(name, note, inp):
    json.dump({"note": note, "op": "notification.parse", "input": inp}, open(f'testvectors/notification.parse/{name}.json', 'w'), indent=2, ensure_ascii=False)
def parse_input(s, **kw):
    d = {"path": PATH, "headers": s['headers'], "body": s['body'], "publicKey": antom_pub}
    d.update(kw); return d
n3d, n_non3d, n_kr = blocks['notify_3d'], blocks['notify_non3d'], blocks['notify_korean']
w('seed_notify_payment_3d', "the seed's notifyPayment (3D): verified, succeeded, 3DS eci 02 decoded, exact ack, dedupe key", parse_input(signed(n3d)))
w('seed_notify_payment_non3d', "the seed's notifyPayment (non-3D)", parse_input(signed(n_non3d)))
w('seed_notify_payment_korean', "the seed's Korean issuer-authentication notifyPayment", parse_input(signed(n_kr)))
w('seed_notify_payment_3d_resend', "the same notification resent later with a new request-time and signature has the same dedupe key", parse_input(signed(n3d, t='1795827722000')))
pend = copy.deepcopy(n_non3d); pend['notifyType'] = 'PAYMENT_PENDING'
w('payment_pending_s', 'PAYMENT_PENDING with S means still processing, not success', parse_input(signed(pend)))
fail = copy.deepcopy(n_non3d); fail['result'] = {"resultCode": "DO_NOT_HONOR", "resultStatus": "F", "resultMessage": "Do not honor"}
w('payment_result_f_do_not_honor', 'a declined payment (DO_NOT_HONOR) is failed with the documented next step', parse_input(signed(fail)))
unk = copy.deepcopy(n_non3d); unk['result'] = {"resultCode": "BRAND_NEW_CODE", "resultStatus": "F", "resultMessage": "?"}
w('payment_result_f_unknown_code', 'an unknown code under F is a generic failure, not a guessed cause', parse_input(signed(unk)))
tok = copy.deepcopy(n_non3d); tok['paymentResultInfo']['cardToken'] = 'ALIPAY_CARD_TOKEN_5f3a'; tok['paymentResultInfo']['cardBrand'] = 'VISA'; tok['paymentResultInfo']['lastFour'] = '0768'
w('payment_result_card_token', 'the card token for the next saved-card payment is surfaced', parse_input(signed(tok)))
cap = {"notifyType": "CAPTURE_RESULT", "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}, "captureRequestId": "CAP_0001", "paymentId": "2020010123456789XXXX", "captureId": "2020010123456789CAPT", "captureAmount": {"currency": "EUR", "value": "8000"}, "captureTime": "2026-11-28T10:00:00+08:00"}
w('capture_result_s', 'notifyCapture S: captured, terminal', parse_input(signed(cap)))
capf = copy.deepcopy(cap); capf['result'] = {"resultCode": "AUTH_EXPIRED", "resultStatus": "F", "resultMessage": "auth expired"}
w('capture_result_f_auth_expired', 'notifyCapture F AUTH_EXPIRED: failed with the right next step', parse_input(signed(capf)))
ref = {"notifyType": "REFUND_RESULT", "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}, "refundStatus": "SUCCESS", "refundRequestId": "REF_0001", "refundId": "2020010123456789REFD", "refundAmount": {"currency": "EUR", "value": "8000"}, "refundTime": "2026-11-29T10:00:00+08:00", "arn": "74537604000000000000001"}
w('refund_result_s', 'notifyRefund S', parse_input(signed(ref)))
s = signed(n3d)
w('err_tampered_body', 'one changed byte of the body: BAD_SIGNATURE signature_mismatch, and no ack', parse_input(s, body=s['body'].replace('8000', '9000')))
w('err_wrong_path', 'verified against another path: BAD_SIGNATURE', parse_input(s, path='/other'))
w('err_missing_signature', 'no signature header: BAD_SIGNATURE missing_header', parse_input(s, headers={k: v for k, v in s['headers'].items() if k != 'signature'}))
w('err_bad_public_key', 'an unreadable public key is BAD_KEY', parse_input(s, publicKey='not a key'))
w('err_no_public_key', 'verification is the default: without publicKey (and without "verify": false) the notification is not read', {"path": PATH, "headers": s['headers'], "body": s['body']})
w('unverified_verify_false', '"verify": false parses without verifying: verified false, no ack, action none, only the parsed fields', {"path": PATH, "headers": s['headers'], "body": s['body'], "verify": False})
w('err_verify_false_with_key', '"verify": false together with a publicKey contradict each other', parse_input(s, verify=False))
w('headers_as_arrays', "headers as Go's http.Header marshals them (arrays of strings) are accepted and verify", parse_input(s, headers={k.title(): [v] for k, v in s['headers'].items()}))
w('err_headers_repeated_client_id', 'a header given twice with different values is combined as HTTP does and no longer verifies', parse_input(s, headers=dict(s['headers'], **{'client-id': [s['headers']['client-id'], 'OTHER']})))
w('err_path_full_url', 'a path given as the full notify URL gets a hint naming the path, not a bare signature_mismatch', parse_input(s, path='https://merchant.example/antom/notify?x=1'))
rfc = signed(n3d, t='2026-11-28T09:00:02+08:00')
w('rfc3339_request_time_signed_as_ms', 'notification.sign converts an RFC 3339 request time to epoch milliseconds before signing: the same headers as the epoch form', parse_input(rfc))
w('freshness_opt_in_ok', 'with toleranceSeconds the request-time is checked against now (within)', parse_input(s, now='2026-11-28T01:01:00Z', toleranceSeconds=300))
w('err_freshness_stale', 'with toleranceSeconds a stale request-time is BAD_SIGNATURE time_outside_tolerance', parse_input(s, now='2026-11-28T03:00:00Z', toleranceSeconds=300))
bad = signed(None, raw='{"notifyType": "PAYMENT_RESULT", ')
w('err_malformed_body', 'a body that is not JSON (but correctly signed) is BAD_JSON under body', parse_input(bad))
odd = copy.deepcopy(n_non3d); odd['notifyType'] = 'SOMETHING_NEW'
w('unknown_notify_type', 'an undocumented notifyType is acknowledged but read as unknown: inquire', parse_input(signed(odd)))
man = parse_input(signed(n_non3d)); man['context'] = {"captureMode": "MANUAL"}
w('payment_result_s_manual_capture', 'with captureMode MANUAL in the context, a successful notifyPayment says: capture', man)
print('ok')
