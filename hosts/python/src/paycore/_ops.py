"""The typed helpers: one per op, each calling the op and returning its result."""

OPS = [
    ("core.info", "info"),
    ("pay.validate", "validate_pay"),
    ("pay.build", "build_pay"),
    ("capture.build", "build_capture"),
    ("cancel.build", "build_cancel"),
    ("inquiry.build", "build_inquiry"),
    ("refund.build", "build_refund"),
    ("consult.build", "build_consult"),
    ("consult.read", "read_consult"),
    ("response.interpret", "interpret"),
    ("notification.parse", "parse_notification"),
    ("notification.sign", "sign_notification"),
    ("payment.apply", "apply"),
    ("signature.sign", "sign"),
    ("signature.verify", "verify"),
]
