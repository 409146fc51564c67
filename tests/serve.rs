//! `toewijzer serve` started in-process on an ephemeral loopback port:
//! every endpoint, every class of bad request, answers byte-identical to
//! the CLI's, a reload under load that loses no request, a refused reload,
//! and the decision log replayed by `verify`. No sleeps, no timings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

mod support;

use serde_json::{Value, json};
use support::cli::{run, scratch};
use toewijzer::tools::serve::{Client, Config, Limits, Redaction, Reply, Service, Sources};

const RULES: &str = "rules/heerlen";
const DATA: &str = "fixtures/heerlen-noord";
const DATE: &str = "2026-03-02";

fn config(rules: &Path) -> Config {
    Config {
        sources: Sources {
            rules: rules.to_path_buf(),
            data: PathBuf::from(DATA),
        },
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        token: None,
        log: None,
        redaction: None,
        limits: Limits {
            workers: 2,
            ..Limits::default()
        },
    }
}

fn heerlen() -> Service {
    Service::start(config(Path::new(RULES))).unwrap()
}

fn client(service: &Service) -> Client {
    Client::connect(service.addr()).unwrap()
}

fn post(service: &Service, path: &str, body: &Value) -> Reply {
    client(service)
        .post(path, body.to_string().as_bytes())
        .unwrap()
}

fn decide(applicant: &str, unit: &str) -> Value {
    json!({ "applicant": applicant, "unit": unit, "date": DATE })
}

/// The error body's `kind`, after checking the status.
fn error_kind(reply: &Reply, status: u16) -> String {
    assert_eq!(reply.status, status, "{}", reply.body);
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    body["error"]["kind"].as_str().unwrap().to_owned()
}

fn cli(args: &[&str]) -> String {
    let r = run(args);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.stdout
}

#[test]
fn every_endpoint_answers() {
    let service = heerlen();
    let mut c = client(&service);
    let health: Value = serde_json::from_str(&c.get("/health").unwrap().body).unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["ruleset"]["name"], "heerlen");

    let rules = c.get("/v1/rules").unwrap();
    assert_eq!(rules.status, 200);
    let rules: Value = serde_json::from_str(&rules.body).unwrap();
    assert_eq!(rules["ruleset"]["version"], health["ruleset"]["version"]);
    assert!(!rules["rule_files"].as_array().unwrap().is_empty());
    let listed = rules["rules"].as_array().unwrap();
    assert!(listed.iter().any(|r| r["kind"] == "gate"));
    assert!(
        listed
            .iter()
            .all(|r| r["source"].as_str().is_some_and(|s| !s.is_empty()))
    );

    let decided = post(&service, "/v1/decide", &decide("A-001", "U-0101"));
    assert_eq!(decided.status, 200, "{}", decided.body);
    let decided: Value = serde_json::from_str(&decided.body).unwrap();
    assert_eq!(decided["header"]["reference_date"], DATE);
    assert_eq!(decided["decisions"][0]["applicant"], "A-001");

    let ranked = post(
        &service,
        "/v1/rank",
        &json!({ "unit": "U-0101", "date": DATE }),
    );
    assert_eq!(ranked.status, 200, "{}", ranked.body);
    let ranked: Value = serde_json::from_str(&ranked.body).unwrap();
    assert_eq!(ranked["rankings"][0]["unit"], "U-0101");

    let validated = post(&service, "/v1/validate", &json!({ "proposal": proposal() }));
    assert_eq!(validated.status, 200, "{}", validated.body);
    let verdicts: Value = serde_json::from_str(&validated.body).unwrap();
    assert_eq!(verdicts[0]["proposal"], "P-01");
    assert_eq!(verdicts[0]["compliant"], false);

    let inline = post(
        &service,
        "/v1/decide",
        &json!({ "applicant": "A-001", "unit": unit_inline(), "date": DATE }),
    );
    assert_eq!(inline.status, 200, "{}", inline.body);
    let inline: Value = serde_json::from_str(&inline.body).unwrap();
    assert_eq!(inline["decisions"][0]["unit"], "U-9999");
}

/// The first proposal of the scenario, as `proposals.yaml` writes it.
fn proposal() -> Value {
    json!({
        "id": "P-01", "unit": "U-0701", "applicant": "A-029", "date": DATE,
        "basis": { "tailored": "referral" },
        "ground": "uitstroom beschermd wonen, begeleiding door Mondriaan",
    })
}

/// The first record of the scenario's `file` (under `key`), written out
/// as JSON with the id `id`.
fn first_record_as(file: &str, key: &str, id: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(DATA).join(file)).unwrap();
    let records: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut record: Value = serde_json::to_value(&records[key][0]).unwrap();
    record["id"] = json!(id);
    record
}

/// A unit of the scenario's first, written out with another id.
fn unit_inline() -> Value {
    first_record_as("units.yaml", "units", "U-9999")
}

#[test]
fn answers_are_byte_identical_to_the_cli() {
    let service = heerlen();
    let scenario = ["--rules", RULES, "--data", DATA, "--date", DATE];
    for trace in [false, true] {
        let mut body = decide("A-001", "U-0101");
        body["trace"] = json!(trace);
        let served = post(&service, "/v1/decide", &body);
        let mut args = vec!["eval"];
        args.extend(scenario);
        args.extend([
            "--unit",
            "U-0101",
            "--applicant",
            "A-001",
            "--format",
            "json",
        ]);
        if trace {
            args.push("--trace");
        }
        assert_eq!(served.body, cli(&args), "decide, trace {trace}");
    }
    let served = post(
        &service,
        "/v1/rank",
        &json!({ "unit": "U-0101", "date": DATE }),
    );
    let mut args = vec!["rank"];
    args.extend(scenario);
    args.extend(["--unit", "U-0101", "--format", "json"]);
    assert_eq!(served.body, cli(&args), "rank");

    let dir = scratch("serve", "identity");
    let proposals = dir.join("proposals.yaml");
    let yaml = serde_yaml::to_string(&json!({ "proposals": [proposal()] })).unwrap();
    std::fs::write(&proposals, yaml).unwrap();
    let served = post(&service, "/v1/validate", &json!({ "proposal": proposal() }));
    let proposals = proposals.to_str().unwrap();
    let args = [
        "validate",
        "--rules",
        RULES,
        "--data",
        DATA,
        "--proposals",
        proposals,
        "--format",
        "json",
    ];
    assert_eq!(served.body, cli(&args), "validate");
}

#[test]
fn bad_requests_are_answered_with_located_diagnostics() {
    let service = heerlen();
    let mut c = client(&service);
    let bad_json = c.post("/v1/decide", b"{\"applicant\": ").unwrap();
    assert_eq!(error_kind(&bad_json, 400), "bad_json");
    let unknown_field = post(
        &service,
        "/v1/decide",
        &json!({ "applicant": "A-001", "unit": "U-0101", "date": DATE, "when": 1 }),
    );
    assert_eq!(error_kind(&unknown_field, 400), "bad_json");

    let unknown = post(&service, "/v1/decide", &decide("A-01", "U-0101"));
    assert_eq!(error_kind(&unknown, 404), "unknown_id");
    assert!(
        unknown.body.contains("did you mean `A-001`?"),
        "{}",
        unknown.body
    );
    let unknown_unit = post(
        &service,
        "/v1/rank",
        &json!({ "unit": "U-9", "date": DATE }),
    );
    assert_eq!(error_kind(&unknown_unit, 404), "unknown_id");

    let mut body = decide("A-001", "U-0101");
    body["date"] = json!("2026-02-30");
    let bad_date = post(&service, "/v1/decide", &body);
    assert_eq!(error_kind(&bad_date, 400), "bad_date");
    assert!(bad_date.body.contains("28 days"), "{}", bad_date.body);

    // A record written out that the data format refuses: the CLI's
    // diagnostic, with its YAML path, line and hint.
    let mut unit = unit_inline();
    unit["rooms"] = json!("three");
    let invalid = post(
        &service,
        "/v1/decide",
        &json!({ "applicant": "A-001", "unit": unit, "date": DATE }),
    );
    assert_eq!(error_kind(&invalid, 422), "invalid_record");
    let body: Value = serde_json::from_str(&invalid.body).unwrap();
    let first = &body["error"]["diagnostics"][0];
    assert_eq!(first["file"], "request");
    assert!(first["line"].as_u64().unwrap() > 1);
    assert!(
        first["message"].as_str().unwrap().contains("unit.rooms"),
        "{first}"
    );

    let no_endpoint = c.get("/v1/decisions").unwrap();
    assert_eq!(error_kind(&no_endpoint, 404), "no_endpoint");
    let wrong_method = c.get("/v1/decide").unwrap();
    assert_eq!(error_kind(&wrong_method, 404), "no_endpoint");
}

#[test]
fn an_oversize_body_is_refused() {
    let mut config = config(Path::new(RULES));
    config.limits.max_body = 1024;
    let service = Service::start(config).unwrap();
    let mut body = decide("A-001", "U-0101");
    body["pad"] = json!("x".repeat(4096));
    let reply = post(&service, "/v1/decide", &body);
    assert_eq!(error_kind(&reply, 413), "too_large");
    // The service goes on answering.
    assert_eq!(
        post(&service, "/v1/decide", &decide("A-001", "U-0101")).status,
        200
    );
}

#[test]
fn the_token_is_required_when_set() {
    let mut config = config(Path::new(RULES));
    config.token = Some("s3cret\n".into());
    let service = Service::start(config).unwrap();
    let body = decide("A-001", "U-0101").to_string();
    let missing = client(&service)
        .post("/v1/decide", body.as_bytes())
        .unwrap();
    assert_eq!(error_kind(&missing, 401), "unauthorized");
    let wrong = client(&service)
        .header("authorization", "Bearer guess")
        .post("/v1/decide", body.as_bytes())
        .unwrap();
    assert_eq!(error_kind(&wrong, 401), "unauthorized");
    let rules = client(&service).get("/v1/rules").unwrap();
    assert_eq!(error_kind(&rules, 401), "unauthorized");
    let right = client(&service)
        .header("authorization", "Bearer s3cret")
        .post("/v1/decide", body.as_bytes())
        .unwrap();
    assert_eq!(right.status, 200, "{}", right.body);
    // Liveness tells nothing about anyone: no token needed.
    assert_eq!(client(&service).get("/health").unwrap().status, 200);
}

#[test]
fn an_undecided_question_is_answered_with_e0604() {
    let dir = scratch("serve", "undecided");
    std::fs::write(
        dir.join("sums.rules"),
        "ruleset sums \"Rekenen\" version \"1\"\n\n\
         designation fragile \"Kwetsbaar\" source \"testregel\"\n\n\
         gate sum \"Een berekening\"\n  source \"testregel\"\n  \
         require unit.rent * 1000000000 * 1000000000 * 1000000000 > €0\n",
    )
    .unwrap();
    let service = Service::start(config(&dir)).unwrap();
    for _ in 0..2 {
        // Asked twice: the second answer is not spoilt by the first's fault.
        let reply = post(&service, "/v1/decide", &decide("A-001", "U-0101"));
        assert_eq!(error_kind(&reply, 422), "undecided");
        let body: Value = serde_json::from_str(&reply.body).unwrap();
        let diagnostics = body["error"]["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 1, "{}", reply.body);
        assert_eq!(diagnostics[0]["code"], "E0604");
        assert!(
            diagnostics[0]["message"]
                .as_str()
                .unwrap()
                .contains("`A-001`")
        );
        assert!(!diagnostics[0]["message"].as_str().unwrap().contains("more"));
    }
}

/// The Heerlen rules copied to a scratch folder, to be changed under a
/// running service.
fn rules_copy(name: &str) -> PathBuf {
    let dir = scratch("serve", name);
    for entry in std::fs::read_dir(RULES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rules") {
            continue;
        }
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn version(reply: &Reply) -> String {
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    body["header"]["ruleset"]["version"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_reload_under_load_loses_no_request_and_a_bad_one_is_refused() {
    let rules = rules_copy("reload");
    let root = rules.join("heerlen.rules");
    let text = std::fs::read_to_string(&root).unwrap();
    assert!(text.contains("version \"2026.1\""));
    let service = Service::start(config(&rules)).unwrap();
    let addr = service.addr();
    let clients = 8;
    let each = 150;
    let start = Arc::new(Barrier::new(clients + 1));
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let mut c = Client::connect(addr).unwrap();
                let body = decide("A-001", "U-0101").to_string();
                start.wait();
                (0..each)
                    .map(|_| {
                        let reply = c.post("/v1/decide", body.as_bytes()).unwrap();
                        assert_eq!(reply.status, 200, "{}", reply.body);
                        version(&reply)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    std::fs::write(
        &root,
        text.replace("version \"2026.1\"", "version \"2026.2\""),
    )
    .unwrap();
    start.wait();
    for _ in 0..3 {
        let mut c = client(&service);
        let reloaded = c.post("/v1/reload", b"").unwrap();
        assert_eq!(reloaded.status, 200, "{}", reloaded.body);
    }
    let mut answered = 0;
    for handle in handles {
        let versions = handle.join().unwrap();
        answered += versions.len();
        // Each caller sees the old rules, then the new, never back.
        let first_new = versions
            .iter()
            .position(|v| v == "2026.2")
            .unwrap_or(versions.len());
        assert!(versions[first_new..].iter().all(|v| v == "2026.2"));
        assert!(versions[..first_new].iter().all(|v| v == "2026.1"));
    }
    assert_eq!(answered, clients * each);
    let after = post(&service, "/v1/decide", &decide("A-001", "U-0101"));
    assert_eq!(version(&after), "2026.2");

    // A reload that does not check clean: refused with the checker's
    // diagnostics, and the rules in service go on answering.
    std::fs::write(&root, format!("{text}\ngate broken \"Kapot\"\n  require\n")).unwrap();
    let refused = client(&service).post("/v1/reload", b"").unwrap();
    assert_eq!(error_kind(&refused, 409), "reload_refused");
    let body: Value = serde_json::from_str(&refused.body).unwrap();
    let first = &body["error"]["diagnostics"][0];
    assert!(
        first["file"].as_str().unwrap().ends_with("heerlen.rules"),
        "{first}"
    );
    assert!(first["line"].as_u64().is_some());
    let still = post(&service, "/v1/decide", &decide("A-001", "U-0101"));
    assert_eq!(still.status, 200);
    assert_eq!(version(&still), "2026.2");
}

fn verify_log(log: &Path, extra: &[&str]) -> support::cli::Run {
    let log = log.to_str().unwrap();
    let mut args = vec!["verify", log, "--rules", RULES, "--data", DATA];
    args.extend(extra);
    run(&args)
}

/// Asks one of each question (and one refused) of a service logging to
/// `log`, and returns the log's lines.
fn ask_all(service: &Service) {
    let mut traced = decide("A-001", "U-0101");
    traced["trace"] = json!(true);
    for (path, body) in [
        ("/v1/decide", decide("A-001", "U-0101")),
        ("/v1/decide", traced),
        ("/v1/rank", json!({ "unit": "U-0101", "date": DATE })),
        ("/v1/validate", json!({ "proposal": proposal() })),
        (
            "/v1/decide",
            json!({ "applicant": "A-001", "unit": unit_inline(), "date": DATE }),
        ),
        ("/v1/decide", decide("A-404", "U-0101")),
    ] {
        client(service)
            .header("x-caller", "corporatie-test")
            .post(path, body.to_string().as_bytes())
            .unwrap();
    }
}

#[test]
fn the_decision_log_is_replayed_by_verify() {
    let dir = scratch("serve", "log");
    let log = dir.join("decisions.jsonl");
    let mut config = config(Path::new(RULES));
    config.log = Some(log.clone());
    let service = Service::start(config).unwrap();
    ask_all(&service);
    service.stop();
    let text = std::fs::read_to_string(&log).unwrap();
    let entries: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(entries.len(), 5, "one entry per answered request");
    for e in &entries {
        assert_eq!(e["caller"], "corporatie-test");
        assert_eq!(e["request_hash"].as_str().unwrap().len(), 64);
        assert!(!e["rule_files"].as_array().unwrap().is_empty());
    }
    assert!(entries[1]["answer"]["decisions"][0]["rules"][0]["trace"].is_array());
    let replayed = verify_log(&log, &[]);
    assert_eq!(replayed.code, 0, "{}{}", replayed.stdout, replayed.stderr);
    assert!(
        replayed.stdout.contains("5 decision log entries"),
        "{}",
        replayed.stdout
    );

    // The time is not compared; a decision is.
    let mut changed: Vec<Value> = entries.clone();
    changed[0]["time"] = json!("2000-01-01T00:00:00.000Z");
    let retimed = dir.join("retimed.jsonl");
    write_lines(&retimed, &changed);
    assert_eq!(verify_log(&retimed, &[]).code, 0);
    let eligible = changed[0]["answer"]["decisions"][0]["eligible"]
        .as_bool()
        .unwrap();
    changed[0]["answer"]["decisions"][0]["eligible"] = json!(!eligible);
    let tampered = dir.join("tampered.jsonl");
    write_lines(&tampered, &changed);
    let found = verify_log(&tampered, &[]);
    assert_eq!(found.code, 1, "{}", found.stdout);
    assert!(
        found
            .stdout
            .contains("entry 1: decision A-001 → U-0101 differs in eligible")
    );
}

fn write_lines(path: &Path, entries: &[Value]) {
    let text: String = entries.iter().map(|e| format!("{e}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// A service with a redacted decision log under key `geheim`, in a
/// scratch folder of its own, and the log's path.
fn redacted_service(name: &str) -> (Service, std::path::PathBuf) {
    let log = scratch("serve", name).join("decisions.jsonl");
    let mut config = config(Path::new(RULES));
    config.log = Some(log.clone());
    config.redaction = Some(Redaction {
        key: Some("geheim".into()),
    });
    (Service::start(config).unwrap(), log)
}

#[test]
fn a_redacted_log_names_no_applicant_and_still_replays() {
    let (service, log) = redacted_service("redacted");
    ask_all(&service);
    service.stop();
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 5);
    for id in ["A-001", "A-029", "Mondriaan"] {
        assert!(!text.contains(id), "`{id}` in the redacted log");
    }
    // A unit written out is a dwelling, not a person: kept, so asked again.
    assert!(text.contains("U-9999"), "{text}");
    let replayed = verify_log(&log, &["--redact-key", "geheim"]);
    assert_eq!(replayed.code, 0, "{}{}", replayed.stdout, replayed.stderr);
    assert!(
        replayed
            .stdout
            .contains("unchanged: 5 decision log entries asked again and reproduced\n"),
        "{}",
        replayed.stdout
    );

    // The redacted `validate` is asked again, not skipped: a changed
    // verdict is found.
    let mut entries: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(entries[3]["question"]["endpoint"], "validate");
    assert_eq!(entries[3]["question"]["body"]["proposal"]["id"], "P-01");
    assert_eq!(
        entries[3]["question"]["body"]["proposal"]["ground"],
        "redacted"
    );
    let compliant = entries[3]["answer"][0]["compliant"].as_bool().unwrap();
    entries[3]["answer"][0]["compliant"] = json!(!compliant);
    let tampered = log.with_file_name("tampered.jsonl");
    write_lines(&tampered, &entries);
    let found = verify_log(&tampered, &["--redact-key", "geheim"]);
    assert_eq!(found.code, 1, "{}", found.stdout);
    assert!(
        found.stdout.contains("entry 4: decision "),
        "{}",
        found.stdout
    );

    // Under another key no pseudonym is an applicant: nothing reproduced.
    let wrong = verify_log(&log, &["--redact-key", "anders"]);
    assert_eq!(wrong.code, 1, "{}", wrong.stdout);
}

/// The scenario's first applicant, written out with another id.
fn applicant_inline() -> Value {
    first_record_as("applicants.yaml", "applicants", "A-9999")
}

#[test]
fn a_redacted_entry_with_an_applicant_written_out_says_why_it_is_not_asked_again() {
    let (service, log) = redacted_service("redacted-inline");
    let body = json!({ "applicant": applicant_inline(), "unit": "U-0101", "date": DATE });
    let asked = post(&service, "/v1/decide", &body);
    assert_eq!(asked.status, 200, "{}", asked.body);
    service.stop();
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(!text.contains("A-9999"), "{text}");
    let replayed = verify_log(&log, &["--redact-key", "geheim"]);
    assert_eq!(replayed.code, 0, "{}{}", replayed.stdout, replayed.stderr);
    assert!(
        replayed.stdout.contains(
            "entry 1: skipped: not asked again: the applicant was written out in the question"
        ),
        "{}",
        replayed.stdout
    );
    assert!(
        replayed.stdout.contains("it is the person's file"),
        "{}",
        replayed.stdout
    );
    assert!(
        replayed
            .stdout
            .contains("unchanged: 0 decision log entries asked again and reproduced, 1 skipped"),
        "{}",
        replayed.stdout
    );
}

#[test]
fn a_request_whose_body_never_comes_is_cut_off() {
    use std::io::{Read, Write};
    let mut config = config(Path::new(RULES));
    config.limits.timeout = std::time::Duration::from_millis(50);
    let service = Service::start(config).unwrap();
    let mut stream = std::net::TcpStream::connect(service.addr()).unwrap();
    // Promises 100 bytes, sends 10, and waits: only the bound ends it.
    stream
        .write_all(b"POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"applica")
        .unwrap();
    let mut answer = String::new();
    let mut buf = [0u8; 4096];
    while !answer.contains("\"kind\"") {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "closed without an answer: {answer}");
        answer.push_str(std::str::from_utf8(&buf[..n]).unwrap());
    }
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("\"timeout\""), "{answer}");
}
