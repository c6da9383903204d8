//! What a run did, per table, and the summary table printed at the end.

use std::fmt;

/// What happened to one table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// The table.
    pub table: &'static str,
    /// Rows inserted.
    pub created: u64,
    /// Rows that existed and were changed in place.
    pub updated: u64,
    /// Rows that existed and were left as they were.
    pub present: u64,
}

impl Tally {
    /// A tally with nothing counted yet.
    pub fn new(table: &'static str) -> Self {
        Self {
            table,
            created: 0,
            updated: 0,
            present: 0,
        }
    }
}

/// The messages and per-table tallies of a seeding run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One line per notable event (`Created user: ...`), in order.
    pub lines: Vec<String>,
    /// One tally per table touched, in order.
    pub tallies: Vec<Tally>,
}

impl Report {
    /// The tally for `table`, if the run touched it.
    pub fn tally(&self, table: &str) -> Option<&Tally> {
        self.tallies.iter().find(|t| t.table == table)
    }

    /// Rows created over all tables.
    pub fn created(&self) -> u64 {
        self.tallies.iter().map(|t| t.created).sum()
    }

    /// Appends another report's lines and tallies.
    pub fn extend(&mut self, other: Report) {
        self.lines.extend(other.lines);
        self.tallies.extend(other.tallies);
    }

    /// The summary table alone.
    pub fn summary(&self) -> Summary<'_> {
        Summary(&self.tallies)
    }
}

/// Renders tallies as an aligned text table.
#[derive(Debug)]
pub struct Summary<'a>(&'a [Tally]);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .0
            .iter()
            .map(|t| t.table.len())
            .max()
            .unwrap_or(5)
            .max("table".len());
        writeln!(
            f,
            "{:<width$}  {:>8}  {:>8}  {:>15}",
            "table", "created", "updated", "already present"
        )?;
        for t in self.0 {
            writeln!(
                f,
                "{:<width$}  {:>8}  {:>8}  {:>15}",
                t.table, t.created, t.updated, t.present
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_has_a_header_and_one_line_per_table() {
        let report = Report {
            lines: vec![],
            tallies: vec![Tally {
                table: "users",
                created: 2,
                updated: 0,
                present: 0,
            }],
        };
        let text = report.summary().to_string();
        assert_eq!(text.lines().count(), 2);
        assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("users")));
    }
}
