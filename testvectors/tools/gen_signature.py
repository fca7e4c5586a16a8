"""Writes signature.sign / signature.verify / notification.sign vectors. Signatures in
verify inputs come from running the native core (paycore call signature.sign) so every
negative vector starts from a real signature and breaks one thing."""
import json, os, subprocess
os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
K = lambda n: open('testvectors/keys/' + n).read().strip()
merchant_b64, merchant_pem8, merchant_pem1 = K('merchant_private_pkcs8.b64'), K('merchant_private_pkcs8.pem'), K('merchant_private_pkcs1.pem')
merchant_pub_b64, merchant_pub_pem = K('merchant_public_spki.b64'), K('merchant_public.pem')
antom_b64, antom_pub_b64, antom_pub_pem = K('antom_private_pkcs8.b64'), K('antom_public_spki.b64'), K('antom_public.pem')
ec = K('ec_private.pem')
seed = json.load(open('testvectors/examples/seed_server_to_server.json'))['request']
seed_body = json.dumps(seed, separators=(',', ':'), ensure_ascii=False)
CID, T, PATH = 'SANDBOX_5Y0A2N2Y3B5J04251', '1764320400000', '/ams/sandbox/api/v1/payments/pay'
def call(op, inp):
    out = subprocess.run(['go', 'run', './hosts/cli', 'call', op, '-'], input=json.dumps(inp).encode(), capture_output=True).stdout
    return json.loads(out)
def w(op, name, note, inp):
    json.dump({"note": note, "op": op, "input": inp}, open(f'testvectors/{op}/{name}.json', 'w'), indent=2, ensure_ascii=False)
base = {"method": "POST", "path": PATH, "clientId": CID, "requestTime": T, "body": seed_body, "privateKey": merchant_b64}
w('signature.sign', 'seed_server_to_server', "signs the seed's server-to-server request on the sandbox path; PKCS#1 v1.5 is deterministic, so the signature is golden", base)
w('signature.sign', 'pem_pkcs1_same_signature', 'a PEM PKCS#1 key gives the same signature as the base64 PKCS#8 dashboard key', dict(base, privateKey=merchant_pem1))
w('signature.sign', 'pem_pkcs8_key_version_2', 'PEM PKCS#8 and keyVersion 2', dict(base, privateKey=merchant_pem8, keyVersion="2"))
w('signature.sign', 'empty_body', 'an empty body is signed as an empty string after the last dot', dict(base, body=""))
w('signature.sign', 'err_ec_key', 'an EC key is BAD_KEY: Antom uses RSA', dict(base, privateKey=ec))
w('signature.sign', 'err_public_key_as_private', 'a public key where the private key belongs is BAD_KEY with that reason', dict(base, privateKey=merchant_pub_b64))
w('signature.sign', 'err_truncated_key', 'truncated base64 is BAD_KEY', dict(base, privateKey=merchant_b64[:100]))
w('signature.sign', 'err_missing_time', 'requestTime is required', {k: v for k, v in base.items() if k != 'requestTime'})
sig = call('signature.sign', base)['result']['signature']
v = {"method": "POST", "path": PATH, "clientId": CID, "requestTime": T, "body": seed_body, "signature": sig, "publicKey": merchant_pub_b64}
w('signature.verify', 'valid', 'a signature made by signature.sign verifies with the matching SPKI public key', v)
w('signature.verify', 'valid_pem_public_key', 'the same with the public key as PEM', dict(v, publicKey=merchant_pub_pem))
raw = sig.replace('%2B', '+').replace('%2F', '/').replace('%3D', '=')
w('signature.verify', 'valid_raw_base64', 'a raw (not URL-encoded) base64 signature also verifies: the SDK pitfall with + is avoided', dict(v, signature=raw))
w('signature.verify', 'valid_reordered_params', 'header parameters in any order, with spaces and an extra parameter, parse', dict(v, signature=sig.replace('algorithm=RSA256,keyVersion=1,', 'keyVersion=1, algorithm=RSA256 , extra=x,')))
w('signature.verify', 'mismatch_body', 'one changed body byte is signature_mismatch', dict(v, body=seed_body.replace('30000', '30001', 1)))
w('signature.verify', 'mismatch_wrong_key', "the wrong public key (Antom's instead of the merchant's) is signature_mismatch", dict(v, publicKey=antom_pub_b64))
w('signature.verify', 'mismatch_path', 'the live path instead of the sandbox path is signature_mismatch', dict(v, path='/ams/api/v1/payments/pay'))
w('signature.verify', 'missing_signature', 'an empty signature is missing_header', dict(v, signature=''))
w('signature.verify', 'malformed_header', 'a header without signature= is malformed_header', dict(v, signature='algorithm=RSA256,keyVersion=1'))
w('signature.verify', 'unsupported_algorithm', 'algorithm=RSA512 is unsupported_algorithm', dict(v, signature=sig.replace('RSA256', 'RSA512')))
w('signature.verify', 'bad_signature_encoding', 'a signature that is not base64 is bad_signature_encoding', dict(v, signature='algorithm=RSA256,keyVersion=1,signature=not*base64!'))
w('signature.verify', 'err_bad_public_key', 'an unreadable public key is BAD_KEY (an input error, not a verification result)', dict(v, publicKey='MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'))
w('signature.verify', 'time_outside_tolerance', 'with toleranceSeconds, a signed time 10 minutes off is time_outside_tolerance', dict(v, now='2025-11-28T09:10:00Z', toleranceSeconds=300))
w('signature.verify', 'time_within_tolerance', 'the signed time (2025-11-28T09:00:00Z) within 300 s of now verifies', dict(v, now='2025-11-28T09:02:00Z', toleranceSeconds=300))
# bad_time needs a signature over an unparseable time, which signature.sign no longer
# makes (it refuses such a time): the existing vector is kept as it is.
w('signature.sign', 'rfc3339_converted', 'an RFC 3339 request time is converted to epoch milliseconds, signed as such and returned to send', dict(base, requestTime='2025-11-28T09:00:00Z'))
w('signature.sign', 'err_bad_time', 'a request time that is neither epoch milliseconds nor RFC 3339 is refused, not signed', dict(base, requestTime='yesterday'))
# notifications: sign with the test "Antom" key, verify through headers
notif = {"notifyType": "PAYMENT_RESULT", "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
         "paymentRequestId": "PAY_20261128_0001", "paymentId": "20261128194010800100188570271832381",
         "paymentAmount": {"value": "30000", "currency": "EUR"}, "paymentCreateTime": "2026-11-28T09:00:00+08:00", "paymentTime": "2026-11-28T09:00:01+08:00"}
n = {"path": "/antom/notify", "clientId": CID, "requestTime": "1795827602000", "notification": notif, "privateKey": antom_b64}
w('notification.sign', 'payment_result', 'a signed notifyPayment as Antom would send it, for offline tests (the test-helper SDK users ask for)', n)
w('notification.sign', 'raw_body', 'a raw body string is signed byte for byte', {k: v for k, v in dict(n, body='{"notifyType":"PAYMENT_PENDING"}').items() if k != 'notification'})
w('notification.sign', 'rfc3339_converted', 'an RFC 3339 requestTime is sent and signed as epoch milliseconds, the form Antom sends', dict(n, requestTime='2026-11-28T09:00:02+08:00'))
w('notification.sign', 'err_full_url_path', 'a full URL as path is refused with the path to use', dict(n, path='https://merchant.example/antom/notify'))
w('notification.sign', 'err_both', 'notification and body together are refused', dict(n, body='{}'))
signed = call('notification.sign', n)['result']
nv = {"kind": "notification", "path": "/antom/notify", "headers": signed['headers'], "body": signed['body'], "publicKey": antom_pub_pem}
w('signature.verify', 'notification_valid', 'a notification from notification.sign verifies through its headers (over the raw body, with your notify path)', nv)
w('signature.verify', 'notification_wrong_path', 'verified against another notify path it is signature_mismatch', dict(nv, path='/other/notify'))
w('signature.verify', 'notification_missing_client_id', 'a notification without client-id is missing_header naming it', dict(nv, headers={k: v for k, v in signed['headers'].items() if k != 'client-id'}))
w('signature.verify', 'notification_headers_as_arrays', "headers in Go's http.Header form (arrays of strings) are accepted", dict(nv, headers={k.title(): [v] for k, v in signed['headers'].items()}))
w('signature.verify', 'notification_err_full_url_path', 'a full URL as the notify path gets a hint naming the path, not a bare signature_mismatch', dict(nv, path='https://merchant.example/antom/notify'))
w('signature.verify', 'notification_headers_any_case', 'header names are case-insensitive', dict(nv, headers={k.upper(): v for k, v in signed['headers'].items()}))
w('signature.verify', 'notification_reencoded_body', 'the body re-marshalled with spaces no longer verifies: verify the raw bytes, never re-marshal', dict(nv, body=json.dumps(json.loads(signed['body']))))
print('ok')
