//! A small command-line reader for the bench binaries (`--name value`, `--name=value`, `--flag`),
//! so the bench crate needs no argument-parsing dependency.

/// The arguments after the program name.
#[derive(Debug, Clone)]
pub struct Args {
    items: Vec<String>,
}

impl Args {
    /// The process's arguments.
    pub fn from_env() -> Self {
        Self { items: std::env::args().skip(1).collect() }
    }

    /// Given arguments (for tests).
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> Self {
        Self { items: items.into_iter().map(Into::into).collect() }
    }

    /// The value of `--name`, if given.
    pub fn value(&self, name: &str) -> Option<String> {
        let flag = format!("--{name}");
        let prefix = format!("{flag}=");
        self.items
            .iter()
            .enumerate()
            .find_map(|(i, a)| if a == &flag { self.items.get(i + 1).cloned() } else { a.strip_prefix(&prefix).map(str::to_string) })
    }

    /// Whether `--name` is present.
    pub fn flag(&self, name: &str) -> bool {
        self.items.iter().any(|a| a == &format!("--{name}"))
    }

    /// The value of `--name` parsed, or `default`; a value that does not parse is an error message.
    pub fn parsed<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("--{name}: cannot read {v:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    #[test]
    fn values_flags_and_defaults_are_read() {
        let a = Args::new(["--database", "sqlite:x.db", "--scale=0.5", "--enforce"]);
        assert_eq!(a.value("database").as_deref(), Some("sqlite:x.db"));
        assert_eq!(a.parsed("scale", 1.0), Ok(0.5));
        assert_eq!(a.parsed("iterations", 10), Ok(10));
        assert!(a.flag("enforce") && !a.flag("postgres"));
        assert!(a.parsed::<u32>("scale", 1).is_err());
    }
}
