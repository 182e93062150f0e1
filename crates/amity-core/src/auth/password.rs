//! Password hashing with argon2id (PHC strings), and the rules a new password must meet.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::{Error, FieldError, Result};

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted (argon2 cost does not depend on it, but form bodies should stay small).
pub const PASSWORD_MAX: usize = 256;

/// Checks a new password's length.
pub fn check_password(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Err(FieldError::new(field, "password_too_short").with("min", PASSWORD_MIN))
    } else if n > PASSWORD_MAX {
        Err(FieldError::new(field, "too_long").with("max", PASSWORD_MAX))
    } else {
        Ok(())
    }
}

/// The argon2id PHC string of a password, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h: PasswordHash| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

/// Whether the password matches the PHC string (a malformed hash never matches).
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(h) => Argon2::default().verify_password(password.as_bytes(), &h).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the user does not exist, so that both cases take the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("amity-timing-equaliser").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
        assert!(!verify_password("x", "not a phc string"));
        assert_ne!(h, hash_password("correct horse battery").expect("hash"), "salted");
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(check_password("password", "short").expect_err("short").code, "password_too_short");
        assert!(check_password("password", "twelve chars").is_ok());
    }
}
