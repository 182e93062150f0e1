//! Server-rendered pages: one module per area, one handler per action.

pub mod account;
pub mod assets;
pub mod audit;
pub mod fields;
pub mod health;
pub mod home;
pub mod lang;
pub mod login;
pub mod partnerships;
pub mod units;
pub mod users;

pub mod chrome;
mod error;
mod form;

pub use chrome::Chrome;
pub use error::HtmlError;
pub use form::FormErrors;
pub use partnerships::Opt;
