// The typed helpers: one per op, each calling the op and returning its result.
export const OPS = [
  ['core.info', 'info'],
  ['pay.validate', 'validatePay'],
  ['pay.build', 'buildPay'],
  ['capture.build', 'buildCapture'],
  ['cancel.build', 'buildCancel'],
  ['inquiry.build', 'buildInquiry'],
  ['refund.build', 'buildRefund'],
  ['consult.build', 'buildConsult'],
  ['consult.read', 'readConsult'],
  ['response.interpret', 'interpret'],
  ['notification.parse', 'parseNotification'],
  ['notification.sign', 'signNotification'],
  ['payment.apply', 'apply'],
  ['signature.sign', 'sign'],
  ['signature.verify', 'verify'],
];
