//! The OpenAPI document (generated from the handlers by utoipa) and the browsable docs.
//!
//! `/docs` is Swagger UI with every asset compiled into the binary (utoipa-swagger-ui's
//! `vendored` build): it loads nothing from the network, so the reference renders in an
//! air-gapped deployment, and it runs no inline script.

use axum::Router;
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

/// `/openapi.json` and `/docs` (Swagger UI, served from the binary, on the same document).
pub fn docs_routes<S: Clone + Send + Sync + 'static>(spec: utoipa::openapi::OpenApi) -> Router<S> {
    // No validator: Swagger UI would otherwise send the document to a public web service.
    let config = Config::new(["/openapi.json"]).validator_url("none");
    SwaggerUi::new("/docs")
        .url("/openapi.json", spec)
        .config(config)
        .into()
}
