"""Writes the payment.apply vectors (inputs only); `go test ./testvectors -run
'TestVectorsNative/payment.apply/' -update` fills want. Review every want.

A vector is one op call, so a sequence is several vectors (seq_<flow>_<nn>_<step>):
each one's input state is the output state of the one before, obtained by really
calling the op: `go run ./hosts/cli call payment.apply -` (or $PAYCORE_BIN call ...,
a built `paycore`, which is faster). Single-step vectors start from a state built
the same way.

Run from anywhere: python3 testvectors/payment.apply/generate.py
"""
import glob
import json
import os
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'testvectors', 'payment.apply')
BIN = os.environ.get('PAYCORE_BIN')

NOW = '2026-03-01T10:00:00Z'
LATE = '2026-03-09T10:00:00Z'  # after authExpiryTime
EXPIRY = '2026-03-08T10:00:00Z'
EUR = lambda v: {'currency': 'EUR', 'value': v}


def call(inp):
    cmd = [BIN, 'call', 'payment.apply', '-'] if BIN else ['go', 'run', './hosts/cli', 'call', 'payment.apply', '-']
    p = subprocess.run(cmd, input=json.dumps(inp).encode(), cwd=ROOT, capture_output=True)
    env = json.loads(p.stdout)
    return env


written = []


def vector(name, note, inp):
    path = os.path.join(OUT, name + '.json')
    with open(path, 'w') as f:
        json.dump({'note': note, 'op': 'payment.apply', 'input': inp}, f, indent=2)
        f.write('\n')
    written.append(name)


def step(state, event, now=NOW):
    inp = {'state': state, 'event': event}
    if now:
        inp['now'] = now
    return inp


def run(state, event, now=NOW):
    """Applies the event for real and returns the next state (must succeed)."""
    env = call(step(state, event, now))
    assert env['ok'], env
    return env['result']['state']


def sequence(flow, steps):
    """steps: [(name, note, event, now)]; writes one vector per step, chained."""
    state = None
    for i, (name, note, event, now) in enumerate(steps, 1):
        inp = step(state, event, now)
        vector('seq_%s_%02d_%s' % (flow, i, name), note, inp)
        env = call(inp)
        assert env['ok'], (flow, name, env)
        state = env['result']['state']
    return state


def build(events, mode='MANUAL'):
    state = run(None, pay_requested(mode))
    for ev in events:
        state = run(state, ev)
    return state


# ---- Antom answers (the seed's shapes) for PAY_1 / paymentId P1 / 300.00 EUR.
def res(status, code):
    return {'resultStatus': status, 'resultCode': code, 'resultMessage': 'success' if status == 'S' else code.lower()}


def pay_requested(mode, rid='PAY_1', value='30000'):
    return {'type': 'pay_requested', 'paymentRequestId': rid, 'orderId': 'ORDER_1', 'amount': EUR(value), 'captureMode': mode}


def pay_response(status, code, rid='PAY_1', **extra):
    body = {'result': res(status, code), 'paymentRequestId': rid, 'paymentId': 'P1' if rid == 'PAY_1' else 'P2'}
    if status == 'S':
        body.update(paymentAmount=EUR('30000'), authExpiryTime=EXPIRY)
    body.update(extra)
    return {'type': 'pay_response', 'response': body}


def pay_notification(notify_type, status, code, rid='PAY_1', amount='30000'):
    body = {'notifyType': notify_type, 'result': res(status, code), 'paymentRequestId': rid,
            'paymentId': 'P1' if rid == 'PAY_1' else 'P2', 'paymentAmount': EUR(amount),
            'paymentCreateTime': '2026-03-01T09:59:00Z'}
    if notify_type == 'PAYMENT_RESULT' and status == 'S':
        body.update(paymentTime='2026-03-01T10:00:00Z', authExpiryTime=EXPIRY,
                    paymentResultInfo={'cardBrand': 'VISA', 'lastFour': '0768', 'avsResultRaw': 'Y', 'cvvResultRaw': 'M'})
    return {'type': 'notification', 'notification': body}


def inquiry(payment_status, code='', transactions=None):
    body = {'result': res('S', 'SUCCESS'), 'paymentStatus': payment_status, 'paymentRequestId': 'PAY_1',
            'paymentId': 'P1', 'paymentAmount': EUR('30000')}
    if payment_status == 'SUCCESS':
        body['authExpiryTime'] = EXPIRY
    if code:
        body['paymentResultCode'] = code
    if transactions:
        body['transactions'] = transactions
    return {'type': 'inquiry_response', 'response': body}


def capture_requested(cid='CAP_1', value=None, partial=False):
    ev = {'type': 'capture_requested', 'captureRequestId': cid}
    if value:
        ev['amount'] = EUR(value)
    if partial:
        ev['allowPartial'] = True
    return ev


def capture_response(status, code, cid='CAP_1', value='30000'):
    body = {'result': res(status, code), 'captureRequestId': cid, 'paymentId': 'P1'}
    if status == 'S':
        body.update(captureId='X' + cid, captureAmount=EUR(value), captureTime='2026-03-01T10:05:00Z')
    return {'type': 'capture_response', 'response': body}


def capture_notification(status, code, cid='CAP_1', value='30000'):
    return {'type': 'notification', 'notification': {
        'notifyType': 'CAPTURE_RESULT', 'result': res(status, code), 'captureRequestId': cid, 'paymentId': 'P1',
        'captureId': 'X' + cid, 'captureAmount': EUR(value), 'captureTime': '2026-03-01T10:05:00Z'}}


def refund_requested(rid, value):
    return {'type': 'refund_requested', 'refundRequestId': rid, 'amount': EUR(value)}


def refund_response(status, code, rid, value):
    body = {'result': res(status, code), 'refundRequestId': rid, 'paymentId': 'P1'}
    if status == 'S':
        body.update(refundId='F' + rid, refundAmount=EUR(value), refundTime='2026-03-02T10:00:00Z')
    return {'type': 'refund_response', 'response': body}


def refund_notification(rid, value):
    return {'type': 'notification', 'notification': {
        'notifyType': 'REFUND_RESULT', 'result': res('S', 'SUCCESS'), 'refundStatus': 'SUCCESS', 'refundRequestId': rid,
        'paymentId': 'P1', 'refundId': 'F' + rid, 'refundAmount': EUR(value), 'refundTime': '2026-03-02T10:00:00Z'}}


def cancel_response(status, code, attempt=None):
    ev = {'type': 'cancel_response', 'response': {'result': res(status, code), 'paymentRequestId': 'PAY_1', 'paymentId': 'P1'}}
    if status == 'S':
        ev['response']['cancelTime'] = '2026-03-01T10:10:00Z'
    if attempt:
        ev['attempt'] = attempt
    return ev


IN_PROCESS = pay_response('U', 'PAYMENT_IN_PROCESS', normalUrl='https://open-sea-global.alipay.com/page/cashier/3ds?id=PAY_1')
RESULT_S = pay_notification('PAYMENT_RESULT', 'S', 'SUCCESS')
RESULT_F = pay_notification('PAYMENT_RESULT', 'F', 'DO_NOT_HONOR')
PENDING = pay_notification('PAYMENT_PENDING', 'S', 'SUCCESS')

for old in glob.glob(os.path.join(OUT, '*.json')):
    os.remove(old)

# ---- Sequences
sequence('manual_3ds', [
    ('pay_requested', 'MANUAL 3DS flow, step 1: pay_requested creates the state (pending); nothing to do but send pay', pay_requested('MANUAL'), NOW),
    ('pay_in_process', 'step 2: pay U PAYMENT_IN_PROCESS with normalUrl: requires_buyer_action, redirect the buyer', IN_PROCESS, NOW),
    ('payment_pending', 'step 3: notifyPayment PAYMENT_PENDING S is processing, not success: wait for PAYMENT_RESULT', PENDING, NOW),
    ('payment_result', 'step 4: PAYMENT_RESULT S under MANUAL: authorized, capture the full amount before authExpiryTime', RESULT_S, NOW),
    ('inquiry_success', 'step 5: an inquiry after the notification agrees: unchanged, same advice', inquiry('SUCCESS'), NOW),
    ('capture_requested', 'step 6: capture_requested passes the guards (MANUAL, authorized, before expiry, full amount): send capture', capture_requested(), NOW),
    ('capture_in_process', 'step 7: capture U CAPTURE_IN_PROCESS: wait for notifyCapture', capture_response('U', 'CAPTURE_IN_PROCESS'), NOW),
    ('capture_result', 'step 8: CAPTURE_RESULT S: captured', capture_notification('S', 'SUCCESS'), NOW),
    ('refund_requested', 'step 9: refund_requested of 100.00 EUR: within the captured amount, send refund (lifecycle action kind refund)', refund_requested('REF_1', '10000'), NOW),
    ('refund_success', 'step 10: refund S: partially_refunded', refund_response('S', 'SUCCESS', 'REF_1', '10000'), NOW),
    ('refund_notification_repeat', 'step 11: REFUND_RESULT for the same refund: already known, changed false', refund_notification('REF_1', '10000'), NOW),
    ('refund_rest', 'step 12: refund_requested of the remaining 200.00 EUR', refund_requested('REF_2', '20000'), NOW),
    ('refund_rest_inquiry', 'step 13: inquiryRefund SUCCESS for the rest: refunded', {'type': 'inquiry_refund_response', 'response': {
        'result': res('S', 'SUCCESS'), 'refundStatus': 'SUCCESS', 'refundRequestId': 'REF_2', 'refundId': 'FREF_2', 'refundAmount': EUR('20000')}}, NOW),
])

sequence('automatic', [
    ('pay_requested', 'AUTOMATIC flow, step 1: pay_requested without captureMode defaults to AUTOMATIC', {k: v for k, v in pay_requested('MANUAL').items() if k != 'captureMode'}, NOW),
    ('notification_first', 'step 2: PAYMENT_RESULT S arrives before the pay response: authorized; AUTOMATIC so wait for notifyCapture, never capture', RESULT_S, NOW),
    ('pay_response_after', 'step 3: the pay response S after the notification agrees: unchanged', pay_response('S', 'SUCCESS'), NOW),
    ('capture_result', 'step 4: CAPTURE_RESULT S with Antom\'s own captureRequestId: recorded, captured', capture_notification('S', 'SUCCESS', 'ANTOM_CAP_7'), NOW),
])

sequence('retry_new_id', [
    ('pay_requested', 'new attempt flow, step 1: pay_requested PAY_1', pay_requested('MANUAL'), NOW),
    ('pay_timeout', 'step 2: pay timed out: fate unknown, resend with the same paymentRequestId', {'type': 'timeout', 'api': 'pay'}, NOW),
    ('pay_declined', 'step 3: the resend answers F DO_NOT_HONOR: failed (F is final for the id)', pay_response('F', 'DO_NOT_HONOR'), NOW),
    ('new_attempt', 'step 4: pay_requested with a new id PAY_2 for the same order supersedes the failed PAY_1', pay_requested('MANUAL', 'PAY_2', '30000'), NOW),
    ('new_attempt_success', 'step 5: PAY_2 authorized', pay_response('S', 'SUCCESS', 'PAY_2'), NOW),
    ('late_success_of_first', 'step 6: a late success of the superseded PAY_1 is a second payment for the order: conflict, cancel the duplicate', pay_notification('PAYMENT_RESULT', 'S', 'SUCCESS'), NOW),
])

sequence('cancel', [
    ('pay_requested', 'cancel flow, step 1', pay_requested('MANUAL'), NOW),
    ('pay_success', 'step 2: pay S (authorized)', pay_response('S', 'SUCCESS'), NOW),
    ('cancel_requested', 'step 3: cancel_requested before capture: accepted, send cancel', {'type': 'cancel_requested'}, NOW),
    ('cancel_unknown', 'step 4: cancel U: resend the same cancel', cancel_response('U', 'UNKNOWN_EXCEPTION'), NOW),
    ('cancel_success', 'step 5: the second send answers S: cancelled', cancel_response('S', 'SUCCESS', 2), NOW),
    ('late_payment_result', 'step 6: a late PAYMENT_RESULT S does not revive a cancelled payment (Antom refunds it)', RESULT_S, NOW),
])

# ---- Single steps from built states
pending = build([])
rba = build([IN_PROCESS])
authorized = build([RESULT_S])
authorized_auto = build([RESULT_S], 'AUTOMATIC')
captured = build([RESULT_S, capture_requested(), capture_response('S', 'SUCCESS')])
failed = build([RESULT_F])
cancelled = build([cancel_response('S', 'SUCCESS')])
capturing = build([RESULT_S, capture_requested()])
refund_in_flight = build([RESULT_S, capture_requested(), capture_response('S', 'SUCCESS'), refund_requested('REF_1', '20000')])

vector('order_notification_before_response', 'a pay response that is older than the notification already applied (redirect after authorized) is stale: no regression, no redirect', step(authorized, IN_PROCESS))
vector('order_pending_after_result', 'PAYMENT_PENDING after PAYMENT_RESULT does not regress the state: stale', step(authorized, PENDING))
vector('order_inquiry_after_notification', 'an inquiry after the notification: unchanged', step(authorized, inquiry('SUCCESS')))
vector('order_capture_before_payment_result', 'a capture success seen before any payment result proves the authorization: captured', step(rba, capture_notification('S', 'SUCCESS')))
vector('idempotent_repeat', 'the same PAYMENT_RESULT twice: changed false, same actions', step(authorized, RESULT_S))
vector('idempotent_repeat_refund_requested', 'the same refund_requested twice: accepted again, changed false', step(refund_in_flight, refund_requested('REF_1', '20000')))
vector('raw_body_string', 'a notification given as the raw body string the host received', step(rba, {'type': 'notification', 'notification': json.dumps(RESULT_S['notification'])}))
vector('payment_result_expired', 'PAYMENT_RESULT S seen after authExpiryTime: still authorized, but the next step is a new payment', step(rba, RESULT_S, LATE))
vector('payment_declined', 'PAYMENT_RESULT F: failed with the code; nothing to do', step(rba, RESULT_F))
vector('inquiry_processing', 'inquiryPayment PROCESSING: inquire again in 2 s (action.after is absolute with now)', step(rba, inquiry('PROCESSING')))
vector('inquiry_captured', 'an inquiry whose transactions show a capture success records the capture (AUTOMATIC)', step(authorized_auto, inquiry('SUCCESS', transactions=[{
    'transactionType': 'CAPTURE', 'transactionStatus': 'SUCCESS', 'transactionRequestId': 'ANTOM_CAP_7', 'transactionId': 'T1',
    'transactionAmount': EUR('30000'), 'transactionResult': res('S', 'SUCCESS')}])))
vector('capture_timeout', 'a capture that timed out: resend with the same captureRequestId', step(capturing, {'type': 'timeout', 'api': 'capture', 'captureRequestId': 'CAP_1'}))
vector('capture_auth_expired', 'capture F AUTH_EXPIRED: the authorization is gone, charging needs a new payment', step(capturing, capture_response('F', 'AUTH_EXPIRED')))
vector('cancel_unknown_third_attempt', 'a third unknown cancel answer: contact Antom support', step(build([RESULT_S, {'type': 'cancel_requested'}]), cancel_response('U', 'UNKNOWN_EXCEPTION', 3)))
vector('other_payment_failure_ignored', 'another paymentRequestId of the order failing needs nothing: ignored', step(authorized, pay_notification('PAYMENT_RESULT', 'F', 'DO_NOT_HONOR', 'PAY_2')))

vector('conflict_fail_after_success', 'PAYMENT_RESULT F after S: conflict logged, state otherwise unchanged, inquire', step(authorized, RESULT_F))
vector('conflict_success_after_failure', 'pay S after PAYMENT_RESULT F: conflict, the failure stands', step(failed, pay_response('S', 'SUCCESS')))
vector('conflict_inquiry_contradicts', 'an inquiry that contradicts a final state: conflict, only Antom support can say', step(failed, inquiry('SUCCESS')))
vector('conflict_capture_after_cancel', 'a capture success on a cancelled payment: conflict', step(cancelled, capture_notification('S', 'SUCCESS')))
vector('conflict_cancel_after_capture', 'a cancel success on a captured payment: conflict', step(captured, cancel_response('S', 'SUCCESS')))
vector('conflict_capture_result', 'CAPTURE_RESULT F after capture S for the same captureRequestId: conflict', step(captured, capture_notification('F', 'PROCESS_FAIL')))
vector('conflict_amount_mismatch', 'a notification with another paymentAmount: conflict', step(rba, pay_notification('PAYMENT_RESULT', 'S', 'SUCCESS', amount='30001')))
vector('conflict_over_capture', 'Antom reporting a second capture beyond the authorized amount: conflict, contact support', step(captured, capture_notification('S', 'SUCCESS', 'CAP_2', '100')))
vector('conflict_second_payment_for_order', 'another paymentRequestId of the same order authorized while this one is paid: conflict, cancel the duplicate', step(authorized, pay_notification('PAYMENT_RESULT', 'S', 'SUCCESS', 'PAY_2')))
vector('conflict_repeat_logged_once', 'the same conflicting event again: reported, logged once, changed false', step(run(authorized, RESULT_F), RESULT_F))

vector('guard_capture_accepted_partial', 'capture_requested of a part with allowPartial: accepted', step(authorized, capture_requested('CAP_1', '10000', True)))
vector('guard_capture_partial_refused', 'capture_requested of a part without allowPartial: refused (one full capture by default)', step(authorized, capture_requested('CAP_1', '10000')))
vector('guard_capture_exceeds', 'capture_requested above the authorized amount: refused', step(authorized, capture_requested('CAP_1', '30001', True)))
vector('guard_capture_fully_captured', 'a capture once the authorized amount is captured: refused', step(captured, capture_requested('CAP_2', '100', True)))
vector('guard_capture_second', 'a second (partial) capture without allowPartial: refused, one capture by default', step(run(authorized, capture_requested('CAP_1', '10000', True)), capture_requested('CAP_2', '20000')))
vector('guard_capture_second_partial', 'a second partial capture with allowPartial within the authorization: accepted', step(run(authorized, capture_requested('CAP_1', '10000', True)), capture_requested('CAP_2', '20000', True)))
vector('guard_capture_expired', 'capture_requested after authExpiryTime: refused, a capture would fail with AUTH_EXPIRED', step(authorized, capture_requested(), LATE))
vector('guard_capture_automatic', 'capture_requested under AUTOMATIC capture: refused, Antom captures', step(authorized_auto, capture_requested()))
vector('guard_capture_not_authorized', 'capture_requested while the buyer is still authenticating: refused, wait', step(rba, capture_requested()))
vector('guard_capture_needs_now', 'capture_requested without now while authExpiryTime is known: BAD_INPUT at now', step(authorized, capture_requested(), None))
vector('guard_cancel_after_capture', 'cancel_requested after capture: refused, refund instead', step(captured, {'type': 'cancel_requested'}))
vector('guard_cancel_capture_in_progress', 'cancel_requested while a capture is under way: refused', step(capturing, {'type': 'cancel_requested'}))
vector('guard_refund_over', 'refund_requested beyond the captured amount (counting a refund under way): refused', step(refund_in_flight, refund_requested('REF_2', '10001')))
vector('guard_refund_not_captured', 'refund_requested on an authorized, uncaptured MANUAL payment: refused, cancel instead', step(authorized, refund_requested('REF_1', '100')))
vector('guard_refund_same_id_other_amount', 'refund_requested reusing a refundRequestId with another amount: refused', step(refund_in_flight, refund_requested('REF_1', '100')))
vector('guard_pay_while_open', 'pay_requested with a new id while the first payment is still open: refused, learn its fate first', step(rba, pay_requested('MANUAL', 'PAY_2')))
vector('guard_pay_already_paid', 'pay_requested with a new id once the order is paid: refused', step(authorized, pay_requested('MANUAL', 'PAY_2')))

vector('err_first_event_not_pay', 'with state null the first event must be pay_requested', step(None, RESULT_S))
vector('err_state_version', 'a state of another version is refused, never guessed at', step(dict(pending, v=2), RESULT_S))
vector('err_state_edited_invalid', 'a state whose facts contradict each other is refused', step(dict(captured, payment='failed'), RESULT_S))
vector('err_event_field_of_other_type', 'a field another event type uses is refused, named', step(authorized, {'type': 'cancel_requested', 'amount': EUR('100')}))
vector('err_float_amount', 'amounts are minor-unit strings, never numbers', step(None, dict(pay_requested('MANUAL'), amount={'currency': 'EUR', 'value': 300.0})))
vector('err_response_wrong_type', 'an Antom field of the wrong JSON type is BAD_JSON with its path', step(rba, {'type': 'pay_response', 'response': {'result': {'resultStatus': 'S', 'resultCode': 7}}}))
vector('err_other_payment_without_order', 'an answer for another paymentRequestId cannot be tied to a state without orderId', step(
    run(None, {'type': 'pay_requested', 'paymentRequestId': 'PAY_1', 'amount': EUR('30000')}), pay_notification('PAYMENT_RESULT', 'S', 'SUCCESS', 'PAY_2')))

print(len(written), 'vectors')
