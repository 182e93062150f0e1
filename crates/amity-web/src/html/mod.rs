//! Server-rendered pages: one module per area, one handler per action.

pub mod assets;
pub mod fields;
pub mod health;
pub mod home;
pub mod lang;
pub mod partnerships;
pub mod units;

mod chrome;
mod error;
mod form;

pub use chrome::Chrome;
pub use error::HtmlError;
pub use form::FormErrors;
pub use partnerships::Opt;
