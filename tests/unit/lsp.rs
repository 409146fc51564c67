//! The language server, driven in-process by scripted LSP messages:
//! initialize, didOpen, didChange, hover, definition and completion on the
//! real Heerlen rules and on small synthetic rule sets, every response
//! snapshotted; then the protocol's failure cases and the stdio framing.

use std::io::{BufReader, Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::lsp::{Ending, Server};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

/// The day the server takes for today: parameter values are read on it.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// A client talking to a server on its own thread.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<Ending>>,
    next: i32,
    /// The folder the files live in, replaced by `$ROOT` in snapshots.
    root: PathBuf,
}

impl Client {
    /// Starts a server and initializes it with `root` as workspace folder.
    fn start(root: &Path) -> Client {
        let (server_side, connection) = Connection::memory();
        let server = std::thread::spawn(move || Server::new(today()).run(&server_side));
        let root = std::fs::canonicalize(root).unwrap();
        let mut client = Client {
            connection,
            server: Some(server),
            next: 0,
            root,
        };
        let uri = url(&client.root);
        let reply = client.request(
            "initialize",
            json!({ "capabilities": {}, "rootUri": uri, "workspaceFolders": [{ "uri": uri, "name": "rules" }] }),
        );
        assert!(reply.0.get("result").is_some(), "{reply:?}");
        client.notify("initialized", json!({}));
        client
    }

    /// Sends a request; the response and every notification before it.
    fn request(&mut self, method: &str, params: Value) -> (Value, Vec<Value>) {
        self.next += 1;
        let id = RequestId::from(self.next);
        let request = Request::new(id.clone(), method.to_owned(), params);
        self.connection.sender.send(request.into()).unwrap();
        let mut notes = Vec::new();
        loop {
            match self
                .connection
                .receiver
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap()
            {
                Message::Response(r) if r.id == id => {
                    return (serde_json::to_value(r).unwrap(), notes);
                }
                Message::Notification(n) => notes.push(serde_json::to_value(n).unwrap()),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let note = Notification::new(method.to_owned(), params);
        self.connection.sender.send(note.into()).unwrap();
    }

    /// Sends a notification and returns the diagnostics published for it
    /// (a hover request behind it waits for them: the server checks before
    /// it answers).
    fn publish(&mut self, method: &str, params: Value, barrier: &Path) -> Vec<Value> {
        self.notify(method, params);
        let (_, notes) = self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": url(barrier) }, "position": { "line": 0, "character": 0 } }),
        );
        notes
    }

    fn open(&mut self, path: &Path, text: &str) -> Vec<Value> {
        let params = json!({ "textDocument": { "uri": url(path), "languageId": "toewijzer", "version": 1, "text": text } });
        self.publish("textDocument/didOpen", params, path)
    }

    fn change(&mut self, path: &Path, version: i32, text: &str) -> Vec<Value> {
        let params = json!({ "textDocument": { "uri": url(path), "version": version }, "contentChanges": [{ "text": text }] });
        self.publish("textDocument/didChange", params, path)
    }

    /// A position request at the `nth` match of `needle` in `text`, `delta` characters in.
    fn at(&mut self, method: &str, path: &Path, text: &str, needle: &str, delta: usize) -> Value {
        let params = json!({ "textDocument": { "uri": url(path) }, "position": position(text, needle, delta) });
        self.request(method, params).0
    }

    fn hover(&mut self, path: &Path, text: &str, needle: &str, delta: usize) -> Value {
        self.at("textDocument/hover", path, text, needle, delta)
    }

    fn definition(&mut self, path: &Path, text: &str, needle: &str, delta: usize) -> Value {
        self.at("textDocument/definition", path, text, needle, delta)
    }

    /// Shows a value as pretty JSON with the scratch folder as `$ROOT`.
    fn show(&self, value: &Value) -> String {
        let text = serde_json::to_string_pretty(value).unwrap();
        text.replace(url(&self.root).as_str(), "file://$ROOT")
            .replace(&self.root.display().to_string(), "$ROOT")
    }

    /// Shuts the server down properly and returns how it ended.
    fn stop(mut self) -> Ending {
        let (reply, _) = self.request("shutdown", Value::Null);
        assert_eq!(reply["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn url(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

/// The LSP position of `needle` in `text`, `delta` characters in.
fn position(text: &str, needle: &str, delta: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"))
        + delta;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].encode_utf16().count();
    json!({ "line": line, "character": character })
}

/// A fresh scratch folder holding `files`.
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("toewijzer-lsp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// A copy of the Heerlen rules in a scratch folder.
fn heerlen(name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/heerlen");
    let dir = scratch(name, &[]);
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "rules") {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    dir
}

const ROOT: &str = "ruleset small \"Klein\" version \"1\"
  in force from 2024-03-26 until 2028-03-25

import \"limits.rules\"

gate adult \"Volwassen\"
  source \"Voorbeeld\"
  require applicant.age >= adult_age
";

const LIMITS_BROKEN: &str = "# De grenzen.

param adult_age: duration \"Minimumleeftijd\"
  source \"Voorbeeld\"
  = 18 years from 2014-07-01

define registered_early \"Vroeg ingeschreven\"
  source \"Voorbeeld\"
  = applicant.regsitered_on <= 2020-01-01 and adult_age >= €5
";

const LIMITS_FIXED: &str = "# De grenzen.

param adult_age: duration \"Minimumleeftijd\"
  source \"Voorbeeld\"
  = 18 years from 2014-07-01
";

#[test]
fn diagnostics_of_an_imported_file_follow_its_unsaved_text() {
    let dir = scratch(
        "imported",
        &[("root.rules", ROOT), ("limits.rules", LIMITS_FIXED)],
    );
    let limits = dir.join("limits.rules");
    let mut client = Client::start(&dir);
    // The broken text is never saved: the server checks the editor's text.
    let opened = client.open(&limits, LIMITS_BROKEN);
    insta::assert_snapshot!("open_with_errors", client.show(&json!(opened)));
    let fixed = client.change(&limits, 2, LIMITS_FIXED);
    insta::assert_snapshot!("change_fixes_them", client.show(&json!(fixed)));
    assert_eq!(client.stop(), Ending::Exit);
}

#[test]
fn a_legal_limit_shows_while_typing_in_the_heerlen_rules() {
    let dir = heerlen("legal");
    let root = dir.join("heerlen.rules");
    let text = std::fs::read_to_string(&root).unwrap();
    let mut client = Client::start(&dir);
    let clean = client.open(&root, &text);
    // Every file of the set is clean: only the open one gets a list.
    insta::assert_snapshot!("heerlen_clean", client.show(&json!(clean)));
    // An ordinance in force for more than four years (Hw2014 art. 4).
    let longer = text.replace("until 2028-03-25", "until 2029-03-25");
    let breach = client.change(&root, 2, &longer);
    insta::assert_snapshot!("heerlen_too_long_in_force", client.show(&json!(breach)));
    let back = client.change(&root, 3, &text);
    assert!(
        back.iter().all(|n| n["params"]["diagnostics"] == json!([])),
        "{back:#?}"
    );
    assert_eq!(client.stop(), Ending::Exit);
}

#[test]
fn a_file_below_its_root_is_checked_with_the_root_and_nothing_outside_is_read() {
    let dir = scratch(
        "below",
        &[(
            "outside.rules",
            "param secret: integer \"Geheim\" source \"x\"\n  = 1 from 2024-01-01\n",
        )],
    );
    let outer = dir.join("rules");
    std::fs::create_dir_all(outer.join("sub")).unwrap();
    let root_text = "ruleset below \"Onder\" version \"1\"
  in force from 2024-03-26 until 2028-03-25

import \"sub/part.rules\"
import \"../outside.rules\"

region zuid \"Zuid-Limburg\" source \"Voorbeeld\" = { Heerlen, Maastricht }

gate bound_gate \"Gebonden\"
  source \"Voorbeeld\"
  require bound
";
    let part = "define bound \"Gebonden aan Zuid\"
  source \"Voorbeeld\"
  = applicant.residence_in(zuid) >= 6 years
";
    std::fs::write(outer.join("root.rules"), root_text).unwrap();
    std::fs::write(outer.join("sub/part.rules"), part).unwrap();
    let part_path = outer.join("sub/part.rules");
    let root_path = outer.join("root.rules");
    let mut client = Client::start(&outer);
    // The root lies a folder up: its problems come along, each under its
    // own file, and a second place of a problem as related information.
    let opened = client.open(&part_path, part);
    insta::assert_snapshot!("below_the_root", client.show(&json!(opened)));
    let zuid = client.definition(&part_path, part, "(zuid)", 1);
    assert!(
        zuid["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/rules/root.rules"),
        "{zuid}"
    );
    client.open(&root_path, root_text);
    let outside = client.definition(&root_path, root_text, "\"../outside.rules\"", 3);
    assert_eq!(
        outside["result"],
        Value::Null,
        "nothing outside the folder is offered"
    );
    assert_eq!(client.stop(), Ending::Exit);
}

#[test]
fn hover_shows_the_reference_entry_and_a_parameter_in_force_today() {
    let dir = heerlen("hover");
    let binding = dir.join("binding.rules");
    let text = std::fs::read_to_string(&binding).unwrap();
    let mut client = Client::start(&dir);
    client.open(&binding, &text);
    let fact = client.hover(&binding, &text, "applicant.work.municipality", 16);
    insta::assert_snapshot!("hover_fact", client.show(&fact));
    let function = client.hover(&binding, &text, "residence_in(parkstad)", 2);
    insta::assert_snapshot!("hover_function", client.show(&function));
    let param = client.hover(&binding, &text, ">= social_binding_years", 5);
    insta::assert_snapshot!("hover_param", client.show(&param));
    let region = client.hover(&binding, &text, "(parkstad)", 1);
    insta::assert_snapshot!("hover_region", client.show(&region));
    let define = client.hover(&binding, &text, "and bound_to_parkstad", 6);
    insta::assert_snapshot!("hover_define", client.show(&define));
    let comment = client.hover(&binding, &text, "# Hw2014", 3);
    assert_eq!(comment["result"], Value::Null, "no hover in a comment");
    assert_eq!(client.stop(), Ending::Exit);
}

#[test]
fn definition_jumps_to_a_parameter_and_to_an_imported_file() {
    let dir = heerlen("definition");
    let binding = dir.join("binding.rules");
    let root = dir.join("heerlen.rules");
    let text = std::fs::read_to_string(&binding).unwrap();
    let root_text = std::fs::read_to_string(&root).unwrap();
    let mut client = Client::start(&dir);
    client.open(&binding, &text);
    client.open(&root, &root_text);
    let param = client.definition(&binding, &text, ">= social_binding_years", 5);
    insta::assert_snapshot!("definition_param", client.show(&param));
    // `parkstad` is declared in the root file.
    let region = client.definition(&binding, &text, "(parkstad)", 1);
    insta::assert_snapshot!("definition_region", client.show(&region));
    let import = client.definition(&root, &root_text, "\"binding.rules\"", 3);
    insta::assert_snapshot!("definition_import", client.show(&import));
    let fact = client.definition(&binding, &text, "applicant.work", 2);
    assert_eq!(
        fact["result"],
        Value::Null,
        "a fact has no declaration in the rules"
    );
    assert_eq!(client.stop(), Ending::Exit);
}

#[test]
fn completion_offers_the_facts_of_a_record_and_the_names_in_scope() {
    let dir = scratch(
        "completion",
        &[("root.rules", ROOT), ("limits.rules", LIMITS_FIXED)],
    );
    let root = dir.join("root.rules");
    let mut client = Client::start(&dir);
    let typing = ROOT.replace("applicant.age >= adult_age", "applicant.");
    client.open(&root, &typing);
    let fields = client.at(
        "textDocument/completion",
        &root,
        &typing,
        "applicant.\n",
        10,
    );
    insta::assert_snapshot!("complete_applicant", client.show(&fields));
    let nested = ROOT.replace("applicant.age >= adult_age", "unit.complex.bu");
    client.change(&root, 2, &nested);
    let buurt = client.at(
        "textDocument/completion",
        &root,
        &nested,
        "unit.complex.bu",
        15,
    );
    let labels: Vec<&str> = buurt["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["buurt"]);
    let names = ROOT.replace("applicant.age >= adult_age", "applicant.age >= ad");
    client.change(&root, 3, &names);
    let param = client.at("textDocument/completion", &root, &names, ">= ad", 5);
    insta::assert_snapshot!("complete_name", client.show(&param));
    assert_eq!(client.stop(), Ending::Exit);
}

#[test]
fn protocol_errors_are_answered_not_fatal() {
    let dir = scratch(
        "protocol",
        &[("root.rules", ROOT), ("limits.rules", LIMITS_FIXED)],
    );
    let (server_side, connection) = Connection::memory();
    let server = std::thread::spawn(move || Server::new(today()).run(&server_side));
    let mut client = Client {
        connection,
        server: Some(server),
        next: 0,
        root: std::fs::canonicalize(&dir).unwrap(),
    };
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early.0["error"]["code"], -32002, "{early:?}");
    let bad = client.request("initialize", json!({ "capabilities": 7 }));
    assert_eq!(bad.0["error"]["code"], -32602, "{bad:?}");
    let good = client.request("initialize", json!({ "capabilities": {} }));
    insta::assert_snapshot!("initialize", client.show(&good.0));
    let again = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(again.0["error"]["code"], -32600, "{again:?}");
    let unknown = client.request("textDocument/rename", json!({}));
    assert_eq!(unknown.0["error"]["code"], -32601, "{unknown:?}");
    let params = client.request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(params.0["error"]["code"], -32602, "{params:?}");
    let remote = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "https://example.org/x.rules" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(remote.0["error"]["code"], -32602, "{remote:?}");
    // A position far past the end of a file, and a broken notification.
    client.notify("textDocument/didOpen", json!({ "textDocument": 1 }));
    let root = dir.join("root.rules");
    let far = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": url(&root) }, "position": { "line": 4000000000u32, "character": 4000000000u32 } }),
    );
    assert_eq!(far.0["result"], Value::Null, "{far:?}");
    // `exit` without `shutdown` ends the loop too, as abandoned.
    client.notify("exit", Value::Null);
    assert_eq!(
        client.server.take().unwrap().join().unwrap(),
        Ending::Abandoned
    );
}

#[test]
fn every_position_of_the_heerlen_rules_is_answered_without_a_panic() {
    use crate::lsp::analysis::analyse;
    use crate::lsp::documents::Documents;
    use crate::lsp::{completion, definition, hover};
    let dir = std::fs::canonicalize(heerlen("sweep")).unwrap();
    let documents = Documents::default();
    for name in ["binding.rules", "heerlen.rules", "income.rules"] {
        let path = dir.join(name);
        let analysis = analyse(&path, std::slice::from_ref(&dir), &documents);
        assert!(analysis.reads(&path), "{name}");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut answered = 0;
        for (line, content) in text.lines().enumerate() {
            // Every column, one past the end of the line too.
            for column in 0..=content.encode_utf16().count() + 1 {
                let at = lsp_types::Position::new(line as u32, column as u32);
                answered += usize::from(hover::hover(&analysis, &path, at, today()).is_some());
                let _ = definition::definition(&analysis, &path, at);
                let _ = completion::completion(&analysis, &path, at);
            }
        }
        assert!(answered > 20, "{name}: {answered} hovers");
    }
}

/// A writer the test can read back after the transport's thread wrote to it.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn malformed_frames_get_json_rpc_errors_and_the_server_reads_on() {
    let mut input = String::new();
    input.push_str(&frame("{not json"));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#));
    input.push_str("X-Nothing: here\r\n\r\n");
    input.push_str(&frame(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    ));
    input.push_str(&frame(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let output = Shared::default();
    let reader = BufReader::new(Cursor::new(input.into_bytes()));
    let (connection, threads) = crate::lsp::transport::connect(reader, output.clone());
    let ending = Server::new(today()).run(&connection);
    drop(connection);
    threads.join();
    assert_eq!(ending, Ending::Exit);
    let written = String::from_utf8(output.0.lock().unwrap().clone()).unwrap();
    let bodies: Vec<Value> = written
        .split("Content-Length: ")
        .filter(|s| !s.is_empty())
        .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
        .collect();
    let codes: Vec<Value> = bodies.iter().map(|b| b["error"]["code"].clone()).collect();
    assert_eq!(
        codes,
        [
            json!(-32700),
            json!(-32600),
            json!(-32700),
            Value::Null,
            Value::Null
        ],
        "{bodies:#?}"
    );
    assert_eq!(bodies[1]["id"], 7);
    assert_eq!(bodies[3]["id"], 1);
    assert_eq!(bodies[4]["id"], 2);

    // A frame past the bound is skipped unread (here to the end of the input).
    let huge = "Content-Length: 99999999999\r\n\r\n{}".to_owned();
    let output = Shared::default();
    let reader = BufReader::new(Cursor::new(huge.into_bytes()));
    let (connection, threads) = crate::lsp::transport::connect(reader, output.clone());
    assert_eq!(Server::new(today()).run(&connection), Ending::Abandoned);
    drop(connection);
    threads.join();
    let written = String::from_utf8(output.0.lock().unwrap().clone()).unwrap();
    assert!(
        written.contains("more than the 67108864 a message may have"),
        "{written}"
    );
}

/// The words the pest grammar reserves (`kw_*` rules).
fn grammar_keywords() -> Vec<String> {
    let grammar = include_str!("../../grammar/toewijzer.pest");
    grammar
        .lines()
        .filter_map(|line| line.strip_prefix("kw_"))
        .filter_map(|rest| {
            rest.split_once('"')
                .and_then(|(_, word)| word.split_once('"'))
        })
        .map(|(word, _)| word.to_owned())
        .collect()
}

#[test]
fn the_textmate_grammar_parses_and_knows_every_keyword() {
    let text = include_str!("../../editors/vscode/syntaxes/toewijzer.tmLanguage.json");
    let grammar: Value = serde_json::from_str(text).unwrap();
    assert_eq!(grammar["scopeName"], "source.toewijzer");
    let keywords = grammar_keywords();
    assert!(keywords.len() > 40, "{keywords:?}");
    let patterns = serde_json::to_string(&grammar["repository"]).unwrap();
    let missing: Vec<&String> = keywords
        .iter()
        .filter(|k| {
            !patterns.contains(&format!("|{k}|"))
                && !patterns.contains(&format!("({k}|"))
                && !patterns.contains(&format!("|{k})"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "keywords missing from the TextMate grammar: {missing:?}"
    );
    let package: Value =
        serde_json::from_str(include_str!("../../editors/vscode/package.json")).unwrap();
    assert_eq!(
        package["contributes"]["languages"][0]["extensions"][0],
        ".rules"
    );
    let _: Value = serde_json::from_str(include_str!(
        "../../editors/vscode/language-configuration.json"
    ))
    .unwrap();
}
