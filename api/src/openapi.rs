//! The OpenAPI document (generated from the handlers by utoipa) and the browsable docs.

use axum::Json;
use axum::Router;
use std::sync::Arc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_scalar::{Scalar, Servable};

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

/// `/openapi.json` and `/docs` (Scalar's browsable reference of the same document).
pub fn docs_routes<S: Clone + Send + Sync + 'static>(spec: utoipa::openapi::OpenApi) -> Router<S> {
    let shared = Arc::new(spec.clone());
    Router::new()
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let spec = Arc::clone(&shared);
                async move { Json(spec.as_ref().clone()) }
            }),
        )
        .merge(Scalar::with_url("/docs", spec))
}
