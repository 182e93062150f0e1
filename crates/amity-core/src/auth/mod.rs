//! Accounts, roles, sessions, API tokens and sign-in: who may do what, and how they prove who they are.

mod store;
pub use store::{SessionStore, SignInStore, TokenStore, UserStore};
mod actor;
mod limits;
mod model;
mod password;
mod role;
mod secret;

pub mod erase;
pub mod service;
pub mod sign_in;
pub mod tokens;

pub use actor::{Actor, Principal};
pub use model::{ApiToken, NewApiToken, NewUser, Session, User, UserCredentials, UserInput};
pub use password::{PASSWORD_MIN, check_password, dummy_hash};
pub use password::{hash_password, verify_password};
pub use role::Role;
pub use secret::{random_password, random_token, same_secret, sha256_hex};
