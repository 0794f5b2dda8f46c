//! The thin TCP layer: a thread per connection, one request each, answered by App.

use std::io::{self, BufReader};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::app::App;
use crate::http::{read_request, ParseError};

/// A client that sends nothing for this long is dropped.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads one request from the connection and writes the answer.
pub fn handle_connection(stream: TcpStream, app: &App) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let response = match read_request(&mut reader) {
        Ok(request) => app.handle(&request),
        Err(ParseError::Io(error)) => return Err(error),
        Err(error) => match error.response() {
            Some(response) => response,
            None => return Ok(()), // closed before a request
        },
    };
    let mut writer = stream;
    response.write_to(&mut writer)
}

/// Serves connections until the listener fails; every connection gets its own thread.
pub fn serve(listener: TcpListener, app: Arc<App>) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let app = Arc::clone(&app);
                thread::spawn(move || {
                    if let Err(error) = handle_connection(stream, &app) {
                        eprintln!("connection failed: {}", error);
                    }
                });
            }
            Err(error) => eprintln!("accept failed: {}", error),
        }
    }
}
