import json, copy, os
base = json.load(open('testvectors/examples/seed_server_to_server.json'))['request']
hosted = json.load(open('testvectors/examples/seed_hosted.json'))['request']
korean = json.load(open('testvectors/examples/seed_issuer_auth.json'))['request']
NOW = "2026-11-28T09:00:00Z"
out = 'testvectors/pay.validate'
def setp(d, path, val):
    parts = path.split('.')
    for p in parts[:-1]:
        if '[' in p:
            k, i = p[:-1].split('['); d = d[k][int(i)]
        else:
            d = d.setdefault(p, {})
    last = parts[-1]
    if val is DEL: d.pop(last, None)
    else: d[last] = val
DEL = object()
MD = 'paymentMethod.paymentMethodMetaData'
cases = [
 # name, note, base, mutations, mode
 ("product_code_wrong", "productCode must be CASHIER_PAYMENT", base, [("productCode","ONLINE_PAYMENT")], None),
 ("product_code_missing", "productCode is required", base, [("productCode",DEL)], None),
 ("request_id_missing", "paymentRequestId is required", base, [("paymentRequestId",DEL)], None),
 ("request_id_too_long", "paymentRequestId is at most 64 characters", base, [("paymentRequestId","P"*65)], None),
 ("amount_missing", "paymentAmount is required", base, [("paymentAmount",DEL)], None),
 ("amount_currency_unknown", "an unknown ISO 4217 code is refused", base, [("paymentAmount.currency","EUX")], None),
 ("amount_currency_lowercase", "currency codes are upper-case", base, [("paymentAmount.currency","eur")], None),
 ("amount_value_decimal", "the value is minor units: a decimal point is refused", base, [("paymentAmount.value","300.00")], None),
 ("amount_value_zero", "the value must be positive", base, [("paymentAmount.value","0")], None),
 ("amount_value_too_long", "the value has at most 16 digits", base, [("paymentAmount.value","12345678901234567")], None),
 ("amount_value_leading_zero", "a leading zero is refused", base, [("paymentAmount.value","030000")], None),
 ("amount_idr_not_hundreds", "IDR values must end in 00 (Antom treats IDR as 2-decimal, whole rupiah)", base, [("paymentAmount.currency","IDR"),("paymentAmount.value","1234567"),("order.orderAmount.currency","IDR"),("order.orderAmount.value","1234500"),("settlementStrategy.settlementCurrency","IDR")], None),
 ("order_amount_invalid", "order.orderAmount follows the same amount rules", base, [("order.orderAmount.value","-5")], None),
 ("is_authorization_false", "paymentFactor.isAuthorization must be true for a card authorization", base, [("paymentFactor.isAuthorization",False)], None),
 ("payment_factor_missing", "paymentFactor is required (isAuthorization: true)", base, [("paymentFactor",DEL)], None),
 ("capture_mode_unknown", "captureMode is AUTOMATIC or MANUAL", base, [("paymentFactor.captureMode","LATER")], None),
 ("redirect_url_relative", "paymentRedirectUrl must be an absolute URL", base, [("paymentRedirectUrl","/return")], None),
 ("redirect_url_missing", "paymentRedirectUrl is required", base, [("paymentRedirectUrl",DEL)], None),
 ("notify_url_ftp", "paymentNotifyUrl must be http(s)", base, [("paymentNotifyUrl","ftp://example.com/notify")], None),
 ("redirect_url_too_long", "URLs are at most 2048 characters", base, [("paymentRedirectUrl","https://example.com/"+"a"*2040)], None),
 ("terminal_type_unknown", "terminalType is WEB, WAP, APP or MINI_APP", base, [("env.terminalType","TV")], None),
 ("os_type_missing_for_app", "osType is required when terminalType is APP", base, [("env.osType",DEL)], None),
 ("os_type_unknown", "osType is IOS or ANDROID", base, [("env.osType","WINDOWS")], None),
 ("env_missing", "env (with terminalType) is required", base, [("env",DEL)], None),
 ("client_ip_invalid", "env.clientIp must be an IP address", base, [("env.clientIp","not-an-ip")], None),
 ("order_missing", "order is required", base, [("order",DEL)], None),
 ("reference_order_id_too_long", "order.referenceOrderId is at most 64 characters", base, [("order.referenceOrderId","O"*65)], None),
 ("order_description_too_long", "order.orderDescription is at most 256 characters", base, [("order.orderDescription","d"*257)], None),
 ("goods_quantity_zero", "goodsQuantity must be a positive whole number", base, [("order.goods[0].goodsQuantity","0")], None),
 ("buyer_email_invalid", "buyerEmail must be an email address", base, [("order.buyer.buyerEmail","not-an-email")], None),
 ("billing_region_not_iso", "address regions are ISO 3166 alpha-2 codes", base, [(MD+".billingAddress.region","China")], None),
 ("settlement_currency_unknown", "settlementCurrency must be an ISO 4217 code", base, [("settlementStrategy.settlementCurrency","XYZ")], None),
 ("payment_method_type_wrong", "paymentMethodType must be CARD", base, [("paymentMethod.paymentMethodType","WALLET")], None),
 ("card_luhn", "a card number with a wrong check digit is refused (the output shows the card masked)", base, [(MD+".cardNo","4117347806156384")], None),
 ("card_separators", "card numbers are digits only, no spaces", base, [(MD+".cardNo","4117 3478 0615 6383")], None),
 ("card_too_short", "card numbers have at least 12 digits", base, [(MD+".cardNo","41173478061")], None),
 ("card_brand_length", "a Visa number of 17 digits is refused", base, [(MD+".cardNo","41173478061563830")], None),
 ("card_missing_intended_s2s", "server-to-server mode needs the card number", base, [(MD+".cardNo",DEL)], "server_to_server"),
 ("card_number_as_json_number", "a card number sent as a JSON number is a type violation that does not echo the number", base, [(MD+".cardNo",4117347806156383)], None),
 ("expiry_month_13", "expiryMonth is 01 to 12", base, [(MD+".expiryMonth","13")], None),
 ("expiry_month_one_digit", "expiryMonth has two digits", base, [(MD+".expiryMonth","5")], None),
 ("expiry_year_four_digits", "expiryYear is the last two digits of the year", base, [(MD+".expiryYear","2029")], None),
 ("expiry_past", "an expired card is refused against the input now", base, [(MD+".expiryYear","26"),(MD+".expiryMonth","10")], None),
 ("expiry_missing", "server-to-server mode needs the expiry month", base, [(MD+".expiryMonth",DEL)], None),
 ("cvv_two_digits", "a Visa CVV has 3 digits", base, [(MD+".cvv","85")], None),
 ("cvv_not_digits", "a CVV is digits only", base, [(MD+".cvv","8a0")], None),
 ("cvv_on_card_on_file", "card-on-file payments send no CVV", base, [(MD+".isCardOnFile",True)], None),
 ("selected_brand_unknown", "selectedCardBrand must be an Antom card brand", base, [(MD+".selectedCardBrand","VIZA")], None),
 ("is_card_on_file_not_boolean", "booleans are true/false or \"true\"/\"false\"; anything else is a type violation", base, [(MD+".isCardOnFile","yes")], None),
 ("misspelt_key_hint", "a misspelt key (the seed's own prose says enableAuthenticationUpgrate) is reported with a did-you-mean hint", base, [(MD+".enableAuthenticationUpgrate",True)], None),
 ("misspelt_top_level_key", "a misspelt top-level key is reported with a hint", base, [("paymentNotifyURL","https://www.alipay.com/notify")], None),
 ("unknown_key_no_hint", "an unknown key with no close match is a warning, not a violation (it may be a newer Antom field)", base, [("riskData",{"score":"1"})], None),
 ("expiry_time_past", "paymentExpiryTime must be after now", base, [("paymentExpiryTime","2026-11-28T08:00:00Z")], None),
 ("expiry_time_format", "paymentExpiryTime is ISO 8601 with a zone", base, [("paymentExpiryTime","2026-11-28 10:00")], None),
 ("installments_out_of_range", "installmentNum is 2 to 36", base, [("creditPayPlan",{"installmentNum":48})], None),
 ("card_and_token", "raw card data and a card token together are refused", base, [("paymentMethod.paymentMethodId","tok_123")], None),
 ("hosted_with_card_data", "card data in a hosted request is a violation: the hosted page exists to keep you out of PCI scope", base, [], "hosted"),
 ("saved_card_with_card_data", "a saved-card payment sends no raw card data", base, [("paymentMethod.paymentMethodId","tok_123")], "saved_card"),
 ("saved_card_missing_token", "a saved-card payment needs paymentMethodId", hosted, [], "saved_card"),
 ("issuer_auth_visa", "issuer authentication needs a Korean brand", korean, [(MD+".selectedCardBrand","VISA")], None),
 ("issuer_auth_flag_false", "issuer authentication needs requireIssuerAuthentication: true", korean, [(MD+".requireIssuerAuthentication",False)], "issuer_auth"),
 ("issuer_auth_brand_missing", "issuer authentication needs selectedCardBrand", korean, [(MD+".selectedCardBrand",DEL)], None),
 ("issuer_auth_with_card", "issuer authentication collects the card on the issuer's page: no card data", korean, [(MD+".cardNo","4117347806156383")], "issuer_auth"),
 ("chinese_characters", "Chinese characters are a warning (Antom asks for none)", base, [("order.orderDescription","咖啡")], None),
 # valid variants
 ("valid_strings_for_bool_and_numbers", "Antom's string forms (\"true\", \"48\") are accepted like the seed's JSON booleans and numbers", base, [(MD+".is3DSAuthentication","true"),(MD+".enableAuthenticationUpgrade","false"),("env.colorDepth","48"),("order.goods[0].goodsQuantity",10)], None),
 ("valid_manual_capture", "MANUAL capture is reported as the capture mode", base, [("paymentFactor.captureMode","MANUAL")], None),
 ("valid_saved_card", "a card token in paymentMethodId is a saved-card payment", hosted, [("paymentMethod.paymentMethodId","ALIPAY_CARD_TOKEN_123"),("paymentMethod.paymentMethodMetaData",{"isCardOnFile":True})], None),
 ("valid_issuer_auth_on_method", "requireIssuerAuthentication on paymentMethod (the API reference's place) raises no placement warning", korean, [("paymentMethod.requireIssuerAuthentication",True),(MD,DEL),("paymentMethod.paymentMethodMetaData",{"selectedCardBrand":"HYUNDAI"}),("paymentFactor.captureMode",DEL)], None),
 ("valid_amex_four_digit_cvv", "a 4-digit AMEX code passes with a warning: Antom documents at most 3", base, [(MD+".cardNo","378282246310005"),(MD+".cvv","1234")], None),
 ("valid_dual_brand", "selectedCardBrand CARTES_BANCAIRES on a Visa number is a dual-branded card: no warning", base, [(MD+".selectedCardBrand","CARTES_BANCAIRES")], None),
 ("valid_mit_network_transaction", "a merchant-initiated payment with networkTransactionId and no CVV", base, [(MD+".cvv",DEL),(MD+".isCardOnFile",True),(MD+".networkTransactionId","sampleNetworkTransactionId123456")], None),
 ("valid_jpy_zero_decimal", "JPY amounts have no minor unit", base, [("paymentAmount.currency","JPY"),("paymentAmount.value","3000"),("order.orderAmount.currency","JPY"),("order.orderAmount.value","3000")], None),
 ("valid_minimal_hosted_warnings", "a minimal hosted request is valid and warns about what raises success rates", hosted, [("order.shipping",DEL),("order.buyer",DEL),("order.goods",DEL),("paymentNotifyUrl",DEL)], None),
]
for name, note, b, muts, mode in cases:
    r = copy.deepcopy(b)
    for p, v in muts:
        setp(r, p, v)
    inp = {"request": r, "now": NOW}
    if mode: inp["mode"] = mode
    v = {"note": note, "op": "pay.validate", "input": inp}
    json.dump(v, open(os.path.join(out, name + ".json"), 'w'), indent=2, ensure_ascii=False)
# op-input errors
errs = [
 ("input_request_not_object", "a request that is not a JSON object is BAD_INPUT", {"request": [1,2], "now": NOW}),
 ("input_now_missing", "now is required: the core reads no clock", {"request": base}),
 ("input_now_bad", "now must be RFC 3339", {"request": base, "now": "yesterday"}),
 ("input_mode_unknown", "an unknown intended mode is BAD_INPUT", {"request": base, "now": NOW, "mode": "moto"}),
 ("input_request_missing", "request is required", {"now": NOW}),
 ("input_unknown_key", "an unknown op input key is BAD_INPUT", {"request": base, "now": NOW, "strict": True}),
]
for name, note, inp in errs:
    json.dump({"note": note, "op": "pay.validate", "input": inp}, open(os.path.join(out, name + ".json"), 'w'), indent=2, ensure_ascii=False)
raw = '{"request": {"productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodMetaData": {"cardNo": "4117347806156383",}}}, "now": "2026-11-28T09:00:00Z"}'
json.dump({"note": "malformed JSON inside the request is BAD_JSON with the offset, and the message does not echo the card", "op": "pay.validate", "inputRaw": True, "input": raw}, open(os.path.join(out, "input_malformed.json"), 'w'), indent=2)
print(len(cases)+len(errs)+1)
