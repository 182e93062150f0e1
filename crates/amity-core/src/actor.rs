//! Who is acting: services receive an `Actor` and check permission against it.

/// The acting user. Until accounts exist, the server acts as the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The server itself (demo loading, commands run on the machine, loopback-only serving).
    System,
}

impl Actor {
    /// A short label for logs and (later) the audit trail.
    pub fn label(&self) -> &str {
        match self {
            Actor::System => "system",
        }
    }
}
