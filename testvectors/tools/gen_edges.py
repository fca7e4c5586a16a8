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
