//! The HTTP side: the endpoints, the bearer token, the bound on a request's
//! size and time, and every failure answered as a JSON error, never a 500.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::oneshot;

use super::error::ServeError;
use super::question::{Question, parse};
use super::shared::Shared;
use super::workers::Job;

/// The longest caller identity kept (`X-Caller`).
const MAX_CALLER: usize = 200;

/// The service's routes over `shared`.
pub fn router(shared: Arc<Shared>) -> Router {
    let limit = shared.limits.max_body;
    Router::new()
        .route("/health", get(health))
        .route("/v1/rules", get(rules))
        .route("/v1/decide", post(decide))
        .route("/v1/rank", post(rank))
        .route("/v1/validate", post(validate))
        .route("/v1/reload", post(reload))
        .fallback(no_endpoint)
        .method_not_allowed_fallback(no_endpoint)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            bounded,
        ))
        .with_state(shared)
}

type Body = Result<Bytes, BytesRejection>;

async fn decide(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    ask(&s, &headers, body, |b| parse(b).map(Question::Decide)).await
}

async fn rank(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    ask(&s, &headers, body, |b| parse(b).map(Question::Rank)).await
}

async fn validate(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    ask(&s, &headers, body, |b| parse(b).map(Question::Validate)).await
}

/// Bounds a whole request in time, reading its body included, so a slow
/// caller cannot hold the service. A question given up on is not answered
/// (nor logged): its worker finds no one waiting.
async fn bounded(State(s): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let timeout = s.limits.timeout;
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => respond(Err(ServeError::Timeout {
            millis: timeout.as_millis(),
        })),
    }
}

/// Reads the question, hands it to a worker and waits for the answer.
async fn ask(
    shared: &Arc<Shared>,
    headers: &HeaderMap,
    body: Body,
    read: fn(&[u8]) -> Result<Question, ServeError>,
) -> Response {
    let answered = async {
        authorise(shared, headers)?;
        let body = body.map_err(|r| rejected(&r, shared.limits.max_body))?;
        let question = read(&body)?;
        let (reply, answer) = oneshot::channel();
        shared.workers.submit(Job {
            snapshot: shared.current(),
            question,
            caller: caller(headers),
            reply,
        })?;
        answer.await.unwrap_or(Err(ServeError::Stopping))
    }
    .await;
    respond(answered)
}

async fn rules(State(s): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    respond(authorise(&s, &headers).map(|()| s.current().rules_body().as_bytes().to_vec()))
}

async fn health(State(s): State<Arc<Shared>>) -> Response {
    respond(Ok(s.health().into_bytes()))
}

async fn reload(State(s): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if let Err(e) = authorise(&s, &headers) {
        return respond(Err(e));
    }
    let shared = Arc::clone(&s);
    let reloaded = tokio::task::spawn_blocking(move || shared.reload())
        .await
        .unwrap_or(Err(ServeError::Stopping));
    respond(reloaded.map(String::into_bytes))
}

async fn no_endpoint(method: Method, uri: Uri) -> Response {
    respond(Err(ServeError::NoEndpoint {
        method: method.to_string(),
        path: uri.path().to_owned(),
    }))
}

fn authorise(shared: &Shared, headers: &HeaderMap) -> Result<(), ServeError> {
    match &shared.token {
        None => Ok(()),
        Some(token) => {
            let header = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok());
            if token.admits(header) {
                Ok(())
            } else {
                Err(ServeError::Unauthorized)
            }
        }
    }
}

/// The caller's stated identity, kept short.
fn caller(headers: &HeaderMap) -> Option<String> {
    let text = headers.get("x-caller")?.to_str().ok()?;
    Some(text.chars().take(MAX_CALLER).collect())
}

fn rejected(rejection: &BytesRejection, limit: usize) -> ServeError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ServeError::TooLarge { limit }
    } else {
        ServeError::BadJson {
            message: rejection.body_text(),
        }
    }
}

fn respond(answered: Result<Vec<u8>, ServeError>) -> Response {
    let (status, body) = match answered {
        Ok(body) => (StatusCode::OK, body),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST),
            e.body().into_bytes(),
        ),
    };
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}
