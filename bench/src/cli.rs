//! What the bench binaries' command lines (clap) share: reading the data set's scale and a count of runs.

/// `--scale`: a positive number (1.0 is the national scale, 0.01 the smoke run).
pub fn scale(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(s),
        Ok(_) => Err("must be positive".into()),
        Err(_) => Err(format!("cannot read {text:?} as a number")),
    }
}

/// `--iterations`: a whole number of runs, at least one.
pub fn iterations(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("cannot read {text:?} as a whole number")),
    }
}

#[cfg(test)]
mod tests {
    use super::{iterations, scale};

    #[test]
    fn a_scale_must_be_a_positive_number() {
        assert_eq!(scale("0.5"), Ok(0.5));
        assert!(scale("0").is_err() && scale("-1").is_err() && scale("half").is_err() && scale("inf").is_err());
    }

    #[test]
    fn iterations_must_be_a_whole_number_of_at_least_one() {
        assert_eq!(iterations("3"), Ok(3));
        assert!(iterations("0").is_err() && iterations("2.5").is_err());
    }
}
