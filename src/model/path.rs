//! YAML paths (`applicants[3].household.members[0].birth_date`): how an error
//! names the place of a value inside a data file.

use std::fmt;

/// One step into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// A sequence index (0-based, as in the files' paths).
    Index(usize),
}

/// A path from the top of a data file to one value.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YamlPath(pub Vec<Step>);

impl YamlPath {
    /// The path of the `index`th record of a file's list `list`.
    pub(crate) fn record(list: &str, index: usize) -> Self {
        YamlPath(vec![Step::Key(list.to_owned()), Step::Index(index)])
    }

    /// This path extended by a key.
    #[must_use]
    pub(crate) fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        YamlPath(steps)
    }

    /// This path extended by an index.
    #[must_use]
    pub(crate) fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        YamlPath(steps)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top)");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_file() {
        let p = YamlPath::record("applicants", 3)
            .key("household")
            .key("members")
            .index(0)
            .key("birth_date");
        assert_eq!(
            p.to_string(),
            "applicants[3].household.members[0].birth_date"
        );
        assert_eq!(YamlPath::default().to_string(), "(top)");
    }
}
