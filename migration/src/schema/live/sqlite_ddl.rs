//! Reads what SQLite keeps only in a table's `CREATE TABLE` text: CHECK constraints, the
//! names of foreign keys and of table constraints, and `AUTOINCREMENT`.
//!
//! A small tokenizer, not a SQL parser: it splits the definition list at top-level commas
//! and recognises the few clause shapes SQLite's own grammar allows there.

/// One lexical token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A bare word or a quoted identifier, unquoted.
    Word(String),
    /// A `'string'` literal, unquoted.
    Literal(String),
    /// `(`, `)`, `,` or any other single character.
    Punct(char),
}

/// Splits SQL text into tokens (comments are skipped).
pub fn tokens(sql: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if matches!(c, '"' | '`' | '\'' | '[') {
            let close = if c == '[' { ']' } else { c };
            let mut text = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == close {
                    if close != ']' && chars.get(i + 1) == Some(&close) {
                        text.push(close);
                        i += 2;
                        continue;
                    }
                    break;
                }
                text.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push(if c == '\'' {
                Token::Literal(text)
            } else {
                Token::Word(text)
            });
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.')) {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// Whether `token` is the keyword `word` (case-insensitive).
pub fn is(token: Option<&Token>, word: &str) -> bool {
    matches!(token, Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
}

/// The definitions between the outermost parentheses, split at top-level commas.
pub fn definitions(tokens: &[Token]) -> Vec<Vec<Token>> {
    let Some(open) = tokens.iter().position(|t| *t == Token::Punct('(')) else {
        return Vec::new();
    };
    let mut items = vec![Vec::new()];
    let mut depth = 0;
    for token in &tokens[open + 1..] {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') if depth == 0 => break,
            Token::Punct(')') => depth -= 1,
            Token::Punct(',') if depth == 0 => {
                items.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(item) = items.last_mut() {
            item.push(token.clone());
        }
    }
    items.retain(|item| !item.is_empty());
    items
}

/// The tokens inside the parenthesis group that starts at `tokens[open]`, and the index after
/// its closing parenthesis.
pub fn group(tokens: &[Token], open: usize) -> (Vec<Token>, usize) {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => {
                depth -= 1;
                if depth == 0 {
                    return (tokens[open + 1..i].to_vec(), i + 1);
                }
            }
            _ => {}
        }
    }
    (
        tokens.get(open + 1..).unwrap_or_default().to_vec(),
        tokens.len(),
    )
}

/// The words of a parenthesised name list (`("a", "b")` → `["a", "b"]`).
pub fn names(tokens: &[Token]) -> Vec<String> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.clone()),
            _ => None,
        })
        .collect()
}

/// Tokens back to SQL text (identifiers double-quoted when they need it).
pub fn render(tokens: &[Token]) -> String {
    let mut out = String::new();
    for token in tokens {
        let piece = match token {
            Token::Word(w) if w.chars().all(|c| c.is_alphanumeric() || c == '_') => w.clone(),
            Token::Word(w) => format!("\"{}\"", w.replace('"', "\"\"")),
            Token::Literal(l) => format!("'{}'", l.replace('\'', "''")),
            Token::Punct(c) => c.to_string(),
        };
        let glue = matches!(token, Token::Punct(')' | ',')) || out.ends_with('(') || out.is_empty();
        if !glue {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

/// What a table definition says beyond `pragma_table_info`.
#[derive(Debug, Default)]
pub struct Extras {
    /// Columns declared `AUTOINCREMENT`.
    pub autoincrement: Vec<String>,
    /// `(column, values)` of every `CHECK (column IN ('a', 'b'))`.
    pub enum_checks: Vec<(String, Vec<String>)>,
    /// Other CHECK conditions: `(constraint name, condition text)`.
    pub checks: Vec<(Option<String>, String)>,
    /// `(constraint name, columns)` of named foreign keys.
    pub foreign_key_names: Vec<(String, Vec<String>)>,
}

/// Reads a `CREATE TABLE` statement.
pub fn extras(sql: &str) -> Extras {
    let mut extras = Extras::default();
    for item in definitions(&tokens(sql)) {
        let mut name = None;
        let mut rest: &[Token] = &item;
        if is(rest.first(), "CONSTRAINT") {
            if let Some(Token::Word(n)) = rest.get(1) {
                name = Some(n.clone());
            }
            rest = rest.get(2..).unwrap_or_default();
        }
        let table_constraint = ["PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
            .iter()
            .any(|k| is(rest.first(), k));
        if !table_constraint {
            column(&item, &mut extras);
            continue;
        }
        if is(rest.first(), "FOREIGN") {
            if let (Some(name), Some(open)) =
                (name, rest.iter().position(|t| *t == Token::Punct('(')))
            {
                extras
                    .foreign_key_names
                    .push((name, names(&group(rest, open).0)));
            }
        } else if is(rest.first(), "CHECK") {
            check(name, rest.get(1..).unwrap_or_default(), None, &mut extras);
        }
    }
    extras
}

fn column(item: &[Token], extras: &mut Extras) {
    let Some(Token::Word(column)) = item.first() else {
        return;
    };
    let mut i = 1;
    let mut name = None;
    while i < item.len() {
        if is(item.get(i), "AUTOINCREMENT") {
            extras.autoincrement.push(column.clone());
        }
        if is(item.get(i), "CONSTRAINT")
            && let Some(Token::Word(n)) = item.get(i + 1)
        {
            name = Some(n.clone());
        }
        if is(item.get(i), "CHECK") && item.get(i + 1) == Some(&Token::Punct('(')) {
            let (_, next) = group(item, i + 1);
            check(name.take(), &item[i + 1..next], Some(column), extras);
            i = next;
            continue;
        }
        i += 1;
    }
}

/// Files one CHECK: an enumeration guard on its own column, or another condition.
fn check(name: Option<String>, tokens: &[Token], column: Option<&str>, extras: &mut Extras) {
    let Some(open) = tokens.iter().position(|t| *t == Token::Punct('(')) else {
        return;
    };
    let (inner, _) = group(tokens, open);
    if let [
        Token::Word(col),
        Token::Word(kw),
        Token::Punct('('),
        values @ ..,
        Token::Punct(')'),
    ] = inner.as_slice()
        && kw.eq_ignore_ascii_case("IN")
        && column.is_none_or(|c| c == col)
    {
        let literals: Vec<String> = values
            .iter()
            .filter_map(|t| match t {
                Token::Literal(l) => Some(l.clone()),
                _ => None,
            })
            .collect();
        if literals.len() * 2 == values.len() + 1 {
            extras.enum_checks.push((col.clone(), literals));
            return;
        }
    }
    extras.checks.push((name, render(&inner)));
}

/// The condition after the top-level `WHERE` of a `CREATE INDEX`, if any.
pub fn index_predicate(sql: &str) -> Option<String> {
    let tokens = tokens(sql);
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => depth -= 1,
            Token::Word(w) if depth == 0 && w.eq_ignore_ascii_case("WHERE") => {
                return Some(render(&tokens[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sea_query_table_reads_back_its_checks_and_key_names() {
        let sql = r#"CREATE TABLE "documents" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
            "source" enum_text NOT NULL CHECK ("source" IN ('pdf', 'url', 'upload')),
            "n" integer CHECK (n > 0),
            CONSTRAINT "fk_documents_opp" FOREIGN KEY ("opp_id") REFERENCES "opps" ("id") )"#;
        let extras = extras(sql);
        assert_eq!(extras.autoincrement, ["id"]);
        assert_eq!(
            extras.enum_checks,
            [(
                "source".to_owned(),
                vec!["pdf".to_owned(), "url".to_owned(), "upload".to_owned()]
            )]
        );
        assert_eq!(extras.checks, [(None, "n > 0".to_owned())]);
        assert_eq!(
            extras.foreign_key_names,
            [("fk_documents_opp".to_owned(), vec!["opp_id".to_owned()])]
        );
    }

    #[test]
    fn a_partial_index_predicate_is_found() {
        let sql = r#"CREATE UNIQUE INDEX "u" ON "t" ("a", "b") WHERE "b" IS NOT NULL"#;
        assert_eq!(index_predicate(sql).as_deref(), Some("b IS NOT NULL"));
        assert_eq!(index_predicate(r#"CREATE INDEX "i" ON "t" ("a")"#), None);
    }
}
