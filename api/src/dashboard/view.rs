//! The dashboard's HTML (maud: escaped by default). No script and no inline style, so it
//! renders under a strict Content-Security-Policy; the stylesheet is served from the binary.

use super::report::{Report, Row};
use super::session::{Session, Viewer};
use maud::{DOCTYPE, Markup, html};

/// The stylesheet every page links to.
pub const STYLESHEET: &str = include_str!("dashboard.css");
/// Where it is served.
pub const STYLESHEET_PATH: &str = "/admin/assets/dashboard.css";

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · lexbase" }
                link rel="stylesheet" href=(STYLESHEET_PATH);
            }
            body { main { (body) } }
        }
    }
}

fn time(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map_or_else(
        || "-".to_owned(),
        |at| at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
    )
}

/// The sign-in page, with `problem` (why the last attempt failed) when there is one.
pub fn sign_in(problem: Option<&str>) -> Markup {
    layout(
        "Sign in",
        html! {
            h1 { "lexbase operations" }
            @if let Some(problem) = problem { p.problem #problem role="alert" { (problem) } }
            section {
                h2 { "Sign in as an administrator" }
                form method="post" action="/admin/sign-in" {
                    label { "E-mail address" input type="email" name="email" autocomplete="username" required; }
                    label { "Password" input type="password" name="password" autocomplete="current-password" required; }
                    button type="submit" #sign-in { "Sign in" }
                }
            }
            section {
                h2 { "Or use the operator token" }
                p.hint { "When no administrator can sign in (the user tables are not migrated), the server's OPERATOR_TOKEN opens the dashboard." }
                form method="post" action="/admin/sign-in" {
                    label { "Operator token" input type="password" name="operator_token" autocomplete="off" required; }
                    button type="submit" #operator-sign-in { "Sign in with the token" }
                }
            }
        },
    )
}

/// A page saying why the request was refused.
pub fn refused(heading: &str, detail: &str) -> Markup {
    layout(
        heading,
        html! {
            h1 { (heading) }
            p.problem role="alert" { (detail) }
            p { a href="/admin/sign-in" { "Sign in as someone else" } }
        },
    )
}

fn post_button(action: &str, csrf: &str, id: &str, label: &str) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            input type="hidden" name="csrf" value=(csrf);
            button type="submit" id=(id) { (label) }
        }
    }
}

fn migrations_table(rows: &[Row]) -> Markup {
    html! {
        table #migrations {
            thead { tr { th { "Migration" } th { "State" } th { "Applied at" } th { "Duration" } th { "Checksum" } } }
            tbody {
                @for row in rows {
                    @let token = row.state.replace(' ', "_");
                    tr data-state=(token) {
                        td { code { (row.name) } br; span.hint { (row.message) } }
                        td { span class={ "badge " (token) } { (row.state) } }
                        td { (time(row.applied_at)) }
                        td { @if let Some(ms) = row.duration_ms { (ms) " ms" } @else { "-" } }
                        td { (row.checksum) }
                    }
                }
            }
        }
    }
}

/// The dashboard itself. `session` is `None` for a bearer-token caller, who gets the page
/// without its forms (they would need a cookie session).
pub fn dashboard(report: &Report, session: Option<&Session>) -> Markup {
    let state = report.status.state.word();
    let who = match session.map(|s| &s.viewer) {
        Some(Viewer::Admin(id)) => format!("admin #{id}"),
        Some(Viewer::Operator) | None => "operator".to_owned(),
    };
    layout(
        "Migrations",
        html! {
            header {
                h1 { "Migrations" }
                p.who { "Signed in as " (who) }
                @if let Some(session) = session { (post_button("/admin/sign-out", &session.csrf, "sign-out", "Sign out")) }
            }
            section #summary {
                dl {
                    dt { "Database" } dd #database { code { (report.database) } }
                    @if let Some(url) = &report.migration_database { dt { "Migrations run on" } dd { code { (url) } } }
                    dt { "Backend" } dd #backend { (report.backend) }
                    dt { "State" } dd { span #state class={ "badge " (state) } { (state) } }
                    dt { "Current" } dd #current { (report.current.as_deref().unwrap_or("(none)")) }
                    dt { "Head" } dd #head { (report.head.as_deref().unwrap_or("(none)")) }
                    dt { "Pending" } dd #pending { (report.status.pending) }
                    dt { "Migration lock" } dd #lock {
                        @match &report.lock {
                            Ok(Some(holder)) => { (holder) }
                            Ok(None) => { "free" }
                            Err(why) => { "unknown: " (why) }
                        }
                    }
                }
                @if let Some(error) = &report.status.error {
                    h2 { "Last migration error" }
                    pre #error { (error) }
                }
                @if let Some(session) = session {
                    (post_button("/admin/dashboard/retry", &session.csrf, "retry", "Retry migrations"))
                }
            }
            section #schema {
                h2 { "Schema compared with the entities" }
                p {
                    @if report.drift.in_sync() { span.badge.applied #schema-state { "in sync" } }
                    @else { span.badge.failed #schema-state { "out of sync" } }
                    " " span #differences { (report.drift.differences.len()) } " differences, checked " (time(report.drift.checked_at))
                }
                @if let Some(error) = &report.drift.error { p.problem { "The last check could not run: " (error) } }
                @if !report.drift.differences.is_empty() {
                    ul #difference-list { @for line in &report.drift.differences { li { code { (line) } } } }
                }
                @if let Some(session) = session {
                    (post_button("/admin/dashboard/check", &session.csrf, "check", "Check again"))
                }
            }
            section {
                h2 { "Every migration" }
                @match &report.migrations {
                    Ok(rows) => { (migrations_table(rows)) }
                    Err(why) => { p.problem { "Cannot read the migration records: " (why) } }
                }
            }
        },
    )
}
