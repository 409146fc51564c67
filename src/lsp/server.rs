//! The server's main loop: the LSP lifecycle, the open documents, and
//! checking on every change. Synchronous: a burst of edits is applied
//! whole before the rule set is checked again, and a request is answered
//! on a freshly checked rule set.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{Completion, GotoDefinition, HoverRequest, Request as _};
use lsp_types::{
    CompletionOptions, CompletionParams, CompletionResponse, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, GotoDefinitionParams,
    GotoDefinitionResponse, HoverParams, HoverProviderCapability, InitializeParams, OneOf,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Url,
};
use serde::de::DeserializeOwned;

use super::analysis::{Analysis, analyse};
use super::documents::Documents;
use super::position::{path_uri, uri_path};
use super::{completion, definition, diagnostics, hover};

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: the client closed the session properly.
    Exit,
    /// `exit` without `shutdown`, or the client went away.
    Abandoned,
}

/// The server's state between messages.
#[derive(Debug)]
pub struct Server {
    /// The day a parameter's value "in force today" is read on; injected,
    /// so that tests answer the same every day.
    today: NaiveDate,
    /// The client's workspace folders, canonical: nothing above them is read.
    workspace: Vec<PathBuf>,
    documents: Documents,
    /// The last analysis of each folder checked.
    analyses: BTreeMap<PathBuf, Analysis>,
    /// The folder each open document was last checked in: a file can lie
    /// in the analyses of two folders, one of them stale.
    homes: BTreeMap<PathBuf, PathBuf>,
    /// Per folder, the files it last published diagnostics for, so a
    /// file whose problems are fixed gets its list cleared.
    published: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    /// Documents changed since their rule set was last checked.
    dirty: BTreeSet<PathBuf>,
    initialized: bool,
    shut_down: bool,
}

/// A request that failed: the code and message of its error response.
type Failure = (ErrorCode, String);

impl Server {
    /// A server that reads parameters' values on `today`.
    pub fn new(today: NaiveDate) -> Self {
        Server {
            today,
            workspace: Vec::new(),
            documents: Documents::default(),
            analyses: BTreeMap::new(),
            homes: BTreeMap::new(),
            published: BTreeMap::new(),
            dirty: BTreeSet::new(),
            initialized: false,
            shut_down: false,
        }
    }

    /// Serves `connection` until the client exits or goes away.
    pub fn run(mut self, connection: &Connection) -> Ending {
        loop {
            let message = match connection.receiver.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => {
                    // Nothing waiting: the burst is over, check what changed.
                    if !self.flush(connection) {
                        return Ending::Abandoned;
                    }
                    match connection.receiver.recv() {
                        Ok(message) => message,
                        Err(_) => return Ending::Abandoned,
                    }
                }
                Err(TryRecvError::Disconnected) => return Ending::Abandoned,
            };
            match message {
                Message::Request(request) => {
                    let response = self.request(connection, request);
                    if connection.sender.send(response.into()).is_err() {
                        return Ending::Abandoned;
                    }
                }
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shut_down {
                        Ending::Exit
                    } else {
                        Ending::Abandoned
                    };
                }
                Message::Notification(n) => self.notification(n),
                // No request of ours awaits an answer.
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, connection: &Connection, request: Request) -> Response {
        let id = request.id.clone();
        let result = if request.method == "initialize" {
            self.initialize(request)
        } else if !self.initialized {
            Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized: send `initialize` first".to_owned(),
            ))
        } else if self.shut_down {
            Err((
                ErrorCode::InvalidRequest,
                "the server is shut down: only `exit` is accepted".to_owned(),
            ))
        } else {
            self.answer(connection, request)
        };
        match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn initialize(&mut self, request: Request) -> Result<serde_json::Value, Failure> {
        if self.initialized {
            return Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_owned(),
            ));
        }
        let params: InitializeParams = params(request.params)?;
        #[allow(deprecated)] // `root_uri` is what older clients send
        let roots = params
            .workspace_folders
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.uri)
            .chain(params.root_uri);
        self.workspace = roots.filter_map(|uri| uri_path(&uri)).collect();
        self.initialized = true;
        let result = lsp_types::InitializeResult {
            capabilities: capabilities(),
            server_info: Some(ServerInfo {
                name: "toewijzer".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        serde_json::to_value(result).map_err(internal)
    }

    fn answer(
        &mut self,
        connection: &Connection,
        request: Request,
    ) -> Result<serde_json::Value, Failure> {
        let method = request.method.as_str();
        if method == "shutdown" {
            self.shut_down = true;
            return Ok(serde_json::Value::Null);
        }
        if !(method == HoverRequest::METHOD
            || method == GotoDefinition::METHOD
            || method == Completion::METHOD)
        {
            return Err((
                ErrorCode::MethodNotFound,
                format!("`{method}` is not supported"),
            ));
        }
        // Answer on the text as it is now.
        let _ = self.flush(connection);
        let value = match method {
            HoverRequest::METHOD => {
                let p: HoverParams = params(request.params)?;
                let place = p.text_document_position_params;
                let today = self.today;
                let (analysis, path) = self.analysis(&place.text_document.uri)?;
                serde_json::to_value(hover::hover(analysis, &path, place.position, today))
            }
            GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(request.params)?;
                let place = p.text_document_position_params;
                let (analysis, path) = self.analysis(&place.text_document.uri)?;
                let found = definition::definition(analysis, &path, place.position);
                serde_json::to_value(found.map(GotoDefinitionResponse::Scalar))
            }
            _ => {
                let p: CompletionParams = params(request.params)?;
                let place = p.text_document_position;
                let (analysis, path) = self.analysis(&place.text_document.uri)?;
                let items = completion::completion(analysis, &path, place.position);
                serde_json::to_value(CompletionResponse::Array(items))
            }
        };
        value.map_err(internal)
    }

    /// The analysis that read the document at `uri`, checking its rule set
    /// now if none did.
    fn analysis(&mut self, uri: &Url) -> Result<(&Analysis, PathBuf), Failure> {
        let path = uri_path(uri).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                format!("`{uri}` is not a local file"),
            )
        })?;
        let home = self
            .homes
            .get(&path)
            .filter(|folder| self.analyses.contains_key(*folder))
            .cloned();
        let folder = match home {
            Some(folder) => folder,
            None => {
                let analysis = analyse(&path, &self.workspace, &self.documents);
                let folder = analysis.folder.clone();
                self.homes.insert(path.clone(), folder.clone());
                self.analyses.insert(folder.clone(), analysis);
                folder
            }
        };
        let analysis = self
            .analyses
            .get(&folder)
            .ok_or_else(|| internal("the analysis went missing"))?;
        Ok((analysis, path))
    }

    fn notification(&mut self, n: Notification) {
        // Before `initialize` every notification but `exit` is dropped.
        if !self.initialized || self.shut_down {
            return;
        }
        let changed = match n.method.as_str() {
            DidOpenTextDocument::METHOD => params::<DidOpenTextDocumentParams>(n.params)
                .ok()
                .and_then(|p| {
                    let doc = p.text_document;
                    self.documents.open(doc.uri, doc.text, doc.version)
                }),
            DidChangeTextDocument::METHOD => params::<DidChangeTextDocumentParams>(n.params)
                .ok()
                .and_then(|p| {
                    let doc = p.text_document;
                    self.documents
                        .change(&doc.uri, doc.version, p.content_changes)
                }),
            DidCloseTextDocument::METHOD => params::<DidCloseTextDocumentParams>(n.params)
                .ok()
                .and_then(|p| self.documents.close(&p.text_document.uri)),
            // Saving changes nothing the overlay does not know, but other
            // files may have changed on disk meanwhile: check again.
            DidSaveTextDocument::METHOD => n
                .params
                .get("textDocument")
                .and_then(|d| d.get("uri"))
                .and_then(|u| u.as_str())
                .and_then(|u| Url::parse(u).ok())
                .and_then(|u| uri_path(&u)),
            // `initialized`, `$/cancelRequest`, settings and the rest: a
            // notification gets no answer, so one not understood is left.
            _ => None,
        };
        if n.method == "initialized" {
            return;
        }
        if let Some(path) = changed {
            self.dirty.insert(path);
        }
    }

    /// Checks the rule set of every changed document again and publishes
    /// the diagnostics; `false` when the client is gone.
    fn flush(&mut self, connection: &Connection) -> bool {
        let dirty = std::mem::take(&mut self.dirty);
        let mut done: BTreeSet<PathBuf> = BTreeSet::new();
        for path in dirty {
            if done
                .iter()
                .any(|folder| self.analyses.get(folder).is_some_and(|a| a.reads(&path)))
            {
                continue;
            }
            let analysis = analyse(&path, &self.workspace, &self.documents);
            let folder = analysis.folder.clone();
            if !self.publish(connection, &analysis, &path) {
                return false;
            }
            for document in self.documents.paths() {
                if analysis.reads(document) || *document == path {
                    self.homes.insert(document.clone(), folder.clone());
                }
            }
            done.insert(folder.clone());
            self.analyses.insert(folder, analysis);
        }
        true
    }

    /// Publishes the diagnostics of every file of `analysis`: each open
    /// document it read gets its list, empty or not, and each file that had
    /// problems before and has none now an empty one.
    fn publish(&mut self, connection: &Connection, analysis: &Analysis, trigger: &Path) -> bool {
        let mut lists = diagnostics::by_file(analysis, trigger);
        for path in self.documents.paths() {
            if analysis.file(path).is_some() || path == trigger {
                lists.entry(path.clone()).or_default();
            }
        }
        let before = self.published.remove(&analysis.folder).unwrap_or_default();
        for path in before {
            lists.entry(path).or_default();
        }
        let mut now = BTreeSet::new();
        for (path, list) in lists {
            let open = self.documents.get(&path);
            let Some(uri) = open.map(|d| d.uri.clone()).or_else(|| path_uri(&path)) else {
                continue;
            };
            if !list.is_empty() {
                now.insert(path.clone());
            }
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics: list,
                version: open.map(|d| d.version),
            };
            let note = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
            if connection.sender.send(note.into()).is_err() {
                return false;
            }
        }
        self.published.insert(analysis.folder.clone(), now);
        true
    }
}

/// What the server offers.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".to_owned()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// A message's parameters, or the error that says why they do not fit.
fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, Failure> {
    serde_json::from_value(value)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

fn internal(e: impl std::fmt::Display) -> Failure {
    (ErrorCode::InternalError, format!("internal error: {e}"))
}
