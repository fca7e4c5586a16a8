"""Typed helpers, one per op."""

from typing import Any


class Helpers:
    """One method per op: calls it and returns its result, or raises PaycoreError."""

    def _op(self, op: str, data: Any) -> Any:
        raise NotImplementedError

    def info(self, data: Any = None) -> Any:
        """Run ``core.info``."""
        return self._op("core.info", data)

    def validate_pay(self, data: Any = None) -> Any:
        """Run ``pay.validate``."""
        return self._op("pay.validate", data)

    def build_pay(self, data: Any = None) -> Any:
        """Run ``pay.build``."""
        return self._op("pay.build", data)

    def build_capture(self, data: Any = None) -> Any:
        """Run ``capture.build``."""
        return self._op("capture.build", data)

    def build_cancel(self, data: Any = None) -> Any:
        """Run ``cancel.build``."""
        return self._op("cancel.build", data)

    def build_inquiry(self, data: Any = None) -> Any:
        """Run ``inquiry.build``."""
        return self._op("inquiry.build", data)

    def build_refund(self, data: Any = None) -> Any:
        """Run ``refund.build``."""
        return self._op("refund.build", data)

    def build_consult(self, data: Any = None) -> Any:
        """Run ``consult.build``."""
        return self._op("consult.build", data)

    def read_consult(self, data: Any = None) -> Any:
        """Run ``consult.read``."""
        return self._op("consult.read", data)

    def interpret(self, data: Any = None) -> Any:
        """Run ``response.interpret``."""
        return self._op("response.interpret", data)

    def parse_notification(self, data: Any = None) -> Any:
        """Run ``notification.parse``."""
        return self._op("notification.parse", data)

    def sign_notification(self, data: Any = None) -> Any:
        """Run ``notification.sign``."""
        return self._op("notification.sign", data)

    def apply(self, data: Any = None) -> Any:
        """Run ``payment.apply``."""
        return self._op("payment.apply", data)

    def sign(self, data: Any = None) -> Any:
        """Run ``signature.sign``."""
        return self._op("signature.sign", data)

    def verify(self, data: Any = None) -> Any:
        """Run ``signature.verify``."""
        return self._op("signature.verify", data)
