//! The generator's random source lives in amity-core (the sample office uses it too); the same
//! seed gives the same numbers, so the data set is unchanged.

pub use amity_core::demo::sample::rng::Rng;
