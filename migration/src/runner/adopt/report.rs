//! How an adoption reads: the plan (why each step, then its SQL), the tables left alone, and
//! what was recorded.

use super::Adoption;
use std::fmt;

impl fmt::Display for Adoption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let revisions = self.revisions.join(", ");
        if self.adopted.is_empty() {
            return write!(
                f,
                "Nothing to adopt: Alembic revision {revisions} is recorded already ({})",
                self.already.join(", ")
            );
        }
        if self.plan.is_empty() {
            writeln!(f, "Reconciliation plan: nothing to change.")?;
        } else {
            writeln!(f, "Reconciliation plan ({} statements):", self.plan.len())?;
            for note in &self.notes {
                writeln!(f, "-- {note}")?;
            }
            for sql in &self.plan {
                writeln!(f, "{sql};")?;
            }
        }
        if !self.left_alone.is_empty() {
            writeln!(
                f,
                "Left alone (lexbase does not manage them): {}",
                self.left_alone.join(", ")
            )?;
        }
        if self.plan_only {
            write!(
                f,
                "Nothing was changed (--plan). Adopting would record {} for Alembic revision {revisions}.",
                self.adopted.join(", ")
            )
        } else {
            if let Some(backup) = &self.backup {
                writeln!(f, "Backup written to {}", backup.display())?;
            }
            write!(
                f,
                "Adopted Alembic revision {revisions} as {}; alembic_version is left as it was. \
                 Run `up` for the rest.",
                self.adopted.join(", ")
            )
        }
    }
}
