//! The lottery: a seeded draw an auditor can recompute by hand.
//!
//! A candidate's draw is the first eight bytes (big-endian) of
//! SHA-256(seed as 8 big-endian bytes ‖ unit id ‖ 0x1F ‖ applicant id).
//! It depends only on the seed, the unit and the applicant, so adding or
//! removing another candidate never changes anyone's draw.

use sha2::{Digest, Sha256};

/// The draw of `applicant` for `unit`; lower draws rank first.
pub fn draw(seed: u64, unit: &str, applicant: &str) -> u64 {
    let mut hasher = Sha256::new();
    hasher.update(seed.to_be_bytes());
    hasher.update(unit.as_bytes());
    hasher.update([0x1F]);
    hasher.update(applicant.as_bytes());
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    for (to, from) in first.iter_mut().zip(digest.iter()) {
        *to = *from;
    }
    u64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_is_fixed_by_seed_unit_and_applicant() {
        assert_eq!(draw(7, "U1", "A1"), draw(7, "U1", "A1"));
        assert_ne!(draw(7, "U1", "A1"), draw(8, "U1", "A1"));
        assert_ne!(draw(7, "U1", "A1"), draw(7, "U1", "A2"));
        // The separator keeps ("U1", "A12") and ("U1A", "12") apart.
        assert_ne!(draw(7, "U1", "A12"), draw(7, "U1A", "12"));
    }
}
