//! The business rules: stock per SKU, reservations that never oversell, and the request that asks for one.

use std::collections::BTreeMap;
use std::fmt;

pub const MAX_QUANTITY: u32 = 1000;
const MAX_SKU_LEN: usize = 32;

/// An SKU is 1 to 32 ASCII letters, digits, `-` or `_`.
pub fn valid_sku(sku: &str) -> bool {
    !sku.is_empty()
        && sku.len() <= MAX_SKU_LEN
        && sku
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inventory {
    available: BTreeMap<String, u32>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Reservation {
    pub sku: String,
    pub reserved: u32,
    pub available: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReserveError {
    UnknownSku(String),
    Insufficient {
        sku: String,
        requested: u32,
        available: u32,
    },
}

impl fmt::Display for ReserveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReserveError::UnknownSku(sku) => write!(f, "unknown sku {}", sku),
            ReserveError::Insufficient {
                sku,
                requested,
                available,
            } => {
                write!(
                    f,
                    "only {} of {} available, {} requested",
                    available, sku, requested
                )
            }
        }
    }
}

impl Inventory {
    /// Parses `SKU=QUANTITY` pairs separated by commas, e.g. `WIDGET-1=25,GADGET-2=0`; blank is empty.
    pub fn parse(spec: &str) -> Result<Inventory, String> {
        let mut available = BTreeMap::new();
        for entry in spec
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
        {
            let (sku, quantity) = entry
                .split_once('=')
                .ok_or_else(|| format!("stock entry {:?} must be SKU=QUANTITY", entry))?;
            let sku = sku.trim();
            if !valid_sku(sku) {
                return Err(format!("stock entry {:?}: {:?} is not an SKU", entry, sku));
            }
            let quantity: u32 = quantity.trim().parse().map_err(|_| {
                format!(
                    "stock entry {:?}: the quantity must be a whole number",
                    entry
                )
            })?;
            if available.insert(sku.to_string(), quantity).is_some() {
                return Err(format!("stock entry {:?}: {} is listed twice", entry, sku));
            }
        }
        Ok(Inventory { available })
    }

    pub fn len(&self) -> usize {
        self.available.len()
    }

    pub fn is_empty(&self) -> bool {
        self.available.is_empty()
    }

    pub fn available(&self, sku: &str) -> Option<u32> {
        self.available.get(sku).copied()
    }

    /// Takes `quantity` of `sku` out of stock, all or nothing.
    pub fn reserve(&mut self, sku: &str, quantity: u32) -> Result<Reservation, ReserveError> {
        let available = self
            .available
            .get_mut(sku)
            .ok_or_else(|| ReserveError::UnknownSku(sku.to_string()))?;
        if quantity > *available {
            return Err(ReserveError::Insufficient {
                sku: sku.to_string(),
                requested: quantity,
                available: *available,
            });
        }
        *available -= quantity;
        Ok(Reservation {
            sku: sku.to_string(),
            reserved: quantity,
            available: *available,
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct ReservationRequest {
    pub sku: String,
    pub quantity: u32,
}

/// Decodes one `application/x-www-form-urlencoded` value: `+` is a space, `%XX` a byte.
pub fn form_decode(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                match byte {
                    Some(byte) => out.push(byte),
                    None => return Err("malformed %-escape in the form".to_string()),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "the form is not UTF-8".to_string())
}

/// The reservation a form body asks for, `sku=WIDGET-1&quantity=2`, or every problem with it.
pub fn parse_reservation(body: &str) -> Result<ReservationRequest, Vec<String>> {
    let mut sku = None;
    let mut quantity = None;
    for pair in body.trim().split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = form_decode(value).map_err(|error| vec![error])?;
        match name {
            "sku" => sku = Some(value),
            "quantity" => quantity = Some(value),
            _ => {}
        }
    }
    let mut errors = Vec::new();
    match &sku {
        None => errors.push("sku is required".to_string()),
        Some(sku) if !valid_sku(sku) => {
            errors.push("sku must be 1 to 32 letters, digits, '-' or '_'".to_string())
        }
        Some(_) => {}
    }
    let parsed = quantity.as_deref().map(|q| {
        q.parse::<u32>()
            .ok()
            .filter(|q| (1..=MAX_QUANTITY).contains(q))
    });
    match parsed {
        None => errors.push("quantity is required".to_string()),
        Some(None) => errors.push(format!(
            "quantity must be a whole number between 1 and {}",
            MAX_QUANTITY
        )),
        Some(Some(_)) => {}
    }
    match (sku, parsed) {
        (Some(sku), Some(Some(quantity))) if errors.is_empty() => {
            Ok(ReservationRequest { sku, quantity })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stock() -> Inventory {
        Inventory::parse("WIDGET-1=5, GADGET-2=0").unwrap()
    }

    #[test]
    fn parses_the_stock_spec() {
        let inventory = stock();
        assert_eq!(inventory.len(), 2);
        assert_eq!(inventory.available("WIDGET-1"), Some(5));
        assert_eq!(inventory.available("GADGET-2"), Some(0));
        assert_eq!(inventory.available("NOPE"), None);
        assert!(Inventory::parse(" , ").unwrap().is_empty());
    }

    #[test]
    fn refuses_a_bad_stock_spec() {
        assert_eq!(
            Inventory::parse("WIDGET-1").unwrap_err(),
            "stock entry \"WIDGET-1\" must be SKU=QUANTITY"
        );
        assert_eq!(
            Inventory::parse("W I=1").unwrap_err(),
            "stock entry \"W I=1\": \"W I\" is not an SKU"
        );
        assert_eq!(
            Inventory::parse("A=-1").unwrap_err(),
            "stock entry \"A=-1\": the quantity must be a whole number"
        );
        assert_eq!(
            Inventory::parse("A=1,A=2").unwrap_err(),
            "stock entry \"A=2\": A is listed twice"
        );
    }

    #[test]
    fn reserves_until_the_stock_runs_out() {
        let mut inventory = stock();
        assert_eq!(
            inventory.reserve("WIDGET-1", 3),
            Ok(Reservation {
                sku: "WIDGET-1".to_string(),
                reserved: 3,
                available: 2
            })
        );
        assert_eq!(
            inventory.reserve("WIDGET-1", 3),
            Err(ReserveError::Insufficient {
                sku: "WIDGET-1".to_string(),
                requested: 3,
                available: 2
            })
        );
        assert_eq!(
            inventory.available("WIDGET-1"),
            Some(2),
            "a refused reservation takes nothing"
        );
        assert_eq!(inventory.reserve("WIDGET-1", 2).unwrap().available, 0);
        assert_eq!(
            inventory.reserve("NOPE", 1),
            Err(ReserveError::UnknownSku("NOPE".to_string()))
        );
    }

    #[test]
    fn explains_a_refused_reservation() {
        assert_eq!(
            ReserveError::UnknownSku("X".to_string()).to_string(),
            "unknown sku X"
        );
        let insufficient = ReserveError::Insufficient {
            sku: "X".to_string(),
            requested: 4,
            available: 1,
        };
        assert_eq!(
            insufficient.to_string(),
            "only 1 of X available, 4 requested"
        );
    }

    #[test]
    fn validates_skus() {
        assert!(valid_sku("WIDGET_1-a"));
        assert!(!valid_sku(""));
        assert!(!valid_sku(&"A".repeat(33)));
        assert!(!valid_sku("WIDGET/1"));
    }

    #[test]
    fn decodes_form_values() {
        assert_eq!(form_decode("a+b%2Dc"), Ok("a b-c".to_string()));
        assert_eq!(
            form_decode("%4"),
            Err("malformed %-escape in the form".to_string())
        );
        assert_eq!(
            form_decode("%zz"),
            Err("malformed %-escape in the form".to_string())
        );
        assert_eq!(form_decode("%ff"), Err("the form is not UTF-8".to_string()));
    }

    #[test]
    fn parses_a_reservation_request() {
        assert_eq!(
            parse_reservation("sku=WIDGET%2D1&quantity=2&note=ignored\n"),
            Ok(ReservationRequest {
                sku: "WIDGET-1".to_string(),
                quantity: 2
            })
        );
    }

    #[test]
    fn reports_every_problem_with_a_reservation_request() {
        assert_eq!(
            parse_reservation(""),
            Err(vec![
                "sku is required".to_string(),
                "quantity is required".to_string()
            ])
        );
        assert_eq!(
            parse_reservation("sku=&quantity=0"),
            Err(vec![
                "sku must be 1 to 32 letters, digits, '-' or '_'".to_string(),
                "quantity must be a whole number between 1 and 1000".to_string(),
            ])
        );
        assert_eq!(
            parse_reservation("sku=A&quantity=1001"),
            Err(vec![
                "quantity must be a whole number between 1 and 1000".to_string()
            ])
        );
        assert_eq!(parse_reservation("sku&quantity=x").unwrap_err().len(), 2);
        assert_eq!(
            parse_reservation("sku=%"),
            Err(vec!["malformed %-escape in the form".to_string()])
        );
    }
}
