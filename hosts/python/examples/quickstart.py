"""Validate the server-to-server sample of Antom's Authorization payment guide,
build and sign a pay request from a merchant intent, and interpret a response."""

import json
import pathlib
from typing import Any
from datetime import datetime

from paycore import Paycore, PaycoreError

here = pathlib.Path(__file__).parent
pc = Paycore()  # the paycore.wasm inside the package


def load(name: str) -> Any:
    return json.loads((here / name).read_text())


# 1. Validate a pay request: {request, now} -> valid, the card masked, violations, warnings.
checked = pc.validate_pay(load("guide-pay-request.json"))
print("valid:", checked["valid"], "mode:", checked["mode"], "card:", checked["card"]["masked"])

# 2. Build and sign a pay request from a merchant intent. The key here is a test key
#    shipped with the example: use your own (it never leaves this process).
intent = load("intent.json")
now_ms = int(datetime.fromisoformat(intent["now"].replace("Z", "+00:00")).timestamp() * 1000)
intent["signing"] = {
    "clientId": "SANDBOX_5Y0A2N2Y3B5J04251",
    "requestTime": str(now_ms),
    "privateKey": (here / "test-merchant-private-key.pem").read_text(),
}
req = pc.build_pay(intent)
print(req["method"], req["path"], "signed:", req["headers"]["Signature"].startswith("algorithm=RSA256"))

# 3. Interpret Antom's answer: what happened, and what to do next.
nxt = pc.interpret({
    "api": "pay",
    "response": {
        "result": {"resultCode": "PAYMENT_IN_PROCESS", "resultStatus": "U", "resultMessage": "payment in process"},
        "paymentId": "202611281900000001",
        "paymentRequestId": intent["paymentRequestId"],
        "normalUrl": "https://open-sea-global.alipay.com/3ds/challenge?id=1",
    },
    "context": {"mode": "server_to_server"},
})
print("outcome:", nxt["outcome"], "action:", nxt["action"]["kind"], nxt["action"]["url"])

# Failures are exceptions with the core's code and field path.
try:
    pc.validate_pay('{"request": ')
except PaycoreError as err:
    print("error:", err)  # pay.validate: BAD_JSON: malformed JSON: ...
    print("code:", err.code, "offset:", err.offset)
