//! Mutators for the fuzz targets (`tests/unit/fuzz.rs`): byte, token and line
//! edits of a seed file, driven by a hand-written deterministic generator so
//! that a seed and an iteration number name one input exactly, on stable
//! Rust and without a fuzzing crate.

/// The largest mutated file: keeps memory and time per input bounded while
/// staying far above every real fixture (the largest is about 40 KiB).
pub const MAX_INPUT: usize = 256 * 1024;

/// A deterministic generator (SplitMix64), so a failure reproduces.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// A generator for one input of a run: mixing the run's seed, the
    /// target and the iteration gives every input its own stream, so one
    /// input can be replayed without replaying those before it.
    pub fn for_input(seed: u64, target: &str, iteration: u64) -> Rng {
        let mut h = seed ^ 0x5851_F42D_4C95_7F2D;
        for b in target.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        let mut rng = Rng(h ^ iteration.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A small count, mostly 1 or 2, now and then up to `max`.
    pub fn small(&mut self, max: usize) -> usize {
        if self.one_in(8) {
            1 + self.below(max)
        } else {
            1 + self.below(2)
        }
    }
}

/// Tokens every target may insert: what breaks lexers, number parsers and
/// line-based readers.
pub const COMMON: &[&str] = &[
    "\"",
    "'",
    "\\",
    "{",
    "}",
    "{{",
    "}}",
    "(",
    ")",
    "[",
    "]",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "\u{200b}",
    "\r\n",
    "\r",
    "\n",
    "\0",
    " ",
    "#",
    ":",
    ",",
    "-",
    "0",
    "-1",
    "1e30",
    "€1e30",
    "€1000000000",
    "€1000000001",
    "€-0",
    "99999999999999999999999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "0.0000000000000000000000000001",
    "79228162514264337593543950335",
    "NaN",
    "inf",
    "100%",
    "10000000000000000000000000000%",
    "2026-03-02",
    "2026-02-29",
    "2024-02-29",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "262143-12-31",
    "02-03-2026",
    "2026-3-2",
    "4294967295 years",
    "12000 months",
    "366001 days",
    "é",
    "😀",
];

/// Tokens of the rule language: keywords, operators, facts and literals.
pub const RULES: &[&str] = &[
    "ruleset",
    "import",
    "param",
    "define",
    "region",
    "gate",
    "priority",
    "tailored",
    "points",
    "classify",
    "quota",
    "order",
    "require",
    "unless",
    "applies",
    "when",
    "source",
    "message",
    "policy",
    "because",
    "override",
    "and",
    "or",
    "not",
    "in",
    "designated",
    "true",
    "false",
    "otherwise",
    "from",
    "until",
    "at",
    "least",
    "most",
    "over",
    "per",
    "of",
    "the",
    "last",
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "calendar",
    "lottery",
    "rank",
    "by",
    "asc",
    "desc",
    "among",
    "allocations",
    "overall",
    "with",
    "set",
    "force",
    "version",
    "unverified",
    "urgent",
    "buurt",
    "complex",
    "owner",
    " = ",
    " != ",
    " < ",
    " <= ",
    " > ",
    " >= ",
    " + ",
    " - ",
    " * ",
    " / ",
    ".",
    "_",
    "household.income",
    "household.size",
    "applicant.age",
    "unit.rent",
    "unit.rooms",
    "unit.complex",
    "fragile",
    "employment",
    "import \"x.rules\"\n",
    "import \"../x.rules\"\n",
    "import \"/etc/passwd\"\n",
    "require 1 > 0\n",
    "gate g \"G\" source \"s\" require true\n",
    "{{household.income}}",
    "((((((((((",
    "))))))))))",
    "not not not not ",
];

/// Tokens of YAML and of the data and rule-test formats.
pub const YAML: &[&str] = &[
    "- ",
    "? ",
    ": ",
    "---\n",
    "...\n",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "~",
    "null",
    "true",
    "yes",
    "no",
    "|\n",
    ">\n",
    "{}",
    "[]",
    "{a: 1}",
    "[1, 2]",
    "%YAML 1.2\n",
    "id",
    "applicants",
    "units",
    "complexes",
    "buurten",
    "members",
    "income",
    "incomes",
    "amount",
    "yearly",
    "hours",
    "rent",
    "rooms",
    "date",
    "born",
    "registered_on",
    "rules",
    "data",
    "cases",
    "expect",
    "eligible",
    "rank",
    "override",
    "applicant",
    "unit",
    "A-0001",
    "U-0001",
    "BU09179901",
    "Heerlen",
    "rules: /\n",
    "rules: /dev/zero\n",
    "data: /dev/null\n",
    "data: .\n",
];

/// `text` changed by one to a few random edits, then cut to [`MAX_INPUT`].
///
/// `others` are the other seeds of the target: a splice copies a piece of
/// one of them in, so names and structure from elsewhere turn up too.
pub fn mutate(rng: &mut Rng, text: &[u8], dict: &[&[&str]], others: &[&[u8]]) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..rng.small(16) {
        mutate_once(rng, &mut out, dict, others);
        if out.len() > MAX_INPUT {
            out.truncate(MAX_INPUT);
        }
    }
    out
}

fn mutate_once(rng: &mut Rng, out: &mut Vec<u8>, dict: &[&[&str]], others: &[&[u8]]) {
    match rng.below(14) {
        0 | 1 => {
            let (at, len) = range(rng, out);
            out.drain(at..at + len);
        }
        2 => {
            let (at, len) = range(rng, out);
            let piece = out[at..at + len].to_vec();
            let times = rng.small(64);
            let to = boundary(rng, out);
            for _ in 0..times {
                out.splice(to..to, piece.iter().copied());
            }
        }
        3 => {
            let (a, alen) = range(rng, out);
            let (b, blen) = range(rng, out);
            if a + alen <= b {
                let first = out[a..a + alen].to_vec();
                let second = out[b..b + blen].to_vec();
                out.splice(b..b + blen, first);
                out.splice(a..a + alen, second);
            }
        }
        4 => {
            let at = rng.below(out.len() + 1);
            let byte = rng.next() as u8;
            out.insert(at, byte);
        }
        5..=7 => {
            let list = rng.pick(dict);
            let token = rng.pick(list).as_bytes();
            let at = boundary(rng, out);
            out.splice(at..at, token.iter().copied());
        }
        8 => replace_number(rng, out),
        9 => {
            let mut lines = split_lines(out);
            let i = rng.below(lines.len());
            let line = lines[i].clone();
            for _ in 0..rng.small(200) {
                lines.insert(i, line.clone());
            }
            *out = lines.concat();
        }
        10 => {
            let mut lines = split_lines(out);
            let i = rng.below(lines.len());
            let n = rng.small(8).min(lines.len() - i);
            lines.drain(i..i + n);
            *out = lines.concat();
        }
        11 => {
            let mut lines = split_lines(out);
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            *out = lines.concat();
        }
        12 => {
            // Indentation is structure in YAML and cosmetic in rules.
            let mut lines = split_lines(out);
            let i = rng.below(lines.len());
            let indent: &[u8] = match rng.below(4) {
                0 => b"  ",
                1 => b"\t",
                2 => b" ",
                _ => b"",
            };
            let line = &mut lines[i];
            if indent.is_empty() {
                let cut = line.iter().take_while(|b| **b == b' ').count().min(2);
                line.drain(..cut);
            } else {
                line.splice(0..0, indent.iter().copied());
            }
            *out = lines.concat();
        }
        _ => {
            if let Some(other) = others.get(rng.below(others.len().max(1))) {
                let (at, len) = range(rng, other);
                let to = boundary(rng, out);
                out.splice(to..to, other[at..at + len].iter().copied());
            }
        }
    }
}

/// A random range of `text`: mostly a few bytes on character boundaries,
/// sometimes up to a few hundred and anywhere.
fn range(rng: &mut Rng, text: &[u8]) -> (usize, usize) {
    if text.is_empty() {
        return (0, 0);
    }
    let at = boundary(rng, text);
    let max = if rng.one_in(8) { 400 } else { 12 };
    let mut len = (1 + rng.below(max)).min(text.len() - at);
    if !rng.one_in(16) {
        while at + len < text.len() && is_continuation(text[at + len]) {
            len += 1;
        }
    }
    (at, len)
}

/// A random position, on a UTF-8 character boundary fifteen times in
/// sixteen (the other time anywhere, to make invalid UTF-8 too).
fn boundary(rng: &mut Rng, text: &[u8]) -> usize {
    let mut at = rng.below(text.len() + 1);
    if !rng.one_in(16) {
        while at > 0 && at < text.len() && is_continuation(text[at]) {
            at -= 1;
        }
    }
    at
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Replaces a run of digits with an extreme number.
fn replace_number(rng: &mut Rng, out: &mut Vec<u8>) {
    let digits: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].is_ascii_digit())
        .collect();
    if digits.is_empty() {
        return;
    }
    let start = *rng.pick(&digits);
    let end = (start..out.len())
        .find(|&i| !out[i].is_ascii_digit())
        .unwrap_or(out.len());
    let replacement: Vec<u8> = match rng.below(6) {
        0 => vec![b'9'; 1 + rng.below(400)],
        1 => b"0".to_vec(),
        2 => b"4294967296".to_vec(),
        3 => b"18446744073709551616".to_vec(),
        4 => format!("{}", rng.next()).into_bytes(),
        _ => format!("{}", rng.below(40)).into_bytes(),
    };
    out.splice(start..end, replacement);
}

/// The lines of `text`, each with its line end, never none.
fn split_lines(text: &[u8]) -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    lines
}
