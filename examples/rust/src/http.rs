//! Just enough HTTP/1.1: one request read from a stream, one response written to it, then the connection
//! closes (`Connection: close`), which keeps the server simple and is fine behind a Kubernetes Service.

use std::io::{self, BufRead, Read, Write};

pub const MAX_BODY_BYTES: usize = 16 * 1024;
const MAX_LINE_BYTES: usize = 8 * 1024;
const MAX_HEADERS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The target without its query string.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// A header's value; names are case-insensitive.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
pub enum ParseError {
    /// The client closed the connection before sending a request.
    Closed,
    /// Not HTTP as this server reads it: 400.
    Malformed(&'static str),
    /// A body over MAX_BODY_BYTES: 413.
    TooLarge,
    Io(io::Error),
}

impl ParseError {
    /// The answer to a request that could not be read, if the connection can still take one.
    pub fn response(&self) -> Option<Response> {
        match self {
            ParseError::Malformed(why) => Some(Response::text(400, why)),
            ParseError::TooLarge => Some(Response::text(413, "the request body is too large")),
            ParseError::Closed | ParseError::Io(_) => None,
        }
    }
}

impl From<io::Error> for ParseError {
    fn from(error: io::Error) -> Self {
        ParseError::Io(error)
    }
}

fn read_line<R: BufRead>(reader: &mut R) -> Result<Option<String>, ParseError> {
    let mut line = Vec::new();
    let read = (&mut *reader)
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.len() > MAX_LINE_BYTES || !line.ends_with(b"\n") {
        return Err(ParseError::Malformed(
            "request line or header too long or cut short",
        ));
    }
    while line.last() == Some(&b'\n') || line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line)
        .map(Some)
        .map_err(|_| ParseError::Malformed("request line or header not UTF-8"))
}

/// Reads one request: request line, headers, and a body of Content-Length bytes (no chunked bodies).
pub fn read_request<R: BufRead>(reader: &mut R) -> Result<Request, ParseError> {
    let request_line = match read_line(reader)? {
        Some(line) => line,
        None => return Err(ParseError::Closed),
    };
    let mut parts = request_line.split_whitespace();
    let (method, target, version) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None) => (method, target, version),
        _ => return Err(ParseError::Malformed("malformed request line")),
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(ParseError::Malformed("malformed request line"));
    }
    let mut headers = Vec::new();
    loop {
        let line = read_line(reader)?.ok_or(ParseError::Malformed("headers cut short"))?;
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(ParseError::Malformed("too many headers"));
        }
        let (name, value) = line
            .split_once(':')
            .ok_or(ParseError::Malformed("malformed header"))?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body: Vec::new(),
    };
    if request.header("Transfer-Encoding").is_some() {
        return Err(ParseError::Malformed(
            "chunked bodies are not supported, send Content-Length",
        ));
    }
    let length = match request.header("Content-Length") {
        None => 0,
        Some(value) => value
            .parse::<usize>()
            .map_err(|_| ParseError::Malformed("Content-Length must be a number"))?,
    };
    if length > MAX_BODY_BYTES {
        return Err(ParseError::TooLarge);
    }
    request.body.resize(length, 0);
    reader.read_exact(&mut request.body)?;
    Ok(request)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped.
pub fn json_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Response {
    pub fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn json(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "application/json",
            headers: Vec::new(),
            body: body.into_bytes(),
        }
    }

    /// `{"errors":[...]}`
    pub fn errors(status: u16, errors: &[String]) -> Response {
        let list: Vec<String> = errors.iter().map(|e| json_string(e)).collect();
        Response::json(status, format!("{{\"errors\":[{}]}}", list.join(",")))
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }

    pub fn write_to<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{}: {}\r\n", name, value));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        out.write_all(&self.body)?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Request, ParseError> {
        read_request(&mut raw.as_bytes())
    }

    fn malformed(raw: &str) -> &'static str {
        match parse(raw) {
            Err(ParseError::Malformed(why)) => why,
            other => panic!("expected Malformed, got {:?}", other),
        }
    }

    #[test]
    fn reads_a_request_with_a_body() {
        let request = parse(
            "POST /reservations?x=1 HTTP/1.1\r\nHost: a\r\ncontent-length: 5\r\n\r\nsku=Atrailing",
        )
        .unwrap();
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/reservations?x=1");
        assert_eq!(request.path(), "/reservations");
        assert_eq!(request.header("HOST"), Some("a"));
        assert_eq!(request.header("Accept"), None);
        assert_eq!(request.body, b"sku=A");
    }

    #[test]
    fn reads_a_request_without_a_body_and_bare_newlines() {
        let request = parse("GET /healthz HTTP/1.0\n\n").unwrap();
        assert_eq!(
            (request.method.as_str(), request.path(), request.body.len()),
            ("GET", "/healthz", 0)
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(matches!(parse(""), Err(ParseError::Closed)));
        assert_eq!(malformed("GET /\r\n\r\n"), "malformed request line");
        assert_eq!(
            malformed("GET / HTTP/1.1 extra\r\n\r\n"),
            "malformed request line"
        );
        assert_eq!(malformed("GET / SPDY/3\r\n\r\n"), "malformed request line");
        assert_eq!(
            malformed("GET healthz HTTP/1.1\r\n\r\n"),
            "malformed request line"
        );
        assert_eq!(
            malformed("GET / HTTP/1.1\r\nHost: a\r\n"),
            "headers cut short"
        );
        assert_eq!(
            malformed("GET / HTTP/1.1\r\nHost"),
            "request line or header too long or cut short"
        );
        assert_eq!(
            malformed("GET / HTTP/1.1\r\nno colon\r\n\r\n"),
            "malformed header"
        );
        assert_eq!(
            malformed(&format!(
                "GET /{} HTTP/1.1\r\n\r\n",
                "a".repeat(MAX_LINE_BYTES)
            )),
            "request line or header too long or cut short"
        );
        let many = "X: y\r\n".repeat(MAX_HEADERS + 1);
        assert_eq!(
            malformed(&format!("GET / HTTP/1.1\r\n{}\r\n", many)),
            "too many headers"
        );
        assert_eq!(
            malformed("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n"),
            "Content-Length must be a number"
        );
        assert_eq!(
            malformed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            "chunked bodies are not supported, send Content-Length"
        );
        let too_large = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY_BYTES + 1
        );
        assert!(matches!(parse(&too_large), Err(ParseError::TooLarge)));
        assert!(matches!(
            parse("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort"),
            Err(ParseError::Io(_))
        ));
    }

    #[test]
    fn refuses_a_request_line_that_is_not_utf8() {
        let raw: &[u8] = b"GET /\xff HTTP/1.1\r\n\r\n";
        match read_request(&mut &raw[..]) {
            Err(ParseError::Malformed(why)) => assert_eq!(why, "request line or header not UTF-8"),
            other => panic!("expected Malformed, got {:?}", other),
        }
    }

    #[test]
    fn answers_what_it_could_not_read() {
        assert_eq!(ParseError::Malformed("bad").response().unwrap().status, 400);
        assert_eq!(ParseError::TooLarge.response().unwrap().status, 413);
        assert!(ParseError::Closed.response().is_none());
        assert!(ParseError::from(io::Error::new(io::ErrorKind::Other, "x"))
            .response()
            .is_none());
    }

    #[test]
    fn writes_a_response() {
        let mut out = Vec::new();
        Response::text(405, "no")
            .with_header("Allow", "POST")
            .write_to(&mut out)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\
             Connection: close\r\nAllow: POST\r\n\r\nno"
        );
    }

    #[test]
    fn names_the_statuses_it_sends() {
        let names: Vec<&str> = [200, 201, 400, 404, 405, 409, 413, 422, 503, 418]
            .iter()
            .map(|s| reason(*s))
            .collect();
        assert_eq!(
            names,
            [
                "OK",
                "Created",
                "Bad Request",
                "Not Found",
                "Method Not Allowed",
                "Conflict",
                "Payload Too Large",
                "Unprocessable Entity",
                "Service Unavailable",
                "Unknown"
            ]
        );
    }

    #[test]
    fn escapes_json_strings_and_lists_errors() {
        assert_eq!(json_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\u000ad\"");
        let response = Response::errors(422, &["one".to_string(), "t\"wo".to_string()]);
        assert_eq!(response.content_type, "application/json");
        assert_eq!(
            String::from_utf8(response.body).unwrap(),
            "{\"errors\":[\"one\",\"t\\\"wo\"]}"
        );
    }
}
