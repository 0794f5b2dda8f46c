import pytest

from checkout import pricing
from checkout.pricing import ValidationError, quote


def item(sku="A-1", unit_price_cents=1250, quantity=1):
    return {"sku": sku, "unit_price_cents": unit_price_cents, "quantity": quantity}


def test_a_quote_adds_the_lines_tax_and_shipping():
    result = quote({"items": [item(quantity=2), item("B-2", 300, 3)], "tax_rate_percent": 8})
    assert result.item_count == 5
    assert result.subtotal_cents == 2 * 1250 + 3 * 300
    assert result.tax_cents == 272  # 8 % of 3400
    assert result.shipping_cents == pricing.SHIPPING_CENTS
    assert result.total_cents == 3400 + 272 + 499
    assert result.to_dict() == {
        "item_count": 5,
        "subtotal_cents": 3400,
        "tax_cents": 272,
        "shipping_cents": 499,
        "total_cents": 4171,
    }


def test_tax_is_rounded_half_up_to_the_cent():
    assert pricing.tax_cents(125, 10) == 13  # 12.5 cents
    assert pricing.tax_cents(124, 10) == 12
    assert pricing.tax_cents(1000, 7.25) == 73  # 72.5 cents
    assert pricing.tax_cents(999, 0) == 0


def test_the_tax_rate_defaults_to_zero():
    assert quote({"items": [item()]}).tax_cents == 0


@pytest.mark.parametrize(
    "subtotal, shipping",
    [(0, 0), (1, 499), (4_999, 499), (5_000, 0), (120_000, 0)],
)
def test_shipping_is_free_from_fifty_euros(subtotal, shipping):
    assert pricing.shipping_cents(subtotal) == shipping


def test_free_items_make_an_empty_subtotal_without_shipping():
    result = quote({"items": [item(unit_price_cents=0, quantity=3)], "tax_rate_percent": 19})
    assert (result.subtotal_cents, result.tax_cents, result.shipping_cents, result.total_cents) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    "payload, error",
    [
        ([], "the request body must be a JSON object"),
        ({}, "items must be a non-empty array"),
        ({"items": []}, "items must be a non-empty array"),
        ({"items": "A-1"}, "items must be a non-empty array"),
        ({"items": [item()] * 101}, "items must hold at most 100 lines"),
        ({"items": ["A-1"]}, "items[0] must be an object"),
        ({"items": [item(sku="  ")]}, "items[0].sku must be a non-empty string"),
        ({"items": [item(sku=7)]}, "items[0].sku must be a non-empty string"),
        ({"items": [item(unit_price_cents=-1)]}, "items[0].unit_price_cents must be an integer between 0 and 10000000"),
        ({"items": [item(unit_price_cents=12.5)]}, "items[0].unit_price_cents must be an integer between 0 and 10000000"),
        ({"items": [item(quantity=0)]}, "items[0].quantity must be an integer between 1 and 1000"),
        ({"items": [item(quantity=1001)]}, "items[0].quantity must be an integer between 1 and 1000"),
        ({"items": [item(quantity=True)]}, "items[0].quantity must be an integer between 1 and 1000"),
        ({"items": [item()], "tax_rate_percent": -1}, "tax_rate_percent must be a number between 0 and 30"),
        ({"items": [item()], "tax_rate_percent": 31}, "tax_rate_percent must be a number between 0 and 30"),
        ({"items": [item()], "tax_rate_percent": "8"}, "tax_rate_percent must be a number between 0 and 30"),
        ({"items": [item()], "tax_rate_percent": float("nan")}, "tax_rate_percent must be a number between 0 and 30"),
    ],
)
def test_an_invalid_cart_is_refused_with_the_reason(payload, error):
    with pytest.raises(ValidationError) as refused:
        quote(payload)
    assert refused.value.errors == [error]
    assert str(refused.value) == error


def test_every_error_is_reported_at_once():
    payload = {"items": [item(), item(sku="", quantity=0)], "tax_rate_percent": 99}
    assert pricing.validate(payload) == [
        "items[1].sku must be a non-empty string",
        "items[1].quantity must be an integer between 1 and 1000",
        "tax_rate_percent must be a number between 0 and 30",
    ]


def test_a_valid_cart_has_no_errors():
    assert pricing.validate({"items": [item()], "tax_rate_percent": 7.5}) == []
