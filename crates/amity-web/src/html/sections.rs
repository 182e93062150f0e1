//! The sections of a record page in the order a reader wants them: what is recorded first, in the
//! page's own order, then every empty section folded into one row of "add …" actions (each a
//! `details` that opens where it stands, so every section stays one click away, with no script).

use crate::i18n::Locale;

/// One section of a record page.
pub struct Section {
    /// Its name: the template's switch, and the id links jump to (`#budget`).
    pub id: &'static str,
    /// Its heading, for the folded row.
    pub label: String,
    /// Unfolded even though empty (its form came back with errors).
    pub open: bool,
}

impl Section {
    /// Whether this is the section `id` (the templates switch on it).
    pub fn is(&self, id: &str) -> bool {
        self.id == id
    }
}

/// A record page's sections: `shown` (something recorded) and `folded` (nothing yet).
#[derive(Default)]
pub struct Sections {
    pub shown: Vec<Section>,
    pub folded: Vec<Section>,
}

/// One section as a page describes it: its id, its heading's key, whether anything is recorded in
/// it, and whether its form has errors to show.
pub struct Part {
    pub id: &'static str,
    pub heading: &'static str,
    pub recorded: bool,
    pub errors: bool,
}

impl Part {
    pub fn new(id: &'static str, heading: &'static str, recorded: bool) -> Self {
        Self { id, heading, recorded, errors: false }
    }

    /// Its form came back with errors: shown unfolded.
    pub fn with_errors(mut self, errors: bool) -> Self {
        self.errors = errors;
        self
    }
}

impl Sections {
    /// Splits the page's sections, keeping their order within each group.
    pub fn split(l: Locale, parts: Vec<Part>) -> Self {
        let mut out = Self::default();
        for p in parts {
            let s = Section { id: p.id, label: l.t(p.heading), open: p.errors };
            if p.recorded { out.shown.push(s) } else { out.folded.push(s) }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_sections_come_first_in_order_and_empty_ones_fold_open_only_with_errors() {
        let s = Sections::split(
            Locale::En,
            vec![
                Part::new("members", "delegations.members", false),
                Part::new("itinerary", "delegations.itinerary", true),
                Part::new("budget", "delegations.budget", false).with_errors(true),
                Part::new("report", "delegations.report", true),
            ],
        );
        assert_eq!(s.shown.iter().map(|x| x.id).collect::<Vec<_>>(), ["itinerary", "report"]);
        assert_eq!(s.folded.iter().map(|x| (x.id, x.open)).collect::<Vec<_>>(), [("members", false), ("budget", true)]);
        assert_eq!(s.folded[0].label, "Members");
    }
}
