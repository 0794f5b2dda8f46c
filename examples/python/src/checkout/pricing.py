"""The business rules: a quote for a cart, in integer cents, with every validation error at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, List

MAX_ITEMS = 100
MAX_QUANTITY = 1000
MAX_UNIT_PRICE_CENTS = 10_000_000
MAX_TAX_RATE_PERCENT = 30
SHIPPING_CENTS = 499
FREE_SHIPPING_FROM_CENTS = 5_000


class ValidationError(ValueError):
    """The request is not a valid cart; ``errors`` says what is wrong, one message per field."""

    def __init__(self, errors: List[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Quote:
    item_count: int
    subtotal_cents: int
    tax_cents: int
    shipping_cents: int

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents + self.tax_cents + self.shipping_cents

    def to_dict(self) -> dict:
        return {
            "item_count": self.item_count,
            "subtotal_cents": self.subtotal_cents,
            "tax_cents": self.tax_cents,
            "shipping_cents": self.shipping_cents,
            "total_cents": self.total_cents,
        }


def _is_int(value: Any) -> bool:
    # JSON true/false are bools, which Python counts as ints: not a quantity
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and value == value  # not NaN


def tax_cents(subtotal_cents: int, rate_percent: float) -> int:
    """Tax on the subtotal, rounded half up to the cent (12.5 cents is 13)."""
    exact = Decimal(subtotal_cents) * Decimal(str(rate_percent)) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def shipping_cents(subtotal_cents: int) -> int:
    """A flat rate below the free-shipping threshold; nothing for an empty cart."""
    if subtotal_cents == 0 or subtotal_cents >= FREE_SHIPPING_FROM_CENTS:
        return 0
    return SHIPPING_CENTS


def _item_errors(index: int, item: Any) -> List[str]:
    where = f"items[{index}]"
    if not isinstance(item, dict):
        return [f"{where} must be an object"]
    errors = []
    sku = item.get("sku")
    if not isinstance(sku, str) or not sku.strip():
        errors.append(f"{where}.sku must be a non-empty string")
    price = item.get("unit_price_cents")
    if not _is_int(price) or not 0 <= price <= MAX_UNIT_PRICE_CENTS:
        errors.append(f"{where}.unit_price_cents must be an integer between 0 and {MAX_UNIT_PRICE_CENTS}")
    quantity = item.get("quantity")
    if not _is_int(quantity) or not 1 <= quantity <= MAX_QUANTITY:
        errors.append(f"{where}.quantity must be an integer between 1 and {MAX_QUANTITY}")
    return errors


def validate(payload: Any) -> List[str]:
    """Every problem with the request, empty when it is a valid cart."""
    if not isinstance(payload, dict):
        return ["the request body must be a JSON object"]
    errors = []
    items = payload.get("items")
    if not isinstance(items, list) or not items:
        errors.append("items must be a non-empty array")
    elif len(items) > MAX_ITEMS:
        errors.append(f"items must hold at most {MAX_ITEMS} lines")
    else:
        for index, item in enumerate(items):
            errors.extend(_item_errors(index, item))
    rate = payload.get("tax_rate_percent", 0)
    if not _is_number(rate) or not 0 <= rate <= MAX_TAX_RATE_PERCENT:
        errors.append(f"tax_rate_percent must be a number between 0 and {MAX_TAX_RATE_PERCENT}")
    return errors


def quote(payload: Any) -> Quote:
    """The quote for a cart: ``{"items": [{"sku", "unit_price_cents", "quantity"}], "tax_rate_percent"}``."""
    errors = validate(payload)
    if errors:
        raise ValidationError(errors)
    items = payload["items"]
    subtotal = sum(item["unit_price_cents"] * item["quantity"] for item in items)
    return Quote(
        item_count=sum(item["quantity"] for item in items),
        subtotal_cents=subtotal,
        tax_cents=tax_cents(subtotal, payload.get("tax_rate_percent", 0)),
        shipping_cents=shipping_cents(subtotal),
    )
