//! The stdio transport: LSP's `Content-Length` frames in and out, bounded
//! and forgiving. A frame that is too large, not JSON, or not a JSON-RPC
//! message gets a JSON-RPC error in reply and the server reads on; only
//! the end of standard input ends it.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message};

/// The largest message read: 64 MiB, room for a rule file at its limit
/// (4 MiB) many times over once escaped as JSON. Past it the frame is
/// skipped unread, so a wrong `Content-Length` cannot exhaust memory.
pub(crate) const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The longest header line read; LSP's headers are a few dozen bytes.
const MAX_HEADER_BYTES: u64 = 1024;

/// The threads behind a stdio connection.
#[derive(Debug)]
pub struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits for both threads: the reader ends after `exit` or at the end
    /// of its input, the writer once every sender of the connection is gone.
    pub fn join(self) {
        let _ = self.reader.join();
        let _ = self.writer.join();
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, Threads) {
    connect(io::BufReader::new(io::stdin()), io::stdout())
}

/// A connection over any reader and writer (the stdio one, and tests').
pub fn connect<R, W>(input: R, output: W) -> (Connection, Threads)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (to_server, from_client) = crossbeam_channel::unbounded::<Message>();
    let (to_client, from_server) = crossbeam_channel::unbounded::<Message>();
    let writer = {
        let output = Arc::clone(&output);
        thread::spawn(move || write_all(&from_server, &output))
    };
    let reader = thread::spawn(move || read_all(input, &to_server, &output));
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        Threads { reader, writer },
    )
}

fn write_all<W: Write>(messages: &Receiver<Message>, output: &Mutex<W>) {
    for message in messages {
        let Ok(text) = serde_json::to_value(&message).map(|mut v| {
            if let Some(object) = v.as_object_mut() {
                object.insert("jsonrpc".to_owned(), "2.0".into());
            }
            v.to_string()
        }) else {
            continue;
        };
        if write_frame(output, &text).is_err() {
            return;
        }
    }
}

fn write_frame<W: Write>(output: &Mutex<W>, text: &str) -> io::Result<()> {
    let mut out = output
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

/// A JSON-RPC error without a request to answer (`id` null), or for the
/// request whose `id` could be read.
fn reply_error<W: Write>(output: &Mutex<W>, id: serde_json::Value, code: ErrorCode, message: &str) {
    let reply = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    });
    let _ = write_frame(output, &reply.to_string());
}

fn read_all<R: BufRead, W: Write>(mut input: R, server: &Sender<Message>, output: &Mutex<W>) {
    loop {
        let body = match read_frame(&mut input) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(Frame::Io) => return,
            Err(Frame::Bad(why)) => {
                reply_error(output, serde_json::Value::Null, ErrorCode::ParseError, &why);
                continue;
            }
        };
        let value: serde_json::Value = match serde_json::from_slice(&body) {
            Ok(value) => value,
            Err(e) => {
                let why = format!("the message is not JSON: {e}");
                reply_error(output, serde_json::Value::Null, ErrorCode::ParseError, &why);
                continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
        // A request or notification has a method, a response a result or
        // an error; without any, the lenient decoding would read a response.
        let shaped = ["method", "result", "error"]
            .iter()
            .any(|key| value.get(key).is_some());
        match serde_json::from_value::<Message>(value) {
            Ok(message) if shaped => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if server.send(message).is_err() || exit {
                    return;
                }
            }
            Ok(_) => {
                let why = "the message is not a JSON-RPC request, response or notification: it has no `method`, `result` or `error`";
                reply_error(output, id, ErrorCode::InvalidRequest, why);
            }
            Err(e) => {
                let why =
                    format!("the message is not a JSON-RPC request, response or notification: {e}");
                reply_error(output, id, ErrorCode::InvalidRequest, &why);
            }
        }
    }
}

/// Why a frame could not be read.
enum Frame {
    /// The input failed or ended inside a frame: nothing more can be read.
    Io,
    /// The frame was unusable, and skipped: why, for the error reply.
    Bad(String),
}

/// One frame's body; `None` at the end of the input between frames.
fn read_frame<R: BufRead>(input: &mut R) -> Result<Option<Vec<u8>>, Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut line)
            .map_err(|_| Frame::Io)?;
        if read == 0 {
            return if any { Err(Frame::Io) } else { Ok(None) };
        }
        any = true;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("`{}` is not a length", value.trim())),
                );
            }
        }
    }
    let length = match length {
        None => {
            return Err(Frame::Bad(
                "the message has no `Content-Length` header".to_owned(),
            ));
        }
        Some(Err(why)) => return Err(Frame::Bad(why)),
        Some(Ok(length)) => length,
    };
    if length > MAX_MESSAGE_BYTES {
        let skip = u64::try_from(length).unwrap_or(u64::MAX);
        io::copy(&mut input.by_ref().take(skip), &mut io::sink()).map_err(|_| Frame::Io)?;
        return Err(Frame::Bad(format!(
            "the message is {length} bytes, more than the {MAX_MESSAGE_BYTES} a message may have"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|_| Frame::Io)?;
    Ok(Some(body))
}
