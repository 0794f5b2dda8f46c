/**
 * The business rules: a cart's total in integer cents, with a coupon, and every validation error at once.
 */

export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;
export const MAX_PRICE_CENTS = 1_000_000;

export interface CartLine {
  sku: string;
  priceCents: number;
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
  coupon?: string;
}

export interface CartTotal {
  itemCount: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  coupon: string | null;
}

/** A coupon gives the discount on a subtotal, never more than the subtotal. */
export const COUPONS: Readonly<Record<string, (subtotalCents: number) => number>> = {
  // 10 % off, rounded half up to the cent
  SAVE10: (subtotal) => Math.round(subtotal / 10),
  // 5 € off from 20 € on
  WELCOME5: (subtotal) => (subtotal >= 2_000 ? 500 : 0),
};

export class ValidationError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join("; "));
    this.name = "ValidationError";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function lineErrors(index: number, line: unknown): string[] {
  const where = `lines[${index}]`;
  if (!isObject(line)) {
    return [`${where} must be an object`];
  }
  const errors: string[] = [];
  if (typeof line.sku !== "string" || line.sku.trim() === "") {
    errors.push(`${where}.sku must be a non-empty string`);
  }
  if (!isIntegerIn(line.priceCents, 0, MAX_PRICE_CENTS)) {
    errors.push(`${where}.priceCents must be an integer between 0 and ${MAX_PRICE_CENTS}`);
  }
  if (!isIntegerIn(line.quantity, 1, MAX_QUANTITY)) {
    errors.push(`${where}.quantity must be an integer between 1 and ${MAX_QUANTITY}`);
  }
  return errors;
}

/** Every problem with the request; empty when it is a valid cart. */
export function validate(input: unknown): string[] {
  if (!isObject(input)) {
    return ["the request body must be a JSON object"];
  }
  const errors: string[] = [];
  const lines = input.lines;
  if (!Array.isArray(lines) || lines.length === 0) {
    errors.push("lines must be a non-empty array");
  } else if (lines.length > MAX_LINES) {
    errors.push(`lines must hold at most ${MAX_LINES} entries`);
  } else {
    lines.forEach((line, index) => errors.push(...lineErrors(index, line)));
  }
  const coupon = input.coupon;
  if (coupon !== undefined && coupon !== null) {
    if (typeof coupon !== "string") {
      errors.push("coupon must be a string");
    } else if (!(coupon.toUpperCase() in COUPONS)) {
      errors.push(`unknown coupon ${JSON.stringify(coupon)}`);
    }
  }
  return errors;
}

/** The cart's total: `{"lines": [{"sku", "priceCents", "quantity"}], "coupon"?}`. */
export function total(input: unknown): CartTotal {
  const errors = validate(input);
  if (errors.length > 0) {
    throw new ValidationError(errors);
  }
  const cart = input as Cart;
  const subtotalCents = cart.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  const coupon = typeof cart.coupon === "string" ? cart.coupon.toUpperCase() : null;
  const discountCents = coupon === null ? 0 : Math.min(COUPONS[coupon](subtotalCents), subtotalCents);
  return {
    itemCount: cart.lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotalCents,
    discountCents,
    totalCents: subtotalCents - discountCents,
    coupon,
  };
}
