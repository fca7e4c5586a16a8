"""Writes the capture/cancel/inquiry/refund/consult build vectors and the consult.read
vectors (inputs only); `go test ./testvectors -update` fills want — review it like code."""
import json, copy, os, shutil
os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
key_b64 = open('testvectors/keys/merchant_private_pkcs8.b64').read().strip()
DEL = object()


def mut(base, **kw):
    d = copy.deepcopy(base)
    for k, v in kw.items():
        if v is DEL:
            d.pop(k, None)
        else:
            d[k] = v
    return d


SANDBOX = "SANDBOX_5Y0A2N2Y3B5J04251"
sign = lambda cid=SANDBOX, key=key_b64: {"clientId": cid, "requestTime": "1764320400000", "privateKey": key}
PAYMENT_ID = "20261128194010800100188570271832381"
LONG = "X" * 65

capture = {"captureRequestId": "CAP_20261128_0001", "paymentId": PAYMENT_ID,
           "amount": {"currency": "EUR", "major": "300.00"}, "authorizedAmount": {"currency": "EUR", "value": "30000"}}
partial = mut(capture, amount={"currency": "EUR", "value": "10000"}, allowPartial=True)
cases = {"capture.build": [
    ("full", "one full capture: a major amount converted to minor units and checked equal to the authorized amount", capture),
    ("full_last", "isLastCapture true is sent as a JSON boolean", mut(capture, isLastCapture=True)),
    ("signed_sandbox", "a SANDBOX_ client id signs /ams/sandbox/api/v1/payments/capture; PKCS#1 v1.5 is deterministic so the signature is golden", mut(capture, signing=sign())),
    ("signed_live", "a live client id signs /ams/api/v1/payments/capture", mut(capture, signing=sign("5Y0A2N2Y3B5J04251"))),
    ("content_to_sign", "without a private key the request comes back with the content to sign", mut(capture, signing={"clientId": SANDBOX, "requestTime": "1764320400000"})),
    ("no_authorized_amount", "without authorizedAmount the capture is built, with a warning that paycore could not check it is the full capture", mut(capture, authorizedAmount=DEL)),
    ("partial_allowed", "allowPartial true lets a capture below the authorized amount through; isLastCapture false (more to come) is sent explicitly", mut(partial, isLastCapture=False)),
    ("partial_allowed_no_last", "a partial capture without isLastCapture is built with a warning", partial),
    ("partial_allowed_no_authorized", "allowPartial without authorizedAmount: built, with a warning that the total cannot be checked", mut(partial, authorizedAmount=DEL)),
    ("warn_full_not_last", "a full capture marked isLastCapture false is built with a warning: nothing can follow it", mut(capture, isLastCapture=False)),
    ("flags_as_strings", "flags accept the string forms \"true\"/\"false\" (Antom's pages allow both); the body carries JSON booleans", mut(partial, allowPartial="true", isLastCapture="true")),
    ("err_partial_refused", "a capture below the authorized amount is refused by default (Antom: one full capture; MULTI_CAPTURE_NOT_SUPPORTED)", mut(capture, amount={"currency": "EUR", "value": "10000"})),
    ("err_exceeds_authorized", "a capture above the authorized amount is refused even with allowPartial (CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT)", mut(partial, amount={"currency": "EUR", "value": "30001"})),
    ("err_currency_mismatch", "a capture in another currency than the authorization is refused", mut(capture, amount={"currency": "USD", "value": "30000"})),
    ("err_ids_missing", "captureRequestId and paymentId are required", mut(capture, captureRequestId=DEL, paymentId=DEL)),
    ("err_capture_request_id_too_long", "captureRequestId is at most 64 characters", mut(capture, captureRequestId=LONG)),
    ("err_payment_id_too_long", "paymentId is at most 64 characters", mut(capture, paymentId=LONG)),
    ("err_id_not_ascii", "ids must be printable ASCII", mut(capture, captureRequestId="CAP_\u6350\u6b3e_1")),
    ("err_amount_missing", "the amount is required", mut(capture, amount=DEL)),
    ("err_amount_both", "value and major together are refused", mut(capture, amount={"currency": "EUR", "value": "30000", "major": "300.00"})),
    ("err_amount_no_value", "a currency alone is not an amount", mut(capture, amount={"currency": "EUR"})),
    ("err_amount_zero", "a zero amount is refused", mut(capture, amount={"currency": "EUR", "value": "0"})),
    ("err_amount_not_digits", "a minor-unit value must be digits (no decimal point)", mut(capture, amount={"currency": "EUR", "value": "300.00"})),
    ("err_amount_too_precise", "a major amount finer than the currency allows is refused, never rounded", mut(capture, amount={"currency": "JPY", "major": "300.5"}, authorizedAmount=DEL)),
    ("err_amount_currency", "an unknown currency is refused under amount.currency", mut(capture, amount={"currency": "EUX", "major": "300.00"})),
    ("err_authorized_amount_bad", "authorizedAmount is checked like amount", mut(capture, authorizedAmount={"currency": "EUR", "value": "-1"})),
    ("err_flag_not_boolean", "a flag that is not a boolean is BAD_JSON with its path", mut(capture, allowPartial="yes")),
    ("err_unknown_key", "an unknown intent key is BAD_INPUT (captureType is not supported)", mut(capture, captureType="FULL")),
    ("err_signing_no_time", "signing needs requestTime (the core reads no clock)", mut(capture, signing={"clientId": SANDBOX, "privateKey": key_b64})),
    ("err_bad_key_truncated", "a truncated key is BAD_KEY, never echoed", mut(capture, signing=sign(SANDBOX, key_b64[:200]))),
    ("err_not_object", "an input that is not an object is BAD_JSON", []),
]}

cancel = {"paymentId": PAYMENT_ID}
cases["cancel.build"] = [
    ("by_payment_id", "cancel by Antom's paymentId", cancel),
    ("by_payment_request_id", "cancel by your paymentRequestId (the only id you have when pay gave no answer)", {"paymentRequestId": "PAY_20261128_0001"}),
    ("signed_sandbox", "a signed sandbox cancel", mut(cancel, signing=sign())),
    ("merchant_account", "merchantAccountId is passed through", mut(cancel, merchantAccountId="ACC_SEOUL_01")),
    ("err_neither_id", "paymentId or paymentRequestId is required", {}),
    ("err_both_ids", "both ids are refused: Antom would silently use paymentId", mut(cancel, paymentRequestId="PAY_20261128_0001")),
    ("err_payment_request_id_too_long", "paymentRequestId is at most 64 characters", {"paymentRequestId": LONG}),
    ("err_merchant_account_too_long", "merchantAccountId is at most 32 characters", mut(cancel, merchantAccountId="A" * 33)),
    ("err_unknown_key", "an unknown intent key is BAD_INPUT", mut(cancel, reason="customer changed mind")),
]

ip = {"api": "inquiryPayment", "paymentRequestId": "PAY_20261128_0001"}
ir = {"api": "inquiryRefund", "refundRequestId": "REF_20261128_0001"}
cases["inquiry.build"] = [
    ("payment_by_request_id", "inquiryPayment by your paymentRequestId", ip),
    ("payment_by_payment_id", "inquiryPayment by Antom's paymentId", {"api": "inquiryPayment", "paymentId": PAYMENT_ID}),
    ("payment_signed_sandbox", "a signed sandbox inquiryPayment", mut(ip, signing=sign())),
    ("refund_by_request_id", "inquiryRefund by your refundRequestId (what Antom says to use after a refund timeout)", ir),
    ("refund_by_refund_id", "inquiryRefund by Antom's refundId", {"api": "inquiryRefund", "refundId": "20261128194010800100188570271899999"}),
    ("refund_signed_sandbox", "a signed sandbox inquiryRefund", mut(ir, signing=sign())),
    ("err_api_missing", "api is required", mut(ip, api=DEL)),
    ("err_api_unknown", "api must be inquiryPayment or inquiryRefund", mut(ip, api="inquiryCapture")),
    ("err_payment_neither", "inquiryPayment needs paymentId or paymentRequestId", {"api": "inquiryPayment"}),
    ("err_payment_both", "inquiryPayment refuses both ids", mut(ip, paymentId=PAYMENT_ID)),
    ("err_refund_neither", "inquiryRefund needs refundRequestId or refundId", {"api": "inquiryRefund"}),
    ("err_refund_both", "inquiryRefund refuses both ids", mut(ir, refundId="20261128194010800100188570271899999")),
    ("err_refund_id_on_payment_api", "a refund id on inquiryPayment is refused, not ignored", mut(ip, refundRequestId="REF_20261128_0001")),
    ("err_payment_id_on_refund_api", "a payment id on inquiryRefund is refused, not ignored", mut(ir, paymentId=PAYMENT_ID)),
    ("err_too_long", "ids are at most 64 characters", {"api": "inquiryRefund", "refundRequestId": LONG}),
]

refund = {"refundRequestId": "REF_20261128_0001", "paymentId": PAYMENT_ID, "amount": {"currency": "EUR", "value": "30000"}}
full_refund = mut(refund, amount={"currency": "KRW", "major": "12000"}, reason="Order cancelled by the buyer",
                  referenceRefundId="RMA-7781", notifyUrl="https://shop.example.com/antom/refund-notify")
cases["refund.build"] = [
    ("minimal", "a refund with the required fields only", refund),
    ("full", "every refund field; a KRW major amount has no decimals", full_refund),
    ("capture_id", "a refund of one capture (multiple captures)", mut(refund, captureId="20261128194010800100188570271800001")),
    ("signed_sandbox", "a signed sandbox refund", mut(full_refund, signing=sign())),
    ("warn_reason_chinese", "a Chinese reason is sent, with Antom's no-Chinese warning", mut(refund, reason="\u9000\u6b3e")),
    ("err_missing", "refundRequestId, paymentId and amount are required", {}),
    ("err_refund_request_id_too_long", "refundRequestId is at most 64 characters", mut(refund, refundRequestId=LONG)),
    ("err_reason_too_long", "refundReason is at most 256 characters", mut(refund, reason="r" * 257)),
    ("err_reference_refund_id_too_long", "referenceRefundId is at most 64 characters", mut(refund, referenceRefundId=LONG)),
    ("err_notify_url_relative", "notifyUrl must be an absolute http(s) URL", mut(refund, notifyUrl="/antom/refund-notify")),
    ("err_notify_url_too_long", "refundNotifyUrl is at most 1024 characters", mut(refund, notifyUrl="https://shop.example.com/" + "n" * 1000)),
    ("err_amount_idr", "IDR values must end in 00", mut(refund, amount={"currency": "IDR", "value": "150050"})),
    ("err_amount_leading_zero", "a leading zero is refused", mut(refund, amount={"currency": "EUR", "value": "0300"})),
    ("err_unknown_key", "refund takes Antom's paymentId; paymentRequestId is an unknown key", mut(refund, paymentId=DEL, paymentRequestId="PAY_20261128_0001")),
]

consult = {"amount": {"currency": "KRW", "value": "30000"}, "env": {"terminalType": "WEB", "clientIp": "203.0.113.7"},
           "userRegion": "KR", "allowedPaymentMethodRegions": ["KR"], "settlementCurrency": "USD"}
cases["consult.build"] = [
    ("korean", "the Korean issuer-authentication first step: card methods for KRW 30000 in KR, as a card authorization", consult),
    ("signed_sandbox", "a signed sandbox consult", mut(consult, signing=sign())),
    ("app_ios_major", "an APP buyer on iOS; a major amount; captureMode and regions passed through", {
        "amount": {"currency": "USD", "major": "25.50"}, "env": {"terminalType": "APP", "osType": "IOS", "colorDepth": "24"},
        "userRegion": "US", "merchantRegion": "SG", "allowedPaymentMethodRegions": ["GLOBAL", "US"], "captureMode": "MANUAL",
        "merchantAccountId": "ACC_SG_01"}),
    ("err_env_missing", "env is required", mut(consult, env=DEL)),
    ("err_terminal_type", "terminalType must be WEB, WAP, APP or MINI_APP", mut(consult, env={"terminalType": "PC"})),
    ("err_os_type_missing", "osType is required for WAP and APP", mut(consult, env={"terminalType": "WAP"})),
    ("err_client_ip", "clientIp must be an IP address", mut(consult, env={"terminalType": "WEB", "clientIp": "localhost"})),
    ("err_env_mistyped_number", "a mistyped env number is BAD_JSON, not silently dropped", mut(consult, env={"terminalType": "WEB", "screenWidth": "wide"})),
    ("err_env_mistyped_boolean", "a mistyped browserInfo boolean is BAD_JSON, not silently dropped", mut(consult, env={"terminalType": "WEB", "browserInfo": {"javaEnabled": "no"}})),
    ("err_env_unknown_key", "an unknown env key is BAD_INPUT", mut(consult, env={"terminalType": "WEB", "terminal": "WEB"})),
    ("err_regions", "userRegion and merchantRegion are ISO 3166 alpha-2; allowed regions also GLOBAL", mut(consult, userRegion="KOR", merchantRegion="sg", allowedPaymentMethodRegions=["KR", "WORLD"])),
    ("err_settlement_currency", "settlementCurrency must be an ISO 4217 code", mut(consult, settlementCurrency="USX")),
    ("err_capture_mode", "captureMode must be AUTOMATIC or MANUAL", mut(consult, captureMode="LATER")),
    ("err_amount_missing", "the amount is required", mut(consult, amount=DEL)),
]

logo = lambda name, path: {"logoName": name, "logoUrl": "https://cdn.antom.example/logo/" + path + ".png"}
brands = lambda *bs: [{"cardBrand": b, "logo": logo(b, b.lower())} for b in bs]
korean = {
    "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success."},
    "paymentOptions": [
        {"paymentMethodType": "CARD", "paymentMethodCategory": "CARD", "paymentMethodRegion": ["KR"], "enabled": True,
         "supportedCurrencies": ["KRW"], "logo": logo("Korean cards", "kr_card"),
         "paymentOptionDetail": {"supportCardBrands": brands("SAMSUNG", "HYUNDAI", "SHINHAN", "KOOKMIN", "LOTTE", "BC", "NONGHYUP", "WOORI", "KEBHANA"),
                                 "funding": ["CREDIT", "DEBIT"]}},
        {"paymentMethodType": "CARD", "paymentMethodCategory": "CARD", "paymentMethodRegion": ["GLOBAL"], "enabled": True,
         "paymentOptionDetail": {"supportCardBrands": brands("VISA", "MASTERCARD", "AMEX", "JCB"), "funding": ["CREDIT", "DEBIT", "PREPAID"]}},
        {"paymentMethodType": "KAKAOPAY", "paymentMethodCategory": "WALLET", "paymentMethodRegion": ["KR"], "enabled": True,
         "logo": logo("KakaoPay", "kakaopay")},
        {"paymentMethodType": "NAVERPAY", "paymentMethodCategory": "WALLET", "paymentMethodRegion": ["KR"], "enabled": False,
         "disableReason": "EXCEED_CHANNEL_LIMIT_RULE", "logo": logo("Naver Pay", "naverpay")},
        {"paymentMethodType": "ONLINEBANKING_FPX", "paymentMethodCategory": "ONLINE_BANKING", "paymentMethodRegion": ["MY"], "enabled": False,
         "disableReason": "CHANNEL_NOT_SUPPORT_CURRENCY",
         "paymentOptionDetail": {"supportBanks": [{"bankIdentifierCode": "MBB0228", "bankShortName": "Maybank2U", "bankLogo": logo("Maybank", "maybank")}]}},
    ],
    "paymentMethodInfos": [],
    "extendInfo": "{}",
}
odd = {
    "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
    "paymentOptions": [
        {"paymentMethodType": "CARD", "paymentMethodRegion": "KR", "enabled": "true",
         "paymentOptionDetail": {"supportCardBrands": [
             {"cardBrand": "HYUNDAI"}, {"cardBrand": "HYUNDAI"}, {"cardBrand": "KAKAOBANK"}, {"cardBrand": "NEWBANK_KR"},
             {"cardBrand": "4054695723100768"}, {"cardBrand": ""},
             {"cardBrand": "SAMSUNG", "logo": {"logoName": "Samsung", "logoUrl": "javascript:alert(1)"}}]}},
        {"paymentMethodType": "CARD", "paymentMethodRegion": ["KR"],
         "paymentOptionDetail": {"supportCardBrands": [{"cardBrand": "LOTTE"}]}},
        {"paymentMethodType": "CARD", "paymentMethodRegion": ["KR"], "enabled": False, "disableReason": "SERVICE_DEGRADE",
         "paymentOptionDetail": {"supportCardBrands": [{"cardBrand": "WOORI"}]}},
        {"paymentMethodType": "Card payment <b>now</b>", "enabled": True},
        {"enabled": True},
        {"paymentMethodType": "APPLEPAY", "enabled": 1, "futureField": {"x": [1, 2]}},
    ],
}
cases["consult.read"] = [
    ("korean_cards", "a successful consult for KRW in KR: Korean card brands for issuer authentication, global brands, wallets, disabled options with reasons", {"response": korean}),
    ("odd_values", "lenient reading: enabled as a string, a region as a single string, duplicate and unknown brands, values that are not plain codes or URLs left out with warnings, a missing or mistyped enabled treated as unavailable", {"response": odd}),
    ("failed", "consult answered F: nothing to offer, the code is reported", {"response": {"result": {"resultCode": "PARAM_ILLEGAL", "resultStatus": "F", "resultMessage": "Illegal parameters exist."}, "paymentOptions": korean["paymentOptions"]}}),
    ("unknown", "consult answered U: not a success, nothing offered", {"response": {"result": {"resultCode": "UNKNOWN_EXCEPTION", "resultStatus": "U", "resultMessage": "An API calling is failed, which is caused by unknown reasons."}}}),
    ("no_options", "a success without paymentOptions offers nothing", {"response": {"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}}}),
    ("err_result_missing", "a response without result is BAD_INPUT", {"response": {"paymentOptions": korean["paymentOptions"]}}),
    ("err_response_missing", "response is required", {}),
    ("err_response_not_object", "response must be a JSON object", {"response": "{\"result\":{}}"}),
    ("err_wrong_type", "a value of the wrong JSON type is BAD_JSON naming its field", {"response": {"result": {"resultStatus": "S", "resultCode": "SUCCESS"}, "paymentOptions": [{"paymentMethodType": "CARD", "paymentMethodRegion": 410}]}}),
    ("err_unknown_key", "an unknown input key is BAD_INPUT", {"response": {"result": {"resultStatus": "S"}}, "api": "consult"}),
]

total = 0
for op, cs in cases.items():
    d = f'testvectors/{op}'
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for name, note, inp in cs:
        with open(f'{d}/{name}.json', 'w') as f:
            json.dump({"note": note, "op": op, "input": inp}, f, indent=2, ensure_ascii=False)
            f.write('\n')
        total += 1
print(total)
