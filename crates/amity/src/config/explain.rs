//! Configuration errors as a person reads them: one line per problem, naming the setting and the
//! layer (file, environment variable or flag) its value came from.

use anyhow::anyhow;

/// A figment error as one line per problem: the setting, what is wrong, and where the value came from.
pub(super) fn explain(e: figment::Error) -> anyhow::Error {
    let lines: Vec<String> = e
        .into_iter()
        .map(|e| {
            let setting = e.path.join(".");
            let from = match (&e.metadata, &e.profile) {
                (Some(md), Some(profile)) if md.source.is_none() && !e.path.is_empty() => {
                    let keys: Vec<&str> = e.path.iter().map(String::as_str).collect();
                    format!(" (from {} in {})", md.interpolate(profile, &keys), md.name)
                }
                (Some(md), _) => format!(" (in {})", md.source.as_ref().map_or_else(|| md.name.to_string(), ToString::to_string)),
                _ => String::new(),
            };
            if let figment::error::Kind::UnknownField(field, _) = &e.kind
                && let Some(hint) = super::office::hint(field)
            {
                return format!("{field}: {hint}{from}");
            }
            if setting.is_empty() { format!("{}{from}", e.kind) } else { format!("{setting}: {}{from}", e.kind) }
        })
        .collect();
    anyhow!("invalid configuration: {}", lines.join("; "))
}
