//! `choice!`: closed sets of values (kinds, statuses) with one stable text code each,
//! used in the database, the API and as i18n keys.

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
