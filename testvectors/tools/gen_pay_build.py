"""Writes the pay.build vectors (inputs only); `go test ./testvectors -update` fills want."""
import json, copy, os
os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
s2s = json.load(open('testvectors/examples/intent_server_to_server.json'))
key_b64 = open('testvectors/keys/merchant_private_pkcs8.b64').read().strip()
key_pem1 = open('testvectors/keys/merchant_private_pkcs1.pem').read()
ec_pem = open('testvectors/keys/ec_private.pem').read()
DEL = object()
def mut(base, **kw):
    d = copy.deepcopy(base)
    for k, v in kw.items():
        if v is DEL: d.pop(k, None)
        else: d[k] = v
    return d
hosted = mut(s2s, mode="hosted", card=DEL, captureMode=DEL, paymentRequestId="PAY_HOSTED_0001", tokenize=True)
korean = mut(s2s, mode="issuer_auth", card=DEL, captureMode=DEL, threeDS=DEL, authenticationUpgrade=DEL,
             amount={"currency": "KRW", "value": "30000"}, settlementCurrency="USD", cardBrand="SAMSUNG",
             paymentRequestId="PAY_KR_0001")
korean["order"] = {"referenceOrderId": "ORDER_KR_0001", "orderDescription": "Coffee", "buyer": {"referenceBuyerId": "buyer-42"}}
saved = mut(s2s, mode="saved_card", card=DEL, cardToken="ALIPAY_CARD_TOKEN_5f3a", paymentRequestId="PAY_SAVED_0001", threeDS=DEL, authenticationUpgrade=DEL)
sign = lambda cid, key=key_b64: {"clientId": cid, "requestTime": "1764320400000", "privateKey": key}
cases = [
 ("server_to_server", "server-to-server: decimal amount to minor units, spaces stripped from the card number, 4-digit year cut to 2, explicit false flags emitted", s2s),
 ("server_to_server_signed_sandbox", "a SANDBOX_ client id signs the sandbox path; PKCS#1 v1.5 is deterministic so the Signature header is golden", mut(s2s, signing=sign("SANDBOX_5Y0A2N2Y3B5J04251"))),
 ("server_to_server_signed_live_pkcs1", "a live client id signs /ams/api/...; a PEM PKCS#1 key gives the same signature as the base64 PKCS#8 one", mut(s2s, signing=sign("5Y0A2N2Y3B5J04251", key_pem1))),
 ("server_to_server_content_to_sign", "without a private key the request comes back with the content to sign, for an HSM", mut(s2s, signing={"clientId": "SANDBOX_5Y0A2N2Y3B5J04251", "requestTime": "1764320400000"})),
 ("signed_rfc3339_request_time", "an RFC 3339 signing.requestTime is converted to epoch milliseconds (the form Antom's SDKs send) before signing: the same request as the epoch form", mut(s2s, signing=dict(sign("SANDBOX_5Y0A2N2Y3B5J04251"), requestTime="2025-11-28T09:00:00Z"))),
 ("err_signing_bad_time", "a signing.requestTime that is neither epoch milliseconds nor RFC 3339 is refused, not signed", mut(s2s, signing=dict(sign("SANDBOX_5Y0A2N2Y3B5J04251"), requestTime="yesterday"))),
 ("env_numbers_sent_as_strings", "env colorDepth, screenHeight and screenWidth given as numbers are sent as strings (Antom's type); timeZoneOffset stays a number", mut(s2s, env={"terminalType": "WEB", "clientIp": "1.2.3.4", "colorDepth": 24, "screenHeight": 1080, "screenWidth": "1920", "timeZoneOffset": -60})),
 ("hosted", "hosted page: no card data, tokenize asks Antom to store the card", hosted),
 ("issuer_auth", "Korean issuer authentication: requireIssuerAuthentication emitted on paymentMethod, brand in selectedCardBrand", korean),
 ("saved_card", "saved card: the token goes in paymentMethodId and isCardOnFile defaults to true", saved),
 ("saved_card_mit", "a merchant-initiated payment on a saved card with the network transaction id", mut(saved, networkTransactionId="sampleNetworkTransactionId123456", paymentRequestId="PAY_MIT_0001")),
 ("err_issuer_auth_manual", "pay.build refuses MANUAL capture for Korean issuer authentication (Antom supports automatic only)", mut(korean, captureMode="MANUAL")),
 ("err_hosted_with_card", "card data is refused in hosted mode", mut(hosted, card=s2s["card"])),
 ("err_saved_card_no_token", "saved_card needs a cardToken", mut(saved, cardToken=DEL)),
 ("err_issuer_auth_no_brand", "issuer_auth needs the Korean brand", mut(korean, cardBrand=DEL)),
 ("err_issuer_auth_visa", "issuer_auth with a non-Korean brand fails validation of the built body", mut(korean, cardBrand="VISA")),
 ("err_amount_both", "value and major together are refused", mut(s2s, amount={"currency": "EUR", "value": "30000", "major": "300.00"})),
 ("err_amount_too_precise", "a major amount finer than the currency allows is refused, never rounded", mut(s2s, amount={"currency": "JPY", "major": "300.5"})),
 ("err_card_missing", "server_to_server needs the card", mut(s2s, card=DEL)),
 ("err_card_expired", "an expired card is refused by validating the built body", mut(s2s, card=dict(s2s["card"], expiryYear="2025"))),
 ("err_card_luhn", "a mistyped card number is refused; the error names it masked-free", mut(s2s, card=dict(s2s["card"], number="4054695723100769"))),
 ("err_bad_key_ec", "an EC key is BAD_KEY with the reason, never echoing the key", mut(s2s, signing=sign("SANDBOX_X", ec_pem))),
 ("err_bad_key_truncated", "a truncated key is BAD_KEY", mut(s2s, signing=sign("SANDBOX_X", key_b64[:200]))),
 ("err_signing_no_time", "signing needs requestTime (the core reads no clock)", mut(s2s, signing={"clientId": "SANDBOX_X", "privateKey": key_b64})),
 ("err_now_missing", "now is required", mut(s2s, now=DEL)),
 ("err_mode_unknown", "mode is required", mut(s2s, mode="moto")),
 ("err_unknown_key", "an unknown intent key is BAD_INPUT", mut(s2s, cardNumber="4054695723100768")),
 ("err_flag_not_boolean", "a flag that is not a boolean is BAD_JSON with its path", mut(s2s, threeDS="yes")),
]
for name, note, inp in cases:
    json.dump({"note": note, "op": "pay.build", "input": inp}, open(f'testvectors/pay.build/{name}.json', 'w'), indent=2)
print(len(cases))
