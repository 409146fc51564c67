//! Numbers as spreadsheets write them: a decimal point, or in a
//! `;`-separated (Dutch) file a decimal comma and dots between thousands;
//! anything that could be read two ways is refused, never guessed.

/// A number cell refused, with what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    /// Why, in words.
    pub what: String,
    /// What to write instead.
    pub help: String,
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `1.234` or `12.345.678`: digits grouped by three after the first group.
fn thousands(s: &str) -> bool {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    digits(first)
        && first.len() <= 3
        && !rest.is_empty()
        && rest.iter().all(|g| g.len() == 3 && digits(g))
}

/// The number `cell` means, written with a decimal point, for a file
/// separated by `delimiter`. Text that is no number at all is handed on as
/// it is, for the reader to refuse with its own words.
pub fn normalise(cell: &str, delimiter: u8) -> Result<String, Ambiguous> {
    let (sign, body) = match cell.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", cell),
    };
    if !body.contains(',') {
        if delimiter == b';' && thousands(body) {
            return Err(Ambiguous {
                what: format!(
                    "`{cell}` could be a number with a decimal point or one with a dot between thousands"
                ),
                help: format!(
                    "in a `;`-separated file write a decimal comma (`{}`) or the number without the dot (`{}`)",
                    body.replacen('.', ",", 1),
                    body.replace('.', "")
                ),
            });
        }
        return Ok(cell.to_owned());
    }
    if delimiter == b',' {
        return Err(Ambiguous {
            what: format!("`{cell}` has a comma, which in a `,`-separated file could be a decimal comma or one between thousands"),
            help: "write the number with a decimal point and no thousands separator (`31250.50`), or save the file with `;` as separator".into(),
        });
    }
    let (whole, fraction) = body.split_once(',').unwrap_or((body, ""));
    let whole_ok = digits(whole) || thousands(whole);
    if whole_ok && digits(fraction) {
        return Ok(format!("{sign}{}.{fraction}", whole.replace('.', "")));
    }
    Err(Ambiguous {
        what: format!("`{cell}` is not a number this file's separators can read one way"),
        help: "write a decimal comma and, if you like, dots between thousands: `31250,50` or `31.250,50`".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers_read_only_when_unambiguous() {
        assert_eq!(normalise("31250,50", b';').as_deref(), Ok("31250.50"));
        assert_eq!(normalise("1.234,56", b';').as_deref(), Ok("1234.56"));
        assert_eq!(
            normalise("-12.345.678,9", b';').as_deref(),
            Ok("-12345678.9")
        );
        assert_eq!(normalise("68.5", b';').as_deref(), Ok("68.5"));
        assert_eq!(normalise("650.43", b',').as_deref(), Ok("650.43"));
        assert_eq!(normalise("1.234", b',').as_deref(), Ok("1.234"));
        assert!(normalise("1.234", b';').is_err());
        assert!(normalise("1,234", b',').is_err());
        assert!(normalise("1,2,3", b';').is_err());
        assert!(normalise("12.34,5", b';').is_err());
        assert_eq!(normalise("abc", b';').as_deref(), Ok("abc"));
    }
}
