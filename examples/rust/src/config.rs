//! The service's settings from its environment: PORT (8080) and STOCK (the starting stock levels).

use crate::stock::Inventory;

pub const DEFAULT_PORT: u16 = 8080;
pub const DEFAULT_STOCK: &str = "WIDGET-1=25,GADGET-2=10,GIZMO-3=0";

#[derive(Debug, PartialEq, Eq)]
pub struct Config {
    pub port: u16,
    pub inventory: Inventory,
}

/// PORT, 8080 when unset or blank; anything but a TCP port is a startup error.
pub fn port(value: Option<&str>) -> Result<u16, String> {
    let raw = value.map(str::trim).filter(|v| !v.is_empty());
    match raw {
        None => Ok(DEFAULT_PORT),
        Some(raw) => match raw.parse::<u16>() {
            Ok(port) if port > 0 && raw.bytes().all(|b| b.is_ascii_digit()) => Ok(port),
            _ => Err(format!("PORT must be a TCP port (1-65535), got {:?}", raw)),
        },
    }
}

impl Config {
    /// From the values of PORT and STOCK (None: unset).
    pub fn from_env(port_value: Option<&str>, stock_value: Option<&str>) -> Result<Config, String> {
        let port = port(port_value)?;
        let inventory = Inventory::parse(stock_value.unwrap_or(DEFAULT_STOCK))
            .map_err(|e| format!("STOCK: {}", e))?;
        Ok(Config { port, inventory })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_port() {
        assert_eq!(port(None), Ok(8080));
        assert_eq!(port(Some(" ")), Ok(8080));
        assert_eq!(port(Some(" 9090 ")), Ok(9090));
        for bad in ["http", "0", "65536", "-1", "+80", "80.5"] {
            assert_eq!(
                port(Some(bad)),
                Err(format!("PORT must be a TCP port (1-65535), got {:?}", bad))
            );
        }
    }

    #[test]
    fn reads_the_stock_or_starts_with_the_default() {
        let config = Config::from_env(None, None).unwrap();
        assert_eq!(config.port, 8080);
        assert_eq!(config.inventory.available("WIDGET-1"), Some(25));
        assert_eq!(config.inventory.len(), 3);
        let config = Config::from_env(Some("9000"), Some("A=1")).unwrap();
        assert_eq!(
            (config.port, config.inventory.available("A")),
            (9000, Some(1))
        );
        assert!(Config::from_env(None, Some(""))
            .unwrap()
            .inventory
            .is_empty());
    }

    #[test]
    fn refuses_a_bad_environment() {
        assert!(Config::from_env(Some("x"), None)
            .unwrap_err()
            .starts_with("PORT must be"));
        assert_eq!(
            Config::from_env(None, Some("A")).unwrap_err(),
            "STOCK: stock entry \"A\" must be SKU=QUANTITY"
        );
    }
}
