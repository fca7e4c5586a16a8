"""Writes the inputs of the vectors for the core's edges: every field of Antom's
specification known, no card number in any message, intent errors in the intent's
words, wire-model slips. `go test ./testvectors -update` fills want; expects.py adds
each vector's hand-written expect."""
import json, copy, os
os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
seed = json.load(open('testvectors/examples/seed_server_to_server.json'))
intent = json.load(open('testvectors/examples/intent_server_to_server.json'))
NOW = seed['now']
PAN, PAN_SPACED, CVV = '4117347806156383', '4117 3478 0615 6383', '850'

def w(op, name, note, inp):
    os.makedirs(f'testvectors/{op}', exist_ok=True)
    json.dump({"note": note, "op": op, "input": inp}, open(f'testvectors/{op}/{name}.json', 'w'), indent=2, ensure_ascii=False)

def req(mut):
    r = copy.deepcopy(seed['request']); mut(r); return {"request": r, "now": NOW}

# 1. Every field Antom defines is a known key.
def spec_fields(r):
    r['order']['shipping']['shippingAddress']['address3'] = 'Building 3'
    r['order']['shipping']['shippingNumber'] = 'SHIP-1'
    r['order']['merchant'] = {'merchantType': 'INDIVIDUAL', 'merchantAddress': {'region': 'SG', 'address3': 'Unit 5'}}
    r['paymentMethod']['paymentMethodMetaData']['billingAddress']['address3'] = 'Floor 2'
w('pay.validate', 'spec_fields_known', "fields Antom's specification defines (address3 in three places, shippingNumber, merchantType) are known keys, not misspellings", req(spec_fields))
w('pay.validate', 'spec_field_wrong_type', "a field the specification defines but paycore does not model is checked for its declared JSON type", req(lambda r: r['order'].__setitem__('merchant', {'merchantType': 7})))
w('pay.validate', 'spec_object_walked', "an object the specification defines is walked: a misspelt key inside it gets a did-you-mean from the specification", req(lambda r: r.__setitem__('agreementInfo', {'authStat': 'x'})))
w('pay.validate', 'spec_typo_outside_metadata', "outside paymentMethodMetaData a key close to a known one is still a violation with did-you-mean", req(lambda r: r['order'].__setitem__('referenceOrderld', 'x')))
w('pay.validate', 'metadata_unknown_key_warns', "paymentMethodMetaData is an open map in Antom's specification: a key paycore does not know there is a warning, not a violation", req(lambda r: r['paymentMethod']['paymentMethodMetaData'].__setitem__('cardBin', '411734')))
print('ok')

# 3. No card number in any message.
w('pay.validate', 'pan_in_amount_value', "a card number pasted into the amount value is refused without repeating it", req(lambda r: r['paymentAmount'].__setitem__('value', PAN_SPACED)))
w('pay.validate', 'pan_in_currency', "a card number pasted into the currency is refused without repeating it", req(lambda r: r['paymentAmount'].__setitem__('currency', PAN)))
w('pay.validate', 'pan_in_capture_mode', "a card number pasted into captureMode is not echoed as result.captureMode: a value that fails an enum is named, not repeated", req(lambda r: r['paymentFactor'].__setitem__('captureMode', PAN)))
w('pay.validate', 'pan_as_key_name', "a card number pasted as a key name is masked (first 6 / last 4) in the field path and the message", req(lambda r: r['order'].__setitem__(PAN, 'x')))
i = copy.deepcopy(intent); i['amount'] = {"currency": "EUR", "major": PAN_SPACED}
w('pay.build', 'pan_in_amount_major', "a card number pasted into amount.major is refused without repeating it", i)
print('ok')

# 7. Intent errors in the intent's words.
def mi(f):
    i = copy.deepcopy(intent); f(i); return i
w('pay.build', 'err_unknown_key_hint', "an unknown intent key carries its path and a did-you-mean (captureMod → captureMode)", mi(lambda i: i.__setitem__('captureMod', i.pop('captureMode'))))
w('pay.build', 'err_signing_key_hint', "an unknown key inside signing carries its path and a did-you-mean (signing.key → signing.privateKey)", mi(lambda i: i.__setitem__('signing', {"clientId": "SANDBOX_X", "requestTime": "1764320400000", "key": "k"})))
w('pay.build', 'err_expiry_month_one_finding', "a bad expiry month is one finding on card.expiryMonth, not also one on the (4-digit) year", mi(lambda i: i['card'].__setitem__('expiryMonth', '13')))
w('pay.build', 'err_amount_number', "an amount value sent as a JSON number is one finding naming amount.value", mi(lambda i: i.__setitem__('amount', {"currency": "EUR", "value": 30000})))
w('pay.build', 'err_redirect_url_intent_name', "a body rule broken by an intent field is reported under the intent's name (redirectUrl, not paymentRedirectUrl)", mi(lambda i: i.__setitem__('redirectUrl', '/return')))
w('pay.build', 'err_amount_major_zero_one_finding', "a zero amount given as major is one finding on amount.major, not also on order.orderAmount", mi(lambda i: i.__setitem__('amount', {"currency": "EUR", "major": "0.00"})))
print('ok')

# 9. Wire-model slips.
pay_s = {"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}, "paymentRequestId": "PAY_20261128_0001",
         "paymentId": "20261128194010800100188570271832381", "paymentAmount": {"currency": "EUR", "value": "30000"},
         "acquirerInfo": {"acquirerName": "ACQ", "acquirerTransactionId": "T-1", "acquirerResultCode": "00", "acquirerResultMessage": "Approved"}}
w('response.interpret', 'pay_s_acquirer_info', "a pay response carries acquirerInfo (an object, as Antom's specification defines it), not acquirerReferenceNo: it is read without complaint", {"api": "pay", "response": pay_s})
bad = copy.deepcopy(pay_s); bad['acquirerInfo'] = "ACQ"
w('response.interpret', 'err_acquirer_info_not_object', "acquirerInfo of the wrong JSON type is BAD_JSON naming it, like every modelled response field", {"api": "pay", "response": bad})
print('ok')
