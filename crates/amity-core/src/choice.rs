//! `choice!`: closed sets of values (kinds, statuses) with one stable text code each,
//! used in the database, the API and as i18n keys; [`ALL_CHOICES`] lists every one of them (a
//! test below fails when a `choice!` of this crate is missing from it).

/// One `choice!` enum as [`ALL_CHOICES`] lists it: its name and every code, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceSet {
    pub name: &'static str,
    pub codes: &'static [&'static str],
}

/// Every `choice!` enum of the domain, for checks that must cover them all (translations).
pub const ALL_CHOICES: &[ChoiceSet] = &[
    crate::activity::ActivityKind::CHOICE_SET,
    crate::activity::ActivityStatus::CHOICE_SET,
    crate::activity::CommitmentStatus::CHOICE_SET,
    crate::activity::OriginKind::CHOICE_SET,
    crate::agreement::AgreementKind::CHOICE_SET,
    crate::auth::Role::CHOICE_SET,
    crate::budget::BudgetCategory::CHOICE_SET,
    crate::budget::BudgetSubject::CHOICE_SET,
    crate::calendar::ItemKind::CHOICE_SET,
    crate::calendar::InterestReason::CHOICE_SET,
    crate::contact::ContactSide::CHOICE_SET,
    crate::delegation::DelegationStatus::CHOICE_SET,
    crate::delegation::Direction::CHOICE_SET,
    crate::delegation::DocumentAlert::CHOICE_SET,
    crate::delegation::DocumentKind::CHOICE_SET,
    crate::delegation::MemberRole::CHOICE_SET,
    crate::delegation::TransportLeg::CHOICE_SET,
    crate::delegation::TransportMode::CHOICE_SET,
    crate::event::EventKind::CHOICE_SET,
    crate::event::EventSort::CHOICE_SET,
    crate::event::EventStatus::CHOICE_SET,
    crate::event::RegistrationKind::CHOICE_SET,
    crate::event::RegistrationSource::CHOICE_SET,
    crate::event::RegistrationStatus::CHOICE_SET,
    crate::gift::DisclosureStatus::CHOICE_SET,
    crate::gift::GiftDirection::CHOICE_SET,
    crate::health::HealthState::CHOICE_SET,
    crate::partnership::ApprovalKind::CHOICE_SET,
    crate::partnership::EndedBy::CHOICE_SET,
    crate::partnership::PartnershipKind::CHOICE_SET,
    crate::partnership::PartnershipSort::CHOICE_SET,
    crate::partnership::PartnershipStatus::CHOICE_SET,
    crate::unit::UnitKind::CHOICE_SET,
];

/// Declares an enum whose variants each have a stable snake_case code.
#[macro_export]
macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in lifecycle or display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name and every code, as [`ALL_CHOICES`]($crate::choice::ALL_CHOICES) lists them.
            pub const CHOICE_SET: $crate::choice::ChoiceSet =
                $crate::choice::ChoiceSet { name: stringify!($name), codes: &[$($code),+] };

            /// The stable code (database, API, i18n key suffix).
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The value for a code, if it is one.
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Parses a code or reports the field as holding an invalid choice.
            pub fn parse_field(field: &str, s: &str) -> Result<Self, $crate::FieldError> {
                if s.trim().is_empty() {
                    return Err($crate::FieldError::new(field, "required"));
                }
                Self::parse(s).ok_or_else(|| {
                    $crate::FieldError::new(field, "invalid_choice")
                        .with("allowed", Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some(Self::ALL.iter().map(|v| v.as_str())))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::ALL_CHOICES;

    /// The names of the `choice!` invocations in this crate's sources.
    fn declared() -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for call in text.split("choice!(").skip(1) {
                    // The first line that is not a doc comment or attribute names the enum: `Name {`.
                    let name = call.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("///") && !l.starts_with("#["));
                    let name = name.and_then(|l| l.strip_suffix('{')).map(str::trim).unwrap_or_default();
                    if name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                        out.insert(name.to_string());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_choice_of_the_crate_is_in_the_registry_once() {
        let listed: BTreeSet<String> = ALL_CHOICES.iter().map(|c| c.name.to_string()).collect();
        assert_eq!(listed.len(), ALL_CHOICES.len(), "listed twice");
        let declared = declared();
        assert!(declared.len() >= 30, "the scan finds the enums: {declared:?}");
        assert_eq!(listed, declared, "add a new choice! enum to ALL_CHOICES");
    }

    #[test]
    fn the_registry_carries_every_code_in_order() {
        use crate::partnership::PartnershipStatus;
        let set = PartnershipStatus::CHOICE_SET;
        assert_eq!(set.name, "PartnershipStatus");
        assert_eq!(set.codes, PartnershipStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    }
}
