//! The one way a record page shows a refused action form again: which of its forms was posted,
//! what the user typed into it, and the errors beside its fields.

use super::FormErrors;

/// No errors, for every form that was not the refused one.
static NONE: FormErrors = FormErrors { items: Vec::new() };

/// An action form of a record page that the service refused (or, by default, none). The page's
/// `render` takes one; its template asks `x.errors("budget")` and `x.value("budget", "currency")`.
#[derive(Debug, Default)]
pub struct Refused {
    /// The form's name on its page ("status", "budget", "documents", …); empty when nothing was refused.
    pub action: &'static str,
    /// The form as posted, field by field (a field may repeat, e.g. ticked boxes).
    pub form: Vec<(String, String)>,
    pub errors: FormErrors,
}

impl Refused {
    /// Form `action` as posted (`form`), refused with `errors`.
    pub fn new(action: &'static str, form: Vec<(String, String)>, errors: FormErrors) -> Self {
        Self { action, form, errors }
    }

    /// Whether form `action` is the one refused.
    pub fn is(&self, action: &str) -> bool {
        !self.action.is_empty() && self.action == action
    }

    /// The errors of form `action` (none when another form was refused).
    pub fn errors(&self, action: &str) -> &FormErrors {
        self.errors_in(&[action])
    }

    /// The errors of whichever of `actions` was refused, for a summary several forms share.
    pub fn errors_in(&self, actions: &[&str]) -> &FormErrors {
        if actions.iter().any(|a| self.is(a)) { &self.errors } else { &NONE }
    }

    /// What the user typed into field `k` of form `action`, or empty.
    pub fn value(&self, action: &str, k: &str) -> String {
        self.values(action, k).next().unwrap_or_default().to_string()
    }

    /// Every value posted for field `k` of form `action` (ticked boxes).
    pub fn values<'a>(&'a self, action: &str, k: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mine = self.is(action);
        self.form.iter().filter(move |(n, _)| mine && n == k).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> Refused {
        let errors = FormErrors { items: vec![("currency".into(), "Unknown currency".into())] };
        Refused::new("budget", vec![("currency".into(), "XYZ".into()), ("tick".into(), "1".into()), ("tick".into(), "2".into())], errors)
    }

    #[test]
    fn only_the_refused_form_gets_its_errors_and_values() {
        let r = budget();
        assert!(r.errors("budget").any());
        assert!(!r.errors("status").any());
        assert!(r.errors_in(&["status", "budget"]).any());
        assert_eq!(r.value("budget", "currency"), "XYZ");
        assert_eq!(r.value("status", "currency"), "");
        assert_eq!(r.values("budget", "tick").collect::<Vec<_>>(), ["1", "2"]);
    }

    #[test]
    fn nothing_refused_shows_nothing() {
        let r = Refused::default();
        assert!(!r.is(""));
        assert!(!r.errors("").any());
        assert_eq!(r.value("", "currency"), "");
    }
}
