//! The OpenAPI document (generated from the handlers by utoipa) and the browsable docs.
//!
//! `/docs` is Swagger UI with every asset compiled into the binary (utoipa-swagger-ui's
//! `vendored` build): it loads nothing from the network, so the reference renders in an
//! air-gapped deployment, and it runs no inline script.

use axum::Router;
use serde_json::{Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::{Config, SwaggerUi};

/// The document's fixed parts; paths are added by the routers.
#[derive(OpenApi)]
#[openapi(
    info(title = "lexbase API", description = "Typed data backbone of the legal-AI platform."),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

impl ApiDoc {
    /// The base document the routers add their paths to.
    pub fn base() -> utoipa::openapi::OpenApi {
        <ApiDoc as OpenApi>::openapi()
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// What a response of each status generally means, for the statuses every route of a kind
/// can answer (whatever its handler says about its own).
const COMMON: [(&str, &str); 6] = [
    ("400", "A malformed path, query parameter or JSON body."),
    ("401", "No valid bearer token."),
    ("413", "The body is over 1 MiB."),
    ("415", "The body is not application/json."),
    (
        "422",
        "Invalid fields (each named in `fields`), unknown fields included.",
    ),
    (
        "503",
        "The database is unavailable or the schema is not migrated yet.",
    ),
];

/// The served document: the generated one, with the statuses every route of a kind answers
/// added where its handler does not list them, and the bounds the server enforces on ids
/// and page sizes.
pub fn finish(spec: utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(spec).unwrap_or(Value::Null);
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return doc;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for operation in item.values_mut() {
            complete_operation(operation);
        }
    }
    any_json(&mut doc);
    doc
}

/// utoipa describes an optional free-form JSON field as `oneOf: [Value, null]`, which `null`
/// matches twice (`Value` is anything): such fields are described as what they are, any JSON.
fn any_json(node: &mut Value) {
    match node {
        Value::Object(map) => {
            let free_form = map
                .get("oneOf")
                .and_then(Value::as_array)
                .is_some_and(|one_of| {
                    one_of.len() == 2
                        && one_of.iter().any(|s| {
                            s.get("$ref").and_then(Value::as_str)
                                == Some("#/components/schemas/Value")
                        })
                        && one_of
                            .iter()
                            .any(|s| s.get("type").and_then(Value::as_str) == Some("null"))
                });
            if free_form {
                let description = map
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .and_then(|one_of| one_of.iter().find_map(|s| s.get("description").cloned()));
                map.clear();
                if let Some(description) = description {
                    map.insert("description".to_owned(), description);
                }
                return;
            }
            for value in map.values_mut() {
                any_json(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(any_json),
        _ => {}
    }
}

fn complete_operation(operation: &mut Value) {
    let has_body = operation.get("requestBody").is_some();
    let has_params = operation
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|p| !p.is_empty());
    let secured = operation
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        for parameter in parameters {
            bound_parameter(parameter);
        }
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    // OpenAPI requires a description on every response; utoipa leaves it out when the
    // handler gives none.
    for (status, response) in responses.iter_mut() {
        if let Some(response) = response.as_object_mut()
            && !response.contains_key("description")
        {
            let reason = status
                .parse::<u16>()
                .ok()
                .and_then(|code| axum::http::StatusCode::from_u16(code).ok())
                .and_then(|code| code.canonical_reason())
                .unwrap_or("Response");
            response.insert("description".to_owned(), json!(reason));
        }
    }
    for (status, description) in COMMON {
        let applies = match status {
            "400" => has_body || has_params,
            "401" => secured,
            "413" | "415" => has_body,
            "422" => has_body || has_params,
            _ => true,
        };
        if applies && !responses.contains_key(status) {
            responses.insert(
                status.to_owned(),
                json!({
                    "description": description,
                    "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/ErrorBody"
                    }}}
                }),
            );
        }
    }
}

/// Ids in paths are 1 to 2147483647 (see `extract::IdPath`); `limit` is 1 to 100.
fn bound_parameter(parameter: &mut Value) {
    let name = parameter
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let location = parameter
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (minimum, maximum) = match (location, name) {
        ("query", "limit") => (1, i64::try_from(service::page::MAX_LIMIT).unwrap_or(100)),
        ("path", _) | ("query", "query_id") => (1, i64::from(i32::MAX)),
        _ => return,
    };
    if let Some(schema) = parameter.get_mut("schema").and_then(Value::as_object_mut)
        && schema.get("type").and_then(Value::as_str) == Some("integer")
    {
        schema.insert("minimum".to_owned(), json!(minimum));
        schema.insert("maximum".to_owned(), json!(maximum));
    }
}

/// `/openapi.json` (the [`finish`]ed document) and `/docs` (Swagger UI, served from the binary,
/// on the same document).
pub fn docs_routes<S: Clone + Send + Sync + 'static>(spec: Value) -> Router<S> {
    // No validator: Swagger UI would otherwise send the document to a public web service.
    let config = Config::new(["/openapi.json"]).validator_url("none");
    SwaggerUi::new("/docs")
        .external_url_unchecked("/openapi.json", spec)
        .config(config)
        .into()
}
