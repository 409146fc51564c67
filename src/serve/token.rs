//! The optional bearer token: compared in constant time, through the
//! SHA-256 of both sides so neither the contents nor the length of the
//! service's token shows in how long a refusal takes.

use sha2::{Digest, Sha256};

/// The token callers must send as `Authorization: Bearer <token>`.
#[derive(Clone)]
pub struct Token {
    digest: [u8; 32],
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

impl Token {
    /// The token `secret` (surrounding white space, such as the line break
    /// of a token file, is not part of it).
    pub fn new(secret: &str) -> Self {
        Token {
            digest: Sha256::digest(secret.trim().as_bytes()).into(),
        }
    }

    /// Whether the `Authorization` header value `header` carries the token.
    pub fn admits(&self, header: Option<&str>) -> bool {
        let presented = header
            .and_then(|h| h.strip_prefix("Bearer "))
            .unwrap_or_default();
        let digest: [u8; 32] = Sha256::digest(presented.trim().as_bytes()).into();
        let differ = self
            .digest
            .iter()
            .zip(digest)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        header.is_some() && differ == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_token_itself_is_admitted() {
        let token = Token::new("s3cret\n");
        assert!(token.admits(Some("Bearer s3cret")));
        assert!(!token.admits(Some("Bearer s3cre")));
        assert!(!token.admits(Some("s3cret")));
        assert!(!token.admits(None));
    }
}
