import { total, validate, ValidationError } from "../src/cart";

const line = (overrides: Record<string, unknown> = {}) => ({ sku: "MUG-1", priceCents: 1250, quantity: 1, ...overrides });

describe("total", () => {
  it("adds the lines", () => {
    expect(total({ lines: [line({ quantity: 2 }), line({ sku: "TEE-2", priceCents: 1999 })] })).toEqual({
      itemCount: 3,
      subtotalCents: 4499,
      discountCents: 0,
      totalCents: 4499,
      coupon: null,
    });
  });

  it("takes 10 % off with SAVE10, rounded to the cent, in any case", () => {
    expect(total({ lines: [line({ priceCents: 1255 })], coupon: "save10" })).toMatchObject({
      subtotalCents: 1255,
      discountCents: 126,
      totalCents: 1129,
      coupon: "SAVE10",
    });
  });

  it("takes 5 € off with WELCOME5 from a 20 € subtotal only", () => {
    expect(total({ lines: [line({ priceCents: 2000 })], coupon: "WELCOME5" })).toMatchObject({
      discountCents: 500,
      totalCents: 1500,
    });
    expect(total({ lines: [line({ priceCents: 1999 })], coupon: "WELCOME5" })).toMatchObject({
      discountCents: 0,
      totalCents: 1999,
    });
  });

  it("treats a null coupon as none", () => {
    expect(total({ lines: [line()], coupon: null }).coupon).toBeNull();
  });

  it("refuses an invalid cart with every reason", () => {
    expect(() => total({ lines: [line({ quantity: 0 })], coupon: "FREE" })).toThrow(
      new ValidationError(["lines[0].quantity must be an integer between 1 and 99", 'unknown coupon "FREE"']),
    );
    try {
      total([]);
      throw new Error("expected a ValidationError");
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual(["the request body must be a JSON object"]);
      expect((error as ValidationError).name).toBe("ValidationError");
    }
  });
});

describe("validate", () => {
  it.each([
    [null, "the request body must be a JSON object"],
    ["cart", "the request body must be a JSON object"],
    [{}, "lines must be a non-empty array"],
    [{ lines: [] }, "lines must be a non-empty array"],
    [{ lines: {} }, "lines must be a non-empty array"],
    [{ lines: Array(51).fill(line()) }, "lines must hold at most 50 entries"],
    [{ lines: [42] }, "lines[0] must be an object"],
    [{ lines: [line({ sku: " " })] }, "lines[0].sku must be a non-empty string"],
    [{ lines: [line({ sku: 7 })] }, "lines[0].sku must be a non-empty string"],
    [{ lines: [line({ priceCents: -1 })] }, "lines[0].priceCents must be an integer between 0 and 1000000"],
    [{ lines: [line({ priceCents: 9.99 })] }, "lines[0].priceCents must be an integer between 0 and 1000000"],
    [{ lines: [line({ priceCents: "999" })] }, "lines[0].priceCents must be an integer between 0 and 1000000"],
    [{ lines: [line({ quantity: 100 })] }, "lines[0].quantity must be an integer between 1 and 99"],
    [{ lines: [line()], coupon: 10 }, "coupon must be a string"],
    [{ lines: [line()], coupon: "toString" }, 'unknown coupon "toString"'],
  ])("refuses %j: %s", (input, error) => {
    expect(validate(input)).toEqual([error]);
  });

  it("accepts a valid cart", () => {
    expect(validate({ lines: [line()], coupon: "SAVE10" })).toEqual([]);
  });
});
